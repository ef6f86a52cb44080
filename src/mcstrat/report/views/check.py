"""`check`'s view: whether each locked decision still holds, and its drift in words.

The facts come from decide/check.py (an Outcome per lock); here they are said once, as one
explanation per lock that every format carries (the terminal, JSON, GitHub annotations and job
summary, JUnit): which input changed and how ("finance.yaml changed: roi 5 → 2"), then what it did
("the winner is now Professional body led or partnership, which was second"). Places are said as
words up to tenth ("second"), ranks after that as "12th". Chances print as every view prints them
(report/numbers.py), with the sampling error the comparison allowed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcstrat.decide.check import Failed
from mcstrat.report import numbers
from mcstrat.report.document import Document, Items, Paragraph, Section, Strong, Tone, Toned

if TYPE_CHECKING:
    from mcstrat.decide.check import Edit, InputChange, Outcome

_PLACES = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def status(found: Outcome | Failed) -> str:
    """'holds', 'drifted' or 'error'."""
    if isinstance(found, Failed):
        return "error"
    return "holds" if found.holds else "drifted"


def _place_order(word: str) -> int:
    return _PLACES.index(word) if word in _PLACES else len(_PLACES)


def place(rank: int | None) -> str:
    """A rank as a word: 'second'; '12th' past tenth; 'not ranked' for None."""
    if rank is None:
        return "not ranked"
    if rank <= len(_PLACES):
        return _PLACES[rank - 1]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _value(value: Any) -> str:
    """A statement's value as the file wrote it: 5 (not 5.0), high, [a, b]; '(not given)' for None."""
    if value is None:
        return "(not given)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def edit_text(edit: Edit) -> str:
    """One edit as a message says it: 'roi 5 → 2'."""
    return f"{edit.key} {_value(edit.before)} → {_value(edit.after)}"


def _input(change: InputChange) -> str:
    if change.before is None:
        return f"{change.file} is a new {change.kind} file"
    if change.after is None:
        return f"{change.file} is no longer read"
    if change.edits:
        return f"{change.file} changed: " + ", ".join(edit_text(e) for e in change.edits)
    return f"{change.file} changed"


def _names(ids: tuple[str, ...], names: dict[str, str]) -> str:
    return numbers.listed([names.get(m, m) for m in ids])


def _weakened(verdict: tuple[str | None, str | None]) -> bool:
    from mcstrat.decide.check import STRENGTH

    before, now = verdict
    return before in STRENGTH and now in STRENGTH and STRENGTH.index(now) > STRENGTH.index(before)


def explanation(found: Outcome) -> str:
    """The drift (or what changed without drifting) in one sentence of parts joined by '; '; '' when nothing did."""
    parts = [_input(change) for change in found.inputs]
    if found.version is not None:
        parts.append(f"mcstrat {found.version[0]} → {found.version[1]}")
    before = {r["id"]: r["rank"] for r in found.locked["ranking"]}
    if found.winner is not None:
        was, now = found.winner
        where = numbers.listed(sorted({place(before.get(m)) for m in now}, key=_place_order))
        if len(now) > 1:
            parts.append(f"the winners are now {_names(now, found.names)}, tied, which were {where}")
        else:
            parts.append(f"the winner is now {_names(now, found.names)}, which was {where}")
        after = {r["id"]: r["rank"] for r in found.now["ranking"]}
        parts.append(f"{_names(was, found.names)} is now {place(after.get(was[0]))}")
    elif found.inputs or found.version:
        parts.append(f"the winner is still {_names(tuple(found.now['winner']), found.names)}")
    shown = set(found.winner[0] + found.winner[1]) if found.winner else set()
    moved: dict[tuple[int | None, int | None], list[str]] = {}
    for m in found.moved:
        if m.id not in shown:  # models that moved alike are named together
            moved.setdefault((m.before, m.after), []).append(m.name)
    for (was_at, now_at), names in moved.items():
        parts.append(f"{numbers.listed(names)} moved from {place(was_at)} to {place(now_at)}")
    if found.verdict is not None:
        said = f"the verdict went from {found.verdict[0] or 'none'} to {found.verdict[1] or 'none'}"
        if not found.weaker and _weakened(found.verdict):
            said += " (only within the sampling error: not drift)"
        parts.append(said)
    if found.chance is not None and found.chance_moved:
        was_p, now_p, allowed = found.chance
        # the chance compared is the locked winner's: named when it no longer wins, so it is not read as the new one's
        whose = f"{_names(tuple(found.locked['winner']), found.names)}'s chance" if found.winner else "the chance"
        parts.append(
            f"{whose} of first place went from {numbers.chance(was_p)} to {numbers.chance(now_p)}, "
            f"further than the sampling error (±{numbers.percent(allowed, 1)})"
        )
    return "; ".join(parts)


