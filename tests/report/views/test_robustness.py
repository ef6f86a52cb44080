"""Firmness's view: its sentences name their subject and say how ties count (views/robustness.py)."""

from __future__ import annotations

from functools import cache

from mcstrat.core.vocabulary import WeightSpace
from mcstrat.decide import Decision, Firmness, Request, decide, for_record
from mcstrat.report.document import Document
from mcstrat.report.record import decision_record
from mcstrat.report.views.robustness import central, data, headline, how, largest_error, members
from mcstrat.report.writers.markdown import write as to_markdown
from tests.conftest import ROOT


@cache
def committee() -> Decision:
    """The committee, its chances drawn keeping only each member's order (where Industry leads the chances)."""
    order = Firmness(weight_space=WeightSpace.order)
    return decide(Request(group=ROOT / "examples" / "committee.yaml", robustness=True, firmness=order))


@cache
def example() -> Decision:
    return decide(Request(answers=(ROOT / "examples" / "answers.yaml",), robustness=True))


def plain(*parts: object) -> str:
    return " ".join("".join(str(getattr(p, "text", p)) for p in parts).split())


def test_the_model_that_comes_first_more_often_than_the_recommendation_is_the_sentence_s_subject() -> None:
    decision = committee()
    assert decision.result.ranking[0].model.name == "Institutional business unit"
    # (how firm, in one word, is the verdict's: views/firmness.py)
    said = "Industry led or partnership comes first more often than the recommendation, in 54% of them."
    text = plain(*headline(decision))
    assert said in text and "It comes first" not in text
    # the record draws the same sentence (in its evidence: page 1 has the verdict)
    record = decision_record(for_record(decision, decision.firmness or Firmness()), date="2025-03-14")
    assert said in " ".join(to_markdown(Document("t", "", (), record.sections)).split())


def test_the_members_note_says_how_a_tie_for_first_counts() -> None:
    decision = committee()
    (note,) = members(decision)
    text = plain(*note.text)
    # Finance always ties Industry and Professional body first: their 50% is a half share of every sample
    assert "(a tie for first counts as a share, half each when two tie): " in text
    assert "Finance 50%" in text


def test_the_json_gives_every_monte_carlo_figure_its_half_width() -> None:
    for decision in (example(), committee()):
        smaa = decision.smaa
        assert smaa is not None
        found = data(decision)["robustness"]
        errors = found["errors"]
        assert list(errors) == ["acceptability", "confidence", "central_weights"]
        assert found["error"] == smaa.error  # the largest first-rank chance's, as before
        ids = list(smaa.model_ids)
        assert list(errors["acceptability"]) == ids and list(errors["confidence"]) == ids
        assert list(errors["central_weights"]) == ids
        for m in ids:
            assert len(errors["acceptability"][m]) == len(ids)
            assert (errors["confidence"][m] is None) == (found["confidence"][m] is None)
            weights, widths = found["central_weights"][m], errors["central_weights"][m]
            assert (widths is None) == (weights is None)
            if weights is not None:
                assert list(widths) == list(weights)


def test_the_notes_give_the_widest_errors_and_the_headline_none() -> None:
    decision = example()
    smaa = decision.smaa
    assert smaa is not None
    # 10,000 samples: the first place's 64% is within 0.9 points, a chance near one half within 1.0
    assert round(100 * smaa.error, 1) == 0.9 and round(100 * largest_error(smaa), 1) == 1.0
    note = plain(*how(smaa, decision).text)
    assert "Sampling error ±0.9 points (95%), ± up to 1.0 for any chance shown." in note
    *_, spread = central(smaa, decision)
    widest = max(w for row in smaa.central_error.values() if row for w in row.values() if w is not None)
    said = f"Sampling error of these weights: ± up to {100 * widest:.1f} points (95%)"
    assert said in plain(*getattr(spread, "text", ()))
    # the headline gives no sampling error (the space's own ±0.5 is what was stated, not an error)
    assert "(95%)" not in plain(*headline(decision)) and "Sampling error" not in plain(*headline(decision))
