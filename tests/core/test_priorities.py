"""Importances, targets, constraints and the answers file (priorities.py)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import (
    Priorities,
    check,
    combine,
    importance_statement,
    not_ranked,
    parse_constraint,
    parse_importance,
    to_answers,
)
from mcstrat.core.statement import AnswersFile, Overrides
from mcstrat.core.weighting import points_statement
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.answers import load_answers
from tests.conftest import write_yaml


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, Fraction(0)),
        (5, Fraction(5)),
        (2.5, Fraction(5, 2)),
        (0.1, Fraction(1, 10)),
        ("3", Fraction(3)),
        ("1.25", Fraction(5, 4)),
        ("none", Fraction(0)),
        ("Low", Fraction(1)),
        ("medium", Fraction(2)),
        ("HIGH", Fraction(4)),
        ("critical", Fraction(5)),
        (" high ", Fraction(4)),
    ],
)
def test_parse_importance(value: Any, expected: Fraction) -> None:
    assert parse_importance(value, "--x") == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "out of range"),
        (5.5, "out of range"),
        ("6", "out of range"),
        ("1e400", "out of range"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        ("lots", "is not an importance"),
        ("hgih", "did you mean 'high'"),
        (True, "is not an importance"),
        (None, "is not an importance"),
        ("3-6", "importance 6 is out of range"),
    ],
)
def test_parse_importance_rejects(value: Any, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_importance(value, "--risk")
    assert str(err.value).startswith("--risk: ")
    assert fragment in str(err.value)
    assert "none, low, medium, high, critical" in str(err.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([1], "a range is two numbers, low then high, such as [3, 4]; this list has 1"),
        ([1, 2, 3], "a range is two numbers, low then high, such as [3, 4]; this list has 3"),
        ("4-3", "'4-3' runs backwards; write the low end first, such as 3-4"),
        ([4, 3], "[4, 3] runs backwards; write the low end first, such as 3-4"),
    ],
)
def test_a_malformed_range_says_how_to_write_one(value: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_importance(value, "--risk")
    assert str(err.value) == f"--risk: {message}"


@pytest.mark.parametrize(
    ("value", "point", "low", "high"),
    [
        # a single number is as precise as its last digit; 0 stays 0 and the scale's ends hold
        (3, "3", "5/2", "7/2"),
        ("3", "3", "5/2", "7/2"),
        (2.5, "5/2", "49/20", "51/20"),
        ("2.25", "9/4", "449/200", "451/200"),
        ("high", "4", "7/2", "9/2"),
        (5, "5", "9/2", "5"),
        (0.3, "3/10", "1/4", "7/20"),
        (0, "0", "0", "0"),
        ("none", "0", "0", "0"),
        ("10/3", "10/3", "17/6", "23/6"),
        # a range ranks at its midpoint
        ("3-4", "7/2", "3", "4"),
        ("[3, 4.5]", "15/4", "3", "9/2"),
        ([0, 1], "1/2", "0", "1"),
        (" 2 - 2 ", "2", "2", "2"),
        ("1e-1", "1/10", "1/20", "3/20"),
    ],
)
def test_an_importance_stands_for_an_interval(value: Any, point: str, low: str, high: str) -> None:
    found = importance_statement(value, "x")
    assert (found.point, found.low, found.high) == (Fraction(point), Fraction(low), Fraction(high))


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [(60, 55, 65), (100, 95, 100), (3, 0, 8), (0, 0, 0), ("60-80", 60, 80), ([0, 10], 0, 10)],
)
def test_swing_points_stand_for_five_either_side(value: Any, low: int, high: int) -> None:
    found = points_statement(value, "x")
    assert (found.low, found.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "lo", "hi", "holds"),
    [
        ("risk<=MED", 0, 1, True),
        ("risk<=LOW", 0, 1, False),  # a ranged cell must meet the limit over its whole range
        ("risk<LOW", 0, 0, False),
        ("risk>=LOW", 0, 2, True),
        ("risk>MED", 2, 2, True),
        ("risk==MED", 1, 1, True),
        ("risk=MED", 0, 1, False),
        ("risk!=HIGH", 0, 1, True),
        (" Risk <= med ", 1, 1, True),
        ("horizon<=H2", 1, 2, False),
    ],
)
def test_constraints(catalog: Catalog, text: str, lo: int, hi: int, holds: bool) -> None:
    assert parse_constraint(catalog, text, "--require").holds(lo, hi) is holds


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("risk<<MED", "is not a constraint"),
        ("risk", "is not a constraint"),
        ("rsik<=MED", "did you mean 'risk'"),
        ("risk<=LOL", "'LOL' is not a level of risk; use one of LOW, MED, HIGH"),
        ("horizon<=MED", "is not a level of horizon"),
    ],
)
def test_bad_constraints(catalog: Catalog, text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=r"^--require: ") as err:
        parse_constraint(catalog, text, "--require")
    assert fragment in str(err.value)


def test_defaults_are_medium_and_marked(catalog: Catalog) -> None:
    pri = Priorities.build(catalog, {"roi": 5})
    assert pri.importances["roi"] == 5
    assert pri.importances["risk"] == 2 and "risk" in pri.defaulted
    assert pri.importances["horizon"] == 0 and "horizon" in pri.defaulted  # no target: not scored
    with_target = Priorities.build(catalog, {"roi": 5}, targets={"horizon": "h2"})
    assert with_target.importances["horizon"] == 2 and with_target.targets == {"horizon": 1}


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"importances": {"horizon": 3}}, "horizon has importance 3 but no target; add --target-horizon H1|H2|H3"),
        (
            {"importances": {c: 0 for c in ["effort", "risk", "autonomy", "speed", "cost", "impact", "roi"]}},
            "every criterion has importance 0",
        ),
        ({"targets": {"horizon": "H9"}}, "'H9' is not a level of horizon"),
        ({"targets": {"risk": "LOW"}}, "risk is a cost criterion, not a target one"),
        ({"exclude": ["nope"]}, "unknown model id 'nope'"),
        ({"ranges": "average"}, "unknown ranges mode 'average'"),
        ({"stakeholder_weight": 0}, "out of range"),
        ({"stakeholder_weight": "x"}, "is not a weight"),
    ],
)
def test_build_rejects(catalog: Catalog, kwargs: dict[str, Any], fragment: str) -> None:
    importances = kwargs.pop("importances", {"roi": 3})
    with pytest.raises(InputError) as err:
        Priorities.build(catalog, importances, **kwargs)
    assert fragment in str(err.value)


def test_answers_file_errors_name_file_line_and_key(catalog: Catalog, tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text("version: 1\npriorities:\n  risk: 3\n  rsik: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        combine(catalog, load_answers(file), Overrides())
    assert str(err.value).startswith(
        f"{file}: line 4: priorities.rsik: unknown criterion 'rsik' (did you mean 'risk'?)"
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is empty, not a mapping"),
        ("- 1\n- 2\n", "is a list, not a mapping"),
        ("version: 2\n", "unsupported version 2"),
        ("priorities: {}\n", "version: required key is missing"),
        ("version: 1\nprioritys: {}\n", "line 2: prioritys: unknown key"),
        ("version: 1\npriorities: [1, 2]\n", "line 2: priorities: Input should be a valid dictionary"),
        ("version: 1\nranges: average\n", "line 2: ranges:"),
        ("version: 1\npriorities: {risk: 1}\npriorities: {risk: 2}\n", "duplicate key"),
    ],
)
def test_load_answers_rejects(tmp_path: Path, text: str, fragment: str) -> None:
    file = tmp_path / "a.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as err:
        load_answers(file)
    assert str(file) in str(err.value) and fragment in str(err.value)


def test_flags_override_file_values_and_add_to_lists(catalog: Catalog, tmp_path: Path) -> None:
    file = write_yaml(
        tmp_path / "a.yaml",
        {
            "version": 1,
            "priorities": {"risk": 1, "ROI": 2},
            "target_horizon": "H1",
            "exclude": ["opx"],
            "ranges": "optimistic",
        },
    )
    flags = Overrides(
        importances={"roi": ("5", "--roi")},
        targets={"horizon": ("H3", "--target-horizon")},
        exclude=["mooc"],
        ranges="pessimistic",
    )
    pri = combine(catalog, load_answers(file), flags)
    assert pri.importances["roi"] == 5 and pri.importances["risk"] == 1
    assert pri.targets == {"horizon": 2}
    assert pri.exclude == ("opx-led", "mooc-led")
    assert pri.ranges == "pessimistic"


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ({"importances": {"risk": 5, "RISK": 0}}, "priorities.RISK: 'risk' and 'RISK' both name the criterion risk"),
        ({"importances": {"risk": 5, " risk": 5}}, "'risk' and ' risk' both name the criterion risk"),  # even alike
        ({"targets": {"horizon": "H1", "HORIZON": "H1"}}, "'horizon' and 'HORIZON' both name the criterion horizon"),
        (
            {"targets": {"horizon": "H3"}, "target_horizon": "H1"},
            "targets.horizon: target_horizon and targets.horizon both set the target level of horizon",
        ),
        (
            {"targets": {" Horizon": "H1"}, "target_horizon": "H1"},
            "target_horizon and targets. Horizon both set the target level of horizon; keep one of them",
        ),
        ({"swing": {"risk": 100, "Risk": 50}}, "swing.Risk: 'risk' and 'Risk' both name the criterion risk"),
    ],
)
def test_one_thing_said_twice_is_a_conflict(catalog: Catalog, given: dict[str, Any], fragment: str) -> None:
    """Two spellings of one key, or target_horizon beside targets.horizon: refused naming both (issue 18)."""
    importances = given.pop("importances", None if "swing" in given else {"roi": 3})
    _, problems = check(catalog, importances, **given)
    assert any(fragment in p for p in problems), problems


def test_a_flag_replaces_the_files_statement_however_the_file_spelt_it(catalog: Catalog, tmp_path: Path) -> None:
    file = write_yaml(
        tmp_path / "a.yaml",
        {"version": 1, "priorities": {" Risk": 1, "roi": 2}, "targets": {"HORIZON": "H1"}},
    )
    flags = Overrides(importances={"RISK": ("4", "--weight RISK")}, targets={"horizon": ("H3", "--target-horizon")})
    pri = combine(catalog, load_answers(file), flags)
    assert pri.importances["risk"] == 4 and pri.targets == {"horizon": 2}
    other = write_yaml(tmp_path / "b.yaml", {"version": 1, "priorities": {"roi": 2}, "target_horizon": "H1"})
    flags = Overrides(targets={"Horizon": ("H2", "--target Horizon")})
    assert combine(catalog, load_answers(other), flags).targets == {"horizon": 1}


def test_to_answers_round_trips(catalog: Catalog) -> None:
    pri = Priorities.build(
        catalog,
        {"roi": 5, "risk": 2.5},
        targets={"horizon": "H2"},
        exclude=["opx"],
        require=["risk<=med"],
        name="Finance",
    )
    answers = to_answers(pri, catalog)
    assert answers == AnswersFile(
        version=1,
        name="Finance",
        priorities={"risk": 2.5, "roi": 5},
        target_horizon="H2",
        exclude=["opx-led"],
        require=["risk<=MED"],
    )
    again = Priorities.build(
        catalog,
        answers.priorities,
        targets={"horizon": answers.target_horizon or ""},
        exclude=answers.exclude,
        require=answers.require,
        name=answers.name,
    )
    assert again == pri


def test_to_answers_keeps_fractions_exact(catalog: Catalog) -> None:
    pri = Priorities.build(catalog, {"roi": "1/3", "risk": "5/2", "cost": 4})
    saved = to_answers(pri, catalog).priorities
    # 1/3 has no exact decimal: kept as a fraction; 5/2, as precise as ±0.5 (a fraction's), is the range 2-3
    assert saved == {"risk": "2-3", "cost": 4, "roi": "1/3"}
    assert Priorities.build(catalog, saved).importances == pri.importances


@pytest.mark.parametrize(
    ("text", "expected"),
    [("risk<=medium", "risk<=MED"), ("roi>=High", "roi>=HIGH"), ("cost<low", "cost<LOW"), ("risk<=MED", "risk<=MED")],
)
def test_hard_limits_accept_importance_words_on_low_med_high_scales(catalog: Catalog, text: str, expected: str) -> None:
    assert parse_constraint(catalog, text, "--require").text == expected


@pytest.mark.parametrize("text", ["horizon<=high", "risk<=critical", "risk<=none"])
def test_other_importance_words_are_not_levels(catalog: Catalog, text: str) -> None:
    with pytest.raises(InputError, match="is not a level of"):
        parse_constraint(catalog, text, "--require")


def _left_out(catalog: Catalog, loaded: list[Any], flags: Overrides, model_id: str) -> Any:
    from mcstrat.analyses.ranking import rank

    priorities = combine(catalog, loaded[0] if loaded else None, flags)
    left_out = next(e for e in rank(catalog, priorities).excluded if e.model.id == model_id)
    return left_out.model, left_out.reason


def test_not_ranked_names_the_flag_to_drop_or_relax(catalog: Catalog) -> None:
    flags = Overrides(importances={"roi": (5, "--roi")}, exclude=["moo"], require=["risk<=low"])
    message = not_ranked(catalog, *_left_out(catalog, [], flags, "mooc-led"), [], flags)
    assert message == "mooc-led is not ranked: excluded by request; drop --exclude moo to ask why not"
    message = not_ranked(catalog, *_left_out(catalog, [], flags, "peer-consortium"), [], flags)
    assert message.startswith("peer-consortium is not ranked: breaks risk<=LOW (rated MED)")
    assert message.endswith("; relax --require risk<=LOW to ask why not")


def test_not_ranked_names_the_answers_file_and_its_key(catalog: Catalog, tmp_path: Path) -> None:
    file = write_yaml(
        tmp_path / "a.yaml",
        {"version": 1, "priorities": {"roi": 5}, "exclude": ["opx-led"], "require": ["risk<=LOW"]},
    )
    loaded = [load_answers(file)]
    flags = Overrides()
    message = not_ranked(catalog, *_left_out(catalog, loaded, flags, "opx-led"), loaded, flags)
    # excluded and over the limit: both fixes, each naming the file
    assert message.endswith(
        f"; remove opx-led from the exclude list in {file} and relax risk<=LOW under require in {file} to ask why not"
    )
    message = not_ranked(catalog, *_left_out(catalog, loaded, flags, "peer-consortium"), loaded, flags)
    assert message.endswith(f"; relax risk<=LOW under require in {file} to ask why not")
    assert "--" not in message


def test_not_ranked_without_a_known_origin_says_what_to_change(catalog: Catalog, tmp_path: Path) -> None:
    # exclusions that came from neither these flags nor these files (a library caller's own)
    file = write_yaml(tmp_path / "a.yaml", {"version": 1, "priorities": {"roi": 5}, "exclude": ["opx-led"]})
    loaded = [load_answers(file)]
    left_out = _left_out(catalog, loaded, Overrides(), "opx-led")
    message = not_ranked(catalog, *left_out, [], Overrides())
    assert (
        message == "opx-led is not ranked: excluded by request; drop that exclusion or relax the limit to ask why not"
    )
