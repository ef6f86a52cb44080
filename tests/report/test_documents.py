"""The terminal's documents (report/documents.py): a plain recommend fits one screen, the answer before the details."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner

ANSWERS = str(EXAMPLE_ANSWERS)
COMMITTEE = str(ROOT / "examples" / "committee.yaml")
#: Words a provost would have to look up: never in the plain view (issue 21).
JARGON = ("effective weight", "Monte Carlo", "utility", "utilities", "Kendall", "ROC", "SMAA", "--format json")


def screen(*args: str, width: int = 80) -> list[str]:
    from mcstrat.cli import app

    result = make_runner().invoke(app, ["recommend", *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


# Lines at 80 columns, measured when the plain view was made (issue 21): the example's is the bar (at most
# 30: one screen); the others are ceilings that keep the analyses from creeping back to 45, 100 and 150 lines.
@pytest.mark.parametrize(
    ("args", "most"),
    [
        ((), 30),
        (("--robustness",), 105),
        (("--stability",), 65),
        (("--group",), 32),
        (("--group", "--robustness", "--stability"), 145),
    ],
    ids=["example", "robustness", "stability", "group", "group-with-both-analyses"],
)
def test_line_counts_at_80_columns(args: tuple[str, ...], most: int) -> None:
    given = (*args[:1], COMMITTEE, *args[1:]) if args[:1] == ("--group",) else ("--answers", ANSWERS, *args)
    lines = screen(*given)
    assert len(lines) <= most, "\n".join(lines)
    assert max(len(line) for line in lines) <= 80


def test_the_plain_view_says_the_answer_and_what_to_type_for_more() -> None:
    lines = screen("--answers", ANSWERS)
    text = " ".join(" ".join(lines).split())
    assert lines[0] == "Recommendation for Provost's office"
    assert lines[3].split()[:4] == ["1", "Institutional", "business", "unit"]
    # the lead, the missed target on a line of its own, the reason in plain words, what it hangs on
    assert "Institutional business unit leads Professional body led or partnership" in text
    assert any(line.startswith("Note: Institutional business unit misses your target horizon H1") for line in lines)
    assert "What decides it." in text and "lower risk and cost" in text
    assert "The ranking hangs on 23 single ratings of the table" in text
    assert "Not ranked: OPX led, excluded by request." in text
    assert "Peer consortium can never come out ahead" in text or "nor Peer consortium of" in text
    hint = next(line for line in lines if line.startswith("More: "))
    for word in ("--explain", "--robustness", "why-not", "--report"):
        assert word in hint
    assert "Source: Brown, McGreal & Peters (2023), Table 2" in text  # the source, in short
    # the details are --explain's
    assert "Your priorities" not in text and "Strengths:" not in text and "Points from each criterion" not in text


@pytest.mark.parametrize("width", [40, 50, 80, 120])
def test_the_plain_view_has_no_jargon(width: int) -> None:
    for given in (("--answers", ANSWERS), ("--group", COMMITTEE)):
        text = " ".join(" ".join(screen(*given, width=width)).split())
        for word in JARGON:
            assert not re.search(rf"\b{re.escape(word)}\b", text), (word, text)


def test_explain_keeps_everything_the_terminal_showed_before() -> None:
    text = " ".join(" ".join(screen("--answers", ANSWERS, "--explain")).split())
    assert "What decides it." in text  # and what the plain view says
    for part in (
        "Your priorities",
        "Influence: the share of the possible differences in score",
        "Points from each criterion",
        "Not ranked: • OPX led: excluded by request",
        "Top: Institutional business unit — Commercial unit or Subsidiary",
        "Strengths: Potential for fast, flexible",
        "Source: Brown, M., McGreal, R. & Peters, M. (2023).",
    ):
        assert part in text, part
    assert "More: " not in text  # nothing left to ask for


def test_a_hint_is_left_out_once_asked_for() -> None:
    hint = next(line for line in screen("--answers", ANSWERS, "--robustness") if line.startswith("More: "))
    assert "--robustness" not in hint and "--explain" in hint


def test_analyses_say_their_summary_first() -> None:
    lines = screen("--answers", ANSWERS, "--robustness", "--stability", width=120)
    for title, first in (
        ("How firm the ranking is", "How firm: "),
        ("What can win at all", "What cannot win."),
        ("What would change it", "Institutional business unit stays first"),
    ):
        at = lines.index(title)
        assert lines[at + 1].startswith(first), (title, lines[at + 1])


def test_a_group_says_who_disagrees_and_keeps_its_details_for_explain() -> None:
    plain = " ".join(" ".join(screen("--group", COMMITTEE)).split())
    assert "Who disagrees most. Finance (40% of the weight)" in plain
    assert "Three readings of the same scores" not in plain and "Agreement" not in plain
    lines = screen("--group", COMMITTEE, "--explain", width=120)
    at = lines.index("Stakeholders")
    assert lines[at + 1].startswith("Who disagrees most.")  # the summary first, then the details
    assert "Three readings of the same scores" in " ".join(lines)


def test_other_formats_keep_the_whole_document() -> None:
    from mcstrat.cli import app

    result = make_runner().invoke(app, ["recommend", "--answers", ANSWERS, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "Your priorities" in result.stdout and "Strengths" in result.stdout


def test_defaults_that_carry_more_than_a_quarter_are_said_under_the_ranking() -> None:
    lines = screen("--roi", "critical", "--risk", "high", "--target-horizon", "H1")
    text = " ".join(" ".join(lines).split())
    assert "Criteria you did not mention (effort, horizon, autonomy, speed to market, cost and impact)" in text
    assert text.index("Criteria you did not mention") < text.index("More: ")
    assert "did not mention" not in " ".join(screen("--answers", ANSWERS))  # every criterion stated there
