"""Reading and writing files (files/reading.py, files/writing.py): mcstrat's own limits first, outputs all or nothing, OS failures."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mcstrat.cli import application as cli
from mcstrat.errors import ExitCode, FileProblem, McstratError
from mcstrat.files.reading import parse_structured, read_input
from mcstrat.files.writing import Outputs
from tests.conftest import EXAMPLE_ANSWERS, ROOT, make_runner
from tests.unprivileged import REASON, prefix

runner = make_runner()
ANSWERS = str(EXAMPLE_ANSWERS)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, env: dict[str, str | None] | None = None) -> object:
    return runner.invoke(cli.app, list(args), env=env)


# -- mcstrat's own nesting limit, before any parser ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "suffix", "line"),
    [
        pytest.param("[" * 10_000 + "]" * 10_000 + "\n", ".yaml", 1, id="flow-lists"),
        pytest.param("a:\n  b: " + "{x: " * 5_000 + "1" + "}" * 5_000 + "\n", ".yaml", 2, id="flow-maps"),
        pytest.param("- " * 5_000 + "x\n", ".yaml", 1, id="block-dashes"),
        pytest.param("a: " + "[{x: " * 3_000 + "1" + "}]" * 3_000 + "\n", ".yaml", 1, id="mixed"),
        pytest.param('{"a":\n' + "[" * 10_000 + "]" * 10_000 + "}", ".json", 2, id="json"),
    ],
)
def test_too_deep_is_mcstrats_message_whatever_the_parser(text: str, suffix: str, line: int) -> None:
    with pytest.raises(FileProblem) as caught:
        parse_structured(text, Path("input" + suffix), "answers file")
    assert f"line {line}: is nested more than 32 levels deep" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "a: see [1] and a[b " + "x[" * 100 + "\n",
        "a: 1 # " + "[" * 100 + "\n",
        "a: '" + "[" * 100 + "'\n",
        'a: "' + "{" * 100 + '\\" still quoted"\n',
    ],
    ids=["brackets-in-text", "comment", "single-quoted", "double-quoted"],
)
def test_brackets_in_text_comments_and_quotes_do_not_count(text: str) -> None:
    data, _ = parse_structured(text, Path("input.yaml"), "answers file")
    assert isinstance(data["a"], (str, int))


def test_read_input_hashes_the_bytes_it_decoded(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    raw = "\ufeffversion: 1\n".encode()
    file.write_bytes(raw)
    text, digest = read_input(file, "answers file")
    assert text == "version: 1\n"
    assert digest == hashlib.sha256(raw).hexdigest()


# -- output paths --------------------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no unix sockets here")
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


def _link_to(tmp_path: Path, target: Path) -> Path:
    link = tmp_path / "link"
    link.symlink_to(target)
    return link


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda tmp: Path(os.devnull), "is a character device", id="dev-null"),
        pytest.param(_fifo, "is a named pipe", id="fifo"),
        pytest.param(_socket, "is a socket", id="socket"),
        pytest.param(lambda tmp: tmp, "is a directory", id="directory"),
        pytest.param(lambda tmp: _link_to(tmp, Path(os.devnull)), "is a character device", id="link-to-device"),
        pytest.param(lambda tmp: _link_to(tmp, _fifo(tmp)), "is a named pipe", id="link-to-fifo"),
        pytest.param(lambda tmp: _link_to(tmp, tmp / "sub"), "symlink to a missing file", id="dangling-link"),
    ],
)
@pytest.mark.parametrize("flag", ["--report", "--export-html", "--export-svg", "--save-answers"])
def test_outputs_that_are_not_regular_files_are_refused_even_with_force(
    tmp_path: Path, make: object, message: str, flag: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    before = os.lstat(target) if os.path.lexists(target) else None
    result = run("recommend", "-a", ANSWERS, flag, str(target), "--force")
    assert result.exit_code == 2, result.output
    assert message in result.stderr and flag in result.stderr
    assert result.stdout == ""
    if before is not None:
        assert stat.S_IFMT(os.lstat(target).st_mode) == stat.S_IFMT(before.st_mode)


@pytest.mark.parametrize("make", [lambda tmp: Path(os.devnull), _fifo], ids=["dev-null", "fifo"])
def test_init_refuses_what_is_not_a_regular_file(tmp_path: Path, make: object) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    result = run("init", str(target), "--force")
    assert result.exit_code == 2 and "not a regular file" in result.stderr


@pytest.mark.skipif(not IS_ROOT, reason="only root could replace /dev/null")
def test_root_with_force_leaves_dev_null_a_device() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mcstrat", "recommend", "-a", ANSWERS, "--report", os.devnull, "--force"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "CI": "true"},
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_regular_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    assert run("recommend", "-a", ANSWERS, "--report", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert run("recommend", "-a", ANSWERS, "--report", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Decision record")


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = _link_to(tmp_path, real)
    assert run("recommend", "-a", ANSWERS, "--report", str(link), "--force").exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# Decision record")


@pytest.mark.parametrize(
    "spell",
    [
        lambda tmp: (tmp / "out.html", tmp / "out.html"),
        lambda tmp: (tmp / "out.html", tmp / "." / "sub" / ".." / "out.html"),
        lambda tmp: (tmp / "out.html", _link_to(tmp, tmp / "out.html")),
    ],
    ids=["same", "other-spelling", "via-symlink"],
)
def test_two_outputs_naming_one_file_are_refused_before_anything_is_written(tmp_path: Path, spell: object) -> None:
    (tmp_path / "sub").mkdir()
    first, second = spell(tmp_path)  # type: ignore[operator]
    (tmp_path / "out.html").write_text("old", encoding="utf-8")
    result = run("recommend", "-a", ANSWERS, "--export-html", str(first), "--export-svg", str(second), "--force")
    assert result.exit_code == 2, result.output
    assert "name the same file" in result.stderr and result.stdout == ""
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == "old"


# -- all or nothing ----------------------------------------------------------------------------


def _outputs(tmp_path: Path) -> list[str]:
    return [
        "--report",
        str(tmp_path / "r.md"),
        "--export-html",
        str(tmp_path / "v.html"),
        "--save-answers",
        str(tmp_path / "a.yaml"),
    ]


def test_a_failing_later_output_leaves_nothing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    result = run("recommend", "-a", ANSWERS, *_outputs(tmp_path))
    assert result.exit_code == ExitCode.CANNOT_WRITE == 74, result.output
    assert "no space left on the device" in result.stderr and "was written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("force", "publish"), [(False, "link"), (True, "replace")], ids=["new", "force"])
def test_a_failure_while_moving_into_place_removes_what_this_run_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool, publish: str
) -> None:
    # without --force a file is published with link() (which never replaces), with --force by rename()
    real = getattr(os, publish)
    calls = []

    def failing(src: str, dst: str, **kwargs: object) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, publish, failing)
    result = run("recommend", "-a", ANSWERS, *_outputs(tmp_path), *(["--force"] if force else []))
    assert result.exit_code == 74, result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("signum", "code"), [(15, 143), (1, 129)], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_clean_up_as_ctrl_c_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, code: int
) -> None:
    real_stage = Outputs.stage

    def stage_then_signal(self: Outputs, path: Path, text: str) -> None:
        real_stage(self, path, text)
        cli._on_signal(signum, None)

    monkeypatch.setattr(Outputs, "stage", stage_then_signal)
    try:
        result = run("recommend", "-a", ANSWERS, *_outputs(tmp_path))
    finally:
        import signal

        for name in ("SIGTERM", "SIGHUP"):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    assert result.exit_code == code, result.output
    assert "Interrupted" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- operating-system failures: one line, a documented code, never a traceback ------------------


def _mcstrat(
    *args: str, stdout: object = subprocess.PIPE, env: dict[str, str] | None = None, shell: str = ""
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mcstrat", *args]
    if shell:
        command = ["bash", "-c", " ".join(f"'{c}'" for c in command) + " " + shell]
    return subprocess.run(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "CI": "true", "COLUMNS": "80", **(env or {})},
        cwd=ROOT,
        timeout=60,
    )


def _one_clean_line(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("Error: ")


def test_a_name_too_long_is_bad_input(tmp_path: Path) -> None:
    result = run("recommend", "-a", ANSWERS, "--report", str(tmp_path / ("x" * 300 + ".md")))
    assert result.exit_code == 2, result.output
    assert "name is too long" in result.stderr and result.stdout == ""


def test_permission_denied_on_the_parent_folder(tmp_path: Path) -> None:
    run_as = prefix()  # a probe that permissions stop (root would write anyway)
    if run_as is None:
        pytest.skip(REASON)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = subprocess.run(
            [*run_as, sys.executable, "-m", "mcstrat", "recommend", "-a", ANSWERS, "--report", str(locked / "r.md")],
            capture_output=True,
            text=True,
            env={**os.environ, "CI": "true"},
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    finally:
        locked.chmod(0o700)
    assert done.returncode == 2, done.stderr
    assert "cannot write in folder" in done.stderr and "permission denied" in done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert list(locked.iterdir()) == []


def test_an_unreadable_file_is_still_replaced_with_force(tmp_path: Path) -> None:
    """Whether mcstrat may read an output it replaces is no concern of the command line's option parser."""
    run_as = prefix()
    if run_as is None:
        pytest.skip(REASON)
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0)
    done = subprocess.run(
        [*run_as, sys.executable, "-m", "mcstrat", "recommend", "-a", ANSWERS, "--report", str(target), "--force"],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0  # replaced, keeping its mode
    assert target.read_text(encoding="utf-8").startswith("# Decision record")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_stdout_to_dev_full_is_a_clean_error(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        proc = _mcstrat("models", "--format", fmt, stdout=full)
    assert proc.returncode == 74
    _one_clean_line(proc)
    assert "no space left" in proc.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("args", [["models"], ["models", "--format", "json"], ["recommend", "-a", ANSWERS]])
def test_a_closed_stdout_is_not_success(args: list[str]) -> None:
    proc = _mcstrat(*args, shell=">&-")
    assert proc.returncode == 74
    _one_clean_line(proc)
    assert "standard output is closed" in proc.stderr


@pytest.mark.skipif(not IS_ROOT or shutil.which("mount") is None, reason="mounting a small tmpfs needs root")
def test_a_report_onto_a_full_filesystem(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        proc = _mcstrat("recommend", "-a", ANSWERS, "--report", str(mnt / "r.md"), "--export-html", str(mnt / "v.html"))
        assert proc.returncode == 74, proc.stderr
        _one_clean_line(proc)
        assert "no space left" in proc.stderr
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}], ids=["ascii", "latin-1"]
)
def test_a_stdout_that_cannot_show_the_symbols_gets_ascii(env: dict[str, str]) -> None:
    proc = _mcstrat("recommend", "-a", ANSWERS, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "#" in proc.stdout and "Institutional business unit" in proc.stdout
    utf8 = _mcstrat("recommend", "-a", ANSWERS, "--format", "json")
    ascii_json = _mcstrat("recommend", "-a", ANSWERS, "--format", "json", env=env)
    assert ascii_json.returncode == 0 and ascii_json.stdout.isascii()
    assert json.loads(ascii_json.stdout) == json.loads(utf8.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["models"],
        ["show", "mooc"],
        ["recommend", "--roi", "5"],
        ["compare", "mooc", "opx"],
        ["why-not", "mooc", "--roi", "5"],
    ],
    ids=["models", "show", "recommend", "compare", "why-not"],
)
def test_json_keeps_its_meaning_on_an_ascii_stdout(tmp_path: Path, args: list[str]) -> None:
    # every command's JSON: a name outside ASCII is written as \u escapes, never replaced
    # (why-not once wrote "MOOC - men? par ?Coursera?")
    shipped = _mcstrat("models", "--format", "yaml").stdout
    models = tmp_path / "models.yaml"
    models.write_text(shipped.replace("name: MOOC led", 'name: "MOOC — mené par «Coursera»"'), encoding="utf-8")
    command = ["--models", str(models), *args, "--format", "json"]
    utf8 = _mcstrat(*command)
    ascii_json = _mcstrat(*command, env={"PYTHONIOENCODING": "ascii"})
    assert utf8.returncode == 0 and ascii_json.returncode == 0, ascii_json.stderr
    assert "mené par «Coursera»" in utf8.stdout
    assert ascii_json.stdout.isascii()
    assert json.loads(ascii_json.stdout) == json.loads(utf8.stdout)


