"""The JSON Schemas (files/schemas.py) against `validate`, with a standard Draft 2020-12 validator (jsonschema).

Every answers file the examples and tests use is accepted by both; every bad answers case is refused
by both, at the key validate names, or is one of the documented exceptions only validate can catch
(EXCEPTIONS, each shown by a case, and each case really passing the schema, so the list cannot go
stale). A property test draws answers from a vocabulary of right and wrong keys and values and
checks the same both ways. The schema's patterns are also run in Chromium's JavaScript engine,
since editors run them there, and must match exactly what Python's `re` matches.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat.cli import app
from mcstrat.core.catalog import Catalog
from mcstrat.core.questionnaire import answers_from
from mcstrat.errors import McstratError
from mcstrat.files.answers import dump_answers, template, validate_file
from mcstrat.files.models import catalog_from_data, default_path, load_catalog
from mcstrat.files.reading import load_structured
from mcstrat.files.schemas import JSON_SCHEMA_DIALECT, answers_schema, models_schema
from mcstrat.files.specs import AnswersSpec
from tests.conftest import ROOT, make_runner, tiny_catalog_data

BAD_FILES = Path(__file__).resolve().parent / "bad_inputs" / "answers"
runner = make_runner()


@pytest.fixture(scope="module")
def validator(catalog: Catalog) -> jsonschema.Draft202012Validator:
    schema = answers_schema(catalog)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def judged(path: Path, catalog: Catalog, validator: jsonschema.Draft202012Validator) -> tuple[list[str], list[Any]]:
    """(validate's problems, the schema's errors) for the answers file PATH, read as mcstrat reads it."""
    kind, problems = validate_file(path, catalog)
    assert kind == "answers", problems
    data, _ = load_structured(path, "answers file")
    return problems, list(validator.iter_errors(data))


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # one object drawn twice is written out twice (mcstrat refuses aliases)


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# -- what only validate can catch ------------------------------------------------------------------

#: case -> (what validate says about it, why the schema cannot); docs/method.md and files/schemas.py list these
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "priorities_two_spellings": ("both name the criterion risk", "two spellings of one key"),
    "priorities_key_with_space": ("both name the criterion risk", "two spellings of one key"),
    "swing_two_spellings": ("both name the criterion risk", "two spellings of one key"),
    "ranking_twice": ("appears twice in the ranking", "a criterion named twice in a ranking"),
    "text_out_of_range": ("importance 7 is out of range", "a number written as text is checked for its form"),
    "text_fraction_out_of_range": ("importance 5.5 is out of range", "a fraction's value"),
    "text_too_many_decimals": ("has more decimals than", "digits below the line of a number written as text"),
    "importance_range_backwards": ("runs backwards", "a range's ends in order (their values)"),
    "all_zero": ("every criterion has importance 0", "every importance at 0"),
    "swing_all_zero": ("every swing has 0 points", "every swing at 0 points"),
    "exclude_everything": ("no model is left to rank", "exclusions and limits that leave no model"),
    "limits_leave_nothing": ("no model is left to rank", "exclusions and limits that leave no model"),
}


def only_validate(problem: str, data: Any) -> bool:
    """Whether PROBLEM is of a kind EXCEPTIONS lists (for drawn answers, which have no case name)."""
    kinds = [
        "both name the criterion",
        "appears twice in the ranking",
        "every criterion has importance 0",
        "every swing has 0 points",
        "no model is left to rank",
    ]
    if any(kind in problem for kind in kinds):
        return True
    path = re.search(r"line \d+: ([^:]+): ", problem)
    value = _at(data, path.group(1)) if path else None
    # text: the schema checks its form
    return isinstance(value, str) and ("out of range" in problem or "has more decimals" in problem)


def _at(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


# -- the cases -----------------------------------------------------------------------------------

GOOD: dict[str, dict[str, Any]] = {
    "minimal": {"version": 1},
    "words_any_case": {"version": 1, "priorities": {"risk": "HIGH", "roi": " Critical ", "cost": "none"}},
    "numbers_as_text": {"version": 1, "priorities": {"risk": "2.5", "roi": "1/3", "cost": ".5", "speed": "5e0"}},
    "decimals": {"version": 1, "priorities": {"risk": 2.5, "roi": 0.001, "effort": 0}},
    "keys_any_case": {"version": 1, "priorities": {"RISK": 3, " roi ": 5}},
    "target_any_case": {"version": 1, "priorities": {"horizon": 3}, "target_horizon": " h2 "},
    "targets_key": {"version": 1, "priorities": {"horizon": "high"}, "targets": {"horizon": "H3"}},
    "horizon_zero_without_target": {"version": 1, "priorities": {"horizon": "none", "roi": 5}},
    "horizon_as_zero_text": {"version": 1, "priorities": {"horizon": "0/4", "roi": 5}},
    "exclude_prefixes": {"version": 1, "exclude": ["mooc", "OPX-LED", " sole-inst ", "institutional-business-unit"]},
    "limits": {"version": 1, "require": ["risk<=MED", "Risk <= medium", "horizon != h3", "cost>=low"]},
    "swing": {"version": 1, "swing": {"roi": 100, "risk": "100/3", "cost": 12.5, "speed": 0}},
    "ranking": {"version": 1, "ranking": "ROI > risk = impact>speed"},
    "ranking_with_target": {"version": 1, "ranking": "horizon > roi", "target_horizon": "H1"},
    "weight_text": {"version": 1, "stakeholder_weight": "2"},
    "weight_decimal": {"version": 1, "stakeholder_weight": 0.25, "name": "Finance", "ranges": "pessimistic"},
    "empty_alternatives": {"version": 1, "priorities": {"roi": 4}, "ranking": None},
    "nulls": {"version": 1, "name": None, "target_horizon": None},
}

BAD: dict[str, dict[str, Any]] = {
    "criterion_typo": {"version": 1, "priorities": {"rsik": 3}},
    "word_typo": {"version": 1, "priorities": {"risk": "hgih"}},
    "target_typo": {"version": 1, "target_horizon": "H4"},
    "target_not_a_target_criterion": {"version": 1, "targets": {"risk": "LOW"}},
    "target_level_typo": {"version": 1, "priorities": {"horizon": 2}, "targets": {"horizon": "H5"}},
    "swing_criterion_typo": {"version": 1, "swing": {"roii": 100}},
    "swing_empty": {"version": 1, "swing": {}},
    "swing_over": {"version": 1, "swing": {"roi": 120}},
    "swing_text_form": {"version": 1, "swing": {"roi": "one hundred"}},
    "exclude_typo": {"version": 1, "exclude": ["mooc-lead"]},
    "exclude_ambiguous": {"version": 1, "exclude": ["i"]},
    "limit_level_typo": {"version": 1, "require": ["risk<=MEDIUM-ish"]},
    "limit_word_on_other_scale": {"version": 1, "require": ["horizon<=medium"]},
    "limit_operator": {"version": 1, "require": ["risk=<MED"]},
    "ranking_typo": {"version": 1, "ranking": "roi > rsik"},
    "ranking_empty_place": {"version": 1, "ranking": "roi >> risk"},
    "ranking_empty": {"version": 1, "ranking": "  "},
    "two_ways": {"version": 1, "priorities": {"roi": 5}, "swing": {"roi": 100}},
    "two_ways_ranking": {"version": 1, "swing": {"roi": 100}, "ranking": "roi > risk"},
    "horizon_weighed_without_target": {"version": 1, "priorities": {"horizon": "low"}},
    "swing_horizon_without_target": {"version": 1, "swing": {"horizon": 50, "roi": 100}},
    "ranking_horizon_without_target": {"version": 1, "ranking": "roi > Horizon"},
    "target_twice": {"version": 1, "target_horizon": "H1", "targets": {"horizon": "H1"}},
    "exponent": {"version": 1, "priorities": {"risk": "1e21"}},
    "tiny": {"version": 1, "priorities": {"risk": 1e-21}},
    "fraction_by_zero": {"version": 1, "priorities": {"risk": "1/0"}},
    "weight_fraction": {"version": 1, "stakeholder_weight": "1/2"},
    "weight_over": {"version": 1, "stakeholder_weight": 1001},
    "long_name": {"version": 1, "name": "x" * 201},
    "ranges_case": {"version": 1, "ranges": "Midpoint"},
    "horizon_in_another_case": {"version": 1, "priorities": {"Horizon": 3}},
    "target_twice_in_another_case": {"version": 1, "target_horizon": "H1", "targets": {" Horizon": "H2"}},
    # only validate (EXCEPTIONS)
    "ranking_twice": {"version": 1, "ranking": "roi > risk > ROI"},
    "text_out_of_range": {"version": 1, "priorities": {"risk": "7"}},
    "text_fraction_out_of_range": {"version": 1, "priorities": {"risk": "11/2"}},
    "text_too_many_decimals": {"version": 1, "swing": {"roi": 100, "risk": "0.0000000000000000000001e-20"}},
    "swing_all_zero": {"version": 1, "swing": {"roi": 0, "risk": 0}},
    "limits_leave_nothing": {"version": 1, "require": ["risk<LOW"]},
}


def good_files(catalog: Catalog, folder: Path) -> Iterator[Path]:
    """Every answers file the examples and tests use, the init template and saved questionnaires."""
    yield ROOT / "examples" / "answers.yaml"
    yield from sorted((ROOT / "examples" / "team").glob("*.yaml"))
    inputs = (ROOT / "tests" / "golden" / "inputs").glob("*.yaml")
    yield from sorted(p for p in inputs if p.name not in ("tiny.yaml", "committee.yaml"))  # a models, a group file
    (folder / "template.yaml").write_text(template(catalog), encoding="utf-8")
    yield folder / "template.yaml"
    for i, stated in enumerate(
        [
            {"priorities.roi": "critical", "priorities.horizon": "0.1", "target_horizon": "h2", "exclude": "opx"},
            {"weighting": "swing", "swing_top": "roi", "swing.cost": "40", "require": "risk<=MED"},
            {"weighting": "ranking", "ranking": "roi > risk = cost"},
        ]
    ):
        saved = dump_answers(answers_from(catalog, stated, name="Provost's office: #1"), catalog)
        (folder / f"saved{i}.yaml").write_text(saved, encoding="utf-8")
        yield folder / f"saved{i}.yaml"
    for name, data in GOOD.items():
        yield write(folder, name, data)


def test_every_good_answers_file_passes_both(catalog: Catalog, validator: Any, tmp_path: Path) -> None:
    for path in good_files(catalog, tmp_path):
        problems, errors = judged(path, catalog, validator)
        assert problems == [], path
        assert [e.message for e in errors] == [], path


def bad_cases(folder: Path) -> Iterator[tuple[str, Path]]:
    yield from ((p.stem, p) for p in sorted(BAD_FILES.iterdir()))
    yield from ((name, write(folder, name, data)) for name, data in BAD.items())


def test_every_bad_answers_case_is_refused_by_both_or_is_a_listed_exception(
    catalog: Catalog, validator: Any, tmp_path: Path
) -> None:
    shown: set[str] = set()
    for name, path in bad_cases(tmp_path):
        try:
            data, _ = load_structured(path, "answers file")
        except McstratError:
            # the reader refuses it before any schema applies (syntax, tags, aliases, duplicate keys...)
            assert validate_file(path, catalog)[1], name
            continue
        problems, errors = judged(path, catalog, validator)
        assert problems, f"{name}: validate accepts it"
        if name in EXCEPTIONS:
            said, _why = EXCEPTIONS[name]
            assert any(said in p for p in problems), (name, problems)
            assert errors == [], f"{name}: the schema now refuses it; remove it from EXCEPTIONS"
            shown.add(name)
            continue
        assert errors, f"{name}: only validate refuses it: {problems}"
        schema_paths = [".".join(str(p) for p in e.absolute_path) for e in errors]
        for problem in problems:
            named = re.search(r"line \d+: ([^:]+): ", problem)
            if named is None or only_validate(problem, data):
                continue
            key = named.group(1)
            assert any(key == p or key.startswith(p + ".") or p == "" for p in schema_paths), (
                name,
                problem,
                schema_paths,
            )
    assert shown == set(EXCEPTIONS), f"exceptions with no case: {set(EXCEPTIONS) - shown}"


def test_the_schema_says_where_validate_does(catalog: Catalog, validator: Any, tmp_path: Path) -> None:
    """An editor underlines the key itself: a typo's value, a level, an id, a limit."""
    for name, key in [
        ("word_typo", "priorities.risk"),
        ("target_typo", "target_horizon"),
        ("exclude_typo", "exclude.0"),
        ("limit_level_typo", "require.0"),
        ("ranking_typo", "ranking"),
        ("swing_over", "swing.roi"),
    ]:
        _, errors = judged(write(tmp_path, name, BAD[name]), catalog, validator)
        assert [".".join(map(str, e.absolute_path)) for e in errors] == [key], name


