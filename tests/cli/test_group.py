"""Team decisions through the command line: several answers files, the decision record, exports."""

from __future__ import annotations

import errno
import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mcstrat import sanitize
from mcstrat.cli import app
from mcstrat.errors import WriteError
from mcstrat.files.writing import write_atomic
from mcstrat.report.record import SECTIONS
from tests.conftest import make_runner, write_yaml

runner = make_runner()


def run(*args: str) -> Any:
    return runner.invoke(app, ["recommend", *args], prog_name="mcstrat")


def as_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def team(tmp_path: Path) -> list[Path]:
    people = [
        {
            "version": 1,
            "name": "Provost",
            "priorities": {"roi": 5, "risk": "high", "impact": 4},
            "target_horizon": "H1",
        },
        {
            "version": 1,
            "name": "Finance",
            "priorities": {"cost": "critical", "roi": 5},
            "target_horizon": "H1",
            "stakeholder_weight": 2,
        },
        {
            "version": 1,
            "name": "Faculty",
            "priorities": {"autonomy": "critical", "impact": 5},
            "target_horizon": "H2",
            "exclude": ["opx"],
        },
        {
            "version": 1,
            "priorities": {"speed": "critical", "effort": 4},
            "target_horizon": "H2",
            "ranges": "optimistic",
        },
    ]
    return [write_yaml(tmp_path / f"{i}-{p.get('name', 'anon')}.yaml", p) for i, p in enumerate(people)]


def test_group_score_is_the_weighted_mean_of_individual_runs(team: list[Path]) -> None:
    group = as_json(*(arg for path in team for arg in ("--answers", str(path))))
    weights = [1, 2, 1, 1]
    singles = [as_json("--answers", str(path), "--exclude", "opx-led") for path in team]
    for row in group["ranking"]:
        mine = [next(r["score"] for r in single["ranking"] if r["id"] == row["id"]) for single in singles]
        expected = sum(Fraction(w) * Fraction(s) for w, s in zip(weights, mine)) / sum(weights)
        assert row["score"] == pytest.approx(float(expected), abs=1e-9)
    assert group["excluded"] == [{"id": "opx-led", "reason": "Faculty: excluded by request"}]
    assert [p["name"] for p in group["stakeholders"]] == ["Provost", "Finance", "Faculty", "3-anon.yaml"]
    assert {"name", "top", "ranking"} <= set(group["stakeholders"][0])
    assert {"pairs", "mean_tau", "criteria"} <= set(group["agreement"])
    assert len(group["agreement"]["pairs"]) == 6
    assert len(group["inputs"]) == 4


def test_group_table_view(team: list[Path]) -> None:
    result = run(*(arg for path in team for arg in ("-a", str(path))))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Stakeholders\n" in out and "Agreement: how alike two stakeholders rank the models" in " ".join(out.split())
    assert "Where priorities differ most: each criterion's influence for each stakeholder" in out
    assert "Not ranked:\n• OPX led: Faculty: excluded by request" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_group_robustness_and_stability(team: list[Path]) -> None:
    data = as_json(
        *(arg for path in team for arg in ("-a", str(path))), "--robustness", "--samples", "500", "--stability"
    )
    accept = data["robustness"]["acceptability"]
    assert set(accept) == {r["id"] for r in data["ranking"]}
    assert all(abs(sum(row) - 1) < 1e-9 for row in accept.values())
    assert set(data["stability"]) <= {c["id"] for c in data["criteria"]}
    for iv in data["stability"].values():  # shares of the group's weight
        assert set(iv) == {"weight", "low", "high", "below", "above"}
        assert 0 <= iv["low"] <= iv["weight"] <= iv["high"] <= 1


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--risk", "3"], "--risk beside several --answers files is ambiguous"),
        (["--weight", "roi=2"], "--weight roi beside several --answers files is ambiguous"),
        (["--target-horizon", "H2"], "--target-horizon beside several --answers files is ambiguous"),
        (["--save-answers", "x.yaml"], "--save-answers saves one person's answers"),
    ],
)
def test_group_refuses_ambiguous_flags(team: list[Path], extra: list[str], fragment: str) -> None:
    result = run("-a", str(team[0]), "-a", str(team[1]), *extra)
    assert result.exit_code == 2 and result.stdout == ""
    assert fragment in result.stderr


def test_everyone_excluding_everything_is_an_error(tmp_path: Path) -> None:
    a = write_yaml(tmp_path / "a.yaml", {"version": 1, "name": "A", "priorities": {"roi": 1}, "require": ["risk<=LOW"]})
    b = write_yaml(tmp_path / "b.yaml", {"version": 1, "name": "B", "priorities": {"roi": 1}, "require": ["risk>=MED"]})
    result = run("-a", str(a), "-a", str(b))
    assert result.exit_code == 2 and result.stdout == ""
    assert "A" in result.stderr and "B" in result.stderr


