"""The cache of validated files (cache.py): same answers as validating, never trusted blindly."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mcstrat.errors import FileProblem
from mcstrat.files import cache
from mcstrat.files.answers import load_answers
from mcstrat.files.models import load_catalog
from tests.conftest import EXAMPLE_ANSWERS, ROOT, tiny_catalog_data, write_yaml


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


def test_the_key_covers_content_kind_and_code() -> None:  # the last part is the SHA-256 of the bytes
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
    # a group file and its members are remembered the same way (its members' paths are checked every run)
    group = probe.replace(f"'--answers', {str(EXAMPLE_ANSWERS)!r}", "'--group', 'examples/committee.yaml'")
    assert group != probe
    runs = [
        subprocess.run([sys.executable, "-c", group], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout.strip() == "['pydantic', 'yaml']"
    assert runs[1].stdout.strip() == "[]"


# -- a planted or damaged entry is never trusted ---------------------------------------------


def _entry(cache_dir: Path) -> Path:
    (entry,) = cache_dir.glob("*.json")
    return entry


def _plant(entry: Path, stored: object, folder: Path, sign: bool) -> None:
    """Replace ENTRY with STORED, signed with the cache's own key when SIGN (as only this user could)."""
    body = json.dumps(stored).encode("utf-8")
    mac = cache._mac((folder / "key").read_bytes(), body) if sign else "0" * 64
    entry.write_bytes(mac.encode("ascii") + b"\n" + body)
    entry.chmod(0o600)


def _stored(entry: Path) -> dict[str, object]:
    stored: dict[str, object] = json.loads(entry.read_bytes().partition(b"\n")[2])
    return stored


@pytest.mark.parametrize("sign", [False, True], ids=["unsigned", "signed"])
def test_a_planted_catalogue_cannot_change_a_score(cache_dir: Path, sign: bool) -> None:
    expected = load_catalog()
    entry = _entry(cache_dir)
    stored = _stored(entry)
    data = stored["data"]
    assert isinstance(data, dict)
    data["criteria"][0]["values"] = [0, 25.0, 200.0][: len(data["criteria"][0]["scale"])]  # scores of 1443.5 / 100
    data["criteria"][1]["scale"] = ["LOW"]
    _plant(entry, stored, cache_dir, sign)
    assert load_catalog() == expected


@pytest.mark.parametrize(
    "data",
    [
        {"version": 1},  # every priority silently back to its default
        {"version": 1, "priorities": {"risk": 400}},
        {"version": 1, "priorities": {"risk": True}},
        {"version": True, "priorities": {}},
        {"version": 1, "stakeholder_weight": -1},
        {"version": 1, "ranges": "sideways"},
        {"version": 1, "exclude": "mooc"},
        [1, 2],
        None,
    ],
)
def test_a_planted_answers_entry_is_a_miss(cache_dir: Path, data: object) -> None:
    expected = load_answers(EXAMPLE_ANSWERS)
    entry = _entry(cache_dir)
    _plant(entry, {"data": data, "lines": []}, cache_dir, sign=False)
    assert load_answers(EXAMPLE_ANSWERS).answers == expected.answers
    if isinstance(data, dict) and data != {
        "version": 1
    }:  # a complete valid-looking entry is the one case a MAC decides
        _plant(entry, {"data": data, "lines": []}, cache_dir, sign=True)
        assert load_answers(EXAMPLE_ANSWERS).answers == expected.answers


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_entry_neither_hangs_nor_fails(cache_dir: Path) -> None:
    expected = load_catalog()
    entry = _entry(cache_dir)
    entry.unlink()
    os.mkfifo(entry)
    assert load_catalog() == expected


@pytest.mark.parametrize(
    "damage",
    [b"", b"\xff\xfe", b"0" * 64 + b"\n" + b"[" * 100_000, b"x" * (cache.MAX_ENTRY_BYTES + 1)],
    ids=["empty", "binary", "deep", "huge"],
)
def test_damaged_entries_are_misses(cache_dir: Path, damage: bytes) -> None:
    expected = load_catalog()
    _entry(cache_dir).write_bytes(damage)
    assert load_catalog() == expected


def test_entries_are_private(cache_dir: Path) -> None:
    load_catalog()
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for file in cache_dir.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert not list(cache_dir.glob("*.tmp")) and not list(cache_dir.glob(".*.tmp"))


def test_a_link_planted_at_an_entry_is_replaced_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    load_catalog()
    entry = _entry(cache_dir)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    load_catalog()
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_the_digest_is_of_the_bytes_read(cache_dir: Path) -> None:
    import hashlib

    loaded = load_answers(EXAMPLE_ANSWERS)
    again = load_answers(EXAMPLE_ANSWERS)  # a hit carries the same digest
    assert loaded.sha256 == again.sha256 == hashlib.sha256(EXAMPLE_ANSWERS.read_bytes()).hexdigest()


