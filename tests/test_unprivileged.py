"""The harness for permission probes (tests/unprivileged.py) really makes a process that permissions stop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unprivileged import REASON, prefix


def test_a_probe_is_stopped_by_a_folder_it_cannot_search_and_still_runs_mcstrat(tmp_path: Path) -> None:
    run_as = prefix()
    if run_as is None:
        pytest.skip(REASON)
    if os.geteuid() == 0 and sys.platform.startswith("linux"):
        assert run_as, "as root on Linux the probe must drop the capabilities that ignore permissions"
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        peek = subprocess.run([*run_as, "cat", str(locked / "inside.txt")], capture_output=True, timeout=30)
        assert peek.returncode != 0
        version = subprocess.run(
            [*run_as, sys.executable, "-m", "mcstrat", "--version"], capture_output=True, text=True, timeout=60
        )
        assert version.returncode == 0 and "mcstrat" in version.stdout
    finally:
        locked.chmod(0o700)
