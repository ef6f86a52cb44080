"""CI's languages (report/writers/ci.py): workflow commands that cannot be forged, JUnit a strict parser reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mcstrat.decide.check import Failed, compare
from mcstrat.files.positions import Problem, Validated
from mcstrat.report.writers.ci import check_github, check_junit, check_summary, command, validate_github, validate_junit
from tests.decide.test_check import firm_lock


@pytest.mark.parametrize(
    ("message", "where", "expected"),
    [
        ("plain", {}, "::error::plain"),
        ("50% off\nnext line\r", {}, "::error::50%25 off%0Anext line\ufffd"),  # a lone CR is made inert
        ("m", {"file": "a,b:c.yaml", "line": 3, "col": 7}, "::error file=a%2Cb%3Ac.yaml,line=3,col=7::m"),
        ("m", {"file": "f", "line": None, "title": "t"}, "::error file=f,title=t::m"),
        ("x\x1b[2J\u202ey", {}, "::error::x\ufffd[2J\ufffdy"),
        ("::warning::forged", {}, "::error::::warning::forged"),
    ],
)
def test_workflow_commands_are_escaped(message: str, where: dict[str, object], expected: str) -> None:
    line = command("error", message, **where)
    assert line == expected
    assert "\n" not in line and "\r" not in line


def test_a_file_name_cannot_start_a_command_of_its_own() -> None:
    found = Validated(Path("x\n::error::forged.yaml"), "answers", (Problem("p", 1, 1),))
    lines = validate_github([found]).splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=x%0A%3A%3Aerror%3A%3Aforged.yaml,line=1,col=1,")


def test_check_lines_and_summary() -> None:
    held = compare(Path("d.lock.json"), firm_lock(), firm_lock(), ("winner",))
    bad = Failed(Path("x|y.lock.json"), ("x|y.lock.json: no such lock file",))
    assert check_github([held, bad]).splitlines() == [
        "::notice file=d.lock.json,title=decision holds::d.lock.json: holds (A first)",
        "::error file=x|y.lock.json,title=cannot check decision::x|y.lock.json: no such lock file",  # said once
    ]
    summary = check_summary([held, bad])
    assert "| d.lock.json | ✅ holds | A | nothing |" in summary
    assert (
        "| x\\|y.lock.json | ⚠️ cannot be checked |  | x\\|y.lock.json: no such lock file |" in summary
    )  # a | in a name cannot break the table


def test_junit_holds_any_text_and_parses_strictly() -> None:
    bad = Failed(Path("a\x00b<&>.lock.json"), ("a: \x1b[31mred\x07 & <tag>",))
    text = check_junit([bad])
    root = ET.fromstring(text.encode())  # a control character would make this raise
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "a\ufffdb<&>.lock.json"
    error = case.find("error")
    assert error is not None and "<tag>" in (error.text or "")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")


def test_junit_of_validation_lists_every_problem_with_its_place() -> None:
    found = [
        Validated(Path("a.yaml"), "answers", (Problem("priorities.rsik: unknown", 4, 3), Problem("no line"))),
        Validated(Path("b.yaml"), "group", ()),
    ]
    root = ET.fromstring(validate_junit(found).encode())
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert (failure.text or "").splitlines() == [
        "a.yaml: invalid answers file, 2 problem(s)",
        "a.yaml:4:3: priorities.rsik: unknown",
        "a.yaml: no line",
    ]
