"""The sensitivity view: JSON's `sensitivity`, the sentence under the ranking and on a record's page 1."""

from __future__ import annotations

import json

from mcstrat.analyses.sensitivity import Cell, Sensitivity
from mcstrat.decide import Decision, Request, decide, for_record
from mcstrat.decide.decision import Firmness
from mcstrat.report import data as report_data
from mcstrat.report import documents
from mcstrat.report.document import Note, Paragraph
from mcstrat.report.record import decision_record
from mcstrat.report.views import sensitivity
from mcstrat.report.writers import markdown
from tests.conftest import EXAMPLE_ANSWERS

IBU = "institutional-business-unit"


def example() -> Decision:
    return decide(Request(answers=(EXAMPLE_ANSWERS,)))


def test_json_lists_every_cell_and_min_changes() -> None:
    decision = example()
    found = report_data.recommend(decision)["sensitivity"]
    assert found["min_changes"] == 1
    assert len(found["cells"]) == 23
    assert found["cells"][1] == {
        "model": IBU,
        "criterion": "risk",
        "from": "MED",
        "to": "HIGH",
        "winner": ["professional-body-partnership", "ngo-partnership"],
    }
    assert list(found["cells"][0]) == ["model", "criterion", "from", "to", "winner"]
    # the key sits after the summary, before the inputs
    keys = list(report_data.recommend(decision))
    assert keys.index("sensitivity") == keys.index("summary") + 1
    json.dumps(found)  # plain JSON


def test_sentence_names_the_cells_in_plain_words() -> None:
    assert sensitivity.sentence(example()) == (
        "The ranking hangs on 23 single ratings of the table, each one level up or down: Professional body / NGO "
        "led or partnership (rated identically) would share first place if Institutional business unit's effort were "
        "HIGH instead of MED, its risk HIGH instead of MED or its autonomy MED instead of HIGH; and 20 more ratings "
        "like these."
    )


def test_sentence_for_more_moves_none_and_nothing_left() -> None:
    decision = example()
    two = decision._replace(sensitivity=Sensitivity((IBU,), (), 2))
    assert sensitivity.sentence(two) == (
        "No single rating of the table, one level up or down, changes the winner; two such changes together can."
    )
    assert sensitivity.blocks(two) == []
    none = decision._replace(sensitivity=Sensitivity((IBU,), (), None))
    assert sensitivity.sentence(none) == (
        "Not even three ratings of the table, each one level up or down, change the winner."
    )
    gone = decision._replace(sensitivity=Sensitivity((IBU,), (Cell(IBU, "risk", "MED", "HIGH", ()),), 1))
    assert sensitivity.sentence(gone) == (
        "The ranking hangs on one rating of the table, one level up or down: no model would be left to rank if "
        "Institutional business unit's risk were HIGH instead of MED."
    )
    cells = (
        Cell(IBU, "roi", "MED/HIGH", "LOW/MED", ("mooc-led",)),
        Cell("mooc-led", "cost", "MED", "LOW", ("mooc-led",)),
        Cell("mooc-led", "risk", "MED", "LOW", ("mooc-led", IBU)),
    )
    several = decision._replace(sensitivity=Sensitivity((IBU,), cells, 1))
    assert sensitivity.sentence(several) == (
        "The ranking hangs on 3 single ratings of the table, each one level up or down: MOOC led would come first "
        "if Institutional business unit's return on investment were LOW/MED instead of MED/HIGH or MOOC led's cost "
        "LOW instead of MED; MOOC led and Institutional business unit would tie for first if MOOC led's risk were "
        "LOW instead of MED."
    )
    assert sensitivity.data(decision._replace(sensitivity=None)) == {}


def test_one_note_under_the_ranking_names_the_first_cell() -> None:
    decision = example()
    blocks = sensitivity.blocks(decision)
    assert len(blocks) == 1 and isinstance(blocks[0], Note)
    assert blocks[0].text == (
        "The ranking hangs on 23 single ratings of the table: if Institutional business unit's effort were HIGH "
        "instead of MED, Professional body / NGO led or partnership (rated identically) would share first place "
        "(and 22 more like it).",
    )
    document = documents.recommend(decision)
    assert blocks[0] in document.sections[0].blocks
    assert "The ranking hangs on 23 single ratings" in markdown.write(document)


def test_record_page_one_states_the_sentence() -> None:
    decision = for_record(example(), Firmness(samples=500))
    record = decision_record(decision, date="2026-12-03")
    summary = record.sections[0]
    assert Paragraph((sensitivity.sentence(decision),)) in summary.blocks
