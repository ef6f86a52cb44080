"""The terminal writer (report/writers/terminal.py): no width loses data, tables fit or stack, exports are titled."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.table import Table

from mcstrat.core.catalog import Catalog
from mcstrat.files.models import load_catalog
from mcstrat.report import numbers
from mcstrat.report.writers.terminal import Fit
from tests.conftest import EXAMPLE_ANSWERS, make_runner, write_yaml

WIDTHS = [40, 50, 60, 80, 120, 200]
ANSWERS = str(EXAMPLE_ANSWERS)


def run_at(width: int, *args: str) -> str:
    from mcstrat.cli import app

    result = make_runner().invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def tokens(text: str) -> Counter[str]:
    """Whitespace-separated words, without the punctuation the views put around them."""
    return Counter(t.strip(":,;.()") for t in text.split())


def as_json(*args: str) -> Any:
    from mcstrat.cli import app

    result = make_runner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def words(*texts: str) -> list[str]:
    return [w.strip(":,;.()") for text in texts for w in text.split()]


def fmt(x: float) -> str:
    """A score from JSON as every view prints it (numbers.score, on the exact decimal JSON wrote)."""
    return numbers.score(Fraction(repr(x)))


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def group_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    base = tmp_path_factory.mktemp("group")
    people = [
        {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": 4, "speed": 1}, "target_horizon": "H1"},
        {"version": 1, "name": "Finance office", "priorities": {"cost": 5, "roi": 4, "autonomy": 1}},
    ]
    return [str(write_yaml(base / f"{i}.yaml", p)) for i, p in enumerate(people)]


def expected_models(catalog: Catalog) -> list[str]:
    out = list(catalog.criterion_ids)
    for m in catalog.models:
        out += words(m.name)
        out += [m.ratings[c] for c in catalog.criterion_ids]
    return out


def expected_show(catalog: Catalog) -> list[str]:
    m = catalog.resolve_model("mooc")
    return [m.id, *words(m.name), *(m.ratings[c] for c in catalog.criterion_ids)]


def expected_recommend(data: dict[str, Any], explain: bool = False) -> list[str]:
    out: list[str] = []
    for r in data["ranking"]:
        out += words(r["name"])
        out.append(fmt(r["score"]))
        if explain:
            out += [fmt(v) for v in r["contributions"].values()]
    if explain:  # the priorities table is --explain's; the plain view has the ranking
        out += [w for c in data["criteria"] for w in words(c["label"])]
    return out


def expected_why_not(catalog: Catalog) -> list[str]:
    data = as_json("why-not", "professional", "-a", ANSWERS)
    out = words(data["name"])
    for cid, w in data["weights"].items():
        out += words(next(c.label for c in catalog.criteria if c.id == cid))
        out += [numbers.percent(Fraction(repr(w["now"])), 1), numbers.percent(Fraction(repr(w["needed"])), 1)]
    return out


def expected_potential() -> list[str]:
    from mcstrat.analyses.potential import Potential
    from mcstrat.report.views.potential import cell

    data = as_json("recommend", "-a", ANSWERS, "--robustness", "--samples", "300")
    names = {r["id"]: r["name"] for r in data["ranking"]}
    out: list[str] = []
    for found in data["potential"].values():
        out += [w for d in found["dominated_by"] for w in words(names[d])]
        for space in (data["robustness"]["weight_space"], "free"):  # the space sampled, and any weights
            out += words(cell(Potential(found[space]["possible"], found[space]["margin"], None)))
    return out


def expected_stability() -> list[str]:
    data = as_json("recommend", "-a", ANSWERS, "--stability")
    names = {r["id"]: r["name"] for r in data["ranking"]}
    out: list[str] = []
    labels = {c["id"]: c["label"] for c in data["criteria"]}
    for cid, iv in data["stability"].items():
        out += words(labels[cid])
        out += [
            numbers.importance(Fraction(repr(x))) for x in (iv["importance"], iv["low"], iv["high"]) if x is not None
        ]
        out += [w for m in (iv["below"], iv["above"]) if m for w in words(names[m])]
    return out


def expected_stakeholders(files: list[str]) -> list[str]:
    data = as_json("recommend", "-a", files[0], "-a", files[1])
    names = {r["id"]: r["name"] for r in data["ranking"]}
    out: list[str] = []
    for s in data["stakeholders"]:
        out += words(s["name"])
        out += [w for m in s["top"] for w in words(names[m])]
        out += [fmt(v) for v in s["group_top_scores"].values()]
        out += [str(v) for v in s["group_top_ranks"].values()]
    return out


CASES: dict[str, tuple[list[str], Callable[[Catalog, list[str]], list[str]]]] = {
    "why-not": (["why-not", "professional", "-a", ANSWERS], lambda cat, _: expected_why_not(cat)),
    "potential": (["recommend", "-a", ANSWERS, "--robustness", "--samples", "300"], lambda *_: expected_potential()),
    "stability-intervals": (["recommend", "-a", ANSWERS, "--stability"], lambda *_: expected_stability()),
    "stakeholders": (
        ["recommend", "-a", "{0}", "-a", "{1}", "--explain"],  # the plain view has the group's summary only
        lambda _, files: expected_stakeholders(files),
    ),
    "models": (["models"], lambda cat, _: expected_models(cat)),
    "show": (["show", "mooc"], lambda cat, _: expected_show(cat)),
    "recommend": (["recommend", "-a", ANSWERS], lambda cat, _: expected_recommend(as_json("recommend", "-a", ANSWERS))),
    "explain": (
        ["recommend", "-a", ANSWERS, "--explain"],
        lambda cat, _: expected_recommend(as_json("recommend", "-a", ANSWERS), explain=True),
    ),
    "robustness": (
        ["recommend", "-a", ANSWERS, "--robustness", "--samples", "300"],
        lambda cat, _: [*expected_recommend(as_json("recommend", "-a", ANSWERS)), *(f"#{i}" for i in range(1, 8))],
    ),
    "stability": (
        ["recommend", "-a", ANSWERS, "--stability"],
        lambda cat, _: expected_recommend(as_json("recommend", "-a", ANSWERS)),
    ),
    "compare": (
        ["compare", "sole", "mooc", "-a", ANSWERS],
        lambda cat, _: [
            *words(cat.resolve_model("sole").name, cat.resolve_model("mooc").name),
            *(cat.resolve_model(m).ratings[c] for m in ("sole", "mooc") for c in cat.criterion_ids),
        ],
    ),
    "compare-three": (
        ["compare", "sole", "mooc", "opx"],
        lambda cat, _: [
            *(cat.resolve_model(m).ratings[c] for m in ("sole", "mooc", "opx") for c in cat.criterion_ids),
        ],
    ),
    "group-plain": (  # the terminal's plain view of a group: the ranking and who disagrees, at every width
        ["recommend", "-a", "{0}", "-a", "{1}"],
        lambda cat, files: [*expected_recommend(as_json("recommend", "-a", files[0], "-a", files[1])), "disagrees"],
    ),
    "group": (
        ["recommend", "-a", "{0}", "-a", "{1}", "--explain"],
        lambda cat, files: [
            "Provost",
            "Finance",
            "office",
            *expected_recommend(as_json("recommend", "-a", files[0], "-a", files[1]), explain=True),
        ],
    ),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", list(CASES))
def test_no_width_loses_data(case: str, width: int, shipped: Catalog, group_files: list[str]) -> None:
    argv, expect = CASES[case]
    out = run_at(width, *(a.format(*group_files) for a in argv))
    assert "…" not in out, out
    assert max(len(line) for line in out.splitlines()) <= width, out
    missing = Counter(expect(shipped, group_files)) - tokens(out)
    assert not missing, f"missing at {width} columns: {dict(missing)}\n{out}"


@pytest.mark.parametrize("width", WIDTHS)
def test_models_table_keeps_the_model_column_or_stacks(width: int, shipped: Catalog) -> None:
    out = run_at(width, "models")
    if "Model" in out.splitlines()[1]:
        assert "─" in out
    else:
        # stacked: each model heads its own block, every criterion follows on its own line
        for model in shipped.models:
            assert model.name in out
        assert out.count("effort: ") == len(shipped.models)


def test_long_custom_names_and_ids_are_never_cut(tmp_path: Path) -> None:
    from tests.conftest import tiny_catalog_data

    data = tiny_catalog_data()
    data["models"][0]["name"] = "Extraordinarily-long-unbreakable-model-name-for-testing"
    data["criteria"][0]["id"] = "a-very-long-criterion-id"
    data["models"] = [
        {**m, "ratings": {("a-very-long-criterion-id" if k == "gain" else k): v for k, v in m["ratings"].items()}}
        for m in data["models"]
    ]
    models = write_yaml(tmp_path / "m.yaml", data)
    for width in WIDTHS:
        out = run_at(width, "--models", str(models), "models")
        assert "…" not in out
        flat = "".join(out.split())
        assert "Extraordinarily-long-unbreakable-model-name-for-testing" in flat
        assert "a-very-long-criterion-id" in flat


def render(renderable: object, width: int) -> str:
    console = Console(width=width, file=StringIO(), color_system=None, highlight=False)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_fit_prints_a_table_when_it_fits_and_blocks_when_not() -> None:
    table = Table(title="T")
    table.add_column("Name")
    table.add_column("Rating", no_wrap=True)
    table.add_row("Alpha beta", "LOW/MED")
    wide, narrow = render(Fit(table), 40), render(Fit(table), 12)
    assert "┃" in wide or "│" in wide
    assert narrow.split() == ["T", "Alpha", "beta", "Rating:", "LOW/MED"]


def test_fit_never_shrinks_a_column_below_its_longest_word() -> None:
    # rich on its own narrows the widest wrapping column below its longest word here
    table = Table(box=None, pad_edge=False)
    table.add_column("A")
    table.add_column("B")
    table.add_row("x " * 10 + "twentyfivecharacterword12", "a b c d e f g h i j")
    out = render(Fit(table), 40)
    assert "twentyfivecharacterword12" in out
    assert re.search(r"\bj\b", out)


def test_different_scores_never_look_tied_in_the_ranking(tmp_path: Path) -> None:
    # a group whose third model scores 68.17 against the tied first two's 68.24: at one decimal
    # all three would read 68.2 and look like a three-way tie the ranking does not make
    members = []
    for name, body in {
        "provost": "priorities: {effort: 2, horizon: 3, risk: high, autonomy: 4, speed: 3, cost: medium, impact: 4, "
        "roi: 5}\ntarget_horizon: H1",
        "finance": "swing: {cost: 100, risk: 80, roi: 90, effort: 40, speed: 20}\ntarget_horizon: H1",
        "faculty": 'ranking: "autonomy > impact = risk > effort > roi"\ntarget_horizon: H2',
        "ce": "priorities: {speed: critical, impact: high, roi: high, autonomy: low}\ntarget_horizon: H1",
    }.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"version: 1\nname: {name}\n{body}\n", encoding="utf-8")
        members.append(f"  - {{answers: {name}.yaml, weight: {2 if name == 'provost' else 1}}}")
    group = tmp_path / "group.yaml"
    group.write_text("version: 1\nname: team\nmembers:\n" + "\n".join(members) + "\n", encoding="utf-8")
    files = ["--group", str(group)]  # the provost weighs double: the convener's call (issue 19)
    out = run_at(80, "recommend", *files)
    assert "1=  Professional body led or partnership  68.24" in out
    assert "   3  Institutional business unit           68.17" in out
    markdown = run_at(80, "recommend", *files, "-f", "markdown")
    assert "| 3 | Institutional business unit | 68.17 |" in markdown


def test_a_narrow_table_keeps_its_title_on_one_line() -> None:
    # three criteria with swing points: the why-not table is narrower than its title, which
    # used to wrap into a column ("Weights now and needed, and points against the" / "winner")
    out = run_at(100, "why-not", "mooc", "--swing", "risk=100", "--swing", "speed=50")
    assert "Weights now and needed, and points against the winner" in [line.rstrip() for line in out.splitlines()]
    narrow = run_at(40, "why-not", "mooc", "--swing", "risk=100", "--swing", "speed=50")
    assert max(len(line) for line in narrow.splitlines()) <= 40  # and still fits a narrow screen


def test_exports_of_the_terminal_view_are_titled_with_the_recommendation(shipped: Catalog) -> None:
    from mcstrat.core.statement import Overrides
    from mcstrat.decide import Request, decide
    from mcstrat.report.documents import recommend
    from mcstrat.report.writers.terminal import export_html, export_svg, export_title

    decision = decide(Request(flags=Overrides(importances={"roi": ("5", "--roi")})), shipped)
    doc = recommend(decision)
    title = export_title(doc)
    assert title == f"mcstrat recommend: {decision.result.top[0].model.name}"
    page = export_html(doc)
    assert page.startswith("<!DOCTYPE html>") and f"<title>{title}</title>" in page
    assert 'name="viewport"' in page and decision.result.top[0].model.name in page
    assert "mcstrat&#160;recommend:" in export_svg(doc)


def test_an_export_title_is_text_in_the_page_never_markup_or_a_format_field() -> None:
    from mcstrat.report.document import Document, Paragraph, Section
    from mcstrat.report.writers.terminal import export_html

    doc = Document("", "<b>{code}</b> \x1b[31m & co", sections=(Section("", "s", (Paragraph(("view",)),)),))
    page = export_html(doc)
    title = page[page.index("<title>") : page.index("</title>")]
    assert "&lt;b&gt;&#123;code&#125;&lt;/b&gt;" in title and "&amp; co" in title
    assert "\x1b" not in page and "<b>" not in page


def test_the_saved_svg_is_self_contained(shipped: Catalog) -> None:
    """No web font, no address to fetch: the only 'http' left is the SVG namespace and what the view says."""
    from mcstrat.core.statement import Overrides
    from mcstrat.decide import Request, decide
    from mcstrat.report.documents import recommend
    from mcstrat.report.writers.terminal import export_svg

    image = export_svg(recommend(decide(Request(flags=Overrides(importances={"roi": ("5", "--roi")})), shipped)))
    assert "@font-face" not in image and "url(" not in image.replace("url(#", "") and "<!--" not in image
    markup = re.sub(r">[^<]*<", "><", image)  # the tags alone, without the text the view writes
    assert markup.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in markup
