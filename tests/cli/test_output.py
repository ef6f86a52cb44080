"""Writing to the user (cli/output.py): every byte of stdout checked, one line per message on stderr."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from mcstrat.cli.output import checked, emit, fail, say, tell
from mcstrat.errors import ExitCode, FileProblem, InputError, WriteError
from tests.conftest import EXAMPLE_ANSWERS, ROOT

ANSWERS = str(EXAMPLE_ANSWERS)


# -- a file-size limit (`ulimit -f`) ------------------------------------------------------------


def _limited(args: list[str], out: Path, limit: int, unbuffered: bool) -> subprocess.CompletedProcess[str]:
    """`mcstrat ARGS > OUT` under a file-size limit of LIMIT bytes; Python ignores SIGXFSZ, so writes come up short."""
    import resource

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"  # stdout is then the raw file: a short write was silently dropped
    with out.open("w") as target:
        return subprocess.run(
            [sys.executable, "-m", "mcstrat", *args],
            stdout=target,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**env, "CI": "true", "COLUMNS": "80"},
            cwd=ROOT,
            preexec_fn=limit_file_size,  # the child only sets a limit, before exec
            timeout=60,
        )


LIMITED = [
    pytest.param(["recommend", "--answers", ANSWERS, "--format", "json"], id="recommend-json"),
    pytest.param(["recommend", "--answers", ANSWERS], id="recommend-table"),
    pytest.param(["recommend", "--answers", ANSWERS, "--format", "markdown"], id="recommend-markdown"),
    pytest.param(["models", "--format", "csv"], id="models-csv"),
    pytest.param(["models", "--format", "yaml"], id="models-yaml"),
    pytest.param(["schema", "answers"], id="schema"),
    pytest.param(["recommend", "--help"], id="help"),
]


@pytest.mark.skipif(os.name != "posix", reason="file-size limits are POSIX")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("args", LIMITED)
def test_stdout_cut_short_by_a_file_size_limit_is_exit_74(args: list[str], unbuffered: bool, tmp_path: Path) -> None:
    out = tmp_path / "out"
    whole = _limited(args, out, 1 << 24, unbuffered)
    assert whole.returncode == 0, whole.stderr  # also fills the cache of validated files
    size = out.stat().st_size
    assert size > 1024
    proc = _limited(args, out, 1024, unbuffered)
    assert out.stat().st_size == 1024
    assert proc.returncode == ExitCode.CANNOT_WRITE, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.stderr.splitlines() == [
        "Error: could not write all of the output to standard output (file too large); the output is incomplete"
    ]


@pytest.mark.skipif(os.name != "posix", reason="file-size limits are POSIX")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
def test_output_that_fits_under_the_limit_is_written_whole(unbuffered: bool, tmp_path: Path) -> None:
    args = ["recommend", "--answers", ANSWERS, "--format", "json"]
    out = tmp_path / "out"
    assert _limited(args, out, 1 << 24, unbuffered).returncode == 0
    whole = out.read_bytes()
    proc = _limited(args, out, len(whole), unbuffered)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == whole


class _Trickle(io.RawIOBase):
    """A raw file that takes at most STEP bytes a write (a short write), and nothing at all past LIMIT."""

    def __init__(self, step: int, limit: int | None = None, none: bool = False) -> None:
        self.data = bytearray()
        self.step, self.limit, self.none = step, limit, none

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int | None:
        if self.none:
            return None  # a non-blocking file that cannot take more now
        room = self.step if self.limit is None else min(self.step, self.limit - len(self.data))
        taken = bytes(b[: max(room, 0)])
        self.data += taken
        return len(taken)


def _text(raw: io.RawIOBase, buffered: bool) -> io.TextIOWrapper:
    binary: Any = io.BufferedWriter(raw) if buffered else raw
    return io.TextIOWrapper(binary, encoding="utf-8", write_through=not buffered)


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "raw"])
def test_short_writes_are_continued_to_the_last_byte(buffered: bool) -> None:
    raw = _Trickle(step=7)
    text = "ünïcode ✓ " * 500 + "\n"
    out = checked(_text(raw, buffered))
    out.write(text)
    out.flush()
    assert raw.data.decode("utf-8") == text


@pytest.mark.parametrize("none", [False, True], ids=["nothing-taken", "would-block"])
def test_a_write_that_takes_nothing_is_a_write_error(none: bool) -> None:
    out = checked(_text(_Trickle(step=5, limit=20, none=none), buffered=False))
    with pytest.raises(WriteError, match="could not write all of the output to standard output"):
        out.write("x" * 100)


def test_emit_through_a_short_writing_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _Trickle(step=3)
    monkeypatch.setattr(sys, "stdout", _text(raw, buffered=False))
    emit('{"a": "b"}' * 50)
    assert raw.data == b'{"a": "b"}' * 50 + b"\n"


def test_checked_wraps_once_and_passes_a_string_buffer_through() -> None:
    plain = io.StringIO()
    once = checked(plain)
    assert checked(once) is once
    once.write("abc")
    assert plain.getvalue() == "abc"


# -- messages on stderr: one line each ----------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("x\nError: all good", "x\\nError: all good\n"),
        ("x\rError: all good", "x\\rError: all good\n"),
        ("x\r\nError: all good", "x\\r\\nError: all good\n"),
        ("\nInterrupted; nothing was saved.", "\nInterrupted; nothing was saved.\n"),  # a blank line first is kept
        ("a\x1b[2Jb\u202ec", "a\ufffd[2Jb\ufffdc\n"),
        ("tab\there", "tab here\n"),
    ],
    ids=["lf", "cr", "crlf", "leading-blank-line", "escape-and-bidi", "tab"],
)
def test_say_writes_one_line(message: str, shown: str, capsys: pytest.CaptureFixture[str]) -> None:
    say(message)
    assert capsys.readouterr().err == shown


def test_fail_writes_the_lines_an_error_declares_each_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    problem = FileProblem("x\nError: all good.yaml", ["line 1: bad", "line 2: worse\nError: forged"], "answers file")
    with pytest.raises(typer.Exit) as exit_:
        fail(problem)
    assert exit_.value.exit_code == ExitCode.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        "Error: x\\nError: all good.yaml: invalid answers file:",
        "  - line 1: bad",
        "  - line 2: worse\\nError: forged",
    ]


def test_an_error_of_several_lines_keeps_them(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit):
        fail(InputError("several problems:", "--weight b\nError: y: unknown criterion", "--roi: bad"))
    assert capsys.readouterr().err.splitlines() == [
        "Error: several problems:",
        "--weight b\\nError: y: unknown criterion",
        "--roi: bad",
    ]


@pytest.mark.parametrize("columns", [50, 80])
def test_tell_wraps_between_words_and_keeps_a_command_whole(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    path = "committee-decisions/provost-office-answers.yaml"
    command = f"mcstrat --models my-models.yaml recommend --answers {path}"
    tell(f"Saved your answers to {path}. Replay them with:", command)
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "  " + command  # a line of its own, whole, to copy
    assert all(len(line) <= columns - 2 for line in lines[:-1])
    assert " ".join(lines[:-1]) == f"Saved your answers to {path}. Replay them with:"  # no word broken
    assert all(not line.endswith("-") for line in lines[:-1])


def test_tell_makes_user_text_safe(capsys: pytest.CaptureFixture[str]) -> None:
    tell("Wrote x\nError: all good.yaml\x1b[31m", "mcstrat recommend --answers 'x\nError'")
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 2 and "\\n" in err
