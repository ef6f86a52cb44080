"""Loading, validating and looking up the catalogue (catalog.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from mcstrat.core.catalog import Catalog
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.models import default_path, load_catalog
from tests.conftest import tiny_catalog_data, write_yaml


def test_shipped_file_is_inside_the_package() -> None:
    path = default_path()
    assert path.name == "models.yaml" and path.is_file()


def test_ratings_are_normalised_to_the_scale_spelling(catalog: Catalog) -> None:
    unit = catalog.resolve_model("institutional-business-unit")
    assert unit.ratings["impact"] == "MED/HIGH"  # printed "MED/High" in the source
    assert catalog.resolve_model("peer").ratings["effort"] == "HIGH"  # printed "High"


def test_rating_parses_ranges(catalog: Catalog) -> None:
    sole = catalog.resolve_model("sole-institution")
    assert (catalog.rating(sole, "impact").lo, catalog.rating(sole, "impact").hi) == (0, 1)
    assert catalog.rating(sole, "risk").lo == catalog.rating(sole, "risk").hi


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mooc", "mooc-led"),
        ("MOOC-LED", "mooc-led"),
        ("  Sole ", "sole-institution"),
        ("inst", "institutional-business-unit"),
        ("ngo-partnership", "ngo-partnership"),
        ("pr", "professional-body-partnership"),
    ],
)
def test_resolve_model(catalog: Catalog, query: str, expected: str) -> None:
    assert catalog.resolve_model(query).id == expected


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("p", "ambiguous: it could be peer-consortium, professional-body-partnership"),
        ("xyz", "unknown model id 'xyz'"),
        ("moc-led", "did you mean 'mooc-led'"),
        ("", "unknown model id ''"),
    ],
)
def test_resolve_model_errors_list_valid_ids(catalog: Catalog, query: str, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        catalog.resolve_model(query)
    assert fragment in str(err.value)
    assert "sole-institution" in str(err.value) and "opx-led" in str(err.value)


def test_resolve_criterion_suggests(catalog: Catalog) -> None:
    with pytest.raises(InputError, match="did you mean 'risk'"):
        catalog.resolve_criterion("rsik")
    assert catalog.resolve_criterion("ROI").id == "roi"


def _mutate(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(tiny_catalog_data())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()


# One row per class of invalid models file: what is wrong, and the words the message must contain.
INVALID = [
    ("version-missing", ["version"], _DELETE, "version: required key is missing"),
    ("version-unknown", ["version"], 2, "unsupported version 2"),
    ("unknown-top-key", ["extra"], 1, "extra: unknown key"),
    ("no-criteria", ["criteria"], [], "criteria: List should have at least 1 item"),
    ("no-models", ["models"], [], "models: List should have at least 1 item"),
    ("criteria-not-list", ["criteria"], {"a": 1}, "criteria: Input should be a valid list"),
    ("bad-direction", ["criteria", 0, "direction"], "up", "criteria.0.direction"),
    ("scale-too-short", ["criteria", 0, "scale"], ["ONE"], "criteria.0.scale"),
    ("scale-repeats", ["criteria", 0, "scale"], ["LOW", "low", "HIGH"], "repeats a level"),
    ("values-wrong-length", ["criteria", 0, "values"], [0, 1], "values has 2 entries but scale has 3"),
    ("values-not-increasing", ["criteria", 0, "values"], [0, 0.7, 0.5], "strictly increasing"),
    ("values-out-of-range", ["criteria", 0, "values"], [0, 0.5, 2], "criteria.0.values.2"),
    # the guards of every number a person writes (core/exact.py), as for importances (issue 18)
    ("values-tiny", ["criteria", 0, "values"], [0, 1e-300, 1], "values.1: 1e-300 has more decimals than a position"),
    ("values-underscore", ["criteria", 0, "values"], [0, "0.2_5", 1], "values.1: '0.2_5' is not a position"),
    ("values-arabic-indic", ["criteria", 0, "values"], [0, "٠.٥", 1], "which is not one of the ASCII digits 0-9"),
    ("criterion-id-not-slug", ["criteria", 0, "id"], "Gain Rate", "criteria.0.id"),
    ("duplicate-criterion", ["criteria", 1, "id"], "gain", "criterion id 'gain' appears twice"),
    ("duplicate-model", ["models", 1, "id"], "alpha", "model id 'alpha' appears twice"),
    ("duplicate-name", ["models", 1, "name"], "ALPHA", "models.1.name: 'ALPHA' is the name of alpha too ('Alpha')"),
    ("name-alike-but-spaces", ["models", 2, "name"], " alpha\t", "' alpha\\t' is the name of alpha too"),
    ("model-id-not-slug", ["models", 0, "id"], "Alpha!", "models.0.id"),
    ("rating-off-scale", ["models", 0, "ratings", "gain"], "HUGE", "'HUGE' is not on the scale of gain"),
    ("rating-missing", ["models", 0, "ratings"], {"gain": "LOW"}, "alpha has no rating for 'pain'"),
    (
        "rating-unknown-criterion",
        ["models", 0, "ratings", "gian"],
        "LOW",
        "unknown criterion 'gian' (did you mean 'gain'?)",
    ),
    ("range-wrong-order", ["models", 0, "ratings", "gain"], "HIGH/LOW", "write it as LOW/HIGH"),
    ("range-equal-ends", ["models", 0, "ratings", "gain"], "MED/MED", "write it as the single level MED"),
    ("range-three-ends", ["models", 0, "ratings", "gain"], "LOW/MED/HIGH", "more than two ends"),
    ("model-missing-name", ["models", 0, "name"], _DELETE, "models.0.name: required key is missing"),
    ("model-unknown-key", ["models", 0, "colour"], "red", "models.0.colour: unknown key"),
    ("strengths-not-text", ["models", 0, "strengths"], ["a", "b"], "models.0.strengths"),
    ("level-notes-off-scale", ["criteria", 0, "level_notes"], {"HUGE": "x"}, "level_notes names 'HUGE'"),
]


@pytest.mark.parametrize(("case", "path", "value", "fragment"), INVALID, ids=[row[0] for row in INVALID])
def test_invalid_models_file(tmp_path: Path, case: str, path: list[Any], value: Any, fragment: str) -> None:
    file = write_yaml(tmp_path / f"{case}.yaml", _mutate(path, value))
    with pytest.raises(FileProblem) as err:
        load_catalog(file)
    message = str(err.value)
    assert str(file) in message
    assert fragment in message


def test_error_names_the_line(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent.parent / "data" / "models.yaml").read_text(encoding="utf-8")
    file = tmp_path / "models.yaml"
    file.write_text(text.replace("      risk: MED\n", "      risk: MEDIUM\n", 1), encoding="utf-8")
    lines = file.read_text(encoding="utf-8").splitlines()
    expected_line = next(i for i, line in enumerate(lines, 1) if "risk: MEDIUM" in line)
    with pytest.raises(FileProblem) as err:
        load_catalog(file)
    assert f"line {expected_line}: models.1.ratings.risk: 'MEDIUM' is not on the scale" in str(err.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["models"][0]["ratings"]["gain"] = "HUGE"
    data["models"][1]["ratings"]["pain"] = "TINY"
    with pytest.raises(FileProblem) as err:
        load_catalog(write_yaml(tmp_path / "two.yaml", data))
    assert "'HUGE'" in str(err.value) and "'TINY'" in str(err.value)


def test_custom_file_with_extra_criterion_and_values(tmp_path: Path) -> None:
    data = tiny_catalog_data()
    data["criteria"].append(
        {"id": "fit", "label": "Fit", "meaning": "Mission fit.", "direction": "benefit", "scale": ["NO", "YES"]}
    )
    data["criteria"][0]["values"] = [0, 0.8, 1]
    for model, level in zip(data["models"], ["YES", "NO", "yes"]):
        model["ratings"]["fit"] = level
    catalog = load_catalog(write_yaml(tmp_path / "custom.yaml", data))
    assert catalog.criterion_ids == ["gain", "pain", "fit"]
    assert catalog.models[2].ratings["fit"] == "YES"
    assert [str(p) for p in catalog.criterion("gain").positions()] == ["0", "4/5", "1"]
    assert catalog.source is None


def test_json_models_file(tmp_path: Path) -> None:
    import json

    file = tmp_path / "models.json"
    file.write_text(json.dumps(tiny_catalog_data()), encoding="utf-8")
    assert load_catalog(file).model_ids == ["alpha", "beta", "gamma"]


def test_a_cached_catalogue_with_two_models_of_one_name_is_not_trusted(catalog: Catalog) -> None:
    """check_catalog keeps every invariant of a validated file, the new name rule too (issue 18)."""
    from mcstrat.core.catalog import check_catalog

    twin = catalog._replace(models=[catalog.models[0], catalog.models[1]._replace(name=catalog.models[0].name.upper())])
    with pytest.raises(ValueError, match="model names repeat"):
        check_catalog(twin)
