"""One numbers module (report/numbers.py): one rounding rule, decimals that keep values apart, one way per figure."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from mcstrat.cli import app
from mcstrat.report import numbers
from tests.conftest import make_runner

F = Fraction


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (F(1, 8) * 100, 0, "13"),  # 12.5: half away from zero, never to even
        (F(3, 8) * 100, 0, "38"),
        (F(5, 2), 0, "3"),
        (F(-5, 2), 0, "-3"),
        (F(1, 40), 2, "0.03"),  # 0.025
        (F(-1, 1000), 1, "0.0"),  # no "-0.0"
        (2.675, 2, "2.67"),  # a float is its exact binary value, just below 2.675
        (F(2675, 1000), 2, "2.68"),
        (68, 1, "68.0"),
    ],
)
def test_one_rounding_rule_half_away_from_zero(value: Fraction | float, places: int, shown: str) -> None:
    assert numbers.fixed(value, places) == shown


@pytest.mark.parametrize(
    ("scores", "places"),
    [
        ([F(685, 10), F(667, 10)], 1),
        ([F(6824, 100), F(6824, 100), F(6817, 100)], 2),  # a real tie stays one value
        ([F(200, 3), F(6667, 100)], 3),  # 66.667 and 66.670
        ([F(1, 3) + 50, F(1, 3) + 50 + F(1, 10**9)], 4),  # never more than 4
        ([], 1),
    ],
)
def test_places_keep_different_values_different(scores: list[Fraction], places: int) -> None:
    assert numbers.places(scores) == places


def test_each_kind_of_figure_has_one_way_to_print() -> None:
    assert numbers.percent(F(1, 8)) == "13%" and numbers.percent(F(1, 8), 1) == "12.5%"
    assert numbers.score(F(1850, 27)) == "68.5" and numbers.signed(F(37, 20), 2) == "+1.85"
    assert numbers.signed(F(-1, 3)) == "-0.3" and numbers.signed(0) == "0.0"
    assert (
        numbers.importance(F(11, 3)) == "3.67" and numbers.importance(F(5, 2)) == "2.5" and numbers.importance(4) == "4"
    )
    assert numbers.chance(0.0) == "0%" and numbers.chance(0.004) == "<1%" and numbers.chance(0.004, 1) == "0.4%"
    assert numbers.chance(0.0004, 1) == "<0.1%" and numbers.chance(0.86) == "86%"
    assert numbers.bound(None, numbers.importance) == "no limit" == numbers.NO_LIMIT
    assert numbers.rank(2, True) == "2=" and numbers.rank(2, False) == "2"
    assert numbers.tau(None) == "undefined" and numbers.tau(0.885) == "0.89"


def test_lead_places_make_the_sentence_add_up() -> None:
    assert numbers.lead_places(F(1850, 27), F(1800, 27)) == 2  # 68.52 - 66.67: at one decimal 68.5 - 66.7 != 1.9
    assert numbers.lead_places(F(375, 4), F(325, 4)) == 1  # 93.75 - 81.25: 93.8 - 81.3 = 12.5


# -- the same number prints the same way in every view -------------------------------------------

#: roi 3 of 8 (37.5%), five criteria 1 of 8 (12.5%), effort and horizon 0
EIGHTHS = ["--roi", "3", "--risk", "1", "--speed", "1", "--autonomy", "1", "--cost", "1", "--impact", "1"]
EIGHTHS += ["--effort", "0"]


def test_an_eighth_reads_13_percent_and_three_eighths_38_in_every_view(tmp_path: Path) -> None:
    runner = make_runner()
    table = runner.invoke(app, ["recommend", *EIGHTHS, "--explain"])  # the priorities table is --explain's
    markdown = runner.invoke(app, ["recommend", *EIGHTHS, "--format", "markdown"])
    record = tmp_path / "r.md"
    made = runner.invoke(app, ["recommend", *EIGHTHS, "--samples", "200", "--report", str(record)])
    assert table.exit_code == markdown.exit_code == made.exit_code == 0, table.output + markdown.output + made.output
    roi = re.compile(r"Return on investment\s*\|?\s*higher\s*\|?\s*3\s*\|?\s*(\S+)")
    risk = re.compile(r"Risk\s*\|?\s*lower\s*\|?\s*1\s*\|?\s*(\S+)")
    for text in (table.stdout, markdown.stdout, record.read_text(encoding="utf-8")):
        assert roi.search(text) and roi.search(text).group(1) == "38%", text  # type: ignore[union-attr]
        assert risk.search(text) and risk.search(text).group(1) == "13%", text  # type: ignore[union-attr]
        # a sentence that needs a decimal to add up gives one, rounded the same way: 12.5%, never 12%
        # (the sampled chances of each rank are other numbers, and may read 12% by chance)
        head = re.sub(r"\*\*Chance of each rank\*\*\n\n(?:\|.*\n)+", "", text.split("Central weights")[0])
        assert not re.search(r"\b12%|\b37%", head)


def test_an_interval_without_an_end_reads_no_limit_everywhere(tmp_path: Path) -> None:
    runner = make_runner()
    args = ["recommend", "-a", "examples/answers.yaml", "--stability"]
    outputs = [runner.invoke(app, [*args, "--format", fmt]).stdout for fmt in ("table", "markdown")]
    record = tmp_path / "r.md"
    assert runner.invoke(app, [*args, "--samples", "200", "--report", str(record)]).exit_code == 0
    outputs.append(record.read_text(encoding="utf-8"))
    for text in outputs:
        assert "no limit" in text and "∞" not in text
