"""Answers files: reading one (its shape), checking it in full (`validate`), writing one (saved answers, `init`).

An answers file is checked in two steps, each in one place: its shape by the answers spec
(specs.AnswersSpec: keys, types, sizes), remembered by the cache; then what it states, against the
models file in use, by `core.priorities.check`, the check every command makes of every statement of
priorities (flags too). `validate` runs both and lists every problem; a command stops at the first
step that fails, naming all of that step's problems, so the two can never disagree.
"""

from __future__ import annotations

import math
import re
import shlex
import textwrap
from pathlib import Path
from typing import Any, Literal

from mcstrat import sanitize
from mcstrat.core.catalog import Catalog, Criterion
from mcstrat.core.lines import Lines, locate
from mcstrat.core.priorities import check, parse_importance
from mcstrat.core.statement import AnswersFile, LoadedAnswers
from mcstrat.core.vocabulary import (
    DEFAULT_IMPORTANCE_WORD,
    IMPORTANCE_WORDS,
    RANGE_MODES,
    Direction,
    RangeMode,
    Unmentioned,
)
from mcstrat.errors import FileProblem
from mcstrat.files.reading import load_structured

FileKind = Literal["answers", "models", "unknown"]
_WRAP = 88


# -- reading -----------------------------------------------------------------------------


def answers_from_data(data: Any, lines: Lines | None = None, shown: str = "answers file") -> AnswersFile:
    """DATA checked as an answers file's shape (raising FileProblem naming SHOWN); ids are checked later."""
    return _answers(_validated_answers(data, lines or {}, shown))


def _answers(plain: dict[str, Any]) -> AnswersFile:
    """An AnswersFile from validated plain data (as the spec dumps it, or as the cache kept it)."""
    return AnswersFile(
        **{**plain, "ranges": RangeMode(plain["ranges"]), "unmentioned": Unmentioned(plain["unmentioned"])}
    )