# -- drawn answers ----------------------------------------------------------------------------------

CRITERIA = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
KEYS = st.sampled_from([*CRITERIA, "RISK", " roi", "Horizon", "rsik", "roii", "horizon "])
IMPORTANCES = st.one_of(
    st.sampled_from(["none", "low", "medium", "high", "critical", "HIGH", " low ", "hgih", "", "medium-ish"]),
    st.integers(-2, 7),
    st.floats(-1, 6, allow_nan=False),
    st.sampled_from(["2.5", "1/3", ".5", "5e0", "1e1", "7", "0", "0/3", "1/0", "٥", "2,5", "1e-25", "+3", "-0", " 4 "]),
    st.sampled_from([None, True, [1], 1e-21]),
)
POINTS = st.one_of(st.integers(-10, 130), st.sampled_from(["100/3", "50", "x", "0", "150", 33.3]))
LEVELS = st.sampled_from(["H1", "h2", " H3 ", "H4", "", "LOW", None])
MODELS = st.sampled_from(["mooc", "mooc-led", "OPX", "i", "in", "peer", "sole-institution", "nope", "", "industry"])
LIMITS = st.builds(
    "{}{}{}".format,
    st.sampled_from(["risk", "Risk ", "horizon", "autonomy", "rsik", "speed"]),
    st.sampled_from(["<=", ">=", "<", ">", "==", "=", "!=", "=<", "<<"]),
    st.sampled_from(["LOW", "med", "HIGH", "medium", "low", "H1", "h3", "LOL"]),
)
RANKINGS = st.lists(st.sampled_from([*CRITERIA, "ROI", "rsik", ""]), min_size=1, max_size=5).flatmap(
    lambda names: st.lists(
        st.sampled_from([" > ", "=", ">", " >> "]), min_size=len(names) - 1, max_size=len(names) - 1
    ).map(lambda seps: names[0] + "".join(s + n for s, n in zip(seps, names[1:])))
)
ANSWERS = st.fixed_dictionaries(
    {"version": st.just(1)},
    optional={
        "priorities": st.dictionaries(KEYS, IMPORTANCES, max_size=5),
        "target_horizon": LEVELS,
        "targets": st.dictionaries(st.sampled_from(["horizon", "Horizon", "risk"]), LEVELS, max_size=1),
        "exclude": st.lists(MODELS, max_size=3),
        "require": st.lists(LIMITS, max_size=2),
        "swing": st.dictionaries(KEYS, POINTS, max_size=3),
        "ranking": RANKINGS,
        "stakeholder_weight": st.sampled_from([1, 0, "2", "1/2", 0.5, 1001, "x"]),
        "ranges": st.sampled_from(["midpoint", "optimistic", "Midpoint", "average"]),
    },
)


