"""The one linear-programme solver call: HiGHS through its own Python bindings (highspy).

potential.py and whynot.py state their programmes as scipy's ``linprog`` would (minimise c x
subject to A_ub x <= b_ub, A_eq x = b_eq, bounds per variable) and call :func:`solve`. HiGHS is
the solver scipy wraps too; highspy is used directly because importing ``scipy.optimize`` alone
takes about 0.3 s (``import numpy, scipy.optimize`` 0.45 s against ``import numpy, highspy``
0.15 s on the project's machine), more than the whole budget `--robustness` has on the 8 × 8
table. Only the stable low-level API is used (``Highs``, ``passModel`` with arrays,
``setOptionValue``, ``run``, ``getModelStatus``, ``getSolution``, ``getInfo``).

The solver's answers are floating point and are never trusted as they are: callers confirm
witnesses and certificates exactly in Fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcstrat.errors import McstratError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]

#: A variable's bounds: (lower, upper), None for unbounded on that side.
Bound = tuple[float | None, float | None]


@dataclass(frozen=True)
class Solution:
    """An optimal solution: the variables, the objective and the inequality rows' multipliers.

    ``ineq_marginals`` follow scipy's ``res.ineqlin.marginals``: the objective's sensitivity to
    each b_ub (<= 0 for a binding row of a minimisation).
    """

    x: Array
    fun: float
    ineq_marginals: Array


def _model(c: Any, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any, bounds: Sequence[Bound]) -> tuple[Any, ...]:
    """The arguments of ``Highs.passModel`` for the programme (row-wise matrix: inequality rows, then equalities)."""
    import highspy
    import numpy as np

    cost = np.asarray(c, dtype=float)
    n = len(cost)
    ub = np.asarray(a_ub, dtype=float).reshape(-1, n)
    eq = np.asarray(a_eq, dtype=float).reshape(-1, n)
    a = np.vstack([ub, eq])
    inf = highspy.kHighsInf
    b_eq_arr = np.asarray(b_eq, dtype=float).reshape(-1)
    rows, cols = np.nonzero(a)
    start = np.zeros(len(a) + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=len(a)), out=start[1:])
    return (
        n,
        len(a),
        len(rows),
        int(highspy.MatrixFormat.kRowwise),
        int(highspy.ObjSense.kMinimize),
        0.0,
        cost,
        np.array([-inf if lo is None else lo for lo, _ in bounds], dtype=float),
        np.array([inf if hi is None else hi for _, hi in bounds], dtype=float),
        np.concatenate([np.full(len(ub), -inf), b_eq_arr]),
        np.concatenate([np.asarray(b_ub, dtype=float).reshape(-1), b_eq_arr]),
        start,
        cols.astype(np.int32),
        a[rows, cols],
        # every variable continuous (highspy 1.16 misreads an empty integrality array)
        np.zeros(n, dtype=np.int32),
    )


_QUIET: Any = None


def _quiet_highs() -> Any:
    """A Highs instance that prints nothing, not even HiGHS's banner.

    highspy 1.16's ``Highs()`` installs its callbacks in the constructor, which writes HiGHS's
    "Running HiGHS ..." banner to the process's standard output (C-level, so no Python redirect
    catches it) before any option can be set (ERGO-Code/HiGHS#2749): that would corrupt
    ``--format json``. The constructor installs them through ``enableCallbacks``, so this
    subclass turns the output off first; with older highspy (no such call) the option is simply
    set right after construction. tests/analyses/test_lp.py runs a real process to keep stdout clean.
    """
    global _QUIET
    if _QUIET is None:
        import highspy

        base: Any = highspy.Highs

        def enable_callbacks(self: Any) -> None:
            self.setOptionValue("output_flag", False)
            base.enableCallbacks(self)

        _QUIET = type("QuietHighs", (base,), {"enableCallbacks": enable_callbacks})
    h = _QUIET()
    h.setOptionValue("output_flag", False)
    return h


def _run(model: tuple[Any, ...], fast: bool) -> Any:
    """A solved Highs instance, or None when HiGHS did not find an optimum."""
    import highspy

    h = _quiet_highs()
    if fast:
        # dual simplex without presolve is about a quarter faster on these small dense programmes
        # (measured, as scipy's method="highs-ds", options={"presolve": False})
        h.setOptionValue("solver", "simplex")
        h.setOptionValue("simplex_strategy", 1)
        h.setOptionValue("presolve", "off")
    # a warning (such as coefficients below 1e-9, which HiGHS drops, as under scipy) is no failure
    if h.passModel(*model) == highspy.HighsStatus.kError:
        return None
    h.run()
    return h if h.getModelStatus() == highspy.HighsModelStatus.kOptimal else None


def solve(c: Any, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any, bounds: Sequence[Bound]) -> Solution:
    """Minimise C x subject to A_ub x <= B_ub, A_eq x = B_eq and BOUNDS (one per variable).

    Dense array-likes in, as scipy's ``linprog``. Tries HiGHS's dual simplex without presolve
    first, then HiGHS's defaults; raises McstratError when neither finds an optimum (the
    programmes mcstrat builds are always feasible and bounded, so that is a bug to report).
    """
    import numpy as np

    model = _model(c, a_ub, b_ub, a_eq, b_eq, bounds)
    h = _run(model, fast=True)
    if h is None:
        h = _run(model, fast=False)
    if h is None:
        raise McstratError("the linear programme solver (HiGHS) found no optimum; please report this")
    sol = h.getSolution()
    n_ub = len(np.asarray(b_ub).reshape(-1))
    return Solution(
        x=np.array(sol.col_value, dtype=float),
        fun=float(h.getInfo().objective_function_value),
        ineq_marginals=np.array(sol.row_dual, dtype=float)[:n_ub],
    )


__all__ = ["Bound", "Solution", "solve"]
