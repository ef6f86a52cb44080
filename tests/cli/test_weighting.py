"""Weights that mean what people mean, at the command line: --swing, --ranking, effective weights."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mcstrat.analyses.group import PAIRS_LISTED_UP_TO, Stakeholder, group_rank, kendall_tau_b
from mcstrat.cli import app
from mcstrat.core.priorities import Priorities
from mcstrat.files.models import load_catalog
from tests.conftest import EXAMPLE_ANSWERS, make_runner

runner = make_runner()
CAT = load_catalog()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), prog_name="mcstrat")


def data_of(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_gives_range_and_effective_weight_for_importances() -> None:
    data = data_of("recommend", "-a", str(EXAMPLE_ANSWERS))
    assert data["weighting"] == "importance"
    crit = {c["id"]: c for c in data["criteria"]}
    # over the models ranked (OPX excluded): autonomy's range is MED-HIGH, 1/2 (tests/core/test_weighting.py)
    assert crit["speed"]["range"] == 1 and crit["roi"]["range"] == 0.5 and crit["autonomy"]["range"] == 0.5
    assert crit["speed"]["effective_weight"] == float(Fraction(12, 67))
    assert crit["roi"]["effective_weight"] == float(Fraction(10, 67))
    assert "points" not in crit["roi"] and "roc_weight" not in crit["roi"]
    assert sum(c["effective_weight"] for c in data["criteria"]) == pytest.approx(1)


def test_table_says_when_the_order_differs() -> None:
    result = run("recommend", "-a", str(EXAMPLE_ANSWERS), "--explain")  # the priorities table is --explain's
    assert result.exit_code == 0, result.output
    assert "Influence" in result.stdout
    flat = " ".join(result.stdout.split())
    assert (
        "Speed to market has more influence than Return on investment here, because the models are further apart on "
        "Speed to market." in flat
    )


def test_swing_flags_give_points_as_effective_weights() -> None:
    data = data_of("recommend", "--swing", "risk=100", "--swing", "roi=50", "--swing", "speed=25")
    assert data["weighting"] == "swing"
    crit = {c["id"]: c for c in data["criteria"]}
    assert crit["risk"]["effective_weight"] == float(Fraction(100, 175))
    assert crit["roi"]["effective_weight"] == float(Fraction(50, 175))
    assert crit["risk"]["points"] == 100 and crit["effort"]["points"] == 0 and crit["effort"]["default"]


def test_ranking_flag_gives_roc_weights() -> None:
    data = data_of("compare", "sole", "mooc", "--ranking", "risk > roi = impact > speed")
    assert data  # compare takes the flag too
    data = data_of("recommend", "--ranking", "risk > roi = impact > speed")
    assert data["weighting"] == "ranking"
    crit = {c["id"]: c for c in data["criteria"]}
    assert crit["risk"]["roc_weight"] == crit["risk"]["effective_weight"] == float(Fraction(25, 48))
    assert crit["impact"]["effective_weight"] == crit["roi"]["effective_weight"] == float(Fraction(5, 24))
    assert crit["cost"]["effective_weight"] == 0


def test_markdown_shows_effective_weights() -> None:
    result = run("recommend", "-a", str(EXAMPLE_ANSWERS), "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "| Criterion | Better | Importance (0-5) | Weight | Influence |" in result.stdout
    assert "Speed to market has more influence than Return on investment here" in result.stdout


@pytest.mark.parametrize(
    "answers",
    [
        "priorities: {risk: high, roi: 5, speed: 1/3}\ntarget_horizon: H2",
        "swing: {risk: 100, roi: 100/3, speed: 12.5}\ntarget_horizon: H1\nrequire: ['risk<=MED']",
        "ranking: 'risk > roi = impact > speed'\nranges: pessimistic",
    ],
    ids=["importance", "swing", "ranking"],
)
def test_replay_of_saved_answers_is_identical(tmp_path: Path, answers: str) -> None:
    first = write(tmp_path, "a.yaml", f"version: 1\n{answers}\n")
    saved = tmp_path / "saved.yaml"
    original = data_of("recommend", "-a", str(first), "--save-answers", str(saved))
    replayed = data_of("recommend", "-a", str(saved))
    for data in (original, replayed):
        data.pop("inputs")
    assert replayed == original
    method = original["weighting"]
    key = {"importance": "priorities", "swing": "swing", "ranking": "ranking"}[method]
    assert f"\n{key}:" in saved.read_text(encoding="utf-8")  # the method used is saved


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("swing: {risk: 150}", "swing.risk: 150 points is out of range; give points from 0 to 100"),
        ("swing: {risk: 0, roi: 0}", "every swing has 0 points"),
        ("swing: {horizon: 10}", "horizon has no target level"),
        ("ranking: 'risk > nope'", "ranking: unknown criterion 'nope'"),
        ("ranking: 'risk > roi > risk'", "risk appears twice"),
        ("ranking: ''", "the ranking is empty"),
        ("swing: {}", "line 2: swing: no swing points given"),  # not a silent fall back to default importances
        ("swing: {risk: 100}\npriorities: {risk: 2}", "gives both priorities and swing"),
        ("ranking: 'risk'\npriorities: {risk: 2}", "gives both priorities and ranking"),
    ],
)
def test_bad_answers_exit_2_naming_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, "bad.yaml", f"version: 1\n{text}\n")
    result = run("recommend", "-a", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(path) in result.stderr and fragment in result.stderr
    checked = run("validate", str(path))
    assert checked.exit_code == 2 and fragment in checked.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--swing", "risk=100", "--roi", "high"], "--roi with --swing risk: priorities are stated one way at a time"),
        (["--ranking", "risk > roi", "--weight", "roi=2"], "one way at a time"),
        (["--ranking", "risk > roi", "--swing", "risk=2"], "one way at a time"),
        (["--swing", "risk"], "--swing: expected CRITERION=POINTS"),
        (["--swing", "risk=101"], "--swing risk: 101 points is out of range"),
        # one thing said twice (issue 18): refused naming both, even when they agree
        (["--risk", "5", "--weight", "RISK=3"], "--risk: --weight RISK and --risk both set the importance of risk"),
        (["--risk", "5", "--weight", "risk=5"], "--risk: --weight risk and --risk both set the importance of risk"),
        (["--weight", "roi=3", "--weight", " roi =4"], "--weight roi is given twice; give it once"),
        (["--swing", "risk=100", "--swing", "RISK=50"], "--swing risk and --swing RISK both set the swing points of"),
        (
            ["--roi", "5", "--target", "horizon=H3", "--target-horizon", "H1"],
            "--target-horizon: --target horizon and --target-horizon both set the target level of horizon",
        ),
        (
            ["--roi", "5", "--target", "HORIZON=H1", "--target-horizon", "H1"],
            "--target HORIZON and --target-horizon both set the target level of horizon",
        ),
        (["--roi", "5", "--target", "horizon=H1", "--target", "Horizon=H2"], "both set the target level of horizon"),
        (["--roi", "١"], "--roi: '١' is written with '١', which is not one of the ASCII digits 0-9"),
        (["--swing", "risk=𝟓"], "--swing risk: '𝟓' is written with '𝟓', which is not one of the ASCII digits 0-9"),
    ],
)
def test_bad_flags_exit_2(args: list[str], fragment: str) -> None:
    result = run("recommend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert fragment in result.stderr


def test_flags_stated_another_way_replace_the_files_priorities() -> None:
    data = data_of("recommend", "-a", str(EXAMPLE_ANSWERS), "--ranking", "roi > risk")
    assert data["weighting"] == "ranking"
    assert data["target_horizon"] == "H1" and data["require"] == ["risk<=MED"]  # the file's other keys stay


def test_schema_and_template_know_the_new_keys() -> None:
    schema = json.loads(run("schema", "answers").stdout)
    assert {"swing", "ranking"} <= set(schema["properties"])
    assert "risk" in schema["properties"]["swing"]["properties"]
    text = run("init", "-").stdout
    assert "# swing: {" in text and "# ranking: " in text


def test_identical_weights_show_no_dispute(tmp_path: Path) -> None:
    ids = ", ".join(f"{c.id}: {{}}" for c in CAT.criteria if c.id != "horizon")
    five = write(tmp_path, "five.yaml", "version: 1\nname: Five\npriorities: {" + ids.format(*[5] * 7) + "}\n")
    one = write(tmp_path, "one.yaml", "version: 1\nname: One\npriorities: {" + ids.format(*[1] * 7) + "}\n")
    data = data_of("recommend", "-a", str(five), "-a", str(one))
    assert all(c["range"] == 0 for c in data["agreement"]["criteria"])
    result = run("recommend", "-a", str(five), "-a", str(one))
    assert "Most disputed" not in result.stdout


def test_stakeholders_show_their_rank_of_the_group_top(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "version: 1\nname: A\nswing: {risk: 100}\n")
    b = write(tmp_path, "b.yaml", "version: 1\nname: B\nranking: 'autonomy > speed'\n")
    data = data_of("recommend", "-a", str(a), "-a", str(b))
    top = [r["id"] for r in data["ranking"] if r["rank"] == 1]
    for person in data["stakeholders"]:
        own = {r["id"]: r["rank"] for r in person["ranking"]}
        assert person["group_top_ranks"] == {mid: own[mid] for mid in top}
    assert [p["weighting"] for p in data["stakeholders"]] == ["swing", "ranking"]
    assert data["weighting"] == "mixed"
    crit = data["agreement"]["criteria"]
    assert set(crit[0]["effective_weights"]) == {"A", "B"}
    assert [c["range"] for c in crit] == sorted((c["range"] for c in crit), reverse=True)


def test_large_groups_get_a_summary_of_pairs() -> None:
    words = ["low", "medium", "high", "critical"]
    people = [
        Stakeholder(f"p{i}", Priorities.build(CAT, {"risk": words[i % 4], "roi": words[(i // 4) % 4], "speed": 1}))
        for i in range(PAIRS_LISTED_UP_TO + 1)
    ]
    group = group_rank(CAT, people)
    agreement = group.agreement
    assert agreement.pairs == () and agreement.summary is not None
    taus = [
        kendall_tau_b(
            [r.score for r in sorted(a.result.ranking, key=lambda r: r.model.id)],
            [r.score for r in sorted(b.result.ranking, key=lambda r: r.model.id)],
        )
        for i, a in enumerate(group.stakeholders)
        for b in group.stakeholders[i + 1 :]
    ]
    defined = [t for t in taus if t is not None]
    assert agreement.summary.count == len(defined)
    assert agreement.summary.min_tau == min(defined)
    assert agreement.summary.least_agreeing[0].tau == min(defined)
    assert agreement.summary.most_agreeing[0].tau == max(defined)
    assert agreement.mean_tau == pytest.approx(sum(defined) / len(defined))
    data = group.to_dict()
    assert data["agreement"]["pairs"] == [] and data["agreement"]["pairs_summary"]["count"] == len(defined)
