"""Team decisions through the command line: several answers files, the decision record, exports."""

from __future__ import annotations

import errno
import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

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
        },
    ]
    return [write_yaml(tmp_path / f"{i}-{p.get('name', 'anon')}.yaml", p) for i, p in enumerate(people)]


@pytest.fixture
def committee(team: list[Path]) -> Path:
    """The team as a group file: Finance weighs 2, the others 1 (written and default)."""
    members = [{"answers": path.name, "weight": w} for path, w in zip(team, [1, 2, "1"])] + [{"answers": team[3].name}]
    return write_yaml(team[0].parent / "committee.yaml", {"version": 1, "name": "Committee", "members": members})


def test_group_score_is_the_weighted_mean_of_individual_runs(team: list[Path], committee: Path) -> None:
    group = as_json("--group", str(committee))
    weights = [1, 2, 1, 1]
    singles = [as_json("--answers", str(path), "--exclude", "opx-led") for path in team]
    for row in group["ranking"]:
        mine = [next(r["score"] for r in single["ranking"] if r["id"] == row["id"]) for single in singles]
        expected = sum(Fraction(w) * Fraction(s) for w, s in zip(weights, mine)) / sum(weights)
        assert row["score"] == pytest.approx(float(expected), abs=1e-9)
    assert group["excluded"] == [{"id": "opx-led", "reason": "Faculty: excluded by request", "by": ["Faculty"]}]
    assert [p["name"] for p in group["stakeholders"]] == ["Provost", "Finance", "Faculty", "3-anon.yaml"]
    assert [p["weight"] for p in group["stakeholders"]] == [0.2, 0.4, 0.2, 0.2]  # normalised
    assert {"name", "top", "ranking"} <= set(group["stakeholders"][0])
    assert {"pairs", "mean_tau", "criteria"} <= set(group["agreement"])
    assert len(group["agreement"]["pairs"]) == 6
    assert len(group["inputs"]) == 5
    assert group["inputs"][0]["kind"] == "group" and group["inputs"][0]["file"] == str(committee)
    # repeated --answers keeps working, with equal weights
    equal = as_json(*(arg for path in team for arg in ("--answers", str(path))))
    assert [p["weight"] for p in equal["stakeholders"]] == [0.25] * 4
    assert "kind" not in equal["inputs"][0]


def test_group_table_view(team: list[Path]) -> None:
    result = run(*(arg for path in team for arg in ("-a", str(path))), "--explain")  # the group's details
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
        }  # one range mode for the whole group (issue 19): members differ in their targets
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


# -- group files (issue 19) --------------------------------------------------------------------


