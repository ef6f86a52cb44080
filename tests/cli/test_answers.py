"""Answers a person can give and a script can replay: the questionnaire, init, schema, validate."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from mcstrat.cli import app
from mcstrat.cli import commands as cli
from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner

runner = make_runner()
QUESTIONS = 11  # for Table 2: 8 importances, the target horizon, exclusions, hard limits
PRELUDE = ["", ""]  # name (skipped) and the way of giving priorities (importance words)
# Enter at every prompt up to the recommendation: name, way, the questions, then the summary
ENTER = len(PRELUDE) + QUESTIONS + 1


def run(*args: str, **kwargs: Any) -> Any:
    return runner.invoke(app, list(args), prog_name="mcstrat", **kwargs)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin is a terminal so the questionnaire starts under CliRunner."""
    monkeypatch.setattr(cli, "_interactive", lambda: True)


def ranking_of(stdout: str) -> list[tuple[int, str, float]]:
    return [(r["rank"], r["id"], r["score"]) for r in json.loads(stdout)["ranking"]]


# -- the questionnaire --------------------------------------------------------------------


def test_enter_through_everything_gives_a_recommendation(terminal: None) -> None:
    result = run("recommend", "--format", "json", input="\n" * ENTER + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # prompts went to stderr: stdout is clean JSON
    assert data["target_horizon"] == "H1" and len(data["ranking"]) == 8
    assert "(3 of 13) Effort" in result.stderr and "Answer [medium]:" in result.stderr
    assert "Save these answers" in result.stderr
    assert "Write a decision record" in result.stderr


def test_typed_answers_match_the_same_flags(terminal: None) -> None:
    typed = [*PRELUDE, "l", "H2", "high", "critical", "3", "none", "medium", "5", "very", "opx", "risk<=MED", "", "n"]
    asked = run("recommend", "--format", "json", input="\n".join(typed) + "\n")
    assert asked.exit_code == 0, asked.output
    flags = run(
        "recommend", "--effort", "low", "--target-horizon", "H2", "--horizon", "high", "--risk", "critical",
        "--autonomy", "3", "--speed", "none", "--cost", "medium", "--impact", "5", "--roi", "high",
        "--exclude", "opx-led", "--require", "risk<=MED", "--format", "json",
    )  # fmt: skip
    assert ranking_of(asked.stdout) == ranking_of(flags.stdout)


def test_invalid_answers_are_asked_again(terminal: None) -> None:
    typed = [*PRELUDE, "lots", "7", "medium", "H9", "H1", *[""] * (QUESTIONS - 2), "", "n"]
    result = run("recommend", "--format", "json", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("(3 of 13) Effort") == 1
    assert result.stderr.count("Answer [medium]:") >= 3  # asked again after 'lots' and '7'
    assert "!" in result.stderr


def test_save_and_replay_give_the_identical_ranking(terminal: None, tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    typed = [*PRELUDE, "high", "H2", "", "low", "critical", "", "", "", "5", "", "", "", "y", str(saved)]
    asked = run("recommend", "--format", "json", input="\n".join(typed) + "\n")
    assert asked.exit_code == 0, asked.output
    assert saved.is_file()
    replay = run("recommend", "--answers", str(saved), "--format", "json")
    assert replay.exit_code == 0, replay.output
    assert ranking_of(asked.stdout) == ranking_of(replay.stdout)
    assert json.loads(asked.stdout)["criteria"] == json.loads(replay.stdout)["criteria"]


def test_save_answers_flag_saves_without_asking(terminal: None, tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    result = run("recommend", "--save-answers", str(saved), "-f", "json", input="\n" * ENTER)
    assert result.exit_code == 0, result.output
    assert "Save these answers" not in result.stderr
    replay = run("recommend", "--answers", str(saved), "--format", "json")
    assert ranking_of(result.stdout) == ranking_of(replay.stdout)


def test_end_of_input_exits_2_without_a_file(terminal: None, tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    result = run("recommend", "--save-answers", str(saved), input="high\n")
    assert result.exit_code == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not saved.exists()


def test_without_a_terminal_it_never_asks() -> None:
    result = run("recommend", input="high\n" * 20)
    assert result.exit_code == 2 and result.stdout == ""
    assert "no terminal" in result.stderr and "(1 of" not in result.stderr


def test_ci_never_asks_even_with_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert cli._interactive() is False


def test_questionnaire_in_a_real_terminal(tmp_path: Path) -> None:
    """The installed `mcstrat` in a pseudo-terminal: Enter through, save, then replay in CI mode."""
    pexpect = pytest.importorskip("pexpect")
    exe = shutil.which("mcstrat", path=str(Path(sys.executable).parent))
    assert exe, "the mcstrat script is installed beside this Python"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MCSTRAT_DEBUG")}
    env.update({"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"})
    child = pexpect.spawn(exe, ["recommend"], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20)
    try:
        for _ in range(len(PRELUDE) + QUESTIONS):
            child.expect(r"Answer \[[^\]]*\]: ")
            child.sendline("")
        child.expect_exact("type a number to change one: ")
        child.sendline("")
        # the offers come first, so that the ranking is the last thing on the screen
        child.expect(r"Save these answers to a file, to replay them later\? \[y/N\]: ")
        assert "Recommendation" not in child.before
        child.sendline("y")
        child.expect(r"File to save to \[answers.yaml\]: ")
        child.sendline("")
        child.expect_exact("Replay them with:\r\n  mcstrat recommend --answers answers.yaml\r\n")  # a line of its own
        child.expect_exact("Write a decision record to share (.md, .html or .pdf)? [y/N]: ")
        child.sendline("y")
        child.expect(r"Record file \(.md, .html or .pdf\) \[decision.md\]: ")
        child.sendline("decision.txt")  # not a record format: asked again with a hint
        child.expect_exact(".txt is not a record format")
        child.expect(r"Record file \(.md, .html or .pdf\) \[decision.md\]: ")
        child.sendline("")
        child.expect_exact("Wrote the decision record to decision.md.")
        child.expect_exact("Recommendation")
        child.expect(pexpect.EOF)
        assert "Save these" not in child.before and "record" not in child.before.split("More:")[0]
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    saved = tmp_path / "answers.yaml"
    assert saved.is_file()
    assert (tmp_path / "decision.md").read_text(encoding="utf-8").startswith("# ")
    replay = run("recommend", "--answers", str(saved), "--format", "json")
    enter_through = runner.invoke(app, ["recommend", "-f", "json"], input="\n" * QUESTIONS + "\n", prog_name="mcstrat")
    assert replay.exit_code == 0, replay.output
    assert enter_through.exit_code == 2  # no terminal here: CliRunner's stdin is not a tty
    assert ranking_of(replay.stdout)[0][1] == "professional-body-partnership"


def test_swing_questionnaire_in_a_real_terminal_saves_points_that_replay_identically(tmp_path: Path) -> None:
    """Swing weighting in a pseudo-terminal: every change listed, one picked, the rest weighed against it,
    saved with --save-answers; replaying the file gives the same JSON, byte for byte."""
    pexpect = pytest.importorskip("pexpect")
    exe = shutil.which("mcstrat", path=str(Path(sys.executable).parent))
    assert exe, "the mcstrat script is installed beside this Python"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MCSTRAT_DEBUG")}
    env.update({"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"})
    out = tmp_path / "asked.json"
    cmd = f"{exe} recommend --format json --save-answers swing.yaml > {out}"
    child = pexpect.spawn("/bin/sh", ["-c", cmd], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20)
    try:
        child.expect_exact("Answer [skip]: ")
        child.sendline("")
        child.expect_exact("Answer [importance]: ")
        child.sendline("swing")
        child.expect_exact("Answer [H1]: ")
        child.sendline("")
        for _ in range(2):  # models to leave out, hard limits: before the swings (issue 20)
            child.expect(r"Answer \[[^\]]*\]: ")
            child.sendline("")
        child.expect_exact("Which of these changes matters most to you?")
        child.expect_exact("horizon: from H2/H3 to H1 when you plan for H1")  # one list, in criterion order
        child.expect_exact("risk: from MED to LOW")
        child.expect_exact("Answer [equal]: ")
        child.sendline("roi")
        for points in ["10", "20", "80", "0", "40", "30", "60"]:  # effort .. impact, relative to roi's 100
            child.expect_exact("is worth 100 points: how many points is this change worth?")
            child.expect_exact("Answer [50]: ")
            child.sendline(points)
        child.expect_exact("type a number to change one: ")
        child.sendline("")
        child.expect_exact("Write a decision record to share (.md, .html or .pdf)? [y/N]: ")
        child.sendline("")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    saved = (tmp_path / "swing.yaml").read_text(encoding="utf-8")
    assert "swing:" in saved and "priorities:" not in saved.replace("# priorities", "")
    asked = json.loads(out.read_text(encoding="utf-8"))
    assert asked["weighting"] == "swing"
    points = {"effort": 10, "horizon": 20, "risk": 80, "autonomy": 0, "speed": 40, "cost": 30, "impact": 60, "roi": 100}
    effective = {c["id"]: c["effective_weight"] for c in asked["criteria"]}
    assert effective == pytest.approx({k: v / sum(points.values()) for k, v in points.items()})
    replay = run("recommend", "--answers", str(tmp_path / "swing.yaml"), "--format", "json")
    assert replay.exit_code == 0, replay.output
    replayed = json.loads(replay.stdout)
    assert replayed.pop("inputs", None) is not None and "inputs" not in asked  # the file read is named
    assert replayed == asked


# -- init, schema, validate ---------------------------------------------------------------


def test_init_writes_a_valid_commented_template(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=answers.schema.json")
    for model_id in ["sole-institution", "opx-led", "ngo-partnership"]:
        assert model_id in text
    ranked = run("recommend", "--answers", str(target), "-f", "json")
    assert ranked.exit_code == 0, ranked.output
    assert run("validate", str(target)).exit_code == 0


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("mine", encoding="utf-8")
    result = run("init", str(target))
    assert result.exit_code == 2 and "already exists; pass --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("init", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_init_to_stdout() -> None:
    result = run("init", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# yaml-language-server")


@pytest.mark.parametrize(("kind", "key"), [("answers", "priorities"), ("models", "criteria")])
def test_schema(kind: str, key: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["$schema"].startswith("https://json-schema.org/")
    assert key in data["properties"]
    assert run("schema", kind).stdout == result.stdout  # deterministic


def test_schema_rejects_unknown_kind() -> None:
    result = run("schema", "widgets")
    assert result.exit_code == 2 and result.stdout == ""


@pytest.mark.parametrize("path", [EXAMPLE_ANSWERS, ROOT / "data" / "models.yaml"])
def test_validate_accepts_the_shipped_files(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "valid" in result.stderr


def test_validate_reports_every_problem_with_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\npriorities:\n  rsik: 3\n  roi: 9\nexclude: [nope]\nrequire: ['risk<<MED']\n", encoding="utf-8"
    )
    result = run("validate", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    for fragment in ["line 3: priorities.rsik", "line 4: priorities.roi", "line 5: exclude.0", "line 6: require.0"]:
        assert fragment in result.stderr
    assert "4 problem(s)" in result.stderr


def test_validate_missing_file() -> None:
    result = run("validate", "/no/such/file.yaml")
    assert result.exit_code == 2 and "no such" in result.stderr


def test_validate_reports_field_and_cross_check_problems_together(tmp_path: Path) -> None:
    text = (ROOT / "data" / "models.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: effort\n", "  - id: effort\n    colour: red\n", 1)  # a field problem
    text = text.replace("      risk: LOW\n", "      risk: VERY\n", 1)  # a cross-check problem
    text = text.replace("      impact: MED/HIGH\n", "      impact: HIGH/MED\n", 1)  # another
    bad = tmp_path / "models.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert "criteria.0.colour: unknown key" in result.stderr
    assert "models.0.ratings.risk: 'VERY' is not on the scale of risk" in result.stderr
    assert "models.1.ratings.impact: range 'HIGH/MED' is not in scale order" in result.stderr
    assert "3 problem(s)" in result.stderr


def test_end_of_input_at_the_save_offer_keeps_the_recommendation(terminal: None) -> None:
    result = run("recommend", "--format", "json", input="\n" * ENTER)  # input ends at "Save these answers?"
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["ranking"]) == 8
    assert "Not saved." in result.stderr


def test_saved_file_names_the_custom_models_file(tiny: Path, tmp_path: Path) -> None:
    saved = tmp_path / "mine.yaml"
    result = run("--models", str(tiny), "recommend", "--weight", "gain=3", "--save-answers", str(saved))
    assert result.exit_code == 0, result.output
    assert f"mcstrat --models {tiny} recommend --answers {saved}" in saved.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.EACCES, "permission denied); choose another name or place"),
        (errno.ENOSPC, "no space left on the device)"),
    ],
    ids=["EACCES", "ENOSPC"],
)
def test_a_path_the_system_refuses_is_reported_and_the_offer_made_again(
    terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, reason: str
) -> None:
    # the answers are not lost to a bad place: no permission, or a full disk (simulated)
    from mcstrat.files.writing import Outputs

    real_create = Outputs._create
    refused: list[str] = []

    def create(out: Any) -> int:  # creating the temporary file beside the output
        if not refused:
            refused.append("once")
            raise OSError(number, os.strerror(number))
        return real_create(out)

    monkeypatch.setattr(Outputs, "_create", staticmethod(create))
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    typed = ["\n" * (ENTER - 1), "y", str(first), "y", str(second), "n"]
    result = run("recommend", "--format", "json", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert f"! {first}: cannot write ({reason}" in " ".join(result.stderr.split())  # wrapped to the terminal
    assert result.stderr.count("Save these answers to a file") == 2
    assert not first.exists() and second.is_file()
    assert f"Saved your answers to {second}" in " ".join(result.stderr.split())  # wrapped to the terminal
