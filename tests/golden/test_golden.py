"""The restructuring's safety net: every command of the golden corpus prints the same JSON, byte for byte.

The corpus (tests/golden/*.json) was printed by main before issue 17 moved the code into packages;
the ranking (ids, ranks, scores), the weights and every analysis must read the same after it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from cases import CASES
from make_corpus import run

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_json_is_unchanged(name: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run(args) == (HERE / f"{name}.json").read_text(encoding="utf-8")
