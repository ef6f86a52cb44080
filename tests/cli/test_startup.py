"""Start-up hygiene: each command imports only what it needs, and a closed pipe ends quietly.

Each check runs the command's real code path (mcstrat.cli.main) in a fresh interpreter and then
lists sys.modules, so an import added anywhere on that path (CLI, core, renderers) shows up.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
ANSWERS = str(ROOT / "examples" / "answers.yaml")

PROBE = r"""
import contextlib, io, json, os, sys
os.environ.update(json.loads(sys.argv[2]))
from mcstrat.cli import main
sys.argv = ["mcstrat", *json.loads(sys.argv[1])]
out = io.StringIO()
code = 0
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
watched = ("rich", "pydantic", "yaml", "mcstrat", "matplotlib", "playwright", "hashlib", "hmac", "_hashlib")
modules = sorted(m for m in sys.modules if m.split(".")[0] in watched)
print(json.dumps({"code": code, "output": out.getvalue(), "modules": modules}))
"""


def imported_by(args: list[str], env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The watched modules loaded by running `mcstrat ARGS`, and what it printed."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(env or {})],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CI": "true", "COLUMNS": "80"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["code"] == 0, f"mcstrat {' '.join(args)} failed (exit {found['code']}):\n{proc.stderr}"
    assert found["output"].strip(), f"mcstrat {' '.join(args)} printed nothing; the probe did not run the command"
    return set(found["modules"]), found["output"]


def loaded(modules: set[str], name: str) -> list[str]:
    return sorted(m for m in modules if m == name or m.startswith(name + "."))


RICH_AND_TABLES = ("rich", "mcstrat.report.writers.terminal")
#: What only a decision needs: listing the catalogue loads none of it.
DECISION = ("mcstrat.analyses",)

CASES = [
    pytest.param(
        ["models", "--format", "json"], (*RICH_AND_TABLES, *DECISION, "mcstrat.report.document"), id="models-json"
    ),
    pytest.param(["models", "--format", "csv"], (*RICH_AND_TABLES, *DECISION), id="models-csv"),
    pytest.param(["models"], DECISION, id="models-table"),
    pytest.param(["show", "mooc", "--format", "json"], (*RICH_AND_TABLES, *DECISION), id="show-json"),
    pytest.param(
        ["recommend", "--answers", ANSWERS, "--format", "json"],
        (*RICH_AND_TABLES, "mcstrat.analyses.robustness"),
        id="recommend-json",
    ),
    pytest.param(
        ["recommend", "--answers", ANSWERS, "--format", "csv"],
        (*RICH_AND_TABLES, "mcstrat.analyses.robustness"),
        id="recommend-csv",
    ),
    pytest.param(["recommend", "--answers", ANSWERS], ("mcstrat.analyses.robustness",), id="recommend-table"),
    pytest.param(
        ["--version"], ("rich", "pydantic", "yaml", "mcstrat.analyses.robustness", "mcstrat.core.catalog"), id="version"
    ),
    pytest.param(
        ["--help"], ("rich", "pydantic", "yaml", "mcstrat.analyses.robustness", "mcstrat.core.catalog"), id="help"
    ),
]


@pytest.mark.parametrize(("args", "forbidden"), CASES)
def test_command_imports_only_what_it_needs(args: list[str], forbidden: tuple[str, ...]) -> None:
    modules, _ = imported_by(args)
    offenders = {name: loaded(modules, name) for name in forbidden if loaded(modules, name)}
    assert not offenders, f"mcstrat {' '.join(args)} imported what it does not need: {offenders}"


PLOTTING = (
    "matplotlib",
    "playwright",
    "mcstrat.report.writers.charts",
    "mcstrat.report.writers.html",
    "mcstrat.report.writers.pdf",
)


@pytest.mark.parametrize(
    "args",
    [
        ["models"],
        ["show", "mooc"],
        ["recommend", "--answers", ANSWERS, "--robustness", "--samples", "200", "--stability", "--explain"],
        ["recommend", "--answers", ANSWERS, "--format", "markdown"],
        ["compare", "sole", "mooc", "--answers", ANSWERS],
        ["why-not", "mooc", "--answers", ANSWERS],
        ["init", "-"],
        ["schema", "answers"],
    ],
    ids=lambda a: a[0] + ("-" + a[-1].lstrip("-") if a[0] == "recommend" else ""),
)
def test_no_command_but_a_record_loads_plotting_or_browser_code(args: list[str]) -> None:
    modules, _ = imported_by(args)
    offenders = {name: loaded(modules, name) for name in PLOTTING if loaded(modules, name)}
    assert not offenders, f"mcstrat {' '.join(args)} imported {offenders}"


def test_a_markdown_record_draws_no_charts(tmp_path: Path) -> None:
    modules, _ = imported_by(
        ["recommend", "--answers", ANSWERS, "--samples", "200", "--report", str(tmp_path / "r.md")]
    )
    assert (tmp_path / "r.md").exists()
    assert not loaded(modules, "matplotlib") and not loaded(modules, "mcstrat.report.writers.charts")


def test_plain_ranking_needs_neither_the_lp_code_nor_openssl(tmp_path: Path) -> None:
    """Dominance is reported by every ranking without the LP modules; cache keys and MACs need no OpenSSL."""
    env = {"MCSTRAT_CACHE_DIR": str(tmp_path)}
    imported_by(["recommend", "--answers", ANSWERS], env)  # fills the cache of validated files
    for fmt in ("table", "json"):
        modules, _ = imported_by(["recommend", "--answers", ANSWERS, "--format", fmt], env)
        for name in (
            "mcstrat.analyses.potential",
            "mcstrat.analyses.lp",
            "mcstrat.analyses.aggregate",
            "hashlib",
            "hmac",
            "_hashlib",
            "pydantic",
        ):
            assert not loaded(modules, name), f"recommend --format {fmt} imported {loaded(modules, name)}"


def test_json_output_does_not_need_the_table_code_even_with_explain() -> None:
    modules, output = imported_by(["recommend", "--answers", ANSWERS, "--explain", "--format", "json"])
    assert json.loads(output)["ranking"]
    assert not loaded(modules, "rich") and not loaded(modules, "mcstrat.report.writers.terminal")


def test_tab_completion_does_not_load_the_catalogue() -> None:
    """Typer runs the program on every Tab press: completing a command name must stay light.

    (Typer itself imports pydantic while parsing options, so pydantic is not checked here.)
    """
    env = {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat mo", "COMP_CWORD": "1"}
    modules, output = imported_by([], env)
    assert output.split() == ["models"]
    for name in (
        "rich",
        "yaml",
        "mcstrat.core.catalog",
        "mcstrat.report.writers.terminal",
        "mcstrat.analyses.robustness",
        "mcstrat.analyses.ranking",
    ):
        assert not loaded(modules, name), f"completion imported {loaded(modules, name)}"


def test_completing_a_model_id_stays_light() -> None:
    """Completing `show mo` reads the catalogue from the cache: no rich, no pydantic, no YAML parser, no engine."""
    imported_by(["models", "--format", "json"])  # fills the cache of validated files
    env = {"_MCSTRAT_COMPLETE": "complete_bash", "COMP_WORDS": "mcstrat show mo", "COMP_CWORD": "2"}
    modules, output = imported_by([], env)
    assert output.split() == ["mooc-led"]
    for name in (
        "rich",
        "pydantic",
        "yaml",
        "mcstrat.report.writers.terminal",
        "mcstrat.analyses.ranking",
        "mcstrat.analyses.robustness",
    ):
        assert not loaded(modules, name), f"completion imported {loaded(modules, name)}"


# -- a closed stdout ---------------------------------------------------------------------------


def _mcstrat() -> str:
    script = Path(sys.executable).with_name("mcstrat")
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m mcstrat"


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
@pytest.mark.parametrize(
    ("command", "reader"),
    [
        pytest.param("models", "head -1", id="models|head -1"),
        pytest.param("models --format json", "head -1", id="models-json|head -1"),
        pytest.param(f"recommend --answers {shlex.quote(ANSWERS)} --explain", "head -1", id="recommend|head -1"),
        # `true` exits before mcstrat has written anything, so every write meets a closed pipe
        pytest.param("models", "true", id="models|true"),
        pytest.param(
            f"recommend --answers {shlex.quote(ANSWERS)} --format json",
            "true",
            id="recommend-json|true",
        ),
    ],
)
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
def test_closed_pipe_ends_quietly(command: str, reader: str, unbuffered: bool) -> None:
    # stdout's writes are counted to the last byte (cli/output.py): a closed pipe is still no error
    script = f"set -o pipefail; {_mcstrat()} {command} | {reader}"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.run(
        ["bash", "-c", script],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "CI": "true", "COLUMNS": "80", **({"PYTHONUNBUFFERED": "1"} if unbuffered else {})},
        timeout=60,
    )
    for noise in ("Traceback", "BrokenPipeError", "Exception ignored", "Error"):
        assert noise not in proc.stderr, f"`{script}` wrote {noise!r} on stderr:\n{proc.stderr}"
    assert proc.returncode == 0, f"`{script}` exited {proc.returncode} (141 = killed by SIGPIPE)\n{proc.stderr}"
    if reader.startswith("head"):
        assert proc.stdout.strip(), "head saw no output"


def _collector_probe(code: str) -> list[int]:
    """Run CODE in a fresh interpreter; the JSON list of collector readings it prints."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    readings: list[int] = json.loads(proc.stdout)
    return readings


