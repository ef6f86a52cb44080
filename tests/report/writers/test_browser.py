"""The HTML record in a real browser: Debian's Chromium driven by playwright (`executable_path`).

Checks what a reader would meet: no sideways scrolling at 360 and 1024 px, every chart drawn
with a size, nothing fetched from the network, and printing (A4 and Letter) that puts the
summary alone on page 1. Skipped where playwright or a system Chromium/Chrome is missing
(`.ci/run` installs Debian's chromium; never `playwright install`).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mcstrat.cli import app
from mcstrat.report.writers.pdf import find_browser
from tests.conftest import make_runner, write_yaml

sync_api = pytest.importorskip("playwright.sync_api")
BROWSER = find_browser()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium or Chrome on this machine")

runner = make_runner()
TEAM = [
    {"version": 1, "name": "Provost", "priorities": {"roi": 5, "risk": "high", "impact": 4}},
    {
        "version": 1,
        "name": "Finance and Resources Committee",
        "priorities": {"cost": 5, "roi": 5},
    },
    {"version": 1, "name": "Faculty", "priorities": {"autonomy": 5, "impact": 5}, "target_horizon": "H2"},
    {"version": 1, "name": "Dean of Continuing Education", "priorities": {"speed": 5, "effort": 4}},
]


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("record")
    members: list[dict[str, object]] = [
        {"answers": write_yaml(folder / f"person{i}.yaml", p).name} for i, p in enumerate(TEAM)
    ]
    members[1]["weight"] = 2  # the convener weighs the committee double (issue 19)
    group = write_yaml(folder / "team.yaml", {"version": 1, "name": "Team", "members": members})
    args = ["--group", str(group)]
    target = folder / "decision.html"
    result = runner.invoke(
        app, ["recommend", *args, "--samples", "500", "--report", str(target)], env={"SOURCE_DATE_EPOCH": "0"}
    )
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A twelve-person committee with long names: the widest tables a record has."""
    folder = tmp_path_factory.mktemp("committee")
    criteria = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
    args = []
    for i in range(12):
        person = {
            "version": 1,
            "name": f"Member of the academic board with a long title, number {i + 1}",
            "priorities": {c: (i * 3 + j * 5) % 6 for j, c in enumerate(criteria)},
            "target_horizon": ("H1", "H2", "H3")[i % 3],
        }
        args += ["-a", str(write_yaml(folder / f"member{i}.yaml", person))]
    target = folder / "committee.html"
    result = runner.invoke(app, ["recommend", *args, "--samples", "300", "--report", str(target)])
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("width", [360, 1024, 1920])
def test_a_large_committee_fits_too(browser: Any, committee: Path, width: int) -> None:
    page, requested = open_page(browser, committee, width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
        assert requested == [committee.as_uri()]
    finally:
        page.close()


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`compare --report` of three models, with priorities (scores and ratings charts)."""
    folder = tmp_path_factory.mktemp("comparison")
    answers = write_yaml(folder / "a.yaml", TEAM[0] | {"target_horizon": "H1"})
    target = folder / "compare.html"
    result = runner.invoke(
        app, ["compare", "institutional", "professional", "mooc", "-a", str(answers), "--report", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("width", [360, 1024])
def test_the_comparison_record_fits_and_draws_its_charts(browser: Any, comparison: Path, width: int) -> None:
    page, requested = open_page(browser, comparison, width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
        sizes = page.evaluate(
            "[...document.querySelectorAll('figure svg')].map(s => [s.getBoundingClientRect().width,"
            " s.getBoundingClientRect().height])"
        )
        assert len(sizes) == 2 and all(w > 100 and h > 50 for w, h in sizes), sizes
        assert page.title().startswith("Comparison record")
        assert requested == [comparison.as_uri()]
    finally:
        page.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=BROWSER, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def open_page(browser: Any, record: Path, width: int) -> tuple[Any, list[str]]:
    """The record at WIDTH px, with every request it makes (anything not the file itself is refused)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    own = record.as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url == own else route.abort())
    page.goto(own, wait_until="load")
    return page, requested


@pytest.mark.parametrize("width", [360, 600, 1024])
def test_no_horizontal_scrolling_and_every_chart_drawn(browser: Any, record: Path, width: int) -> None:
    page, requested = open_page(browser, record, width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
        wider = page.evaluate(
            """(limit) => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .map(e => e.tagName + '.' + e.className).slice(0, 5)""",
            width,
        )
        assert wider == [], f"elements reach past {width}px: {wider}"
        sizes = page.evaluate(
            "[...document.querySelectorAll('figure svg')].map(s => [s.getBoundingClientRect().width,"
            " s.getBoundingClientRect().height])"
        )
        assert len(sizes) == 5
        assert all(w > 100 and h > 50 for w, h in sizes), sizes
        assert page.title().startswith("Decision record: micro-credential business model: ")
        assert requested == [record.as_uri()], f"the page fetched {requested}"
    finally:
        page.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_puts_the_summary_alone_on_page_one(browser: Any, record: Path, tmp_path: Path, paper: str) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the printed pages")
    page, requested = open_page(browser, record, 1024)
    try:
        pdf = tmp_path / "printed.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format=paper, prefer_css_page_size=False)
    finally:
        page.close()
    assert requested == [record.as_uri()]

    def text(first: int, last: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(first), "-l", str(last), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout

    one = text(1, 1)
    for part in (
        "Recommendation:",
        "How firm: ",
        "Who disagrees most.",
        "Questions to settle before committing",
    ):
        assert part in one, f"{part!r} is not on page 1 ({paper})"
    assert "Figure 1" not in one
    assert "Recommendation:" not in text(2, 2)


def test_no_chart_is_split_across_printed_pages(browser: Any, record: Path) -> None:
    page, _ = open_page(browser, record, 1024)
    try:
        page.emulate_media(media="print")
        rules = page.evaluate("[...document.querySelectorAll('figure')].map(f => getComputedStyle(f).breakInside)")
    finally:
        page.close()
    assert rules and all(rule == "avoid" for rule in rules)