def test_fresh_files_pass_the_invariants_a_hit_must_pass() -> None:
    from mcstrat.core.catalog import check_catalog
    from mcstrat.files.answers import check_answers
    from mcstrat.files.group import check_group, load_group

    check_catalog(load_catalog())
    for file in sorted((ROOT / "examples").glob("*.yaml")):
        if "models" not in file.name and file.name != "committee.yaml":
            check_answers(load_answers(file).answers)
    load_group(ROOT / "examples" / "committee.yaml")
    check_group(_plain_group())


def _plain_group() -> dict[str, object]:
    """examples/committee.yaml as the cache keeps it (validated plain data)."""
    from mcstrat.files.group import _validated
    from mcstrat.files.reading import load_structured

    data, lines = load_structured(ROOT / "examples" / "committee.yaml", "group file")
    return _validated(data, lines, "committee.yaml")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"MCSTRAT_NO_CACHE": "0"}, "on"),
        ({"MCSTRAT_NO_CACHE": "false"}, "on"),
        ({"MCSTRAT_NO_CACHE": ""}, "on"),
        ({"MCSTRAT_NO_CACHE": "1"}, None),
        ({"MCSTRAT_NO_CACHE": "yes"}, None),
        ({"XDG_CACHE_HOME": "relative/cache"}, "home"),
        ({"XDG_CACHE_HOME": ""}, "home"),
        ({"HOME": None}, None),
        ({"HOME": ""}, None),
    ],
)
def test_where_the_cache_lives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str | None], expected: str | None
) -> None:
    monkeypatch.delenv("MCSTRAT_CACHE_DIR", raising=False)
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for key, value in env.items():
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    found = cache.folder()
    if expected is None:
        assert found is None
    else:
        assert found == tmp_path / ".cache" / "mcstrat"


def test_the_code_stamp_covers_every_module_of_every_package() -> None:
    """A change to any module, in any package, makes every entry a miss: a moved validator never trusts old data."""
    root = Path(cache.__file__).parent.parent
    stamped = {part.split(":")[0] for part in cache._code_stamp.__wrapped__().split(";")}
    modules = {
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(root).parts[0] != "data"
    }
    assert stamped == modules
    assert {"core/priorities.py", "files/specs.py", "analyses/ranking.py", "cli/commands.py"} <= stamped


# -- a folder the cache did not create is never changed ------------------------------------------------


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("mode", [0o1777, 0o777, 0o775, 0o770], ids=oct)
def test_a_shared_folder_keeps_its_mode_and_gets_a_private_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(shared))
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    expected = load_catalog()
    assert stat.S_IMODE(shared.stat().st_mode) == mode  # never chmodded: other users keep their access
    private = shared / f"mcstrat-{os.geteuid()}"
    assert sorted(p.name for p in shared.iterdir()) == [private.name]
    assert stat.S_IMODE(private.stat().st_mode) == 0o700 and len(_entries(private)) == 1
    assert load_catalog() == expected


def test_a_folder_of_this_user_that_others_cannot_write_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(mine))
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    load_catalog()
    assert stat.S_IMODE(mine.stat().st_mode) == 0o755 and len(_entries(mine)) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder away")
def test_a_folder_of_another_user_gets_a_private_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    theirs.chmod(0o755)
    os.chown(theirs, 4242, 4242)
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(theirs))
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    load_catalog()
    info = theirs.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (4242, 0o755)
    assert len(_entries(theirs / f"mcstrat-{os.geteuid()}")) == 1


def _planted_link(private: Path, tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    private.symlink_to(elsewhere)
    return elsewhere


def _planted_folder_of_another(private: Path, tmp_path: Path) -> Path:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("only root can give a folder away")
    private.mkdir(mode=0o700)
    os.chown(private, 4242, 4242)
    return private


def _planted_open_folder(private: Path, tmp_path: Path) -> Path:
    private.mkdir()
    private.chmod(0o777)
    return private


@pytest.mark.parametrize(
    "plant", [_planted_link, _planted_folder_of_another, _planted_open_folder], ids=["symlink", "theirs", "open"]
)
def test_a_planted_private_subfolder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plant: object
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    private = shared / f"mcstrat-{os.geteuid()}"
    where = plant(private, tmp_path)  # type: ignore[operator]
    monkeypatch.setenv("MCSTRAT_CACHE_DIR", str(shared))
    monkeypatch.delenv("MCSTRAT_NO_CACHE", raising=False)
    expected = load_catalog()
    assert load_catalog() == expected  # anything unsafe is only a miss
    assert list(where.iterdir()) == [] and sorted(p.name for p in shared.iterdir()) == [private.name]
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