TABLE_2 = load_catalog()
TABLE_2_SCHEMA = jsonschema.Draft202012Validator(answers_schema(TABLE_2))


@settings(max_examples=300, deadline=None)
@given(data=ANSWERS)
def test_drawn_answers_mean_the_same_to_both(data: dict[str, Any]) -> None:
    """The schema is never stricter than validate, and refuses all validate does but the listed exceptions."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "drawn", data)
        problems, errors = judged(path, TABLE_2, TABLE_2_SCHEMA)
        read, _ = load_structured(path, "answers file")
    if not problems:
        assert [e.message for e in errors] == [], data
    elif not all(only_validate(p, read) for p in problems):
        assert errors, (data, problems)


# -- where the schema comes from ----------------------------------------------------------------------


def test_the_schema_has_the_answers_files_keys(catalog: Catalog) -> None:
    schema = answers_schema(catalog)
    assert list(schema)[:2] == ["$schema", "title"] and schema["$schema"] == JSON_SCHEMA_DIALECT
    assert list(schema["properties"]) == list(AnswersSpec.model_fields)
    assert json.dumps(schema) == json.dumps(answers_schema(catalog))  # deterministic


def test_every_value_is_explained_on_hover(catalog: Catalog) -> None:
    props = answers_schema(catalog)["properties"]
    assert props["priorities"]["properties"]["risk"]["description"].startswith("Risk: How important")
    words = {b["const"]: b["description"] for b in props["priorities"]["properties"]["roi"]["anyOf"] if "const" in b}
    assert words["high"] == "4: matters a lot"
    levels = {b["const"]: b["description"] for b in props["target_horizon"]["anyOf"] if "const" in b}
    assert levels["H1"] == "Horizon H1: extend the core business now"
    models = {b["const"]: b["description"] for b in props["exclude"]["items"]["anyOf"] if "const" in b}
    assert list(models) == catalog.model_ids
    assert models["mooc-led"].startswith(f"{catalog.resolve_model('mooc-led').name}: ")


def test_a_custom_models_file_gets_its_own_schema(tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["criteria"].append({"id": "mode", "label": "Mode", "meaning": "m", "direction": "target", "scale": ["A", "B"]})
    for model in data["models"]:
        model["ratings"]["mode"] = "B"
    custom = catalog_from_data(data)
    schema = answers_schema(custom)
    check = jsonschema.Draft202012Validator(schema)
    assert list(schema["properties"]["priorities"]["properties"]) == custom.criterion_ids
    assert schema["properties"]["target_horizon"]["type"] == "null"  # no horizon here
    assert not list(check.iter_errors({"version": 1, "priorities": {"mode": 2}, "targets": {"mode": "b"}}))
    assert list(check.iter_errors({"version": 1, "priorities": {"mode": 2}}))  # weighed without a target
    assert list(check.iter_errors({"version": 1, "priorities": {"risk": 2}}))  # Table 2's, not this file's
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(app, ["--models", str(models), "schema", "answers"])
    assert result.exit_code == 0 and json.loads(result.stdout) == schema


def test_the_shipped_schema_is_what_the_command_prints() -> None:
    """examples/answers.yaml points editors at examples/answers.schema.json: it must be today's schema."""
    shipped = (ROOT / "examples" / "answers.schema.json").read_bytes()
    result = runner.invoke(app, ["schema", "answers"])
    assert result.exit_code == 0
    assert result.stdout_bytes == shipped, "run: mcstrat schema answers > examples/answers.schema.json"
    assert "$schema=answers.schema.json" in (ROOT / "examples" / "answers.yaml").read_text(encoding="utf-8")


