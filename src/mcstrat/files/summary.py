"""GitHub's job summary: Markdown appended to the file GITHUB_STEP_SUMMARY names (`--format github`)."""

from __future__ import annotations

import os
from pathlib import Path

from mcstrat.errors import InputError

#: The variable GitHub Actions sets to the summary file of the step that runs.
VARIABLE = "GITHUB_STEP_SUMMARY"


def summary_path() -> Path | None:
    """The job summary's file, or None when GITHUB_STEP_SUMMARY is unset or empty (not in GitHub Actions)."""
    found = os.environ.get(VARIABLE, "")
    return Path(found) if found else None


def append_summary(path: Path, markdown: str) -> None:
    """MARKDOWN appended to the summary file PATH (GitHub gathers each step's; appending keeps the others').

    A summary that cannot be written is bad input (exit 2): the variable names a file this step cannot write.
    """
    from mcstrat.files.writing import os_reason

    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(markdown)
    except OSError as exc:
        raise InputError(
            f"{VARIABLE}={path}: cannot append the job summary ({os_reason(exc)}); unset it or point it at a "
            "writable file"
        ) from None


__all__ = ["VARIABLE", "append_summary", "summary_path"]
