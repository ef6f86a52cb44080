"""Decision locks re-derived and compared (decide/check.py): what drifted, what holds, and why."""

from __future__ import annotations

import copy
import json
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcstrat.core.statement import Overrides
from mcstrat.decide import Firmness, Request, decide
from mcstrat.decide.check import (
    FAIL_ON,
    STRENGTH,
    Failed,
    check,
    check_all,
    compare,
    fail_on_choices,
    lock_data,
    request_data,
    request_from,
)
from mcstrat.errors import InputError
from mcstrat.files.lock import dump_lock, read_lock
from tests.conftest import EXAMPLE_ANSWERS, ROOT

WINNER = "institutional-business-unit"


def edit(path: Path, key: str, value: str) -> None:
    """Set priorities.KEY to VALUE in the answers file at PATH, keeping the rest of the text."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith(f"  {key}:")]
    assert len(found) == 1
    lines[found[0]] = f"  {key}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")


def write_lock(request: Request, lock: Path) -> dict[str, Any]:
    data = lock_data(decide(request), request, lock)
    lock.write_text(dump_lock(data), encoding="utf-8")
    return data


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "finance.yaml"
    shutil.copy(EXAMPLE_ANSWERS, path)
    return path


@pytest.fixture
def locked(answers: Path, tmp_path: Path) -> Path:
    lock = tmp_path / "decision.lock.json"
    write_lock(Request(answers=(answers,)), lock)
    return lock


def test_a_lock_records_inputs_flags_and_result(answers: Path, tmp_path: Path) -> None:
    lock = tmp_path / "locks" / "decision.lock.json"
    lock.parent.mkdir()
    request = Request(answers=(answers,), flags=Overrides(exclude=["mooc"]))
    data = lock_data(decide(request), request, lock)
    assert list(data) == ["lock", "mcstrat", "inputs", "request", "winner", "ranking", "excluded"]
    (entry,) = data["inputs"]
    assert entry["file"] == "../finance.yaml"  # relative to the lock's folder
    assert entry["kind"] == "answers"
    assert entry["statement"]["priorities"]["roi"] == 5
    assert data["request"]["answers"] == ["../finance.yaml"]
    assert data["request"]["flags"]["exclude"] == ["mooc"]
    assert data["winner"] == [WINNER]
    first = data["ranking"][0]
    assert first["id"] == WINNER and first["rank"] == 1
    assert Fraction(first["score"]) == decide(request).result.ranking[0].score  # exact, as text
    assert "mooc-led" in data["excluded"]


def test_the_same_decision_gives_the_same_bytes(answers: Path, tmp_path: Path) -> None:
    request = Request(answers=(answers,), robustness=True, firmness=Firmness(samples=500))
    lock = tmp_path / "decision.lock.json"
    first = dump_lock(lock_data(decide(request), request, lock))
    second = dump_lock(lock_data(decide(request), request, lock))
    assert first == second
    assert first.endswith("}\n")
    assert json.loads(first)["firmness"]["samples"] == 500


def test_every_request_field_is_recorded_and_read_back(answers: Path, tmp_path: Path) -> None:
    request = Request(
        models=tmp_path / "models.yaml",
        answers=(answers,),
        flags=Overrides(
            importances={"roi": ("4", "--roi")},
            targets={"horizon": ("H2", "--target-horizon")},
            exclude=["mooc"],
            require=["risk<=MED"],
            ranges="optimistic",
            ranking=("roi > risk", "--ranking"),
        ),
        robustness=True,
        stability=True,
        firmness=Firmness(samples=123, seed=7, ordinal=True),
    )
    data = json.loads(json.dumps(request_data(request, tmp_path)))
    assert set(data) == set(Request._fields) - {"stated", "why_not", "unlock_ignored"}
    back = request_from(data, tmp_path, "lock")
    assert back.models is not None
    # paths come back relative to the working folder, naming the same files
    assert back.models.resolve() == request.models and [a.resolve() for a in back.answers] == [answers]
    assert back._replace(models=request.models, answers=request.answers) == request


@pytest.mark.parametrize(
    ("request_json", "message"),
    [
        ({"answerz": []}, "request.answerz: unknown setting"),
        ({"firmness": {"samples": 5, "colour": 1}}, "request.firmness: cannot be read back"),
        ({"firmness": {"weight_space": "sideways"}}, "request.firmness: cannot be read back"),
        ({"robustness": "yes"}, "request.robustness: cannot be read back"),
        ({"answers": [3]}, "request.answers: cannot be read back"),
    ],
)
def test_a_request_that_cannot_be_read_back_names_its_key(request_json: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        request_from(request_json, Path("."), "x.lock.json")


def test_lock_then_check_holds(locked: Path) -> None:
    found = check(locked)
    assert found.holds and not found.changed
    assert found.failed == ()
    assert dump_lock(found.now) == locked.read_text(encoding="utf-8")


def test_an_edit_that_changes_the_winner_drifts_and_names_file_key_and_winner(answers: Path, locked: Path) -> None:
    edit(answers, "roi", "2")
    found = check(locked)
    assert not found.holds
    assert found.failed == ("winner",)
    (change,) = found.inputs
    assert change.file == "finance.yaml"
    assert [(e.key, e.before, e.after) for e in change.edits] == [("roi", 5, 2)]
    text = answers.read_text(encoding="utf-8").splitlines()
    assert text[change.edits[0].line - 1] == "  roi: 2"  # placed at the key's line in the file now
    assert found.winner is not None
    assert found.winner[0] == (WINNER,)
    assert "professional-body-partnership" in found.winner[1]


def test_an_edit_that_keeps_the_winner_holds_under_winner_and_fails_under_inputs(answers: Path, locked: Path) -> None:
    edit(answers, "roi", "4")
    assert check(locked, ("winner",)).holds
    found = check(locked, ("inputs",))
    assert found.failed == ("inputs",)
    assert found.winner is None
    assert [e.key for e in found.inputs[0].edits] == ["roi"]


def test_fail_on_ranking_sees_a_rank_move_that_keeps_the_winner(answers: Path, locked: Path) -> None:
    before = {r["id"]: r["rank"] for r in read_lock(locked)["ranking"]}
    edit(answers, "horizon", "0")
    assert check(locked).holds
    found = check(locked, ("winner", "ranking"))
    after = {r["id"]: r["rank"] for r in found.now["ranking"]}
    assert found.winner is None
    assert found.failed == ("ranking",)
    assert {m.id for m in found.moved} == {m for m in before if before[m] != after.get(m)} != set()


def test_a_changed_models_file_drifts(answers: Path, tmp_path: Path) -> None:
    from mcstrat.files.models import default_path

    models = tmp_path / "models.yaml"
    shutil.copy(default_path(), models)
    lock = tmp_path / "decision.lock.json"
    write_lock(Request(models=models, answers=(answers,)), lock)
    assert [e["kind"] for e in read_lock(lock)["inputs"]] == ["answers", "models"]
    assert check(lock).holds
    data = yaml.safe_load(models.read_text(encoding="utf-8"))
    winner = next(m for m in data["models"] if m["id"] == WINNER)
    winner["ratings"].update(roi="LOW", impact="LOW", autonomy="LOW")
    models.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found = check(lock)
    assert found.failed == ("winner",)
    assert [(c.file, c.kind) for c in found.inputs] == [("models.yaml", "models")]


def test_a_group_lock_checks_every_member(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    group = tmp_path / "examples" / "committee.yaml"
    lock = tmp_path / "committee.lock.json"
    write_lock(Request(group=group), lock)
    kinds = [e["kind"] for e in read_lock(lock)["inputs"]]
    assert kinds[0] == "group" and kinds.count("answers") >= 2
    assert check(lock).holds
    member = tmp_path / "examples" / "team" / "finance.yaml"
    member.write_text(member.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    found = check(lock, ("winner", "inputs"))
    assert [c.file for c in found.inputs] == ["examples/team/finance.yaml"]
    assert found.inputs[0].edits == ()  # a comment changes the bytes, not the statement
    assert found.failed == ("inputs",)


def test_a_missing_input_is_bad_input_naming_lock_and_file(answers: Path, locked: Path) -> None:
    answers.unlink()
    with pytest.raises(InputError, match=r"decision.lock.json: its answers file finance.yaml is missing"):
        check(locked)


def test_an_input_that_no_longer_validates_is_bad_input(answers: Path, locked: Path) -> None:
    edit(answers, "roi", "9")
    with pytest.raises(InputError) as err:
        check(locked)
    assert "cannot be made again" in err.value.lines[0]
    assert any("finance.yaml" in line and "roi" in line for line in err.value.lines[1:])


def test_check_all_reports_each_lock_and_keeps_going(locked: Path, tmp_path: Path) -> None:
    found = check_all([tmp_path / "missing.lock.json", locked])
    assert isinstance(found[0], Failed)
    assert "missing.lock.json" in found[0].lines[0]
    assert not isinstance(found[1], Failed) and found[1].holds


def test_a_questionnaire_decision_cannot_be_locked(tmp_path: Path) -> None:
    from mcstrat.core.statement import AnswersFile

    request = Request(stated=AnswersFile(priorities={"roi": 5}))
    with pytest.raises(InputError, match="--lock needs priorities"):
        lock_data(decide(request), request, tmp_path / "x.lock.json")


def test_fail_on_choices() -> None:
    assert fail_on_choices([]) == ("winner",)
    assert fail_on_choices(["inputs", "inputs", "verdict"]) == ("inputs", "verdict")
    with pytest.raises(InputError, match="unknown choice 'winners'; use one of winner, ranking, verdict, inputs"):
        fail_on_choices(["winners"])
    assert FAIL_ON == ("winner", "ranking", "verdict", "inputs")


# -- firmness: the verdict and Monte Carlo figures, compared within their error (lock data built directly) --


def firm_lock(**firmness: Any) -> dict[str, Any]:
    """A lock's data with a firmness block (chance 0.80 ± 0.01 for the winner), FIRMNESS's keys replaced."""
    block = {
        "weight_space": "order",
        "samples": 10000,
        "seed": 1,
        "chance_first": 0.8,
        "chances": {"a": 0.8, "b": 0.2},
        "errors": {"a": 0.01, "b": 0.01},
        "verdict": "firm",
        "lead": "5",
        "flip": "1/5",
        "hinges": 0,
    }
    block.update(firmness)
    return {
        "lock": 1,
        "mcstrat": "0.1.0",
        "inputs": [],
        "request": {},
        "winner": ["a"],
        "ranking": [
            {"rank": 1, "id": "a", "name": "A", "score": "60", "tied": False},
            {"rank": 2, "id": "b", "name": "B", "score": "55", "tied": False},
        ],
        "excluded": [],
        "firmness": block,
    }


def test_the_verdict_order_is_the_analysis_order() -> None:
    from mcstrat.analyses.firmness import VERDICTS

    assert STRENGTH == VERDICTS == ("firm", "fairly firm", "fragile", "tied")


@pytest.mark.parametrize(
    ("now", "weaker", "moved"),
    [
        ({"verdict": "firm"}, False, False),  # nothing changed
        ({"chances": {"a": 0.81, "b": 0.19}}, False, False),  # within 0.01 + 0.01
        ({"chances": {"a": 0.75, "b": 0.25}}, False, True),  # beyond the error; the verdict still firm
        ({"verdict": "fragile", "flip": "1/50"}, True, False),  # weaker: the flip, not the sampling
        ({"verdict": "fairly firm", "hinges": 2}, True, False),  # weaker: a cell the winner hangs on
        ({"verdict": "tied"}, True, False),  # a tie is the weakest
        ({"verdict": "fairly firm", "chances": {"a": 0.74, "b": 0.26}}, True, True),  # beyond the error
    ],
)
def test_the_verdict_weakens_only_beyond_the_sampling_error(now: dict[str, Any], weaker: bool, moved: bool) -> None:
    locked = firm_lock()
    found = compare(Path("x.lock.json"), locked, firm_lock(**now), ("verdict",))
    assert found.weaker is weaker
    assert found.chance_moved is moved
    assert found.holds is not weaker


def test_a_verdict_that_weakens_within_the_error_holds() -> None:
    """Chance 0.755 ± 0.01 locked as firm; a run at 0.745 (within 0.02) judges fairly firm: noise, not drift."""
    locked = firm_lock(chances={"a": 0.755, "b": 0.245})
    now = firm_lock(chances={"a": 0.745, "b": 0.255}, verdict="fairly firm")
    found = compare(Path("x.lock.json"), locked, now, ("verdict",))
    assert found.verdict == ("firm", "fairly firm")
    assert not found.weaker and found.holds
    assert not found.chance_moved


def test_a_stronger_verdict_is_never_drift() -> None:
    locked = firm_lock(verdict="fragile")
    found = compare(Path("x.lock.json"), locked, firm_lock(), ("verdict",))
    assert found.verdict == ("fragile", "firm")
    assert found.holds and not found.weaker


def test_a_new_winner_fails_every_choice() -> None:
    now = copy.deepcopy(firm_lock())
    now["winner"] = ["b"]
    now["ranking"][0]["rank"], now["ranking"][1]["rank"] = 2, 1
    for word in FAIL_ON:
        assert compare(Path("x.lock.json"), firm_lock(), now, (word,)).failed == (word,)


def test_a_real_robustness_lock_holds_with_its_verdict(answers: Path, tmp_path: Path) -> None:
    lock = tmp_path / "decision.lock.json"
    request = Request(answers=(answers,), robustness=True, firmness=Firmness(samples=1000))
    data = write_lock(request, lock)
    block = data["firmness"]
    smaa = decide(request).smaa
    assert smaa is not None
    assert block["weight_space"] == str(smaa.weight_space) and block["seed"] == 1 and block["samples"] == 1000
    assert set(block["chances"]) == {r["id"] for r in data["ranking"]}
    assert block["chance_first"] >= block["chances"][data["winner"][0]]
    assert block.get("verdict") in (*STRENGTH, None)
    found = check(lock, ("verdict",))
    assert found.holds and found.chance is not None and not found.chance_moved


def test_fail_on_verdict_refuses_a_lock_without_firmness(locked: Path) -> None:
    with pytest.raises(InputError, match="--fail-on verdict needs the firmness"):
        check(locked, ("verdict",))
    assert check(locked, ("winner",)).holds