def test_the_shipped_group_schema_is_what_the_command_prints() -> None:
    """examples/committee.yaml points editors at examples/group.schema.json: it must be today's schema."""
    shipped = (ROOT / "examples" / "group.schema.json").read_bytes()
    result = runner.invoke(app, ["schema", "group"])
    assert result.exit_code == 0
    assert result.stdout_bytes == shipped, "run: mcstrat schema group > examples/group.schema.json"
    assert "$schema=group.schema.json" in (ROOT / "examples" / "committee.yaml").read_text(encoding="utf-8")


# -- the group schema against validate -----------------------------------------------------------

#: group files as data; members' paths name the answers files group_folder writes
GOOD_GROUPS = {
    "minimal": {"version": 1, "name": "C", "members": [{"answers": "a.yaml"}]},
    "weights": {
        "version": 1,
        "name": "Committee",
        "ranges": "pessimistic",
        "members": [{"answers": "a.yaml", "weight": 2}, {"answers": "b.yaml", "weight": 0.5}],
    },
    "weight_text": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": "1/3"}]},
    "weight_exponent": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": "1e2"}]},
    "ranges_null": {"version": 1, "name": "C", "ranges": None, "members": [{"answers": "a.yaml"}]},
}
BAD_GROUPS = {
    "version_2": {"version": 2, "name": "C", "members": [{"answers": "a.yaml"}]},
    "no_name": {"version": 1, "members": [{"answers": "a.yaml"}]},
    "empty_name": {"version": 1, "name": "", "members": [{"answers": "a.yaml"}]},
    "no_members": {"version": 1, "name": "C", "members": []},
    "members_mapping": {"version": 1, "name": "C", "members": {"answers": "a.yaml"}},
    "unknown_key": {"version": 1, "name": "C", "members": [{"answers": "a.yaml"}], "weights": [1]},
    "member_unknown_key": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "wieght": 2}]},
    "member_no_answers": {"version": 1, "name": "C", "members": [{"weight": 2}]},
    "answers_empty": {"version": 1, "name": "C", "members": [{"answers": ""}]},
    "weight_zero": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": 0}]},
    "weight_negative": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": -1}]},
    "weight_over": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": 1001}]},
    "weight_true": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": True}]},
    "weight_word": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": "high"}]},
    "weight_arabic": {"version": 1, "name": "C", "members": [{"answers": "a.yaml", "weight": "\u0662"}]},
    "ranges_unknown": {"version": 1, "name": "C", "ranges": "middle", "members": [{"answers": "a.yaml"}]},
}