def _validated_answers(data: Any, lines: Lines, shown: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FileProblem(shown, [f"is {kind}, not a mapping of answers; start from `mcstrat init`"], "answers file")
    from pydantic import ValidationError

    from mcstrat.files.specs import AnswersSpec, validation_problems

    try:
        return AnswersSpec.model_validate(data).model_dump()
    except ValidationError as exc:
        raise FileProblem(shown, validation_problems(exc, lines), "answers file") from None


def load_answers(path: Path | str) -> LoadedAnswers:
    """Read and validate an answers file's shape (ids are checked against a catalogue later)."""
    from mcstrat.files.cache import load_validated

    file = Path(path)
    answers, lines, digest = load_validated(
        file,
        "answers file",
        lambda data, lines: _validated_answers(_some_swing(data, lines, str(file)), lines, str(file)),
        _answers,
        check_answers,
    )
    return LoadedAnswers(file, answers, lines, digest)


def _some_swing(data: Any, lines: Lines, shown: str) -> Any:
    """DATA, unless the file gives `swing: {}`: as an empty ranking, no points to rank by.

    Checked on the file as written (a validated AnswersFile holds an empty swing mapping when
    the file gave none), so it never falls back silently to default importances.
    """
    if isinstance(data, dict) and data.get("swing") == {}:
        raise FileProblem(
            shown,
            [
                f"{locate(('swing',), lines)}no swing points given; give the swing that matters most 100 points "
                "(e.g. swing: {risk: 100, roi: 60}), or delete the swing key to use priorities"
            ],
            "answers file",
        )
    return data


def check_answers(answers: AnswersFile) -> None:
    """Raise ValueError unless ANSWERS holds every invariant of a validated answers file.

    What specs.AnswersSpec guarantees, checked without pydantic: a cached entry (cache.py) is
    used only when it passes this, whatever the entry holds.
    """

    def require(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(what)

    def short(value: Any, longest: int) -> bool:
        return type(value) is str and len(value) <= longest

    require(type(answers.version) is int and answers.version == 1, "version")
    require(answers.name is None or short(answers.name, 200), "name")
    prio = answers.priorities
    require(type(prio) is dict and len(prio) <= 50 and all(short(k, 60) for k in prio), "priorities")
    for value in prio.values():
        require(type(value) in (int, float) or short(value, 20), "importance")
        parse_importance(value, "importance")  # InputError (a ValueError's sibling) also means a miss
    require(answers.target_horizon is None or short(answers.target_horizon, 20), "target_horizon")
    targets = answers.targets
    require(type(targets) is dict and len(targets) <= 50, "targets")
    require(all(short(k, 60) and short(v, 20) for k, v in targets.items()), "targets")
    require(type(answers.exclude) is list and len(answers.exclude) <= 200, "exclude")
    require(all(short(i, 60) for i in answers.exclude), "exclude")
    require(type(answers.require) is list and len(answers.require) <= 50, "require")
    require(all(short(r, 100) for r in answers.require), "require")
    require(answers.ranges in RANGE_MODES, "ranges")
    require(answers.unmentioned in Unmentioned.values(), "unmentioned")
    weight = answers.stakeholder_weight
    require(
        weight is None or (type(weight) in (int, float) and math.isfinite(weight) and 0 < weight <= 1000),
        "stakeholder_weight",
    )


# -- YAML text ------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    """VALUE as a YAML flow scalar, quoted only when plain text would read back as something else."""
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=4096)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _one_line(text: str) -> str:
    """TEXT on one line and safe to show (comments quote labels, names and file names from user files)."""
    return sanitize.terminal(" ".join(text.split()))


def _shell(path: str) -> str:
    """PATH as a shell word for the commands quoted in comments (THIS_FILE stays as it is)."""
    return shlex.quote(_one_line(path))


def _number(value: float | str) -> float | int | str:
    """2.0 -> 2, so saved files read naturally; loads back as the same float."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _ordered(keys: list[str], catalog: Catalog) -> list[str]:
    """KEYS in the catalogue's criteria order (case-insensitively), unknown keys after, as given."""
    order = {cid: i for i, cid in enumerate(catalog.criterion_ids)}
    return sorted(keys, key=lambda k: order.get(k.lower(), len(order)))


def dump_answers(
    answers: AnswersFile, catalog: Catalog, *, file_name: str = "THIS_FILE", models_file: str | None = None
) -> str:
    """ANSWERS as YAML text that `load_answers` reads back equal: keys in schema order, priorities in criteria order."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Lists in flow style ([a, b]), mappings in block style."""

    def flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # YAML reads U+0085, U+2028 and U+2029 as line breaks: only double quotes keep them (escaped).
        escape = any(not ch.isprintable() or ch in "\x85\u2028\u2029\ufeff" for ch in data)
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if escape else None)

    Dumper.add_representer(list, flow_list)
    Dumper.add_representer(str, text)

    data: dict[str, Any] = {"version": answers.version}
    if answers.name is not None:
        data["name"] = answers.name
    # the method used: swing points, a ranking, or importances (the default)
    if answers.swing:
        data["swing"] = {k: _number(answers.swing[k]) for k in _ordered(list(answers.swing), catalog)}
    elif answers.ranking:
        data["ranking"] = answers.ranking
    else:
        data["priorities"] = {k: _number(answers.priorities[k]) for k in _ordered(list(answers.priorities), catalog)}
    if answers.target_horizon is not None:
        data["target_horizon"] = answers.target_horizon
    if answers.targets:
        data["targets"] = {k: answers.targets[k] for k in _ordered(list(answers.targets), catalog)}
    data["exclude"] = list(answers.exclude)
    data["require"] = list(answers.require)
    data["ranges"] = str(answers.ranges)
    if answers.unmentioned != Unmentioned.medium:  # the default is left unstated
        data["unmentioned"] = str(answers.unmentioned)
    if answers.stakeholder_weight is not None:  # given, so kept (a file without it reads back without it)
        data["stakeholder_weight"] = _number(answers.stakeholder_weight)
    body = yaml.dump(
        data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096, indent=2
    )
    models = f"--models {_shell(models_file)} " if models_file else ""
    header = (
        "# mcstrat answers file (version 1): the priorities behind a ranking.\n"
        f"# Replay the same ranking with:  mcstrat {models}recommend --answers {_shell(file_name)}\n"
        f"# Check it with:  mcstrat {models}validate {_shell(file_name)}\n"
    )
    # the representer double-quotes every string with such a character, so its escapes are valid
    return header + sanitize.yaml_text(body)


