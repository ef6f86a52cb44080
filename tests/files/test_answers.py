"""Saving answers, the init template and validate (files/answers.py)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcstrat.analyses.ranking import rank
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import combine
from mcstrat.core.questionnaire import answers_from, as_loaded
from mcstrat.core.statement import AnswersFile, Overrides
from mcstrat.core.vocabulary import IMPORTANCE_WORDS
from mcstrat.errors import McstratError
from mcstrat.files.answers import dump_answers, load_answers, template, validate_file
from mcstrat.files.models import catalog_from_data, default_path
from tests.conftest import EXAMPLE_ANSWERS, tiny_catalog_data, write_yaml


def ranking_json(catalog: Catalog, path: Path) -> list[tuple[int, str, str]]:
    result = rank(catalog, combine(catalog, load_answers(path), Overrides()))
    return [(r.rank, r.model.id, str(r.score)) for r in result.ranking]


# -- dump_answers ---------------------------------------------------------------------------


def test_saved_questionnaire_replays_the_same_ranking(catalog: Catalog, tmp_path: Path) -> None:
    answers = answers_from(
        catalog,
        {
            "priorities.roi": "critical",
            "priorities.risk": "0.1",
            "target_horizon": "h2",
            "exclude": "opx",
            "require": "risk<=MED",
        },
        name="Provost's office: #1",
    )
    path = tmp_path / "answers.yaml"
    path.write_text(dump_answers(answers, catalog), encoding="utf-8")
    assert load_answers(path).answers == answers
    direct = rank(catalog, combine(catalog, as_loaded(answers), Overrides()))  # as the questionnaire ranked it
    assert ranking_json(catalog, path) == [(r.rank, r.model.id, str(r.score)) for r in direct.ranking]


def test_dump_is_ordered_readable_and_deterministic(catalog: Catalog) -> None:
    answers = AnswersFile(
        version=1,
        priorities={"roi": 5.0, "Risk": "high", "effort": 2.5, "zzz": 1},
        target_horizon="H1",
        exclude=["opx-led"],
        require=["risk<=MED"],
        stakeholder_weight=2,
    )
    text = dump_answers(answers, catalog)
    assert text == dump_answers(answers, catalog)
    assert text.startswith("# mcstrat answers file (version 1)")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body == [
        "version: 1",
        "priorities:",
        "  effort: 2.5",  # criteria order, then unknown keys as given
        "  Risk: high",
        "  roi: 5",
        "  zzz: 1",
        "target_horizon: H1",
        "exclude: [opx-led]",
        "require: [risk<=MED]",
        "ranges: midpoint",
        "stakeholder_weight: 2",
    ]


def test_dump_names_the_file_in_its_commands(catalog: Catalog) -> None:
    text = dump_answers(answers_from(catalog, {}), catalog, file_name="my answers.yaml")
    assert "# Replay the same ranking with:  mcstrat recommend --answers 'my answers.yaml'\n" in text
    assert "# Check it with:  mcstrat validate 'my answers.yaml'\n" in text


def test_example_answers_round_trip(catalog: Catalog, tmp_path: Path) -> None:
    original = load_answers(EXAMPLE_ANSWERS)
    path = tmp_path / "again.yaml"
    path.write_text(dump_answers(original.answers, catalog), encoding="utf-8")
    assert load_answers(path).answers == original.answers
    assert ranking_json(catalog, path) == ranking_json(catalog, EXAMPLE_ANSWERS)


short_text = st.text(min_size=1, max_size=20)
answers_files = st.builds(
    AnswersFile,
    version=st.just(1),
    name=st.none() | st.text(max_size=200),
    priorities=st.dictionaries(
        st.sampled_from(["effort", "horizon", "risk", "roi", "ROI"]) | st.text(min_size=1, max_size=60),
        # the answers file itself refuses importances that are not 0..5 or a word, or need more than 20 decimals
        st.just(0.0)
        | st.floats(min_value=1e-20, max_value=5)
        | st.sampled_from([*IMPORTANCE_WORDS, "0", "2.5", "5", " High "]),
        max_size=10,
    ),
    target_horizon=st.none() | short_text,
    targets=st.dictionaries(st.text(min_size=1, max_size=60), short_text, max_size=3),
    exclude=st.lists(st.text(max_size=60), max_size=4),
    require=st.lists(st.text(max_size=100), max_size=4),
    ranges=st.sampled_from(["midpoint", "optimistic", "pessimistic"]),
    stakeholder_weight=st.none() | st.floats(min_value=1e-20, max_value=1000),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answers_files)
def test_any_answers_file_round_trips(catalog: Catalog, tmp_path: Path, answers: AnswersFile) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(dump_answers(answers, catalog), encoding="utf-8")
    assert load_answers(path).answers == answers


# -- template -------------------------------------------------------------------------------


def test_template_is_a_valid_answers_file(catalog: Catalog, tmp_path: Path) -> None:
    text = template(catalog)
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate_file(path, catalog) == ("answers", [])
    loaded = load_answers(path).answers
    assert loaded.priorities == dict.fromkeys(catalog.criterion_ids, "medium")
    assert loaded.target_horizon == "H1"
    assert (loaded.exclude, loaded.require, loaded.ranges) == ([], [], "midpoint")
    assert loaded == answers_from(catalog, {})  # the template and pressing Enter agree
    assert len(ranking_json(catalog, path)) == 8


def test_template_explains_every_key_and_id(catalog: Catalog) -> None:
    text = template(catalog)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=answers.schema.json"
    assert "mcstrat schema answers > answers.schema.json" in lines[2]
    for mid in catalog.model_ids:
        assert re.search(rf"^#\s+{mid}\s", text, re.M), mid
    for crit in catalog.criteria:
        assert f"  {crit.id}: medium" in lines
        assert re.search(rf"^#\s+{crit.id}\s+{', '.join(crit.scale)}$", text, re.M), crit.id  # its levels
    assert "none = 0, low = 1, medium = 2, high = 4, critical = 5" in text
    assert "H2  build emerging business over the next few years" in text
    for key in [f.name for f in dataclasses.fields(AnswersFile) if f.name != "stakeholder_weight"]:
        assert re.search(rf"^(# )?{key}:", text, re.M), key  # every key, set or commented
    # a member's weight is the convener's call (issue 19): the template points to the group file instead
    assert "stakeholder_weight" not in text
    assert "`mcstrat init --group committee.yaml`" in text
    for mode in ("midpoint", "optimistic", "pessimistic"):
        assert f"#   {mode}" in text
    assert '"risk<=MED"' in text
    assert all(len(line) <= 100 for line in lines)
    assert template(catalog, "s.json", file_name="mine.yaml").startswith(
        "# yaml-language-server: $schema=s.json\n# That line lets editors check and complete this file; write s.json"
    )


def test_template_for_a_custom_catalogue(tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["criteria"].append(
        {"id": "yes", "label": "Mode", "meaning": "m", "direction": "target", "scale": ["Null", "ON"]}
    )
    for model in data["models"]:
        model["ratings"]["yes"] = "ON"
    custom = catalog_from_data(data)
    path = tmp_path / "answers.yaml"
    path.write_text(template(custom), encoding="utf-8")
    assert validate_file(path, custom) == ("answers", [])
    loaded = load_answers(path).answers
    assert loaded.targets == {"yes": "Null"}  # YAML words quoted, so they stay strings
    assert loaded.target_horizon is None
    assert "target_horizon:" not in path.read_text(encoding="utf-8")


# -- validate_file --------------------------------------------------------------------------


def test_validate_passes_the_shipped_files(catalog: Catalog) -> None:
    assert validate_file(default_path(), catalog) == ("models", [])
    assert validate_file(EXAMPLE_ANSWERS, catalog) == ("answers", [])


BAD_ANSWERS = """\
version: 2
priorities:
  rsik: high
  roi: 9
  impact: hgih
  speed: ~
