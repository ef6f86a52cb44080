"""Every malformed input gets a clean error: exit 2, a message naming the file and the problem on
stderr, nothing on stdout, no traceback, within seconds (no hang) and within 1 GiB of memory.

Each case runs the real command line in a subprocess, as a user or a CI job would:
`mcstrat --models FILE models --format json` for a models file and
`mcstrat recommend --answers FILE --format json` for an answers file.

The committed catalogue is tests/bad_inputs/{answers,models}/ (each YAML file starts with a comment
saying what is wrong with it). Big, binary and special files (FIFOs, devices, sparse 2 GiB files)
are made at test time in tmp_path instead of being committed.

Named pipes: mcstrat reads only regular files. A FIFO that nobody writes to would block a
reader forever, so it is refused at once without reading ("is a named pipe"); the price is that
`--answers <(cmd)` is not supported. Devices such as /dev/zero are refused the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unprivileged import REASON, prefix

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = Path(__file__).resolve().parent / "bad_inputs"

#: A bad input must be answered within this many seconds (a bound against hangs, not a speed target:
#: CI runs the locked and the newest suites side by side on 2 cores, so a start-up can take seconds).
CEILING = 8.0
#: Hard stop for a hung child; the CEILING assertion reports the failure.
TIMEOUT = 15
#: Address-space limit of the child: an alias bomb or a runaway read must not get far.
MEMORY = 1 << 30


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


class Ran:
    """What a user saw: exit code, stdout, stderr and the wall time."""

    def __init__(self, args: list[str], run_as: tuple[str, ...] = ()) -> None:
        """Run `mcstrat ARGS` (after RUN_AS: tests/unprivileged.py's prefix where permissions matter)."""
        env = {**os.environ, "CI": "true", "COLUMNS": "80", "NO_COLOR": "1"}
        env.pop("MCSTRAT_DEBUG", None)
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [*run_as, sys.executable, "-m", "mcstrat", *args],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                env=env,
                cwd=ROOT,
                timeout=TIMEOUT,
                preexec_fn=_limit_memory if os.name == "posix" else None,
            )
            self.code: int | None = proc.returncode
            self.stdout, self.stderr = proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as exc:
            self.code = None
            self.stdout = _text(exc.stdout)
            self.stderr = _text(exc.stderr) + f"\n[killed after {TIMEOUT} s: the command hung]"
        self.seconds = time.perf_counter() - start

    def assert_clean_error(self, *fragments: str) -> None:
        shown = (
            f"exit {self.code} after {self.seconds:.2f} s\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )
        assert "Traceback" not in self.stderr, f"a traceback reached the user\n{shown}"
        assert self.code == 2, f"expected exit 2 (bad input)\n{shown}"
        assert self.stdout == "", f"nothing may be printed on stdout when a command fails\n{shown}"
        assert self.stderr.startswith("Error: ") or "Error: " in self.stderr, f"no error message on stderr\n{shown}"
        for fragment in fragments:
            assert fragment in self.stderr, f"the message should contain {fragment!r}\n{shown}"
        assert self.seconds < CEILING, (
            f"a bad input must be refused in under {CEILING} s; this took {self.seconds:.2f} s\n{shown}"
        )


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def run_file(kind: str, path: Path, run_as: tuple[str, ...] = ()) -> Ran:
    if kind == "models":
        return Ran(["--models", str(path), "models", "--format", "json"], run_as)
    if kind == "group":
        return Ran(["recommend", "--group", str(path), "--format", "json"], run_as)
    return Ran(["recommend", "--answers", str(path), "--format", "json"], run_as)


# -- the committed catalogue -----------------------------------------------------------------
#
# (file under tests/bad_inputs/answers or /models, a fragment the message must contain)

ANSWERS = [
    pytest.param("not_yaml.yaml", "line 4: not valid YAML", id="not-yaml"),
    pytest.param("empty.yaml", "is empty, not a mapping", id="empty"),
    pytest.param("only_comment.yaml", "is empty, not a mapping", id="only-comment"),
    pytest.param("top_level_list.yaml", "is a list, not a mapping", id="top-level-list"),
    pytest.param("top_level_scalar.yaml", "not a mapping of answers", id="top-level-scalar"),
    pytest.param("priorities_is_list.yaml", "line 3: priorities: Input should be a valid dictionary", id="nested-list"),
    pytest.param(
        "priorities_is_scalar.yaml", "line 3: priorities: Input should be a valid dictionary", id="nested-scalar"
    ),
    pytest.param("exclude_is_scalar.yaml", "line 4: exclude: Input should be a valid list", id="exclude-scalar"),
    pytest.param("require_is_mapping.yaml", "line 4: require: Input should be a valid list", id="require-mapping"),
    pytest.param("name_is_mapping.yaml", "line 3: name: Input should be a valid string", id="name-mapping"),
    pytest.param(
        "importance_is_list.yaml",
        "line 4: priorities.risk: a range is two numbers, low then high, such as [3, 4]; this list has 3",
        id="importance-list",
    ),
    pytest.param(
        "importance_range_backwards.yaml",
        "line 4: priorities.risk: '4-3' runs backwards; write the low end first, such as 3-4",
        id="importance-range-backwards",
    ),
    pytest.param(
        "importance_is_mapping.yaml",
        "line 4: priorities.risk: {'level': 'high'} is not an importance",
        id="importance-mapping",
    ),
    pytest.param("version_missing.yaml", "version: required key is missing", id="version-missing"),
    pytest.param("version_2.yaml", "line 2: version: unsupported version 2", id="version-2"),
    pytest.param("version_text.yaml", "unsupported version 'one'", id="version-text"),
    pytest.param("version_true.yaml", "line 2: version: unsupported version True", id="version-true"),
    pytest.param("unknown_top_key.yaml", "line 3: prioritys: unknown key", id="unknown-key"),
    pytest.param(
        "unknown_criterion.yaml",
        "line 5: priorities.rsik: unknown criterion 'rsik' (did you mean 'risk'?)",
        id="unknown-criterion",
    ),
    pytest.param(
        "unknown_model_exclude.yaml",
        "line 4: exclude.0: unknown model id 'mooc-lead' (did you mean 'mooc-led'?)",
        id="unknown-model",
    ),
    pytest.param("importance_nan.yaml", "line 4: priorities.risk: nan is not a finite number", id="nan"),
    pytest.param("importance_inf.yaml", "line 4: priorities.risk: inf is not a finite number", id="inf"),
    pytest.param("importance_neg_inf.yaml", "line 4: priorities.risk: -inf is not a finite number", id="-inf"),
    pytest.param("importance_1e400.yaml", "line 4: priorities.risk: importance 1e400 is out of range", id="1e400"),
    pytest.param(
        "importance_1_0e400.yaml", "line 4: priorities.risk: importance 1.0e400 is out of range", id="1.0e400"
    ),
    pytest.param("importance_1_0e_plus_400.yaml", "line 4: priorities.risk: inf is not a finite number", id="1.0e+400"),
    pytest.param(
        "importance_huge_exponent.yaml",
        "line 4: priorities.risk: importance 1e999999999 is out of range",
        id="1e999999999",
    ),
    pytest.param("importance_negative.yaml", "line 4: priorities.risk: importance -1 is out of range", id="negative"),
    pytest.param("importance_six.yaml", "line 4: priorities.risk: importance 6 is out of range", id="six"),
    pytest.param("importance_true.yaml", "line 4: priorities.risk: True is not an importance", id="true"),
    pytest.param("importance_null.yaml", "line 4: priorities.risk: None is not an importance", id="null"),
    pytest.param("importance_word_typo.yaml", "'hgih' is not an importance (did you mean 'high'?)", id="word-typo"),
    pytest.param("duplicate_priority.yaml", "line 6: priorities.risk: duplicate key", id="duplicate-key"),
    pytest.param("duplicate_top_key.yaml", "line 4: priorities: duplicate key", id="duplicate-top-key"),
    pytest.param("alias_bomb.yaml", "YAML aliases (*name) are not allowed", id="billion-laughs"),
    pytest.param("merge_key.yaml", "line 5: priorities: merge keys (<<) are not supported", id="merge-key"),
    pytest.param(
        "python_tag.yaml", "line 3: name: the tag !!python/object/apply:os.system is not allowed", id="python-tag"
    ),
    pytest.param("custom_tag.yaml", "line 4: priorities.risk: the tag !secret is not allowed", id="custom-tag"),
    pytest.param("set_tag.yaml", "line 3: priorities: the tag !!set is not allowed", id="set-tag"),
    pytest.param("two_documents.yaml", "more than one YAML document", id="two-documents"),
    pytest.param("key_is_mapping.yaml", "a key must be a plain value", id="mapping-as-key"),
    pytest.param("bad_date.yaml", "line 3: name: '2001-02-30' is not a valid date", id="bad-date"),
    pytest.param("bad_explicit_int.yaml", "'high' is not a valid integer", id="bad-int-tag"),
    pytest.param("lone_surrogate.yaml", "line 3: not valid YAML", id="lone-surrogate"),
    pytest.param("tab_indent.yaml", "line 4: not valid YAML", id="tab-indent"),
    pytest.param("constraint_double_operator.yaml", "require.0: 'risk<<MED' is not a constraint", id="risk<<MED"),
    pytest.param("constraint_unknown_level.yaml", "require.0: 'LOL' is not a level of risk", id="constraint-level"),
    pytest.param(
        "constraint_unknown_criterion.yaml",
        "require.0: unknown criterion 'rsik' (did you mean 'risk'?)",
        id="constraint-criterion",
    ),
    pytest.param(
        "constraint_not_string.yaml", "line 4: require.0: Input should be a valid string", id="constraint-number"
    ),
    pytest.param(
        "horizon_without_target.yaml",
        "priorities.horizon: horizon has importance 3 but no target",
        id="horizon-no-target",
    ),
    pytest.param("target_unknown_level.yaml", "target_horizon: 'H9' is not a level of horizon", id="target-H9"),
    pytest.param("all_zero.yaml", "every criterion has importance 0", id="all-zero"),
    pytest.param("ranges_unknown.yaml", "line 4: ranges:", id="ranges-unknown"),
    pytest.param("exclude_everything.yaml", "no model is left to rank", id="exclude-everything"),
    pytest.param("stakeholder_weight_zero.yaml", "line 4: stakeholder_weight:", id="stakeholder-weight-0"),
    pytest.param(
        "json_errors.json",
        "line 5: priorities.rsik: unknown criterion 'rsik' (did you mean 'risk'?)",
        id="json-unknown-criterion",
    ),
    pytest.param("json_syntax.json", "line 3: not valid JSON", id="json-syntax"),
    pytest.param("json_nan.json", "NaN is not a number mcstrat accepts", id="json-nan"),
    pytest.param("json_duplicate.json", "priorities.risk: duplicate key", id="json-duplicate"),
    pytest.param("yaml_named_json.json", "not valid JSON", id="yaml-named-json"),
    pytest.param("json_top_level_list.json", "is a list, not a mapping", id="json-list"),
    pytest.param(
        "importance_arabic_indic_digit.yaml",
        "line 4: priorities.risk: '٥' is written with '٥', which is not one of the ASCII digits 0-9",
        id="arabic-indic-5",
    ),
    pytest.param(
        "importance_mathematical_digit.yaml",
        "line 5: priorities.risk: '𝟓' is written with '𝟓', which is not one of the ASCII digits 0-9",
        id="mathematical-bold-5",
    ),
    pytest.param(
        "swing_extended_arabic_zero.yaml",
        "line 5: swing.roi: '۰' is written with '۰', which is not one of the ASCII digits 0-9",
        id="swing-extended-arabic-0",
    ),
    pytest.param(
        "stakeholder_weight_arabic_digit.yaml",
        "line 4: stakeholder_weight: '٢' is written with '٢', which is not one of the ASCII digits 0-9",
        id="weight-arabic-indic-2",
    ),
    pytest.param(
        "importance_tiny_float.yaml",
        "line 4: priorities.risk: 1e-300 has more decimals than an importance needs",
        id="1.0e-300",
    ),
    pytest.param(
        "priorities_two_spellings.yaml",
        "line 5: priorities.RISK: 'risk' and 'RISK' both name the criterion risk; keep one of them",
        id="risk-and-RISK",
    ),
    pytest.param(
        "priorities_key_with_space.yaml",
        "line 5: priorities. risk: 'risk' and ' risk' both name the criterion risk; keep one of them",
        id="risk-and-space-risk",
    ),
    pytest.param(
        "target_horizon_twice.yaml",
        "line 6: targets.horizon: target_horizon and targets.horizon both set the target level of horizon; keep one "
        "of them",
        id="target-horizon-twice",
    ),
    pytest.param(
        "swing_two_spellings.yaml",
        "line 5: swing.RISK: 'risk' and 'RISK' both name the criterion risk; keep one of them",
        id="swing-risk-and-RISK",
    ),
]

MODELS = [
    pytest.param("not_yaml.yaml", "line 5: not valid YAML", id="not-yaml"),
    pytest.param("empty.yaml", "is empty, not a mapping with version, criteria and models", id="empty"),
    pytest.param("only_comment.yaml", "is empty, not a mapping with version, criteria and models", id="only-comment"),
    pytest.param(
        "top_level_list.yaml", "is a list, not a mapping with version, criteria and models", id="top-level-list"
    ),
    pytest.param("top_level_scalar.yaml", "not a mapping with version, criteria and models", id="top-level-scalar"),
    pytest.param("criteria_is_scalar.yaml", "line 3: criteria: Input should be a valid list", id="criteria-scalar"),
    pytest.param("model_is_list.yaml", "line 15: models.0: Input should be a valid dictionary", id="model-list"),
    pytest.param(
        "ratings_is_list.yaml", "line 18: models.0.ratings: Input should be a valid dictionary", id="ratings-list"
    ),
    pytest.param("scale_is_scalar.yaml", "line 8: criteria.0.scale: Input should be a valid list", id="scale-scalar"),
    pytest.param(
        "rating_is_number.yaml", "line 18: models.0.ratings.gain: Input should be a valid string", id="rating-number"
    ),
    pytest.param(
        "rating_is_null.yaml", "line 18: models.0.ratings.gain: Input should be a valid string", id="rating-null"
    ),
    pytest.param("unknown_model_key.yaml", "line 17: models.0.colour: unknown key", id="unknown-key"),
    pytest.param("unknown_top_key.yaml", "critera: unknown key", id="unknown-top-key"),
    pytest.param("version_2.yaml", "line 2: version: unsupported version 2", id="version-2"),
    pytest.param("version_missing.yaml", "version: required key is missing", id="version-missing"),
    pytest.param(
        "rating_off_scale.yaml",
        "line 18: models.0.ratings.gain: 'HUGE' is not on the scale of gain",
        id="rating-off-scale",
    ),
    pytest.param("rating_missing.yaml", "models.0.ratings: alpha has no rating for 'pain'", id="rating-missing"),
    pytest.param(
        "rating_extra.yaml", "models.0.ratings.pian: unknown criterion 'pian' (did you mean 'pain'?)", id="rating-extra"
    ),
    pytest.param("models_empty.yaml", "line 14: models: List should have at least 1 item", id="no-models"),
    pytest.param("criteria_empty.yaml", "line 3: criteria: List should have at least 1 item", id="no-criteria"),
    pytest.param("duplicate_model_ids.yaml", "model id 'alpha' appears twice", id="duplicate-model-ids"),
    pytest.param("duplicate_criterion_ids.yaml", "criterion id 'gain' appears twice", id="duplicate-criterion-ids"),
    pytest.param(
        "duplicate_model_names.yaml",
        "models.1.name: ' ALPHA   model' is the name of alpha too ('Alpha model'); give each model its own name",
        id="duplicate-model-names",
    ),
    pytest.param("model_id_not_slug.yaml", "line 15: models.0.id: String should match pattern", id="model-id-not-slug"),
    pytest.param(
        "criterion_id_not_slug.yaml", "line 9: criteria.1.id: String should match pattern", id="criterion-id-not-slug"
    ),
    pytest.param("range_wrong_order.yaml", "range 'MED/LOW' is not in scale order", id="MED/LOW"),
    pytest.param("range_equal_ends.yaml", "'MED/MED' is a range with equal ends", id="MED/MED"),
    pytest.param("range_three_ends.yaml", "'LOW/MED/HIGH' has more than two ends", id="three-ends"),
    pytest.param("scale_repeated_level.yaml", "repeats a level", id="scale-repeated-level"),
    pytest.param("scale_one_level.yaml", "criteria.0.scale: List should have at least 2 items", id="scale-one-level"),
    pytest.param("values_not_increasing.yaml", "values must be strictly increasing", id="values-not-increasing"),
    pytest.param("values_wrong_length.yaml", "values has 2 entries but scale has 3", id="values-wrong-length"),
    pytest.param("values_nan.yaml", "line 9: criteria.0.values.1: nan is not a finite number", id="values-nan"),
    pytest.param(
        "values_out_of_range.yaml", "criteria.0.values.2: Input should be less than or equal to 1", id="values-6"
    ),
    pytest.param("direction_unknown.yaml", "line 12: criteria.1.direction:", id="direction-unknown"),
    pytest.param("level_notes_unknown_level.yaml", "level_notes names 'HUGE'", id="level-notes"),
    pytest.param("name_missing.yaml", "models.0.name: required key is missing", id="name-missing"),
    pytest.param("duplicate_key.yaml", "line 20: models.0.strengths: duplicate key", id="duplicate-key"),
    pytest.param("alias_bomb.yaml", "YAML aliases (*name) are not allowed", id="billion-laughs"),
    pytest.param("python_tag.yaml", "the tag !!python/object/new:os.system is not allowed", id="python-tag"),
    pytest.param("deep_flow.yaml", "line 3: is nested more than 32 levels deep", id="deep-flow"),
    pytest.param("models.json", "line 7: models.0.ratings.gain: 'HUGE' is not on the scale", id="json-off-scale"),
    pytest.param("models_infinity.json", "Infinity is not a number mcstrat accepts", id="json-infinity"),
]


@pytest.mark.parametrize(("name", "fragment"), ANSWERS)
def test_bad_answers_file(name: str, fragment: str) -> None:
    path = CATALOGUE / "answers" / name
    ran = run_file("answers", path)
    ran.assert_clean_error(str(path), fragment)


#: bad group files (tests/bad_inputs/group/, their members in members/): (file, a fragment of the message,
#: the file the message names when it is a member's rather than the group file)
MEMBERS = "members"
GROUP = [
    pytest.param("not_yaml.yaml", "line 6: not valid YAML", None, id="not-yaml"),
    pytest.param(
        "empty.yaml", "is empty, not a group file; start one with `mcstrat init --group FILE`", None, id="empty"
    ),
    pytest.param("top_level_list.yaml", "is a list, not a group file", None, id="top-level-list"),
    pytest.param("version_2.yaml", "line 2: version: unsupported version 2", None, id="version-2"),
    pytest.param("no_name.yaml", "name: required key is missing; add it", None, id="no-name"),
    pytest.param("members_empty.yaml", "line 4: members: List should have at least 1 item", None, id="no-members"),
    pytest.param("members_not_list.yaml", "line 4: members: Input should be a valid list", None, id="members-mapping"),
    pytest.param("unknown_key.yaml", "line 5: weights: unknown key", None, id="unknown-key"),
    pytest.param("member_unknown_key.yaml", "line 5: members.0.wieght: unknown key", None, id="member-unknown-key"),
    pytest.param(
        "member_no_answers.yaml", "members.0.answers: required key is missing", None, id="member-without-answers"
    ),
    pytest.param(
        "answers_not_text.yaml", "members.0.answers: Input should be a valid string", None, id="answers-number"
    ),
    pytest.param(
        "member_missing.yaml",
        "line 6: members.1.answers: no answers file 'members/nobody.yaml'",
        None,
        id="member-missing",
    ),
    pytest.param(
        "member_folder.yaml", "members.0.answers: 'members' is a folder, not an answers file", None, id="member-folder"
    ),
    pytest.param(
        "member_itself.yaml", "members.0.answers: 'member_itself.yaml' is this group file itself", None, id="itself"
    ),
    pytest.param(
        "member_twice.yaml",
        "members.1.answers: './members/../members/alpha.yaml' is the answers file of members.0.answers too",
        None,
        id="member-twice",
    ),
    pytest.param("weight_zero.yaml", "line 5: members.0.weight: weight 0 is out of range", None, id="weight-0"),
    pytest.param("weight_negative.yaml", "members.0.weight: weight -1 is out of range", None, id="weight-negative"),
    pytest.param("weight_over.yaml", "members.0.weight: weight 1001 is out of range", None, id="weight-1001"),
    pytest.param("weight_true.yaml", "members.0.weight: True is not a weight", None, id="weight-true"),
    pytest.param("weight_nan.yaml", "members.0.weight: nan is not a finite number", None, id="weight-nan"),
    pytest.param("weight_word.yaml", "members.0.weight: 'high' is not a weight", None, id="weight-word"),
    pytest.param(
        "weight_huge_exponent.yaml",
        "members.0.weight: weight 1e999999999 is out of range",
        None,
        id="weight-1e999999999",
    ),
    pytest.param(
        "weight_arabic_digit.yaml",
        "members.0.weight: '٢' is written with '٢', which is not one of the ASCII digits 0-9",
        None,
        id="weight-arabic-indic-2",
    ),
    pytest.param("ranges_unknown.yaml", "line 4: ranges:", None, id="ranges-unknown"),
    pytest.param("duplicate_key.yaml", "line 4: name: duplicate key", None, id="duplicate-key"),
    pytest.param(
        "member_own_weight.yaml",
        "line 5: stakeholder_weight: a member's own stakeholder_weight is not used in a group",
        "own_weight.yaml",
        id="member-own-weight",
    ),
    pytest.param(
        "members_ranges_differ.yaml",
        "the members score ranged ratings differently (midpoint: Alpha; optimistic: Delta); one range mode must hold "
        "for the whole group: set `ranges: MODE` in the group file",
        None,
        id="ranges-differ",
    ),
    pytest.param(
        "member_bad_answers.yaml",
        "line 3: priorities.rsik: unknown criterion 'rsik'",
        "bad_answers.yaml",
        id="member-bad-answers",
    ),
]


@pytest.mark.parametrize(("name", "fragment", "member"), GROUP)
def test_bad_group_file(name: str, fragment: str, member: str | None) -> None:
    path = CATALOGUE / "group" / name
    ran = run_file("group", path)
    # a member's own file at fault is the file named (its line and key), not the group file
    named = str(CATALOGUE / "group" / MEMBERS / member) if member is not None else str(path)
    ran.assert_clean_error(named, fragment)
    assert len(ran.stderr.strip().splitlines()) == 1, ran.stderr  # one line


def test_group_catalogue_is_complete_and_documented() -> None:
    folder = CATALOGUE / "group"
    on_disk = {p.name for p in folder.iterdir() if p.is_file()}
    assert on_disk == _names(GROUP), (on_disk - _names(GROUP), _names(GROUP) - on_disk)
    used = {p.name for p in (folder / MEMBERS).iterdir()}
    for path in [*folder.iterdir(), *(folder / MEMBERS).iterdir()]:
        if path.is_file() and path.read_text(encoding="utf-8"):
            assert path.read_text(encoding="utf-8").startswith("# "), f"{path}: say what it is for"
    named = " ".join((folder / name).read_text(encoding="utf-8") for name in on_disk)
    assert all(f"members/{member}" in named for member in used), "every member file is used by a case"


@pytest.mark.parametrize(("name", "fragment"), MODELS)
def test_bad_models_file(name: str, fragment: str) -> None:
    path = CATALOGUE / "models" / name
    ran = run_file("models", path)
    ran.assert_clean_error(str(path), fragment)


def _names(table: list[object]) -> set[str]:
    return {param.values[0] for param in table}  # type: ignore[attr-defined]


def test_catalogue_is_complete_and_documented() -> None:
    """Every committed file has a case (and an expected message), and says what is wrong with it."""
    for kind, table in (("answers", ANSWERS), ("models", MODELS)):
        on_disk = {p.name for p in (CATALOGUE / kind).iterdir()}
        assert on_disk == _names(table), (
            f"{kind}: files without a case {on_disk - _names(table)}, cases without a file {_names(table) - on_disk}"
        )
        for path in (CATALOGUE / kind).iterdir():
            assert path.stat().st_size < 8 * 1024, f"{path}: generate big cases in tmp_path instead of committing them"
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".yaml" and text:
                assert text.startswith("# "), f"{path}: start with a comment saying what is wrong with it"
    assert len(ANSWERS) + len(MODELS) >= 40


# -- cases made at test time: big, binary, encoded and special files ------------------------------

VALID_ANSWERS = "version: 1\nname: Université\npriorities: {roi: 5, risk: high}\n"
VALID_MODELS = (
    (CATALOGUE / "models" / "rating_off_scale.yaml")
    .read_text(encoding="utf-8")
    .replace("HUGE", "HIGH")
    .replace("version: 1\n", "version: 1  # Université\n", 1)  # a non-ASCII letter on line 2, as in VALID_ANSWERS
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

Maker = Callable[[Path, str], Path]


def _write(data: bytes, name: str = "input.yaml") -> Maker:
    def make(tmp: Path, valid: str) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _encoded(encoding: str) -> Maker:
    def make(tmp: Path, valid: str) -> Path:
        path = tmp / "input.yaml"
        path.write_bytes(valid.encode(encoding))
        return path

    return make


def _text_maker(build: Callable[[str], str], name: str = "input.yaml") -> Maker:
    def make(tmp: Path, valid: str) -> Path:
        path = tmp / name
        path.write_text(build(valid), encoding="utf-8")
        return path

    return make


def _directory(tmp: Path, valid: str) -> Path:
    path = tmp / "a-folder.yaml"
    path.mkdir()
    return path


def _missing(tmp: Path, valid: str) -> Path:
    return tmp / "no-such-file.yaml"


def _over_limit(tmp: Path, valid: str) -> Path:
    """300 KiB of valid YAML: refused for its size, so its content is never parsed."""
    path = tmp / "big.yaml"
    lines = [valid] + [f"k{i}: {'x' * 60}\n" for i in range(300 * 1024 // 66)]
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size > 256 * 1024
    return path


def _sparse(tmp: Path, valid: str) -> Path:
    """A 2 GiB (sparse) file: reading it all would break the 1 GiB memory limit."""
    path = tmp / "sparse.yaml"
    with path.open("wb") as fh:
        fh.write(valid.encode("utf-8"))
        fh.truncate(2 << 30)
    return path


def _fifo(tmp: Path, valid: str) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = tmp / "pipe.yaml"
    os.mkfifo(path)  # nothing ever writes to it: reading would block forever
    return path


def _unreadable(tmp: Path, valid: str) -> Path:
    """A file of mode 000, read by a probe that permissions stop (tests/unprivileged.py)."""
    if prefix() is None:
        pytest.skip(REASON)
    path = tmp / "secret.yaml"
    path.write_text(valid, encoding="utf-8")
    path.chmod(0)
    return path


def _dev_zero(tmp: Path, valid: str) -> Path:
    path = Path("/dev/zero")
    if not path.exists():
        pytest.skip("no /dev/zero on this platform")
    return path


def _many_keys(count: int, under: str) -> Callable[[str], str]:
    def build(valid: str) -> str:
        keys = "".join(f"  key{i}: 1\n" for i in range(count))
        return f"version: 1\n{under}:\n{keys}"

    return build


def _near_limit(valid: str) -> str:
    """~250 KiB of short scalars, all parsed: the most work a file under the size limit can ask for."""
    row = "[" + ", ".join(["a"] * 999) + "]"
    body = "".join(f"extra{i}: {row}\n" for i in range(250 * 1024 // (len(row) + 10)))
    return f"version: 1\n{body}"


def _deep_lists(valid: str) -> str:
    return "[" * 10_000 + "]" * 10_000 + "\n"


def _deep_flow_mappings(valid: str) -> str:
    return "version: 1\npriorities: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"


def _deep_block_mappings(valid: str) -> str:
    return "version: 1\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "leaf: 1\n"


def _deep_json(valid: str) -> str:
    return '{"version": 1, "priorities": ' + "[" * 10_000 + "]" * 10_000 + "}"


def _json_nested_500(valid: str) -> str:
    return '{"version": 1, "priorities": ' + "[" * 500 + "]" * 500 + "}"


def _huge_int(valid: str) -> str:
    return "version: 1\npriorities:\n  risk: " + "9" * 5000 + "\n"


def _huge_int_json(valid: str) -> str:
    return '{"version": 1, "priorities": {"risk": ' + "9" * 5000 + "}}"


def _control_character(valid: str) -> str:
    return "version: 1\nname: bell\x07here\npriorities: {roi: 5}\n"


def _many_models(valid: str) -> str:
    model = "  - {id: m, name: M, description: d, ratings: {gain: LOW, pain: LOW}, strengths: s, weaknesses: w}\n"
    head = valid[: valid.index("models:")]
    return head + "models:\n" + model * 1500


# (id, maker, fragment); the answers and models variants share makers and fragments
GENERATED: list[tuple[str, Maker, str]] = [
    ("latin-1", _encoded("latin-1"), "line 2: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    ("utf-16-bom", _encoded("utf-16"), "is UTF-16 encoded; save it as UTF-8"),
    ("utf-16-no-bom", _encoded("utf-16-le"), "looks UTF-16 encoded"),
    ("utf-32-bom", _encoded("utf-32"), "is UTF-32 encoded; save it as UTF-8"),
    (
        "nul-bytes",
        _write(b"version: 1\x00\x00\x00\npriorities: {roi: 5}\n"),
        "contains binary data (a NUL byte at offset 10)",
    ),
    ("png", _write(PNG, "logo.yaml"), "contains binary data"),
    ("random-bytes", _write(bytes(range(256)) * 16), "contains binary data"),
    ("invalid-utf8", _write(b"version: 1\nname: \xff\xfe\xfd\n"), "line 2: is not valid UTF-8 (byte 0xff)"),
    ("control-character", _text_maker(_control_character), "line 2: contains the control character U+0007"),
    ("directory", _directory, "is a directory"),
    ("missing", _missing, "no such"),
    ("over-size-limit", _over_limit, "is larger than 256 KiB"),
    ("sparse-2GiB", _sparse, "is larger than 256 KiB"),
    ("fifo", _fifo, "is a named pipe, not a regular file"),
    ("unreadable", _unreadable, "cannot be read (permission denied)"),
    ("dev-zero", _dev_zero, "is a character device, not a regular file"),
    ("5000-keys", _text_maker(_many_keys(5000, "priorities")), "line 2: priorities: has more than 1000 keys"),
    ("near-size-limit", _text_maker(_near_limit), "unknown key"),
    ("deep-lists-10000", _text_maker(_deep_lists), "is nested more than 32 levels deep"),
    ("deep-flow-mappings", _text_maker(_deep_flow_mappings), "is nested more than 32 levels deep"),
    ("deep-block-mappings", _text_maker(_deep_block_mappings), "is nested more than 32 levels deep"),
    ("deep-json-10000", _text_maker(_deep_json, "deep.json"), "is nested more than 32 levels deep"),
    ("deep-json-500", _text_maker(_json_nested_500, "deep.json"), "is nested more than 32 levels deep"),
    (
        "huge-integer",
        _text_maker(_huge_int),
        "line 3: priorities.risk: the number 99999999999999999999... is too large",
    ),
    ("huge-integer-json", _text_maker(_huge_int_json, "big.json"), "is too large"),
    ("empty-json", _write(b"", "empty.json"), "line 1: not valid JSON"),
]

GENERATED_MODELS_ONLY: list[tuple[str, Maker, str]] = [
    ("1500-models", _text_maker(_many_models), "models: has more than 1000 items"),
    ("5000-ratings", _text_maker(_many_keys(5000, "ratings")), "line 2: ratings: has more than 1000 keys"),
]


@pytest.mark.parametrize(("make", "fragment"), [pytest.param(m, f, id=i) for i, m, f in GENERATED])
def test_generated_bad_answers_file(tmp_path: Path, make: Maker, fragment: str) -> None:
    path = make(tmp_path, VALID_ANSWERS)
    run_file("answers", path, _run_as(make)).assert_clean_error(str(path), fragment)


@pytest.mark.parametrize(
    ("make", "fragment"), [pytest.param(m, f, id=i) for i, m, f in GENERATED + GENERATED_MODELS_ONLY]
)
def test_generated_bad_models_file(tmp_path: Path, make: Maker, fragment: str) -> None:
    path = make(tmp_path, VALID_MODELS)
    run_file("models", path, _run_as(make)).assert_clean_error(str(path), fragment)


def _run_as(make: Maker) -> tuple[str, ...]:
    """The probe's prefix: unprivileged for the case where permissions matter."""
    return (prefix() or ()) if make is _unreadable else ()


def test_generated_cases_are_bad_only_where_they_say(tmp_path: Path) -> None:
    """The base texts the makers corrupt are valid, so each case fails for its own reason."""
    answers = _text_maker(lambda valid: valid)(tmp_path, VALID_ANSWERS)
    ran = run_file("answers", answers)
    assert ran.code == 0, ran.stderr
    models = tmp_path / "models.yaml"
    models.write_text(VALID_MODELS, encoding="utf-8")
    ran = run_file("models", models)
    assert ran.code == 0, ran.stderr


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """An over-size file is refused as quickly as a missing one: its content is never parsed."""
    missing = run_file("answers", tmp_path / "missing.yaml")
    big = run_file("answers", _over_limit(tmp_path, VALID_ANSWERS))
    big.assert_clean_error("is larger than 256 KiB")
    assert big.seconds < missing.seconds + 0.5, (
        f"refusing a big file took {big.seconds:.2f} s against {missing.seconds:.2f} s for a missing one: "
        "it should be refused on its size, before parsing"
    )


# -- bad flags -------------------------------------------------------------------------------------

FLAGS = [
    pytest.param(["recommend", "--risk", "-1"], "--risk: importance -1 is out of range", id="--risk -1"),
    pytest.param(["recommend", "--risk", "lots"], "--risk: 'lots' is not an importance", id="--risk lots"),
    pytest.param(["recommend", "--risk", "nan"], "--risk: 'nan' is not an importance", id="--risk nan"),
    pytest.param(["recommend", "--risk", "1e400"], "--risk: importance 1e400 is out of range", id="--risk 1e400"),
    pytest.param(["recommend", "--risk", "1e999999999"], "--risk: importance", id="--risk 1e999999999"),
    pytest.param(["recommend", "--weight", "risk"], "--weight: expected CRITERION=N, got 'risk'", id="--weight risk"),
    pytest.param(
        ["recommend", "--weight", "rsik=3"], "unknown criterion 'rsik' (did you mean 'risk'?)", id="--weight rsik=3"
    ),
    pytest.param(
        ["recommend", "--roi", "5", "--target-horizon", "H9"],
        "'H9' is not a level of horizon",
        id="--target-horizon H9",
    ),
    pytest.param(
        ["recommend", "--horizon", "3"], "horizon has importance 3 but no target", id="--horizon without target"
    ),
    pytest.param(
        ["recommend", "--roi", "5", "--require", "risk<=LOL"], "'LOL' is not a level of risk", id="--require LOL"
    ),
    pytest.param(
        ["recommend", "--roi", "5", "--require", "risk<<MED"], "is not a constraint", id="--require risk<<MED"
    ),
    pytest.param(["recommend", "--roi", "5", "--exclude", "nope"], "unknown model id 'nope'", id="--exclude nope"),
    pytest.param(["recommend", "--roi", "5", "--top", "0"], "--top", id="--top 0"),
    pytest.param(["recommend", "--roi", "5", "--ranges", "average"], "--ranges", id="--ranges average"),
    pytest.param(["recommend"], "no priorities given and no terminal", id="no-priorities-no-terminal"),
    pytest.param(["show", "nosuch"], "unknown model id 'nosuch'", id="show nosuch"),
    pytest.param(["show", "p"], "model id 'p' is ambiguous", id="show p"),
    pytest.param(["models", "--format", "xml"], "--format", id="--format xml"),
    pytest.param(["nosuchcommand"], "No such command", id="unknown command"),
]


@pytest.mark.parametrize(("args", "fragment"), FLAGS)
def test_bad_flags(args: list[str], fragment: str) -> None:
    wants_json = args[0] in ("recommend", "show") and "--format" not in args
    Ran([*args, *(["--format", "json"] if wants_json else [])]).assert_clean_error(fragment)


def test_both_yaml_parsers_refuse_the_catalogue_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python fallback (PyYAML without libyaml) gives the same verdicts as libyaml."""
    import types

    import yaml

    from mcstrat.errors import FileProblem
    from mcstrat.files.reading import load_structured

    def verdicts() -> dict[str, str]:
        out = {}
        valid = [ROOT / "data" / "models.yaml", ROOT / "examples" / "answers.yaml"]
        for path in [*sorted(CATALOGUE.glob("*/*.yaml")), *valid]:
            try:
                data, _ = load_structured(path, "file")
                out[path.name] = f"data {data!r}"
            except FileProblem as exc:
                message = str(exc)
                # the parsers word syntax errors (and a bad \\u escape) differently; the line must agree
                if "not valid YAML" in message or "surrogate" in message:
                    message = message.split(": line ")[1].split(":")[0] + ": refused"
                out[path.name] = message
        return out

    if getattr(getattr(yaml, "cyaml", None), "CParser", None) is None:
        pytest.skip("PyYAML is installed without libyaml")
    with_libyaml = verdicts()
    monkeypatch.setattr(yaml, "cyaml", types.SimpleNamespace())
    assert verdicts() == with_libyaml
