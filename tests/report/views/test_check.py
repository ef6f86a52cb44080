"""`check`'s view (report/views/check.py): drift said in words, the same words in every format."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from mcstrat.decide.check import Failed, compare
from mcstrat.report.views.check import data, explanation, headline, message, overall, place, status
from tests.decide.test_check import firm_lock


def drifted(**changes: Any) -> dict[str, Any]:
    now = copy.deepcopy(firm_lock())
    now.update(changes)
    return now


@pytest.mark.parametrize(
    ("rank", "word"),
    [
        (1, "first"),
        (2, "second"),
        (10, "tenth"),
        (11, "11th"),
        (12, "12th"),
        (21, "21st"),
        (22, "22nd"),
        (None, "not ranked"),
    ],
)
def test_places_in_words(rank: int | None, word: str) -> None:
    assert place(rank) == word


def test_a_new_winner_is_named_with_where_it_was() -> None:
    now = drifted(winner=["b"])
    now["ranking"] = [
        {"rank": 1, "id": "b", "name": "B", "score": "60", "tied": False},
        {"rank": 2, "id": "a", "name": "A", "score": "55", "tied": False},
    ]
    now["inputs"] = [
        {"file": "finance.yaml", "kind": "answers", "sha256": "1" * 64, "statement": {"priorities": {"roi": 2}}}
    ]
    locked = firm_lock()
    locked["inputs"] = [
        {"file": "finance.yaml", "kind": "answers", "sha256": "0" * 64, "statement": {"priorities": {"roi": 5.0}}}
    ]
    found = compare(Path("d.lock.json"), locked, now, ("winner",))
    assert explanation(found).startswith(
        "finance.yaml changed: roi 5 → 2; the winner is now B, which was second; A is now second"
    )
    assert headline(found) == "d.lock.json: drifted (--fail-on winner)"
    assert message(found).startswith("d.lock.json: drifted (--fail-on winner): finance.yaml changed")
    # the chance compared is the old winner's: it is named, never read as the new winner's
    now["firmness"] = {**now["firmness"], "chances": {"a": 0.3, "b": 0.7}}
    moved = compare(Path("d.lock.json"), locked, now, ("winner",))
    assert "; A's chance of first place went from 80% to 30%, further than" in explanation(moved)


def test_keys_added_and_removed_and_a_new_version() -> None:
    locked, now = firm_lock(), drifted(mcstrat="0.2.0")
    locked["inputs"] = [{"file": "a.yaml", "kind": "answers", "sha256": "0" * 64, "statement": {"exclude": ["x"]}}]
    now["inputs"] = [
        {"file": "a.yaml", "kind": "answers", "sha256": "1" * 64, "statement": {"target_horizon": "H2"}},
        {"file": "models.yaml", "kind": "models", "sha256": "2" * 64},
    ]
    found = compare(Path("d.lock.json"), locked, now, ("winner",))
    assert explanation(found) == (
        "a.yaml changed: exclude [x] → (not given), target_horizon (not given) → H2; models.yaml is a new models "
        "file; mcstrat 0.1.0 → 0.2.0; the winner is still A"
    )
    assert found.holds


def test_a_verdict_within_the_sampling_error_says_so() -> None:
    locked = firm_lock(chances={"a": 0.755, "b": 0.245})
    now = firm_lock(chances={"a": 0.745, "b": 0.255}, verdict="fairly firm")
    found = compare(Path("d.lock.json"), locked, now, ("verdict",))
    assert explanation(found) == "the verdict went from firm to fairly firm (only within the sampling error: not drift)"
    far = compare(
        Path("d.lock.json"),
        firm_lock(),
        firm_lock(chances={"a": 0.6, "b": 0.4}, verdict="fairly firm"),
        ("verdict",),
    )
    assert explanation(far) == (
        "the verdict went from firm to fairly firm; the chance of first place went from 80% to 60%, further than "
        "the sampling error (±2.0%)"
    )
    assert status(far) == "drifted"


def test_the_json_and_the_overall_status() -> None:
    held = compare(Path("d.lock.json"), firm_lock(), firm_lock(), ("winner",))
    bad = Failed(Path("x.lock.json"), ("x.lock.json: no such lock file; check the path",))
    found = data([held, bad])
    assert found["status"] == "error" == overall([held, bad])
    assert found["locks"][0]["status"] == "holds" and found["locks"][0]["explanation"] == ""
    assert found["locks"][1] == {
        "lock": "x.lock.json",
        "status": "error",
        "error": ["x.lock.json: no such lock file; check the path"],
    }
    assert overall([held]) == "holds"
