"""Property tests: random answers and models files, valid and invalid, through the real CLI app.

Whatever a file holds, exactly one of two things happens: a ranking on stdout (exit 0, JSON), or
exit 2 with a message on stderr and nothing on stdout. No other exit code, no escaping exception.
The runs are in-process (CliRunner); the subprocess checks live in test_bad_inputs.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mcstrat.cli import app
from mcstrat.core.catalog import same_name
from mcstrat.files.models import load_catalog

runner = CliRunner(env={"COLUMNS": "80", "CI": "true", "MCSTRAT_DEBUG": None})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CATALOG = load_catalog()
CRITERIA = CATALOG.criterion_ids
PLAIN_CRITERIA = [c for c in CRITERIA if c != "horizon"]
MODEL_IDS = CATALOG.model_ids
WORDS = ["none", "low", "medium", "high", "critical"]
TOP_KEYS = [
    "version",
    "name",
    "priorities",
    "target_horizon",
    "targets",
    "exclude",
    "require",
    "ranges",
    "stakeholder_weight",
]
ALWAYS_TRUE = ["risk<=HIGH", "autonomy>=LOW", "horizon>=H1", "cost <= high"]


# -- running -----------------------------------------------------------------------------------


class Outcome:
    """One run of the CLI, checked against the only two things that may ever happen."""

    def __init__(self, args: list[str]) -> None:
        result = runner.invoke(app, args)
        self.args = args
        self.code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        shown = f"{args}: exit {self.code}\n--- stdout ---\n{self.stdout[:2000]}\n--- stderr ---\n{self.stderr[:2000]}"
        self.shown = shown
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"an exception escaped: {result.exception!r}\n{shown}"
        )
        assert self.code in (0, 2), f"exit code must be 0 (ranked) or 2 (bad input)\n{shown}"
        if self.code == 0:
            self.data = json.loads(self.stdout)
        else:
            assert self.stdout == "", f"a failing command printed on stdout\n{shown}"
            assert self.stderr.startswith("Error: "), f"a failing command gave no message\n{shown}"
            assert "Traceback" not in self.stderr, shown

    def assert_ranked(self, expected: int | None = None) -> list[dict[str, Any]]:
        assert self.code == 0, f"expected a ranking\n{self.shown}"
        ranking = self.data["ranking"]
        assert ranking, self.shown
        scores = [row["score"] for row in ranking]
        assert scores == sorted(scores, reverse=True), self.shown
        assert all(0 <= s <= 100 for s in scores), self.shown
        if expected is not None:
            assert len(ranking) == expected, self.shown
        return list(ranking)

    def assert_refused(self, path: Path) -> None:
        assert self.code == 2, f"expected exit 2 for a bad file\n{self.shown}"
        assert str(path) in self.stderr, f"the message should name the file\n{self.shown}"


def write(path: Path, data: Any, as_json: bool) -> Path:
    """DATA as a YAML or JSON file (JSON may hold NaN and Infinity, as hand-edited files do)."""
    target = path.with_suffix(".json" if as_json else ".yaml")
    if as_json:
        target.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    else:
        target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def recommend(path: Path) -> Outcome:
    return Outcome(["recommend", "--answers", str(path), "--format", "json"])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


# -- answers files -----------------------------------------------------------------------------

good_importance = st.one_of(
    st.integers(0, 5),
    st.just(0.0),
    st.floats(1e-20, 5),  # an exponent below -20 is refused, as in text (core/exact.py)
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.integers(0, 5).map(str),
    st.sampled_from(["2.5", " 4 ", "1/2", "0.0", "5.0"]),
)
bad_importance = st.one_of(
    st.integers(6, 10**30),
    st.integers(-(10**30), -1),
    st.floats(5, 1e308, exclude_min=True),
    st.floats(-1e308, 0, exclude_max=True),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.none(),
    st.lists(st.integers(0, 5), max_size=3),
    st.dictionaries(st.sampled_from(WORDS), st.integers(0, 5), max_size=2),
    st.sampled_from(["hgih", "very", "6", "-1", "1e400", "1.0e+400", "nan", "inf", "5.0000001", "1/0", "", "0x10"]),
    st.floats(0, 1e-21, exclude_min=True),  # more decimals than an importance needs
    st.sampled_from(["٥", "𝟓", "۰", "1_0", "2.٥"]),  # digits other than 0-9, and Python's underscores
)


@st.composite
def valid_answers(draw: st.DrawFn) -> tuple[dict[str, Any], int]:
    """A valid answers file, and how many models its ranking must hold."""
    plain = draw(st.lists(st.sampled_from(PLAIN_CRITERIA), unique=True, max_size=len(PLAIN_CRITERIA)))
    priorities: dict[str, Any] = {c: draw(good_importance) for c in plain}
    priorities[draw(st.sampled_from(PLAIN_CRITERIA))] = draw(st.integers(1, 5))  # never all zero
    data: dict[str, Any] = {"version": 1}
    if draw(st.booleans()):
        data["name"] = draw(st.text(max_size=40))
    data["priorities"] = priorities
    horizon = draw(st.sampled_from(["absent", "zero", "targeted"]))
    if horizon == "zero":
        priorities["horizon"] = 0
    elif horizon == "targeted":
        priorities["horizon"] = draw(good_importance)
        data["target_horizon"] = draw(st.sampled_from(["H1", "H2", "H3", "h2"]))
    exclude = draw(st.lists(st.sampled_from(MODEL_IDS), unique=True, max_size=len(MODEL_IDS) - 1))
    if exclude:
        data["exclude"] = exclude
    require = draw(st.lists(st.sampled_from(ALWAYS_TRUE), unique=True, max_size=2))
    if require:
        data["require"] = require
    if draw(st.booleans()):
        data["ranges"] = draw(st.sampled_from(["midpoint", "optimistic", "pessimistic"]))
    if draw(st.booleans()):
        data["stakeholder_weight"] = draw(st.floats(0.01, 1000))
    return data, len(MODEL_IDS) - len(exclude)


def _unknown_word(prefix: str) -> st.SearchStrategy[str]:
    return st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).map(lambda s: prefix + s)


@st.composite
def invalid_answers(draw: st.DrawFn) -> tuple[Any, str]:
    """A valid answers file with exactly one thing broken, and what was broken."""
    data, _ = draw(valid_answers())
    fault = draw(
        st.sampled_from(
            [
                "bad importance",
                "unknown criterion",
                "unknown key",
                "version",
                "unknown model",
                "bad constraint",
                "bad target",
                "horizon without target",
                "all zero",
                "priorities not a mapping",
                "not a mapping",
                "ranges",
                "stakeholder weight",
            ]
        )
    )
    if fault == "bad importance":
        data["priorities"][draw(st.sampled_from(CRITERIA))] = draw(bad_importance)
        data["target_horizon"] = "H1"
    elif fault == "unknown criterion":
        data["priorities"][draw(_unknown_word("zz"))] = draw(good_importance)
    elif fault == "unknown key":
        data[draw(_unknown_word("extra_"))] = draw(st.integers())
    elif fault == "version":
        data["version"] = draw(st.sampled_from([0, 2, 99, -1, "one", "v1", None, [1], 1.5]))
    elif fault == "unknown model":
        data["exclude"] = [*data.get("exclude", []), draw(_unknown_word("zz-"))]
    elif fault == "bad constraint":
        data["require"] = [
            draw(st.sampled_from(["risk<<MED", "risk<=LOL", "rsik<=MED", "risk", "<=MED", "risk<=", "risk=>MED"]))
        ]
    elif fault == "bad target":
        data["priorities"]["horizon"] = 3
        data["target_horizon"] = draw(st.sampled_from(["H0", "H4", "H9", "soon", "", "H1/H2"]))
    elif fault == "horizon without target":
        data["priorities"]["horizon"] = draw(st.integers(1, 5))
        data.pop("target_horizon", None)
    elif fault == "all zero":
        data["priorities"] = {c: draw(st.sampled_from([0, 0.0, "none", "0"])) for c in CRITERIA}
    elif fault == "priorities not a mapping":
        data["priorities"] = draw(
            st.one_of(st.lists(st.sampled_from(CRITERIA), max_size=3), st.text(max_size=5), st.integers())
        )
    elif fault == "not a mapping":
        data = draw(st.one_of(st.lists(st.integers(), max_size=3), st.integers(), st.text(max_size=10)))
    elif fault == "ranges":
        data["ranges"] = draw(st.sampled_from(["average", "mid", "", "MIDPOINT?", 3]))
    elif fault == "stakeholder weight":
        data["stakeholder_weight"] = draw(st.sampled_from([0, -1, 1001, math.inf, "heavy"]))
    return data, fault


@SETTINGS
@given(case=valid_answers(), as_json=st.booleans())
def test_valid_answers_give_a_ranking(workdir: Path, case: tuple[dict[str, Any], int], as_json: bool) -> None:
    data, size = case
    path = write(workdir / "valid", data, as_json)
    ranking = recommend(path).assert_ranked(size)
    assert not set(data.get("exclude", [])) & {row["id"] for row in ranking}


@SETTINGS
@given(case=invalid_answers(), as_json=st.booleans())
def test_invalid_answers_are_refused(workdir: Path, case: tuple[Any, str], as_json: bool) -> None:
    data, fault = case
    path = write(workdir / "invalid", data, as_json)
    outcome = recommend(path)
    assert outcome.code == 2, f"broken ({fault}) but accepted\n{outcome.shown}"
    if fault not in ("all zero",):  # known: that message does not name the file (see test_bad_inputs.py)
        outcome.assert_refused(path)


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**400), 10**400),
        st.floats(),
        st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 5, 6, -1]),
        st.sampled_from(WORDS + CRITERIA + MODEL_IDS + ["H1", "H9", "risk<=MED", "risk<<MED", "midpoint"]),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(TOP_KEYS + CRITERIA), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=20,
)


@st.composite
def anything_like_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Random mappings built from the real keys, criteria, ids and words, with random values."""
    data: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(TOP_KEYS), unique=True)):
        if key == "priorities" and draw(st.booleans()):
            data[key] = draw(st.dictionaries(st.sampled_from(CRITERIA), json_values, max_size=8))
        elif key == "version" and draw(st.booleans()):
            data[key] = 1
        else:
            data[key] = draw(json_values)
    return data


