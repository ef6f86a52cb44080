"""data/models.yaml mirrors Table 2 of Brown, McGreal & Peters (2023) cell for cell.

The rows below are copied verbatim from the flattened text of the table (the seed document),
where cells run together; the test splits them into cells and compares with the data file.
"""

from __future__ import annotations

import re

import pytest

from mcstrat.core.catalog import Catalog

FLATTENED = {
    "effort": "EffortMEDMEDHighMEDMEDMEDLOWLOW",
    "horizon": "HorizonH1H2/H3H2/H3H1/H2H1H1H2H2/H3",
    "risk": "RiskLOWMEDMEDLOWLOWLOWLOWMED",
    "autonomy": "AutonomyHIGHHIGHMEDMEDMEDMEDMEDLOW",
    "speed": "Speed to MarketMEDHIGHLOWMEDMEDMEDHIGHHIGH",
    "cost": "CostsMEDMEDMEDLOWLOWLOWMEDMED",
    "impact": "Impact/BenefitsLOW/MEDMED/HighMED/HIGHMEDMEDMEDLOW/MEDMED/HIGH",
    "roi": "Return on InvestmentLOW/MEDMED/HighMEDMEDMEDMEDLOW/MEDMED/HIGH",
}
COLUMNS = (
    "SOLE INSTITUTION",
    "INSTITUTIONAL BUSINESS UNIT",
    "PEER CONSORTIUM",
    "INDUSTRY LED OR PARTNERSHIP",
    "PROF. BODY LED OR PARTNERSHIP",
    "NGO LED OR PARTNERSHIP",
    "MOOC LED",
    "OPX LED",
)
IDS = (
    "sole-institution",
    "institutional-business-unit",
    "peer-consortium",
    "industry-partnership",
    "professional-body-partnership",
    "ngo-partnership",
    "mooc-led",
    "opx-led",
)
_CELL = re.compile(r"(?:LOW|MED|HIGH|High|H[123])(?:/(?:LOW|MED|HIGH|High|H[123]))?")


def cells(row: str, label: str) -> list[str]:
    assert row.startswith(label)
    found = _CELL.findall(row[len(label) :])
    assert "".join(found) == row[len(label) :], "every character of the row belongs to a cell"
    return [c.upper() for c in found]


def test_models_are_the_tables_columns_in_order(catalog: Catalog) -> None:
    assert tuple(catalog.model_ids) == IDS
    assert tuple(m.heading for m in catalog.models) == COLUMNS


@pytest.mark.parametrize("cid", list(FLATTENED))
def test_every_rating_matches_the_source_row(catalog: Catalog, cid: str) -> None:
    crit = catalog.criterion(cid)
    expected = cells(FLATTENED[cid], crit.source_label or "")
    assert len(expected) == 8
    assert [m.ratings[cid] for m in catalog.models] == expected


def test_sixty_four_ratings(catalog: Catalog) -> None:
    assert sum(len(m.ratings) for m in catalog.models) == 64


@pytest.mark.parametrize(
    ("mid", "description", "example"),
    [
        ("sole-institution", "College or university-wide", "PowerEd"),
        ("institutional-business-unit", "Commercial unit or Subsidiary", "Mentem"),
        ("peer-consortium", "Strategic alliance", "ECIU University"),
        ("industry-partnership", "Major company or organisation", "Skillnet Ireland"),
        (
            "professional-body-partnership",
            "Discipline or sector body or association",
            "British Mental Health Foundation",
        ),
        ("ngo-partnership", "Independent organisation or charitable trust", "Institute of Health Economics"),
        ("mooc-led", "MOOC platform", "Coursera, EdX, FutureLearn"),
        ("opx-led", "Commercial supplier or partner", "FourthRev"),
    ],
)
def test_description_and_example(catalog: Catalog, mid: str, description: str, example: str) -> None:
    model = catalog.resolve_model(mid)
    assert (model.description, model.example) == (description, example)


@pytest.mark.parametrize(
    ("mid", "strength_start", "weakness_end"),
    [
        (
            "sole-institution",
            "Centralised approach with high autonomy",
            "core business model and organisational culture",
        ),
        (
            "institutional-business-unit",
            "Potential for fast, flexible and “agile” response",
            "potential for mission creep",
        ),
        (
            "peer-consortium",
            "Bigger footprint, safety in numbers",
            "hard to sustain over time without external funding",
        ),
        ("industry-partnership", "Packaged, tested solution", "with more of a vocational focus"),
        (
            "professional-body-partnership",
            "More agility due to one decision-maker",
            "reputation if you fail to deliver",
        ),
        (
            "ngo-partnership",
            "More agility due to working with just one partner",
            "need signoff for each step of the process",
        ),
        ("mooc-led", "Proven online platform", "Loss of brand recognition and limited system integration"),
        ("opx-led", "Strong industry connections", "high percentage of revenue is shared with partner"),
    ],
)
def test_strengths_and_weaknesses(catalog: Catalog, mid: str, strength_start: str, weakness_end: str) -> None:
    model = catalog.resolve_model(mid)
    assert model.strengths.startswith(strength_start)
    assert model.weaknesses.endswith(weakness_end)


def test_criteria_declared_as_data(catalog: Catalog) -> None:
    directions = {c.id: c.direction for c in catalog.criteria}
    assert directions == {
        "effort": "cost",
        "horizon": "target",
        "risk": "cost",
        "autonomy": "benefit",
        "speed": "benefit",
        "cost": "cost",
        "impact": "benefit",
        "roi": "benefit",
    }
    assert catalog.criterion("horizon").scale == ["H1", "H2", "H3"]
    assert all(c.scale == ["LOW", "MED", "HIGH"] for c in catalog.criteria if c.id != "horizon")


def test_source_block_attributes_the_table(catalog: Catalog) -> None:
    src = catalog.source
    assert src is not None
    assert src.doi == "10.5334/jime.801"
    assert src.licence == "CC BY 4.0"
    assert src.adapted_from == "Presant (2020)"
    assert "Brown" in src.citation and "McGreal" in src.citation and "Peters" in src.citation


def test_two_models_share_identical_ratings(catalog: Catalog) -> None:
    """Ties are real in this data: the engine must treat them exactly."""
    body, ngo = catalog.resolve_model("professional-body"), catalog.resolve_model("ngo")
    assert body.ratings == ngo.ratings
