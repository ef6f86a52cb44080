"""Decision locks as files (files/lock.py): read strictly, written stably, described by their JSON Schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mcstrat.decide import Firmness, Request, decide
from mcstrat.decide.check import lock_data
from mcstrat.errors import FileProblem
from mcstrat.files.lock import dump_lock, find_locks, read_lock, write_lock
from mcstrat.files.schemas import lock_schema
from tests.conftest import EXAMPLE_ANSWERS, ROOT


@pytest.fixture(scope="module")
def locks(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Real locks: one person, one with robustness and flags, a group, a custom models file."""
    folder = tmp_path_factory.mktemp("locks")
    shutil.copytree(ROOT / "examples", folder / "examples")
    from mcstrat.core.statement import Overrides
    from mcstrat.files.models import default_path

    shutil.copy(default_path(), folder / "models.yaml")
    answers = folder / "examples" / "answers.yaml"
    requests = [
        Request(answers=(answers,)),
        Request(
            answers=(answers,),
            flags=Overrides(exclude=["mooc"]),
            robustness=True,
            firmness=Firmness(samples=300),
        ),
        Request(group=folder / "examples" / "committee.yaml"),
        Request(models=folder / "models.yaml", answers=(answers,)),
    ]
    lock = folder / "decision.lock.json"
    return [json.loads(dump_lock(lock_data(decide(r), r, lock))) for r in requests]


def test_real_locks_validate_against_the_schema(locks: list[dict[str, Any]]) -> None:
    schema = lock_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    for data in locks:
        assert list(check.iter_errors(data)) == []
    assert any("firmness" in data for data in locks)
    assert {e["kind"] for data in locks for e in data["inputs"]} == {"answers", "group", "models"}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(lock=2), "lock"),
        (lambda d: d.update(extra=1), "extra: unknown key"),
        (lambda d: d["inputs"][0].update(sha256="abc"), "inputs.0.sha256"),
        (lambda d: d["ranking"][0].update(score="61.85"), "ranking.0.score"),
        (lambda d: d["ranking"][0].update(rank="1"), "ranking.0.rank"),
        (lambda d: d.pop("winner"), "winner: required key is missing"),
    ],
)
def test_a_bad_lock_is_refused_by_the_reader_and_the_schema(
    locks: list[dict[str, Any]], tmp_path: Path, change: Any, where: str
) -> None:
    data = json.loads(json.dumps(locks[0]))
    change(data)
    path = tmp_path / "bad.lock.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(FileProblem) as err:
        read_lock(path)
    assert str(err.value).startswith(f"{path}: ")
    assert where in str(err.value)
    assert "line " in str(err.value)
    assert list(jsonschema.Draft202012Validator(lock_schema()).iter_errors(data)) != []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ("[]", "is a list, not a decision lock"),
        ("{", "line 1"),
        ('{"lock": 1, "lock": 1}', "lock"),
    ],
)
def test_an_unreadable_lock_names_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.lock.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem, match=message):
        read_lock(path)


def test_a_missing_lock_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="no such lock file"):
        read_lock(tmp_path / "none.lock.json")


def test_what_is_written_reads_back_the_same(locks: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "d.lock.json"
    for data in locks:
        write_lock(path, data)
        assert read_lock(path) == data
        assert path.read_bytes() == dump_lock(data).encode()


def test_unsafe_text_is_escaped_in_the_lock(locks: list[dict[str, Any]]) -> None:
    data = json.loads(json.dumps(locks[0]))
    data["ranking"][0]["name"] = "evil\u202ename\x1b[2J"
    text = dump_lock(data)
    assert "\u202e" not in text and "\x1b" not in text
    assert json.loads(text)["ranking"][0]["name"] == "evil\u202ename\x1b[2J"


def test_find_locks_skips_hidden_folders_and_environments(tmp_path: Path) -> None:
    for name in ("a.lock.json", "sub/b.lock.json", ".git/c.lock.json", "node_modules/d.lock.json", "e.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_locks(tmp_path)] == ["a.lock.json", "sub/b.lock.json"]


def test_the_example_answers_exist() -> None:
    assert EXAMPLE_ANSWERS.is_file()
