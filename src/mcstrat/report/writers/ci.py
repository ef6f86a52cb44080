"""CI's languages for `check` and `validate`: JSON, GitHub workflow commands and job summary, JUnit XML.

Each writer is a pure function from the results (decide/check.py's outcomes, files/positions.py's
validated files) to text; the command line only writes it. `text` is the terminal's view
(views/check.py's document for `check`; `validate`'s own lines on stderr).

- github: one workflow command per line on stdout (GitHub reads them there):
  `::error file=PATH,line=N,col=M,title=...::message` for each validation problem, at the key's line
  and column; `::error` for a lock that drifted or cannot be checked, `::notice` for one that holds
  or a file that is valid. Values are escaped as the runner unescapes them (% CR LF, and : , in
  properties), after the sanitiser has made control and bidi characters inert.
- summary: a Markdown table, appended to the file GITHUB_STEP_SUMMARY names (the CLI appends it).
- junit: JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one <testsuite> in a
  <testsuites>, one <testcase> per lock (or file validated); a drift or an invalid file is a
  <failure> and a lock that cannot be checked an <error>, each with the explanation as its message
  and text. Written with xml.etree.ElementTree, text made safe for XML 1.0 by the sanitiser; no
  timings, so the same results give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcstrat import sanitize
from mcstrat.core.vocabulary import Word
from mcstrat.report import numbers

if TYPE_CHECKING:
    from mcstrat.decide.check import Failed, Outcome
    from mcstrat.files.positions import Validated


class CIFormat(Word):
    """What `--format` of `check` and `validate` may ask for."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


# -- GitHub workflow commands ------------------------------------------------------------------


def _data(text: str) -> str:
    """TEXT as a workflow command's message: one line, inert, escaped as the runner unescapes it."""
    safe = sanitize.terminal(text, newlines=True)
    return safe.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **where: Any) -> str:
    """`::KIND file=...,line=...::MESSAGE`, the properties given (None ones left out) in GitHub's order."""
    order = ("file", "line", "col", "title")
    props = ",".join(f"{k}={_property(str(where[k]))}" for k in order if where.get(k) is not None)
    return f"::{kind}{' ' + props if props else ''}::{_data(message)}"


def check_github(found: list[Outcome | Failed]) -> str:
    """`check --format github`: an error for a lock that drifted or cannot be checked, a notice for one that holds;
    and each edit of an answers file at its line there (an error when the lock drifted, else a notice)."""
    import os

    from mcstrat.decide.check import Failed
    from mcstrat.report.views.check import edit_text, headline, message, status

    lines = []
    for one in found:
        said = status(one)
        kind = "notice" if said == "holds" else "error"
        title = {"holds": "decision holds", "drifted": "decision drifted", "error": "cannot check decision"}[said]
        lines.append(command(kind, message(one), file=str(one.lock), title=title))
        if isinstance(one, Failed):
            continue
        for change in one.inputs:  # the file is named as the lock names it: relative to the lock's folder
            file = os.path.normpath(one.lock.parent / change.file)
            for edit in change.edits:
                lines.append(
                    command(kind, f"{edit_text(edit)}: {headline(one)}", file=file, line=edit.line, title=title)
                )
    return "\n".join(lines)


def validate_github(found: list[Validated]) -> str:
    """`validate --format github`: an error at each problem's line and column, a notice for each valid file."""
    lines = []
    for one in found:
        if one.valid:
            lines.append(command("notice", f"valid {one.kind} file", file=str(one.file), title="valid"))
        for problem in one.problems:
            lines.append(
                command(
                    "error",
                    problem.text,
                    file=str(problem.file or one.file),
                    line=problem.line,
                    col=problem.column,
                    title=f"invalid {one.kind} file",
                )
            )
    return "\n".join(lines)


# -- the job summary -------------------------------------------------------------------------------


