"""Writing records through the command line: format from the extension, bad paths, PDF, imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mcstrat import sanitize
from mcstrat.cli import app
from mcstrat.report.record import SECTIONS
from mcstrat.report.writers.pdf import find_browser
from tests.conftest import EXAMPLE_ANSWERS, make_runner, write_yaml

runner = make_runner()
ROOT = Path(__file__).resolve().parent.parent.parent
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def team(tmp_path: Path) -> list[str]:
    people = [
        {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": "high", "impact": 4}},
        {"version": 1, "name": "Finance", "priorities": {"cost": 5, "roi": 5}, "stakeholder_weight": 2},
        {"version": 1, "name": "Faculty", "priorities": {"autonomy": 5, "impact": 5}, "target_horizon": "H2"},
        {"version": 1, "name": "Dean", "priorities": {"speed": 5, "effort": 4}, "target_horizon": "H2"},
    ]
    args = []
    for i, person in enumerate(people):
        args += ["-a", str(write_yaml(tmp_path / f"p{i}.yaml", person))]
    return args


def recommend(*args: str, env: dict[str, str] | None = None) -> object:
    return runner.invoke(app, ["recommend", *args], prog_name="mcstrat", env=env or EPOCH)


@pytest.mark.parametrize("name", ["record.txt", "record", "record.docx", "record.md.bak"])
def test_unknown_extension_is_refused_before_any_work(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and result.stdout == ""  # type: ignore[attr-defined]
    assert "name the file .md (Markdown), .html (a web page) or .pdf" in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing/record.html", "does not exist; create it first"), ("", "is a directory")],
)
def test_unwritable_report_path_is_refused(tmp_path: Path, where: str, message: str) -> None:
    result = recommend("--roi", "5", "--report", str(tmp_path / where))
    assert result.exit_code == 2 and result.stdout == "" and message in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_browser_says_to_write_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr("mcstrat.report.writers.pdf.MAC_BROWSERS", ())
    target = tmp_path / "record.pdf"
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and result.stdout == ""  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "no Chromium or Chrome found to print the PDF" in err and "record.html" in err
    assert "print it to PDF from a browser" in err
    assert list(tmp_path.iterdir()) == []


def test_markdown_record_of_a_group_has_every_section_and_does_not_need_flags(tmp_path: Path) -> None:
    target = tmp_path / "decision.md"
    args = team(tmp_path)
    result = recommend(*args, "--samples", "300", "--report", str(target))  # no --robustness, no --stability
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = target.read_text(encoding="utf-8")
    positions = [text.index(f"\n## {section}\n") for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Date: 2023-11-14" in text
    assert "weightings that keep the order of each stakeholder's priorities" in " ".join(text.split())
    assert "Out of 300 weightings" in text
    for path in args[1::2]:
        assert sanitize.markdown(path) in text
    assert "10.5334/jime.801" in text and "CC BY 4.0" in text
    # the terminal view is unchanged: firmness was computed for the record only
    assert "Robustness" not in result.stdout  # type: ignore[attr-defined]


def test_html_record_is_one_deterministic_self_contained_page(tmp_path: Path) -> None:
    args = team(tmp_path)
    pages = []
    for name in ("one.html", "two.html"):
        result = recommend(*args, "--samples", "300", "--report", str(tmp_path / name), "--format", "json")
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        json.loads(result.stdout)  # type: ignore[attr-defined]
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    html = pages[0].decode("utf-8")
    assert "<title>Decision record: micro-credential business model: " in html
    assert html.count("<svg") == 5 and html.count("<figure") == 5
    for fetches in ("<script", "<link", "<img", " src=", "@import", "@font-face"):
        assert fetches not in html


def test_existing_record_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "decision.html"
    target.write_text("an earlier record", encoding="utf-8")
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and "already exists; pass --force" in result.stderr  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8") == "an earlier record"
    result = recommend("--roi", "5", "--samples", "100", "--report", str(target), "--force")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_compare_writes_a_side_by_side_record(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"compare{suffix}"
    result = runner.invoke(
        app,
        ["compare", "sole", "mooc", "--answers", str(EXAMPLE_ANSWERS), "--report", str(target)],
        prog_name="mcstrat",
        env=EPOCH,
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Comparison record" in text and "Side by side" in text and "Sole institution" in text
    assert sanitize.markdown(str(EXAMPLE_ANSWERS)) in text or sanitize.html(str(EXAMPLE_ANSWERS)) in text


def test_compare_refuses_an_unknown_extension(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "sole", "mooc", "--report", str(tmp_path / "x.odt")], prog_name="mcstrat")
    assert result.exit_code == 2 and result.stdout == "" and ".md (Markdown)" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(find_browser() is None, reason="no Chromium or Chrome on this machine")
def test_pdf_record_is_printed_with_the_summary_on_page_one(tmp_path: Path) -> None:
    target = tmp_path / "decision.pdf"
    result = recommend(*team(tmp_path), "--samples", "300", "--report", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Recommendation:" in first and "keep the order of each" in " ".join(first.split())  # text, selectable
    assert "Questions to settle before committing" in first
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Recommendation:" not in second and "Scores" in second


PROBE = r"""
import contextlib, io, json, sys
from mcstrat.cli import main
sys.argv = ["mcstrat", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
watched = ("matplotlib", "playwright", "mcstrat.report.writers.charts", "mcstrat.report.writers.html", "mcstrat.report.writers.pdf", "mcstrat.report.record")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(watched))))
"""


def _probed(args: list[str]) -> list[str]:
    """The record, plotting and browser modules that running `mcstrat ARGS` (through PROBE) imported."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CI": "true"},
        timeout=60,
        check=True,
    )
    found: list[str] = json.loads(proc.stdout)
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "--answers", str(EXAMPLE_ANSWERS)],
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--stability", "--format", "json"],
        ["compare", "sole", "mooc", "--format", "json"],
        ["models", "--format", "json"],
    ],
    ids=["recommend", "recommend-analyses", "compare", "models"],
)
def test_no_plotting_or_record_code_is_imported_by_other_commands(args: list[str]) -> None:
    assert _probed(args) == []


def test_the_watched_modules_exist() -> None:
    """A watched name that no longer exists (a module moved) would make the test above pass vacuously."""
    import importlib.util

    watched = PROBE.split("watched = (")[1].split(")")[0]
    names = [name.strip().strip('"') for name in watched.split(",") if name.strip()]
    assert len(names) == 6
    assert all(importlib.util.find_spec(name) is not None for name in names), names


def test_a_markdown_record_does_not_import_matplotlib(tmp_path: Path) -> None:
    args = ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--samples", "100", "--report", str(tmp_path / "r.md")]
    found = _probed(args)
    assert "mcstrat.report.record" in found and not [m for m in found if m.startswith(("matplotlib", "playwright"))]
