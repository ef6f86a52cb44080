"""Publishing outputs (files/writing.py): nothing planted after the check redirects a write, racing runs
never both win, --force keeps what it replaces (its mode, its owner) and a rollback loses nothing."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mcstrat.cli import application as cli
from mcstrat.files.writing import Outputs
from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner

runner = make_runner()
ANSWERS = str(EXAMPLE_ANSWERS)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")


def run(*args: str) -> Result:
    return runner.invoke(cli.app, list(args), env={"SOURCE_DATE_EPOCH": "0"})


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- racing runs --------------------------------------------------------------------------------

#: A run of mcstrat that, once its outputs are checked and staged, waits until N runs have got that far,
#: so that every run has passed the check before any publishes.
RACER = """
import os, sys, time
from pathlib import Path
from mcstrat.files import writing
from mcstrat.cli import main

ready, count = Path(sys.argv[1]), int(sys.argv[2])
real_commit = writing.Outputs.commit

def commit(self):
    (ready / str(os.getpid())).touch()
    deadline = time.monotonic() + 120
    while len(list(ready.iterdir())) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    real_commit(self)

writing.Outputs.commit = commit
sys.argv = ["mcstrat", *sys.argv[3:]]
main()
"""


def test_of_racing_runs_without_force_exactly_one_writes_the_file(tmp_path: Path) -> None:
    count = 8
    ready, out = tmp_path / "ready", tmp_path / "out"
    ready.mkdir()
    out.mkdir()
    report = out / "r.md"
    env = {**os.environ, "CI": "true", "COLUMNS": "80", "SOURCE_DATE_EPOCH": "0"}
    args = ["recommend", "-a", ANSWERS, "--report", str(report)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(ready), str(count), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(count)
    ]
    outputs = [proc.communicate(timeout=300) for proc in runs]
    results = [(proc.returncode, stdout, stderr) for proc, (stdout, stderr) in zip(runs, outputs)]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [2] * (count - 1), [stderr for _, _, stderr in results]
    for code, stdout, stderr in results:
        if code == 2:  # the losers say why, in one line, and print nothing
            assert f"--report {report}: already exists; pass --force to replace it; nothing was written" in stderr
            assert len(stderr.strip().splitlines()) == 1 and stdout == ""
    reference = tmp_path / "reference.md"
    assert run("recommend", "-a", ANSWERS, "--report", str(reference)).exit_code == 0
    assert report.read_bytes() == reference.read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["r.md"]


# -- something planted at an output after it was checked ---------------------------------------------


def _plant_link(target: Path, victim: Path) -> None:
    if os.path.lexists(target):
        target.unlink()
    target.symlink_to(victim)


def _plant_folder(target: Path, victim: Path) -> None:
    if os.path.lexists(target):
        target.unlink()
    target.mkdir()


def _plant_fifo(target: Path, victim: Path) -> None:
    if os.path.lexists(target):
        target.unlink()
    os.mkfifo(target)


def _planting(monkeypatch: pytest.MonkeyPatch, when: str, plant: Callable[[], object]) -> None:
    """Plant something once, after the outputs were checked: before the first is staged, or after all are."""
    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            plant()

    if when == "before staging":
        real_stage = Outputs.stage

        def stage(self: Outputs, path: Path, text: str | bytes) -> None:
            once()
            real_stage(self, path, text)

        monkeypatch.setattr(Outputs, "stage", stage)
    else:
        real_commit = Outputs.commit

        def commit(self: Outputs) -> None:
            once()
            real_commit(self)

        monkeypatch.setattr(Outputs, "commit", commit)


@pytest.mark.parametrize("when", ["before staging", "before publishing"])
@pytest.mark.parametrize("existing", [False, True], ids=["new-path", "existing-file-with-force"])
def test_a_link_planted_after_the_check_never_redirects_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str, existing: bool
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o600)
    out = tmp_path / "out"
    out.mkdir()
    report = out / "r.md"
    if existing:
        report.write_text("old", encoding="utf-8")
    _planting(monkeypatch, when, lambda: _plant_link(report, victim))
    force = ["--force"] if existing else []
    result = run("recommend", "-a", ANSWERS, "--report", str(report), *force)
    assert result.exit_code == 2, result.output
    expected = "cannot write (it is now a symlink" if existing else "already exists; pass --force to replace it"
    assert f"--report {report}: {expected}" in result.stderr
    assert result.stdout == ""
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert report.is_symlink() and os.readlink(report) == str(victim)  # what was planted is left alone
    assert _leftovers(out) == [] and sorted(p.name for p in elsewhere.iterdir()) == ["victim.txt"]


@pytest.mark.parametrize(
    ("plant", "kind"),
    [(_plant_link, stat.S_IFLNK), (_plant_folder, stat.S_IFDIR), (_plant_fifo, stat.S_IFIFO)],
    ids=["symlink", "directory", "fifo"],
)
def test_with_force_only_a_regular_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plant: Callable[[Path, Path], None], kind: int
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_text("old", encoding="utf-8")
    _planting(monkeypatch, "before publishing", lambda: plant(report, victim))
    result = run("recommend", "-a", ANSWERS, "--report", str(report), "--force")
    assert result.exit_code == 2, result.output
    assert f"--report {report}: cannot write (it is now " in result.stderr
    assert "mcstrat replaces only regular files; nothing was written" in result.stderr
    assert stat.S_IFMT(os.lstat(report).st_mode) == kind  # what was planted is left alone
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("when", ["before staging", "before publishing"])
def test_a_link_given_as_the_output_is_followed_once_when_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    real, victim = tmp_path / "real.md", tmp_path / "victim.txt"
    real.write_text("old", encoding="utf-8")
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    _planting(monkeypatch, when, lambda: _plant_link(link, victim))  # the link is pointed elsewhere later
    result = run("recommend", "-a", ANSWERS, "--report", str(link), "--force")
    assert result.exit_code == 0, result.output
    assert real.read_text(encoding="utf-8").startswith("# Decision record")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("when", ["before staging", "before publishing"])
def test_a_folder_swapped_for_a_link_after_the_check_never_redirects_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    out, moved, elsewhere = tmp_path / "out", tmp_path / "out-moved", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()

    def swap() -> None:
        out.rename(moved)
        out.symlink_to(elsewhere)

    _planting(monkeypatch, when, swap)
    result = run("recommend", "-a", ANSWERS, "--report", str(out / "r.md"))
    assert result.exit_code == 0, result.output
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in moved.iterdir()) == ["r.md"]  # in the folder that was checked, wherever it is


# -- what --force replaces keeps its mode and owner -------------------------------------------------------


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444, 0o664], ids=oct)
@pytest.mark.parametrize("flag", ["--report", "--save-answers", "--export-html"])
def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path, umask_022: object, mode: int, flag: str) -> None:
    target = tmp_path / ("out.yaml" if flag == "--save-answers" else "out.md" if flag == "--report" else "out.html")
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    result = run("recommend", "-a", ANSWERS, flag, str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_new_file_gets_the_mode_a_plain_open_gives(tmp_path: Path, umask_022: object) -> None:
    target = tmp_path / "r.md"
    assert run("recommend", "-a", ANSWERS, "--report", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_force_as_root_keeps_the_owner_and_group_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    os.chown(target, 4242, 4343)
    target.chmod(0o640)
    result = run("recommend", "-a", ANSWERS, "--report", str(target), "--force")
    assert result.exit_code == 0, result.output
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o640)
    assert target.read_text(encoding="utf-8").startswith("# Decision record")


# -- a failure after something was replaced loses nothing ----------------------------------------------------


def _two_existing(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "r.md", tmp_path / "v.html"
    first.write_text("first, old", encoding="utf-8")
    second.write_text("second, old", encoding="utf-8")
    first.chmod(0o600)
    return first, second


def _fail_publishing(monkeypatch: pytest.MonkeyPatch, name: str, number: int) -> None:
    """Fail the first move of a file onto NAME (os.replace, which --force publishes with) with NUMBER."""
    real_replace = os.replace
    failed: list[bool] = []

    def failing(src: object, dst: object, **kwargs: object) -> None:
        if not failed and os.path.basename(str(dst)) == name:
            failed.append(True)
            raise OSError(number, os.strerror(number))
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)


@pytest.mark.parametrize("number", [errno.EIO, errno.ENOSPC])
def test_a_failure_publishing_a_later_output_restores_what_force_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    first, second = _two_existing(tmp_path)
    before = os.stat(first)
    _fail_publishing(monkeypatch, "v.html", number)
    result = run("recommend", "-a", ANSWERS, "--report", str(first), "--export-html", str(second), "--force")
    assert result.exit_code == 74, result.output
    assert "none of --export-html" in result.stderr and "was written" in result.stderr
    assert first.read_text(encoding="utf-8") == "first, old"
    assert second.read_text(encoding="utf-8") == "second, old"
    after = os.stat(first)
    assert (after.st_ino, stat.S_IMODE(after.st_mode)) == (before.st_ino, 0o600)  # the very file, not a copy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "v.html"]


def test_an_interruption_while_publishing_restores_what_force_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _two_existing(tmp_path)
    real_replace = os.replace
    interrupted_once: list[bool] = []

    def interrupted(src: object, dst: object, **kwargs: object) -> None:
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]
        if not interrupted_once and os.path.basename(str(dst)) == "r.md":  # the first output is in place: Ctrl-C
            interrupted_once.append(True)
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = run("recommend", "-a", ANSWERS, "--report", str(first), "--export-html", str(second), "--force")
    assert result.exit_code == 130, result.output
    assert first.read_text(encoding="utf-8") == "first, old"
    assert second.read_text(encoding="utf-8") == "second, old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "v.html"]


def test_a_later_output_that_appeared_removes_only_what_this_run_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "r.md", tmp_path / "v.html"

    def appear() -> None:
        second.write_text("someone else's", encoding="utf-8")

    _planting(monkeypatch, "before publishing", appear)
    result = run("recommend", "-a", ANSWERS, "--report", str(first), "--export-html", str(second))
    assert result.exit_code == 2, result.output
    assert f"--export-html {second}: already exists; pass --force to replace it" in result.stderr
    assert not first.exists() and second.read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.html"]


# -- a file system without hard links (FAT, some network shares) ---------------------------------------------


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)


def test_without_hard_links_a_new_file_is_still_written(tmp_path: Path, no_hard_links: None) -> None:
    report = tmp_path / "r.md"
    assert run("recommend", "-a", ANSWERS, "--report", str(report)).exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("# Decision record")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_without_hard_links_a_file_that_appeared_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hard_links: None
) -> None:
    report = tmp_path / "r.md"
    _planting(monkeypatch, "before publishing", lambda: report.write_text("theirs", encoding="utf-8"))
    result = run("recommend", "-a", ANSWERS, "--report", str(report))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert report.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_without_hard_links_a_rollback_still_restores_what_force_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hard_links: None
) -> None:
    first, second = _two_existing(tmp_path)
    _fail_publishing(monkeypatch, "v.html", errno.EIO)
    result = run("recommend", "-a", ANSWERS, "--report", str(first), "--export-html", str(second), "--force")
    assert result.exit_code == 74, result.output
    assert first.read_text(encoding="utf-8") == "first, old"
    assert second.read_text(encoding="utf-8") == "second, old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "v.html"]
