"""Probes where file permissions matter, run by a process that permissions stop.

Root reads, writes and searches anything, so a test of "permission denied" run as root proves
nothing, and CI runs as root. `prefix()` is what goes before a probe's command line:

- for an ordinary user, nothing: permissions already apply;
- for root, `setpriv` keeping uid 0 but dropping, from the bounding set, the capabilities that let
  root ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER). To the kernel's
  permission checks the probe is then an ordinary user who owns the test's files: a folder it
  made mode 000 cannot be searched, a 0400 file cannot be written. (Switching to `nobody` would
  not do: the interpreter and the test's scratch folders live under /root and /tmp/pytest-of-root,
  which only root may enter.)

`prefix()` is None where neither works (no `setpriv`, or a kernel or container that refuses it):
the caller skips with `REASON`.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys

REASON = "no way here to run a probe that file permissions stop (root without setpriv)"
#: The capabilities that let root ignore file permissions.
BYPASS = ("dac_override", "dac_read_search", "fowner")
#: A probe that exits 0 only if it is stopped from opening a file of mode 000 that it made.
CHECK = """
import os, sys, tempfile
fd, path = tempfile.mkstemp()
os.close(fd)
os.chmod(path, 0)
try:
    open(path).close()
except PermissionError:
    sys.exit(0)
finally:
    os.unlink(path)
sys.exit(1)
"""


@functools.cache
def prefix() -> tuple[str, ...] | None:
    """The command-line prefix that runs a probe without the power to ignore permissions; None if none works."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    found = (setpriv, "--bounding-set=" + ",".join(f"-{cap}" for cap in BYPASS), "--")
    # it works only if the probe really is stopped: a file of mode 000 must not open
    check = CHECK
    try:
        done = subprocess.run([*found, sys.executable, "-c", check], capture_output=True, timeout=30)
    except OSError:
        return None
    return found if done.returncode == 0 else None


__all__ = ["BYPASS", "REASON", "prefix"]
