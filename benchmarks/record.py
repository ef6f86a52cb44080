"""How long writing a decision record takes: a four-person group, Markdown, HTML and PDF.

Issue 13's target: an HTML record for a four-person group in at most 2 s (whole process, the
firmness and stability analyses included, as a record always computes them). Each format runs
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
BUDGET = 2.0  # seconds, for the HTML record
TEAM = [
    {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": "high", "impact": 4}, "target_horizon": "H1"},
    {"version": 1, "name": "Finance", "priorities": {"cost": 5, "roi": 5}, "stakeholder_weight": 2},
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
    files = []
    for i, person in enumerate(TEAM):
        path = work / f"person{i}.yaml"
        path.write_text(yaml.safe_dump(person), encoding="utf-8")
        files += ["-a", str(path)]
    formats = ["md", "html"] + (["pdf"] if find_browser() else [])
    env = {**os.environ, "CI": "true", "SOURCE_DATE_EPOCH": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[tuple[float, float]]] = {f: [] for f in formats}
    for round_ in range(args.warmup + args.runs):
        for fmt in formats:
            argv = [sys.executable, "-m", "mcstrat", "recommend", *files, "--report", str(work / f"r.{fmt}"), "--force"]
            took = once(argv, env)
            if round_ >= args.warmup:
                times[fmt].append(took)
        print(f"round {round_ + 1}/{args.warmup + args.runs}", file=sys.stderr)
    print("| record (4 stakeholders) | median wall | median CPU | target |")
    print("| --- | ---: | ---: | --- |")
    for fmt in formats:
        wall = statistics.median(t[0] for t in times[fmt])
        cpu = statistics.median(t[1] for t in times[fmt])
        target = f"≤ {BUDGET:g} s: {'met' if wall <= BUDGET else 'MISSED'}" if fmt == "html" else ""
        print(f"| `--report r.{fmt}` | {wall:.2f} s | {cpu:.2f} s | {target} |")


if __name__ == "__main__":
    main()
