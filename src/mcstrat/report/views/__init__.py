"""One view per analysis: each states its result once, as document blocks (and its part of the JSON).

The analyses a decision may carry are listed in ANALYSES, in the order every format shows them;
each such view module offers `applies(decision)`, `data(decision)` (its fields of the JSON data
contract) and `section(decision, record=..., top=...)` (its section of a document; a record's
adds charts). A new analysis adds its module here.
"""

from mcstrat.report.views import group, potential, robustness, stability

ANALYSES = (group, robustness, potential, stability)

__all__ = ["ANALYSES"]