colour: blue
target_horizon: H4
targets:
  risk: LOW
exclude: [opx, zzz, p]
require: ["risk<=LOW", "rsik<MED", "risk~MED"]
ranges: middle
"""


def test_validate_reports_every_problem_with_lines(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_ANSWERS, encoding="utf-8")
    kind, problems = validate_file(path, catalog)
    assert kind == "answers"
    expected = [
        "line 1: version: unsupported version 2",
        "line 3: priorities.rsik: unknown criterion 'rsik' (did you mean 'risk'?)",
        "line 4: priorities.roi: importance 9 is out of range",
        "line 5: priorities.impact: 'hgih' is not an importance (did you mean 'high'?)",
        "line 6: priorities.speed: None is not an importance",
        "line 7: colour: unknown key",
        "line 8: target_horizon: 'H4' is not a level of horizon",
        "line 10: targets.risk: risk is a cost criterion, not a target one",
        "line 11: exclude.1: unknown model id 'zzz'",
        "line 11: exclude.2: model id 'p' is ambiguous",
        "line 12: require.1: unknown criterion 'rsik' (did you mean 'risk'?)",
        "line 12: require.2: 'risk~MED' is not a constraint",
        "line 13: ranges: Input should be 'midpoint', 'optimistic' or 'pessimistic'",
    ]
    assert len(problems) == len(expected), "\n".join(problems)
    for problem, start in zip(problems, expected):
        assert problem.startswith(f"{path}: {start}"), problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "version: 1\npriorities: {effort: 0, horizon: 0, risk: 0, autonomy: 0, speed: 0, cost: 0, impact: 0, roi: 0}\n",
            "line 2: priorities: every criterion has importance 0",
        ),
        (
            "version: 1\npriorities:\n  horizon: high\n",
            "line 3: priorities.horizon: horizon has importance 4 but no target; add 'target_horizon'",
        ),
        (
            "version: 1\nexclude: [sole, institutional, peer, industry, professional, ngo, mooc, opx]\n",
            "line 2: exclude: no model is left to rank",
        ),
        ("version: 1\nrequire: ['risk<=LOW', 'autonomy>=HIGH', 'speed>=HIGH']\n", "line 2: require: no model is left"),
        ("version: 1\npriorities: {cost: yes}\n", "line 2: priorities.cost: True is not an importance"),
        ("", "is empty, not a mapping of answers"),
        ("- 1\n", "is a list, not a mapping of answers"),
        ("version: 1\npriorities: [1\n", "not valid YAML"),
        ("version: 1\nversion: 1\n", "line 2: version: duplicate key"),
    ],
)
def test_validate_single_problems(catalog: Catalog, tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = validate_file(path, catalog)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}: ")
    body = problems[0].removeprefix(f"{path}: ")
    if not problem.startswith("line "):
        body = re.sub(r"^line \d+: ", "", body)  # where a file-level problem has a line, it may say so
    assert body.startswith(problem), problems


@pytest.mark.parametrize(
    "text",
    [
        BAD_ANSWERS,
        "version: 1\npriorities: {effort: 0, horizon: 0, risk: 0, autonomy: 0, speed: 0, cost: 0, impact: 0, roi: 0}\n",
        "version: 1\npriorities:\n  horizon: high\n",
        "version: 1\nexclude: [sole, institutional, peer, industry, professional, ngo, mooc, opx]\n",
        "version: 1\nrequire: ['risk<=LOW', 'autonomy>=HIGH', 'speed>=HIGH']\n",
        "version: 1\ntarget_horizon: H3\npriorities: {horizon: 5, Roi: 2.5}\nrequire: ['risk<=MED']\n",
        "version: 1\npriorities:\n  horizon: none\n",
        "version: 1\nname: x\nstakeholder_weight: 0\n",
    ],
)
def test_validate_agrees_with_recommend(catalog: Catalog, tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        ranking_json(catalog, path)
        accepted = True
    except McstratError:
        accepted = False
    assert (validate_file(path, catalog)[1] == []) == accepted


def test_validate_recognises_models_files(catalog: Catalog, tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["criteria"][0]["direction"] = "sideways"
    data["models"][0]["id"] = "Alpha"
    del data["models"][1]["strengths"]
    path = write_yaml(tmp_path / "models.yaml", data)
    text = path.read_text(encoding="utf-8").splitlines()

    def line(fragment: str) -> int:
        return next(i for i, t in enumerate(text, 1) if fragment in t)

    kind, problems = validate_file(path, catalog)
    assert kind == "models"
    assert [re.sub(r"^(line \d+: [\w.]+): .*", r"\1", p.removeprefix(f"{path}: ")) for p in problems] == [
        f"line {line('direction: sideways')}: criteria.0.direction",
        f"line {line('id: Alpha')}: models.0.id",
        f"line {line('id: beta')}: models.1.strengths",
    ]
    only_criteria = write_yaml(tmp_path / "c.yaml", {"criteria": []})
    assert validate_file(only_criteria, catalog)[0] == "models"
    good = write_yaml(tmp_path / "good.yaml", tiny_catalog_data())
    assert validate_file(good, catalog) == ("models", [])


def test_validate_a_bad_rating_in_a_models_file(catalog: Catalog, tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["models"][2]["ratings"]["gain"] = "MED/LOW"
    path = write_yaml(tmp_path / "models.yaml", data)
    kind, problems = validate_file(path, catalog)
    assert kind == "models"
    assert len(problems) == 1
    assert re.match(
        rf"{re.escape(str(path))}: line \d+: models\.2\.ratings\.gain: range 'MED/LOW' is not in scale order",
        problems[0],
    )


def test_validate_json_answers(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"version": 1, "priorities": {"roi": "high", "risk": 11}}), encoding="utf-8")
    kind, problems = validate_file(path, catalog)
    assert kind == "answers"
    assert len(problems) == 1
    assert re.fullmatch(
        re.escape(f"{path}: ")
        + r"(line 1: )?"
        + re.escape(
            "priorities.risk: importance 11 is out of range; use a "
            "number from 0 to 5, a range such as 3-4, or one of none, low, medium, high, critical"
        ),
        problems[0],
    ), problems


def test_validate_unreadable_files(catalog: Catalog, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert validate_file(missing, catalog) == (
        "unknown",
        [f"{missing}: no such answers or models file; check the path"],
    )
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"version: 1\x00")
    kind, problems = validate_file(binary, catalog)
    assert kind == "unknown" and "binary data" in problems[0]


# -- one checker: validate and every command say the same ---------------------------------------

BAD_ANSWER_FILES = sorted((Path(__file__).parent / "bad_inputs" / "answers").iterdir())


def _problems(message: str, path: Path) -> set[str]:
    """The problems in an error message or a validate report, each without the file's name in front."""
    out = set()
    for line in message.splitlines():
        line = line.strip().removeprefix("Error: ").removeprefix("- ").strip()
        line = line.removeprefix(f"{path}: ")
        if line and not line.startswith(("invalid answers file", "several problems:")) and "problem(s):" not in line:
            out.add(line)
    return out


@pytest.mark.parametrize("path", BAD_ANSWER_FILES, ids=[p.name for p in BAD_ANSWER_FILES])
def test_validate_finds_every_problem_a_command_refuses_the_file_for(path: Path) -> None:
    """The one answers checker is behind both: whatever `recommend` says of a file, `validate` says too."""
    from typer.testing import CliRunner

    from mcstrat.cli import app

    runner = CliRunner(env={"COLUMNS": "200", "CI": "true"})
    recommend = runner.invoke(app, ["recommend", "--answers", str(path)])
    validate = runner.invoke(app, ["validate", str(path)])
    assert recommend.exit_code == validate.exit_code == 2, (recommend.output, validate.output)
    said, listed = _problems(recommend.stderr, path), _problems(validate.stderr, path)
    assert said and said <= listed, f"recommend: {said}\nvalidate: {listed}"
