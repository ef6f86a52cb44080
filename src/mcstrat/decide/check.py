"""Decision locks (issue 22): what a decision read and came to (`lock_data`), and whether it still holds (`check`).

`check` re-derives a locked decision through `decide()` from the inputs and flags the lock records,
builds the lock the decision would have now, and compares the two:

- the inputs: each file's SHA-256, and for an answers file the statement it makes, key by key
  (the lock keeps each answers file's statement, so an edit can be named: "roi 5 → 2");
- the result: the winner, each model's rank, what is left out;
- firmness, when the lock has it: the verdict (strongest first: firm, fairly firm, fragile, tied;
  a tie is the weakest) and the winner's chance of first place. Monte Carlo figures are compared
  within their reported error, never byte for byte: two chances differ only when they are further
  apart than the sum of the two runs' 95% half-widths, and a verdict that weakens only because its
  chance moved within that error is not drift (the verdict is judged again with the locked chance).

What fails a check (`--fail-on`, which may be given more than once): every choice fails when the
winner changes; `ranking` also when any rank changes (or what is left out); `verdict` also when the
verdict weakens; `inputs` also when any input's bytes change (or an input is added or dropped),
even if the result holds. A changed mcstrat version is reported, never failed on by itself.
"""

from __future__ import annotations

import dataclasses
import math
import os
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mcstrat.core.vocabulary import VERDICTS
from mcstrat.decide.decision import Request, decide
from mcstrat.errors import InputError, McstratError

if TYPE_CHECKING:
    from mcstrat.decide.decision import Decision

#: What `check --fail-on` may name, in the order they are documented.
FAIL_ON = ("winner", "ranking", "verdict", "inputs")
#: The firmness verdicts, strongest first: a tie is the weakest (analyses/firmness.py keeps the same order).
STRENGTH = VERDICTS  # strongest first (core/vocabulary.py)
#: Decimals of the Monte Carlo figures a lock keeps: far below any 95% error of a run of up to a million samples.
DECIMALS = 6
#: Request fields a lock cannot replay: answers given in the questionnaire, and why-not's questions.
_NOT_LOCKED = ("stated", "why_not", "unlock_ignored")


# -- writing a lock ---------------------------------------------------------------------------


def lock_data(decision: Decision, request: Request, lock: Path) -> dict[str, Any]:
    """The lock of DECISION (made from REQUEST) to be written at LOCK: plain data in the lock's key order."""
    from importlib.metadata import version

    if request.stated is not None:
        raise InputError(
            "--lock needs priorities it can read again: pass --answers FILE (save the questionnaire's answers "
            "with --save-answers, then lock them), or state them with flags"
        )
    base = _folder(lock)
    statements = {str(found.path): found.answers.to_data() for found in decision.loaded}
    inputs: list[dict[str, Any]] = []
    if decision.group_input is not None:
        inputs.append(_input(decision.group_input, "group", base))
    for path, digest in decision.inputs:
        entry = _input((path, digest), "answers", base)
        if path in statements:
            entry["statement"] = _statement(statements[path])
        inputs.append(entry)
    if decision.models_input is not None:
        inputs.append(_input(decision.models_input, "models", base))
    result = decision.result
    data: dict[str, Any] = {
        "lock": 1,
        "mcstrat": version("mcstrat"),
        "inputs": inputs,
        "request": request_data(request, base),
        "winner": [r.model.id for r in result.top],
        "ranking": [
            {"rank": r.rank, "id": r.model.id, "name": r.model.name, "score": str(r.score), "tied": r.tied}
            for r in result.ranking
        ],
        "excluded": [e.model.id for e in result.excluded],
    }
    if decision.smaa is not None:
        data["firmness"] = _firmness(decision)
    return data


def _folder(lock: Path) -> Path:
    return Path(os.path.abspath(lock)).parent


