"""Decision locks: reading one (untrusted JSON, checked in full), writing one (stable bytes, atomically), its schema.

A lock (`mcstrat recommend ... --lock decision.lock.json`, issue 22; its JSON Schema: `mcstrat schema lock`,
files/schemas.py) is small, stable JSON, version 1:

- ``lock``: 1; ``mcstrat``: the version that wrote it (importlib.metadata);
- ``inputs``: every file the decision read (the group file, each answers file, a custom models file),
  each as ``file`` (its path relative to the lock's folder, with ``/``), ``kind`` (answers, group or
  models), ``sha256`` (of its exact bytes, as the readers record it) and, for an answers file, its
  ``statement``: the priorities it states, as read (keys left out where the file leaves them out),
  so that `check` can say what an edit changed ("roi 5 → 2") when the old file is gone;
- ``request``: the flags that shaped the decision, one key per field of mcstrat.decide.Request
  (paths relative to the lock's folder), so `check` rebuilds the same request;
- ``winner``: the ids ranked first (several when tied); ``ranking``: every ranked model with its
  ``rank``, ``id``, ``name``, exact ``score`` (out of 100, as a fraction in lowest terms: "1237/20",
  or a whole number "62": exact, so a lock never rounds two different scores together) and ``tied``;
  ``excluded``: the ids the priorities leave out;
- ``firmness``, only when robustness ran: ``weight_space``, ``samples``, ``seed``, ``chance_first``
  (the winner's chance of first place, its identical models counted with it, as recommend's JSON
  gives it), ``chances`` (each ranked model's) and ``errors`` (the 95% half-width of each), rounded
  to 6 decimals, and the verdict (``verdict``, ``lead`` and ``flip`` exact as fractions, ``hinges``)
  when this mcstrat judges one.

The same decision gives the same bytes: keys in a fixed order, two-space indent, fractions as text,
chances rounded to 6 decimals, a final newline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mcstrat import sanitize
from mcstrat.errors import FileProblem
from mcstrat.files.reading import load_structured

#: What the lock's readers and messages call it.
WHAT = "lock file"
#: The one version of the format this mcstrat reads and writes.
VERSION = 1
#: Exact numbers in a lock: an integer or a fraction in lowest terms, as Python's Fraction prints them.
FRACTION = r"^-?[0-9]+(/[0-9]+)?$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class LockInput(_Strict):
    """A file the decision read."""

    model_config = ConfigDict(title="Input")
    file: str = Field(min_length=1, max_length=4096, description="Path relative to the lock's folder, with /")
    kind: Literal["answers", "group", "models"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's exact bytes")
    statement: dict[str, Any] | None = Field(
        None, description="An answers file's priorities as read, to say what an edit changed"
    )


class LockRanked(_Strict):
    """A ranked model."""

    model_config = ConfigDict(title="Ranked model")
    rank: int = Field(ge=1)
    id: str = Field(min_length=1, max_length=200)
    name: str = Field(max_length=1000)
    score: str = Field(pattern=FRACTION, max_length=100, description="Exact score out of 100, e.g. 1237/20")
    tied: bool


class LockFirmness(_Strict):
    """How firm the ranking was, when robustness ran."""

    model_config = ConfigDict(title="Firmness")
    weight_space: str = Field(max_length=40)
    samples: int = Field(ge=1)
    seed: int = Field(ge=0)
    chance_first: float = Field(ge=0, le=1, description="The winner's chance of first place")
    chances: dict[str, float] = Field(description="Each ranked model's chance of first place")
    errors: dict[str, float] = Field(description="The 95% half-width of each of chances")
    verdict: Literal["firm", "fairly firm", "fragile", "tied"] | None = None
    lead: str | None = Field(None, pattern=FRACTION, max_length=100, description="Points ahead of the runner-up")
    flip: str | None = Field(None, pattern=FRACTION, max_length=100, description="Share of weight to move")
    hinges: int | None = Field(None, ge=0, description="Single cells of the table that change the winner")


class LockSpec(_Strict):
    """A decision lock, version 1 (mcstrat.files.lock's docstring describes every key)."""

    model_config = ConfigDict(title="mcstrat decision lock")
    lock: Literal[1] = Field(description="Format version; always 1")
    mcstrat: str = Field(max_length=100, description="The mcstrat version that wrote the lock")
    inputs: list[LockInput] = Field(max_length=1000)
    request: dict[str, Any] = Field(description="The fields of mcstrat.decide.Request that shaped the decision")
    winner: list[str] = Field(min_length=1, max_length=1000)
    ranking: list[LockRanked] = Field(min_length=1, max_length=1000)
    excluded: list[str] = Field(max_length=1000)
    firmness: LockFirmness | None = None


def read_lock(path: Path) -> dict[str, Any]:
    """The lock at PATH as plain data, checked in full: FileProblem naming the file, line and key of each problem."""
    from mcstrat.files.specs import validation_problems

    data, lines = load_structured(path, WHAT)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FileProblem(str(path), [f"is {kind}, not a decision lock; write one with `recommend --lock`"], WHAT)
    try:
        spec = LockSpec.model_validate(data)
    except ValidationError as exc:
        raise FileProblem(str(path), validation_problems(exc, lines), WHAT) from None
    return spec.model_dump(exclude_none=True)


def dump_lock(data: dict[str, Any]) -> str:
    """DATA as the lock's bytes: keys in the order given, two-space indent, unsafe characters escaped."""
    LockSpec.model_validate(data)  # what is written always reads back
    return sanitize.json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def write_lock(path: Path, data: dict[str, Any]) -> None:
    """Replace the lock at PATH with DATA, atomically (`check --update`)."""
    from mcstrat.files.writing import write_atomic

    write_atomic(path, dump_lock(data), force=True)


#: Folders `find_locks` never enters besides hidden ones: environments and dependencies, not decisions.
_SKIPPED = frozenset({"node_modules", "venv", "site-packages", "__pycache__"})


def find_locks(folder: Path) -> list[Path]:
    """Every decision lock (*.lock.json) under FOLDER, sorted; hidden folders (.git, .venv) and environments skipped."""
    import os

    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED)
        found += [Path(top) / name for name in files if name.endswith(".lock.json")]
    return sorted(found, key=lambda p: p.as_posix())


__all__ = ["VERSION", "WHAT", "LockSpec", "dump_lock", "find_locks", "read_lock", "write_lock"]
