"""The solver call: HiGHS through highspy, with scipy linprog's conventions, and nothing on stdout."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mcstrat.analyses.lp import solve
from mcstrat.errors import McstratError
from tests.conftest import EXAMPLE_ANSWERS, ROOT


def test_a_small_programme_by_hand() -> None:
    # maximise x + 2y with x + y <= 4, y <= 3, x + y + z = 5, all >= 0: x = 1, y = 3, z = 1, value 7
    res = solve(
        [-1.0, -2.0, 0.0], [[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]], [4.0, 3.0], [[1.0, 1.0, 1.0]], [5.0], [(0.0, None)] * 3
    )
    assert res.x.tolist() == pytest.approx([1.0, 3.0, 1.0])
    assert res.fun == pytest.approx(-7.0)
    # scipy's sign: the objective's change per unit of each b_ub (one more unit of either: 1 more of value)
    assert res.ineq_marginals.tolist() == pytest.approx([-1.0, -1.0])


def test_marginals_follow_scipy_sign_convention() -> None:
    # minimise -t with t <= 1 (one inequality row): the marginal is d(fun)/d(b_ub) = -1
    res = solve([-1.0], [[1.0]], [1.0], [[0.0]], [0.0], [(None, None)])
    assert res.fun == pytest.approx(-1.0)
    assert res.ineq_marginals.tolist() == pytest.approx([-1.0])


def test_no_equality_rows() -> None:
    res = solve([1.0, 1.0], [[-1.0, -1.0]], [-1.0], [], [], [(0.0, None), (0.0, None)])
    assert res.fun == pytest.approx(1.0)


def test_an_infeasible_programme_is_a_bug_to_report() -> None:
    with pytest.raises(McstratError, match="please report this"):
        solve([1.0], [[1.0]], [-1.0], [], [], [(0.0, None)])


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--format", "json", "--robustness", "--samples", "200"],
        ["why-not", "mooc", "--answers", str(EXAMPLE_ANSWERS), "--format", "json"],
    ],
)
def test_a_real_process_prints_only_json_and_never_loads_scipy(args: list[str]) -> None:
    """HiGHS writes its banner straight to the process's stdout (highspy 1.16); CliRunner cannot see that."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['mcstrat', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('mcstrat', run_name='__main__')\n"
        "finally:\n"
        "    sys.stdout.flush()\n"
        "    print('scipy' in sys.modules, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("{")
    json.loads(proc.stdout)
    assert proc.stderr.strip().splitlines()[-1] == "False"