def test_the_command_line_collects_rarely_and_skips_the_collections_at_exit() -> None:
    # startup.py: importing the command line raises the young-generation threshold; running it
    # (main) puts gc.freeze() among the exit handlers, so finalisation does not collect everything
    probe = (
        "import atexit, contextlib, gc, io, json, sys\n"
        "before = gc.get_freeze_count()\n"
        "import mcstrat.cli\n"
        "threshold = gc.get_threshold()[0]\n"
        "atexit._run_exitfuncs()\n"
        "imported = gc.get_freeze_count()\n"
        "sys.argv = ['mcstrat', '--version']\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    mcstrat.cli.main()\n"
        "atexit._run_exitfuncs()\n"
        "print(json.dumps([before, threshold, imported, gc.get_freeze_count()]))\n"
    )
    before, threshold, imported, ran = _collector_probe(probe)
    # not 0 on CPython 3.12, whose collector files immortal objects in the permanent generation
    assert threshold >= 50_000
    assert imported == before  # importing the CLI (a test runner, a host program) freezes nothing
    assert ran > before


def test_the_library_leaves_the_host_programs_collector_alone() -> None:
    probe = (
        "import atexit, gc, json\n"
        "threshold, frozen = gc.get_threshold()[0], gc.get_freeze_count()\n"
        "import mcstrat, mcstrat.analyses.ranking, mcstrat.core.catalog, mcstrat.core.priorities\n"
        "atexit._run_exitfuncs()\n"
        "print(json.dumps([threshold, gc.get_threshold()[0], frozen, gc.get_freeze_count()]))\n"
    )
    before, after, frozen_before, frozen_after = _collector_probe(probe)
    assert after == before
    assert frozen_after == frozen_before  # 0, but CPython 3.12's collector parks immortal objects there


WATCHED = {
    *(name for _, forbidden in (case.values for case in CASES) for name in forbidden),
    *PLOTTING,
    "mcstrat.analyses.potential",
    "mcstrat.analyses.lp",
    "mcstrat.analyses.aggregate",
    "mcstrat.analyses.ranking",
    "mcstrat.core.catalog",
    "mcstrat.core.priorities",
}


@pytest.mark.parametrize("name", sorted(WATCHED))
def test_every_module_these_checks_watch_exists(name: str) -> None:
    """A module renamed or moved would make the checks above pass without checking anything."""
    import importlib.util

    if name == "playwright":
        pytest.importorskip("playwright")
    assert importlib.util.find_spec(name) is not None, f"{name} is not a module: update the start-up checks"
