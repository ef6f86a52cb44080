"""Writing records through the command line: format from the extension, bad paths, PDF, imports."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mcstrat import sanitize
from mcstrat.cli import app
from mcstrat.report.record import SECTIONS
from mcstrat.report.writers.pdf import find_browser
from tests.conftest import EXAMPLE_ANSWERS, make_runner, write_yaml

runner = make_runner()
ROOT = Path(__file__).resolve().parent.parent.parent
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def team(tmp_path: Path) -> list[str]:
    people = [
        {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": "high", "impact": 4}},
        {"version": 1, "name": "Finance", "priorities": {"cost": 5, "roi": 5}},
        {"version": 1, "name": "Faculty", "priorities": {"autonomy": 5, "impact": 5}, "target_horizon": "H2"},
        {"version": 1, "name": "Dean", "priorities": {"speed": 5, "effort": 4}, "target_horizon": "H2"},
    ]
    members: list[dict[str, object]] = [
        {"answers": write_yaml(tmp_path / f"p{i}.yaml", p).name} for i, p in enumerate(people)
    ]
    members[1]["weight"] = 2  # the convener weighs Finance double (issue 19)
    return ["--group", str(write_yaml(tmp_path / "team.yaml", {"version": 1, "name": "Team", "members": members}))]


def recommend(*args: str, env: dict[str, str] | None = None) -> object:
    return runner.invoke(app, ["recommend", *args], prog_name="mcstrat", env=env or EPOCH)


@pytest.mark.parametrize("name", ["record.txt", "record", "record.docx", "record.md.bak"])
def test_unknown_extension_is_refused_before_any_work(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and result.stdout == ""  # type: ignore[attr-defined]
    assert "name the file .md (Markdown), .html (a web page) or .pdf" in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing/record.html", "does not exist; create it first"), ("", "is a directory")],
)
def test_unwritable_report_path_is_refused(tmp_path: Path, where: str, message: str) -> None:
    result = recommend("--roi", "5", "--report", str(tmp_path / where))
    assert result.exit_code == 2 and result.stdout == "" and message in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_browser_says_to_write_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr("mcstrat.report.writers.pdf.MAC_BROWSERS", ())
    target = tmp_path / "record.pdf"
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and result.stdout == ""  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "no Chromium or Chrome found to print the PDF" in err and "record.html" in err
    assert "print it to PDF from a browser" in err
    assert list(tmp_path.iterdir()) == []


def test_markdown_record_of_a_group_has_every_section_and_does_not_need_flags(tmp_path: Path) -> None:
    target = tmp_path / "decision.md"
    args = team(tmp_path)
    result = recommend(*args, "--samples", "300", "--report", str(target))  # no --robustness, no --stability
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = target.read_text(encoding="utf-8")
    positions = [text.index(f"\n## {section}\n") for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Date: 2023-11-14" in text
    # firmness measured without --robustness: the chances, over each stakeholder's own weightings
    assert "weightings within what each stakeholder stated" in " ".join(text.split())
    assert "Out of 300 weightings" in text
    for path in args[1::2]:
        assert sanitize.markdown(path) in text
    assert "10.5334/jime.801" in text and "CC BY 4.0" in text
    # the terminal view is unchanged: firmness was computed for the record only
    assert "Robustness" not in result.stdout  # type: ignore[attr-defined]


def test_html_record_is_one_deterministic_self_contained_page(tmp_path: Path) -> None:
    args = team(tmp_path)
    pages = []
    for name in ("one.html", "two.html"):
        result = recommend(*args, "--samples", "300", "--report", str(tmp_path / name), "--format", "json")
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        json.loads(result.stdout)  # type: ignore[attr-defined]
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    html = pages[0].decode("utf-8")
    assert "<title>Decision record: micro-credential business model: " in html
    # page 1's ranking and each member's priorities; scores, chances, stability, ratings, each member's ranking
    assert html.count("<svg") == 7 and html.count("<figure") == 7
    for fetches in ("<script", "<link", "<img", " src=", "@import", "@font-face"):
        assert fetches not in html


def test_existing_record_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "decision.html"
    target.write_text("an earlier record", encoding="utf-8")
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and "already exists; pass --force" in result.stderr  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8") == "an earlier record"
    result = recommend("--roi", "5", "--samples", "100", "--report", str(target), "--force")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_compare_writes_a_side_by_side_record(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"compare{suffix}"
    result = runner.invoke(
        app,
        ["compare", "sole", "mooc", "--answers", str(EXAMPLE_ANSWERS), "--report", str(target)],
        prog_name="mcstrat",
        env=EPOCH,
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Comparison record" in text and "Side by side" in text and "Sole institution" in text
    assert sanitize.markdown(str(EXAMPLE_ANSWERS)) in text or sanitize.html(str(EXAMPLE_ANSWERS)) in text


def test_compare_refuses_an_unknown_extension(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "sole", "mooc", "--report", str(tmp_path / "x.odt")], prog_name="mcstrat")
    assert result.exit_code == 2 and result.stdout == "" and ".md (Markdown)" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(find_browser() is None, reason="no Chromium or Chrome on this machine")
def test_pdf_record_is_printed_with_the_summary_on_page_one(tmp_path: Path) -> None:
    target = tmp_path / "decision.pdf"
    result = recommend(*team(tmp_path), "--samples", "300", "--report", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "The decision:" in first and "Figure 1. The models ranked by score" in first  # text, selectable
    assert "Questions to settle before committing" in first and "Figure 3" not in first
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "The decision:" not in second and "Scores" in second
    # the browser takes a second or two: a line on stderr says so, stdout carries only the data
    assert "Printing decision.pdf with " in result.stderr  # type: ignore[attr-defined]
    assert "Printing" not in result.stdout  # type: ignore[attr-defined]


PROBE = r"""
import contextlib, io, json, sys
from mcstrat.cli import main
sys.argv = ["mcstrat", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
watched = ("matplotlib", "playwright", "mcstrat.report.writers.charts", "mcstrat.report.writers.html", "mcstrat.report.writers.pdf", "mcstrat.report.record")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(watched))))
"""


def _probed(args: list[str]) -> list[str]:
    """The record, plotting and browser modules that running `mcstrat ARGS` (through PROBE) imported."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CI": "true"},
        timeout=60,
        check=True,
    )
    found: list[str] = json.loads(proc.stdout)
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "--answers", str(EXAMPLE_ANSWERS)],
        ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--robustness", "--stability", "--format", "json"],
        ["compare", "sole", "mooc", "--format", "json"],
        ["models", "--format", "json"],
    ],
    ids=["recommend", "recommend-analyses", "compare", "models"],
)
def test_no_plotting_or_record_code_is_imported_by_other_commands(args: list[str]) -> None:
    assert _probed(args) == []


