"""`recommend --lock`, `check` and `validate --format`: decisions as code, in CI's own terms."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from mcstrat.cli import app
from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner

runner = make_runner()
WINNER = "Institutional business unit"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), prog_name="mcstrat", env=env)


def edit(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n  {key}: ") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f"  {key}: {value}" + text[end:], encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder: decisions/finance.yaml locked in decisions/decision.lock.json; the working folder."""
    (tmp_path / "decisions").mkdir()
    shutil.copy(EXAMPLE_ANSWERS, tmp_path / "decisions" / "finance.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("recommend", "-a", "decisions/finance.yaml", "--lock", "decisions/decision.lock.json")
    assert result.exit_code == 0, result.output
    return tmp_path


LOCK = "decisions/decision.lock.json"
ANSWERS = Path("decisions/finance.yaml")


def test_recommend_writes_a_lock_and_check_holds(folder: Path) -> None:
    data = json.loads((folder / LOCK).read_text(encoding="utf-8"))
    assert data["inputs"][0]["file"] == "finance.yaml"
    result = run("check", LOCK)
    assert result.exit_code == 0, result.output
    assert f"{LOCK}: holds" in result.stdout
    assert f"nothing changed; {WINNER} is first" in result.stdout
    assert result.stderr == ""


def test_a_lock_is_an_output_file_like_any_other(folder: Path) -> None:
    again = run("recommend", "-a", str(ANSWERS), "--lock", LOCK)
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.stderr
    assert run("recommend", "-a", str(ANSWERS), "--lock", LOCK, "--force").exit_code == 0


def test_a_lock_is_the_same_bytes_for_the_same_decision(folder: Path) -> None:
    before = (folder / LOCK).read_bytes()
    assert run("recommend", "-a", str(ANSWERS), "--lock", LOCK, "--force").exit_code == 0
    assert (folder / LOCK).read_bytes() == before


def test_an_edit_that_changes_the_winner_exits_1_naming_file_key_and_winner(folder: Path) -> None:
    edit(ANSWERS, "roi", "2")
    result = run("check", LOCK)
    assert result.exit_code == 1, result.output
    assert f"{LOCK}: drifted" in result.stdout
    said = " ".join(result.stdout.split())
    assert "finance.yaml changed: roi 5 → 2" in said
    assert "the winners are now Professional body led or partnership and NGO led or partnership, tied, which" in said
    assert f"{WINNER} is now third" in said


def test_an_edit_that_keeps_the_winner_passes_under_winner_and_fails_under_inputs(folder: Path) -> None:
    edit(ANSWERS, "roi", "4")
    held = run("check", LOCK)
    assert held.exit_code == 0, held.output
    assert "finance.yaml changed: roi 5 → 4" in " ".join(held.stdout.split())
    assert f"the winner is still {WINNER}" in " ".join(held.stdout.split())
    assert run("check", LOCK, "--fail-on", "inputs").exit_code == 1
    assert run("check", LOCK, "--fail-on", "ranking").exit_code == 0


def test_update_rewrites_the_lock_after_a_deliberate_change(folder: Path) -> None:
    edit(ANSWERS, "roi", "2")
    updated = run("check", LOCK, "--update")
    assert updated.exit_code == 0, updated.output
    assert "the lock is updated" in updated.stdout
    again = run("check", LOCK, "--fail-on", "inputs")
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.stdout


def test_check_refuses_another_models_file(folder: Path) -> None:
    result = run("--models", "decisions/finance.yaml", "check", LOCK)
    assert result.exit_code == 2
    assert "check uses the models file each lock records" in result.stderr


def test_check_with_no_lock_named_checks_every_lock_here(folder: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert f"{LOCK}: holds" in result.stdout


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda: ANSWERS.unlink(), "its answers file finance.yaml is missing"),
        (lambda: edit(ANSWERS, "roi", "9"), "importance 9 is out of range"),
        (lambda: Path(LOCK).write_text("{}", encoding="utf-8"), "required key is missing"),
        (lambda: Path(LOCK).unlink(), "no such lock file"),
    ],
)
def test_a_lock_that_cannot_be_checked_is_exit_2(folder: Path, damage: Any, message: str) -> None:
    damage()
    result = run("check", LOCK)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_input_wins_over_drift_and_every_lock_is_reported(folder: Path) -> None:
    edit(ANSWERS, "roi", "2")
    result = run("check", LOCK, "missing.lock.json")
    assert result.exit_code == 2
    assert "missing.lock.json" in result.stderr
    assert f"{LOCK}: drifted" in result.stdout


def test_an_unknown_fail_on_is_refused(folder: Path) -> None:
    result = run("check", LOCK, "--fail-on", "everything")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_group_lock_with_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    made = run(
        "recommend", "--group", "examples/committee.yaml", "--report", "record.md", "--lock", "committee.lock.json"
    )
    assert made.exit_code == 0, made.output
    assert Path("record.md").is_file()
    assert run("check", "committee.lock.json").exit_code == 0


def test_the_questionnaire_cannot_be_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("recommend", "--lock", "x.lock.json")
    assert result.exit_code == 2
    assert "--lock needs priorities" in result.stderr
    assert not Path("x.lock.json").exists()


def test_schema_lock_prints_the_lock_schema() -> None:
    result = run("schema", "lock")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "mcstrat decision lock"
    assert {"lock", "mcstrat", "inputs", "request", "winner", "ranking"} <= set(schema["required"])


# -- CI's languages ---------------------------------------------------------------------------