# -- width and reproducible dates -----------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "1", "10"])
def test_a_tiny_width_never_gives_empty_output(columns: str) -> None:
    result = run("recommend", "-a", ANSWERS, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "Instit" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) >= 20


@pytest.mark.parametrize("epoch", ["abc", "-5", "1.5", "99999999999999999999", "１２"])
def test_an_invalid_source_date_epoch_is_a_clean_error(tmp_path: Path, epoch: str) -> None:
    report = tmp_path / "r.md"
    result = run("recommend", "-a", ANSWERS, "--report", str(report), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.stderr and result.stdout == ""
    assert not report.exists()


def test_a_valid_source_date_epoch_dates_the_record(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    result = run("recommend", "-a", ANSWERS, "--report", str(report), env={"SOURCE_DATE_EPOCH": "0"})
    assert result.exit_code == 0, result.output
    assert "Date: 1970-01-01" in report.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "kill") or os.name != "posix", reason="needs POSIX signals")
@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_real_signal_ends_with_its_code_and_leaves_nothing(tmp_path: Path, signame: str, code: int) -> None:
    """A real process waiting at the questionnaire, with outputs asked for, is stopped by the signal."""
    import signal

    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MCSTRAT_DEBUG")}
    env.update({"COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"})
    args = ["-m", "mcstrat", "recommend", "--report", "r.md", "--export-html", "v.html"]
    child = pexpect.spawn(sys.executable, args, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20)
    try:
        child.expect(r"Answer \[[^\]]*\]: ")
        child.kill(getattr(signal, signame))
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == code, child.before
    assert "Interrupted" in (child.before or "") and "Traceback" not in (child.before or "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "too_short", "ctx": {"field_type": "List", "min_length": 1}}, "List should have at least 1 item"),
        ({"type": "too_short", "ctx": {"field_type": "List", "min_length": 2}}, "List should have at least 2 items"),
        ({"type": "dict_type"}, "Input should be a valid dictionary"),
        ({"type": "model_type", "ctx": {"class_name": "SourceSpec"}}, "Input should be a valid dictionary"),
        ({"type": "string_pattern_mismatch", "ctx": {"pattern": "^a$"}}, "String should match pattern '^a$'"),
        ({"type": "less_than_equal", "ctx": {"le": 1}}, "Input should be less than or equal to 1"),
        ({"type": "a_type_mcstrat_does_not_know"}, "pydantic's own words"),
    ],
)
def test_validation_messages_are_mcstrats_words_not_pydantics(error: dict[str, object], expected: str) -> None:
    """The same bad file gives the same message whatever pydantic release words its errors."""
    from mcstrat.files.specs import _message

    assert _message({**error, "msg": "pydantic's own words"}) == expected