def test_report_has_every_section(team: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "decision.md"
    args = [arg for path in team for arg in ("-a", str(path))]
    result = runner.invoke(
        app,
        ["recommend", *args, "--robustness", "--samples", "300", "--stability", "--report", str(report)],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    positions = [text.index(f"\n## {section}\n") for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Date: 2023-11-14" in text
    assert "10.5334/jime.801" in text and "CC BY 4.0" in text
    for path in team:
        assert sanitize.markdown(str(path)) in text


def test_report_is_not_overwritten_without_force(tmp_path: Path) -> None:
    report = tmp_path / "decision.md"
    report.write_text("an earlier record", encoding="utf-8")
    result = run("--roi", "5", "--report", str(report))
    assert result.exit_code == 2 and result.stdout == "" and "already exists; pass --force" in result.stderr
    assert report.read_text(encoding="utf-8") == "an earlier record"
    result = run("--roi", "5", "--report", str(report), "--force")
    assert result.exit_code == 0, result.output
    assert report.read_text(encoding="utf-8").startswith("# Decision record")


def test_report_is_byte_identical_for_the_same_inputs(tmp_path: Path) -> None:
    texts = []
    for name in ("one.md", "two.md"):
        result = runner.invoke(
            app,
            ["recommend", "--roi", "5", "--robustness", "--samples", "200", "--report", str(tmp_path / name)],
            env={"SOURCE_DATE_EPOCH": "0"},
        )
        assert result.exit_code == 0, result.output
        texts.append((tmp_path / name).read_bytes())
    assert texts[0] == texts[1]


def test_exports_are_self_contained(tmp_path: Path) -> None:
    html, svg = tmp_path / "view.html", tmp_path / "view.svg"
    result = run("--roi", "5", "--export-html", str(html), "--export-svg", str(svg), "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # stdout still carries only the requested format
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Institutional business unit" in page
    assert "<link" not in page and "<script src" not in page
    image = svg.read_text(encoding="utf-8")
    assert image.lstrip().startswith("<svg") and "Institutional" in image


def test_interrupted_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.md"

    class Boom(KeyboardInterrupt):
        pass

    import os

    real_link = os.link

    def interrupted(src: str, dst: str, **kwargs: object) -> None:  # a new file is published with link()
        raise Boom

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(Boom):
        write_atomic(target, "# half a record\n" * 1000)
    monkeypatch.setattr(os, "link", real_link)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.md"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # the new text is written, but not yet safely on disk
    with pytest.raises(WriteError, match="no space left on the device"):
        write_atomic(target, "new, half written", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["record.md"]


def test_command_line_limits_apply_to_the_whole_group(team: list[Path]) -> None:
    data = as_json("-a", str(team[0]), "-a", str(team[1]), "--exclude", "mooc", "--require", "risk<=LOW")
    reasons = {e["id"]: e["reason"] for e in data["excluded"]}
    assert reasons["mooc-led"] == "whole group: excluded by request"
    assert reasons["peer-consortium"] == "whole group: breaks risk<=LOW (rated MED)"
    assert "Provost" not in " ".join(reasons.values())


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [("MAX_STAKEHOLDERS", 2, "at most 2 stakeholders"), ("MAX_GROUP_WORK", 100, "192 units of work (at most 100)")],
)
def test_a_group_too_big_to_rank_in_seconds_is_refused_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    import mcstrat.analyses.group as group_module

    monkeypatch.setattr(group_module, limit, value)
    args = []
    for i in range(3):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps({"version": 1, "priorities": {"roi": i + 1}}), encoding="utf-8")
        args += ["-a", str(path)]
    result = runner.invoke(app, ["recommend", *args, "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def _fraction_team(tmp_path: Path) -> list[str]:
    """Five people stating importances 1/p with large co-prime p, planning for different horizons (issue 18)."""
    primes = [10**17 + 3, 10**17 + 19, 10**17 + 21, 10**17 + 49, 10**17 + 81, 10**17 + 99, 10**17 + 141]
    crits = ["effort", "risk", "autonomy", "speed", "cost", "impact", "roi"]
    args = []
    for s in range(5):
        person = {
            "version": 1,
            "name": f"member {s}",
            "priorities": {c: f"1/{primes[(s + k) % 7] + 2 * s}" for k, c in enumerate(crits)} | {"horizon": 1},
            "target_horizon": f"H{s % 3 + 1}",
            "ranges": ("midpoint", "optimistic", "pessimistic")[s % 3],
        }
        args += ["--answers", str(write_yaml(tmp_path / f"m{s}.yaml", person))]
    return args


def test_why_not_and_the_record_work_with_large_co_prime_fraction_importances(tmp_path: Path) -> None:
    """Exact group numbers of hundreds of digits reach the solver as floats without overflowing."""
    args = _fraction_team(tmp_path)
    for model in ("sole-institution", "mooc-led", "opx-led"):
        result = runner.invoke(app, ["why-not", model, *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["model"] == model
    record = tmp_path / "x.md"
    result = run(*args, "--report", str(record))
    assert result.exit_code == 0, result.output
    assert record.read_text(encoding="utf-8").startswith("#")