def test_the_watched_modules_exist() -> None:
    """A watched name that no longer exists (a module moved) would make the test above pass vacuously."""
    import importlib.util

    watched = PROBE.split("watched = (")[1].split(")")[0]
    names = [name.strip().strip('"') for name in watched.split(",") if name.strip()]
    assert len(names) == 6
    assert all(importlib.util.find_spec(name) is not None for name in names), names


def test_a_markdown_record_does_not_import_matplotlib(tmp_path: Path) -> None:
    args = ["recommend", "--answers", str(EXAMPLE_ANSWERS), "--samples", "100", "--report", str(tmp_path / "r.md")]
    found = _probed(args)
    assert "mcstrat.report.record" in found and not [m for m in found if m.startswith(("matplotlib", "playwright"))]


# The browser as a process group: stopped whole, its folder removed, on every way out (issue 18).
# A stand-in for Chromium where the real one is not needed: like Chromium it leaves a child running
# that keeps writing into the profile, and records the ids of its processes in $FAKE_PIDS.
FAKE_BROWSER = r"""#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    --user-data-dir=*) profile="${arg#--user-data-dir=}" ;;
    --print-to-pdf=*) out="${arg#--print-to-pdf=}" ;;
  esac
done
mkdir -p "$profile/Default"
(while :; do date > "$profile/Default/busy"; sleep 0.01; done) &
echo $! >> "$FAKE_PIDS"
echo $$ >> "$FAKE_PIDS"
case "$FAKE_MODE" in
  print) printf '%%PDF-1.4 a stand-in' > "$out" ;;
  fail) cat "$FAKE_LOG" >&2; exit 133 ;;
  stubborn) trap 'echo TERM >> "$FAKE_MARK"' TERM; while :; do sleep 0.05; done ;;
  *) sleep 600 & echo $! >> "$FAKE_PIDS"; wait ;;
esac
"""
SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"]
EXIT_ON = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}
needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not hasattr(os, "killpg"), reason="needs /proc and process groups"
)


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, parent, group...), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def _running(pid: int) -> bool:
    """True while PID is a live process (a zombie is dead: it only waits for a parent to collect it)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _live(field: int, value: int) -> list[int]:
    """The live processes whose stat FIELD (1 parent, 3 process group) is VALUE."""
    found = []
    for name in os.listdir("/proc"):
        fields = _stat(int(name)) if name.isdigit() else None
        if fields is not None and fields[0] != "Z" and int(fields[field]) == value:
            found.append(int(name))
    return found


def _gone(pids: list[int]) -> list[int]:
    """PIDS that are still running, after giving killed processes a moment to die (not a timing test)."""
    import time

    deadline = time.monotonic() + 10
    while [p for p in pids if _running(p)] and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if _running(p)]


def _until(found: Callable[[], bool], what: str) -> None:
    """Wait for FOUND() to be true; fail naming WHAT after a minute."""
    import time

    deadline = time.monotonic() + 60
    while not found():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def _kill_ours(pids: list[int], marker: Path) -> None:
    """SIGKILL whatever of PIDS a failing test left running: only live processes whose environment
    names MARKER (a path of that test's own), never one that reused a pid."""
    for pid in pids:
        with contextlib.suppress(OSError):
            if _running(pid) and str(marker).encode() in Path(f"/proc/{pid}/environ").read_bytes():
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def fake_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """The stand-in browser, found first, with its own TMPDIR; anything of it left running killed after the test."""
    folder = tmp_path / "bin"
    folder.mkdir()
    browser = folder / "chromium"
    browser.write_text(FAKE_BROWSER, encoding="utf-8")
    browser.chmod(0o755)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    files = {"browser": browser, "tmp": tmp, "pids": tmp_path / "pids", "mark": tmp_path / "mark"}
    monkeypatch.setenv("FAKE_PIDS", str(files["pids"]))
    monkeypatch.setenv("FAKE_MARK", str(files["mark"]))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")  # for a command run as a process
    monkeypatch.setattr("mcstrat.report.writers.pdf.find_browser", lambda: str(browser))
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    yield files
    _kill_ours(_recorded(files), files["pids"])


def _recorded(files: dict[str, Path]) -> list[int]:
    """The processes the stand-in browser started (itself, its profile writer, a sleep)."""
    try:
        return [int(line) for line in files["pids"].read_text().split()]
    except OSError:
        return []


@needs_proc
def test_a_printed_pdf_leaves_no_browser_process_and_no_folder(
    fake_browser: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MODE", "print")
    monkeypatch.setattr("mcstrat.report.writers.pdf.PRINT_TIMEOUT", 30)  # the old code waited for the child's pipe
    target = tmp_path / "record.pdf"
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert target.read_bytes() == b"%PDF-1.4 a stand-in"
    pids = _recorded(fake_browser)
    assert len(pids) == 2 and _gone(pids) == []
    assert list(fake_browser["tmp"].iterdir()) == []
    # the progress line, on stderr only, names the file and the browser
    assert result.stderr.count("Printing record.pdf with ") == 1  # type: ignore[attr-defined]
    assert "Printing" not in result.stdout  # type: ignore[attr-defined]


@needs_proc
def test_a_print_that_takes_too_long_stops_every_browser_process(
    fake_browser: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_MODE", "hang")
    monkeypatch.setattr("mcstrat.report.writers.pdf.PRINT_TIMEOUT", 2)
    target = tmp_path / "record.pdf"
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 2 and result.stdout == ""  # type: ignore[attr-defined]
    assert "did not finish printing the PDF within 2 seconds" in result.stderr  # type: ignore[attr-defined]
    pids = _recorded(fake_browser)
    assert len(pids) == 3 and _gone(pids) == []
    assert list(fake_browser["tmp"].iterdir()) == [] and not target.exists()


@pytest.mark.parametrize(
    ("code", "resource"),
    [
        (errno.EMFILE, "too many open files"),
        (errno.ENFILE, "too many open files on the system"),
        (errno.ENOMEM, "not enough memory"),
        (errno.EAGAIN, "too many processes"),
    ],
    ids=["EMFILE", "ENFILE", "ENOMEM", "EAGAIN"],
)
def test_a_browser_the_system_has_no_resources_to_start_is_exit_74_naming_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, resource: str
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    monkeypatch.setattr("mcstrat.report.writers.pdf.find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr("subprocess.Popen", refused)
    target = tmp_path / "record.pdf"
    result = recommend("--roi", "5", "--report", str(target))
    assert result.exit_code == 74 and result.stdout == ""  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert f"could not start /usr/bin/chromium to print the PDF: {resource};" in err, err
    assert "Traceback" not in err and not target.exists() and list(tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        ("missing", 2, "could not make a folder to print the PDF in {tmp} (no such file or directory); check TMPDIR"),
        (errno.ENOSPC, 74, "could not make a folder to print the PDF in {tmp}: no space left on the device;"),
        (errno.EMFILE, 74, "could not make a folder to print the PDF in {tmp}: too many open files;"),
    ],
    ids=["missing", "ENOSPC", "EMFILE"],
)
def test_a_temporary_folder_the_system_refuses_is_one_message_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str | int, code: int, message: str
) -> None:
    import tempfile

    tmp = tmp_path / "tmp"
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    monkeypatch.setattr("mcstrat.report.writers.pdf.find_browser", lambda: "/usr/bin/chromium")
    if fault != "missing":
        tmp.mkdir()

        def refused(*args: object, **kwargs: object) -> str:
            raise OSError(fault, os.strerror(int(fault)))

        monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = recommend("--roi", "5", "--report", str(tmp_path / "record.pdf"))
    err = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == code and result.stdout == "" and "Traceback" not in err, err  # type: ignore[attr-defined]
    assert message.format(tmp=tmp) in err, err


# Chromium's own log, as it ran out of file descriptors (prlimit --nofile=100): the reason is in the
# middle, and the last line is unrelated
NOFILE_LOG = """\
[23791:23821:1203/094627.348537:ERROR:dbus/bus.cc:405] Failed to connect to the bus: Could not parse server address
[23791:23791:1203/094627.505223:ERROR:base/memory/platform_shared_memory_region_posix.cc:335] Creating shared \
memory in /dev/shm/.org.chromium.Chromium.Tjr1LY failed: Too many open files (24)
[1203/094627.521000:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open \
/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq: No such file or directory (2)
"""
NOMEM_LOG = """\
[1:1:1203/094627.505223:ERROR:base/process/memory.cc:40] Out of memory. size=262144
[1203/094627.521000:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open \
/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq: No such file or directory (2)
"""
ROOT_LOG = """\
[24204:24204:1203/094635.520925:FATAL:content/browser/zygote_host/zygote_host_impl_linux.cc:127] Running as \
root without --no-sandbox is not supported. See https://crbug.com/638180.
[1203/094635.536867:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open \
/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq: No such file or directory (2)
"""


@needs_proc
@pytest.mark.parametrize(
    ("log", "code", "reason"),
    [
        (NOFILE_LOG, 74, "could not print the PDF: too many open files;"),
        (NOMEM_LOG, 74, "could not print the PDF: not enough memory;"),
        ("pthread_create: Resource temporarily unavailable (11)\nunrelated\n", 74, "PDF: too many processes;"),
        (ROOT_LOG, 2, "did not print the PDF (Running as root without --no-sandbox is not supported. See"),
    ],
    ids=["files", "memory", "processes", "not-a-resource"],
)
def test_a_browser_that_ran_out_of_resources_is_exit_74_naming_them_not_its_last_log_line(
    fake_browser: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log: str, code: int, reason: str
) -> None:
    (tmp_path / "log").write_text(log, encoding="utf-8")
    monkeypatch.setenv("FAKE_MODE", "fail")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "log"))
    monkeypatch.setattr("mcstrat.report.writers.pdf.PRINT_TIMEOUT", 30)
    result = recommend("--roi", "5", "--report", str(tmp_path / "record.pdf"))
    err = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == code and result.stdout == "", err  # type: ignore[attr-defined]
    assert reason in err and "cpufreq" not in err and "Traceback" not in err, err
    assert _gone(_recorded(fake_browser)) == [] and list(fake_browser["tmp"].iterdir()) == []