# -- the init template ----------------------------------------------------------------------


def _comment(text: str, indent: str = "", hang: bool = False) -> list[str]:
    """TEXT as wrapped comment lines; HANG indents the continuation lines of a list entry."""
    return textwrap.wrap(
        _one_line(text),
        _WRAP,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   " if hang else f"{indent}# ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _direction(crit: Criterion) -> str:
    return {
        "cost": "cost: lower is better",
        "benefit": "benefit: higher is better",
        "target": "target: closer to your target level is better",
    }[crit.direction]


def _table(rows: list[tuple[str, str]], indent: str = "#   ") -> list[str]:
    width = max((len(a) for a, _ in rows), default=0)
    return [f"{indent}{a.ljust(width)}  {_one_line(b)}".rstrip() for a, b in rows]


def template(
    catalog: Catalog,
    schema_hint: str = "answers.schema.json",
    *,
    file_name: str = "answers.yaml",
    models_file: str | None = None,
) -> str:
    """The commented answers file `mcstrat init` writes: every key explained, valid as it stands.

    Under a custom models file (MODELS_FILE) the commands it quotes carry `--models MODELS_FILE`.
    """
    file_name = _shell(file_name)
    models = f"--models {_shell(models_file)} " if models_file else ""
    words = ", ".join(f"{w} = {v}" for w, v in IMPORTANCE_WORDS.items())
    horizon = next((c for c in catalog.criteria if c.id == "horizon" and c.direction == Direction.target), None)
    others = [c for c in catalog.criteria if c.direction == Direction.target and c is not horizon]
    targets_text = ", ".join(f"{c.id} {c.scale[0]}" for c in ([horizon] if horizon else []) + others)
    default = f"{DEFAULT_IMPORTANCE_WORD} ({IMPORTANCE_WORDS[DEFAULT_IMPORTANCE_WORD]})"
    target_note = f"; target {targets_text}" if targets_text else ""
    target_ids = " and ".join(c.id for c in ([horizon] if horizon else []) + others)
    untargeted = f" ({target_ids} as none when it has no target)" if target_ids else ""
    out = [
        f"# yaml-language-server: $schema={schema_hint}",
        f"# That line lets editors check and complete this file; write {schema_hint} with:",
        f"#   mcstrat {models}schema answers > {schema_hint}",
        "#",
        "# An mcstrat answers file: your institution's priorities. Rank the business models with",
        f"#   mcstrat {models}recommend --answers {file_name}",
        *_comment(
            f"and check the file with `mcstrat {models}validate {file_name}`. Every key but `version` may be left out. "
            f"As written the file is valid: every criterion matters equally ({DEFAULT_IMPORTANCE_WORD}){target_note}."
        ),
        "",
        "# The format of this file: always 1.",
        "version: 1",
        "",
        "# An optional label shown with the results, e.g. whose priorities these are.",
        "# name: Provost's office",
        "",
        "# How much each criterion matters: a number from 0 to 5 (decimals allowed) or a word:",
        f"#   {words}",
        *_comment(
            f"A criterion left out counts as {default}{untargeted}; say none to ignore it. "
            "Only proportions matter: the importances are divided by their sum to give the weights. "
            "Not sure? Give a range such as 3-4; a single number stands for itself ± half its last digit "
            "(3 is 2.5-3.5), and the firmness analyses try every weighting within what you stated. "
            "The criteria, with which way is better for your institution:"
        ),
        "#",
        *_comment(
            "Instead of priorities you may give `swing` (recommended): for each criterion, points from 0 to 100 "
            "for the change from its worst to its best rating among the models, 100 for the change that matters "
            "most, e.g. swing: {risk: 100, roi: 60, speed: 30}. The effective weights then equal your points, "
            "normalised. Or give `ranking`, the quickest: criteria best first with ties, e.g. "
            'ranking: "risk > roi = impact > speed" (rank-order-centroid weights; criteria not named weigh 0). '
            "A file gives one of priorities, swing and ranking."
        ),
        "priorities:",
    ]
    for crit in catalog.criteria:
        out += _comment(f"{crit.label} ({_direction(crit)}): {crit.meaning}", "  ", hang=True)
        if crit.question:
            out += _comment(f"Ask yourself: {crit.question}", "  ", hang=True)
        out.append(f"  {_scalar(crit.id)}: {DEFAULT_IMPORTANCE_WORD}")
    plain = [c.id for c in catalog.criteria if c.direction != Direction.target]
    out += [
        "# swing: {" + ", ".join(f"{cid}: {100 if i == 0 else 50}" for i, cid in enumerate(plain[:2])) + "}",
        "# ranking: " + _scalar(" > ".join(plain[:3])),
    ]
    for crit in ([horizon] if horizon else []) + others:
        out.append("")
        key = "target_horizon" if crit is horizon else f"targets: {crit.id}"
        out += _comment(
            f"The {crit.label.lower()} level you are planning for ({key}): {crit.id} is scored by how close a "
            f"model's rating is to it. Levels:"
        )
        notes = {k.upper(): v for k, v in (crit.level_notes or {}).items()}
        out += _table([(level, notes.get(level.upper(), "")) for level in crit.scale])
        out += _comment(
            f"To leave {crit.id} out, delete this target and set `{crit.id}: none` under priorities; "
            f"an importance above 0 with no target is an error."
        )
        if crit is horizon:
            out.append(f"target_horizon: {_scalar(crit.scale[0])}")
    if others:
        out.append("targets:")
        out += [f"  {_scalar(c.id)}: {_scalar(c.scale[0])}" for c in others]
    else:
        out += [
            "",
            "# The target level of any other target criterion, for a models file (--models) that has one:",
            "# targets: {criterion-id: LEVEL}",
        ]
    from mcstrat.core.questionnaire import constraint_examples

    examples = ", ".join(f'"{e}"' for e in constraint_examples(catalog))
    model_example = catalog.models[-1].id
    out += [
        "",
        f"# Models to leave out, by id (a unique beginning of an id is enough), e.g. [{model_example}].",
        "# Valid ids:",
        *_table([(m.id, m.name) for m in catalog.models]),
        "exclude: []",
        "",
        *_comment(
            "Hard limits: a model that breaks one is left out of the ranking and reported with the reason. "
            f"Write CRITERION OPERATOR LEVEL with an operator <= >= < > == or !=, e.g. [{examples}]. "
            "A ranged rating such as LOW/MED must meet the limit over its whole range. "
            "Criteria and their levels, in scale order:"
        ),
        *_table([(c.id, ", ".join(c.scale)) for c in catalog.criteria]),
        "require: []",
        "",
        "# How a ranged rating such as LOW/MED is scored:",
        "#   midpoint     halfway between its two ends (the default)",
        "#   optimistic   at its better end",
        "#   pessimistic  at its worse end",
        "ranges: midpoint",
        "",
        "# What a criterion this file does not state counts as: medium (the default), none, or refuse",
        "# (an error naming it, so a CI check catches a criterion nobody stated).",
        "# unmentioned: medium",
        "",
        "# Deciding as a group? Each member's weight is the convener's call, set in a group file",
        "# (start one with `mcstrat init --group committee.yaml`), never in a member's own answers.",
    ]
    return "\n".join(out) + "\n"


# -- validate -------------------------------------------------------------------------------


def validate_file(path: Path | str, catalog: Catalog) -> tuple[FileKind, list[str]]:
    """('answers' | 'models' | 'unknown', every problem as 'FILE: line N: key.path: message'); [] = valid.

    A mapping with a `models` or `criteria` key is a models file; anything else is read as an
    answers file and checked against CATALOG as every command checks it (module docstring).
    """
    file = Path(path)
    try:
        data, lines = load_structured(file, "answers or models file")
    except FileProblem as exc:
        return "unknown", [f"{file}: {p}" for p in exc.problems]
    if isinstance(data, dict) and ("models" in data or "criteria" in data):
        kind: FileKind = "models"
        problems = [f"{file}: {p}" for p in _models_problems(data, lines, str(file))]
    else:
        kind = "answers"
        problems = _answers_problems(data, lines, catalog, file)
    # the shape check and the statement's check can both see an out-of-range importance: say it once
    return kind, _by_line(list(dict.fromkeys(problems)), f"{file}: ")


def _by_line(problems: list[str], prefix: str) -> list[str]:
    def line(problem: str) -> int:
        match = re.match(r"line (\d+): ", problem.removeprefix(prefix))
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)


