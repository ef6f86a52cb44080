"""Where a validation problem sits in its file: line and column, for CI annotations (`validate --format github`).

`validate` says each problem as "FILE: line N: key.path: message" (files/answers.py, files/group.py).
Here the column is added: the key's own column from the YAML parser's marks (the file is composed
again, after it has been read and checked by files/reading.py, so its limits apply first); for a
JSON file, or a key YAML cannot place, the column where the key's name starts on that line, else the
line's first character. Columns are 1-based, as GitHub's `col=` counts them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from mcstrat.errors import McstratError

_AT = re.compile(r"line (\d+): ")
_ELSEWHERE = re.compile(r"(.+?): line (\d+): ")


class Problem(NamedTuple):
    """One problem: its message (without the file and line), its line and column when known, and the file it is in
    when that is another (a group's member answers file)."""

    text: str
    line: int | None = None
    column: int | None = None
    file: Path | None = None


class Validated(NamedTuple):
    """One file validated: its kind (answers, group, models or unknown) and every problem, placed."""

    file: Path
    kind: str
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return not self.problems


def placed(file: Path, kind: str, problems: list[str]) -> Validated:
    """FILE's PROBLEMS (as `validate` says them) with their line and column; a problem about another file
    (a group's member) keeps that file's name in its text and the group file's line, if any."""
    seen: dict[Path, tuple[dict[tuple[Any, ...], tuple[int, int]], list[str]]] = {}
    found = []
    prefix = f"{file}: "
    for problem in problems:
        where: Path | None = None
        if problem.startswith(prefix):
            body = problem.removeprefix(prefix)
            at = _AT.match(body)
        else:  # a member's problem: "members/a.yaml: line 3: ..."
            at = _ELSEWHERE.match(problem)
            if at is not None and Path(at.group(1)).is_file():
                where, body, at = (
                    Path(at.group(1)),
                    problem[len(at.group(1)) + 2 :],
                    _AT.match(problem[len(at.group(1)) + 2 :]),
                )
            else:
                body, at = problem, None
        if at is None:
            found.append(Problem(body, file=where))
            continue
        line, rest = int(at.group(1)), body[at.end() :]
        source = where or file
        if source not in seen:
            seen[source] = (_marks(source), _lines(source))
        marks, text = seen[source]
        found.append(Problem(rest, line, _column(line, rest, marks, text), where))
    return Validated(file, kind, tuple(found))


def _column(line: int, rest: str, marks: dict[tuple[Any, ...], tuple[int, int]], text: list[str]) -> int:
    """The column of the key REST starts with on LINE: the longest key path placed on that line that REST names."""
    best: tuple[int, int] | None = None  # (length of the key path's text, column)
    for path, (at_line, column) in marks.items():
        if at_line != line or not path:
            continue
        dotted = ".".join(str(p) for p in path)
        if (rest.startswith(dotted + ":") or rest.startswith(dotted + " ")) and (best is None or len(dotted) > best[0]):
            best = (len(dotted), column)
    if best is not None:
        return best[1]
    if 0 < line <= len(text):
        source = text[line - 1]
        key = rest.split(": ", 1)[0].rsplit(".", 1)[-1] if ": " in rest else ""
        for candidate in (f'"{key}"', key) if key else ():
            where = source.find(candidate)
            if where >= 0:
                return where + 1
        return len(source) - len(source.lstrip()) + 1
    return 1


def _lines(file: Path) -> list[str]:
    try:
        return file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _marks(file: Path) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Each key path's (line, column) in a YAML FILE, 1-based, where the key (or list item) starts; {} if unreadable."""
    if file.suffix.lower() == ".json":
        return {}
    from mcstrat.files.reading import load_structured

    try:
        load_structured(file, "file")  # mcstrat's own limits (size, depth) before the parser composes it again
    except McstratError:
        return {}
    import yaml

    try:
        root = yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, RecursionError, UnicodeDecodeError):
        return {}
    marks: dict[tuple[Any, ...], tuple[int, int]] = {}

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                inner = (*path, key.value)
                marks.setdefault(inner, (key.start_mark.line + 1, key.start_mark.column + 1))
                walk(value, inner)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                marks.setdefault((*path, i), (item.start_mark.line + 1, item.start_mark.column + 1))
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return marks


__all__ = ["Problem", "Validated", "placed"]
