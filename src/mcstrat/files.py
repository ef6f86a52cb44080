"""Reading YAML/JSON input files safely, and writing output files atomically."""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mcstrat.errors import FileProblem, InputError

#: Input files larger than this are refused before parsing (the shipped data file is ~9 KB).
MAX_BYTES = 256 * 1024

#: Key paths map to the 1-based line where YAML saw them, for error messages.
Lines = dict[tuple[Any, ...], int]


def read_text(path: Path, what: str) -> str:
    """Read a small UTF-8 text file, refusing directories, huge files, binary data and other encodings."""
    shown = str(path)
    try:
        if path.is_dir():
            raise FileProblem(shown, [f"is a directory, not a {what}; give the path of a file"], what)
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise FileProblem(shown, [f"no such {what}; check the path"], what) from None
    except PermissionError:
        raise FileProblem(shown, ["cannot be read (permission denied); check its permissions"], what) from None
    except OSError as exc:
        raise FileProblem(shown, [f"cannot be read ({exc.strerror or exc}); check the path"], what) from None
    if len(data) > MAX_BYTES:
        raise FileProblem(
            shown, [f"is larger than {MAX_BYTES // 1024} KiB, too large for a {what}; is this the right file?"], what
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(shown, ["is UTF-16 encoded; save it as UTF-8"], what)
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise FileProblem(shown, [f"contains binary data (a NUL byte at offset {offset}); is this the right file?"], what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            shown, [f"line {line}: is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"], what
        ) from None
    return text.removeprefix("\ufeff")


def load_structured(path: Path, what: str) -> tuple[Any, Lines]:
    """Parse a YAML or JSON file into plain data, with the line of every key path where known."""
    text = read_text(path, what)
    if path.suffix.lower() == ".json":
        return _load_json(text, str(path), what), {}
    return _load_yaml(text, str(path), what)


def _load_json(text: str, shown: str, what: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise FileProblem(shown, [f"duplicate key {key!r}; keep only one"], what)
            out[key] = value
        return out

    def no_constant(name: str) -> Any:
        raise FileProblem(shown, [f"{name} is not a number mcstrat accepts; use a finite number"], what)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise FileProblem(shown, [f"line {exc.lineno}: not valid JSON: {exc.msg}"], what) from None
    except RecursionError:
        raise FileProblem(shown, ["is nested too deeply to be a valid file"], what) from None
    _check_finite(data, (), {}, shown, what)
    return data


def _load_yaml(text: str, shown: str, what: str) -> tuple[Any, Lines]:
    import yaml

    class Loader(yaml.SafeLoader):
        """A SafeLoader that refuses aliases: they allow 'billion laughs' expansion and no mcstrat file needs them."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "YAML aliases (*name) are not allowed here; write the value out in full", event.start_mark
                )
            return super().compose_node(parent, index)

    loader = Loader(text)
    lines: Lines = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        data = _construct(loader, node, (), lines, shown, what)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FileProblem(shown, [f"{where}not valid YAML: {problem}"], what) from None
    except RecursionError:
        raise FileProblem(shown, ["is nested too deeply to be a valid file"], what) from None
    finally:
        loader.dispose()
    _check_finite(data, (), lines, shown, what)
    return data, lines


def _construct(loader: Any, node: Any, path: tuple[Any, ...], lines: Lines, shown: str, what: str) -> Any:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, (*path, "<key>"), {}, shown, what)
            if isinstance(key, (dict, list)):
                raise FileProblem(shown, [f"line {key_node.start_mark.line + 1}: a key must be a plain value"], what)
            if key in out:
                place = ".".join(str(p) for p in (*path, key))
                raise FileProblem(
                    shown, [f"line {key_node.start_mark.line + 1}: {place}: duplicate key; keep only one"], what
                )
            out[key] = _construct(loader, value_node, (*path, key), lines, shown, what)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, i), lines, shown, what) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _check_finite(data: Any, path: tuple[Any, ...], lines: Lines, shown: str, what: str) -> None:
    """Refuse .nan, .inf and numbers too large for a float: no importance or value can be one."""
    if isinstance(data, float) and not math.isfinite(data):
        raise FileProblem(shown, [locate(path, lines) + f"{data!r} is not a finite number; use a number such as 3"], what)
    if isinstance(data, dict):
        for key, value in data.items():
            _check_finite(value, (*path, key), lines, shown, what)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _check_finite(value, (*path, i), lines, shown, what)


def locate(path: tuple[Any, ...], lines: Lines) -> str:
    """'line 7: priorities.risk: ' for a key path, using the nearest line YAML reported."""
    line = None
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            break
    where = ".".join(str(p) for p in path)
    return (f"line {line}: " if line is not None and path else "") + (f"{where}: " if where else "")


@contextlib.contextmanager
def atomic_writer(path: Path, force: bool = False) -> Iterator[Any]:
    """Open a temporary file beside PATH and move it into place only if the block completes."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name to write")
    if path.exists() and not force:
        raise InputError(f"{path}: already exists; pass --force to replace it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: folder {parent} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror}); choose another place") from None
    try:
        # mkstemp creates 0600; give the file the permissions a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write TEXT to PATH atomically: a failure or Ctrl-C never leaves a partial file."""
    with atomic_writer(path, force=force) as fh:
        fh.write(text)
