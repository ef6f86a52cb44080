"""Where a key sits in the file it was read from: the line numbers that error messages name."""

from __future__ import annotations

from typing import Any

from mcstrat.sanitize import clip, terminal

#: Key paths map to the 1-based line where the file gave them, for error messages.
Lines = dict[tuple[Any, ...], int]


def key_path(path: tuple[Any, ...]) -> str:
    """'priorities.risk' for a key path; each key (user text) cut to a sane length and made safe to show."""
    return ".".join(terminal(clip(str(p))) for p in path)


def locate(path: tuple[Any, ...], lines: Lines) -> str:
    """'line 7: priorities.risk: ' for a key path, using the nearest line YAML reported."""
    line = None
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            break
    where = key_path(path)
    return (f"line {line}: " if line is not None and path else "") + (f"{where}: " if where else "")
