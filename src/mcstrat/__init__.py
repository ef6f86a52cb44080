"""mcstrat: choose a micro-credential business model against your institution's priorities.

The library is usable without the command line:

    >>> from mcstrat import load_catalog, Priorities, rank
    >>> catalog = load_catalog()
    >>> result = rank(catalog, Priorities.build(catalog, {"roi": 5}))
    >>> result.ranking[0].model.id
    'institutional-business-unit'

Names are imported lazily so that `mcstrat --version` pays for none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcstrat.analyses.ranking import RankResult, rank
    from mcstrat.core.catalog import Catalog
    from mcstrat.core.priorities import Priorities
    from mcstrat.files.models import load_catalog

__all__ = ["Catalog", "Priorities", "RankResult", "load_catalog", "rank"]

_LAZY = {
    "Catalog": "mcstrat.core.catalog",
    "load_catalog": "mcstrat.files.models",
    "Priorities": "mcstrat.core.priorities",
    "RankResult": "mcstrat.analyses.ranking",
    "rank": "mcstrat.analyses.ranking",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mcstrat' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