def test_check_json_states_the_same_facts(folder: Path) -> None:
    edit(ANSWERS, "roi", "2")
    result = run("check", LOCK, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["status"] == "drifted"
    (lock,) = data["locks"]
    assert lock["status"] == "drifted" and lock["failed"] == ["winner"]
    assert lock["inputs"][0]["edits"] == [{"key": "roi", "locked": 5, "now": 2}]
    assert lock["winner"]["locked"] == ["institutional-business-unit"]
    assert "professional-body-partnership" in lock["winner"]["now"]


def test_check_github_annotates_and_writes_the_job_summary(folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    held = run("check", LOCK, "--format", "github", env=env)
    assert held.exit_code == 0, held.output
    assert held.stdout.startswith(f"::notice file={LOCK},title=decision holds::{LOCK}: holds")
    edit(ANSWERS, "roi", "2")
    drifted = run("check", LOCK, "--format", "github", env=env)
    assert drifted.exit_code == 1
    line, at_key = drifted.stdout.splitlines()
    assert line.startswith(f"::error file={LOCK},title=decision drifted::{LOCK}: drifted (--fail-on winner): ")
    assert "finance.yaml changed: roi 5 → 2" in line
    roi = 1 + next(i for i, text in enumerate(ANSWERS.read_text(encoding="utf-8").splitlines()) if "  roi: " in text)
    assert at_key == (
        f"::error file=decisions/finance.yaml,line={roi},title=decision drifted::roi 5 → 2: {LOCK}: drifted "
        "(--fail-on winner)"
    )
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## Decision locks")  # appended, never replaced
    assert written.count("| Lock | Verdict | Winner | What changed |") == 2
    assert f"| {LOCK} | ✅ holds | {WINNER} | nothing |" in written
    assert (
        f"| {LOCK} | ❌ drifted | Professional body led or partnership and NGO led or partnership | finance.yaml changed: roi 5 → 2;"
        in written
    )


def test_no_summary_without_the_variable(folder: Path) -> None:
    result = run("check", LOCK, "--format", "github", env={"GITHUB_STEP_SUMMARY": ""})
    assert result.exit_code == 0
    assert list(folder.glob("*.md")) == []


def test_check_junit_is_well_formed_xml_with_a_failure_per_drift(folder: Path) -> None:
    held = run("check", LOCK, "--format", "junit")
    root = ET.fromstring(held.stdout.encode())
    assert root.tag == "testsuites" and root.get("tests") == "1" and root.get("failures") == "0"
    edit(ANSWERS, "roi", "2")
    result = run("check", LOCK, "missing.lock.json", "--format", "junit")
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout.encode())
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "1")
    drifted, missing = suite.findall("testcase")
    assert drifted.get("name") == LOCK
    failure = drifted.find("failure")
    assert failure is not None and "finance.yaml changed: roi 5 → 2" in (failure.text or "")
    assert "finance.yaml changed" in failure.get("message", "")
    error = missing.find("error")
    assert error is not None and "missing.lock.json" in error.get("message", "")


BAD = "version: 1\npriorities:\n  risk: high\n  rsik: 3\n  roi: 9\n"


def test_validate_github_points_at_each_bad_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(BAD, encoding="utf-8")
    shutil.copy(EXAMPLE_ANSWERS, "good.yaml")
    result = run("validate", "bad.yaml", "good.yaml", "--format", "github")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=bad.yaml,line=4,col=3,title=invalid answers file::priorities.rsik: unknown criterion 'rsik'"
    )
    assert lines[1].startswith("::error file=bad.yaml,line=5,col=3,title=invalid answers file::priorities.roi: ")
    assert lines[2] == "::notice file=good.yaml,title=valid::valid answers file"


def test_validate_text_keeps_its_messages_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    result = run("validate", str(bad), str(EXAMPLE_ANSWERS))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{bad}: invalid answers file, 2 problem(s):" in result.stderr
    assert f"{EXAMPLE_ANSWERS}: valid answers file" in result.stderr


def test_validate_junit_and_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    result = run("validate", str(bad), str(EXAMPLE_ANSWERS), "--format", "junit")
    assert result.exit_code == 2
    suite = ET.fromstring(result.stdout.encode()).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = suite.findall("testcase")[0].find("failure")
    assert failure is not None and f"{bad}:4:3: priorities.rsik" in (failure.text or "")
    data = json.loads(run("validate", str(bad), "--format", "json").stdout)
    (found,) = data["files"]
    assert data["valid"] is False and found["kind"] == "answers"
    assert [(p["line"], p["column"]) for p in found["problems"]] == [(4, 3), (5, 3)]


def test_validate_github_writes_its_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run("validate", str(EXAMPLE_ANSWERS), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    assert "| File | Kind | Result |" in summary.read_text(encoding="utf-8")


def test_the_lock_keeps_the_firmness_recommend_reports(tmp_path: Path) -> None:
    """The lock's verdict and figures are recommend's JSON `firmness`, exact where that is a float."""
    from fractions import Fraction

    lock = tmp_path / "d.lock.json"
    args = ["recommend", "-a", str(EXAMPLE_ANSWERS), "--robustness", "--samples", "2000"]
    reported = run(*args, "--format", "json", "--lock", str(lock))
    assert reported.exit_code == 0, reported.output
    shown = json.loads(reported.stdout)["firmness"]
    kept = json.loads(lock.read_text(encoding="utf-8"))["firmness"]
    assert kept["verdict"] == shown["verdict"]
    assert kept["hinges"] == shown["hinges"]
    assert kept["chance_first"] == round(shown["chance_first"], 6)
    assert float(Fraction(kept["lead"])) == shown["lead"]
    assert (float(Fraction(kept["flip"])) if "flip" in kept else None) == shown["flip"]


def test_the_fail_on_choices_are_the_checks() -> None:
    from mcstrat.cli.commands import FailOn
    from mcstrat.decide.check import FAIL_ON

    assert tuple(word.value for word in FailOn) == FAIL_ON
