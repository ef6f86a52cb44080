"""Whole-process start-up benchmark of mcstrat against its dependency floor.

The floor is the same interpreter doing nothing but `import typer, rich.console, rich.table,
pydantic, yaml`: mcstrat cannot start faster than the libraries it is built on, and a command at
or below 1.0x of that floor pays for nothing it does not need.

Every command runs as `sys.executable -m mcstrat ...` (the floor as `sys.executable -c ...`), so
both sides pay the same interpreter start-up; `--script` times the installed `mcstrat` script
instead. Runs are interleaved (each round runs every command once) so that a burst of load on
the machine hits all commands alike; the median of the rounds is reported.

    python benchmarks/bench.py                 # 15 rounds after 3 warm-up rounds
    python benchmarks/bench.py --runs 31       # steadier figures

It also writes a generated decision of 20 models x 15 criteria x 30 stakeholders with one-decimal
importances (issue 12) to a temporary folder and times `--robustness`, `--stability` and `why-not`
on it against the plain run of the same input (targets: +0.5 s, +0.2 s and +0.5 s), and, for
information, a plain group ranking of 1,000 generated stakeholders on Table 2.

Prints progress on stderr and a Markdown table for the README on stdout. A command that fails
(for instance `--robustness` before it is implemented) is reported as skipped, not timed.
This is a measurement script, not a test: it never fails a build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = "examples/answers.yaml"
FLOOR_IMPORTS = "import typer, rich.console, rich.table, pydantic, yaml"
#: A cache of validated files of the benchmark's own, filled by the warm-up rounds.
CACHE_DIR = tempfile.mkdtemp(prefix="mcstrat-bench-cache-")
#: The robustness run may add at most this many seconds to the plain recommendation (issue 5).
ROBUSTNESS_BUDGET = 0.3
#: On the generated large decision (issue 12): seconds each analysis may add to its plain run.
LARGE_BUDGETS = {"--robustness": 0.5, "--stability": 0.2, "why-not": 0.5}
LARGE_DIR = Path(tempfile.mkdtemp(prefix="mcstrat-bench-large-"))
GROUP_DIR = Path(tempfile.mkdtemp(prefix="mcstrat-bench-group-"))


def large_decision(folder: Path, models: int = 20, criteria: int = 15, people: int = 30, seed: int = 12) -> list[str]:
    """Write a generated decision (MODELS x CRITERIA, PEOPLE answers files with one-decimal importances).

    Returns the arguments that rank it: `--models FILE recommend -a ... -a ...` (as a list). One
    criterion in five is a cost, one is a target criterion (each person picks a target level),
    and one cell in four is a range of two levels, as in Table 2.
    """
    import json
    import random

    rnd = random.Random(seed)
    scale = ["LOW", "MED", "HIGH"]
    crits = []
    for j in range(criteria):
        direction = "target" if j == 0 else ("cost" if j % 5 == 1 else "benefit")
        crits.append(
            {"id": f"c{j:02d}", "label": f"Criterion {j}", "meaning": "generated", "direction": direction,
             "scale": scale}
        )  # fmt: skip
    rows = []
    for m in range(models):
        ratings = {}
        for c in crits:
            lo = rnd.randrange(3)
            ratings[c["id"]] = f"{scale[lo]}/{scale[lo + 1]}" if lo < 2 and rnd.random() < 0.25 else scale[lo]
        rows.append(
            {"id": f"model-{m:02d}", "name": f"Model {m}", "description": "generated", "ratings": ratings,
             "strengths": "s", "weaknesses": "w"}
        )  # fmt: skip
    models_file = folder / "models.json"
    models_file.write_text(json.dumps({"version": 1, "criteria": crits, "models": rows}), encoding="utf-8")
    args = ["--models", str(models_file), "recommend"]
    for p in range(people):
        answers = {
            "version": 1,
            "name": f"Stakeholder {p}",
            "priorities": {c["id"]: round(rnd.randint(0, 50) / 10, 1) for c in crits},
            "targets": {crits[0]["id"]: rnd.choice(scale)},
        }
        path = folder / f"person-{p:02d}.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        args += ["-a", str(path)]
    return args


def big_group(folder: Path, people: int = 1000, seed: int = 10) -> list[str]:
    """Write PEOPLE answers files for Table 2 (whole-number importances, a target horizon each).

    Returns the arguments that rank them together: `recommend -a ... -a ...` (as a list).
    """
    import json
    import random

    rnd = random.Random(seed)
    criteria = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
    args = ["recommend"]
    for p in range(people):
        answers = {
            "version": 1,
            "name": f"Stakeholder {p}",
            "priorities": {c: rnd.randint(0, 5) for c in criteria},
            "target_horizon": rnd.choice(["H1", "H2", "H3"]),
        }
        path = folder / f"member-{p:04d}.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        args += ["-a", str(path)]
    return args


@dataclass
class Case:
    label: str
    argv: list[str]
    target: str  # shown in the table
    env: dict[str, str] = field(default_factory=dict)  # added to the child's environment
    times: list[float] = field(default_factory=list)
    skipped: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def build_cases(script: bool) -> tuple[Case, list[Case]]:
    if script:
        found = shutil.which("mcstrat", path=str(Path(sys.executable).parent)) or shutil.which("mcstrat")
        if found is None:
            sys.exit("bench.py: --script given but no `mcstrat` script was found next to this interpreter")
        base = [found]
    else:
        base = [sys.executable, "-m", "mcstrat"]
    floor = Case("dependency floor", [sys.executable, "-c", FLOOR_IMPORTS], "1.00x")
    recommend = ["recommend", "--answers", ANSWERS, "--format", "json"]
    cases = [
        Case("mcstrat --version", [*base, "--version"], "<= 1.0x"),
        Case("mcstrat --help", [*base, "--help"], "<= 1.0x"),
        Case("mcstrat models", [*base, "models"], "<= 1.0x"),
        Case("mcstrat models --format json", [*base, "models", "--format", "json"], "<= 1.0x"),
        Case(f"mcstrat recommend --answers {ANSWERS}", [*base, "recommend", "--answers", ANSWERS], "<= 1.0x"),
        Case(f"mcstrat {' '.join(recommend)}", [*base, *recommend], "<= 1.0x"),
        Case(
            f"mcstrat {' '.join(recommend)} --robustness --samples 10000",
            [*base, *recommend, "--robustness", "--samples", "10000"],
            f"+{ROBUSTNESS_BUDGET} s over plain",
        ),
        Case(
            f"mcstrat {' '.join(recommend)} --stability",
            [*base, *recommend, "--stability"],
            "info",
        ),
        Case(
            "mcstrat why-not mooc --answers examples/answers.yaml --format json",
            [*base, "why-not", "mooc", "--answers", ANSWERS, "--format", "json"],
            "info",
        ),
        # For information: the first run on a file's content, which parses and validates it with
        # pydantic (later runs reuse the validated result; see src/mcstrat/files/cache.py).
        Case(
            f"MCSTRAT_NO_CACHE=1 mcstrat {' '.join(recommend)}",
            [*base, *recommend],
            "info: first run on a file",
            env={"MCSTRAT_NO_CACHE": "1"},
        ),
    ]
    large = large_decision(LARGE_DIR)
    plain_large = [*base, *large, "--format", "json"]
    why_not = [*base, large[0], large[1], "why-not", "model-00", *large[3:], "--format", "json"]
    cases += [
        Case("large: recommend (20 models x 15 criteria x 30 stakeholders)", plain_large, "plain run"),
        Case(
            "large: recommend --robustness --samples 10000",
            [*plain_large, "--robustness", "--samples", "10000"],
            f"+{LARGE_BUDGETS['--robustness']} s over plain",
        ),
        Case(
            "large: recommend --stability",
            [*plain_large, "--stability"],
            f"+{LARGE_BUDGETS['--stability']} s over plain",
        ),
        Case("large: why-not model-00", why_not, f"+{LARGE_BUDGETS['why-not']} s over plain"),
        # For information (issues 10 and 12): a plain group ranking of 1,000 stakeholders on Table 2
        Case(
            "group of 1,000 stakeholders on Table 2: recommend --format json",
            [*base, *big_group(GROUP_DIR), "--format", "json"],
            "info",
        ),
    ]
    return floor, cases


def child_env() -> dict[str, str]:
    env = {**os.environ, "CI": "true", "COLUMNS": "80", "MCSTRAT_CACHE_DIR": CACHE_DIR}
    env.pop("MCSTRAT_DEBUG", None)
    # An installed package runs from .pyc files (pip compiles them, and so does a first run); with
    # PYTHONDONTWRITEBYTECODE every run would recompile mcstrat's sources but not its dependencies',
    # which measures the compiler rather than start-up. The warm-up rounds write the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(argv: list[str], extra: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    env = {**child_env(), **extra}
    start = time.perf_counter()
    proc = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    return time.perf_counter() - start, proc


def measure(floor: Case, cases: list[Case], runs: int, warmup: int) -> None:
    everything = [floor, *cases]
    print(f"{warmup} warm-up and {runs} timed rounds of {len(everything)} commands...", file=sys.stderr)
    for round_no in range(warmup + runs):
        timing = round_no >= warmup
        for case in everything:
            if case.skipped:
                continue
            seconds, proc = run_once(case.argv, case.env)
            if proc.returncode != 0:
                lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                case.skipped = f"exit {proc.returncode}: {lines[-1] if lines else 'no message'}"
                print(f"skipping {case.label}: {case.skipped}", file=sys.stderr)
                continue
            if timing:
                case.times.append(seconds)


def table(floor: Case, cases: list[Case], runs: int, how: str) -> str:
    if floor.skipped:
        return f"The dependency floor could not run ({floor.skipped}); nothing to compare against."
    rows = [
        "| Command | Median (s) | Ratio to floor | Target | Result |",
        "|---|---:|---:|---|---|",
        f"| `{FLOOR_IMPORTS}` (floor) | {floor.median:.3f} | 1.00 | | |",
    ]
    plain = next((c for c in cases if c.label.endswith("--format json") and "recommend" in c.label), None)
    notes: list[str] = []
    for case in cases:
        if case.skipped:
            rows.append(f"| `{case.label}` | – | – | {case.target} | skipped ({case.skipped}) |")
            continue
        ratio = case.median / floor.median
        if case.label.startswith("large: ") and case.target != "plain run":
            base_case = next(c for c in cases if c.target == "plain run")
            budget = next(v for k, v in LARGE_BUDGETS.items() if k in case.label)
            if base_case.skipped:
                verdict = "n/a (plain run missing)"
            else:
                added = case.median - base_case.median
                verdict = f"{'pass' if added <= budget else 'FAIL'} (+{added:.3f} s)"
                notes.append(f"{case.label[7:]} adds {added:.3f} s to the large plain run (target <= {budget} s).")
        elif case.target in ("plain run", "info"):
            verdict = "(not judged)"
        elif "--robustness" in case.label:
            if plain is None or plain.skipped:
                verdict = "n/a (plain run missing)"
            else:
                added = case.median - plain.median
                verdict = f"{'pass' if added < ROBUSTNESS_BUDGET else 'FAIL'} (+{added:.3f} s)"
                notes.append(
                    f"Robustness (10,000 samples) adds {added:.3f} s to the plain recommendation "
                    f"(target < {ROBUSTNESS_BUDGET} s)."
                )
        elif case.target.startswith("info"):
            verdict = "(not judged)"
        else:
            verdict = "pass" if ratio <= 1.0 else "FAIL"
        rows.append(f"| `{case.label}` | {case.median:.3f} | {ratio:.2f} | {case.target} | {verdict} |")
    info = (
        f"Median of {runs} interleaved runs after warm-up; whole-process wall time of {how}, "
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs."
    )
    return "\n".join([*rows, "", info, *notes])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", "-n", type=int, default=15, help="timed rounds (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default 3)")
    parser.add_argument(
        "--script", action="store_true", help="time the installed `mcstrat` script, not `python -m mcstrat`"
    )
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    floor, cases = build_cases(args.script)
    measure(floor, cases, args.runs, args.warmup)
    how = "the `mcstrat` script" if args.script else f"`{Path(sys.executable).name} -m mcstrat`"
    print(table(floor, cases, args.runs, how))


if __name__ == "__main__":
    main()
