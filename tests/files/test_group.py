"""Group files (files/group.py): members resolved against the group file, exact weights, untrusted paths refused."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcstrat.core.catalog import Catalog
from mcstrat.core.vocabulary import RangeMode
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.answers import load_answers
from mcstrat.files.group import check_members, load_group, template, validate_any
from tests.conftest import ROOT, write_yaml


def member(folder: Path, name: str, **keys: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_yaml(folder / f"{name}.yaml", {"version": 1, "name": name.title(), "priorities": {"roi": 3}, **keys})


def group(path: Path, members: list[dict[str, Any]], **keys: Any) -> Path:
    return write_yaml(path, {"version": 1, "name": "Committee", **keys, "members": members})


def test_members_are_resolved_against_the_group_file_with_exact_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    member(tmp_path / "team", "provost")
    member(tmp_path / "team", "finance")
    member(tmp_path / "team", "dean")
    path = group(
        tmp_path / "committee.yaml",
        [
            {"answers": "team/provost.yaml", "weight": "1/3"},
            {"answers": "team/finance.yaml", "weight": 0.1},
            {"answers": "team/dean.yaml"},
        ],
        ranges="optimistic",
    )
    monkeypatch.chdir(ROOT)  # another working folder: paths are the group file's, not the caller's
    found = load_group(path)
    assert found.name == "Committee"
    assert found.ranges is RangeMode.optimistic
    assert [m.answers for m in found.members] == [
        tmp_path / "team" / f"{n}.yaml" for n in ("provost", "finance", "dean")
    ]
    assert [m.weight for m in found.members] == [Fraction(1, 3), Fraction(1, 10), Fraction(1)]
    assert all(isinstance(m.weight, Fraction) for m in found.members)
    assert len(found.sha256) == 64
    assert load_group(group(tmp_path / "plain.yaml", [{"answers": "team/dean.yaml"}])).ranges is None


@pytest.mark.parametrize(
    ("members", "fragment"),
    [
        ([{"answers": "nobody.yaml"}], "line 4: members.0.answers: no answers file 'nobody.yaml'"),
        ([{"answers": "team"}], "members.0.answers: 'team' is a folder, not an answers file"),
        ([{"answers": "committee.yaml"}], "members.0.answers: 'committee.yaml' is this group file itself"),
        (
            [{"answers": "team/a.yaml"}, {"answers": "./team/../team/a.yaml"}],
            "members.1.answers: './team/../team/a.yaml' is the answers file of members.0.answers too; list each "
            "member once (to count someone more, give them a larger weight)",
        ),
        (
            [{"answers": "team/a.yaml"}, {"answers": "alias.yaml"}],
            "members.1.answers: 'alias.yaml' is the answers file of members.0.answers too",
        ),
        ([{"answers": "team/a.yaml", "weight": 0}], "members.0.weight: weight 0 is out of range"),
        ([{"answers": "team/a.yaml", "weight": "\u0662"}], "which is not one of the ASCII digits 0-9"),
        ([{"answers": "team/a.yaml", "wieght": 2}], "members.0.wieght: unknown key"),
        ([], "members: List should have at least 1 item"),
    ],
)
def test_bad_members_are_refused_naming_the_key_and_the_fix(
    tmp_path: Path, members: list[dict[str, Any]], fragment: str
) -> None:
    member(tmp_path / "team", "a")
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "team" / "a.yaml")
    path = group(tmp_path / "committee.yaml", members)
    with pytest.raises(FileProblem) as caught:
        load_group(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert fragment in str(caught.value)


def test_every_path_problem_is_named_at_once(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    path = group(tmp_path / "g.yaml", [{"answers": "x.yaml"}, {"answers": "team"}])
    with pytest.raises(FileProblem) as caught:
        load_group(path)
    assert caught.value.problems == [
        f"line 4: members.0.answers: no answers file 'x.yaml' (looked for {tmp_path / 'x.yaml'}); give the member's "
        "answers file, its path relative to the group file",
        "line 5: members.1.answers: 'team' is a folder, not an answers file; give the member's answers file",
    ]


def test_a_group_refuses_a_members_own_stakeholder_weight_naming_the_group_files_weight(tmp_path: Path) -> None:
    own = load_answers(member(tmp_path, "finance", stakeholder_weight=2))
    plain = load_answers(member(tmp_path, "provost"))
    committee = tmp_path / "committee.yaml"
    with pytest.raises(InputError) as caught:
        check_members([("Finance", own), ("Provost", plain)], committee, False)
    assert str(caught.value) == (
        f"{tmp_path / 'finance.yaml'}: line 5: stakeholder_weight: a member's own stakeholder_weight is not used in "
        "a group (who weighs how much is the convener's call); delete it and give the member a `weight` in the group "
        f"file {committee} instead"
    )
    with pytest.raises(InputError, match=r"weigh members in a group file instead \(`mcstrat init --group FILE`"):
        check_members([("Finance", own), ("Provost", plain)], None, False)
    # even at 1: the key itself is the convener's
    at_one = load_answers(member(tmp_path, "dean", stakeholder_weight=1))
    with pytest.raises(InputError, match="stakeholder_weight is not used in a group"):
        check_members([("Dean", at_one)], committee, True)


def test_members_ranges_must_agree_unless_settled(tmp_path: Path) -> None:
    people = [
        ("A", load_answers(member(tmp_path, "a", ranges="optimistic"))),
        ("B", load_answers(member(tmp_path, "b"))),
        ("C", load_answers(member(tmp_path, "c", ranges="midpoint"))),
    ]
    with pytest.raises(InputError) as caught:
        check_members(people, tmp_path / "g.yaml", False)
    assert str(caught.value) == (
        "the members score ranged ratings differently (optimistic: A; midpoint: B, C); one range mode must hold for "
        f"the whole group: set `ranges: MODE` in the group file {tmp_path / 'g.yaml'} (midpoint, optimistic or "
        "pessimistic), or give every member the same `ranges`"
    )
    with pytest.raises(InputError, match="pass --ranges MODE"):
        check_members(people, None, False)
    check_members(people, None, True)  # settled: no error
    check_members(people[1:], None, False)  # midpoint written or by default: the same mode


def test_validate_checks_the_group_its_members_and_what_a_group_refuses(catalog: Catalog, tmp_path: Path) -> None:
    member(tmp_path, "a", ranges="optimistic", stakeholder_weight=3)
    (tmp_path / "b.yaml").write_text("version: 1\npriorities: {rsik: 3}\n", encoding="utf-8")
    path = group(tmp_path / "g.yaml", [{"answers": "a.yaml", "weight": 2}, {"answers": "b.yaml"}])
    kind, problems = validate_any(path, catalog)
    assert kind == "group"
    assert any("b.yaml: line 2: priorities.rsik: unknown criterion 'rsik'" in p for p in problems), problems
    assert any("stakeholder_weight is not used in a group" in p for p in problems), problems
    kind, problems = validate_any(ROOT / "examples" / "committee.yaml", catalog)
    assert (kind, problems) == ("group", [])
    assert validate_any(ROOT / "examples" / "answers.yaml", catalog) == ("answers", [])


@pytest.mark.parametrize("members", [[], ["team/provost.yaml", "team/dean.yaml"]])
def test_the_template_is_a_group_file(tmp_path: Path, members: list[str]) -> None:
    text = template(members, file_name="committee.yaml")
    data = yaml.safe_load(text)
    assert data["version"] == 1 and data["name"]
    assert [m["answers"] for m in data["members"]] == (members or ["provost.yaml", "finance.yaml"])
    assert all(m["weight"] == 1 for m in data["members"])
    assert "mcstrat recommend --group committee.yaml" in text
    if members:
        for name in members:
            member(tmp_path / "team", Path(name).stem)
        path = tmp_path / "committee.yaml"
        path.write_text(text, encoding="utf-8")
        assert [m.weight for m in load_group(path).members] == [1, 1]