def _relative(path: Path | str, base: Path) -> str:
    """PATH relative to BASE (the lock's folder), with /."""
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _input(found: tuple[str, str], kind: str, base: Path) -> dict[str, Any]:
    return {"file": _relative(found[0], base), "kind": kind, "sha256": found[1]}


def _statement(data: dict[str, Any]) -> dict[str, Any]:
    """An answers file's statement as plain data, without what it leaves unsaid (empty lists and maps, None)."""
    plain = _plain(data, Path("."))
    return {k: v for k, v in plain.items() if v not in (None, [], {})}


def _firmness(decision: Decision) -> dict[str, Any]:
    smaa = decision.smaa
    assert smaa is not None
    ranked = [r.model.id for r in decision.result.ranking]
    data: dict[str, Any] = {
        "weight_space": str(smaa.weight_space),
        "samples": smaa.samples,
        "seed": smaa.seed,
        "chance_first": 0.0,
        "chances": {m: round(smaa.acceptability[m][0], DECIMALS) for m in ranked},
        "errors": {m: round(smaa.acceptability_error[m][0], DECIMALS) for m in ranked},
    }
    verdict = getattr(decision, "verdict", None)  # issue 20's verdict (analyses/firmness.py), where judged
    top = verdict.winner if verdict is not None else tuple(r.model.id for r in decision.result.top)
    data["chance_first"] = round(smaa.combined_first(top), DECIMALS)
    if verdict is not None:
        data["verdict"] = verdict.verdict
        if verdict.lead is not None:
            data["lead"] = str(verdict.lead)
        if verdict.flip is not None:
            data["flip"] = str(verdict.flip)
        data["hinges"] = verdict.hinges
    return data


def request_data(request: Request, base: Path) -> dict[str, Any]:
    """REQUEST's fields as plain data (paths relative to BASE): every field of Request, so new flags are kept too."""
    return {name: _plain(getattr(request, name), base) for name in request._fields if name not in _NOT_LOCKED}


