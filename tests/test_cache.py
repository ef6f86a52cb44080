"""The cache of validated files (cache.py): same answers as validating, never trusted blindly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcstrat import cache
from mcstrat.catalog import load_catalog
from mcstrat.errors import FileProblem
from mcstrat.priorities import load_answers

from .conftest import EXAMPLE_ANSWERS, ROOT, tiny_catalog_data, write_yaml


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(folder))
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    return folder


def test_a_hit_gives_the_same_catalogue(cache_dir: Path) -> None:
    first = load_catalog()
    assert len(list(cache_dir.glob("*.json"))) == 1
    assert load_catalog() == first


def test_a_hit_gives_the_same_answers_and_lines(cache_dir: Path) -> None:
    first = load_answers(EXAMPLE_ANSWERS)
    second = load_answers(EXAMPLE_ANSWERS)
    assert second.answers == first.answers
    assert second.lines == first.lines
    assert second.where()["priorities.roi"].endswith("line 15: priorities.roi")


def test_changed_content_is_validated_again(cache_dir: Path, tmp_path: Path) -> None:
    file = write_yaml(tmp_path / "models.yaml", tiny_catalog_data())
    load_catalog(file)
    data = tiny_catalog_data()
    data["models"][0]["ratings"]["gain"] = "HUGE"
    write_yaml(file, data)
    with pytest.raises(FileProblem, match="'HUGE' is not on the scale of gain"):
        load_catalog(file)


def test_invalid_files_are_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text("version: 1\npriorities: {risk: 9}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FileProblem, match="importance 9 is out of range"):
            load_answers(file)
    assert not list(cache_dir.glob("*.json"))


def test_a_damaged_entry_means_validating_again(cache_dir: Path) -> None:
    expected = load_catalog()
    (entry,) = cache_dir.glob("*.json")
    for damage in ["not json", json.dumps({"data": {"version": 1}, "lines": []}), json.dumps([1, 2])]:
        entry.write_text(damage, encoding="utf-8")
        assert load_catalog() == expected


def test_no_cache_writes_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCSTRAT_NO_CACHE", "1")
    load_catalog()
    assert not cache_dir.exists()


def test_an_unwritable_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file cannot exist
    assert load_catalog().model_ids[0] == "sole-institution"


def test_the_key_covers_content_kind_and_code() -> None:
    base = cache._key("models file", ".yaml", "text")
    assert cache._key("models file", ".yaml", "text") == base
    assert cache._key("answers file", ".yaml", "text") != base
    assert cache._key("models file", ".json", "text") != base
    assert cache._key("models file", ".yaml", "text ") != base


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MCSTRAT_CACHE_DIR", raising=False)
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "mcstrat"


def test_a_warm_run_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    env = {**os.environ, "MCSTRAT_CACHE_DIR": str(tmp_path / "cache"), "CI": "true"}
    env.pop("MCSTRAT_NO_CACHE", None)
    probe = (
        "import sys, io, contextlib\n"
        "from mcstrat.cli import main\n"
        f"sys.argv = ['mcstrat', 'recommend', '--answers', {str(EXAMPLE_ANSWERS)!r}, '--format', 'json']\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml', 'rich'}))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout.strip() == "['pydantic', 'yaml']"  # the first run validates
    assert runs[1].stdout.strip() == "[]"  # the second reuses the validated result