def check_summary(found: list[Outcome | Failed]) -> str:
    """The Markdown verdict table GitHub shows on the run's page: one row per lock."""
    from mcstrat.decide.check import Failed
    from mcstrat.report.views.check import explanation, status

    rows = ["## Decision locks", "", "| Lock | Verdict | Winner | What changed |", "| --- | --- | --- | --- |"]
    for one in found:
        said = status(one)
        mark = {"holds": "✅ holds", "drifted": "❌ drifted", "error": "⚠️ cannot be checked"}[said]
        if isinstance(one, Failed):
            why, winner = " ".join(line.strip() for line in one.lines), ""
        else:
            why, winner = explanation(one), numbers.listed([one.names.get(m, m) for m in one.now["winner"]])
        cells = [str(one.lock), mark, winner, why or "nothing"]
        rows.append("| " + " | ".join(sanitize.markdown(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n\n"


def validate_summary(found: list[Validated]) -> str:
    """The Markdown table of files validated: one row per file."""
    rows = ["## Validated files", "", "| File | Kind | Result |", "| --- | --- | --- |"]
    for one in found:
        result = "✅ valid" if one.valid else f"❌ {len(one.problems)} problem(s)"
        rows.append(f"| {sanitize.markdown(str(one.file))} | {one.kind} | {result} |")
    return "\n".join(rows) + "\n\n"


# -- JSON ------------------------------------------------------------------------------------------


def check_json(found: list[Outcome | Failed], updated: tuple[Any, ...] = ()) -> str:
    from mcstrat.report.data import to_json
    from mcstrat.report.views.check import data

    return to_json(data(found, updated))


def validate_data(found: list[Validated]) -> dict[str, Any]:
    """The JSON of `validate`: each file, its kind, and every problem with its line and column."""
    return {
        "valid": all(one.valid for one in found),
        "files": [
            {
                "file": str(one.file),
                "kind": one.kind,
                "valid": one.valid,
                "problems": [
                    {
                        "message": p.text,
                        "line": p.line,
                        "column": p.column,
                        **({"file": str(p.file)} if p.file is not None else {}),
                    }
                    for p in one.problems
                ],
            }
            for one in found
        ],
    }


def validate_json(found: list[Validated]) -> str:
    from mcstrat.report.data import to_json

    return to_json(validate_data(found))


# -- JUnit XML -------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """TEXT with what XML 1.0 cannot hold (control characters) made visible and inert; line breaks kept."""
    return sanitize.terminal(text, newlines=True)


def _junit(suite: str, cases: list[tuple[str, str, str | None, str | None]]) -> str:
    """JUnit XML: one suite named SUITE of CASES (name, file, 'failure' | 'error' | None, message)."""
    import xml.etree.ElementTree as ET

    failures = sum(1 for _, _, kind, _ in cases if kind == "failure")
    errors = sum(1 for _, _, kind, _ in cases if kind == "error")
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": suite, **counts})
    group = ET.SubElement(root, "testsuite", {"name": suite, **counts, "skipped": "0"})
    for name, file, kind, message in cases:
        case = ET.SubElement(group, "testcase", {"classname": suite, "name": _xml_text(name), "file": _xml_text(file)})
        if kind is not None and message is not None:
            first = _xml_text(message).split("\n", 1)[0]
            problem = ET.SubElement(case, kind, {"message": first, "type": "drift" if kind == "failure" else "error"})
            problem.text = _xml_text(message)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def check_junit(found: list[Outcome | Failed]) -> str:
    """`check --format junit`: a test case per lock; a drift is a failure, a lock that cannot be checked an error."""
    from mcstrat.report.views.check import message, status

    cases = []
    for one in found:
        said = status(one)
        kind = {"holds": None, "drifted": "failure", "error": "error"}[said]
        cases.append((str(one.lock), str(one.lock), kind, message(one) if kind else None))
    return _junit("mcstrat check", cases)


def validate_junit(found: list[Validated]) -> str:
    """`validate --format junit`: a test case per file; an invalid file is a failure listing every problem."""
    cases = []
    for one in found:
        lines = [
            f"{p.file or one.file}:" + (f"{p.line}:{p.column}: " if p.line else " ") + p.text for p in one.problems
        ]
        message = f"{one.file}: invalid {one.kind} file, {len(lines)} problem(s)\n" + "\n".join(lines)
        cases.append((str(one.file), str(one.file), None if one.valid else "failure", None if one.valid else message))
    return _junit("mcstrat validate", cases)


__all__ = [
    "CIFormat",
    "check_github",
    "check_json",
    "check_junit",
    "check_summary",
    "command",
    "validate_data",
    "validate_github",
    "validate_json",
    "validate_junit",
    "validate_summary",
]