@SETTINGS
@given(data=st.one_of(anything_like_answers(), json_values), as_json=st.booleans())
def test_random_answers_never_crash(workdir: Path, data: Any, as_json: bool) -> None:
    path = write(workdir / "random", data, as_json)
    outcome = recommend(path)
    if outcome.code == 0:
        outcome.assert_ranked()


@SETTINGS
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))))
def test_random_bytes_never_crash(workdir: Path, content: bytes) -> None:
    path = workdir / "bytes.yaml"
    path.write_bytes(content)
    outcome = recommend(path)
    if outcome.code == 0:
        outcome.assert_ranked()


# -- models files ------------------------------------------------------------------------------

slug = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,4})?", fullmatch=True)
level = st.from_regex(r"[A-Z][A-Z0-9]{0,5}", fullmatch=True)
text = st.text(min_size=1, max_size=30)


@st.composite
def criterion(draw: st.DrawFn, cid: str, direction: str) -> dict[str, Any]:
    scale = draw(st.lists(level, min_size=2, max_size=5, unique_by=str.upper))
    out: dict[str, Any] = {
        "id": cid,
        "label": cid.title()[:40],
        "meaning": draw(text),
        "direction": direction,
        "scale": scale,
    }
    if draw(st.booleans()):
        # interior positions are free; the ends are 0 and 1 (the models file requires it)
        inner = draw(
            st.lists(
                st.floats(1e-20, 1, exclude_max=True),  # an exponent below -20 is refused (core/exact.py)
                min_size=len(scale) - 2,
                max_size=len(scale) - 2,
                unique=True,
            )
        )
        out["values"] = [0.0, *sorted(inner), 1.0]
    return out


