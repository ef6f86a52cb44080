"""Asking the questions: scripted input, re-asking, end of input, Ctrl-C, saving (ask.py)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mcstrat.cli.ask import ask_save_path, confirm_save, offer_save, run_questionnaire
from mcstrat.core.catalog import Catalog
from mcstrat.core.questionnaire import answers_from, applies, questions
from mcstrat.core.statement import AnswersFile
from mcstrat.errors import EndOfInput
from mcstrat.files.answers import answers_from_data
from mcstrat.files.models import catalog_from_data

# Name and way of giving priorities (Enter: no name, importance words), then the eleven Table 2
# questions, in order, then Enter at the summary: each answered by pressing Enter.
PRELUDE = ["", ""]
CONFIRM = [""]
ENTER_THROUGH = [*PRELUDE, *[""] * 11, *CONFIRM]


def script(lines: list[str]) -> io.StringIO:
    return io.StringIO("".join(f"{line}\n" for line in lines))


def ask(catalog: Catalog, lines: list[str]) -> tuple[AnswersFile, str]:
    err = io.StringIO()
    answers = run_questionnaire(catalog, read=script(lines), write=err)
    return answers, err.getvalue()


def reader(lines: list[str], then: BaseException) -> Callable[[], str]:
    """An input()-like callable giving LINES, then raising THEN."""
    items: Iterator[str] = iter(lines)

    def read() -> str:
        for line in items:
            return line
        raise then

    return read


def test_enter_through_everything(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    answers, err = ask(catalog, ENTER_THROUGH)
    assert answers == answers_from(catalog, {})
    flat = " ".join(err.split())
    for q in questions(catalog):
        assert (q.text in flat) == applies(q, {})  # swing and ranking questions are not asked
    assert "(1 of 13) Your name" in err
    assert "(2 of 13) How to give priorities" in err
    assert "(3 of 13) Effort" in err
    assert "(13 of 13) Hard limits" in err
    assert "Your answers:" in err
    assert "Answer [medium]: " in err
    assert "Answer [H1]: " in err
    assert "medium (2)    moderately   (default)" in err
    assert "H1    extend the core business now   (default)" in err
    assert "H3    seed longer-term options" in err
    assert "opx-led" in err  # the ids one may exclude are listed
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""  # everything went to the given stream


def test_typed_answers(catalog: Catalog) -> None:
    lines = [*PRELUDE, "low", "H2", "critical", "h", "4", "", "none", "2.5", "", "opx", "risk<=med", *CONFIRM]
    answers, err = ask(catalog, lines)
    assert answers.priorities == {
        "effort": "low",
        "horizon": "critical",
        "risk": "high",
        "autonomy": 4,
        "speed": "medium",
        "cost": "none",
        "impact": 2.5,
        "roi": "medium",
    }
    assert answers.target_horizon == "H2"
    assert answers.exclude == ["opx-led"]
    assert answers.require == ["risk<=MED"]
    assert "  = high" in err  # a shortcut is confirmed in full
    assert "  = opx-led" in err


def test_invalid_answers_are_asked_again_with_a_hint(catalog: Catalog) -> None:
    lines = [*PRELUDE, "hgih", "9", "high", "H4", "", *[""] * 7, "zzz", "sole", "rsik<=MED", "", *CONFIRM]
    answers, err = ask(catalog, lines)
    assert answers.priorities["effort"] == "high"
    assert answers.target_horizon == "H1"
    assert answers.exclude == ["sole-institution"]
    assert answers.require == []
    assert "! 'hgih' is not an importance (did you mean 'high'?)" in err
    assert "! 9 is outside 0 to 5" in err
    assert "! 'H4' is not one of the choices" in err
    assert "unknown model id 'zzz'" in err
    assert "did you mean 'risk'?" in err
    assert err.count("Answer [medium]: ") == 3 + 7  # effort asked three times, then seven more
    assert err.count("Answer [keep all]: ") == 2
    assert err.count("Answer [no limits]: ") == 2


def test_no_target_skips_the_horizon_importance(catalog: Catalog) -> None:
    answers, err = ask(catalog, [*PRELUDE, "", "none", *[""] * 8, *CONFIRM])  # one question fewer
    assert answers.target_horizon is None
    assert answers.priorities["horizon"] == "none"
    assert "How important is it that the model fits the horizon" not in err
    assert "No target: this criterion is left out" in err
    assert "(12 of 12) Hard limits" in err


def test_all_none_is_asked_again(catalog: Catalog) -> None:
    lines = [*PRELUDE, "none", "none", *["none"] * 7, "low", "", "", *CONFIRM]  # the last cannot be none too
    answers, err = ask(catalog, lines)
    assert answers.priorities["roi"] == "low"
    assert " ".join(err.split()).count("so nothing could be ranked; give this criterion some importance") == 2


def test_end_of_input_is_end_of_input(catalog: Catalog) -> None:
    err = io.StringIO()
    with pytest.raises(EndOfInput, match="How important is it to keep your institution's risk low"):
        run_questionnaire(catalog, read=script([*PRELUDE, "", "", ""]), write=err)
    assert err.getvalue().endswith("Answer [medium]: \n")  # the error message starts on a line of its own


def test_end_of_input_from_a_callable(catalog: Catalog) -> None:
    with pytest.raises(EndOfInput):
        run_questionnaire(catalog, read=reader([*PRELUDE, "low"], EOFError()), write=io.StringIO())


def test_end_of_input_while_re_asking(catalog: Catalog) -> None:
    with pytest.raises(EndOfInput):
        run_questionnaire(catalog, read=script([*PRELUDE, "hgih"]), write=io.StringIO())


def test_ctrl_c_propagates(catalog: Catalog) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_questionnaire(catalog, read=reader([*PRELUDE, "low", "H1"], KeyboardInterrupt()), write=io.StringIO())


def test_prompts_go_to_stderr_by_default(
    catalog: Catalog, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", script(ENTER_THROUGH))  # the default reader is input()
    answers = run_questionnaire(catalog)
    assert answers == answers_from(catalog, {})
    out = capsys.readouterr()
    assert out.out == ""
    assert "How important is it to keep your institution's risk low?" in out.err


def test_terminal_escapes_in_a_custom_file_are_not_shown(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import tiny_catalog_data

    data = tiny_catalog_data()
    data["criteria"][0]["label"] = "Gain\x1b[31m"
    custom = catalog_from_data(data)
    _, err = ask(custom, [*PRELUDE, "", "", "", "", *CONFIRM])
    assert "\x1b" not in err
    assert "(3 of 6) Gain\ufffd[31m" in err  # the escape shown as U+FFFD, inert


# -- saving ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected", "asked"),
    [
        ([""], False, 1),
        (["n"], False, 1),
        (["No"], False, 1),
        (["y"], True, 1),
        (["YES"], True, 1),
        (["maybe", "y"], True, 2),
    ],
)
def test_confirm_save(lines: list[str], expected: bool, asked: int) -> None:
    err = io.StringIO()
    assert confirm_save(read=script(lines), write=err) is expected
    assert err.getvalue().count("[y/N]: ") == asked


def test_confirm_save_end_of_input() -> None:
    with pytest.raises(EndOfInput):
        confirm_save(read=script([]), write=io.StringIO())


def test_save_path_default_and_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert ask_save_path(read=script([""]), write=err) == Path("answers.yaml")
    assert "File to save to [answers.yaml]: " in err.getvalue()
    assert ask_save_path(read=script(["mine.yaml"]), write=io.StringIO()) == Path("mine.yaml")


def test_save_path_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("answers.yaml").write_text("keep me", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    err = io.StringIO()
    lines = ["answers.yaml", "folder", "missing/x.yaml", ""]
    assert ask_save_path(read=script(lines), write=err) == Path("answers-2.yaml")  # a free default is offered
    shown = err.getvalue()
    assert "File to save to [answers-2.yaml]: " in shown
    assert "! answers.yaml already exists" in shown
    assert "! folder is a folder" in shown
    assert "! missing/x.yaml: folder missing does not exist" in shown
    assert Path("answers.yaml").read_text(encoding="utf-8") == "keep me"


def test_save_path_is_checked_as_every_output_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # files.writing.check_writable's refusals, asked again rather than failing after the questionnaire
    monkeypatch.chdir(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != locked and real_access(path, mode, **kw))
    err = io.StringIO()
    lines = ["x" * 300 + ".yaml", str(locked / "a.yaml"), "/dev/null", "ok.yaml"]
    assert ask_save_path(read=script(lines), write=err) == Path("ok.yaml")
    shown = "".join(err.getvalue().split())  # wrapped to the terminal's width, long paths too
    assert "cannotwrite(thefilenameistoolong);choose" in shown
    assert "".join(f"cannot write in folder {locked} (permission denied); choose another place".split()) in shown
    assert "!/dev/nullalreadyexists" in shown


@pytest.mark.parametrize(
    ("lines", "expected"), [(["", "x.yaml"], None), (["y", ""], "answers.yaml"), (["y", "a.yml"], "a.yml")]
)
def test_offer_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], expected: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    path = offer_save(read=script(lines), write=io.StringIO())
    assert path == (Path(expected) if expected else None)


# -- a real terminal ------------------------------------------------------------------------

CHILD = """
import json, sys
from mcstrat.cli.ask import offer_save, run_questionnaire
from mcstrat.files.models import load_catalog
answers = run_questionnaire(load_catalog())
print(json.dumps(answers.to_data()))
print(offer_save())
"""


def test_in_a_real_terminal_stdout_stays_clean(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "out.json"
    cmd = f"{sys.executable} -c {_quote(CHILD)} > {_quote(str(out))}"
    child = pexpect.spawn(
        "/bin/sh", ["-c", cmd], cwd=str(tmp_path), encoding="utf-8", timeout=30, env={**os.environ, "TERM": "dumb"}
    )
    child.expect_exact("Answer [skip]: ")
    child.sendline("")
    child.expect_exact("Answer [importance]: ")
    child.sendline("")
    child.expect_exact("Answer [medium]: ")
    child.sendline("hgih")
    child.expect_exact("did you mean 'high'?")
    child.sendline("critical")
    for _ in range(10):
        child.expect(r"Answer \[[^\]]*\]: ")
        child.sendline("")
    child.expect_exact("type a number to change one: ")
    child.sendline("")
    child.expect_exact("[y/N]: ")
    child.sendline("y")
    child.expect_exact("File to save to [answers.yaml]: ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "answers.yaml"  # stdout holds only what the program printed, no prompt
    assert answers_from_data(json.loads(lines[0])).priorities["effort"] == "critical"


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


# -- ways of giving priorities, help, back and the summary ------------------------------------


def test_swing_answers_show_worst_and_best_and_save_the_points(catalog: Catalog) -> None:
    # name, swing, target H1, exclusions, limits (asked before the swings: issue 20), the change that matters
    # most (risk: 100 points), then the seven other changes (all differ under H1) relative to it, summary
    lines = ["Provost", "s", "H1", "", "risk<=medium", "risk", "80", "20", "", "0", "10", "", "60", ""]
    answers, err = ask(catalog, lines)
    assert answers.name == "Provost"
    assert answers.priorities == {} and answers.ranking is None
    assert answers.swing == {"effort": 80, "horizon": 20, "risk": 100, "autonomy": 50, "speed": 0, "cost": 10,
                             "impact": 50, "roi": 60}  # fmt: skip
    assert answers.require == ["risk<=MED"]  # importance words name the levels of LOW/MED/HIGH scales
    flat = " ".join(err.split())
    # every change is shown in one list before the person picks the one that matters most
    listed = flat.split("Which of these changes matters most to you?")[1].split("Answer [equal]")[0]
    assert "risk: from MED to LOW" in listed and "horizon: from H2/H3 to H1 when you plan for H1" in listed
    assert listed.index("effort: from HIGH to LOW") < listed.index("roi: from LOW/MED to MED/HIGH")
    # then each other change is weighed against the chosen one (the chosen one is not asked)
    assert "Effort: from HIGH to LOW. The change that matters most to you (Risk: from MED to LOW) is worth 100" in flat
    assert "Risk: swing" not in flat
    assert "6. The change that matters most: risk (100 points)" in flat  # the summary
    assert flat.index("Hard limits") < flat.index("Which of these changes matters most")


def test_swing_enter_through_weighs_every_change_the_same(catalog: Catalog) -> None:
    answers, err = ask(catalog, ["", "swing", "", "", "", "", ""])
    assert answers.swing == dict.fromkeys(catalog.criterion_ids, 100)
    assert "Effort: swing" not in err  # nothing more is asked


def test_swing_skips_criteria_the_models_do_not_differ_on(catalog: Catalog) -> None:
    lines = ["", "swing", "none", "", "", "roi", *["100"] * 6, ""]  # no target: horizon is not asked about
    answers, err = ask(catalog, lines)
    assert "horizon" not in answers.swing and len(answers.swing) == 7 and answers.swing["roi"] == 100
    assert "horizon: from" not in err and "Horizon: from" not in err


def test_swing_pick_accepts_a_label_or_a_beginning_and_refuses_the_rest(catalog: Catalog) -> None:
    lines = ["", "swing", "none", "", "", "horizon", "r", "ro", *["0"] * 6, ""]
    answers, err = ask(catalog, lines)
    assert answers.swing == {"effort": 0, "risk": 0, "autonomy": 0, "speed": 0, "cost": 0, "impact": 0, "roi": 100}
    assert "the models do not differ on horizon" in err
    assert "'r' could be risk or roi; type more of it" in err
    answers, _ = ask(catalog, ["", "swing", "", "", "", "Return on investment", *[""] * 7, ""])
    assert answers.swing["roi"] == 100 and answers.swing["risk"] == 50


def test_swing_help_and_back_across_the_new_steps(catalog: Catalog) -> None:
    lines = ["", "swing", "", "", "", "?", "risk", "?", "back", "impact", "back", "back", "back", "back", "H2", "", ""]
    answers, err = ask(catalog, [*lines, "roi", *[""] * 7, ""])
    assert answers.target_horizon == "H2"
    assert answers.swing["roi"] == 100 and answers.swing["risk"] == 50 and answers.swing["impact"] == 50
    flat = " ".join(err.split())
    assert (
        flat.count("Imagine a model at the worst rating on every criterion") == 5
    )  # asked four times, and once more after "?"
    assert flat.count("100 if this change matters as much as the one you chose") >= 2  # shown, and '?'
    assert "(6 of 13) The change that matters most" in flat


def test_changing_the_target_in_the_summary_asks_a_moot_swing_pick_again(catalog: Catalog) -> None:
    # horizon chosen as the change that matters most, then the target set to none in the summary:
    # horizon no longer differs, so the pick is asked again instead of failing at the end
    lines = ["", "swing", "", "", "", "horizon", *[""] * 7, "3", "none", "roi", "", "", "", "", "", "", ""]
    answers, err = ask(catalog, lines)
    assert answers.target_horizon is None and "horizon" not in answers.swing and answers.swing["roi"] == 100
    assert "no longer fits; it is asked again" in " ".join(err.split())


def test_ranking_answers(catalog: Catalog) -> None:
    lines = ["", "ranking", "none", "", "", "risk > horizon", "risk > roi = impact > speed", ""]
    answers, err = ask(catalog, lines)
    assert answers.ranking == "risk > roi = impact > speed"
    assert "the models do not differ on horizon" in err  # no target: horizon cannot be ranked


def test_ranking_default_weighs_every_differing_criterion_equally(catalog: Catalog) -> None:
    answers, _ = ask(catalog, ["", "r", "", "", "", "", ""])
    assert answers.ranking == " = ".join(catalog.criterion_ids)


def test_help_and_back(catalog: Catalog) -> None:
    lines = ["", "", "?", "back", "swing", "back", "back", "back", "Finance", "importance", "low", *[""] * 10, ""]
    answers, err = ask(catalog, lines)
    assert answers.name == "Finance" and answers.priorities["effort"] == "low"
    assert "type back for the previous question" in err  # '?' shows the help and how to answer
    assert "(this is the first question)" in err  # back at the first question stays there


def test_the_summary_lets_an_answer_change(catalog: Catalog) -> None:
    lines = [*PRELUDE, *[""] * 11, "14", "3", "critical", "99", ""]
    answers, err = ask(catalog, lines)
    assert answers.priorities["effort"] == "critical"
    assert err.count("Your answers:") == 2
    assert "type a number from 1 to 13" in err


@pytest.mark.parametrize("typed", ["٣", "³", "𝟑", "9" * 5000])
def test_the_summary_takes_only_ascii_digits(catalog: Catalog, typed: str) -> None:
    """'٣' is not 3 (Python's int() would read it so), '³' would crash int(), and 5,000 digits too."""
    answers, err = ask(catalog, [*PRELUDE, *[""] * 11, typed, ""])
    assert answers == answers_from(catalog, {})
    assert "type a number from 1 to 13" in err


def test_changing_the_way_in_the_summary_asks_the_new_questions(catalog: Catalog) -> None:
    lines = [*PRELUDE, *[""] * 11, "2", "ranking", "roi > risk", ""]
    answers, _ = ask(catalog, lines)
    assert answers.ranking == "roi > risk" and answers.priorities == {}


def test_text_wraps_to_the_terminal_width(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _, narrow = ask(catalog, ENTER_THROUGH)
    monkeypatch.setenv("COLUMNS", "120")
    _, wide = ask(catalog, ENTER_THROUGH)
    text = [line for line in narrow.splitlines() if not line.startswith("    ") and not line.endswith(": ")]
    assert max(len(line) for line in text) <= 58  # prompts and tables of ids are not wrapped
    assert max(len(line) for line in wide.splitlines() if line.startswith("  ")) > 80


def test_offer_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mcstrat.cli.ask import offer_record

    monkeypatch.chdir(tmp_path)
    assert offer_record(read=script([""]), write=io.StringIO()) is None
    assert offer_record(read=script(["y", ""]), write=io.StringIO()) == Path("decision.md")
    err = io.StringIO()
    assert offer_record(read=script(["y", "board", "board.docx", "board.HTML"]), write=err) == Path("board.HTML")
    said = " ".join(err.getvalue().split())
    assert "Write a decision record to share (.md, .html or .pdf)? [y/N]: " in said
    assert "a name without an extension is not a record format; name the file .md (Markdown)" in said
    assert ".docx is not a record format" in said and "e.g. board.md" in said


def test_offer_record_pdf_without_a_browser_asks_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mcstrat.report.writers.pdf
    from mcstrat.cli.ask import offer_record

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(mcstrat.report.writers.pdf, "find_browser", lambda: None)
    err = io.StringIO()
    assert offer_record(read=script(["yes", "minutes.pdf", "minutes.md"]), write=err) == Path("minutes.md")
    assert "no Chromium or Chrome was found to print a PDF here" in " ".join(err.getvalue().split())


def test_help_and_choices_fit_forty_columns(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    # '?' on the way of giving priorities and on the ranking question: help, how to answer and the
    # choices all fit (the choices were printed unwrapped after '?', and the terminal broke words)
    monkeypatch.setenv("COLUMNS", "40")
    lines = ["", "?", "ranking", "", "", "", "?", "risk > roi", ""]
    answers, err = ask(catalog, lines)
    assert answers.ranking == "risk > roi"
    _, swing = ask(catalog, ["", "swing", "", "", "", "?", "", ""])  # the list of changes, and its help
    err += swing
    # scripted answers are not echoed, so a prompt and the next line share a line here: split them
    body = [part for line in err.splitlines() for part in re.split(r"(?<=\]: )", line)]
    assert max(len(line) for line in body) <= 40, max(body, key=len)  # width() is at least 40


def test_stderr_terminal_sets_the_width_when_stdout_is_redirected(monkeypatch: pytest.MonkeyPatch) -> None:
    import mcstrat.cli.ask
    import mcstrat.cli.output

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(mcstrat.cli.output.os, "get_terminal_size", lambda fd=None: os.terminal_size((50, 20)))
    assert mcstrat.cli.ask.width() == 48


def test_swing_help_of_a_target_criterion_names_the_target(catalog: Catalog) -> None:
    lines = ["", "swing", "H2", "", "", "risk", "", "?"]
    err = io.StringIO()
    with pytest.raises(EndOfInput):
        run_questionnaire(catalog, read=script(lines), write=err)
    text = " ".join(err.getvalue().split())
    assert "the closer to H2, the better for your institution" in text
    assert "higher is better" not in text.split("Horizon: swing")[1].split("(9 of")[0]


def test_back_and_changing_keep_the_answer_given_as_the_default(catalog: Catalog) -> None:
    # after 'back' (or a number at the summary) the question shows the answer given, and Enter
    # keeps it: before, Enter silently reset it to the question's default
    rest = [""] * 10  # the target horizon, seven importances, models to leave out, limits
    answers, err = ask(catalog, [*PRELUDE, "critical", "", "back", "", "", *rest[1:], *CONFIRM])
    assert answers.priorities["effort"] == "critical"
    answers, err = ask(catalog, [*PRELUDE, "critical", "H2", "4", "back", "", *rest[2:], *CONFIRM])
    assert answers.target_horizon == "H2" and answers.priorities["horizon"] == 4
    assert "Answer [4]: " in err
    answers, err = ask(catalog, [*PRELUDE, "critical", *rest, "3", "", *CONFIRM])
    assert answers.priorities["effort"] == "critical" and "Answer [critical]: " in err
    answers, _ = ask(catalog, [*PRELUDE, "critical", *rest, "3", "low", *CONFIRM])
    assert answers.priorities["effort"] == "low"


def test_help_and_plain_word_limits_in_a_real_terminal(tmp_path: Path) -> None:
    """The installed `mcstrat` in a pseudo-terminal 50 columns wide: `?` explains a criterion in Table 2's terms, a
    limit in plain words is read, every message fits, the replay command is whole on its own line, and the ranking
    comes last (issue 21)."""
    pexpect = pytest.importorskip("pexpect")
    import shutil

    exe = shutil.which("mcstrat", path=str(Path(sys.executable).parent))
    assert exe, "the mcstrat script is installed beside this Python"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MCSTRAT_DEBUG")}
    env.update({"COLUMNS": "50", "TERM": "dumb", "NO_COLOR": "1"})
    child = pexpect.spawn(exe, ["recommend"], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30)
    child.logfile_read = log = io.StringIO()
    try:
        child.expect_exact("Answer [skip]: ")
        child.sendline("")
        child.expect_exact("Answer [importance]: ")
        child.sendline("")
        for _ in range(3):  # effort, the target horizon, horizon
            child.expect(r"Answer \[[^\]]*\]: ")
            child.sendline("")
        child.expect_exact("(6 of 13) Risk")
        child.expect_exact("Answer [medium]: ")
        child.sendline("?")
        child.expect_exact("Answer [medium]: ")
        helped = " ".join(child.before.split())
        child.sendline("high")
        for _ in range(6):  # autonomy .. roi, models to leave out
            child.expect(r"Answer \[[^\]]*\]: ")
            child.sendline("")
        child.expect_exact("Answer [no limits]: ")
        child.sendline("no more than low risk")
        child.expect_exact("= risk<=LOW")
        child.expect_exact("a number to change one: ")
        child.sendline("")
        child.expect_exact("[y/N]: ")
        child.sendline("y")
        child.expect_exact("[answers.yaml]: ")
        child.sendline("")
        child.expect_exact("Write a decision record")
        child.expect_exact("[y/N]: ")
        transcript = log.getvalue()
        child.sendline("")
        child.expect_exact("Recommendation")
        child.expect(pexpect.EOF)
        ranking = child.before
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    # `?` explained the criterion in the table's terms and how the answer is used, not the question again
    assert "Table 2 rates it LOW, MED or HIGH; lower is better for your institution" in helped
    assert "- LOW (best for you): Sole institution, Industry led or partnership" in helped
    assert "- HIGH (worst): no model" in helped and "How your answer is used:" in helped
    assert "How important is it to keep your institution's risk low?" not in helped
    # the replay command on a line of its own, whole; every message within 50 columns (typed answers aside)
    lines = transcript.replace("\r\n", "\n").split("\n")
    assert "  mcstrat recommend --answers answers.yaml" in lines
    assert all(len(line) <= 50 for line in lines if "]: " not in line), max(lines, key=len)
    shown = " ".join(ranking.split())
    assert "Save these answers" not in shown and "Not ranked: Institutional business unit, breaks risk<=LOW" in shown
    saved = (tmp_path / "answers.yaml").read_text(encoding="utf-8")
    assert "risk: 4" in saved and "require: [risk<=LOW]" in saved