def refused(result: Any, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in " ".join(result.stderr.split()), result.stderr


def test_group_and_answers_together_are_refused(team: list[Path], committee: Path) -> None:
    refused(run("--group", str(committee), "-a", str(team[0])), "--group and --answers together are ambiguous")


@pytest.mark.parametrize("how", ["answers", "group"])
def test_a_members_own_stakeholder_weight_is_refused_in_any_group(team: list[Path], how: str) -> None:
    write_yaml(team[1], {"version": 1, "name": "Finance", "priorities": {"roi": 5}, "stakeholder_weight": 3})
    if how == "answers":
        args = [arg for path in team for arg in ("-a", str(path))]
        fix = "weigh members in a group file instead"
    else:
        members = [{"answers": path.name} for path in team]
        group = write_yaml(team[0].parent / "g.yaml", {"version": 1, "name": "G", "members": members})
        args = ["--group", str(group)]
        fix = f"give the member a `weight` in the group file {group} instead"
    refused(run(*args), f"{team[1]}: line 5: stakeholder_weight: a member's own stakeholder_weight", fix)
    # one person alone may still give it: there is no group to weigh them in
    assert run("-a", str(team[1])).exit_code == 0


def test_members_ranges_must_agree_unless_the_group_or_ranges_settles_it(team: list[Path]) -> None:
    write_yaml(team[3], {"version": 1, "priorities": {"speed": 5}, "target_horizon": "H2", "ranges": "optimistic"})
    args = [arg for path in team for arg in ("-a", str(path))]
    refused(run(*args), "the members score ranged ratings differently (midpoint: Provost, Finance, Faculty; "
            "optimistic: 3-anon.yaml)", "pass --ranges MODE")  # fmt: skip
    assert as_json(*args, "--ranges", "pessimistic")["ranges"] == "pessimistic"
    members = [{"answers": path.name} for path in team]
    unsettled = write_yaml(team[0].parent / "g.yaml", {"version": 1, "name": "G", "members": members})
    refused(run("--group", str(unsettled)), f"set `ranges: MODE` in the group file {unsettled}")
    settled = write_yaml(
        team[0].parent / "s.yaml", {"version": 1, "name": "G", "ranges": "optimistic", "members": members}
    )
    data = as_json("--group", str(settled))
    assert data["ranges"] == "optimistic" and data["name"] == "G"
    assert as_json("--group", str(settled), "--ranges", "midpoint")["ranges"] == "midpoint"  # the flag over the file


def test_priority_flags_beside_a_group_file_are_refused(committee: Path) -> None:
    refused(run("--group", str(committee), "--roi", "5"), "--roi beside a group file is ambiguous")
    refused(run("--group", str(committee), "--save-answers", "x.yaml"), "cannot be used with --group")


def test_the_group_view_names_leverage_and_the_other_readings(committee: Path) -> None:
    out = " ".join(run("--group", str(committee), "--explain").stdout.split())
    assert "Moves the group: who moves the group most." in out
    assert "Three readings of the same scores" in out
    assert "Left out at the request of some stakeholders only: OPX led (Faculty)." in out


def test_a_reading_that_picks_another_winner_is_flagged(tmp_path: Path) -> None:
    """A's scores spread wider than B's: the weighted mean follows A, the two other readings do not."""
    zero = dict.fromkeys(("effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"), 0)
    a, b = (
        write_yaml(
            tmp_path / f"{name}.yaml",
            {"version": 1, "name": name, "priorities": {**zero, **stated}, "target_horizon": "H1"},
        )
        for name, stated in (("A", {"autonomy": 3, "impact": 5}), ("B", {"effort": 5}))
    )
    data = as_json("-a", str(a), "-a", str(b))
    assert [r["id"] for r in data["ranking"] if r["rank"] == 1] == ["opx-led"]
    assert data["agreement"]["checks"]["normalised"]["winner"] == ["institutional-business-unit"]
    assert data["agreement"]["checks"]["borda"]["winner"] == ["institutional-business-unit"]
    out = " ".join(run("-a", str(a), "-a", str(b)).stdout.split())
    assert (
        "Rescaling each stakeholder's scores from their least to their most liked model (so no one counts more by "
        "having more extreme views) puts Institutional business unit first, not OPX led" in out
    )
    assert "Counting each stakeholder's own order of the models (a Borda count" in out


def test_compare_and_why_not_take_a_group_file(committee: Path) -> None:
    ranked = {r["id"]: r["score"] for r in as_json("--group", str(committee))["ranking"]}
    result = runner.invoke(app, ["compare", "sole", "mooc", "--group", str(committee), "--format", "json"])
    assert result.exit_code == 0, result.output
    compared = json.loads(result.stdout)
    assert {m["id"]: m["score"] for m in compared["models"]} == pytest.approx(
        {mid: ranked[mid] for mid in ("sole-institution", "mooc-led")}, abs=1e-9
    )
    result = runner.invoke(app, ["why-not", "mooc", "--group", str(committee), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["group"] is True


def test_init_schema_and_validate_know_the_group_file(team: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "sub" / "committee.yaml"
    target.parent.mkdir()
    result = runner.invoke(app, ["init", "--group", str(target), "-a", str(team[0]), "-a", str(team[1])])
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in " ".join(result.stderr.split())  # wrapped to the terminal
    assert f"\n  mcstrat recommend --group {target}\n" in result.stderr  # the command on a line of its own
    members = yaml.safe_load(target.read_text(encoding="utf-8"))["members"]
    assert members == [{"answers": f"../{path.name}", "weight": 1} for path in team[:2]]
    assert as_json("--group", str(target))["name"] == "Committee"
    result = runner.invoke(app, ["validate", str(target)])
    assert result.exit_code == 0 and f"{target}: valid group file" in result.stderr
    write_yaml(target, {"version": 1, "name": "C", "members": [{"answers": "nobody.yaml"}]})
    result = runner.invoke(app, ["validate", str(target)])
    assert (
        result.exit_code == 2
        and "invalid group file" in result.stderr
        and "no answers file 'nobody.yaml'" in (result.stderr)
    )
    refused(runner.invoke(app, ["init", "-a", str(team[0])]), "add --group FILE")
    result = runner.invoke(app, ["schema", "group"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "mcstrat group file"


def test_a_record_of_a_group_file_names_the_readings_and_the_group_file(committee: Path, tmp_path: Path) -> None:
    report = tmp_path / "decision.md"
    result = run("--group", str(committee), "--samples", "300", "--report", str(report))
    assert result.exit_code == 0, result.output
    text = " ".join(report.read_text(encoding="utf-8").split())
    assert "Three readings of the same scores" in text
    assert "Moves the group" in text
    assert f"{sanitize.markdown(str(committee))} (group file)" in text  # with its SHA-256, beside the members'