@st.composite
def rating(draw: st.DrawFn, scale: list[str]) -> str:
    lo = draw(st.integers(0, len(scale) - 1))
    if lo < len(scale) - 1 and draw(st.booleans()):
        hi = draw(st.integers(lo + 1, len(scale) - 1))
        return f"{scale[lo]}/{scale[hi]}"
    return scale[lo] if draw(st.booleans()) else scale[lo].lower()


@st.composite
def valid_models(draw: st.DrawFn) -> dict[str, Any]:
    """A small, valid catalogue: 1-4 criteria (at least one not a target), 1-5 models."""
    ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    directions = [draw(st.sampled_from(["benefit", "cost", "target"])) for _ in ids]
    directions[0] = draw(st.sampled_from(["benefit", "cost"]))
    criteria = [draw(criterion(cid, d)) for cid, d in zip(ids, directions)]
    models = []
    mids = draw(st.lists(slug, min_size=1, max_size=5, unique=True))
    # names must differ however they are cased or spaced, as ids must
    names = draw(st.lists(text, min_size=len(mids), max_size=len(mids), unique_by=same_name))
    for mid, name in zip(mids, names):
        models.append(
            {
                "id": mid,
                "name": name,
                "description": draw(text),
                "ratings": {c["id"]: draw(rating(c["scale"])) for c in criteria},
                "strengths": draw(text),
                "weaknesses": draw(text),
            }
        )
    return {"version": 1, "criteria": criteria, "models": models}


