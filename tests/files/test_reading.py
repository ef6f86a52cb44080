"""Reading input files (files/reading.py): what the system refuses is a message, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcstrat.errors import FileProblem
from mcstrat.files.reading import read_bytes
from tests.conftest import EXAMPLE_ANSWERS, ROOT
from tests.unprivileged import REASON, prefix


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder holding an answers file and a models file, that nobody may search (mode 000)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(EXAMPLE_ANSWERS, folder / "answers.yaml")
    shutil.copy(ROOT / "data" / "models.yaml", folder / "models.yaml")
    folder.chmod(0)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["recommend", "--answers", "{locked}/answers.yaml"], "{locked}/answers.yaml"),
        (["recommend", "--answers", "{locked}/missing.yaml"], "{locked}/missing.yaml"),
        (["--models", "{locked}/models.yaml", "models"], "{locked}/models.yaml"),
        (["--models", "{locked}/models.yaml", "recommend", "--answers", str(EXAMPLE_ANSWERS)], "{locked}/models.yaml"),
        (["validate", "{locked}/answers.yaml"], "{locked}/answers.yaml"),
    ],
    ids=["answers", "answers-missing", "models", "models-recommend", "validate"],
)
def test_a_file_in_a_folder_nobody_may_search_is_bad_input(locked: Path, args: list[str], shown: str) -> None:
    run_as = prefix()
    if run_as is None:
        pytest.skip(REASON)
    command = [arg.format(locked=locked) for arg in args]
    proc = subprocess.run(
        [*run_as, sys.executable, "-m", "mcstrat", *command],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "CI": "true"},
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout == ""
    assert f"{shown.format(locked=locked)}: cannot be read (permission denied)" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2, proc.stderr  # validate: its header and the one problem


def test_a_folder_given_as_a_file_is_named_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="is a directory, not an answers file"):
        read_bytes(tmp_path, "answers file")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="no such answers file; check the path"):
        read_bytes(tmp_path / "nope.yaml", "answers file")
