"""The documentation cannot rot: every `mcstrat` command shown in README.md and docs/ runs and exits as documented.

Each document's commands run in order in a scratch folder holding a copy of examples/ (a later
command may use a file an earlier one wrote), with no terminal and CI set, as a reader pasting
them would after activating the virtual environment. A command in a ```sh block is expected to
exit 0 unless its comment says "exit N"; a command in running text (an inline code span) must
exit 0, unless it is a pattern rather than a command (a placeholder such as FILE or ID,
alternatives such as answers|models, or "...").
A `recommend` that states no priorities is the questionnaire, shown for a terminal: here, with none,
it must refuse with exit 2 and say so, as docs/ci.md promises (tests/cli/test_ask.py drives the
questions themselves through a pseudo-terminal).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
#: A workflow's steps (```yaml blocks, docs/ci.md): each `run: mcstrat ...` is a command shown too.
WORKFLOW_RUN = re.compile(r"^\s*(?:-\s+)?run:\s+(mcstrat .*)$", re.M)
INLINE = re.compile(r"`(mcstrat [^`]+)`")
EXIT = re.compile(r"\bexit (\d+)")
#: Words that stand for something to fill in: a command holding one is a pattern, not run.
PLACEHOLDERS = {"FILE", "ID", "MODEL", "A", "B", "C", "CRITERION", "POINTS", "LEVEL", "N", "S", "FORMAT", "MODE"}
#: Commands that change the user's machine (their shell's start-up files) are shown, never run.
NOT_RUN = ("--install-completion", "--show-completion")
#: What states priorities on a `recommend` command line; without any of them it asks (the questionnaire).
STATES = re.compile(
    r"(--answers|-a|--group|-g|--weight|-w|--ranking|--swing|--target|--target-horizon)\b"
    r"|--[a-z-]+ (none|low|medium|high|critical|[0-5])\b"
)


def asks(command: str) -> bool:
    """True for a `mcstrat recommend` that states no priorities, so asks for them in a terminal."""
    return command.split()[:2] == ["mcstrat", "recommend"] and not STATES.search(command)


def commands(doc: Path) -> list[tuple[str, int]]:
    """Every runnable `mcstrat` command DOC shows, in order, with the exit code it documents."""
    text = doc.read_text(encoding="utf-8")
    found: list[tuple[int, str, int]] = []
    for block in FENCE.finditer(text):
        # each line's place in the block keeps a block's commands in the order shown (not sorted by their text)
        for i, line in enumerate(block.group(1).replace("\\\n", " ").splitlines()):
            command, _, comment = line.strip().partition("  #")
            if command.startswith("mcstrat "):
                code = EXIT.search(comment)
                found.append((block.start() + i, " ".join(command.split()), int(code.group(1)) if code else 0))
    for block in re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        for step in WORKFLOW_RUN.finditer(block.group(1)):
            command, _, comment = step.group(1).partition("  #")
            code = EXIT.search(comment)
            found.append((block.start(1) + step.start(), " ".join(command.split()), int(code.group(1)) if code else 0))
    prose = FENCE.sub(lambda m: " " * len(m.group(0)), text)  # fenced blocks are done
    for span in INLINE.finditer(prose):
        command = span.group(1).replace("\\|", "|")
        words = set(re.split(r"[\s=|\[\]<>]+", command))
        alternatives = re.search(r"\S\|\S", command)  # `schema answers|models`: one of several
        if "..." in command or alternatives or words & PLACEHOLDERS or any(flag in command for flag in NOT_RUN):
            continue
        found.append((span.start(), command, 2 if asks(command) else 0))
    return [(command, code) for _, command, code in sorted(found)]


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_every_command_shown_runs_as_documented(doc: Path, tmp_path: Path) -> None:
    from mcstrat.report.writers.pdf import find_browser

    shown = commands(doc)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "CI": "true", "COLUMNS": "80", "HOME": str(tmp_path)}
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "job-summary.md")  # --format github appends here, as in Actions
    env.pop("SOURCE_DATE_EPOCH", None)
    mcstrat = f"{shlex.quote(sys.executable)} -m mcstrat"
    failures = []
    for command, expected in shown:
        if ".pdf" in command and find_browser() is None:
            continue  # printing a PDF needs a Chromium or Chrome; the browser tests check it where there is one
        done = subprocess.run(
            ["bash", "-c", "set -o pipefail; " + mcstrat + command.removeprefix("mcstrat")],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if asks(command) and "no terminal to ask" not in done.stderr:
            failures.append(f"{command}: does not say it needs a terminal to ask\n{done.stderr[-600:]}")
        if done.returncode != expected:
            failures.append(f"{command}: exit {done.returncode}, documented {expected}\n{done.stderr[-600:]}")
        elif expected == 0 and "Traceback" in done.stderr:
            failures.append(f"{command}: a traceback\n{done.stderr[-600:]}")
    assert not failures, "\n\n".join(failures)


def test_the_documents_show_commands_to_check() -> None:
    """The extraction finds the tour's commands (a change of format would otherwise make the test above vacuous)."""
    readme = [command for command, _ in commands(ROOT / "README.md")]
    assert "mcstrat recommend --answers examples/answers.yaml --robustness --stability" in readme
    assert "mcstrat init my-answers.yaml" in readme
    assert sum(len(commands(doc)) for doc in DOCS) >= 40
    ci = commands(ROOT / "docs" / "ci.md")
    assert ("mcstrat check mine.lock.json", 1) in ci
    assert ("mcstrat check --format github", 0) in ci  # a workflow step


def test_the_readme_stays_the_users_page() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250
    for doc in ("method", "questionnaire", "firmness", "groups", "record", "ci", "performance", "development"):
        assert f"(docs/{doc}.md)" in "\n".join(lines), f"README.md links to docs/{doc}.md"
