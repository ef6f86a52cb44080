"""Firmness in one word: the verdict (analyses/firmness.py) and its reason, in one sentence.

Stated once: `data` for JSON's `firmness: {verdict, chance_first, lead, flip, hinges}`, `sentence`
for a record's page 1 and the first line of the terminal's firmness ("Fragile: a 1.85-point lead
that moving 1.5% of the weight overturns."), `section` for documents. The sentence says the
figure that decided the verdict first, then the others, each printed by report/numbers.py as
every other view prints it: the chance as robustness prints it, the lead as a score difference,
the flip as a share of the weight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcstrat.core.vocabulary import WeightSpace
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Note, Paragraph, Section, Strong
from mcstrat.report.numbers import machine

if TYPE_CHECKING:
    from mcstrat.analyses.firmness import Verdict


def data(decision: Decision) -> dict[str, Any]:
    """JSON's `firmness`: the verdict, the winner's chance of first place, its lead (points), the flip (share of
    the weight; null when no weighting overturns it) and the hinges (single ratings that change the winner)."""
    found = decision.verdict
    if found is None:
        return {}
    return {
        "firmness": {
            "verdict": found.verdict,
            "chance_first": found.chance_first,
            "lead": machine(found.lead),
            "flip": machine(found.flip),
            "hinges": found.hinges,
        }
    }


def _lead(decision: Decision, found: Verdict) -> str:
    """The lead as every view prints it (numbers.lead_places: 1.85, where 1.9 would not add up)."""
    if found.lead is None:
        return "no rival"
    top = decision.result.ranking[0].score
    return f"a {numbers.score(found.lead, numbers.lead_places(top, top - found.lead))}-point lead"


def _flip(found: Verdict) -> str:
    if found.flip is None:
        return "no change of weights overturns"
    return f"moving {numbers.percent(found.flip, 1)} of the weight overturns"


def _hinges(found: Verdict) -> str:
    if found.hinges == 0:
        return "no single rating of the table changes it"
    many = "one rating" if found.hinges == 1 else f"{found.hinges} single ratings"
    return f"{many} of the table, one level off, would change it"


def _within(decision: Decision) -> str:
    """The weightings the chance is over, briefly (the robustness view says them in full)."""
    smaa = decision.smaa
    space = smaa.weight_space if smaa is not None else WeightSpace.stated
    who = "each member" if decision.group is not None else "you"
    whose = "each member's" if decision.group is not None else "your"
    said = {
        WeightSpace.stated: f"within what {who} stated",
        WeightSpace.order: f"that keep the order of {whose} priorities",
        WeightSpace.free: "of every kind",
        WeightSpace.local: f"near {whose} importances",
    }[WeightSpace(space)]
    if smaa is not None and smaa.rating_error > 0:  # the chance also let the table's ratings move (--rating-error)
        said += f", each rating of the table possibly one level off ({numbers.chance(smaa.rating_error)})"
    return said


def reason(decision: Decision) -> str:
    """The verdict's reason, after the word: "a 1.85-point lead that moving 1.5% of the weight overturns"."""
    found = decision.verdict
    assert found is not None
    names = {m.id: m.name for m in decision.catalog.models}
    chance = f"first in {numbers.chance(found.chance_first)} of the weightings {_within(decision)}"
    if found.verdict == "tied":
        tied = [r.model.id for r in decision.result.top if r.model.id not in found.winner]
        return f"{numbers.listed([names[m] for m in (found.winner[0], *tied)])} score exactly the same"
    parts = {"chance": chance, "flip": f"{_lead(decision, found)} that {_flip(found)}", "hinges": _hinges(found)}
    first = found.reason if found.reason in parts else "chance"  # "all" (firm): every part, in this order
    return "; ".join([parts[first], *(text for key, text in parts.items() if key != first)])


def sentence(decision: Decision) -> str:
    """The verdict and its reason in one sentence ("" without a verdict)."""
    found = decision.verdict
    if found is None:
        return ""
    return f"{found.verdict.capitalize()}: {reason(decision)}."


def order_line(decision: Decision) -> str:
    """A record's one line for the ``order`` space: the chance keeping only the order of the priorities ("" without)."""
    if decision.order_chance is None or decision.verdict is None:
        return ""
    whose = "each member's" if decision.group is not None else "your"
    return (
        f"Keeping only the order of {whose} priorities, not how much each matters, it comes first in "
        f"{numbers.chance(decision.order_chance)} of the weightings."
    )


def section(decision: Decision, *, record: bool = False, top: int | None = None) -> Section:
    found = decision.verdict
    assert found is not None
    head, _, tail = sentence(decision).partition(": ")
    said: list[Block] = [Paragraph((Strong(f"How sure: {head.lower()}."), f" {tail[:1].upper()}{tail[1:]}"))]
    if record and order_line(decision):
        said.append(Note((order_line(decision),)))
    return Section("How sure", "verdict", tuple(said))


__all__ = ["data", "order_line", "reason", "section", "sentence"]
