"""The Markdown decision record: sections, content, escaping and determinism."""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction
from typing import Any

import pytest

from mcstrat.catalog import load_catalog
from mcstrat.engine import rank
from mcstrat.errors import McstratError
from mcstrat.group import GroupResult, Stakeholder, group_rank
from mcstrat.priorities import Priorities
from mcstrat.report import decision_record
from mcstrat.robustness import SmaaResult, StabilityInterval

CAT = load_catalog()
DATE = "2025-03-14"
HASH = "0123456789abcdef" * 4
F = Fraction


def only(**importances: Any) -> dict[str, Any]:
    out: dict[str, Any] = {c.id: 0 for c in CAT.criteria}
    out.update(importances)
    return out


def prio(importances: dict[str, Any], **kwargs: Any) -> Priorities:
    return Priorities.build(CAT, importances, targets={"horizon": "H1"}, **kwargs)


# autonomy 3, roi 1: weights 3/4 and 1/4, worked by hand:
#   institutional-business-unit  75 + 1/4 x 75 (MED/HIGH midpoint) = 93.75
#   sole-institution             75 + 1/4 x 25 (LOW/MED midpoint)  = 81.25
SIMPLE = prio(only(autonomy=3, roi=1), exclude=["peer-consortium"], require=["risk<=MED"])


def single(**kwargs: Any) -> str:
    return decision_record(catalog=CAT, result=rank(CAT, SIMPLE), date=DATE, inputs=[("answers.yaml", HASH)], **kwargs)


def a_group(first_name: str = "Provost") -> GroupResult:
    return group_rank(
        CAT,
        [
            Stakeholder(first_name, prio(only(roi=5, risk=2)), source="provost.yaml"),
            Stakeholder("Finance", prio(only(cost=5), require=["risk<=LOW"], stakeholder_weight=2), source="fin.yaml"),
        ],
    )


def group_record(group: GroupResult, **kwargs: Any) -> str:
    return decision_record(
        catalog=CAT,
        result=group.result,
        group=group,
        date=DATE,
        inputs=[("provost.yaml", HASH), ("fin.yaml", HASH[::-1])],
        **kwargs,
    )


def fake_smaa(ids: list[str]) -> SmaaResult:
    n = len(ids)
    # a cyclic pattern, so rows and columns both sum to 1: model i is at rank i + 1 with 70%
    rows = {mid: [0.7 if (k - i) % n == 0 else 0.3 / (n - 1) for k in range(n)] for i, mid in enumerate(ids)}
    central = {mid: ({c.id: 0.125 for c in CAT.criteria} if i == 0 else None) for i, mid in enumerate(ids)}
    return SmaaResult(
        samples=10_000,
        seed=42,
        spread=1.0,
        ordinal=True,
        model_ids=tuple(ids),
        acceptability=rows,
        central_weights=central,
    )


def fake_stability() -> dict[str, StabilityInterval]:
    return {
        "roi": StabilityInterval("roi", F(1), F(0), F(7, 3), None, "opx-led"),
        "autonomy": StabilityInterval("autonomy", F(3), F(1, 2), None, "mooc-led", None),
    }


def headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def section(text: str, name: str) -> str:
    start = text.index(f"\n## {name}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def table_rows(block: str) -> list[list[str]]:
    """Cells of every table line in BLOCK, split on unescaped pipes."""
    out = []
    for line in block.splitlines():
        if line.startswith("|"):
            out.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return out


# -- sections ---------------------------------------------------------------------------------

ALL = [
    "Inputs",
    "Ranking",
    "Why the top model wins",
    "Robustness",
    "Stability",
    "Stakeholders",
    "Strengths and weaknesses of the top models",
    "Questions to settle before committing",
    "Source",
]


def test_group_record_has_every_section_in_order() -> None:
    group = a_group()
    text = group_record(
        group, robustness=fake_smaa([r.model.id for r in group.result.ranking]), stability=fake_stability()
    )
    assert text.startswith("# Decision record: micro-credential business model\n\nDate: 2025-03-14\n")
    assert headings(text) == ALL


@pytest.mark.parametrize(
    ("kwargs", "absent"),
    [
        ({}, {"Robustness", "Stability", "Stakeholders"}),
        ({"robustness": "smaa"}, {"Stability", "Stakeholders"}),
        ({"stability": "stab"}, {"Robustness", "Stakeholders"}),
    ],
)
def test_optional_sections_appear_only_when_given(kwargs: dict[str, str], absent: set[str]) -> None:
    ids = [r.model.id for r in rank(CAT, SIMPLE).ranking]
    given = {"smaa": fake_smaa(ids), "stab": fake_stability()}
    text = single(**{k: given[v] for k, v in kwargs.items()})
    assert headings(text) == [h for h in ALL if h not in absent]


def test_inputs_lists_files_hashes_and_priorities() -> None:
    text = section(single(), "Inputs")
    assert f"| answers.yaml | `{HASH}` |" in text
    rows = {r[0]: r for r in table_rows(text)}
    # effective weights: autonomy's range over the table is 1, roi's 1/2, so 3 x 1 : 1 x 1/2 = 6 : 1
    assert rows["Autonomy"] == ["Autonomy", "higher", "3", "75.0%", "85.7%", "no"]
    assert rows["Return on investment"] == ["Return on investment", "higher", "1", "25.0%", "14.3%", "no"]
    assert rows["Effort"] == ["Effort", "lower", "0", "0.0%", "0.0%", "no"]
    assert "- Target horizon: H1" in text
    assert "- Ranged ratings (such as LOW/MED) scored: midpoint" in text
    assert "- Excluded on request: peer-consortium" in text
    assert "- Constraints: risk&lt;=MED" in text  # escaped: renders as risk<=MED


def test_inputs_without_files_says_so_and_marks_defaults() -> None:
    p = prio({"roi": 5})
    text = section(decision_record(catalog=CAT, result=rank(CAT, p), date=DATE), "Inputs")
    assert "No answers file" in text
    rows = {r[0]: r for r in table_rows(text)}
    assert rows["Effort"][-1] == "yes" and rows["Return on investment"][-1] == "no"


def test_ranking_table_scores_bars_and_ties() -> None:
    text = section(single(), "Ranking")
    rows = table_rows(text)
    assert rows[0] == ["Rank", "Model", "Score", "Bar"]
    body = rows[2:]
    assert body[0] == ["1", "Institutional business unit", "93.8", "█" * 19]
    assert body[1] == ["2", "Sole institution", "81.3", "█" * 16]  # 81.25 rounds half up
    # industry, professional body and ngo: autonomy MED, roi MED -> 37.5 + 12.5 = 50, tied
    tied = [r for r in body if r[2] == "50.0"]
    assert [r[1] for r in tied] == [
        "Industry led or partnership",
        "Professional body led or partnership",
        "NGO led or partnership",
    ]
    assert [r[0] for r in tied] == ["3=", "3=", "3="]
    assert "= tied: exactly equal scores" in text
    assert "- Peer consortium: excluded by request" in text
    assert "- OPX led" not in text  # risk MED meets risk<=MED


@pytest.mark.parametrize(("top", "shown"), [(1, 1), (2, 2), (3, 5), (4, 5), (6, 6), (7, 7), (None, 7)])
def test_top_limits_the_ranking_rows_keeping_ties(top: int | None, shown: int) -> None:
    text = section(single(top=top), "Ranking")
    assert len(table_rows(text)) == 2 + shown  # header and rule, then the rows
    assert ("Showing the top" in text) == (shown < 7)
    if shown < 7:
        assert f"Showing the top {shown} of 7 ranked models" in text


def test_why_compares_contributions_with_the_runner_up() -> None:
    text = section(single(), "Why the top model wins")
    assert "the runner-up, Sole institution, scores 81.3: a lead of 12.5 points" in text
    rows = {r[0]: r for r in table_rows(text)}
    assert rows["Return on investment"] == [
        "Return on investment",
        "25.0%",
        "MED/HIGH",
        "18.8",
        "LOW/MED",
        "6.3",
        "+12.5",
    ]
    assert rows["Autonomy"] == ["Autonomy", "75.0%", "HIGH", "75.0", "HIGH", "75.0", "0.0"]
    assert rows["**Total**"] == ["**Total**", "", "", "93.8", "", "81.3", "+12.5"]
    assert list(rows).index("Return on investment") == 2  # largest difference first


def test_why_when_the_top_is_tied() -> None:
    p = prio(only(cost=5, effort=1))  # industry, professional-body and ngo tie
    text = section(decision_record(catalog=CAT, result=rank(CAT, p), date=DATE), "Why the top model wins")
    assert "ties for first place with Professional body led or partnership and NGO led or partnership" in text
    # cost 5, effort 1: industry, professional body, ngo (cost LOW, effort MED) 100 x (5 + 1/2) / 6 = 91.7;
    # runner-up mooc and opx (cost MED, effort LOW) 100 x (5/2 + 1) / 6 = 58.3, tied
    assert "the runner-up, MOOC led (tied with OPX led), scores 58.3: a lead of 33.3 points" in text


def test_strengths_and_weaknesses_verbatim() -> None:
    text = section(single(), "Strengths and weaknesses of the top models")
    ibu, sole = CAT.models[1], CAT.models[0]
    assert ibu.id == "institutional-business-unit" and sole.id == "sole-institution"
    for model in (ibu, sole):
        assert f"- Strengths: {model.strengths}" in text
        assert f"- Weaknesses: {model.weaknesses}" in text
    assert "“agile”" in text
    assert CAT.models[3].strengths not in text  # only the top model and the runner-up


def test_strengths_with_markdown_characters_are_escaped_to_read_as_written() -> None:
    odd = "Fast_to_market [sic]: *agile* teams <b>"
    models = [dataclasses.replace(m, strengths=odd) if m.id == "institutional-business-unit" else m for m in CAT.models]
    custom = dataclasses.replace(CAT, models=models)
    text = decision_record(catalog=custom, result=rank(custom, SIMPLE), date=DATE)
    # escaped, so that it renders exactly as written (no emphasis, link or HTML)
    shown = "Fast_to_market \\[sic\\]: \\*agile\\* teams &lt;b&gt;"
    assert f"- Strengths: {shown}" in section(text, "Strengths and weaknesses of the top models")


def test_robustness_and_stability_sections() -> None:
    ids = [r.model.id for r in rank(CAT, SIMPLE).ranking]
    text = single(robustness=fake_smaa(ids), stability=fake_stability())
    rob = section(text, "Robustness")
    assert "10,000 Monte Carlo samples (seed 42)" in rob and "±1" in rob and "ordinal" in rob
    assert "Probability of ranking first: Institutional business unit (70.0%)" in rob
    rows = table_rows(rob)
    assert rows[0] == ["Model", *[f"Rank {k}" for k in range(1, 8)]]
    assert rows[2] == ["Institutional business unit", "70.0%", *["5.0%"] * 6]
    assert "Central weights" in rob
    stab = section(text, "Stability")
    rows = {r[0]: r for r in table_rows(stab)}
    assert rows["Return on investment"] == ["Return on investment", "1", "0", "2.33", "-", "OPX led"]
    assert rows["Autonomy"] == ["Autonomy", "3", "0.5", "no limit", "MOOC led", "-"]
    assert list(rows)[2:] == ["Autonomy", "Return on investment"]  # criteria order


def test_stakeholders_section() -> None:
    group = a_group()
    text = section(group_record(group), "Stakeholders")
    rows = table_rows(text)
    group_top = group.result.ranking[0]
    assert rows[0][:3] == ["Stakeholder", "Weight", "Their top model"]
    assert rows[0][3] == f"Their rank of {group_top.model.name}"
    assert rows[0][3 + len(group.result.top)] == f"Their score for {group_top.model.name}"
    provost = next(r for r in rows if r[0] == "Provost")
    assert provost[1] == "33.3%"
    view = group.stakeholders[0]
    assert provost[3] == str(view.group_top_ranks[group_top.model.id])
    assert provost[3 + len(group.result.top)] == f"{float(view.group_top_scores[group_top.model.id]):.1f}"
    assert "Kendall's tau-b" in text
    assert f"| Provost | Finance | {group.agreement.pairs[0].tau:.2f} |" in text
    assert "### Criteria with most disagreement" in text
    assert "| Cost | 0.0% | 100.0% | 100.0% |" in text  # effective weights: Finance weighs only cost


def test_group_of_one_has_no_agreement_table() -> None:
    group = group_rank(CAT, [Stakeholder("Solo", prio(only(roi=2)))])
    text = section(group_record(group), "Stakeholders")
    assert "Only one stakeholder" in text
    assert "Every stakeholder gives each criterion the same effective weight." in text


def test_questions_checklist_covers_the_papers_key_questions() -> None:
    text = section(single(), "Questions to settle before committing")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    themes = ["Strategic positioning", "Leadership", "Internal structures", "Business model", "Risks"]
    assert [re.match(r"- \[ \] \*\*(.+?)\.\*\*", i).group(1) for i in items[:5]] == themes  # type: ignore[union-attr]
    assert "credential ecology" in items[0] and "transformative" in items[1] and "quality assurance" in items[2]
    assert "Institutional business unit" in items[3]
    assert CAT.models[1].weaknesses in items[4]


def test_source_attribution() -> None:
    text = section(single(), "Source")
    assert "Brown, M., McGreal, R. & Peters, M. (2023)" in text
    assert "<https://doi.org/10.5334/jime.801>" in text
    assert "adapted from Presant (2020)" in text
    assert "CC BY 4.0 (<https://creativecommons.org/licenses/by/4.0/>)" in text
    assert "mcstrat's interpretation" in text


def test_custom_catalog_without_source() -> None:
    custom = dataclasses.replace(CAT, source=None)
    text = decision_record(catalog=custom, result=rank(custom, SIMPLE), date=DATE)
    source = section(text, "Source")
    assert "no `source` section" in source
    assert "doi.org" not in text


# -- clean, deterministic Markdown ------------------------------------------------------------


def test_output_is_deterministic() -> None:
    ids = [r.model.id for r in a_group().result.ranking]
    texts = {
        group_record(a_group(), robustness=fake_smaa(ids), stability=fake_stability(), version="0.1.0")
        for _ in range(3)
    }
    assert len(texts) == 1
    assert single() == single()


def test_pipe_in_a_stakeholder_name_does_not_break_tables() -> None:
    group = a_group("Provost | Deputy")
    text = group_record(group)
    assert "Provost \\| Deputy" in text
    # every line of every table has as many cells as its header
    blocks = re.findall(r"(?:^\|.*\n)+", text, flags=re.MULTILINE)
    assert len(blocks) >= 6
    for block in blocks:
        widths = {len(row) for row in table_rows(block)}
        assert len(widths) == 1, block


def test_markdown_is_clean() -> None:
    ids = [r.model.id for r in a_group().result.ranking]
    text = group_record(a_group(), robustness=fake_smaa(ids), stability=fake_stability())
    assert "[/" not in text and "[bold" not in text  # no rich markup
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_result_must_be_the_groups() -> None:
    group = a_group()
    with pytest.raises(McstratError, match=r"result=group\.result"):
        decision_record(catalog=CAT, result=rank(CAT, SIMPLE), group=group, date=DATE)


def test_swing_answers_show_points_beside_equal_effective_weights() -> None:
    p = Priorities.build(CAT, swing={"risk": 100, "roi": 50, "speed": 50}, targets={"horizon": "H1"})
    text = section(decision_record(catalog=CAT, result=rank(CAT, p), date=DATE), "Inputs")
    rows = {r[0]: r for r in table_rows(text)}
    assert rows["Criterion"][2:] == ["Swing points (0-100)", "Weight", "Effective weight", "Not named?"]
    assert rows["Risk"][2] == "100 pts" and rows["Risk"][4] == "50.0%"
    assert rows["Return on investment"][4] == "25.0%" and rows["Effort"][-1] == "yes"
    assert "Criteria not named in the swing points weigh 0." in text
    questions = decision_record(catalog=CAT, result=rank(CAT, p), date=DATE)
    assert "were given no swing points, so they weigh nothing" in questions


def test_importance_answers_say_where_the_order_differs() -> None:
    p = Priorities.build(CAT, {"roi": 5, "speed": 3, "risk": 0, "cost": 0, "effort": 0, "autonomy": 0, "impact": 0})
    text = section(decision_record(catalog=CAT, result=rank(CAT, p), date=DATE), "Inputs")
    # roi's range is 1/2, speed's 1: 3 x 1 > 5 x 1/2
    assert "speed carries more weight than roi here, because the models differ more on speed." in text