@pytest.fixture
def group_folder(tmp_path: Path) -> Path:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(f"version: 1\nname: {name}\npriorities: {{roi: 3}}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("case", "good"), [*((k, True) for k in GOOD_GROUPS), *((k, False) for k in BAD_GROUPS)])
def test_group_schema_and_validate_agree(catalog: Catalog, group_folder: Path, case: str, good: bool) -> None:
    from mcstrat.files.group import validate_any
    from mcstrat.files.schemas import group_schema

    schema = group_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = (GOOD_GROUPS if good else BAD_GROUPS)[case]
    path = group_folder / "group.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    kind, problems = validate_any(path, catalog)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert kind == "group"
    assert (problems == []) is good, problems
    assert (errors == []) is good, [e.message for e in errors]


def test_models_schema() -> None:
    schema = models_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    assert list(schema)[:2] == ["$schema", "title"] and schema["title"] == "mcstrat models file"
    assert not list(check.iter_errors(yaml.safe_load(default_path().read_text(encoding="utf-8"))))
    assert [e.message for e in check.iter_errors({**tiny_catalog_data(), "extra": 1})] == [
        "Additional properties are not allowed ('extra' was unexpected)"
    ]


# -- the patterns in JavaScript ---------------------------------------------------------------------


def patterns(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            yield schema["pattern"]
        yield from schema.get("patternProperties", {})
        for value in schema.values():
            yield from patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from patterns(value)


def test_the_patterns_match_alike_in_javascript(catalog: Catalog) -> None:
    """Editors run the patterns as ECMA-262 regular expressions (with the u flag): same answers as Python's re."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from mcstrat.report.writers.pdf import find_browser

    browser_path = find_browser()
    if browser_path is None:
        pytest.skip("no Chromium or Chrome on this machine")
    found = sorted(set(patterns(answers_schema(catalog))))
    texts: set[str] = set()
    for data in [*GOOD.values(), *BAD.values()]:
        texts |= set(_strings(data))
    texts |= {"risk<=MED", "horizon != h3", "roi > risk", "H1\n", "\tH2", "mooc-led", "1e020", "1e021", "-0", "0.e1"}
    texts_list = sorted(texts)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            in_js = page.evaluate(
                "([ps, ts]) => ps.map(p => { const r = new RegExp(p, 'u'); return ts.map(t => r.test(t)); })",
                [found, texts_list],
            )
        finally:
            browser.close()
    in_python = [[re.search(p, t) is not None for t in texts_list] for p in found]
    for pattern, js, py in zip(found, in_js, in_python):
        differ = [t for t, a, b in zip(texts_list, js, py) if a != b]
        assert not differ, (pattern, differ)


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