@st.composite
def invalid_models(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data = draw(valid_models())
    crit = data["criteria"][0]
    model = data["models"][0]
    scale = crit["scale"]
    fault = draw(
        st.sampled_from(
            [
                "off scale",
                "missing rating",
                "extra rating",
                "duplicate model",
                "wrong order",
                "equal ends",
                "three ends",
                "not a slug",
                "no models",
                "repeated level",
                "values length",
                "values order",
                "version",
                "unknown key",
                "direction",
                "rating type",
            ]
        )
    )
    if fault == "off scale":
        model["ratings"][crit["id"]] = "ZZZZZZZZ"
    elif fault == "missing rating":
        del model["ratings"][crit["id"]]
    elif fault == "extra rating":
        model["ratings"]["zz-unknown"] = scale[0]
    elif fault == "duplicate model":
        data["models"].append(dict(model))
    elif fault == "wrong order":
        model["ratings"][crit["id"]] = f"{scale[-1]}/{scale[0]}"
    elif fault == "equal ends":
        model["ratings"][crit["id"]] = f"{scale[0]}/{scale[0]}"
    elif fault == "three ends":
        model["ratings"][crit["id"]] = "/".join([scale[0], scale[0], scale[-1]])
    elif fault == "not a slug":
        model["id"] = draw(st.sampled_from(["Bad Id", "UPPER", "-lead", "trail-", "a--b", "under_score", ""]))
    elif fault == "no models":
        data["models"] = []
    elif fault == "repeated level":
        crit["scale"] = [*scale, scale[0].lower()]
        crit.pop("values", None)
    elif fault == "values length":
        crit["values"] = [i / len(scale) for i in range(len(scale) + 1)]  # one too many
    elif fault == "values order":
        crit["values"] = [1.0 - i / len(scale) for i in range(len(scale))]
    elif fault == "version":
        data["version"] = draw(st.sampled_from([0, 2, "one", None]))
    elif fault == "unknown key":
        model[draw(_unknown_word("extra_"))] = draw(text)
    elif fault == "direction":
        crit["direction"] = draw(st.sampled_from(["up", "down", "", "Benefit"]))
    elif fault == "rating type":
        model["ratings"][crit["id"]] = draw(
            st.one_of(st.integers(), st.none(), st.lists(st.just(scale[0]), max_size=2))
        )
    return data, fault


def models_json(path: Path) -> Outcome:
    return Outcome(["--models", str(path), "models", "--format", "json"])


@SETTINGS
@given(data=valid_models(), as_json=st.booleans())
def test_valid_models_files_are_listed_and_ranked(workdir: Path, data: dict[str, Any], as_json: bool) -> None:
    path = write(workdir / "models", data, as_json)
    listed = models_json(path)
    assert listed.code == 0, listed.shown
    assert [m["id"] for m in listed.data] == [m["id"] for m in data["models"]]
    first = data["criteria"][0]["id"]
    ranked = Outcome(["--models", str(path), "recommend", "--weight", f"{first}=3", "--format", "json"])
    ranked.assert_ranked(len(data["models"]))


@SETTINGS
@given(case=invalid_models(), as_json=st.booleans())
def test_invalid_models_files_are_refused(workdir: Path, case: tuple[dict[str, Any], str], as_json: bool) -> None:
    data, fault = case
    path = write(workdir / "bad-models", data, as_json)
    outcome = models_json(path)
    assert outcome.code == 2, f"broken ({fault}) but accepted\n{outcome.shown}"
    outcome.assert_refused(path)


@SETTINGS
@given(
    data=st.one_of(valid_models().map(lambda d: {**d, "models": d["models"] + [{}]}), json_values),
    as_json=st.booleans(),
)
def test_random_models_files_never_crash(workdir: Path, data: Any, as_json: bool) -> None:
    path = write(workdir / "random-models", data, as_json)
    outcome = models_json(path)
    if outcome.code == 0:
        assert isinstance(outcome.data, list)


# -- the reader itself: same data as yaml.safe_load, with either parser ------------------------

plain_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**300), 10**300),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=25,
)


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python fallback."""
    if request.param == "pure-python":
        import types

        monkeypatch.setattr(yaml, "cyaml", types.SimpleNamespace(), raising=False)
    elif getattr(getattr(yaml, "cyaml", None), "CParser", None) is None:
        pytest.skip("PyYAML is installed without libyaml")
    return str(request.param)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)  # the parser fixture is meant to hold for every example
@given(data=plain_values, flow=st.booleans())
def test_reader_reads_what_safe_load_reads(workdir: Path, parser: str, data: Any, flow: bool) -> None:
    from mcstrat.files.reading import load_structured

    path = workdir / "plain.yaml"
    path.write_text(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True), encoding="utf-8")
    assert load_structured(path, "file")[0] == yaml.safe_load(path.read_text(encoding="utf-8"))
