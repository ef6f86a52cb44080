"""The questionnaire as data: questions from the catalogue, parsed answers, answers files (questionnaire.py)."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat.analyses.ranking import rank
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities, combine, parse_importance
from mcstrat.core.questionnaire import (
    InvalidAnswer,
    Question,
    answers_from,
    applies,
    as_loaded,
    default_responses,
    explanation,
    parse_answer,
    questions,
)
from mcstrat.core.statement import AnswersFile, Overrides
from mcstrat.errors import InputError
from mcstrat.files.models import catalog_from_data
from tests.conftest import tiny_catalog_data


def by_key(catalog: Catalog) -> dict[str, Question]:
    return {q.key: q for q in questions(catalog)}


def ranking(catalog: Catalog, answers: AnswersFile) -> list[tuple[int, str, Fraction]]:
    result = rank(catalog, combine(catalog, as_loaded(answers), Overrides()))
    return [(r.rank, r.model.id, r.score) for r in result.ranking]


def custom_catalog() -> Catalog:
    """The tiny catalogue plus a new benefit criterion without a question and a new target criterion."""
    data = tiny_catalog_data()
    data["criteria"] += [
        {
            "id": "reach",
            "label": "Reach",
            "meaning": "How many learners it reaches.",
            "direction": "benefit",
            "scale": ["LOW", "HIGH"],
        },
        {
            "id": "mode",
            "label": "Delivery mode",
            "meaning": "How courses are delivered.",
            "direction": "target",
            "scale": ["ONLINE", "BLENDED", "CAMPUS"],
            "level_notes": {"ONLINE": "fully online", "CAMPUS": "on campus"},
            "question": "How much does the delivery mode matter to you?",
        },
    ]
    ratings = {"alpha": ("HIGH", "ONLINE"), "beta": ("LOW", "CAMPUS"), "gamma": ("LOW/HIGH", "BLENDED/CAMPUS")}
    for model in data["models"]:
        reach, mode = ratings[model["id"]]
        model["ratings"].update(reach=reach, mode=mode)
    return catalog_from_data(data)


# -- the questions -------------------------------------------------------------------------


def test_table2_questions_in_order(catalog: Catalog) -> None:
    keys = [q.key for q in questions(catalog)]
    assert keys == [
        "name",  # for team decisions
        "weighting",  # swing, ranking or importance: the questions after depend on it
        "priorities.effort",
        "target_horizon",  # the target comes before the importance it makes meaningful
        "priorities.horizon",
        "priorities.risk",
        "priorities.autonomy",
        "priorities.speed",
        "priorities.cost",
        "priorities.impact",
        "priorities.roi",
        "exclude",  # exclusions and limits before the swings (issue 20)
        "require",
        "swing_top",  # the change that matters most, picked from one list of every change
        *(f"swing.{cid}" for cid in catalog.criterion_ids),
        "ranking",
    ]
    asked = [q.key for q in questions(catalog) if applies(q, {})]
    assert asked == [k for k in keys if not k.startswith("swing") and k != "ranking"]


def test_questions_use_the_catalogue_wording(catalog: Catalog) -> None:
    qs = by_key(catalog)
    assert qs["priorities.risk"].text == "How important is it to keep your institution's risk low?"
    assert [c.value for c in qs["priorities.risk"].choices] == ["none", "low", "medium", "high", "critical"]
    assert qs["priorities.risk"].default == "medium"
    horizon = qs["target_horizon"]
    assert [(c.value, c.label) for c in horizon.choices] == [
        ("H1", "extend the core business now"),
        ("H2", "build emerging business over the next few years"),
        ("H3", "seed longer-term options"),
        ("none", "no target: leave horizon out of the ranking"),
    ]
    assert horizon.default == "H1"
    assert "Three Horizons" in horizon.help
    assert [c.value for c in qs["exclude"].choices] == catalog.model_ids
    assert qs["priorities.horizon"].depends_on == "target_horizon"


def test_custom_criteria_get_questions() -> None:
    custom = custom_catalog()
    qs = by_key(custom)
    assert qs["priorities.reach"].text == "How important is high reach?"  # made from the label and direction
    assert "How many learners it reaches." in qs["priorities.reach"].help
    assert qs["priorities.pain"].text == "How important is it to keep pain low?"
    assert qs["priorities.mode"].text == "How much does the delivery mode matter to you?"  # its own question
    mode = qs["targets.mode"]
    assert [(c.value, c.label) for c in mode.choices] == [
        ("ONLINE", "fully online"),
        ("BLENDED", ""),
        ("CAMPUS", "on campus"),
        ("none", "no target: leave delivery mode out of the ranking"),
    ]
    answers = answers_from(
        custom, {"targets.mode": "campus", "priorities.reach": "critical", "priorities.mode": "high"}
    )
    assert answers.targets == {"mode": "CAMPUS"}
    assert answers.target_horizon is None
    assert answers.priorities == {"gain": "medium", "pain": "medium", "reach": "critical", "mode": "high"}
    # hand-worked, weights 2, 2, 5, 4 (of 13); mode fit to CAMPUS: ONLINE 0, BLENDED 1/2, CAMPUS 1
    #   alpha: gain 1, pain 0, reach 1, mode 0 -> (2 + 5) / 13
    #   gamma: gain LOW/MED 1/4, pain 1/2, reach LOW/HIGH 1/2, mode BLENDED/CAMPUS 3/4 -> (1/2 + 1 + 5/2 + 3) / 13
    #   beta: gain 0, pain 1, reach 0, mode 1 -> (2 + 4) / 13
    assert ranking(custom, answers) == [
        (1, "alpha", Fraction(700, 13)),
        (1, "gamma", Fraction(700, 13)),
        (3, "beta", Fraction(600, 13)),
    ]


# -- pressing Enter through everything ------------------------------------------------------


def test_enter_through_everything_gives_a_valid_ranking(catalog: Catalog) -> None:
    answers = answers_from(catalog, {})
    assert answers.priorities == dict.fromkeys(catalog.criterion_ids, "medium")
    assert answers.target_horizon == "H1"
    assert (answers.exclude, answers.require, answers.ranges) == ([], [], "midpoint")
    assert answers_from(catalog, default_responses(catalog)) == answers
    # hand-worked: equal weights; professional body (and NGO, identically rated) score
    # (1/2 + 1 + 1 + 1/2 + 1/2 + 1 + 1/2 + 1/2) / 8 = 11/16; peer consortium is last:
    # effort HIGH 0, horizon H2/H3 1/4, risk MED 1/2, autonomy MED 1/2, speed LOW 0, cost MED 1/2,
    # impact MED/HIGH 3/4, roi MED 1/2 -> 3/8
    places = ranking(catalog, answers)
    assert places[:2] == [
        (1, "professional-body-partnership", Fraction(275, 4)),
        (1, "ngo-partnership", Fraction(275, 4)),
    ]
    assert places[-1] == (8, "peer-consortium", Fraction(75, 2))


def test_enter_through_matches_the_flags_it_stands_for(catalog: Catalog) -> None:
    from_questions = combine(catalog, as_loaded(answers_from(catalog, {})), Overrides())
    from_flags = Priorities.build(catalog, {}, targets={"horizon": "H1"})
    assert from_questions.importances == from_flags.importances
    assert from_questions.targets == from_flags.targets


def test_enter_through_a_custom_catalogue() -> None:
    custom = custom_catalog()
    answers = answers_from(custom, {})
    assert answers.targets == {"mode": "ONLINE"}
    assert len(ranking(custom, answers)) == 3


# -- parsing typed answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Fraction(2)),
        ("medium", Fraction(2)),
        ("  Medium ", Fraction(2)),
        ("NONE", Fraction(0)),
        ("low", Fraction(1)),
        ("high", Fraction(4)),
        ("critical", Fraction(5)),
        ("h", Fraction(4)),  # a unique beginning of a word
        ("c", Fraction(5)),
        ("n", Fraction(0)),
        ("very", Fraction(4)),  # the plain-language labels
        ("a little", Fraction(1)),
        ("not at all", Fraction(0)),
        ("essential", Fraction(5)),
        ("0", Fraction(0)),
        ("3", Fraction(3)),
        ("5", Fraction(5)),
        ("2.5", Fraction(5, 2)),
        ("0.1", Fraction(1, 10)),
        ("4.0", Fraction(4)),
    ],
)
def test_importance_answers(catalog: Catalog, text: str, expected: Fraction) -> None:
    value = parse_answer(by_key(catalog)["priorities.risk"], text)
    assert parse_importance(value, "test") == expected
    answers = answers_from(catalog, {"priorities.risk": text})
    assert combine(catalog, as_loaded(answers), Overrides()).importances["risk"] == expected


@pytest.mark.parametrize(
    ("key", "text", "hint"),
    [
        ("priorities.risk", "hgih", "did you mean 'high'?"),
        ("priorities.risk", "hgih", "press Enter for medium"),
        ("priorities.risk", "7", "outside 0 to 5"),
        ("priorities.risk", "-1", "outside 0 to 5"),
        ("priorities.risk", "1/3", "not a plain decimal"),
        ("priorities.risk", "nan", "not an importance"),
        ("priorities.risk", "yes", "a number from 0 to 5"),
        ("target_horizon", "h", "could be H1 or H2 or H3"),
        ("target_horizon", "H4", "answer H1, H2, H3 or none"),
        ("target_horizon", "2", "not one of the choices"),
        ("exclude", "zzz", "unknown model id 'zzz'"),
        ("exclude", "mooc-lead", "did you mean 'mooc-led'?"),
        ("exclude", "p", "ambiguous"),
        ("exclude", ",".join(["sole", "inst", "peer", "ind", "prof", "ngo", "mooc", "opx"]), "leaves out every model"),
        ("require", "rsik<=MED", "did you mean 'risk'?"),
        ("require", "risk<=HUGE", "not a level of risk"),
        ("require", "risk~MED", "not a constraint"),
    ],
)
def test_invalid_answers_raise_with_a_hint(catalog: Catalog, key: str, text: str, hint: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        parse_answer(by_key(catalog)[key], text)
    assert hint in info.value.hint
    assert isinstance(info.value, ValueError) and isinstance(info.value, InputError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "H1"), ("h2", "H2"), ("H3", "H3"), ("none", None), ("No", None), ("extend the core business now", "H1")],
)
def test_target_answers(catalog: Catalog, text: str, expected: str | None) -> None:
    assert parse_answer(by_key(catalog)["target_horizon"], text) == expected


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("exclude", "", ()),
        ("exclude", "none", ()),
        ("exclude", "opx", ("opx-led",)),
        ("exclude", "sole, MOOC-LED", ("sole-institution", "mooc-led")),
        ("exclude", "sole sole-institution", ("sole-institution",)),
        ("require", "", ()),
        ("require", "risk<=med", ("risk<=MED",)),
        ("require", "risk <= MED, autonomy>=med", ("risk<=MED", "autonomy>=MED")),
        ("require", "risk=LOW", ("risk==LOW",)),
    ],
)
def test_list_answers(catalog: Catalog, key: str, text: str, expected: tuple[str, ...]) -> None:
    assert parse_answer(by_key(catalog)[key], text) == expected


def test_typed_answers_make_the_expected_file(catalog: Catalog) -> None:
    answers = answers_from(
        catalog,
        {
            "priorities.effort": "low",
            "target_horizon": "h2",
            "priorities.horizon": "critical",
            "priorities.risk": "h",
            "priorities.autonomy": "4",
            "priorities.cost": "none",
            "priorities.impact": "2.5",
            "exclude": "opx",
            "require": "risk<=med",
        },
        name="Provost's office",
    )
    assert answers == AnswersFile(
        version=1,
        name="Provost's office",
        priorities={
            "effort": "low",
            "horizon": "critical",
            "risk": "high",
            "autonomy": 4,
            "speed": "medium",
            "cost": "none",
            "impact": 2.5,
            "roi": "medium",
        },
        target_horizon="H2",
        exclude=["opx-led"],
        require=["risk<=MED"],
    )


def test_parsed_and_typed_responses_agree(catalog: Catalog) -> None:
    typed = {"priorities.risk": "4", "target_horizon": "none", "exclude": "opx, mooc", "require": "risk<=MED"}
    parsed = {
        "priorities.risk": 4,
        "target_horizon": None,
        "exclude": ("opx-led", "mooc-led"),
        "require": ("risk<=MED",),
    }
    assert answers_from(catalog, typed) == answers_from(catalog, parsed)


def test_unknown_response_key_is_refused(catalog: Catalog) -> None:
    with pytest.raises(InvalidAnswer, match=re.escape("did you mean 'priorities.risk'")):
        answers_from(catalog, {"priorities.rsik": "high"})


# -- no target, and answers that would leave nothing to rank --------------------------------


def test_no_target_skips_and_zeroes_horizon(catalog: Catalog) -> None:
    qs = by_key(catalog)
    assert applies(qs["priorities.horizon"], {})
    assert not applies(qs["priorities.horizon"], {"target_horizon": None})
    answers = answers_from(catalog, {"target_horizon": "none", "priorities.horizon": "critical"})
    assert answers.target_horizon is None
    assert answers.priorities["horizon"] == "none"  # the importance answer is ignored
    priorities = combine(catalog, as_loaded(answers), Overrides())
    assert priorities.importances["horizon"] == 0
    assert "horizon" not in priorities.targets
    # even an answer that would be invalid does not matter once the question is moot
    assert answers_from(catalog, {"target_horizon": "none", "priorities.horizon": "rubbish"}) == answers


def test_all_none_is_refused_at_the_last_importance(catalog: Catalog) -> None:
    qs = questions(catalog)
    responses: dict[str, Any] = {}
    importance_keys = [q.key for q in qs if q.kind == "importance"]
    for q in qs:
        if q.kind != "importance":
            continue
        if q.key == importance_keys[-1]:
            with pytest.raises(InvalidAnswer, match="nothing could be ranked; give this criterion some importance"):
                parse_answer(q, "none", responses)
            assert parse_answer(q, "low", responses) == "low"
        else:
            responses[q.key] = parse_answer(q, "none", responses)
    with pytest.raises(InvalidAnswer, match="nothing could be ranked"):
        answers_from(catalog, dict.fromkeys(importance_keys, "none"))


def test_no_target_is_refused_when_nothing_else_counts() -> None:
    data = tiny_catalog_data()
    data["criteria"].append(
        {"id": "when", "label": "Horizon", "meaning": "m", "direction": "target", "scale": ["H1", "H2"]}
    )
    for model in data["models"]:
        model["ratings"]["when"] = "H1"
    custom = catalog_from_data(data)
    qs = by_key(custom)
    responses: dict[str, Any] = {"priorities.gain": 0, "priorities.pain": 0}
    with pytest.raises(InvalidAnswer, match="choose a level"):
        parse_answer(qs["targets.when"], "none", responses)


def test_limits_that_leave_nothing_are_refused_in_context(catalog: Catalog) -> None:
    require = by_key(catalog)["require"]
    assert parse_answer(require, "autonomy>=HIGH") == ("autonomy>=HIGH",)  # alone it is fine
    with pytest.raises(InvalidAnswer, match="no model you kept meets autonomy>=HIGH"):
        parse_answer(require, "autonomy>=HIGH", {"exclude": ("sole-institution", "institutional-business-unit")})
    with pytest.raises(InvalidAnswer, match="no model meets risk<=LOW, autonomy>=HIGH, speed>=HIGH"):
        parse_answer(require, "risk<=LOW, autonomy>=HIGH, speed>=HIGH", {})


# -- any valid answers make a file recommend accepts ----------------------------------------

MEANS = {
    "": 2,
    "none": 0,
    "low": 1,
    "medium": 2,
    "high": 4,
    "critical": 5,
    "0": 0,
    "1": 1,
    "2.5": 2.5,
    "5": 5,
    "n": 0,
    "c": 5,
}
IMPORTANCE_TEXTS = st.sampled_from(sorted(MEANS))


@settings(max_examples=60, deadline=None)
@given(
    importances=st.lists(IMPORTANCE_TEXTS, min_size=8, max_size=8),
    target=st.sampled_from(["", "H1", "h2", "H3", "none"]),
    exclude=st.lists(st.sampled_from(["sole", "opx", "mooc", "peer-consortium"]), max_size=3),
    require=st.lists(st.sampled_from(["risk<=MED", "autonomy>=MED", "effort!=HIGH"]), max_size=2),
)
def test_any_accepted_answers_rank(
    catalog: Catalog, importances: list[str], target: str, exclude: list[str], require: list[str]
) -> None:
    responses: dict[str, Any] = {f"priorities.{cid}": text for cid, text in zip(catalog.criterion_ids, importances)}
    responses.update(target_horizon=target, exclude=", ".join(exclude), require=", ".join(require))
    effective = [
        0 if cid == "horizon" and target == "none" else MEANS[text]
        for cid, text in zip(catalog.criterion_ids, importances)
    ]
    if not any(effective):
        with pytest.raises(InvalidAnswer):
            answers_from(catalog, responses)
        return
    answers = answers_from(catalog, responses)
    places = ranking(catalog, answers)
    assert places and all(0 <= score <= 100 for _, _, score in places)


def test_swing_answers_from_a_mapping_pick_and_points(catalog: Catalog) -> None:
    # the pick gets 100 points; the other changes keep theirs; criteria the models share are left out
    answers = answers_from(
        catalog, {"weighting": "swing", "target_horizon": "none", "swing_top": "roi", "swing.risk": 40}
    )
    assert answers.swing["roi"] == 100 and answers.swing["risk"] == 40 and "horizon" not in answers.swing
    assert answers.swing["speed"] == 50  # the default: half as much as the change that matters most
    # without the pick, the change given 100 points is taken as the pick
    again = answers_from(catalog, {"weighting": "swing", "swing.speed": 100, "swing.risk": 40})
    assert again.swing["speed"] == 100 and again.swing["risk"] == 40 and again.swing["roi"] == 50
    with pytest.raises(InvalidAnswer, match="give the change that matters most"):
        answers_from(catalog, {"weighting": "swing", "swing.risk": 40})
    # Enter at the pick: every change the same
    assert set(answers_from(catalog, {"weighting": "swing"}).swing.values()) == {100}


#: Typed at the importance and swing questions: each would take 10**999999999 (minutes, gigabytes) to
#: build exactly; the questionnaire judges the exponent first, as the flags and answers files do.
HUGE = """
from mcstrat.core.questionnaire import InvalidAnswer, parse_answer, questions
from mcstrat.files.models import load_catalog

