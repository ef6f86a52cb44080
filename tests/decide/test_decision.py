"""One decision, one value model (issue 19): head count buys nothing, and no analysis contradicts another."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mcstrat.cli import app
from tests.conftest import make_runner, write_yaml

runner = make_runner()

ANALYSES = ("ranking", "dominance", "robustness", "potential", "stability")


def member(folder: Path, name: str, **answers: Any) -> Path:
    return write_yaml(folder / f"{name}.yaml", {"version": 1, "name": name, **answers})


def run(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["recommend", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def analyses(data: dict[str, Any]) -> dict[str, Any]:
    """The analyses' JSON, without the one figure that lists every member."""
    out = {key: data[key] for key in ANALYSES if key in data}
    out["robustness"] = {k: v for k, v in out["robustness"].items() if k != "members"}  # groups only
    out["ranking"] = [{k: v for k, v in row.items()} for row in out["ranking"]]
    return out


@pytest.mark.parametrize(
    "flags",
    [
        [],
        ["--weight-space", "free"],
        ["--weight-space", "local", "--spread", "2"],
        ["--ordinal"],
    ],
)
def test_identical_members_give_identical_json(tmp_path: Path, flags: list[str]) -> None:
    a = {"priorities": {"roi": 5, "risk": 3, "impact": 2, "horizon": 2}, "target_horizon": "H1"}
    b = {"swing": {"cost": 100, "speed": 40, "horizon": 60}, "target_horizon": "H2"}
    common = ["--robustness", "--stability", "--samples", "2000", "--seed", "5", *flags]
    found = []
    for k in (1, 2, 5):
        files = [member(tmp_path, f"a{i}", **a) for i in range(k)] + [member(tmp_path, f"b{i}", **b) for i in range(k)]
        data = run(*[arg for f in files for arg in ("-a", str(f))], *common)
        members = data["robustness"]["members"]
        assert len(members) == 2 * k
        assert len({members[f"a{i}"] for i in range(k)}) == 1 and len({members[f"b{i}"] for i in range(k)}) == 1
        found.append(analyses(data))
    assert found[1] == found[0] and found[2] == found[0]


# The example: three people planning for H1, H1 and H2. As scored (provost at midpoint), industry partnership
# is never ahead of the professional-body and NGO partnerships at the group's weights, yet it comes first in some
# samples: its H1/H2 horizon is the H2 planner's target. What can win must not call it dominated or unable to win.
def three(tmp_path: Path) -> list[str]:
    provost = member(
        tmp_path,
        "Provost",
        priorities={"effort": 2, "horizon": 3, "risk": "high", "autonomy": 4, "speed": 3, "cost": "medium",
                    "impact": 4, "roi": 5},
        target_horizon="H1",
        ranges="midpoint",
    )  # fmt: skip
    dean = member(
        tmp_path, "Dean", priorities={"roi": "5/3", "impact": 2.5, "risk": 1, "horizon": 3}, target_horizon="H1"
    )
    finance = member(
        tmp_path,
        "Finance",
        swing={"risk": 100, "cost": 80, "roi": 60, "speed": "100/3", "horizon": 90},
        target_horizon="H2",
    )
    return ["-a", str(provost), "-a", str(finance), "-a", str(dean), "--ranges", "midpoint"]


@pytest.mark.parametrize("flags", [[], ["--weight-space", "free"], ["--ordinal"]])
def test_what_cannot_win_never_comes_first(tmp_path: Path, flags: list[str]) -> None:
    data = run(*three(tmp_path), "--robustness", "--samples", "3000", *flags)
    # as scored, the dominance beside the ranking keeps its place
    assert data["dominance"]["industry-partnership"] == ["professional-body-partnership", "ngo-partnership"]
    first = {m: row[0] for m, row in data["robustness"]["acceptability"].items()}
    assert first["industry-partnership"] > 0.01
    space = "free" if "free" in flags else "order"
    for mid, found in data["potential"].items():
        if found["dominated_by"] or not found[space]["possible"]:
            assert first[mid] == 0, mid
        if first[mid] > 0:
            assert found[space]["possible"] and found["dominated_by"] == [], mid
    assert data["potential"]["industry-partnership"]["dominated_by"] == []


def test_the_views_say_which_dominance_is_which(tmp_path: Path) -> None:
    result = runner.invoke(app, ["recommend", *three(tmp_path), "--robustness", "--samples", "1000"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "At the ratings as scored and the group's present weights, Industry led or partnership can never" in text
    assert "the chance that Professional body led or partnership (or NGO led or partnership, rated identically)" in text


@pytest.mark.parametrize("flags", [[], ["--weight-space", "free"], ["--ordinal"]])
def test_copies_of_one_person_are_that_person(tmp_path: Path, flags: list[str]) -> None:
    """k copies of one answers file give exactly that file's results alone, stability in its own units included."""
    a = {"priorities": {"roi": 5, "risk": 3, "impact": 2, "horizon": 2}, "target_horizon": "H1"}
    common = ["--robustness", "--stability", "--samples", "2000", "--seed", "5", *flags]
    alone = analyses({**run("-a", str(member(tmp_path, "a0", **a)), *common)})
    for k in (2, 5):
        files = [member(tmp_path, f"a{i}", **a) for i in range(k)]
        data = run(*[arg for f in files for arg in ("-a", str(f))], *common)
        assert analyses(data) == alone, k
        assert "importance" in next(iter(data["stability"].values()))  # the person's own scale, not group shares
