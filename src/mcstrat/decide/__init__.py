"""The one place a decision is run: a request in, a decision (ranking plus every analysis asked for) out."""

from mcstrat.decide.decision import (
    ANALYSES,
    Compared,
    Decision,
    Firmness,
    Request,
    catalogue,
    compare,
    decide,
    for_record,
    needs_priorities,
    why_not,
)

__all__ = [
    "ANALYSES",
    "Compared",
    "Decision",
    "Firmness",
    "Request",
    "catalogue",
    "compare",
    "decide",
    "for_record",
    "needs_priorities",
    "why_not",
]