def _models_problems(data: dict[str, Any], lines: Lines, shown: str) -> list[str]:
    from mcstrat.files.models import validated
    from mcstrat.files.specs import cross_check, locate_problems

    try:
        validated(data, lines, shown)
    except FileProblem as exc:
        # the spec cross-checks only once every field is valid; check what can be checked now too
        return list(dict.fromkeys([*exc.problems, *locate_problems(cross_check(data), lines)]))
    return []


def _answers_problems(data: Any, lines: Lines, catalog: Catalog, file: Path) -> list[str]:
    """Every problem of answers DATA: its shape, then what it states, on the parts whose shape allows a check."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        return [f"{file}: is {kind}, not a mapping of answers; start from `mcstrat init`"]
    problems: list[str] = []
    shaped = dict(data)
    if isinstance(data.get("priorities"), dict):
        # a value the schema cannot even hold is left to the importance check, which explains it better
        shaped["priorities"] = {k: v for k, v in data["priorities"].items() if _importance_shaped(v)}
    try:
        answers_from_data(_some_swing(shaped, lines, str(file)), lines, str(file))
    except FileProblem as exc:
        problems += [f"{file}: {p}" for p in exc.problems]
    if data.get("swing") == {}:
        return problems
    readable = _readable(data)
    loaded = LoadedAnswers(file, readable, lines, "")
    _, stated = check(
        catalog,
        readable.priorities,
        targets=readable.targets,
        target_horizon=readable.target_horizon,
        exclude=readable.exclude,
        require=readable.require,
        ranges=readable.ranges,
        where=loaded.where(),
        source=str(file),
        swing=readable.swing,
        ranking=readable.ranking,
        unmentioned=readable.unmentioned,
    )
    return problems + stated


def _importance_shaped(value: Any) -> bool:
    """Values the schema itself accepts as an importance (right or wrong)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or (isinstance(value, str) and len(value) <= 20)


def _readable(data: dict[str, Any]) -> AnswersFile:
    """The parts of raw answers DATA whose shape lets the statement be checked (the shape check reports the rest)."""

    def mapping(key: str) -> dict[str, Any]:
        value = data.get(key)
        return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}

    def strings(key: str) -> list[str]:
        value = data.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    horizon = data.get("target_horizon")
    ranking = data.get("ranking")
    return AnswersFile(
        priorities=mapping("priorities"),
        target_horizon=horizon if isinstance(horizon, str) else None,
        targets={k: v for k, v in mapping("targets").items() if isinstance(v, str)},
        exclude=strings("exclude"),
        require=strings("require"),
        ranges=RangeMode(data["ranges"]) if data.get("ranges") in RANGE_MODES else RangeMode.midpoint,
        swing=mapping("swing"),
        ranking=ranking if isinstance(ranking, str) else None,
        unmentioned=(
            Unmentioned(data["unmentioned"]) if data.get("unmentioned") in Unmentioned.values() else Unmentioned.medium
        ),
    )


__all__ = [
    "FileKind",
    "answers_from_data",
    "check_answers",
    "dump_answers",
    "load_answers",
    "template",
    "validate_file",
]