def _interrupted(folder: Path, started: Callable[[Path], bool], first: str, second: str | None = None) -> None:
    """`mcstrat recommend --report x.pdf`, in FOLDER with TMPDIR FOLDER/tmp, sent signal FIRST once
    STARTED(TMPDIR) is true with the browser running (and SECOND once the browser was told to stop):
    it says it was interrupted, with no traceback, and leaves no process of the browser's group and
    nothing in its TMPDIR."""
    tmp = folder / "tmp"
    tmp.mkdir(exist_ok=True)
    target = folder / "x.pdf"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mcstrat", "recommend", "--answers", str(EXAMPLE_ANSWERS), "--report", str(target)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp), "CI": "true", "MCSTRAT_DEBUG": ""},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # what the old code left behind stayed in this group
    )
    groups = {proc.pid}
    try:

        def browser_started() -> bool:
            assert proc.poll() is None, proc.communicate()
            browser = _live(1, proc.pid)
            groups.update(int(f[3]) for pid in browser if (f := _stat(pid)) is not None)
            return bool(browser) and started(tmp)

        _until(browser_started, "the browser to start")
        proc.send_signal(getattr(signal, first))
        if second is not None:
            _until(Path(os.environ["FAKE_MARK"]).exists, "the browser to be told to stop")
            proc.send_signal(getattr(signal, second))
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == EXIT_ON[first], err
        assert out == b"" and b"Traceback" not in err and b"Interrupted; nothing was saved." in err
        assert [pid for group in groups for pid in _gone(_live(3, group))] == []
        assert list(tmp.iterdir()) == [] and not target.exists()
    finally:
        proc.kill()
        proc.wait()
        _kill_ours([pid for group in groups for pid in _live(3, group)], tmp)


