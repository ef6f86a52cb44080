"""Shared fixtures: the shipped catalogue, a CLI runner at 80 columns, small custom catalogues."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mcstrat.core.catalog import Catalog
from mcstrat.files.models import catalog_from_data, load_catalog

ROOT = Path(__file__).resolve().parent.parent

# Tests never read or write the user's cache of validated files: they get a fresh one of their
# own (inherited by the subprocesses they start).
os.environ["MCSTRAT_CACHE_DIR"] = tempfile.mkdtemp(prefix="mcstrat-test-cache-")
EXAMPLE_ANSWERS = ROOT / "examples" / "answers.yaml"


def make_runner() -> CliRunner:
    """A runner whose tables are laid out for 80 columns, with no CI or debug settings leaking in."""
    return CliRunner(env={"COLUMNS": "80", "MCSTRAT_DEBUG": None, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": None})


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def tiny_catalog_data(**overrides: Any) -> dict[str, Any]:
    """A two-criterion, three-model catalogue for hand-worked examples."""
    data: dict[str, Any] = {
        "version": 1,
        "criteria": [
            {
                "id": "gain",
                "label": "Gain",
                "meaning": "What we get.",
                "direction": "benefit",
                "scale": ["LOW", "MED", "HIGH"],
            },
            {
                "id": "pain",
                "label": "Pain",
                "meaning": "What it costs.",
                "direction": "cost",
                "scale": ["LOW", "MED", "HIGH"],
            },
        ],
        "models": [
            {
                "id": "alpha",
                "name": "Alpha",
                "description": "A",
                "ratings": {"gain": "HIGH", "pain": "HIGH"},
                "strengths": "s",
                "weaknesses": "w",
            },
            {
                "id": "beta",
                "name": "Beta",
                "description": "B",
                "ratings": {"gain": "LOW", "pain": "LOW"},
                "strengths": "s",
                "weaknesses": "w",
            },
            {
                "id": "gamma",
                "name": "Gamma",
                "description": "C",
                "ratings": {"gain": "LOW/MED", "pain": "MED"},
                "strengths": "s",
                "weaknesses": "w",
            },
        ],
    }
    data.update(overrides)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "tiny.yaml", tiny_catalog_data())


@pytest.fixture
def tiny_catalog() -> Catalog:
    return catalog_from_data(tiny_catalog_data())
