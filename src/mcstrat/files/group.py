"""Group files: who decides together and how much each one weighs, the convener's call (issue 19).

A group file, version 1::

    version: 1
    name: Programme committee
    ranges: midpoint            # optional: one range mode for every member
    members:
      - {answers: team/provost.yaml, weight: 2}
      - {answers: team/finance.yaml}   # weight 1

Each member is an answers file, its path relative to the group file's folder, and the weight the
convener gives it: a number above 0 up to 1000 (default 1), read exactly (``2``, ``0.5``, ``1/3``)
by the reader of every number a person writes (core/exact.py). Weights are normalised over the
members. The group file is the only place a weight is set: an answers file's own
``stakeholder_weight`` is refused in any group (`check_members`), so no member can raise their own
say, and members whose ``ranges`` differ are refused unless the group file (or ``--ranges``) sets
one mode for all.

Paths in a group file are untrusted: each is resolved against the group file's folder, and a
member that is missing, a folder, the group file itself or listed twice (the same file by another
path too) is refused, naming the key (``members.2.answers``) and its line. The number of members
is bounded by the reader (at most MAX_ITEMS entries in a list) and by the group ranking's own limit,
checked before any member file is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from mcstrat import sanitize
from mcstrat.core.catalog import Catalog
from mcstrat.core.lines import Lines, locate
from mcstrat.core.priorities import parse_weight
from mcstrat.core.statement import LoadedAnswers
from mcstrat.core.vocabulary import RANGE_MODES, RangeMode
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.answers import FileKind, load_answers, validate_file
from mcstrat.files.reading import parse_structured, read_input
from mcstrat.sanitize import quoted

WHAT = "group file"


class Member(NamedTuple):
    """One member as the group file lists them."""

    answers: Path  # the answers file, resolved against the group file's folder
    weight: Fraction  # as the convener wrote it (not normalised)


class GroupFile(NamedTuple):
    """A group file as read: its name, range mode, members and the SHA-256 of its bytes."""

    path: Path
    name: str
    ranges: RangeMode | None
    members: tuple[Member, ...]
    sha256: str


def is_group(data: Any) -> bool:
    """True for parsed data that is a group file (a mapping with a `members` key), whatever else it holds."""
    return isinstance(data, dict) and "members" in data


def load_group(path: Path | str) -> GroupFile:
    """Read and check a group file: its shape (remembered by the cache, as an answers file's is), then every
    member's path, on every run (FileProblem naming each problem)."""
    from mcstrat.files.cache import load_validated

    file = Path(path)
    spec, lines, digest = load_validated(
        file, WHAT, lambda data, lines: _validated(data, lines, str(file)), dict, check_group
    )
    members, problems = _members([m["answers"] for m in spec["members"]], file, lines)
    if problems:
        raise FileProblem(str(file), problems, WHAT)
    weights = [parse_weight(m["weight"], "weight") for m in spec["members"]]
    ranges = RangeMode(spec["ranges"]) if spec["ranges"] is not None else None
    return GroupFile(file, spec["name"], ranges, tuple(Member(p, w) for p, w in zip(members, weights)), digest)


def check_group(plain: dict[str, Any]) -> None:
    """Raise ValueError unless PLAIN holds every invariant of a validated group file (specs.GroupSpec's), checked
    without pydantic: a cached entry is used only when it passes this."""

    def require(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(what)

    require(set(plain) == {"version", "name", "ranges", "members"} and plain["version"] == 1, "keys")
    require(type(plain["name"]) is str and 1 <= len(plain["name"]) <= 200, "name")
    require(plain["ranges"] is None or plain["ranges"] in [m.value for m in RANGE_MODES], "ranges")
    members = plain["members"]
    require(type(members) is list and len(members) >= 1, "members")
    for m in members:
        require(type(m) is dict and set(m) == {"answers", "weight"}, "member")
        require(type(m["answers"]) is str and 1 <= len(m["answers"]) <= 1000, "answers")
        require(type(m["weight"]) in (int, float, str), "weight")
        parse_weight(m["weight"], "weight")  # InputError (a ValueError's sibling) also means a miss


def _validated(data: Any, lines: Lines, shown: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FileProblem(shown, [f"is {kind}, not a group file; start one with `mcstrat init --group FILE`"], WHAT)
    from pydantic import ValidationError

    from mcstrat.files.specs import GroupSpec, validation_problems

    try:
        return GroupSpec.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        raise FileProblem(shown, validation_problems(exc, lines), WHAT) from None


def _members(written: Sequence[Any], file: Path, lines: Lines) -> tuple[list[Path], list[str]]:
    """Each member's answers file resolved against FILE's folder, and every problem with one (as 'line N: key: ...').

    A member entry that is not text (the shape check reports it) is skipped.
    """
    try:
        own = os.stat(file)
        itself: tuple[int, int] | None = (own.st_dev, own.st_ino)
    except (OSError, ValueError):
        itself = None
    seen: dict[tuple[int, int], int] = {}
    paths: list[Path] = []
    problems: list[str] = []
    for i, text in enumerate(written):
        if not isinstance(text, str):
            continue
        where = locate(("members", i, "answers"), lines)
        member = file.parent / text
        paths.append(member)
        shown = quoted(text)
        try:
            info = os.stat(member)
        except (FileNotFoundError, NotADirectoryError):
            problems.append(
                f"{where}no answers file {shown} (looked for {sanitize.terminal(str(member))}); "
                "give the member's answers file, its path relative to the group file"
            )
            continue
        except PermissionError:
            problems.append(f"{where}{shown} cannot be read (permission denied); check its permissions and folder's")
            continue
        except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(f"{where}{shown} cannot be read ({reason}); check the path")
            continue
        key = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            problems.append(f"{where}{shown} is a folder, not an answers file; give the member's answers file")
        elif key == itself:
            problems.append(f"{where}{shown} is this group file itself; give the member's answers file")
        elif key in seen:
            problems.append(
                f"{where}{shown} is the answers file of members.{seen[key]}.answers too; list each member once "
                "(to count someone more, give them a larger weight)"
            )
        else:
            seen[key] = i
    return paths, problems


# -- the members' own files -------------------------------------------------------------------


def member_problems(members: Sequence[tuple[str, LoadedAnswers]], group: Path | None, ranges_set: bool) -> list[str]:
    """What a group refuses in its members' answers files (MEMBERS: (name, answers as read)), each problem one line.

    A member's own ``stakeholder_weight`` is refused in any group (the weight is the convener's call, in
    the group file GROUP; None: a group of repeated --answers). Members whose ``ranges`` differ are
    refused unless RANGES_SET (the group file or --ranges sets one mode for all).
    """
    problems = []
    fix = (
        f"give the member a `weight` in the group file {group} instead"
        if group is not None
        else "weigh members in a group file instead (`mcstrat init --group FILE`, then `--group FILE`)"
    )
    for _, loaded in members:
        if loaded.answers.stakeholder_weight is not None:
            where = loaded.where()["stakeholder_weight"]
            problems.append(
                f"{where}: a member's own stakeholder_weight is not used in a group (who weighs how much is the "
                f"convener's call); delete it and {fix}"
            )
    modes: dict[RangeMode, list[str]] = {}
    for name, loaded in members:
        modes.setdefault(loaded.answers.ranges, []).append(name)
    if not ranges_set and len(modes) > 1:
        shown = "; ".join(f"{mode}: {_few(names)}" for mode, names in modes.items())
        where = f"set `ranges: MODE` in the group file {group}" if group is not None else "pass --ranges MODE"
        problems.append(
            f"the members score ranged ratings differently ({shown}); one range mode must hold for the whole "
            f"group: {where} (midpoint, optimistic or pessimistic), or give every member the same `ranges`"
        )
    return problems


def check_members(members: Sequence[tuple[str, LoadedAnswers]], group: Path | None, ranges_set: bool) -> None:
    """Raise InputError with every member_problems line, if any."""
    problems = member_problems(members, group, ranges_set)
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError("several problems with the group's members:", *(f"  - {p}" for p in problems))


def _few(names: Sequence[str], most: int = 3) -> str:
    shown = ", ".join(sanitize.clip(n, 40) for n in names[:most])
    return shown + (f" and {len(names) - most:,} more" if len(names) > most else "")


# -- validate ---------------------------------------------------------------------------------


def validate_any(path: Path | str, catalog: Catalog) -> tuple[FileKind | str, list[str]]:
    """`validate`'s check of any input file: a group file here (its shape, its members' paths and files, and
    what a group refuses in them), an answers or models file by answers.validate_file."""
    file = Path(path)
    try:
        data, lines = parse_structured(read_input(file, "answers, group or models file")[0], file, WHAT)
    except FileProblem:
        return validate_file(file, catalog)  # it says why the file cannot be read, as for any file
    if not is_group(data):
        return validate_file(file, catalog)
    problems: list[str] = []
    try:
        _validated(data, lines, str(file))
    except FileProblem as exc:
        problems += [f"{file}: {p}" for p in exc.problems]
    raw = data["members"] if isinstance(data["members"], list) else []
    written = [m.get("answers") if isinstance(m, dict) else None for m in raw]
    paths, path_problems = _members(written, file, lines)
    problems += [f"{file}: {p}" for p in path_problems]
    if path_problems:
        return "group", problems
    readable = []
    for member in paths:
        kind, found = validate_file(member, catalog)
        problems += found
        if kind != "answers":
            problems.append(
                f"{file}: {member} is {'a models file' if kind == 'models' else 'not readable'}, not an "
                "answers file; give each member's answers file"
            )
        elif not found:
            loaded = load_answers(member)
            readable.append((loaded.answers.name or member.name, loaded))
    ranges = data.get("ranges")
    problems += member_problems(readable, file, isinstance(ranges, str))
    return "group", list(dict.fromkeys(problems))


# -- init --group -------------------------------------------------------------------------------


def template(members: Sequence[str] = (), *, file_name: str = "committee.yaml") -> str:
    """The commented group file `mcstrat init --group` writes; MEMBERS (answers files, as paths relative to
    the group file) are listed with weight 1, or two placeholders when none are given."""
    import shlex

    listed = list(members) or ["provost.yaml", "finance.yaml"]
    shown = shlex.quote(sanitize.terminal(" ".join(file_name.split())))
    lines = [
        "# An mcstrat group file: who decides together, and how much each member weighs.",
        f"# Rank the models for the group with:  mcstrat recommend --group {shown}",
        f"# Check it, and every member's answers file, with:  mcstrat validate {shown}",
        "# Write its JSON Schema for editors with:  mcstrat schema group > group.schema.json",
        "",
        "# The format of this file: always 1.",
        "version: 1",
        "",
        "# The group's name, shown with the results.",
        "name: Committee",
        "",
        "# How a ranged rating such as LOW/MED is scored, for every member: midpoint (the default),",
        "# optimistic (its better end) or pessimistic (its worse end). Needed when members' own files differ.",
        "# ranges: midpoint",
        "",
        "# Each member: their answers file (its path relative to this file; start one with `mcstrat init`)",
        "# and the weight you give them: a number above 0 up to 1000 (2, 0.5, 1/3), default 1. Weights are",
        "# shared out over the members; the weight is set here only, never in a member's own answers file.",
        "members:",
    ]
    from mcstrat.files.answers import _scalar

    lines += [f"  - {{answers: {_scalar(sanitize.terminal(m))}, weight: 1}}" for m in listed]
    return "\n".join(lines) + "\n"


__all__ = [
    "GroupFile",
    "Member",
    "check_members",
    "is_group",
    "load_group",
    "member_problems",
    "template",
    "validate_any",
]
