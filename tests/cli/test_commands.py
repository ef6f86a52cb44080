"""The command line (cli/commands.py): every command and format, flags vs answers files, errors at the boundary."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mcstrat.cli import app
from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner, tiny_catalog_data, write_yaml

runner = make_runner()

EXAMPLE_FLAGS = [
    "--effort", "2", "--horizon", "3", "--risk", "high", "--autonomy", "4", "--speed", "3",
    "--cost", "medium", "--impact", "4", "--roi", "5", "--target-horizon", "H1",
    "--exclude", "opx-led", "--require", "risk<=MED", "--ranges", "midpoint",
]  # fmt: skip


def run(*args: str, **kwargs: Any) -> Any:
    return runner.invoke(app, list(args), prog_name="mcstrat", **kwargs)


def ok(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def bad(*args: str, fragment: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


# -- models and show ----------------------------------------------------------------------


def test_models_table_shows_all_64_ratings_within_80_columns() -> None:
    out = ok("models").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    for model_row in [
        "MED     H1       LOW   HIGH      MED    MED   LOW/MED   LOW/MED",
        "LOW     H2/H3    MED   LOW       HIGH   MED   MED/HIGH  MED/HIGH",
    ]:
        assert model_row in out
    assert "CC BY 4.0" in out and "10.5334/jime.801" in out


def test_models_json_contract(catalog: Any) -> None:
    data = json.loads(ok("models", "--format", "json").stdout)
    assert [m["id"] for m in data] == catalog.model_ids
    for item in data:
        assert {"id", "name", "description", "example", "strengths", "weaknesses", "ratings"} <= set(item)
        assert list(item["ratings"]) == catalog.criterion_ids
    unit = next(m for m in data if m["id"] == "institutional-business-unit")
    assert unit["ratings"] == {
        "effort": "MED", "horizon": "H2/H3", "risk": "MED", "autonomy": "HIGH",
        "speed": "HIGH", "cost": "MED", "impact": "MED/HIGH", "roi": "MED/HIGH",
    }  # fmt: skip


def test_models_csv_and_markdown(catalog: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("models", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == catalog.model_ids
    assert rows[7]["roi"] == "MED/HIGH" and rows[0]["impact"] == "LOW/MED"
    md = ok("models", "-f", "markdown").stdout
    assert md.startswith("## Micro-credential business models\n\n| Model | effort | horizon |")
    assert "| MOOC led | LOW | H2 | LOW | MED | HIGH | MED | LOW/MED | LOW/MED |" in md


@pytest.mark.parametrize("query", ["mooc", "MOOC-LED", "mooc-led"])
def test_show_card(query: str) -> None:
    out = ok("show", query).stdout
    assert "MOOC led (mooc-led)" in out and "Coursera, EdX, FutureLearn" in out
    assert "Strengths: Proven online platform" in out and "Weaknesses: Loss of brand recognition" in out
    assert "How quickly micro-credentials can be brought" in out  # the criterion's meaning
    assert "CC BY 4.0" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_json_is_one_model_object() -> None:
    data = json.loads(ok("show", "opx", "--format", "json").stdout)
    assert data["id"] == "opx-led" and data["ratings"]["autonomy"] == "LOW"
    assert data["source"]["doi"] == "10.5334/jime.801"


def test_show_csv_and_markdown() -> None:
    rows = list(csv.DictReader(io.StringIO(ok("show", "peer", "-f", "csv").stdout)))
    assert [(r["criterion"], r["rating"]) for r in rows][:3] == [
        ("effort", "HIGH"),
        ("horizon", "H2/H3"),
        ("risk", "MED"),
    ]
    md = ok("show", "peer", "-f", "markdown").stdout
    assert (
        md.startswith("## Peer consortium (peer-consortium)") and "**Weaknesses:** Governance can be cumbersome" in md
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["show", "nosuch"], "unknown model id 'nosuch'; valid ids: sole-institution"),
        (["show", "p"], "ambiguous: it could be peer-consortium, professional-body-partnership"),
        (["--models", "/does/not/exist.yaml", "models"], "/does/not/exist.yaml: no such models file"),
        (["models", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_models_and_show_errors(args: list[str], fragment: str) -> None:
    bad(*args, fragment=fragment)


def test_custom_models_file(tiny: Path) -> None:
    data = json.loads(ok("--models", str(tiny), "models", "-f", "json").stdout)
    assert [m["id"] for m in data] == ["alpha", "beta", "gamma"]
    result = json.loads(
        ok("--models", str(tiny), "recommend", "--weight", "gain=1", "--weight", "pain=1", "-f", "json").stdout
    )
    assert [r["id"] for r in result["ranking"]] == ["alpha", "beta", "gamma"]
    assert result["source"] is None


def test_invalid_custom_models_file_names_file_and_line(tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["models"][1]["ratings"]["gain"] = "HUGE"
    file = write_yaml(tmp_path / "m.yaml", data)
    bad("--models", str(file), "models", fragment=f"{file}: line")


# -- recommend ----------------------------------------------------------------------------


def recommend_json(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("recommend", *args, "--format", "json").stdout)
    return data


def test_flags_answers_and_mix_give_identical_json(tmp_path: Path) -> None:
    from_file = recommend_json("--answers", str(EXAMPLE_ANSWERS))
    from_flags = recommend_json(*EXAMPLE_FLAGS)
    partial = write_yaml(
        tmp_path / "partial.yaml",
        {
            "version": 1,
            "name": "Provost's office",
            "priorities": {"effort": 2, "horizon": 3, "risk": 1},
            "exclude": ["opx-led"],
        },
    )
    mixed = recommend_json(
        "--answers",
        str(partial),
        "--risk",
        "high",
        "--autonomy",
        "4",
        "--speed",
        "3",
        "--cost",
        "medium",
        "--impact",
        "4",
        "--roi",
        "5",
        "--target-horizon",
        "H1",
        "--require",
        "risk<=MED",
    )
    for data in (from_file, from_flags, mixed):
        data.pop("inputs", None)
        data.pop("name")
    assert from_file == from_flags == mixed


def test_recommend_json_contract() -> None:
    data = recommend_json("--answers", str(EXAMPLE_ANSWERS))
    assert data["target_horizon"] == "H1" and data["ranges"] == "midpoint"
    assert [c["id"] for c in data["criteria"]] == [
        "effort",
        "horizon",
        "risk",
        "autonomy",
        "speed",
        "cost",
        "impact",
        "roi",
    ]
    assert {"id", "direction", "importance", "weight"} <= set(data["criteria"][0])
    assert abs(sum(c["weight"] for c in data["criteria"]) - 1) < 1e-12
    first = data["ranking"][0]
    assert {"rank", "id", "name", "score", "tied", "utilities", "contributions"} <= set(first)
    assert (first["rank"], first["id"], first["tied"]) == (1, "institutional-business-unit", False)
    assert first["score"] == pytest.approx(1850 / 27)
    for row in data["ranking"]:
        assert sum(row["contributions"].values()) == pytest.approx(row["score"])
        assert all(0 <= u <= 1 for u in row["utilities"].values())
    assert [(r["rank"], r["tied"]) for r in data["ranking"][1:3]] == [(2, True), (2, True)]
    assert data["excluded"] == [{"id": "opx-led", "reason": "excluded by request"}]
    assert data["inputs"][0]["file"].endswith("answers.yaml") and len(data["inputs"][0]["sha256"]) == 64


def test_defaults_are_shown() -> None:
    data = recommend_json("--roi", "5")
    crit = {c["id"]: c for c in data["criteria"]}
    assert crit["roi"]["default"] is False and crit["roi"]["importance"] == 5
    assert crit["risk"]["default"] is True and crit["risk"]["importance"] == 2
    assert crit["horizon"]["importance"] == 0 and data["target_horizon"] is None
    out = ok("recommend", "--roi", "5", "--explain").stdout  # the priorities table is --explain's
    stated = {
        line.split()[0]: line.split()[-4:-2] for line in out.splitlines() if line.startswith(("Risk ", "Horizon "))
    }
    assert stated == {"Horizon": ["0", "(default)"], "Risk": ["2", "(default)"]}
    assert "(default): not stated, so it counts as medium (2)" in " ".join(out.split())


def test_weight_flag_and_target_flag() -> None:
    assert recommend_json("--weight", "roi=5", "--weight", "risk=high") == recommend_json(
        "--roi", "5", "--risk", "high"
    )
    assert recommend_json("--target", "horizon=H2", "--horizon", "1") == recommend_json(
        "--target-horizon", "H2", "--horizon", "1"
    )


def test_top_keeps_ties() -> None:
    data = recommend_json("--answers", str(EXAMPLE_ANSWERS), "--top", "2")
    assert [r["id"] for r in data["ranking"]] == [
        "institutional-business-unit",
        "professional-body-partnership",
        "ngo-partnership",
    ]
    out = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--top", "1").stdout
    assert "6 more models not shown; drop --top to see all." in out


def test_table_view() -> None:
    out = ok("recommend", "--answers", str(EXAMPLE_ANSWERS)).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Recommendation for Provost's office" in lines[0]
    assert any(
        line.strip().startswith("1  Institutional business unit") and "68.5" in line and "█" in line for line in lines
    )
    assert any(line.strip().startswith("2=  Professional body led or partnership") for line in lines)
    assert "Not ranked: OPX led, excluded by request." in out
    assert "Your priorities" not in out and "Strengths:" not in out  # --explain's
    out = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--explain").stdout
    assert "Not ranked:\n• OPX led: excluded by request" in out
    assert "Strengths: Potential for fast, flexible" in out and "Weaknesses: Disconnection with faculties" in out
    labels = ("Effort", "Horizon", "Risk", "Autonomy", "Speed", "Cost", "Impact", "Return")
    table = out[out.index("Your priorities") :].splitlines()
    weights = [line.split()[-2] for line in table if line.startswith(labels)][:8]
    assert weights == ["7%", "11%", "15%", "15%", "11%", "7%", "15%", "19%"]


def test_explain_table() -> None:
    out = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--explain").stdout
    assert "Points from each criterion" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    table = out[out.index("Points from each criterion") :]
    row = next(line for line in table.splitlines() if line.startswith("Institutional"))
    assert row.split()[-1] == "68.5" and "14.8" in row


def test_recommend_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "-f", "csv").stdout)))
    assert list(rows[0])[:5] == ["rank", "id", "name", "score", "tied"]
    assert "contribution_roi" in rows[0]
    assert [r["id"] for r in rows][:3] == [
        "institutional-business-unit",
        "professional-body-partnership",
        "ngo-partnership",
    ]
    assert rows[1]["tied"] == "true" and rows[0]["tied"] == "false"
    assert len(rows) == 7


def test_recommend_markdown() -> None:
    md = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "-f", "markdown").stdout
    assert md.startswith("## Recommendation for Provost's office")
    assert "| 2= | Professional body led or partnership | 66.7 |" in md
    assert "Not ranked:\n\n- **OPX led**: excluded by request" in md and "CC BY 4.0" in md


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--risk", "-1"], "--risk: importance -1 is out of range"),
        (["--risk", "lots"], "--risk: 'lots' is not an importance"),
        (["--risk", "hihg"], "did you mean 'high'"),
        (["--weight", "risk"], "--weight: expected CRITERION=N, got 'risk'"),
        (["--weight", "rsik=3"], "--weight rsik: unknown criterion 'rsik' (did you mean 'risk'?)"),
        (["--horizon", "3"], "--horizon: horizon has importance 3 but no target; add --target-horizon"),
        (["--roi", "3", "--target-horizon", "H9"], "--target-horizon: 'H9' is not a level of horizon"),
        (["--roi", "3", "--require", "risk<<MED"], "--require: 'risk<<MED' is not a constraint"),
        (["--roi", "3", "--exclude", "nope"], "--exclude: unknown model id 'nope'"),
        (
            ["--roi", "3", "--require", "risk<=LOW", "--require", "autonomy>=HIGH", "--exclude", "sole"],
            "no model is left to rank",
        ),
        (
            [
                "--roi",
                "0",
                "--effort",
                "0",
                "--risk",
                "0",
                "--autonomy",
                "0",
                "--speed",
                "0",
                "--cost",
                "0",
                "--impact",
                "0",
            ],
            "every criterion has importance 0",
        ),
        (["--answers", "/no/such.yaml"], "/no/such.yaml: no such answers file"),
        (["--roi", "3", "--top", "0"], "--top: 0 is out of range; give a whole number of 1 or more"),
        ([], "no priorities given and no terminal to ask them in; pass --answers FILE"),
        ([], "--swing CRITERION=POINTS or --ranking"),
    ],
)
def test_recommend_errors(args: list[str], fragment: str) -> None:
    bad("recommend", *args, fragment=fragment)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("version: 2\n", "unsupported version 2"),
        (
            "version: 1\npriorities:\n  rsik: 3\n",
            "line 3: priorities.rsik: unknown criterion 'rsik' (did you mean 'risk'?)",
        ),
        ("version: 1\npriorities:\n  risk: 7\n", "line 3: priorities.risk: importance 7 is out of range"),
        ("version: 1\npriorities: {risk: -2}\n", "priorities.risk: importance -2 is out of range"),
        (
            "version: 1\npriorities: {risk: 3}\nexclude: [mooc-lead]\n",
            "exclude.0: unknown model id 'mooc-lead' (did you mean 'mooc-led'?)",
        ),
        ("version: 1\npriorities: {risk: 3}\nrequire: ['risk<=LOL']\n", "require.0: 'LOL' is not a level of risk"),
        ("version: 1\npriorities: {horizon: 3}\n", "priorities.horizon: horizon has importance 3 but no target"),
        ("version: 1\npriorities: {risk: 3}\ntarget_horizon: H7\n", "target_horizon: 'H7' is not a level of horizon"),
        ("version: 1\npriorities: {risk: 3\n", "not valid YAML"),
    ],
)
def test_answers_file_errors(tmp_path: Path, content: str, fragment: str) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text(content, encoding="utf-8")
    stderr = bad("recommend", "--answers", str(file), fragment=fragment)
    assert str(file) in stderr


def test_json_answers_file(tmp_path: Path) -> None:
    import yaml

    file = tmp_path / "answers.json"
    file.write_text(json.dumps(yaml.safe_load(EXAMPLE_ANSWERS.read_text(encoding="utf-8"))), encoding="utf-8")
    a, b = recommend_json("--answers", str(file)), recommend_json("--answers", str(EXAMPLE_ANSWERS))
    a.pop("inputs"), b.pop("inputs")
    assert a == b


def test_output_file_is_refused_before_anything_is_printed(tmp_path: Path) -> None:
    existing = tmp_path / "saved.yaml"
    existing.write_text("keep me", encoding="utf-8")
    bad("recommend", "--roi", "5", "--save-answers", str(existing), fragment="already exists; pass --force")
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_save_answers_replays_identically(tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    first = recommend_json(*EXAMPLE_FLAGS, "--save-answers", str(saved))
    replay = recommend_json("--answers", str(saved))
    first.pop("name"), replay.pop("name"), replay.pop("inputs")
    assert first == replay


# -- compare ------------------------------------------------------------------------------


def test_compare_without_priorities() -> None:
    out = ok("compare", "sole", "mooc").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "HIGH ✓" in out and "LOW ✓" in out
    data = json.loads(ok("compare", "sole", "mooc", "-f", "json").stdout)
    better = {c["id"]: c["better"] for c in data["criteria"]}
    assert better["autonomy"] == ["sole-institution"] and better["effort"] == ["mooc-led"]
    assert better["risk"] == [] and better["horizon"] == []
    assert data["models"][0]["score"] is None


def test_compare_with_priorities_explains_the_gap() -> None:
    data = json.loads(ok("compare", "sole", "mooc", "--answers", str(EXAMPLE_ANSWERS), "-f", "json").stdout)
    scores = {m["id"]: m["score"] for m in data["models"]}
    ranked = recommend_json("--answers", str(EXAMPLE_ANSWERS))
    assert scores == {r["id"]: r["score"] for r in ranked["ranking"] if r["id"] in scores}
    gap = sum(c["difference"]["mooc-led"] for c in data["criteria"])
    assert gap == pytest.approx(scores["mooc-led"] - scores["sole-institution"])
    assert {c["id"]: c["better"] for c in data["criteria"]}["horizon"] == ["sole-institution"]


def test_compare_formats() -> None:
    rows = list(csv.DictReader(io.StringIO(ok("compare", "sole", "mooc", "--roi", "5", "-f", "csv").stdout)))
    assert rows[-1]["criterion"] == "score" and rows[0]["rating_mooc-led"] == "LOW"
    gaps = {r["criterion"]: r["difference_mooc-led"] for r in rows}
    assert float(gaps["effort"]) > 0 and float(gaps["autonomy"]) < 0
    assert float(gaps["score"]) == pytest.approx(sum(float(v) for k, v in gaps.items() if k != "score"))
    md = ok("compare", "sole", "mooc", "opx", "-f", "markdown").stdout
    assert md.startswith("## Comparison: Sole institution vs MOOC led vs OPX led")
    assert "CC BY 4.0" in md
    scored = ok("compare", "sole", "mooc", "opx", "--answers", str(EXAMPLE_ANSWERS), "-f", "markdown").stdout
    assert "| Δ MOOC led − Sole institution | Δ OPX led − Sole institution |" in scored
    assert "Note: the priorities given would exclude OPX led: excluded by request." in scored


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["sole"], "at least two model ids"),
        (["sole", "sole-institution"], "named twice"),
        (["sole", "zzz"], "unknown model id 'zzz'"),
    ],
)
def test_compare_errors(args: list[str], fragment: str) -> None:
    bad("compare", *args, fragment=fragment)


# -- the program as a whole ---------------------------------------------------------------


def test_version() -> None:
    from importlib.metadata import version

    assert ok("--version").stdout == f"mcstrat {version('mcstrat')}\n"


def test_help_has_examples() -> None:
    out = ok("--help").stdout
    assert "Examples:" in out and "mcstrat recommend --answers examples/answers.yaml" in out


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help(name: str) -> None:
    import typer.main

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"{name} has no help text"
    assert ok(name, "--help").stdout.startswith("Usage: mcstrat " + name)


def test_python_m_and_debug_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "CI": "true"}
    env.pop("MCSTRAT_DEBUG", None)
    plain = subprocess.run(
        [sys.executable, "-m", "mcstrat", "show", "zzz"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert plain.returncode == 2 and plain.stdout == "" and "Traceback" not in plain.stderr
    debug = subprocess.run(
        [sys.executable, "-m", "mcstrat", "show", "zzz"],
        capture_output=True,
        text=True,
        env={**env, "MCSTRAT_DEBUG": "1"},
        stdin=subprocess.DEVNULL,
    )
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "InputError" in debug.stderr
    version = subprocess.run(
        [sys.executable, "-m", "mcstrat", "--version"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert version.returncode == 0 and version.stdout.startswith("mcstrat ")


def test_examples_file_is_the_readme_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "mcstrat recommend --answers examples/answers.yaml" in readme


# -- robustness and stability -------------------------------------------------------------


def test_robustness_json_contract_and_seed() -> None:
    args = ["--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "2000"]
    data = recommend_json(*args, "--seed", "7")
    rob = data["robustness"]
    assert {"samples", "seed", "spread", "ordinal", "acceptability", "central_weights"} <= set(rob)
    assert {"weight_space", "error", "confidence", "identical"} <= set(rob)
    assert (rob["samples"], rob["seed"], rob["spread"], rob["ordinal"]) == (2000, 7, None, False)
    assert rob["weight_space"] == "stated" and 0 < rob["error"] < 0.05
    assert rob["identical"] == [["professional-body-partnership", "ngo-partnership"]]
    assert set(rob["confidence"]) == set(rob["acceptability"])
    assert all((c is None) == (rob["acceptability"][m][0] == 0) for m, c in rob["confidence"].items())
    assert set(rob["acceptability"]) == {r["id"] for r in data["ranking"]}
    for row in rob["acceptability"].values():
        assert len(row) == len(data["ranking"]) and sum(row) == pytest.approx(1)
    for rank in range(len(data["ranking"])):
        assert sum(row[rank] for row in rob["acceptability"].values()) == pytest.approx(1)
    central = rob["central_weights"]["institutional-business-unit"]
    assert set(central) == {c["id"] for c in data["criteria"]} and sum(central.values()) == pytest.approx(1)
    assert recommend_json(*args, "--seed", "7") == data
    assert recommend_json(*args, "--seed", "8")["robustness"]["acceptability"] != rob["acceptability"]
    assert recommend_json(*args, "--seed", "7", "--ordinal")["robustness"]["ordinal"] is True


def test_robustness_and_stability_table() -> None:
    out = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "500", "--stability").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "#1 is the chance of coming first" in out and "Central weights" in out
    assert "Where Institutional business unit stays first" in out
    # one plain sentence each, without the jargon
    flat = " ".join(out.split())
    assert (
        "How firm: Institutional business unit comes first in 64% of 500 weightings within what you stated "
        "(each importance ±0.5)" in flat
    )
    assert "Institutional business unit stays first while each priority stays within its range below" in flat
    assert "What can win at all" in out and "Warning: these chances are uncertain" in flat  # 500 samples: > 2 points
    stability = out[out.index("Where Institutional business unit stays first") :]
    effort = next(line for line in stability.splitlines() if line.startswith("Effort "))
    # effort: MOOC led would take over beyond the scale, and is named
    assert "7.5" in effort and "MOOC led" in effort and "(beyond 5)" in out


def test_a_closest_call_past_the_top_of_the_scale_says_so_in_words() -> None:
    """Swing points: the sentence says the scale stops at 100; the table marks the bound "(beyond 100)"."""
    points = {
        "effort": 60,
        "horizon": 50,
        "risk": 100,
        "autonomy": 50,
        "speed": 50,
        "cost": 50,
        "impact": 50,
        "roi": 50,
    }
    swing = [arg for c, p in points.items() for arg in ("--swing", f"{c}={p}")]
    # (with OPX, the only model LOW on autonomy, ranked: left out, it would narrow autonomy's swing to MED-HIGH)
    out = ok("recommend", *swing, "--target-horizon", "H1", "--exclude", "mooc", "--stability").stdout
    flat = " ".join(out.split())
    assert "The closest call: If Autonomy counted for more than 200 points (now 50; your scale stops at 100)," in flat
    assert "(beyond 100)" in flat and "200 (beyond 100) points" not in flat


@pytest.mark.parametrize(("space", "extra"), [("free", []), ("local", ["--spread", "0.5"]), ("order", [])])
def test_weight_spaces_on_the_command_line(space: str, extra: list[str]) -> None:
    rob = recommend_json(
        "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "1000", "--weight-space", space, *extra
    )["robustness"]
    assert rob["weight_space"] == space and rob["spread"] == (0.5 if space == "local" else None)


def test_spread_only_with_local_weights() -> None:
    bad(
        "recommend",
        "--roi",
        "5",
        "--robustness",
        "--spread",
        "2",
        fragment="--spread applies only to --weight-space local",
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--samples", "500"], "--samples applies to --robustness and --report; add --robustness"),
        (["--seed", "7"], "--seed applies to --robustness and --report; add --robustness"),
        (["--weight-space", "free"], "--weight-space applies to --robustness and --report; add --robustness"),
        (["--weight-space", "order"], "--weight-space applies to"),  # given explicitly, even at its default
        (["--ordinal"], "--ordinal applies to --robustness and --report; add --robustness"),
        (["--spread", "1"], "--spread applies to --robustness and --report; add --robustness"),
        (["--seed", "1", "--samples", "10"], "--samples and --seed apply to --robustness and --report"),
        (["--weight-space", "local", "--spread", "1", "--ordinal"], "--weight-space, --spread and --ordinal apply"),
    ],
)
def test_analysis_flags_without_robustness_are_refused(args: list[str], fragment: str) -> None:
    # they would do nothing: refused like --spread without local, instead of silently ignored
    bad("recommend", "--roi", "5", *args, fragment=fragment)
    bad("recommend", "--roi", "5", "--stability", *args, fragment=fragment)  # stability does not use them


def test_analysis_flags_with_robustness_or_report_are_used(tmp_path: Path) -> None:
    rob = recommend_json("--roi", "5", "--robustness", "--samples", "300", "--seed", "4", "--ordinal")["robustness"]
    assert (rob["samples"], rob["seed"], rob["ordinal"]) == (300, 4, True)
    report = tmp_path / "r.md"
    result = run("recommend", "--roi", "5", "--report", str(report), "--samples", "300", "--weight-space", "free")
    assert result.exit_code == 0, result.output
    assert "of 300 weightings of every kind (no order of priorities assumed)" in report.read_text(encoding="utf-8")


def test_dominance_in_every_ranking_and_potential_with_robustness() -> None:
    plain = recommend_json("--answers", str(EXAMPLE_ANSWERS))
    assert plain["dominance"]["peer-consortium"] == ["institutional-business-unit"]
    assert "potential" not in plain
    data = recommend_json("--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "500")
    pot = data["potential"]
    assert set(pot) == {r["id"] for r in data["ranking"]}
    first = {m: row[0] for m, row in data["robustness"]["acceptability"].items()}
    for mid, found in pot.items():
        assert list(found) == ["free", "order", "stated", "dominated_by"]
        for space in ("free", "order", "stated"):
            p = found[space]
            assert set(p) == {"possible", "margin", "weights"}
            assert p["possible"] == (p["margin"] >= 0) and (p["weights"] is None) == (not p["possible"])
        # judged over what the sampling varies (issue 19): what cannot win never comes first in a sample
        if found["dominated_by"] or not found["stated"]["possible"]:
            assert first[mid] == 0
    assert pot["institutional-business-unit"]["stated"]["margin"] > 0
    # as scored the consortium is dominated; with its MED/HIGH impact drawn high it is not, and it could come first
    # keeping only the order of the priorities, but not within what was stated
    assert pot["peer-consortium"]["dominated_by"] == [] and pot["peer-consortium"]["order"]["possible"]
    assert not pot["peer-consortium"]["stated"]["possible"] and first["peer-consortium"] == 0
    assert pot["ngo-partnership"]["free"]["margin"] == 0  # its twin: at best a tie


def test_close_to_a_change_is_marked_in_text(tmp_path: Path) -> None:
    out = ok(
        "recommend", "--roi", "5", "--horizon", "2.4", "--target-horizon", "H1", "--stability", "-f", "markdown"
    ).stdout
    assert "(close)" in out and "The closest call: If Horizon counted for less than 2.33 in importance (now 2.4)" in out


# -- why-not ------------------------------------------------------------------------------------


def test_why_not_json_contract() -> None:
    data = json.loads(ok("why-not", "mooc", "--answers", str(EXAMPLE_ANSWERS), "-f", "json").stdout)
    assert {"model", "rank", "gap", "possible", "distance", "weights"} <= set(data)
    assert data["model"] == "mooc-led" and data["rank"] > 1 and data["gap"] > 0 and data["possible"] is True
    assert set(data["weights"]) == {"effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"}
    assert sum(w["needed"] for w in data["weights"].values()) == pytest.approx(1)
    assert data["distance"] == pytest.approx(sum(abs(w["needed"] - w["now"]) for w in data["weights"].values()))
    # re-scored with the importances it names, MOOC led comes first (perhaps tied)
    flags = [arg for c, v in data["importances"].items() for arg in ("--weight", f"{c}={v:.12f}")]
    again = recommend_json("--answers", str(EXAMPLE_ANSWERS), *flags)
    assert "mooc-led" in [r["id"] for r in again["ranking"] if r["rank"] == 1]


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_why_not_formats(fmt: str) -> None:
    out = ok("why-not", "mooc", "--answers", str(EXAMPLE_ANSWERS), "-f", fmt).stdout
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == [
            "criterion", "weight_now", "weight_needed_keep_order", "weight_needed", "stated_now",
            "stated_needed_keep_order", "stated_needed", "points_vs_winner",
        ]  # fmt: skip
        assert len(rows) == 9
    else:
        assert "MOOC led ranks" in out and "smallest change" in out
        assert "Keeping your order of priorities, MOOC led cannot come first" in " ".join(out.split())


def test_why_not_unlock_ignored_lets_criteria_stated_zero_move() -> None:
    assert "--unlock-ignored" in " ".join(ok("why-not", "--help").stdout.split())
    # MOOC led gains from weight on effort, which the person set to 0: held there, it needs a larger change
    held = json.loads(ok("why-not", "mooc", "--roi", "5", "--effort", "0", "-f", "json").stdout)
    freed = json.loads(ok("why-not", "mooc", "--roi", "5", "--effort", "0", "--unlock-ignored", "-f", "json").stdout)
    assert held["unlock_ignored"] is False and freed["unlock_ignored"] is True
    assert "effort" in held["ignored"]
    assert held["weights"]["effort"]["needed"] == 0 and freed["weights"]["effort"]["needed"] > 0
    assert freed["distance"] < held["distance"]
    assert set(freed["keep_order"]) == {"possible", "distance", "weights", "blocking", "terms", "members"}
    # without --unlock-ignored the terminal names the flag
    table = " ".join(ok("why-not", "mooc", "--roi", "5", "--effort", "0").stdout.split())
    assert "--unlock-ignored lets them count too" in table


def test_why_not_the_winner_and_a_group(tmp_path: Path) -> None:
    first = json.loads(ok("why-not", "institutional", "--answers", str(EXAMPLE_ANSWERS), "-f", "json").stdout)
    assert (first["rank"], first["gap"], first["distance"]) == (1, 0, 0)
    a = write_yaml(tmp_path / "a.yaml", {"version": 1, "name": "A", "priorities": {"roi": 5}})
    b = write_yaml(tmp_path / "b.yaml", {"version": 1, "name": "B", "priorities": {"risk": 5}})
    group = json.loads(ok("why-not", "peer", "-a", str(a), "-a", str(b), "-f", "json").stdout)
    assert group["group"] is True and group["importances"] is None
    assert group["dominated_by"] == ["institutional-business-unit"]
    # a group's change is each member's own: named, with their weights now and needed, in their units
    sole = json.loads(ok("why-not", "sole", "-a", str(a), "-a", str(b), "-f", "json").stdout)
    for answer in (sole, sole["keep_order"]):
        if not answer["possible"]:
            assert answer["members"] is None
            continue
        assert [m["name"] for m in answer["members"]] == ["A", "B"]
        assert answer["distance"] == pytest.approx(sum(m["distance"] for m in answer["members"]) / 2)
        for m in answer["members"]:
            assert m["terms"]["unit"] == "importance"
            assert sum(w["needed"] for w in m["weights"].values()) == pytest.approx(1)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["mooc"], "why-not needs your priorities"),
        (["nothing", "--roi", "5"], "nothing"),
        (["mooc", "--roi", "5", "--exclude", "mooc"], "mooc-led is not ranked: excluded by request; drop --exclude"),
    ],
)
def test_why_not_errors(args: list[str], fragment: str) -> None:
    bad("why-not", *args, fragment=fragment)


@pytest.mark.parametrize(
    "priorities",
    [["--swing", "risk=100", "--swing", "speed=50", "--swing", "roi=30"], ["--ranking", "risk > speed = roi"]],
)
def test_why_not_takes_swing_and_ranking_like_recommend(priorities: list[str]) -> None:
    # the same priority inputs as recommend: the weights now are the ones recommend ranks with
    now = recommend_json(*priorities)
    data = json.loads(ok("why-not", "peer", *priorities, "-f", "json").stdout)
    assert data["rank"] == next(r["rank"] for r in now["ranking"] if r["id"] == "peer-consortium")
    weights = {c["id"]: c["weight"] for c in now["criteria"]}
    assert data["now"] == pytest.approx(weights)
    assert data["importances"] is None  # importances are named only for importance answers
    # the change is said in the units they were stated in
    unit = "points" if priorities[0] == "--swing" else "ranking"
    assert data["terms"] is None or data["terms"]["unit"] == unit


def test_why_not_mixed_priority_methods_is_refused() -> None:
    bad("why-not", "mooc", "--swing", "risk=100", "--roi", "5", fragment="not a mix")


def test_stability_bounds_hold_when_rescored() -> None:
    stab = recommend_json("--answers", str(EXAMPLE_ANSWERS), "--stability")["stability"]
    assert set(stab) == {"effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"}
    assert {"importance", "low", "high", "below", "above"} <= set(stab["roi"])
    horizon = stab["horizon"]  # stated 3; the business unit fits H1 badly, so more weight on it changes the winner
    assert horizon["importance"] == 3 and horizon["above"] == "professional-body-partnership"
    for value, winner in [
        (horizon["high"] - 0.01, "institutional-business-unit"),
        (horizon["high"] + 0.01, horizon["above"]),
    ]:
        top = recommend_json("--answers", str(EXAMPLE_ANSWERS), "--horizon", f"{value:.4f}")["ranking"][0]
        assert top["id"] == winner


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--samples", "0"], "--samples: 0 is out of range; give a whole number from 1 to 1,000,000"),
        (["--spread", "-1"], "--spread: -1 is out of range; give a number from 0 to 5"),
        (["--seed", "-3"], "--seed: -3 is out of range; give a whole number of 0 or more"),
    ],
)
def test_robustness_bad_options(args: list[str], fragment: str) -> None:
    bad("recommend", "--roi", "5", "--robustness", *args, fragment=fragment)


def test_every_record_says_what_can_win(tmp_path: Path) -> None:
    report = tmp_path / "decision.md"
    result = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--report", str(report), "-f", "json")
    assert "potential" not in json.loads(result.stdout)  # stdout keeps its contract: potential with --robustness
    text = report.read_text(encoding="utf-8")
    assert "\n## What can win at all\n" in text
    # an empty cell reads as a dash, not an escaped hyphen (issue 21)
    section = text.split("\n## What can win at all\n")[1].split("\n## ")[0]
    row = next(line for line in section.splitlines() if line.startswith("| Peer consortium | "))
    assert row.startswith("| Peer consortium | \u2013 | ") and row.endswith("| yes, by up to 50.0 points |")


def test_a_custom_models_file_is_named_with_its_sha256(tmp_path: Path) -> None:
    import hashlib

    models = ROOT / "data" / "models.yaml"
    custom = tmp_path / "our-models.yaml"
    custom.write_bytes(models.read_bytes() + b"# our copy\n")
    digest = hashlib.sha256(custom.read_bytes()).hexdigest()
    report = tmp_path / "r.md"
    result = ok("--models", str(custom), "recommend", "-a", str(EXAMPLE_ANSWERS), "-f", "json", "--report", str(report))
    inputs = json.loads(result.stdout)["inputs"]
    assert inputs[0] == {
        "file": str(EXAMPLE_ANSWERS),
        "sha256": hashlib.sha256(EXAMPLE_ANSWERS.read_bytes()).hexdigest(),
    }
    assert inputs[1] == {"file": str(custom), "sha256": digest, "kind": "models"}
    record = report.read_text(encoding="utf-8")
    assert digest in record and "not the built-in Table 2" in record
    source = record.split("## Appendix: inputs and provenance", 1)[1]
    assert "Adapted from: Brown" in source and "Business models, ratings, strengths and weaknesses:" not in source


def test_the_built_in_table_is_not_listed_as_an_input(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    data = json.loads(ok("recommend", "-a", str(EXAMPLE_ANSWERS), "-f", "json", "--report", str(report)).stdout)
    assert [i.get("kind") for i in data["inputs"]] == [None]
    assert "Business models, ratings, strengths and weaknesses: Brown" in report.read_text(encoding="utf-8")


# -- models --format yaml: a models file to start your own from ---------------------------


def test_models_yaml_is_the_shipped_file_verbatim() -> None:
    out = ok("models", "--format", "yaml").stdout
    assert out == (ROOT / "data" / "models.yaml").read_text(encoding="utf-8")
    assert out.startswith("# mcstrat's one source of truth")
    assert "\nsource:\n" in out


@pytest.mark.parametrize(
    "args",
    [
        ["models", "--format", "json"],
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--format", "json"],
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--format", "json", "--stability"],
        ["compare", "sole", "mooc", "--answers", str(EXAMPLE_ANSWERS), "--format", "json"],
    ],
)
def test_models_yaml_output_gives_identical_results(tmp_path: Path, args: list[str]) -> None:
    first = tmp_path / "mine.yaml"
    first.write_text(ok("models", "--format", "yaml").stdout, encoding="utf-8")
    # and a generated one: a custom file written back out, with a header comment
    generated = ok("--models", str(first), "models", "--format", "yaml").stdout
    assert generated.startswith("# An mcstrat models file, written by `mcstrat models --format yaml`")
    second = tmp_path / "again.yaml"
    second.write_text(generated, encoding="utf-8")

    def without_models_input(text: str) -> Any:
        # the custom models file is named (with its SHA-256) among the inputs; everything else is identical
        data = json.loads(text)
        if isinstance(data, dict) and "inputs" in data:
            data["inputs"] = [i for i in data["inputs"] if i.get("kind") != "models"]
        return data

    expected = json.loads(ok(*args).stdout)
    assert without_models_input(ok("--models", str(first), *args).stdout) == expected
    assert without_models_input(ok("--models", str(second), *args).stdout) == expected


def test_models_yaml_of_a_custom_json_file_is_valid_yaml(tmp_path: Path) -> None:
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(tiny_catalog_data()), encoding="utf-8")
    out = ok("--models", str(source), "models", "--format", "yaml").stdout
    assert "tiny.json" in out.splitlines()[0]
    again = tmp_path / "tiny.yaml"
    again.write_text(out, encoding="utf-8")
    ok("validate", str(again))
    assert (
        ok("--models", str(again), "models", "-f", "json").stdout
        == ok("--models", str(source), "models", "-f", "json").stdout
    )


def test_init_under_a_models_file_replays_with_it(tmp_path: Path) -> None:
    models = write_yaml(tmp_path / "our models.yaml", tiny_catalog_data())
    target = tmp_path / "a.yaml"
    result = ok("--models", str(models), "init", str(target))
    replay = f"mcstrat --models '{models}' recommend --answers {target}"
    assert replay in result.stderr
    assert replay in target.read_text(encoding="utf-8")
    plain = ok("init", str(tmp_path / "b.yaml"))
    assert "--models" not in plain.stderr


# -- shell completion ------------------------------------------------------------------------


def complete(words: str, models: Path | None = None) -> list[str]:
    line = f"mcstrat --models {models} {words}" if models else f"mcstrat {words}"
    env = {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
    result = runner.invoke(app, [], prog_name="mcstrat", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("show mo", ["mooc-led"]),
        ("show in", ["institutional-business-unit", "industry-partnership"]),
        ("compare sole p", ["peer-consortium", "professional-body-partnership"]),
        ("recommend --exclude o", ["opx-led"]),
        ("compare mooc-led opx-led m", []),
        ("recommend -x ngo-partnership -x n", []),
        ("recommend -x n", ["ngo-partnership"]),
        ("recommend --weight r", ["risk=", "roi="]),
        ("compare sole mooc --weight au", ["autonomy="]),
        ("recommend --target h", ["horizon="]),
        ("recommend --target horizon=H", ["horizon=H1", "horizon=H2", "horizon=H3"]),
        ("recommend --target risk=", []),
        ("show zzz", []),
    ],
)
def test_completion_of_model_and_criterion_ids(words: str, expected: list[str]) -> None:
    assert complete(words) == expected


def test_completion_reads_the_models_file_in_use(tmp_path: Path) -> None:
    models = write_yaml(tmp_path / "m.yaml", tiny_catalog_data())
    assert complete("show ", models) == ["alpha", "beta", "gamma"]
    assert complete("recommend --weight ", models) == ["gain=", "pain="]


@pytest.mark.parametrize("content", ["version: [", "version: 1\n", ""])
def test_completion_with_a_broken_models_file_completes_nothing(tmp_path: Path, content: str) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(content, encoding="utf-8")
    assert complete("show ", broken) == []
    assert complete("recommend --weight ", tmp_path / "missing.yaml") == []


# -- help ---------------------------------------------------------------------------------


def test_recommend_help_groups_options_in_panels() -> None:
    out = ok("recommend", "--help").stdout
    headings = [line for line in out.splitlines() if line and not line[0].isspace() and line.endswith(":")]
    assert headings == ["Priorities:", "Constraints:", "Analyses:", "Output and files:", "Options:", "Examples:"]
    priorities = out[out.index("Priorities:") : out.index("Constraints:")]
    assert "--answers FILE" in priorities and "--weight CRITERION=N" in priorities and "--ranges MODE" in priorities
    assert "--require CRITERION<=LEVEL" in out[out.index("Constraints:") : out.index("Analyses:")]
    assert "--samples N" in out[out.index("Analyses:") : out.index("Output and files:")]
    assert "--top N" in out[out.index("Output and files:") : out.index("Options:")]
    assert "<int range>" not in out and "<table|" not in out


@pytest.mark.parametrize("name", _commands())
def test_every_command_help_shows_an_example_and_plain_metavars(name: str) -> None:
    out = ok(name, "--help").stdout
    assert "Example" in out
    examples = out[out.index("Example") :].splitlines()[1:]
    assert any(line.strip().startswith(f"mcstrat {name}") or f" {name} " in line for line in examples)
    assert "{" not in out.splitlines()[0]
    assert not any(f"<{kind}" in out for kind in ("int", "float", "table", "midpoint", "answers"))


def test_top_level_command_list_is_not_cut_off() -> None:
    out = run("--help", env={"COLUMNS": "60"}).stdout
    commands = out[out.index("Commands:") : out.index("Examples:")]
    assert "..." not in commands
    assert "weaknesses, source." in " ".join(commands.split())


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_sampling_error_warning_reaches_json_and_csv_users_on_stderr(fmt: str) -> None:
    # the table and Markdown print it in the view; machine formats keep stdout data only
    few = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "200", "-f", fmt)
    assert "Warning: these chances are uncertain by up to" in few.stderr
    assert "Warning" not in few.stdout
    if fmt == "json":
        assert json.loads(few.stdout)["robustness"]["error"] > 0.02
    enough = ok("recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "-f", fmt)
    assert "Warning" not in enough.stderr


def test_why_not_a_model_that_cannot_win_still_shows_the_weights_now(tmp_path: Path) -> None:
    # D = (0.5, 0.5) is beaten by C = (0.6, 0.6) under every weighting: `weights` is null (as the
    # issue defines it), but the views and `now` give the stated weights, not 0%
    def crit(cid: str) -> dict[str, Any]:
        scale = {"scale": ["L", "M", "N", "H"], "values": [0, 0.5, 0.6, 1]}
        return {"id": cid, "label": cid, "meaning": cid, "direction": "benefit", **scale}

    def model(mid: str, g1: str, g2: str) -> dict[str, Any]:
        return {"id": mid, "name": mid.upper(), "description": mid, "ratings": {"g1": g1, "g2": g2},
                "strengths": "s", "weaknesses": "w"}  # fmt: skip

    models = write_yaml(tmp_path / "m.yaml", {"version": 1, "criteria": [crit("g1"), crit("g2")], "models": [
        model("a", "H", "L"), model("b", "L", "H"), model("c", "N", "N"), model("d", "M", "M")]})  # fmt: skip
    args = ["--models", str(models), "why-not", "d", "-w", "g1=3", "-w", "g2=2"]
    data = json.loads(ok(*args, "-f", "json").stdout)
    assert (data["possible"], data["weights"], data["distance"], data["blocking"]) == (False, None, None, ["c"])
    assert data["now"] == {"g1": 0.6, "g2": 0.4}
    rows = list(csv.reader(io.StringIO(ok(*args, "-f", "csv").stdout)))
    assert rows[1][:3] == ["g1", "0.6", ""] and rows[2][:3] == ["g2", "0.4", ""]
    table = ok(*args).stdout
    assert "60.0%" in table and "C stands in its way" in table
    # C is strictly better on both criteria: D can never come first while C is in, not "at best tie"
    assert data["strictly_dominated_by"] == ["c"] and data["dominated_by"] == ["c"]
    flat = " ".join(table.split())
    assert "C is better on every criterion, so it can never come first while it is in the ranking." in flat
    assert "at best tie" not in flat


def test_why_not_dominated_but_equal_somewhere_can_at_best_tie() -> None:
    data = json.loads(ok("why-not", "peer", "--answers", str(EXAMPLE_ANSWERS), "-f", "json").stdout)
    assert data["dominated_by"] == ["institutional-business-unit"] and data["strictly_dominated_by"] == []
    flat = " ".join(ok("why-not", "peer", "--answers", str(EXAMPLE_ANSWERS)).stdout.split())
    assert (
        "It is dominated by Institutional business unit: at least as good on every criterion and better on one, "
        "so it can at best tie with it" in flat
    )
    assert "never come first" not in flat


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_why_not_a_tied_and_identically_rated_model(fmt: str) -> None:
    # NGO led and Professional body led are rated the same on every criterion: tied at 2
    args = ["why-not", "ngo", "--answers", str(EXAMPLE_ANSWERS)]
    data = json.loads(ok(*args, "-f", "json").stdout)
    assert (data["rank"], data["tied"]) == (2, True)
    assert data["tied_with"] == data["identical"] == ["professional-body-partnership"]
    flat = " ".join(ok(*args, "-f", fmt).stdout.split())
    assert "NGO led or partnership ranks 2= (shared with Professional body led or partnership)" in flat
    assert "so they always score the same: it can only ever share first place with it." in flat
    mooc = json.loads(ok("why-not", "mooc", "--answers", str(EXAMPLE_ANSWERS), "-f", "json").stdout)
    assert (mooc["tied"], mooc["tied_with"], mooc["identical"]) == (False, [], [])
    assert "MOOC led ranks 6," in ok("why-not", "mooc", "--answers", str(EXAMPLE_ANSWERS)).stdout


def test_why_not_an_excluded_model_names_where_the_exclusion_came_from(tmp_path: Path) -> None:
    # opx-led is excluded by the answers file: there is no --exclude to drop
    err = bad("why-not", "opx", "--answers", str(EXAMPLE_ANSWERS), fragment="opx-led is not ranked")
    flat = " ".join(err.split())
    assert f"remove opx-led from the exclude list in {EXAMPLE_ANSWERS} to ask why not" in flat
    assert "--exclude" not in flat
    flat = " ".join(bad("why-not", "mooc", "--roi", "5", "--exclude", "moo", fragment="mooc-led").split())
    assert "drop --exclude moo to ask why not" in flat
    flat = " ".join(bad("why-not", "peer", "--roi", "5", "--require", "risk<=low", fragment="peer").split())
    assert "breaks risk<=LOW (rated MED); relax --require risk<=LOW to ask why not" in flat
    limits = write_yaml(tmp_path / "limits.yaml", {"version": 1, "priorities": {"roi": 5}, "require": ["risk<=LOW"]})
    flat = " ".join(bad("why-not", "peer", "--answers", str(limits), fragment="peer").split())
    assert f"relax risk<=LOW under require in {limits} to ask why not" in flat and "--require" not in flat


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["recommend", "-a", "x.yaml"], "recommend"),
        (["--models", "recommend", "show", "mooc"], "show"),  # a models FILE named like a command
        (["--models", "m.yaml", "why-not", "mooc"], "why-not"),
        (["-h"], None),
        (["--help", "recommend"], None),
        (["--version"], None),
        (["recomend"], None),  # unknown: every command is built, so click can suggest one
        ([], None),
    ],
)
def test_only_the_invoked_command_is_built(args: list[str], expected: str | None) -> None:
    from mcstrat.cli.application import _invoked_command

    assert _invoked_command(args) == expected


def test_the_script_builds_only_the_command_it_runs() -> None:
    # through main(), as the installed script runs: other commands are not built, and errors still list them
    ran = subprocess.run(
        [sys.executable, "-m", "mcstrat", "recommend", "-a", str(EXAMPLE_ANSWERS), "-f", "json"],
        capture_output=True, text=True, env={**os.environ, "CI": "true"}, timeout=60,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["ranking"][0]["id"] == "institutional-business-unit"
    typo = subprocess.run(
        [sys.executable, "-m", "mcstrat", "recomend"], capture_output=True, text=True, env={**os.environ, "CI": "true"}
    )
    assert typo.returncode == 2 and "recommend" in typo.stderr and typo.stdout == ""


def test_the_help_gives_the_defaults_decide_uses() -> None:
    from mcstrat.decide.decision import SAMPLES, SEED

    flat = " ".join(ok("recommend", "--help").stdout.split())
    assert f"default {SAMPLES})" in flat and f"default {SEED})" in flat


# -- a malformed shell-completion request -------------------------------------------------------

COMPLETION_VARS = ("_MCSTRAT_COMPLETE", "COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS")


def _complete(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """mcstrat run as the shell runs it on Tab (through main), with ENV as the completion variables."""
    base = {k: v for k, v in os.environ.items() if k not in COMPLETION_VARS and k != "MCSTRAT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "mcstrat"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env={**base, **env}, timeout=60,
    )  # fmt: skip


BAD_COMPLETIONS = [
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "abc"}, id="cword-abc"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": ""}, id="cword-empty"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "-1"}, id="cword-negative"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "9" * 5000}, id="cword-huge"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "1.5"}, id="cword-float"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_CWORD": "1"}, id="no-words"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo"}, id="no-cword"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_nosh", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "1"}, id="unknown-shell"),
    pytest.param({"_MCSTRAT_COMPLETE": "complete_\x1b[2Jevil\nError: all good"}, id="hostile-shell"),
    pytest.param({"_MCSTRAT_COMPLETE": "explode_bash"}, id="unknown-instruction"),
    pytest.param({"_MCSTRAT_COMPLETE": "bash_complete"}, id="click-8-style"),
    pytest.param({"_MCSTRAT_COMPLETE": "nonsense"}, id="no-underscore"),
]  # fmt: skip


@pytest.mark.parametrize("env", BAD_COMPLETIONS)
def test_a_malformed_completion_request_is_one_line_not_a_traceback(env: dict[str, str]) -> None:
    proc = _complete(env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("Error: "), proc.stderr
    assert "\x1b" not in proc.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": 'mcstrat "mo', "COMP_CWORD": "1"},
        {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "99"},
        {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "", "COMP_CWORD": "0"},
        {"_MCSTRAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": 'mcstrat "mo'},
        {"_MCSTRAT_COMPLETE": "complete_zsh"},
        {"_MCSTRAT_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "mcstrat \x1b[2J", "_TYPER_COMPLETE_FISH_ACTION": "x"},
        {"_MCSTRAT_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": "mcstrat --models", "_TYPER_COMPLETE_WORD_TO_COMPLETE": "\udcff"},
        {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat --models /nonexistent show ", "COMP_CWORD": "4"},
    ],
    ids=["unclosed-quote", "word-past-the-end", "no-words", "zsh-quote", "zsh-nothing", "fish-odd", "powershell-odd", "bad-models"],
)  # fmt: skip
def test_odd_but_readable_completion_requests_complete_quietly(env: dict[str, str]) -> None:
    proc = _complete(env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b" not in proc.stdout


def test_a_completion_request_typer_cannot_read_is_still_one_line() -> None:
    """What the up-front check does not foresee (here: the check switched off) is one line, not a traceback."""
    env = {k: v for k, v in os.environ.items() if k not in COMPLETION_VARS and k != "MCSTRAT_DEBUG"}
    env |= {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "abc"}
    script = (
        "import mcstrat.cli.completion as c; c.request_problem = lambda *a: None; from mcstrat.cli import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=60
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "Error: shell completion could not read its request; "
        "reinstall completion with `mcstrat --install-completion`, or unset _MCSTRAT_COMPLETE"
    ]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--risk", "3", "--risk", "4"], "--risk '3' and --risk '4' both given; give --risk once"),
        (["--roi", "3", "--top", "3", "-n5"], "--top '3' and -n '5' both given; give --top once"),
        (["--roi", "3", "--format=json", "-f", "csv"], "--format 'json' and -f 'csv' both given; give --format once"),
        (["--ranking", "risk>roi", "--ranking=roi>risk"], "give --ranking once"),
    ],
)
def test_an_option_that_takes_one_value_given_twice_is_refused(args: list[str], fragment: str) -> None:
    """Click would keep the last value silently; the run could rank by what the person did not mean."""
    bad("recommend", *args, fragment=fragment)


def test_repeatable_options_and_option_like_values_are_not_repeats() -> None:
    team = ROOT / "examples" / "team"
    ok("recommend", "-a", str(team / "dean.yaml"), "-a", str(team / "finance.yaml"), "-x", "mooc", "--exclude", "opx")
    after = run("recommend", "--roi", "3", "--exclude", "--roi")  # '--roi' is --exclude's value here, not a repeat
    assert "both given" not in after.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--top", "٣"], "--top: '٣' is written with '٣', which is not one of the ASCII digits 0-9"),
        (["--top", "1_000"], "--top: '1_000' is not a whole number"),
        (["--top", "2.5"], "--top: '2.5' is not a whole number"),
        (["--robustness", "--samples", "１０"], "which is not one of the ASCII digits 0-9"),
        (["--robustness", "--weight-space", "local", "--spread", "𝟓"], "which is not one of the ASCII digits 0-9"),
    ],
)
def test_numeric_options_read_ascii_digits_only(args: list[str], fragment: str) -> None:
    bad("recommend", "--roi", "3", *args, fragment=fragment)


# -- --rating-error: the table's own uncertainty in the robustness sampling ------------------------------------


def test_rating_error_is_echoed_and_said_in_words() -> None:
    args = ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "2000"]
    data = json.loads(ok(*args, "--rating-error", "0.1", "-f", "json").stdout)
    assert data["robustness"]["rating_error"] == 0.1
    plain = json.loads(ok(*args, "-f", "json").stdout)
    assert plain["robustness"]["rating_error"] == 0.0
    first = "institutional-business-unit"
    assert data["robustness"]["acceptability"][first][0] < plain["robustness"]["acceptability"][first][0]
    flat = " ".join(ok(*args, "--rating-error", "0.1").stdout.split())
    assert "each rating of the table may be one level off, with probability 10%" in flat
    assert "with each rating of the table possibly one level off (chance 10%)" in flat
    assert "possibly one level off" not in " ".join(ok(*args).stdout.split())
    # same seed, same bytes
    again = ["--rating-error", "0.1", "-f", "json"]
    assert ok(*args, *again).stdout == ok(*args, *again).stdout


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("0.6", "--rating-error: 0.6 is out of range; give a number from 0 to 0.5"),
        ("-0.1", "--rating-error: -0.1 is out of range; give a number from 0 to 0.5"),
        ("lots", "--rating-error: 'lots' is not a number; give a number from 0 to 0.5"),
    ],
)
def test_rating_error_out_of_range_is_bad_input(value: str, fragment: str) -> None:
    bad("recommend", "--roi", "5", "--robustness", "--rating-error", value, fragment=fragment)


def test_rating_error_bounds_are_accepted() -> None:
    for value in ("0", "0.5"):
        ok("recommend", "--roi", "5", "--robustness", "--samples", "200", "--rating-error", value)


def test_rating_error_without_robustness_is_refused() -> None:
    refused = "--rating-error applies to --robustness and --report; add --robustness"
    bad("recommend", "--roi", "5", "--rating-error", "0.1", fragment=refused)


def test_a_model_that_cannot_win_as_rated_comes_first_only_with_rating_error(tmp_path: Path) -> None:
    # Gamma (gain LOW, pain HIGH) is dominated by Alpha and by Beta: it cannot come first with the table as rated
    data = tiny_catalog_data()
    data["models"][2]["ratings"] = {"gain": "LOW", "pain": "HIGH"}
    models = write_yaml(tmp_path / "m.yaml", data)
    args = ["--models", str(models), "recommend", "--weight", "gain=3", "--weight", "pain=1", "--robustness"]
    args += ["--samples", "20000"]
    rated = json.loads(ok(*args, "-f", "json").stdout)
    assert rated["potential"]["gamma"]["free"]["possible"] is False
    assert rated["robustness"]["acceptability"]["gamma"][0] == 0.0
    off = json.loads(ok(*args, "--rating-error", "0.5", "-f", "json").stdout)
    assert off["potential"]["gamma"]["free"]["possible"] is False  # still: what can win is the table as rated
    assert off["robustness"]["acceptability"]["gamma"][0] > 0.0
    # and the words say why the two do not contradict each other
    flat = " ".join(ok(*args, "--rating-error", "0.5").stdout.split())
    assert "What cannot win. With the table as rated: Gamma cannot come first under any weights at all" in flat
    assert "any of them may still come first on its own" in flat
    assert "so a model that cannot win with the table as rated may come first here" in flat
    assert "With the table as rated" not in " ".join(ok(*args).stdout.split())


# -- what was stated, and how precisely (issue 20) --------------------------------------------


def test_an_importance_flag_may_be_a_range() -> None:
    ranged = json.loads(ok("recommend", "--roi", "3-4", "--risk", "[2, 3]", "--format", "json").stdout)
    point = json.loads(ok("recommend", "--roi", "3.5", "--risk", "2.5", "--format", "json").stdout)
    assert ranged["ranking"] == point["ranking"]  # a range ranks at its midpoint
    bad("recommend", "--roi", "4-3", fragment="--roi: '4-3' runs backwards; write the low end first, such as 3-4")


def test_unmentioned_refuse_fails_loudly_for_ci(tmp_path: Path) -> None:
    answers = write_yaml(tmp_path / "a.yaml", {"version": 1, "priorities": {"roi": 5}, "unmentioned": "refuse"})
    said = bad("recommend", "--answers", str(answers), fragment="line 4: unmentioned: effort, horizon, risk")
    assert "are not stated, and unmentioned is refuse; give each an importance (none to ignore it)" in said
    every = {c: 1 for c in ("effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi")}
    fine = write_yaml(
        tmp_path / "b.yaml",
        {"version": 1, "priorities": {**every, "horizon": "none"}, "unmentioned": "refuse"},
    )
    ok("recommend", "--answers", str(fine))
    ok("validate", str(fine))


def test_unmentioned_none_counts_nothing(tmp_path: Path) -> None:
    answers = write_yaml(
        tmp_path / "a.yaml", {"version": 1, "priorities": {"roi": 5, "risk": 4}, "unmentioned": "none"}
    )
    found = json.loads(ok("recommend", "--answers", str(answers), "--format", "json").stdout)
    assert {c["id"]: c["importance"] for c in found["criteria"] if c["importance"]} == {"roi": 5, "risk": 4}
    assert found["defaults"] == {"criteria": [], "share": 0}


def test_unmentioned_refuse_with_swing_points_says_unnamed_weigh_nothing(tmp_path: Path) -> None:
    answers = write_yaml(
        tmp_path / "a.yaml", {"version": 1, "swing": {"risk": 100, "roi": 50}, "unmentioned": "refuse"}
    )
    said = bad("recommend", "--answers", str(answers), fragment="are not stated, and unmentioned is refuse;")
    assert "give each its points (0 to weigh nothing), or drop `unmentioned: refuse`" in said