def test_an_unwritable_path_is_bad_input_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root is not stopped by folder permissions, so the system's refusal is simulated here (issue 13: exit 2)."""

    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Outputs, "_create", staticmethod(refused))  # creating the temporary file is refused
    result = run("recommend", "-a", ANSWERS, "--report", str(tmp_path / "r.md"))
    assert result.exit_code == 2, result.output
    assert "cannot write (permission denied); choose another name or place" in result.stderr
    assert result.stdout == ""
    monkeypatch.undo()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != tmp_path and real_access(path, mode, **kw))
    result = run("recommend", "-a", ANSWERS, "--report", str(tmp_path / "r.md"))
    assert result.exit_code == 2 and "permission denied" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.EACCES, 2),
        (errno.EPERM, 2),
        (errno.EROFS, 2),
        (errno.ENAMETOOLONG, 2),
        (errno.ENOENT, 2),
        (errno.ENOSPC, 74),
        (errno.EDQUOT, 74),
        (errno.EIO, 74),
    ],
    ids=["EACCES", "EPERM", "EROFS", "ENAMETOOLONG", "ENOENT", "ENOSPC", "EDQUOT", "EIO"],
)
def test_a_fault_of_the_path_is_exit_2_and_a_failing_system_exit_74(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, code: int
) -> None:
    """Every write refusal is one line; another path fixes the first kind, so it is bad input."""
    real_fsync = os.fsync

    def refused(fd: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refused)
    result = run("recommend", "-a", ANSWERS, *_outputs(tmp_path))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == code, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "was written" in result.stderr
    fix = "choose a shorter name" if number == errno.ENAMETOOLONG else "choose another name or place"
    assert (fix in result.stderr) == (code == 2)
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_read_only_file_system_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root may write anywhere os.access is asked, but not on a read-only mount: said up front, exit 2
    real_statvfs = os.statvfs

    class ReadOnly:
        def __init__(self, real: os.statvfs_result) -> None:
            self.real = real
            self.f_flag = real.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda path: ReadOnly(real_statvfs(path)))
    result = run("recommend", "-a", ANSWERS, "--report", str(tmp_path / "r.md"))
    assert result.exit_code == 2, result.output
    assert f"cannot write in folder {tmp_path} (read-only file system); choose another place" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failure_names_the_output_as_given_not_where_its_link_leads(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    files = Outputs(force=True)
    files.add("--report", link)
    files.stage(link, "new")
    real.unlink()
    real.mkdir()  # the link now leads to a folder: moving into place fails
    with pytest.raises(McstratError) as caught:
        files.commit()
    files.rollback()
    message = str(caught.value)
    assert message.startswith(f"--report {link}: cannot write (")
    assert str(real) not in message
