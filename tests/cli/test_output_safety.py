"""Hostile text in a models file, answers files and file names, through every command, format and file.

The bad-input catalogue's hostile-text cases: names, descriptions, examples, strengths, weaknesses,
source fields, criterion labels and meanings, level notes, stakeholder names and file names hold
ESC/OSC sequences, C1 controls, NUL, backspace, CR, bidi overrides and isolates, zero-width
characters, a spreadsheet formula, raw HTML, a table pipe and a javascript: link. Whatever mcstrat
writes (stdout, stderr, the report, the HTML and SVG exports, saved answers, the init template)
must hold no control or format character, no formula start in a CSV cell, no raw HTML and no
unescaped table break; JSON must keep the exact text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt  # comes with rich, a dependency of mcstrat

from mcstrat.cli import app
from tests.conftest import ROOT, make_runner

runner = make_runner()

PAYLOAD = (
    "=cmd|' /C calc'!A0 \x1b[2J\x1b]0;pwned\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "\x9b31m\x85 NUL\x00 BS\x08 CR\r \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth\ufeff "
    "<script>alert(1)</script> <img src=x onerror=alert(1)> a | b ](javascript:alert(1)) &#60;b&#62; ~~~ "
    "[bold red]markup[/] :smiley:\nsecond line\r\nthird\u2028fourth\n"
)
JS_LINK = "](javascript:alert(1))"


def name(tag: str) -> str:
    """A hostile name of at most 80 characters (the longest a model name may be)."""
    return f"={tag}\x1b[31m|<b>{tag}</b>\u202e\u200b{JS_LINK}\r\x08\x00\x9b[red]"


def label(tag: str) -> str:
    """A hostile criterion label of at most 40 characters."""
    return f"@{tag}\x1b]0;t\x07|<i>\u202e\u200b\r\x9b"


HOSTILE_FILE = "ans\x1b[31m\u202e|=x<b>.yaml"


def hostile_catalog() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "data" / "models.yaml").read_text(encoding="utf-8"))
    data["source"] = {
        "citation": PAYLOAD,
        "table": PAYLOAD,
        "doi": "10.1/\x1b[2J|<b>",
        "url": "javascript:alert(1)",
        "licence": "-CC\x1b[2J|<script>",
        "licence_url": "https://licence.example/a|b<script>",
        "adapted_from": PAYLOAD,
        "changes": PAYLOAD,
    }
    for i, crit in enumerate(data["criteria"]):
        crit["label"] = label(f"L{i}")
        crit["meaning"] = PAYLOAD
        crit["source_label"] = PAYLOAD
        crit["question"] = PAYLOAD
        if crit["id"] == "horizon":
            crit["level_notes"] = {level: PAYLOAD for level in crit["scale"]}
    for i, model in enumerate(data["models"]):
        model["name"] = name(f"M{i}")
        for key in ("heading", "description", "example", "strengths", "weaknesses"):
            model[key] = PAYLOAD
    return data


def answers(who: str, **extra: Any) -> dict[str, Any]:
    data = {
        "version": 1,
        "name": f"+{who}\x1b[2J|<script>x</script>\u202e\u200b{JS_LINK}\r\x00",
        "priorities": {"roi": "high", "risk": 4, "cost": "low", "horizon": 2},
        "target_horizon": "H2",
    }
    data.update(extra)
    return data


def dump(path: Path, data: Any) -> Path:
    # double-quoted YAML escapes carry the control characters YAML forbids raw
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "models": dump(folder / "models\x1b]0;t\x07.yaml", hostile_catalog()),
        "answers": dump(folder / HOSTILE_FILE, answers("Provost")),
        "answers2": dump(folder / "second\u202e.yaml", answers("Finance", priorities={"effort": 5, "speed": 1})),
        "folder": folder,
    }


# -- what may come out ------------------------------------------------------------------------


def unsafe_characters(text: str) -> list[str]:
    """Controls (but newline), format characters (bidi, zero-width...), surrogates, line separators."""
    return [repr(ch) for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")]


def check_text(text: str, where: str) -> None:
    assert not unsafe_characters(text), f"{where}: {sorted(set(unsafe_characters(text)))}"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def check_csv(text: str) -> None:
    check_text(text, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows, "no CSV"
    for row in rows:
        for cell in row:
            if cell.lstrip(" ").startswith(FORMULA_START):
                float(cell)  # only a number may start like a formula


def unescaped_pipes(line: str) -> int:
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m[1]) % 2 == 0)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for key, value in attrs if key in ("href", "src")]


def tags_of(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


MARKDOWN_TAGS = {"h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "code"}
MARKDOWN_TAGS |= {"a", "ul", "li", "ol", "hr", "br", "s", "pre", "blockquote"}


def check_markdown(text: str) -> None:
    check_text(text, "markdown")
    outside_links = re.sub(r"<https?://[^<>\s]*>", "", text)
    # raw HTML and autolinks open with '<' and a letter, '/', '!' or '?': a '<' before anything else ("<1%",
    # "risk<=MED") is plain text, and the Markdown writer leaves it so
    assert not re.search(r"<[A-Za-z/!?]", outside_links), "raw HTML or a non-http autolink"
    # every table keeps its shape: each row has as many unescaped pipes as its header
    for block in re.findall(r"(?:^\|.*\n?)+", text, flags=re.MULTILINE):
        counts = {unescaped_pipes(line) for line in block.splitlines()}
        assert len(counts) == 1, f"a table row breaks: {block[:300]!r}"
    # rendered by a CommonMark + GFM-tables renderer that lets raw HTML through: none comes out
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)
    found = tags_of(rendered)
    assert found.tags <= MARKDOWN_TAGS, found.tags - MARKDOWN_TAGS
    assert all(href.startswith(("http://", "https://")) for href in found.hrefs), found.hrefs
    assert "javascript:" not in " ".join(found.hrefs)


def check_html_export(text: str) -> None:
    check_text(text, "html export")
    found = tags_of(text)
    assert found.tags <= {"html", "head", "meta", "title", "style", "body", "pre", "code", "span"}, found.tags
    assert text.count("<title>") == 1 and "<title>mcstrat recommend: " in text  # the user's names as text only
    assert not found.hrefs
    assert "&lt;script&gt;" in text or "&lt;b&gt;" in text  # the user's tags are shown as text


def check_svg_export(text: str) -> None:
    check_text(text, "svg export")
    root = ET.fromstring(text)  # well-formed XML: a raw control character would break it
    local = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert local <= {"svg", "style", "defs", "clipPath", "rect", "g", "text", "path", "circle", "title"}, local
    assert "<script" not in text.lower()


def check_json(text: str) -> Any:
    check_text(text, "json")
    return json.loads(text)


def run(args: list[str], code: int = 0) -> Any:
    result = runner.invoke(app, args)
    assert result.exit_code == code, (result.stdout[-2000:], result.stderr[-2000:], result.exception)
    check_text(result.stdout, "stdout")
    check_text(result.stderr, "stderr")
    assert "Traceback" not in result.stderr
    if code:
        assert result.stdout == ""
        assert "Error" in result.stderr or "invalid" in result.stderr
    return result


CHECKS = {"table": lambda text: None, "json": check_json, "csv": check_csv, "markdown": check_markdown}


def models_args(files: dict[str, Path]) -> list[str]:
    return ["--models", str(files["models"])]


# -- every command and format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_models(files: dict[str, Path], fmt: str) -> None:
    result = run([*models_args(files), "models", "--format", fmt])
    CHECKS[fmt](result.stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_show(files: dict[str, Path], fmt: str) -> None:
    result = run([*models_args(files), "show", "mooc", "--format", fmt])
    CHECKS[fmt](result.stdout)
    if fmt == "table":
        assert "\ufffd[2J" in result.stdout  # the escape is shown, inert, not dropped
        assert "=M6\ufffd[31m|<b>M6</b>" in result.stdout and "[red]" in result.stdout  # text, never markup


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_recommend_with_every_analysis_and_file(files: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    outputs = {
        "--report": tmp_path / "rep\x1b]0;t\x07|<b>.md",
        "--export-html": tmp_path / "view\u202e.html",
        "--export-svg": tmp_path / "view\x1b[2J.svg",
        "--save-answers": tmp_path / "saved\x1b[31m.yaml",
    }
    args = [*models_args(files), "recommend", "--answers", str(files["answers"]), "--explain"]
    args += ["--robustness", "--samples", "200", "--stability", "--format", fmt]
    for flag, path in outputs.items():
        args += [flag, str(path)]
    result = run(args)
    CHECKS[fmt](result.stdout)
    check_markdown(outputs["--report"].read_text(encoding="utf-8"))
    check_html_export(outputs["--export-html"].read_text(encoding="utf-8"))
    check_svg_export(outputs["--export-svg"].read_text(encoding="utf-8"))
    saved = outputs["--save-answers"].read_text(encoding="utf-8")
    check_text(saved, "saved answers")
    assert yaml.safe_load(saved)["name"] == answers("Provost")["name"]  # exact text, YAML-escaped
    if fmt == "json":
        data = json.loads(result.stdout)
        hostile = hostile_catalog()
        assert data["ranking"][0]["name"] in {m["name"] for m in hostile["models"]}  # exact text kept
        assert data["name"] == answers("Provost")["name"]
        assert data["inputs"][0]["file"] == str(files["answers"])


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_group_recommendation(files: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    report = tmp_path / "group.md"
    args = [*models_args(files), "recommend", "-a", str(files["answers"]), "-a", str(files["answers2"])]
    args += ["--robustness", "--samples", "100", "--stability", "--report", str(report), "--format", fmt]
    result = run(args)
    CHECKS[fmt](result.stdout)
    check_markdown(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_compare(files: dict[str, Path], fmt: str) -> None:
    result = run([*models_args(files), "compare", "mooc", "sole", "opx", "-a", str(files["answers"]), "--format", fmt])
    CHECKS[fmt](result.stdout)


def test_validate_valid_hostile_files(files: dict[str, Path]) -> None:
    run([*models_args(files), "validate", str(files["models"])])
    result = run([*models_args(files), "validate", str(files["answers"])])
    assert "valid answers file" in result.stderr


def test_init_template_and_schema(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "init\x1b]0;t\x07.yaml"
    result = run([*models_args(files), "init", str(target)])
    template = target.read_text(encoding="utf-8")
    check_text(template, "template")
    assert yaml.safe_load(template)["version"] == 1
    assert "\ufffd" in result.stderr  # the file name's escape, shown inert
    check_text(run([*models_args(files), "init", "-"]).stdout, "template on stdout")
    check_json(run([*models_args(files), "schema", "answers"]).stdout)


def test_questionnaire_prompts(files: dict[str, Path]) -> None:
    from mcstrat.cli.ask import run_questionnaire
    from mcstrat.files.models import load_catalog

    out = io.StringIO()
    lines = iter([""] * 40)
    run_questionnaire(load_catalog(files["models"]), read=lambda: next(lines), write=out)
    check_text(out.getvalue(), "questionnaire")
    assert "\ufffd" in out.getvalue()


# -- error paths --------------------------------------------------------------------------------


HUGE = "\x1b[2J" + "x" * 250_000


@pytest.mark.parametrize(
    "args",
    [
        ["show", f"<script>\x1b]0;t\x07{JS_LINK}"],
        ["show", HUGE],
        ["compare", HUGE, "mooc"],
        ["recommend", "--roi", HUGE],
        ["recommend", "--roi", "high", "--require", HUGE],
        ["recommend", "--roi", "high", "--exclude", HUGE],
        ["recommend", "--roi", "high", "--weight", f"{HUGE}=3"],
        ["recommend", "--roi", "high", "--target", HUGE],
        ["recommend", "--answers", f"missing\x1b[2J\u202e{'y' * 300}.yaml"],
        ["recommend", "--top", HUGE],
        ["models", "--format", HUGE],
        [HUGE],
    ],
    ids=["hostile-id", "huge-id", "huge-compare", "huge-importance", "huge-require", "huge-exclude", "huge-weight",
         "huge-target", "hostile-missing-file", "usage-huge-top", "usage-huge-format", "usage-huge-command"],
)  # fmt: skip
def test_echoed_values_are_clipped_and_inert(args: list[str]) -> None:
    result = run(args, code=2)
    assert len(result.stderr) < 1500, len(result.stderr)
    if any(HUGE in arg for arg in args):
        assert "…" in result.stderr  # cut, with an ellipsis


def hostile_answers_problems() -> dict[str, Any]:
    return {
        "version": 1,
        "name": PAYLOAD[:200],
        "priorities": {"\x1b[2Jrisk|<b>": "high", "roi": "\x1b]0;t\x07", "x" * 5000: 3},
        "target_horizon": "\u202eH9",
        "exclude": [f"<script>{JS_LINK}\x00"],
        "require": ["risk<=\x1b[31mMED\u202e"],
        f"unknown\x1b[2J{JS_LINK}": 1,
    }


def test_invalid_hostile_answers_file(files: dict[str, Path]) -> None:
    bad = dump(files["folder"] / "bad\x1b[2J.yaml", hostile_answers_problems())
    result = run([*models_args(files), "recommend", "--answers", str(bad)], code=2)
    assert len(result.stderr) < 2000
    result = run([*models_args(files), "validate", str(bad)], code=2)
    assert "invalid answers file" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 600


def test_invalid_hostile_models_file(files: dict[str, Path]) -> None:
    data = hostile_catalog()
    data["models"][0]["ratings"][f"\x1b[2J<script>{'z' * 3000}"] = "LOW"
    data["criteria"][0]["direction"] = "\x1b]0;t\x07"
    bad = dump(files["folder"] / "badmodels\u202e.yaml", data)
    run(["--models", str(bad), "models"], code=2)
    result = run(["validate", str(bad)], code=2)
    assert max(len(line) for line in result.stderr.splitlines()) < 600


def test_exact_text_survives_in_json(files: dict[str, Path]) -> None:
    data = check_json(run([*models_args(files), "show", "mooc", "--format", "json"]).stdout)
    assert data["description"] == PAYLOAD
    assert data["source"]["url"] == "javascript:alert(1)"


# -- the surfaces of issues 11 to 13 ------------------------------------------------------------


def swing_answers(who: str) -> dict[str, Any]:
    data = answers(who)
    del data["priorities"]
    data["swing"] = {"roi": 100, "risk": "1/3", "speed": 40}
    return data


def ranking_answers(who: str) -> dict[str, Any]:
    data = answers(who)
    del data["priorities"]
    data["ranking"] = "risk > roi = impact > speed"
    return data


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("model", ["mooc", "peer", "ngo"])  # behind, dominated, tied with its twin
def test_why_not(files: dict[str, Path], fmt: str, model: str) -> None:
    result = run([*models_args(files), "why-not", model, "-a", str(files["answers"]), "--format", fmt])
    CHECKS[fmt](result.stdout)
    group = [*models_args(files), "why-not", model, "-a", str(files["answers"]), "-a", str(files["answers2"])]
    CHECKS[fmt](run([*group, "--format", fmt]).stdout)
    if fmt == "json":
        data = json.loads(result.stdout)
        assert set(data["names"].values()) <= {m["name"] for m in hostile_catalog()["models"]}  # exact text


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("space", [["order"], ["free"], ["local", "--spread", "1"]])
def test_weight_spaces_identical_models_and_potential(
    files: dict[str, Path], fmt: str, space: list[str], tmp_path: Path
) -> None:
    # Table 2's twins (professional body, NGO) are named together; potential names every model
    report = tmp_path / "record.md"
    args = [*models_args(files), "recommend", "-a", str(files["answers"]), "--robustness", "--samples", "200"]
    result = run([*args, "--weight-space", *space, "--report", str(report), "--format", fmt])
    CHECKS[fmt](result.stdout)
    check_markdown(report.read_text(encoding="utf-8"))
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["robustness"]["identical"] and data["potential"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("method", [swing_answers, ranking_answers])
def test_swing_and_ranking_views(files: dict[str, Path], fmt: str, method: Any, tmp_path: Path) -> None:
    given = dump(tmp_path / "way\x1b[31m|<b>.yaml", method("Dean"))
    saved = tmp_path / "saved.yaml"
    args = [*models_args(files), "recommend", "-a", str(given), "--explain", "--stability", "--format", fmt]
    result = run([*args, "--save-answers", str(saved)])
    CHECKS[fmt](result.stdout)
    check_text(saved.read_text(encoding="utf-8"), "saved answers")
    # a group of three ways: the agreement summary names everyone through the sanitiser
    group = [*models_args(files), "recommend", "-a", str(given), "-a", str(files["answers"])]
    group += ["-a", str(files["answers2"]), "--robustness", "--samples", "100", "--format", fmt]
    CHECKS[fmt](run(group).stdout)


def test_questionnaire_swing_and_ranking_prompts(files: dict[str, Path]) -> None:
    from mcstrat.cli.ask import run_questionnaire
    from mcstrat.files.models import load_catalog

    catalog = load_catalog(files["models"])
    for way, answers_given in (("swing", ["?"] + [""] * 12), ("ranking", ["?", "risk > roi"])):
        out = io.StringIO()
        lines = ["", "?", way, "H1", *answers_given, "", "", ""] + [""] * 10
        run_questionnaire(catalog, read=io.StringIO("".join(f"{line}\n" for line in lines)), write=out)
        check_text(out.getvalue(), f"questionnaire ({way})")
        assert "\ufffd" in out.getvalue()  # the hostile labels are shown, inert


def test_models_yaml_of_a_hostile_file_is_safe_and_exact(files: dict[str, Path], tmp_path: Path) -> None:
    result = run([*models_args(files), "models", "--format", "yaml"])
    check_text(result.stdout, "models yaml")
    data = yaml.safe_load(result.stdout)
    hostile = hostile_catalog()
    assert [m["name"] for m in data["models"]] == [m["name"] for m in hostile["models"]]  # exact, escaped
    assert data["source"]["citation"] == PAYLOAD
    # and the YAML it gives is a models file that loads again to the same catalogue
    again = tmp_path / "again.yaml"
    again.write_text(result.stdout, encoding="utf-8")
    assert json.loads(run(["--models", str(again), "models", "--format", "json"]).stdout) == json.loads(
        run([*models_args(files), "models", "--format", "json"]).stdout
    )


@pytest.mark.parametrize(
    "words",
    ["show ", "why-not ", "recommend --exclude ", "recommend --target horizon=", "recommend --swing ", "--"],
)
@pytest.mark.parametrize("shell", ["complete_bash", "complete_zsh", "complete_fish"])
def test_completion_output(files: dict[str, Path], words: str, shell: str) -> None:
    line = f"mcstrat --models {files['models']} {words}"
    env = {"_MCSTRAT_COMPLETE": shell, "COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
    env |= {"_TYPER_COMPLETE_ARGS": line}
    result = runner.invoke(app, [], prog_name="mcstrat", env=env)
    assert result.exit_code == 0
    check_text(result.stdout, "completion")
    check_text(result.stderr, "completion stderr")


@pytest.mark.parametrize(
    "args",
    [
        ["why-not", HUGE, "--roi", "5"],
        ["why-not", "mooc", "--swing", f"{HUGE}=3"],
        ["why-not", "mooc", "--ranking", HUGE],
        ["recommend", "--swing", f"roi={HUGE}"],
        ["recommend", "--ranking", f"roi > {HUGE}"],
        ["recommend", "--roi", "5", "--weight-space", HUGE],
    ],
    ids=["why-not-id", "why-not-swing", "why-not-ranking", "swing-points", "ranking", "weight-space"],
)
def test_new_flags_echo_values_clipped_and_inert(args: list[str]) -> None:
    result = run(args, code=2)
    assert len(result.stderr) < 1500, len(result.stderr)


# -- a line break in a file name or a value cannot forge a line of its own ------------------------

FORGED = "Error: all good"
BREAKS = {"lf": "\n", "cr": "\r", "crlf": "\r\n", "nel": "\x85", "ls": "\u2028"}


def _lines(stderr: str) -> list[str]:
    """The lines a terminal shows: CR returns to the start of the line, as LF starts a new one."""
    return re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029|\x0b|\x0c", stderr)


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["recommend", "--answers", "{bad}"], 1),
        (["recommend", "--answers", "{missing}"], 1),
        (["recommend", "--answers", "{folder}"], 1),
        (["--models", "{bad}", "models"], 1),
        (["--models", "{missing}", "recommend", "--roi", "5"], 1),
        (["validate", "{bad}"], 2),
        (["validate", "{missing}"], 2),
        (["recommend", "--answers", "{good}", "--report", "{exists}.md"], 1),
        (["recommend", "--answers", "{good}", "--report", "{folder}/nowhere/r.md"], 1),
        (["recommend", "--answers", "{good}", "--report", "{folder}/r.txt"], 1),
        (["recommend", "--answers", "{good}", "--save-answers", "{folder}"], 1),
        (["recommend", "--answers", "{good}", "--export-svg", "{folder}"], 1),
        (["init", "{folder}"], 1),
        (["recommend", "--weight", "b{brk}Error: all good=2"], 1),
        (["recommend", "--target", "b{brk}Error: all good=H1"], 1),
        (["recommend", "--roi", "x{brk}Error: all good"], 1),
    ],
    ids=[
        "answers-invalid", "answers-missing", "answers-folder", "models-invalid", "models-missing",
        "validate-invalid", "validate-missing", "report-exists", "report-no-folder", "report-extension",
        "save-answers-folder", "export-svg-folder", "init-folder", "weight-key", "target-key", "importance",
    ],
)  # fmt: skip
def test_a_line_break_in_a_name_or_value_cannot_forge_a_line(
    tmp_path: Path, args: list[str], lines: int, brk: str
) -> None:
    stem = f"x{brk}{FORGED}"
    bad = tmp_path / f"{stem}.yaml"
    bad.write_text("version: 1\npriorities: [\n", encoding="utf-8")
    exists = tmp_path / stem
    (tmp_path / f"{stem}.md").write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / f"{stem}.d"
    folder.mkdir()
    names = {
        "bad": bad,
        "missing": tmp_path / f"missing{brk}{FORGED}.yaml",
        "folder": folder,
        "exists": exists,
        "good": EXAMPLE_ANSWERS_FILE,
        "brk": brk,
    }
    result = runner.invoke(app, [arg.format(**names) for arg in args])
    assert result.exit_code == 2, (result.stdout[-2000:], result.stderr[-2000:], result.exception)
    assert result.stdout == ""
    shown = _lines(result.stderr.rstrip("\n"))
    assert not [line for line in shown if line.startswith(FORGED)], result.stderr
    assert len(shown) == lines, result.stderr
    check_text(result.stderr, "stderr")


EXAMPLE_ANSWERS_FILE = ROOT / "examples" / "answers.yaml"
