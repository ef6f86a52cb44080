"""Remembering validated input files, so later runs skip parsing and pydantic entirely.

Validating a file with pydantic costs more start-up time than the rest of a command (importing
pydantic's model machinery and building the schemas). A file's validated content depends only
on its text and on mcstrat's own code, so it is saved under a key made from both, in
`$MCSTRAT_CACHE_DIR`, else `$XDG_CACHE_HOME/mcstrat`, else `~/.cache/mcstrat`. Only files that
validated are saved, and what is saved is the validated data itself: an invalid file is
parsed and reported every time, and a changed file or a changed mcstrat misses the cache.
The cache is best effort: a folder that cannot be written, or an entry that cannot be read or
rebuilt, just means validating again. Set `MCSTRAT_NO_CACHE=1` to turn it off; deleting the
folder at any time is safe.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mcstrat.files import Lines, parse_structured, read_text, sha256_hex

T = TypeVar("T")
FORMAT = 1  # bump when what is stored changes shape


def folder() -> Path | None:
    """Where validated files are kept, or None when caching is off."""
    if os.environ.get("MCSTRAT_NO_CACHE"):
        return None
    if os.environ.get("MCSTRAT_CACHE_DIR"):
        return Path(os.environ["MCSTRAT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mcstrat"


@functools.cache
def _code_stamp() -> str:
    """Changes whenever any of mcstrat's modules does, so a new validator never trusts an old result."""
    here = Path(__file__).parent
    parts = []
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(here), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def _key(what: str, suffix: str, text: str) -> str:
    return sha256_hex(
        b"\0".join(part.encode("utf-8", "surrogatepass") for part in (str(FORMAT), what, suffix, _code_stamp(), text))
        + b"\0"
    )


def load_validated(
    path: Path,
    what: str,
    validate: Callable[[Any, Lines], Any],
    build: Callable[[Any], T],
) -> tuple[T, Lines]:
    """Read PATH and return BUILD(validated data) with its key-path lines.

    VALIDATE turns parsed data into plain, JSON-ready validated data (raising the file's
    errors); BUILD turns that into the objects the caller wants. A cache hit skips parsing and
    validation; a hit that BUILD cannot use is treated as a miss.
    """
    text = read_text(path, what)
    where = folder()
    key = _key(what, path.suffix.lower(), text)
    if where is not None:
        hit = _read(where / f"{key}.json")
        if hit is not None:
            try:
                return build(hit[0]), hit[1]
            except Exception:
                pass
    data, lines = parse_structured(text, path, what)
    plain = validate(data, lines)
    if where is not None:
        _write(where, f"{key}.json", plain, lines)
    return build(plain), lines


def _read(file: Path) -> tuple[Any, Lines] | None:
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        return stored["data"], {tuple(path): line for path, line in stored["lines"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(where: Path, name: str, plain: Any, lines: Lines) -> None:
    tmp = where / f".{name}.{os.getpid()}.tmp"
    try:
        text = json.dumps({"data": plain, "lines": [[list(p), n] for p, n in lines.items()]}, ensure_ascii=False)
        where.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, where / name)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()