def _plain(value: Any, base: Path) -> Any:
    """VALUE as JSON data: paths relative to BASE, words as their value, records as objects, fractions as text."""
    if isinstance(value, Path):
        return _relative(value, base)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: _plain(v, base) for k, v in value._asdict().items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), base) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v, base) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, base) for k, v in value.items()}
    if isinstance(value, Fraction):
        return str(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise TypeError(f"a lock cannot hold {value!r}")  # a new Request field of a new kind: teach _plain it


# -- reading a lock's request back ------------------------------------------------------------


def request_from(data: dict[str, Any], base: Path, shown: str) -> Request:
    """The Request a lock's `request` DATA records (paths relative to BASE); InputError naming SHOWN and the key."""
    from mcstrat.sanitize import clip

    unknown = [k for k in data if k not in Request._fields or k in _NOT_LOCKED]
    if unknown:
        raise InputError(
            f"{shown}: request.{clip(unknown[0])}: unknown setting (was the lock written by another release of "
            "mcstrat?); make the lock again with this one: `recommend ... --lock FILE --force`"
        )
    hints = Request.__annotations__
    values: dict[str, Any] = {}
    for name, value in data.items():
        default = Request._field_defaults.get(name)
        try:
            values[name] = _restore(value, default, str(hints.get(name, "")), base)
        except (TypeError, ValueError, KeyError) as exc:
            raise InputError(f"{shown}: request.{name}: cannot be read back ({clip(str(exc))})") from None
    return Request(**values)


def _restore(value: Any, default: Any, hint: str, base: Path) -> Any:
    """VALUE (plain data) back into the shape of a field whose DEFAULT and type HINT are given."""
    if value is None:
        return None
    if "Path" in hint:  # a path, or a tuple of paths
        if isinstance(value, list):
            return tuple(_path(v, base) for v in value)
        return _path(value, base)
    if "Overrides" in hint:
        from mcstrat.core.statement import Overrides

        return _record(Overrides, value, Overrides())
    if isinstance(default, tuple) and hasattr(default, "_asdict"):  # a record such as Firmness
        return _record(type(default), value, default)
    return _scalar(value, default)


def _record(kind: Any, value: Any, default: Any) -> Any:
    """A NamedTuple or dataclass of KIND from VALUE (a mapping), each field shaped as in DEFAULT."""
    if not isinstance(value, dict):
        raise TypeError("not a mapping")
    names = default._fields if hasattr(default, "_fields") else [f.name for f in dataclasses.fields(default)]
    unknown = [k for k in value if k not in names]
    if unknown:
        raise KeyError(f"unknown setting {unknown[0]}")
    return kind(**{k: _scalar(v, getattr(default, k)) for k, v in value.items()})


def _scalar(value: Any, default: Any) -> Any:
    """VALUE in DEFAULT's shape: a word as its Enum, a list as the tuple or list the default is, pairs as tuples."""
    if isinstance(default, Enum):
        return type(default)(value)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise TypeError("not a mapping")
        return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
    if isinstance(default, tuple) or (default is None and isinstance(value, list)):
        return tuple(value)
    if isinstance(default, bool) and not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value


def _path(value: Any, base: Path) -> Path:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a path")
    return Path(os.path.relpath(base / value))


# -- checking a lock --------------------------------------------------------------------------


class Edit(NamedTuple):
    """One key of an answers file's statement that changed: (key, value before, value now); None: not given."""

    key: str
    before: Any
    after: Any
    line: int | None = None  # where the key is now in the file (None: removed, or not known)


class InputChange(NamedTuple):
    """An input whose bytes changed, or that was added or dropped (SHA-256 None on that side)."""

    file: str  # relative to the lock's folder, as the lock names it
    kind: str
    before: str | None
    after: str | None
    edits: tuple[Edit, ...] = ()  # for an answers file whose statement the lock kept


class Moved(NamedTuple):
    """A model whose place changed: its rank before and now (None: not ranked)."""

    id: str
    name: str
    before: int | None
    after: int | None


class Outcome(NamedTuple):
    """One lock checked: whether it holds under the --fail-on given, and every change found, as facts."""

    lock: Path
    fail_on: tuple[str, ...]
    failed: tuple[str, ...]  # the --fail-on choices that tripped; () when it holds
    locked: dict[str, Any]  # the lock as read
    now: dict[str, Any]  # the lock the decision would have now (`check --update` writes it)
    inputs: tuple[InputChange, ...] = ()
    version: tuple[str, str] | None = None  # (locked, now) when mcstrat changed
    winner: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (before, now) when the winner changed
    moved: tuple[Moved, ...] = ()
    verdict: tuple[str | None, str | None] | None = None  # (before, now) when the verdict changed
    weaker: bool = False  # the verdict weakened beyond Monte Carlo error
    chance: tuple[float, float, float] | None = None  # the winner's chance (before, now, error allowed)
    chance_moved: bool = False  # further apart than the error allowed
    names: dict[str, str] = {}  # noqa: RUF012 - never mutated; model id -> name, before and now

    @property
    def holds(self) -> bool:
        return not self.failed

    @property
    def changed(self) -> bool:
        """Anything at all differs (what `check --update` would rewrite)."""
        return bool(self.inputs or self.version or self.winner or self.moved or self.verdict or self.chance_moved)


class Failed(NamedTuple):
    """A lock that could not be checked (bad input: exit 2): its path and the message's lines."""

    lock: Path
    lines: tuple[str, ...]


def check_all(locks: list[Path], fail_on: tuple[str, ...] = ("winner",)) -> list[Outcome | Failed]:
    """Each of LOCKS checked; a lock that cannot be checked is a Failed, and the others are still checked."""
    found: list[Outcome | Failed] = []
    for lock in locks:
        try:
            found.append(check(lock, fail_on))
        except McstratError as exc:
            found.append(Failed(lock, exc.lines or (str(exc),)))
    return found


def fail_on_choices(given: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The --fail-on choices GIVEN (winner when none), checked; InputError naming the choices for another word."""
    chosen = tuple(dict.fromkeys(given or ("winner",)))
    for word in chosen:
        if word not in FAIL_ON:
            from mcstrat.sanitize import quoted

            raise InputError(f"--fail-on: unknown choice {quoted(word)}; use one of {', '.join(FAIL_ON)}")
    return chosen


def check(lock: Path, fail_on: tuple[str, ...] = ("winner",)) -> Outcome:
    """Re-derive the decision LOCK records and compare; InputError (exit 2) for a bad lock or an input now bad."""
    from mcstrat.files.lock import read_lock

    locked = read_lock(lock)
    base = _folder(lock)
    shown = str(lock)
    if "verdict" in fail_on and "firmness" not in locked:  # refused rather than passed without a look
        raise InputError(
            f"{shown}: --fail-on verdict needs the firmness the lock has not kept; re-lock the decision with "
            "`recommend --robustness --lock FILE`, or drop --fail-on verdict for this lock"
        )
    for entry in locked["inputs"]:  # a missing input is the first thing to say, naming the lock
        if not (base / entry["file"]).exists():
            raise InputError(
                f"{shown}: its {entry['kind']} file {entry['file']} is missing (looked for "
                f"{_path(entry['file'], base)}); restore it, or re-lock the decision with `recommend --lock`"
            )
    request = request_from(locked["request"], base, shown)
    try:
        decision = decide(request)
        now = lock_data(decision, request, lock)
    except McstratError as exc:
        lines = exc.lines or (str(exc),)
        raise InputError(
            f"{shown}: the locked decision cannot be made again:", *(f"  {line}" for line in lines)
        ) from None
    where = {_relative(found.path, base): found.lines for found in decision.loaded}
    return compare(lock, locked, now, fail_on, where)


def compare(
    lock: Path,
    locked: dict[str, Any],
    now: dict[str, Any],
    fail_on: tuple[str, ...],
    where: dict[str, dict[tuple[Any, ...], int]] | None = None,
) -> Outcome:
    """What differs between the LOCKED data and NOW's, and which FAIL_ON choices that trips.

    WHERE maps an answers file (as the lock names it) to the line of each key path in it now, to place edits."""
    names = {r["id"]: r["name"] for r in locked["ranking"]} | {r["id"]: r["name"] for r in now["ranking"]}
    inputs = _input_changes(locked["inputs"], now["inputs"], where or {})
    version = (locked["mcstrat"], now["mcstrat"]) if locked["mcstrat"] != now["mcstrat"] else None
    winner = None
    if set(locked["winner"]) != set(now["winner"]):
        winner = (tuple(locked["winner"]), tuple(now["winner"]))
    before = {r["id"]: r["rank"] for r in locked["ranking"]}
    after = {r["id"]: r["rank"] for r in now["ranking"]}
    moved = tuple(
        Moved(m, names[m], before.get(m), after.get(m))
        for m in [*before, *(m for m in after if m not in before)]
        if before.get(m) != after.get(m)
    )
    left_out = set(locked["excluded"]) != set(now["excluded"])
    verdict, weaker, chance, chance_moved = _firmness_change(locked, now)
    trips = {
        "winner": winner is not None,
        "ranking": winner is not None or bool(moved) or left_out,
        "verdict": winner is not None or weaker,
        "inputs": winner is not None or bool(inputs),
    }
    failed = tuple(word for word in fail_on if trips[word])
    return Outcome(
        lock, fail_on, failed, locked, now, inputs, version, winner, moved, verdict, weaker, chance, chance_moved, names
    )


def _input_changes(
    before: list[dict[str, Any]], after: list[dict[str, Any]], where: dict[str, dict[tuple[Any, ...], int]]
) -> tuple[InputChange, ...]:
    old = {(e["file"], e["kind"]): e for e in before}
    new = {(e["file"], e["kind"]): e for e in after}
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was["sha256"] == now["sha256"]:
            continue
        edits: tuple[Edit, ...] = ()
        if was is not None and now is not None and "statement" in was and "statement" in now:
            edits = _edits(was["statement"], now["statement"], where.get(key[0], {}))
        changes.append(
            InputChange(key[0], key[1], was["sha256"] if was else None, now["sha256"] if now else None, edits)
        )
    return tuple(changes)


def _edits(before: dict[str, Any], after: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> tuple[Edit, ...]:
    """Each key of two answers statements that differs; a priority is named by its criterion alone ("roi"),
    placed at its line in the file now (LINES), or its section's when it was removed."""
    flat_before, flat_after = _flat(before), _flat(after)
    keys = [*flat_before, *(k for k in flat_after if k not in flat_before)]
    edits = []
    for key in keys:
        was, now = flat_before.get(key), flat_after.get(key)
        if was is not None and now is not None and was[1] == now[1]:
            continue
        path = (now or was or ((), None))[0]
        line = lines.get(path) or lines.get(path[:1])
        edits.append(Edit(key, was[1] if was else None, now[1] if now else None, line))
    return tuple(edits)


def _flat(statement: dict[str, Any]) -> dict[str, tuple[tuple[str, ...], Any]]:
    """Each key of a statement as (its key path in the file, its value), named as a message names it."""
    flat: dict[str, tuple[tuple[str, ...], Any]] = {}
    for key, value in statement.items():
        if key == "version":
            continue
        if isinstance(value, dict):
            for inner, item in value.items():
                flat[inner if key == "priorities" else f"{key}.{inner}"] = ((key, inner), item)
        else:
            flat[key] = ((key,), value)
    return flat


def _firmness_change(
    locked: dict[str, Any], now: dict[str, Any]
) -> tuple[tuple[str | None, str | None] | None, bool, tuple[float, float, float] | None, bool]:
    """(verdict before and now when it changed, weakened beyond error, the winner's chance before/now/error, moved)."""
    was, found = locked.get("firmness"), now.get("firmness")
    if was is None or found is None:
        return None, False, None, False
    family = locked["winner"]
    chance_before = math.fsum(was["chances"].get(m, 0.0) for m in family)
    chance_now = math.fsum(found["chances"].get(m, 0.0) for m in family)
    # the family's error: the sum of its members' (a bound; one member, its own)
    allowed = math.fsum(was["errors"].get(m, 0.0) for m in family) + math.fsum(
        found["errors"].get(m, 0.0) for m in family
    )
    within = abs(chance_now - chance_before) <= allowed
    chance = (chance_before, chance_now, allowed)
    said_before, said_now = was.get("verdict"), found.get("verdict")
    verdict = (said_before, said_now) if said_before != said_now else None
    weaker = False
    if said_before in STRENGTH and said_now in STRENGTH and STRENGTH.index(said_now) > STRENGTH.index(said_before):
        weaker = True
        if within and set(locked["winner"]) == set(now["winner"]):
            # judged again with the locked chance: a verdict that weakens only through Monte Carlo error holds
            from mcstrat.analyses.firmness import verdict as judge

            flip = Fraction(found["flip"]) if "flip" in found else None
            again, _ = judge(chance_before, flip, found.get("hinges", 0), said_now == "tied")
            weaker = STRENGTH.index(again) > STRENGTH.index(said_before)
    return verdict, weaker, chance, not within


__all__ = [
    "FAIL_ON",
    "STRENGTH",
    "Edit",
    "Failed",
    "InputChange",
    "Moved",
    "Outcome",
    "check",
    "check_all",
    "compare",
    "fail_on_choices",
    "lock_data",
    "request_data",
    "request_from",
]
