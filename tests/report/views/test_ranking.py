"""The ranking's view: the dominance sentence names the model that is at least as good (views/ranking.py)."""

from __future__ import annotations

from mcstrat.decide import Request, decide
from mcstrat.report.views.ranking import dominated
from tests.conftest import ROOT


def test_the_dominance_sentence_names_the_dominating_model_as_its_subject() -> None:
    decision = decide(Request(group=ROOT / "examples" / "committee.yaml"))
    said = [" ".join("".join(map(str, note.text)).split()) for note in dominated(decision)]
    assert (
        "At the ratings as scored and the group's present weights, Professional body led or partnership can never "
        "come out ahead of Industry led or partnership: Industry led or partnership is at least as good on every "
        "criterion that counts and better on one."
    ) in said
    assert not any(": it is" in s for s in said)
