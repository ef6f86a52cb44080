"""Firmness's view: its sentences name their subject and say how ties count (views/robustness.py)."""

from __future__ import annotations

from functools import cache

from mcstrat.decide import Decision, Firmness, Request, decide, for_record
from mcstrat.report.document import Document
from mcstrat.report.record import decision_record
from mcstrat.report.views.robustness import headline, members
from mcstrat.report.writers.markdown import write as to_markdown
from tests.conftest import ROOT


@cache
def committee() -> Decision:
    return decide(Request(group=ROOT / "examples" / "committee.yaml", robustness=True))


def plain(*parts: object) -> str:
    return " ".join("".join(str(getattr(p, "text", p)) for p in parts).split())


def test_the_model_that_comes_first_more_often_than_the_recommendation_is_the_sentence_s_subject() -> None:
    decision = committee()
    assert decision.result.ranking[0].model.name == "Institutional business unit"
    said = "A close call. Industry led or partnership comes first more often than the recommendation, in 54% of them."
    text = plain(*headline(decision))
    assert said in text and "It comes first" not in text
    # the record's page 1 draws the same sentence
    page = decision_record(for_record(decision, Firmness()), date="2025-03-14").sections[0]
    assert said in " ".join(to_markdown(Document("t", "", (), (page,))).split())


def test_the_members_note_says_how_a_tie_for_first_counts() -> None:
    decision = committee()
    (note,) = members(decision)
    text = plain(*note.text)
    # Finance always ties Industry and Professional body first: their 50% is a half share of every sample
    assert "(a tie for first counts as a share, half each when two tie): " in text
    assert "Finance 50%" in text
