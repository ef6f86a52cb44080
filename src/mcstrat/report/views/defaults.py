"""What nobody stated, said aloud (analyses/defaults.py): the criteria left at the default and their influence.

Stated once: `data` for JSON's `defaults: {criteria, share}` (every ranking), `sentence` for the
terminal under the ranking and a record's page 1, only when the defaults carry more than a quarter
of the influence ("" otherwise).
"""

from __future__ import annotations

from typing import Any

from mcstrat.core.vocabulary import DEFAULT_IMPORTANCE_WORD
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Note
from mcstrat.report.numbers import machine


def data(decision: Decision) -> dict[str, Any]:
    """JSON's `defaults`: the unstated criteria that carry weight, and the share of the influence they carry."""
    found = decision.defaults
    if found is None:
        return {}
    return {"defaults": {"criteria": list(found.criteria), "share": machine(found.share)}}


def sentence(decision: Decision) -> str:
    """The defaults in one sentence when they carry more than a quarter of the influence, else ""."""
    from mcstrat.report.views.explain import prose

    found = decision.defaults
    if found is None or not found.loud:
        return ""
    labels = [prose(decision.catalog.criterion(c).label) for c in found.criteria]
    who = "some members did" if decision.group is not None else "you did"
    these = "it" if len(labels) == 1 else "them"
    return (
        f"Criteria {who} not mention ({numbers.listed(labels)}) were counted at {DEFAULT_IMPORTANCE_WORD} "
        f"importance and carry {numbers.percent(found.share)} of the influence on this ranking; "
        f"state {these} to be sure."
    )


def blocks(decision: Decision) -> list[Block]:
    """Under the ranking: the sentence, only when the defaults are loud."""
    said = sentence(decision)
    return [Note((said,))] if said else []


__all__ = ["blocks", "data", "sentence"]