asked = questions(load_catalog(), {"weighting": "swing"})
for kind in ("importance", "swing"):
    question = next(q for q in asked if q.kind == kind)
    try:
        parse_answer(question, "1e999999999")
    except InvalidAnswer as exc:
        print(exc.hint)
"""


def test_a_huge_exponent_is_refused_before_it_is_computed() -> None:
    """Run apart, memory-capped at 1 GiB and stopped after 60 s: before issue 18 it never came back."""
    import os
    import subprocess
    import sys

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    try:
        done = subprocess.run(
            [sys.executable, "-c", HUGE],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=cap if os.name == "posix" else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the questionnaire computed 10**999999999 instead of refusing the answer")
    assert done.returncode == 0, done.stderr
    importance, points = done.stdout.splitlines()
    assert importance.startswith("1e999999999 is outside 0 to 5; answer none, low")
    assert points.startswith("1e999999999 points is out of range; give points from 0 to 100")


# -- limits in plain words, what `?` says, intervals (issue 21) --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("risk at most medium", "risk<=MED"),
        ("no more than medium risk", "risk<=MED"),
        ("not more than MED risk", "risk<=MED"),
        ("risk no higher than med", "risk<=MED"),
        ("Risk must be at most medium", "risk<=MED"),
        ("risk: up to medium", "risk<=MED"),
        ("at least medium impact", "impact>=MED"),
        ("impact no less than medium", "impact>=MED"),
        ("roi not below medium", "roi>=MED"),
        ("speed to market at least high", "speed>=HIGH"),  # a criterion named by its label
        ("at least medium return on investment", "roi>=MED"),
        ("Costs below high", "cost<HIGH"),  # or by the table's own label
        ("effort under high", "effort<HIGH"),
        ("autonomy above low", "autonomy>LOW"),
        ("impact more than low", "impact>LOW"),
        ("horizon exactly H1", "horizon==H1"),
        ("effort not high", "effort!=HIGH"),
        ("risk<=MED", "risk<=MED"),  # the symbols still work
        ("risk <= medium", "risk<=MED"),
    ],
)
def test_limits_in_plain_words(catalog: Catalog, text: str, expected: str) -> None:
    assert parse_answer(by_key(catalog)["require"], text) == (expected,)


def test_several_limits_in_plain_words(catalog: Catalog) -> None:
    found = parse_answer(by_key(catalog)["require"], "no more than medium risk, at least medium impact")
    assert found == ("risk<=MED", "impact>=MED")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("rsik at most medium", "unknown criterion 'rsik'"),
        ("risk at most huge", "'huge' is not a level of risk; use one of LOW, MED, HIGH"),
        ("speed of market at most low", "or in words, such as risk at most medium"),
        ("risk somewhat medium", "or in words, such as risk at most medium"),
    ],
)
def test_limits_in_words_that_cannot_be_read_say_how(catalog: Catalog, text: str, hint: str) -> None:
    with pytest.raises(InvalidAnswer, match=re.escape(hint)):
        parse_answer(by_key(catalog)["require"], text)


def test_help_explains_a_criterion_in_the_tables_terms(catalog: Catalog) -> None:
    said = explanation(by_key(catalog)["priorities.risk"])
    text = " ".join(said)
    assert "Table 2 rates it LOW, MED or HIGH; lower is better for your institution" in text
    # which models sit where, read from the catalogue
    for level in ("LOW", "MED", "HIGH"):
        sitting = [m.name for m in catalog.models if m.ratings["risk"] == level]
        line = next(s for s in said if s.startswith(f"- {level}"))
        assert line.endswith(": " + (", ".join(sitting) if sitting else "no model")), line
    assert "- LOW (best for you):" in text and "- HIGH (worst):" in text
    assert "How your answer is used:" in text and "3-4 means somewhere between 3 and 4" in text
    assert by_key(catalog)["priorities.risk"].text not in text  # not the question again
    horizon = " ".join(explanation(by_key(catalog)["target_horizon"]))
    assert "- H2/H3: Institutional business unit, Peer consortium, OPX led" in horizon
    assert "- H1 (extend the core business now):" in horizon
    swing = " ".join(explanation(by_key(catalog)["swing.autonomy"]))
    assert "60-80 means somewhere between 60 and 80 points" in swing


def test_help_of_a_custom_criterion_comes_from_its_file() -> None:
    custom = custom_catalog()
    said = explanation(by_key(custom)["priorities.reach"])
    assert said[:4] == [
        "Reach: How many learners it reaches. The table rates it LOW or HIGH; higher is better for your institution. "
        "Where the models sit:",
        "- LOW (worst): Beta",
        "- LOW/HIGH: Gamma",  # a range after its lower level
        "- HIGH (best for you): Alpha",
    ]
    mode = explanation(by_key(custom)["targets.mode"])
    assert mode[1:5] == [
        "- ONLINE (fully online): Alpha",  # the level's note from the file
        "- BLENDED: no model",
        "- BLENDED/CAMPUS: Gamma",
        "- CAMPUS (on campus): Beta",
    ]
    assert "With no target, delivery mode counts for nothing" in mode[-1]


def test_every_question_has_help_of_its_own(catalog: Catalog) -> None:
    for q in questions(catalog, {"weighting": "swing", "swing_top": "risk"}):
        said = explanation(q, {})
        assert said and all(s.strip() for s in said), q.key


@pytest.mark.parametrize(
    ("key", "typed"),
    [("priorities.roi", "3-4"), ("priorities.roi", "[3, 4]"), ("swing.autonomy", "60-80")],
)
def test_an_interval_is_passed_to_core_as_typed(catalog: Catalog, key: str, typed: str) -> None:
    """The questionnaire reads numbers only through core (parse_importance, parse_points): an interval core accepts
    is kept as typed, so the answers file states what was said (issue 20)."""
    assert parse_answer(by_key(catalog)[key], typed) == typed


def test_an_interval_importance_makes_a_valid_answers_file(catalog: Catalog) -> None:
    answers = answers_from(catalog, {"priorities.roi": "3-4"})
    assert answers.priorities["roi"] == "3-4"
    priorities = combine(catalog, as_loaded(answers), Overrides())
    assert priorities.importances["roi"] == Fraction(7, 2)


def test_swing_is_not_called_recommended_while_importance_is_the_default(catalog: Catalog) -> None:
    """docs/questionnaire.md: importance words stay the default, so no way is called recommended."""
    weighting = by_key(catalog)["weighting"]
    assert weighting.default == "importance"
    assert not any("recommended" in c.label for c in weighting.choices)


def test_swings_are_shown_over_the_models_left_to_rank(catalog: Catalog) -> None:
    """Exclusions and limits are asked before the swings, and the swings shown are the ones core weighs: over the
    models still ranked (issue 20)."""

    def changes(responses: dict[str, Any]) -> dict[str, str]:
        pick = next(q for q in questions(catalog, responses) if q.key == "swing_top")
        return {c.value: c.label for c in pick.choices}

    every = changes({"weighting": "swing"})
    assert every["autonomy"] == "from LOW to HIGH"  # OPX led is the only LOW
    kept = changes({"weighting": "swing", "exclude": ("opx-led",)})
    assert kept["autonomy"] == "from MED to HIGH"
    limited = changes({"weighting": "swing", "require": ("effort>=MED",)})  # MOOC and OPX (LOW effort) left out
    assert limited["effort"] == "from HIGH to MED" and limited["autonomy"] == "from MED to HIGH"
    answers = answers_from(catalog, {"weighting": "swing", "exclude": ("opx-led",), "swing_top": "autonomy"})
    assert answers.swing["autonomy"] == 100 and answers.exclude == ["opx-led"]
