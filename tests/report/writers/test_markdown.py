"""The Markdown writer (report/writers/markdown.py): a record that reads cleanly as plain text, and stays safe."""

from __future__ import annotations

import pytest

from mcstrat.cli import app
from mcstrat.report.document import Column, Document, Paragraph, Section, Table
from mcstrat.report.writers.markdown import NOTHING, clean, write
from tests.conftest import EXAMPLE_ANSWERS, make_runner

runner = make_runner()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("High -> HIGH", "High -> HIGH"),  # an arrow is an arrow, not "-&gt;"
        ("risk<=MED", "risk<=MED"),
        ("<1%", "<1%"),
        ("a < b", "a < b"),
        ("> quoted", "&gt; quoted"),  # at the start, '>' would open a quotation
        ("<b>bold</b>", "&lt;b>bold&lt;/b>"),  # a tag stays text: its '<' is escaped
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<!-- note -->", "&lt;!-- note -->"),
        ("<https://evil>", "&lt;https://evil>"),  # no autolink
        ("&lt;1", "&amp;lt;1"),  # an entity typed by a user stays as typed
    ],
)
def test_clean_gives_back_what_cannot_make_markup(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_an_empty_cell_is_a_dash_that_needs_no_escape() -> None:
    table = Table((Column("Model"), Column("Never ahead of")), (("Sole institution", "-"),))
    md = write(Document("t", "", (), (Section("s", "s", (table, Paragraph(("- not a list",)))),)))
    assert f"| Sole institution | {NOTHING} |" in md
    assert "\\-" not in md.split("\n\n")[-2]  # the table
    assert "\\- not a list" in md  # a paragraph that would start a list is still escaped


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("md") / "decision.md"
    result = runner.invoke(
        app,
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--report", str(target)],
        env={"SOURCE_DATE_EPOCH": "0"},
    )
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_the_example_record_reads_as_plain_text(example: str) -> None:
    assert "\\-" not in example and "&gt;" not in example and "&lt;" not in example
    assert "High -> HIGH" in example and "<1%" in example
    # models rated identically: one row, one name
    assert "| Professional body / NGO led or partnership, rated identically |" in example
    assert "| NGO led or partnership |" not in example and "jointly with" not in example
    # a chart no table follows gives its figures as a table: every score of page 1's ranking chart
    assert "| Professional body / NGO led or partnership | 66.67 |" in example


def test_format_markdown_names_excluded_models_by_name() -> None:
    result = runner.invoke(app, ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "OPX led" in result.stdout and "opx-led" not in result.stdout
    assert "\\-" not in result.stdout and "&gt;" not in result.stdout
