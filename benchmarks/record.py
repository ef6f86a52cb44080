"""How long writing a decision record takes: a four-person group, Markdown, HTML and PDF.

Targets: for the example (`--answers examples/answers.yaml`), HTML in at most 1.0 s and PDF in at
most 2.0 s (issue 21); an HTML record for a four-person group in at most 2 s (issue 13). Whole
process, the firmness and stability analyses included, as a record always computes them. Each format runs
as `sys.executable -m mcstrat recommend -a ... --report FILE` in a fresh process; rounds are
interleaved and the median is reported, with the process's CPU time beside it (wall time on a
busy machine includes waiting for a core). PDF is timed only when a Chromium/Chrome is found.

    python benchmarks/record.py            # 2 warm-up rounds, then 7 timed rounds
    python benchmarks/record.py --runs 15

Prints a Markdown table on stdout. A measurement script, not a test: it never fails a build.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0  # seconds, for the HTML record of the four-person group (issue 13)
#: Issue 21's targets for the example (`--answers examples/answers.yaml`), seconds by format.
EXAMPLE_BUDGETS = {"html": 1.0, "pdf": 2.0}
#: The convener's weights (a group file's; a member's own answers file cannot weigh itself).
WEIGHTS = {"Finance": 2}
TEAM = [
    {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": "high", "impact": 4}, "target_horizon": "H1"},
    {"version": 1, "name": "Finance", "priorities": {"cost": 5, "roi": 5}},
    {"version": 1, "name": "Faculty", "priorities": {"autonomy": 5, "impact": 5}, "target_horizon": "H2"},
    {"version": 1, "name": "Dean", "priorities": {"speed": 5, "effort": 4}, "target_horizon": "H2"},
]


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"record.py: {' '.join(argv[3:])} failed:\n{proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from mcstrat.report.writers.pdf import find_browser

    work = Path(tempfile.mkdtemp(prefix="mcstrat-record-bench-"))
    members = []
    for i, person in enumerate(TEAM):
        path = work / f"person{i}.yaml"
        path.write_text(yaml.safe_dump(person), encoding="utf-8")
        members.append({"answers": path.name, "weight": WEIGHTS.get(person["name"], 1)})
    group = work / "team.yaml"
    group.write_text(yaml.safe_dump({"version": 1, "name": "Team", "members": members}), encoding="utf-8")
    files = ["--group", str(group)]
    formats = ["md", "html"] + (["pdf"] if find_browser() else [])
    env = {**os.environ, "CI": "true", "SOURCE_DATE_EPOCH": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cases = {"example": ["--answers", "examples/answers.yaml"], "4 stakeholders": files}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {(c, f): [] for c in cases for f in formats}
    for round_ in range(args.warmup + args.runs):
        for case, given in cases.items():
            for fmt in formats:
                target = work / f"r.{fmt}"
                argv = [sys.executable, "-m", "mcstrat", "recommend", *given, "--report", str(target), "--force"]
                took = once(argv, env)
                if round_ >= args.warmup:
                    times[(case, fmt)].append(took)
        print(f"round {round_ + 1}/{args.warmup + args.runs}", file=sys.stderr)
    print("| record | median wall | median CPU | target |")
    print("| --- | ---: | ---: | --- |")
    for (case, fmt), took in times.items():
        wall = statistics.median(t[0] for t in took)
        cpu = statistics.median(t[1] for t in took)
        budget = EXAMPLE_BUDGETS.get(fmt) if case == "example" else (BUDGET if fmt == "html" else None)
        target = f"≤ {budget:g} s: {'met' if wall <= budget else 'MISSED'}" if budget is not None else ""
        print(f"| {case}: `--report r.{fmt}` | {wall:.2f} s | {cpu:.2f} s | {target} |")


if __name__ == "__main__":
    main()