def headline(found: Outcome | Failed) -> str:
    """One line: the lock, and whether it holds."""
    if isinstance(found, Failed):
        return f"{found.lock}: cannot be checked"
    if found.holds:
        return f"{found.lock}: holds ({_names(tuple(found.now['winner']), found.names)} first)"
    return f"{found.lock}: drifted (--fail-on {', '.join(found.failed)})"


def message(found: Outcome | Failed) -> str:
    """The headline and the explanation, for one-line channels (annotations, JUnit messages)."""
    if isinstance(found, Failed):
        said = " ".join(line.strip() for line in found.lines)
        # most messages already start with the lock's path (the file a problem is in): not said twice
        return said if said.startswith(f"{found.lock}: ") else f"{found.lock}: {said}"
    said = explanation(found)
    return headline(found) + (f": {said}" if said else "")


def document(found: list[Outcome | Failed], updated: tuple[Path, ...] = ()) -> Document:
    """The terminal's and Markdown's view of the checked locks (the locks that could not be checked are left out:
    their messages go to stderr)."""
    blocks: list[Any] = []
    for one in found:
        if isinstance(one, Failed):
            continue
        tone: Tone = "good" if one.holds else "bad"
        blocks.append(Paragraph((Strong(str(one.lock)), ": ", Toned(status(one), tone))))
        said = explanation(one)
        items = [said] if said else [f"nothing changed; {_names(tuple(one.now['winner']), one.names)} is first"]
        if one.lock in updated:
            items.append("the lock is updated to the decision as it is now")
        blocks.append(Items(tuple((item,) for item in items)))
    return Document("Decision locks", "decision locks", sections=(Section("Decision locks", "check", tuple(blocks)),))


def data(found: list[Outcome | Failed], updated: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The JSON of `check`: per lock its status, explanation and every change found, as data."""
    locks: list[dict[str, Any]] = []
    for one in found:
        if isinstance(one, Failed):
            locks.append({"lock": str(one.lock), "status": "error", "error": [line.strip() for line in one.lines]})
            continue
        locks.append(
            {
                "lock": str(one.lock),
                "status": status(one),
                "fail_on": list(one.fail_on),
                "failed": list(one.failed),
                "explanation": explanation(one),
                "updated": one.lock in updated,
                "winner": {"locked": one.locked["winner"], "now": one.now["winner"]},
                "inputs": [
                    {
                        "file": c.file,
                        "kind": c.kind,
                        "locked_sha256": c.before,
                        "sha256": c.after,
                        "edits": [{"key": e.key, "locked": e.before, "now": e.after} for e in c.edits],
                    }
                    for c in one.inputs
                ],
                "moved": [{"id": m.id, "name": m.name, "locked": m.before, "now": m.after} for m in one.moved],
                "verdict": (
                    {"locked": one.verdict[0], "now": one.verdict[1], "weaker": one.weaker}
                    if one.verdict is not None
                    else None
                ),
                "chance_first": (
                    {"locked": one.chance[0], "now": one.chance[1], "error": one.chance[2], "moved": one.chance_moved}
                    if one.chance is not None
                    else None
                ),
                "mcstrat": {"locked": one.locked["mcstrat"], "now": one.now["mcstrat"]},
            }
        )
    return {"status": overall(found), "locks": locks}


def overall(found: list[Outcome | Failed]) -> str:
    """'error' if any lock could not be checked, else 'drifted' if any drifted, else 'holds'."""
    said = {status(one) for one in found}
    return next(word for word in ("error", "drifted", "holds") if word in said or word == "holds")


__all__ = ["data", "document", "edit_text", "explanation", "headline", "message", "overall", "place", "status"]
