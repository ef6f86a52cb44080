"""One view per analysis: each states its result once, as document blocks (and its part of the JSON).

The analyses a decision may carry are listed in mcstrat.decide.ANALYSES, in the order every
format shows them, each with the Decision field that holds its result; `present(decision)`
imports the views (named as the analyses are) of those the decision holds, so a plain ranking
loads none of them. Each such view module offers `data(decision)` (its fields of the JSON data
contract) and `section(decision, record=..., top=...)` (its section of a document; a record's
adds charts).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from mcstrat.decide import ANALYSES, Decision


def present(decision: Decision) -> list[ModuleType]:
    """The views of the analyses DECISION holds, in mcstrat.decide.ANALYSES's order."""
    return [import_module(f"mcstrat.report.views.{name}") for name, field in ANALYSES if getattr(decision, field)]


__all__ = ["present"]
