"""Reading YAML/JSON input files safely, and writing output files atomically.

Every input file is untrusted: it may be huge, binary, in another encoding, a named pipe or a
device, an alias bomb or nested thousands of levels deep. Each of these is refused quickly, with
a message naming the file, the line and the fix, before any of it reaches pydantic.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

from mcstrat.core.lines import Lines, key_path, locate
from mcstrat.errors import FileProblem
from mcstrat.sanitize import quoted

#: Input files larger than this are refused before parsing (the shipped data file is ~9 KB).
MAX_BYTES = 256 * 1024
#: No mcstrat file nests more than a few levels; deeper input is refused rather than recursed into.
MAX_DEPTH = 32
#: No mapping or list in an mcstrat file needs more entries (at most 200 models, 50 criteria).
MAX_ITEMS = 1000
#: Integers wider than this are refused like 1e400: no importance, value or version can be one.
MAX_INT_BITS = 1024


_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML_TAG + name for name in ("str", "int", "float", "bool", "null")}
_STR, _INT, _MERGE = _YAML_TAG + "str", _YAML_TAG + "int", _YAML_TAG + "merge"
_KINDS = {"int": "integer", "float": "number", "bool": "true/false value", "timestamp": "date", "null": "null"}
# Characters YAML forbids in a stream (the complement of yaml.reader.Reader.NON_PRINTABLE within
# what UTF-8 text can hold), found here so the message can give their line; a small positive class
# compiles in microseconds where the negated one costs milliseconds of start-up.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
KIND_OF_FILE = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of DATA in hex, without loading OpenSSL when CPython's own SHA-256 is there.

    `import hashlib` loads OpenSSL's bindings (about 2 ms, paid by every command through the
    cache key); the digest is the same either way.
    """
    return str(_sha256()(data).hexdigest())


@functools.cache
def _sha256() -> Any:
    """CPython's own SHA-256 constructor, found once (a failed import searches the whole sys.path)."""
    if sys.version_info >= (3, 12):
        with contextlib.suppress(ImportError):
            from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython 3.12+

            return sha256
    else:
        with contextlib.suppress(ImportError):
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # CPython <= 3.11

            return sha256
    from hashlib import sha256  # type: ignore[assignment,unused-ignore]

    return sha256


def read_text(path: Path, what: str) -> str:
    """Read a small UTF-8 text file, refusing directories, huge files, binary data and other encodings.

    Only regular files are read: a named pipe or a device (/dev/zero, a FIFO nobody writes to)
    could block or never end, so it is refused without reading, as is a file over MAX_BYTES.
    """
    return read_input(path, what)[0]


def read_input(path: Path, what: str, limit: int = MAX_BYTES) -> tuple[str, str]:
    """read_text's text of PATH and the SHA-256 of the exact bytes it was decoded from (read once)."""
    data = read_bytes(path, what, limit)
    return _decode(data, lambda problem: FileProblem(str(path), [problem], what)), sha256_hex(data)