def _writing(tmp: Path) -> bool:
    """The stand-in browser's child is writing into the profile."""
    return any(tmp.glob("*/profile/Default/busy"))


@needs_proc
@pytest.mark.parametrize("signame", SIGNALS)
def test_an_interrupted_print_stops_every_browser_process_and_removes_its_folder(
    fake_browser: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signame: str
) -> None:
    monkeypatch.setenv("FAKE_MODE", "hang")
    _interrupted(tmp_path, _writing, signame)


@needs_proc
@pytest.mark.parametrize(("first", "second"), [("SIGTERM", "SIGINT"), ("SIGINT", "SIGINT")])
def test_a_second_signal_while_cleaning_up_does_not_stop_the_cleanup(
    fake_browser: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    # the stand-in notes SIGTERM in FAKE_MARK and carries on, so the cleanup is still waiting for it
    # when the second signal arrives; the exit code is the first signal's
    monkeypatch.setenv("FAKE_MODE", "stubborn")
    _interrupted(tmp_path, _writing, first, second)


@needs_proc
@pytest.mark.skipif(find_browser() is None, reason="no Chromium or Chrome on this machine")
@pytest.mark.parametrize("moment", ["started", "profile"])
@pytest.mark.parametrize("signame", SIGNALS)
def test_an_interrupted_chromium_print_leaves_no_process_and_no_profile(signame: str, moment: str) -> None:
    # the old code stopped only Chromium's main process: its children went on writing the profile,
    # which was left in TMPDIR with Chromium's own folder, and removing it failed with a traceback
    # about one run in seven. Interrupted as soon as Chromium runs, and once it writes its profile.
    # A short TMPDIR, not pytest's tmp_path: Chromium cannot start where TMPDIR is longer than about
    # 60 characters (a socket's path in it grows too long)
    import tempfile

    def started(tmp: Path) -> bool:
        return moment == "started" or any(tmp.glob("*/profile/Default"))

    with tempfile.TemporaryDirectory(prefix="mcstrat-sig-") as folder:
        _interrupted(Path(folder), started, signame)
