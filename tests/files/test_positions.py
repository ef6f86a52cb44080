"""Where a validation problem sits (files/positions.py): the key's own line and column, for CI annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcstrat.core.catalog import Catalog
from mcstrat.files.group import validate_any
from mcstrat.files.positions import Problem, placed


def problems_of(path: Path, catalog: Catalog) -> list[Problem]:
    return list(placed(path, *validate_any(path, catalog)).problems)


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "starts"),
    [
        ("a.yaml", "version: 1\npriorities:\n  risk: high\n  rsik: 3\n", 4, 3, "priorities.rsik: unknown criterion"),
        ("b.yaml", "version: 1\npriorities:\n    roi: 9\n", 3, 5, "priorities.roi: importance 9"),
        ("c.yaml", "version: 1\npriorities: {roi: 3, rsik: 2}\n", 2, 22, "priorities.rsik"),
        ("d.yaml", "version: 1\npriorities:\n  roi: 3\nexclude: [mooc, nope]\n", 4, 17, "exclude.1"),
        ("e.json", '{"version": 1,\n "priorities": {"roi": 3, "rsik": 2}}\n', 2, 27, "priorities.rsik"),
        ("f.yaml", "version: 1\npriorities:\n  roi: 3\ncolour: red\n", 4, 1, "colour: unknown key"),
    ],
)
def test_each_problem_sits_at_its_key(
    catalog: Catalog, tmp_path: Path, name: str, text: str, line: int, column: int, starts: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = [p for p in problems_of(path, catalog) if p.text.startswith(starts)]
    assert found, problems_of(path, catalog)
    assert (found[0].line, found[0].column) == (line, column)
    source = text.splitlines()[line - 1]
    key = starts.split(":")[0].split(" ")[0].rsplit(".", 1)[-1]
    if not key.isdigit():
        assert source[column - 1 :].lstrip('"').startswith(key)


def test_a_problem_in_a_member_file_is_placed_in_that_file(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("version: 1\npriorities:\n  rsik: 3\n", encoding="utf-8")
    group = tmp_path / "g.yaml"
    group.write_text("version: 1\nname: G\nmembers:\n  - answers: m.yaml\n    weight: 1\n", encoding="utf-8")
    found = [p for p in problems_of(group, catalog) if p.file is not None]
    assert found and found[0].file == tmp_path / "m.yaml"
    assert (found[0].line, found[0].column) == (3, 3)


def test_a_file_that_cannot_be_read_has_no_position(catalog: Catalog, tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "missing.yaml", catalog)
    assert problem.line is None and problem.column is None