def read_bytes(path: Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most LIMIT bytes, opened without blocking; FileProblem otherwise."""
    shown = str(path)

    def refuse(problem: str) -> FileProblem:
        return FileProblem(shown, [problem], what)

    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise refuse(f"no such {what}; check the path") from None
    except IsADirectoryError:
        raise refuse(f"is a directory, not {_a(what)}; give the path of a file") from None
    except PermissionError:
        # Windows refuses to open a directory with "permission denied". os.path.isdir, not
        # Path.is_dir: in a folder nobody may search, is_dir raises PermissionError again.
        if os.path.isdir(path):
            raise refuse(f"is a directory, not {_a(what)}; give the path of a file") from None
        raise refuse("cannot be read (permission denied); check its permissions and its folder's") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise refuse(f"cannot be read ({reason}); check the path") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse(f"is a directory, not {_a(what)}; give the path of a file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in KIND_OF_FILE if test(info.st_mode)), "not a regular file")
            raise refuse(f"is {kind}, not a regular file; save the {what} to a file and give its path")
        if info.st_size > limit:
            raise refuse(_too_large(what, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror or exc}); check the path") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew, or its size was not reported (/proc)
        raise refuse(_too_large(what, limit))
    return data


def _a(what: str) -> str:
    return ("an " if what[:1] in "aeiou" else "a ") + what


def _too_large(what: str, limit: int = MAX_BYTES) -> str:
    return f"is larger than {limit // 1024} KiB, too large for {_a(what)}; is this the right file?"


def _decode(data: bytes, refuse: Any) -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise refuse("is UTF-32 encoded; save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse("is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        head = data[:64]
        odd, even = head[1::2], head[0::2]
        # mostly-ASCII UTF-16 has a NUL in every other byte and none in between
        if len(head) >= 8 and any(a.count(0) >= 0.75 * len(a) and 0 not in b for a, b in ((odd, even), (even, odd))):
            raise refuse("looks UTF-16 encoded (NUL bytes between the letters); save it as UTF-8")
        raise refuse(f"contains binary data (a NUL byte at offset {offset}); is this the right file?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refuse(
            f"line {line}: is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def load_structured(path: Path, what: str) -> tuple[Any, Lines]:
    """Parse a YAML or JSON file into plain data, with the line of every key path where known."""
    return parse_structured(read_text(path, what), path, what)


def parse_structured(text: str, path: Path, what: str) -> tuple[Any, Lines]:
    """Parse the TEXT of PATH (JSON for a .json file, else YAML) into plain data and key-path lines.

    mcstrat's own limits come first: nesting is measured before any parser sees the text, so a
    too-deep file gets mcstrat's message whatever the parser's own limits are (libyaml's and
    Python's recursion limits differ between releases).
    """
    deep = _flow_too_deep(text)
    if deep is not None:
        raise FileProblem(str(path), [_too_deep(deep)], what)
    if path.suffix.lower() == ".json":
        return _load_json(text, str(path), what)
    return _load_yaml(text, str(path), what)


_FLOW_MARKS = re.compile(r"""[\[\]{}'"#\n]""")
_TOKEN_START = " \t\n\r[{,:-?"


def _flow_too_deep(text: str) -> int | None:
    """The line where flow brackets ([ and {) first nest deeper than MAX_DEPTH, or None.

    A light scan, not a parser: it skips comments and quoted scalars and counts an opening
    bracket only where a YAML/JSON value can start, so text such as `see [1]` or `a[b` in a
    description never counts. Block nesting is limited while the events are read (_load_yaml);
    only flow brackets can make a parser look thousands of levels ahead before that check runs.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    pos = 0
    while True:
        found = _FLOW_MARKS.search(text, pos)
        if found is None:
            return None
        mark, at = found.group(), found.start()
        before = text[at - 1] if at else "\n"
        pos = at + 1
        if mark == "\n":
            continue
        if mark == "#":
            if before in " \t\n\r":
                end = text.find("\n", at)
                if end < 0:
                    return None
                pos = end
            continue
        if mark in "'\"":
            if before in _TOKEN_START:
                end = _quote_end(text, at)
                if end < 0:
                    return None  # an unclosed quote: the parser reports it
                pos = end + 1
            continue
        if mark in "[{":
            if depth or before in " \t\n\r":
                depth += 1
                if depth > MAX_DEPTH:
                    return text.count("\n", 0, at) + 1
        elif depth:
            depth -= 1


def _quote_end(text: str, start: int) -> int:
    """The index of the quote closing the quoted scalar opened at START, or -1."""
    quote = text[start]
    pos = start + 1
    while True:
        end = text.find(quote, pos)
        if end < 0:
            return -1
        if quote == "'":
            if text.startswith("''", end):  # '' is an escaped quote inside single quotes
                pos = end + 2
                continue
            return end
        backslashes = len(text[pos:end]) - len(text[pos:end].rstrip("\\"))
        if backslashes % 2 == 0:
            return end
        pos = end + 1


# -- JSON ----------------------------------------------------------------------------------


def _load_json(text: str, shown: str, what: str) -> tuple[Any, Lines]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _JsonDuplicate(key)
            out[key] = value
        return out

    def no_constant(name: str) -> Any:
        raise FileProblem(shown, [f"{name} is not a number mcstrat accepts; use a finite number"], what)

    def bounded_int(digits: str) -> int:
        if len(digits) > 400:  # int() refuses > 4300 digits with a ValueError; anything this long is absurd
            raise FileProblem(shown, [f"the number {digits[:20]}... is too large; use a number such as 3"], what)
        return int(digits)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant, parse_int=bounded_int)
    except _JsonDuplicate as exc:
        # the YAML reading of the same text can say where the duplicate is
        try:
            _load_yaml(text, shown, what)
        except FileProblem as located:
            if "duplicate key" in str(located):
                raise located from None
        raise FileProblem(shown, [f"duplicate key {quoted(exc.key)}; keep only one"], what) from None
    except json.JSONDecodeError as exc:
        raise FileProblem(
            shown,
            [
                f"line {exc.lineno}: not valid JSON: {exc.msg}; check the brackets, commas and quotes there "
                "(a .json file is read as JSON)"
            ],
            what,
        ) from None
    except RecursionError:
        raise FileProblem(shown, [_too_deep(None)], what) from None
    lines = _json_lines(text, shown, what)
    _check_tree(data, lines, shown, what)
    return data, lines


class _JsonDuplicate(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _json_lines(text: str, shown: str, what: str) -> Lines:
    """The lines of key paths in a JSON file, read as YAML (JSON is YAML's flow style); best effort."""
    try:
        return _load_yaml(text, shown, what)[1]
    except Exception:  # only line numbers are at stake: the JSON reading above is the authority
        return {}


def _check_tree(data: Any, lines: Lines, shown: str, what: str) -> None:
    """Apply the YAML reader's limits to parsed JSON: depth, size, finite numbers, real characters."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            line = next((lines[path[:end]] for end in range(len(path), 0, -1) if path[:end] in lines), None)
            raise FileProblem(shown, [_too_deep(line)], what)
        problem = _value_problem(value)
        if problem:
            raise FileProblem(shown, [locate(path, lines) + problem], what)
        if isinstance(value, (dict, list)) and len(value) > MAX_ITEMS:
            raise FileProblem(shown, [locate(path, lines) + _too_many(value)], what)
        if isinstance(value, dict):
            for key, item in value.items():
                problem = _value_problem(key)
                if problem:
                    raise FileProblem(shown, [locate(path, lines) + f"key {problem}"], what)
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))


def _value_problem(value: Any) -> str | None:
    """Why a parsed scalar cannot be part of an mcstrat file, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{quoted(value)} is not a finite number; use a number such as 3"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        return "is a number too large to use; use a number such as 3"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            return f"contains \\u{code:04x}, half of a surrogate pair and not a character; remove that escape"
    return None


def _too_deep(line: int | None) -> str:
    where = f"line {line}: " if line is not None else ""
    return f"{where}is nested more than {MAX_DEPTH} levels deep; an mcstrat file needs a few, is this the right file?"


def _too_many(container: Any) -> str:
    kind = "keys" if isinstance(container, dict) else "items"
    return f"has more than {MAX_ITEMS} {kind}; no mcstrat file needs that many, is this the right file?"


# -- YAML ----------------------------------------------------------------------------------


def _yaml_loader(text: str) -> Any:
    """An event parser (libyaml when available) with the safe scalar constructors and resolver."""
    import yaml

    base: Any = getattr(yaml, "CParser", None) or getattr(getattr(yaml, "cyaml", None), "CParser", None)
    if base is None:
        from yaml.constructor import SafeConstructor
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.resolver import Resolver
        from yaml.scanner import Scanner

        class PyLoader(Reader, Scanner, Parser, SafeConstructor, Resolver):
            def __init__(self, stream: str) -> None:
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)

        return PyLoader(text)

    class CLoader(base, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            base.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return CLoader(text)


class _Frame:
    """An open mapping or list while the event stream is turned into data."""

    __slots__ = ("container", "has_key", "key", "key_line", "path")

    def __init__(self, container: Any, path: tuple[Any, ...]) -> None:
        self.container = container
        self.path = path
        self.key: Any = None
        self.key_line = 0
        self.has_key = False


def _load_yaml(text: str, shown: str, what: str) -> tuple[Any, Lines]:
    """YAML to plain data without recursion, refusing aliases, custom tags, duplicates and absurd sizes."""
    import yaml
    from yaml import events

    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise FileProblem(
            shown,
            [
                f"line {line}: contains the control character U+{ord(bad.group()):04X}, which YAML does not allow; "
                "remove it (is this a text file?)"
            ],
            what,
        )

    lines: Lines = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    line = 0

    def problem(message: str, path: tuple[Any, ...] | None = None, at: int | None = None) -> FileProblem:
        """A problem on the current line (or AT), at the current key path (or PATH)."""
        path = current_path() if path is None else path
        where = key_path(path)
        return FileProblem(shown, [f"line {at or line}: " + (f"{where}: " if where else "") + message], what)

    def current_path() -> tuple[Any, ...]:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key) if top.has_key else top.path

    def place(value: Any, is_collection: bool) -> tuple[Any, ...] | None:
        """Put VALUE in the open container; the key path it got, or None when it was a mapping key."""
        nonlocal root
        if not stack:
            root = value
            lines[()] = line
            return ()
        top = stack[-1]
        container = top.container
        if isinstance(container, list):
            if len(container) >= MAX_ITEMS:
                raise problem(_too_many(container), top.path, lines.get(top.path))
            path = (*top.path, len(container))
            container.append(value)
            lines[path] = line
            return path
        if not top.has_key:
            if is_collection:
                raise problem("a key must be a plain value, not a list or mapping; check the indents", top.path)
            try:
                duplicate = value in container
            except TypeError:
                raise problem(f"{quoted(value)} cannot be a key; use a plain word", top.path) from None
            if duplicate:
                raise problem("duplicate key; keep only one", (*top.path, value))
            if len(container) >= MAX_ITEMS:
                raise problem(_too_many(container), top.path, lines.get(top.path))
            top.key, top.key_line, top.has_key = value, line, True
            return None
        path = (*top.path, top.key)
        container[top.key] = value
        lines[path] = top.key_line
        top.has_key = False
        return path

    loader = _yaml_loader(text)
    scalar = _ScalarReader(loader)
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if event is None or kind is events.StreamEndEvent:
                break
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            if kind is events.ScalarEvent:
                try:
                    value = scalar.read(event)
                except _Refused as exc:
                    raise problem(str(exc)) from None
                place(value, False)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                is_map = kind is events.MappingStartEvent
                if event.tag not in (None, "!", _YAML_TAG + ("map" if is_map else "seq")):
                    raise problem(f"the tag {_short(event.tag)} is not allowed here; remove it")
                if len(stack) >= MAX_DEPTH:
                    raise FileProblem(shown, [_too_deep(line)], what)
                container: Any = {} if is_map else []
                path = place(container, True)
                assert path is not None
                stack.append(_Frame(container, path))
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                stack.pop()
            elif kind is events.AliasEvent:
                raise problem("YAML aliases (*name) are not allowed; write the value out in full")
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise problem("holds more than one YAML document (a second '---'); keep only the first", ())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FileProblem(
            shown, [f"{where}not valid YAML: {reason}; check the indentation, colons and quotes there"], what
        ) from None
    finally:
        loader.dispose()
    return root, lines


class _Refused(Exception):
    """A scalar mcstrat will not read; the message says why and how to fix it."""


class _ScalarReader:
    """Scalars read as yaml.safe_load reads them, refusing custom tags, non-finite and absurd values."""

    def __init__(self, loader: Any) -> None:
        from yaml.nodes import ScalarNode

        self.loader = loader
        self.node = ScalarNode
        self.constructors = loader.yaml_constructors

    def read(self, event: Any) -> Any:
        tag = event.tag
        text = event.value
        if tag is None or tag == "!":
            tag = self.loader.resolve(self.node, text, event.implicit)
        elif tag not in _SCALAR_TAGS:
            raise _Refused(f"the tag {_short(tag)} is not allowed here; remove it")
        if tag == _STR:
            if event.style == '"':  # only a double-quoted escape can make half a surrogate pair
                bad = _value_problem(text)
                if bad:
                    raise _Refused(bad)
            return text
        if tag == _MERGE:
            raise _Refused("merge keys (<<) are not supported; write the keys out in full")
        constructor = self.constructors.get(tag)
        if constructor is None:
            raise _Refused(f"{quoted(text)} cannot be read as a value; put it in quotes if it is text")
        if tag == _INT and len(text) > 400:
            raise _Refused(f"the number {text[:20]}... is too large; use a number such as 3")
        try:
            value = constructor(self.loader, self.node(tag, text, event.start_mark, event.end_mark, event.style))
        except Exception:  # the safe constructors raise ValueError, KeyError, AttributeError... on bad text
            kind = _KINDS.get(tag.removeprefix(_YAML_TAG), _short(tag))
            raise _Refused(
                f"{quoted(text)} is not a valid {kind}; correct it, or put it in quotes if it is text"
            ) from None
        bad = _value_problem(value)
        if bad:
            raise _Refused(bad)
        return value


def _short(tag: str | None) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag and tag.startswith(_YAML_TAG) else str(tag)
