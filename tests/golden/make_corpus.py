"""Write the golden corpus (tests/golden/*.json) from the mcstrat installed here; run from the repository root.

Run it once on the code whose outputs are the reference; tests/golden/test_golden.py checks that
every later version prints the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cases import CASES

HERE = Path(__file__).parent


def run(args: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "80", "CI": "true", "MCSTRAT_NO_CACHE": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, "-m", "mcstrat", *args, "--format", "json"]
        if args[0] not in ("schema",) and "--format" not in args
        else [sys.executable, "-m", "mcstrat", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr}")
    return done.stdout


if __name__ == "__main__":
    for name, args in CASES:
        (HERE / f"{name}.json").write_text(run(args), encoding="utf-8")
        print(name, file=sys.stderr)
