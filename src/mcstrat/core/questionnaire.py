"""The guided questionnaire as data: questions built from the catalogue, answers parsed, priorities made.

Nothing here reads or prints; `mcstrat.cli.ask` is the thin terminal layer on top. It first asks
the respondent's name (optional, for team decisions: it becomes the answers file's ``name``)
and how they want to give priorities (``weighting``): ``swing`` (the most precise: points 0..100
for the change from each criterion's worst to its best rating among the models), ``ranking``
(quickest: the criteria in order, ties with ``=``) or ``importance`` (words, as before; the
default, so pressing Enter keeps the questionnaire as it always was; docs/questionnaire.md says
why swing is not called "recommended"). See weighting.py for what swing points and rankings
mean. Then, for each criterion of the catalogue:

- a target criterion (horizon) first gets its target level. The default is the first level of
  its scale: for horizon that is H1, "extend the core business now", the horizon an
  institution usually plans its first micro-credentials for. Answering ``none`` sets no
  target: the criterion then counts for nothing and its importance question is skipped;
- then (importance answers only) its importance, in the institution's terms
  (``Criterion.question``, or a question made from its label and direction for a custom models
  file), answered with a plain-language choice, one of the words none/low/medium/high/critical,
  a number from 0 to 5 or a range such as 3-4; default ``medium``, the importance a criterion
  nobody mentions gets anyway.

Then optional exclusions (model ids, comma-separated; a unique beginning of an id is enough) and
optional hard limits (``risk<=MED`` or in words, ``risk at most medium``: `plain_limit`), asked
before the swings (issue 20) so that the swings shown are those among the models still ranked
(`ranked_models`), as core weighs them. With swing answers (issue 11's procedure), one question
that shows, in one list, the change from the worst to the best rating among those models for
every criterion they differ on (range above 0 under the target chosen; the others are not shown
or asked): "risk: from MED to LOW", "horizon: from H3 to H1 when you plan for H1". The person
picks the change that matters most (it gets 100 points); Enter (``equal``) says every change
matters the same, 100 points each, and asks nothing more. Then every other change gets points
from 0 to 100 (or a range such as 60-80) relative to the chosen one, default 50 (half as much).
With a ranking, one question whose default ranks every such criterion equal. Ranged cells are
scored at their midpoint, the default, and not asked about.

Numbers are read only by core's readers (`parse_importance`, `parse_points`): a plain number is
kept as a number, anything else they accept (an interval) as typed. `explanation` is what ``?``
says: the criterion in the table's terms (its levels and the models at each, from the
catalogue) and how the answer is used.

Pressing Enter through everything always gives a valid set of answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Literal

from mcstrat.core.catalog import Catalog, Criterion, Model, suggest
from mcstrat.core.exact import NumberError
from mcstrat.core.priorities import Constraint, combine, excluded_by, parse_constraint, parse_importance
from mcstrat.core.statement import AnswersFile, LoadedAnswers, Overrides
from mcstrat.core.utility import criterion_spans, extremes
from mcstrat.core.vocabulary import (
    DEFAULT_IMPORTANCE_WORD,
    IMPORTANCE_WORDS,
    LIMIT_WORDS,
    Direction,
    RangeMode,
    Weighting,
)
from mcstrat.core.weighting import parse_points, parse_ranking
from mcstrat.errors import InputError
from mcstrat.sanitize import quoted

Kind = Literal["name", "weighting", "target", "importance", "swing_top", "swing", "ranking", "exclude", "require"]
#: A parsed answer: an importance word or number, a target level or None, or a tuple of ids/limits.
Answer = str | int | float | None | tuple[str, ...]

#: The plain-language meaning of each importance word, as the questionnaire offers it.
IMPORTANCE_LABELS: dict[str, str] = {
    "none": "not at all: leave it out of the ranking",
    "low": "a little",
    "medium": "moderately",
    "high": "very",
    "critical": "essential: above almost everything else",
}
NO_TARGET = "none"
#: The ways to give priorities, as the questionnaire offers them (the default last, as today's).
WEIGHTING_LABELS: dict[Weighting, str] = {
    Weighting.swing: "most precise: see how far apart the models are on each criterion, pick the change from worst "
    "to best that matters most (100 points) and give every other change 0-100 points relative to it",
    Weighting.ranking: "quickest: put the criteria in order, e.g. risk > roi = impact > speed",
    Weighting.importance: "rate how important each criterion is (none, low, medium, high, critical)",
}
DEFAULT_WEIGHTING = Weighting.importance
DEFAULT_POINTS = "50"
#: The answer to "which change matters most?" that weighs every change the same (100 points each).
ALL_EQUAL = "equal"
SWING_TOP_KEY = "swing_top"
#: Words that mean "nothing" for the optional list questions.
_EMPTY_WORDS = ("", "none", "-", "no")


class InvalidAnswer(InputError, ValueError):
    """An answer the questionnaire cannot use; its message is the hint to show before asking again."""

    def __init__(self, hint: str) -> None:
        self.hint = hint
        super().__init__(hint)


@dataclass(frozen=True)
class Choice:
    """One offered answer: what to type and what it means."""

    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question: KEY is the answers-file key it fills ('priorities.risk', 'target_horizon', ...)."""

    key: str
    kind: Kind
    text: str
    help: str
    choices: tuple[Choice, ...]
    default: str  # the text that pressing Enter stands for
    criterion: str | None = None
    #: key of the target question whose "none" answer makes this question moot
    depends_on: str | None = None
    catalog: Catalog | None = field(default=None, repr=False, compare=False)
    #: the way of giving priorities this question belongs to (None: asked whatever the way)
    method: Weighting | None = None


# -- building the questions ----------------------------------------------------------------


def target_key(crit: Criterion) -> str:
    """The answers-file key of a target criterion's level: horizon has its own top-level key."""
    return "target_horizon" if crit.id == "horizon" else f"targets.{crit.id}"


def importance_question_text(crit: Criterion) -> str:
    """The criterion's own question, or a plain-language one made from its label and direction."""
    if crit.question:
        return _one_line(crit.question)
    label = _one_line(crit.label).lower()
    if crit.direction == Direction.cost:
        return f"How important is it to keep {label} low?"
    if crit.direction == Direction.benefit:
        return f"How important is high {label}?"
    return f"How important is it that a model's {label} matches the level you are aiming for?"


def _direction_note(crit: Criterion) -> str:
    return (
        "Lower is better for your institution."
        if crit.direction == Direction.cost
        else "Higher is better for your institution."
    )


def _no_target_word(crit: Criterion) -> str:
    # A custom scale could have a level called "none"; the level then wins the word.
    return NO_TARGET if crit.level_index(NO_TARGET) is None else "no-target"


def questions(catalog: Catalog, responses: Mapping[str, Answer] | None = None) -> list[Question]:
    """Every question for CATALOG, in the order they are asked (RESPONSES so far word the swing questions)."""
    out: list[Question] = [
        Question(
            key="name",
            kind="name",
            text="Your name or role, to tell your answers apart in a team decision (optional)",
            help="It becomes the answers file's name and labels your priorities in a group ranking; "
            "press Enter to skip.",
            choices=(),
            default="",
            catalog=catalog,
        ),
        Question(
            key="weighting",
            kind="weighting",
            text="How do you want to give your priorities?",
            help="Swing points let you say exactly how much each criterion's real difference between the models "
            "is worth to you, so the ranking weighs what you meant; a ranking is quickest; importance words "
            "rate each criterion on its own.",
            choices=tuple(Choice(k, v) for k, v in WEIGHTING_LABELS.items()),
            default=DEFAULT_WEIGHTING,
            catalog=catalog,
        ),
    ]
    for crit in catalog.criteria:
        label = _one_line(crit.label)
        depends_on = None
        if crit.direction == Direction.target:
            notes = crit.level_notes or {}
            choices = [
                Choice(level, _one_line(next((v for k, v in notes.items() if k.upper() == level.upper()), "")))
                for level in crit.scale
            ]
            choices.append(Choice(_no_target_word(crit), f"no target: leave {label.lower()} out of the ranking"))
            depends_on = target_key(crit)
            out.append(
                Question(
                    key=depends_on,
                    kind="target",
                    text=f"Which {label.lower()} are you planning for?",
                    help=f"{_one_line(crit.meaning)} Models closer to the level you choose score higher.",
                    choices=tuple(choices),
                    default=crit.scale[0],
                    criterion=crit.id,
                    catalog=catalog,
                )
            )
        out.append(
            Question(
                key=f"priorities.{crit.id}",
                kind="importance",
                text=importance_question_text(crit),
                help=(
                    f"How much it matters that a model's {label.lower()} is close to the level you chose."
                    if crit.direction == Direction.target
                    else f"{label}: {_one_line(crit.meaning)} {_direction_note(crit)}"
                ),
                choices=tuple(Choice(word, IMPORTANCE_LABELS[word]) for word in IMPORTANCE_WORDS),
                default=DEFAULT_IMPORTANCE_WORD,
                criterion=crit.id,
                depends_on=depends_on,
                catalog=catalog,
                method=Weighting.importance,
            )
        )
    out.append(
        Question(
            key="exclude",
            kind="exclude",
            text="Are there business models you want to leave out? (optional)",
            help=(
                "Give model ids separated by commas (the beginning of an id is enough), "
                "or press Enter to keep them all."
            ),
            choices=tuple(Choice(m.id, _one_line(m.name)) for m in catalog.models),
            default="",
            catalog=catalog,
        )
    )
    out.append(
        Question(
            key="require",
            kind="require",
            text="Are there hard limits every model must meet? (optional)",
            help=(
                f"Write each limit in words, e.g. {', '.join(plain_examples(catalog))}, or as CRITERION OPERATOR "
                f"LEVEL, e.g. {', '.join(constraint_examples(catalog))}; separate several with commas, or press "
                "Enter for none. A model that breaks a limit is left out and reported; "
                "a ranged rating such as LOW/MED must meet the limit over its whole range."
            ),
            choices=tuple(Choice(c.id, ", ".join(c.scale)) for c in catalog.criteria),
            default="",
            catalog=catalog,
        )
    )
    targets = _targets_of(catalog, responses or {})
    worst_best = extremes(catalog, targets, RangeMode.midpoint, ranked_models(catalog, responses or {}))
    differ = swing_criteria(catalog, responses or {})
    changes = {cid: swing_change(catalog, cid, worst_best[cid], targets) for cid in catalog.criterion_ids}
    out.append(
        Question(
            key=SWING_TOP_KEY,
            kind="swing_top",
            text="Here is how far apart the models are on each criterion, from the worst rating among them to the "
            "best. Which of these changes matters most to you?",
            help="Imagine a model at the worst rating on every criterion. The change you would improve first is "
            "the one that matters most: it gets 100 points, and you then give every other change points from 0 "
            f"to 100 relative to it. Press Enter ({ALL_EQUAL}) if every change matters the same to you (100 "
            "points each).",
            choices=tuple(Choice(cid, changes[cid]) for cid in differ),
            default=ALL_EQUAL,
            catalog=catalog,
            method=Weighting.swing,
        )
    )
    top = (responses or {}).get(SWING_TOP_KEY)
    top_text = (
        f"{_one_line(catalog.criterion(top).label)}: {changes[top]}"
        if isinstance(top, str) and top in changes
        else "the change that matters most"
    )
    for crit in catalog.criteria:
        label = _one_line(crit.label)
        out.append(
            Question(
                key=f"swing.{crit.id}",
                kind="swing",
                text=f"{label}: {changes[crit.id]}. The change that matters most to you ({top_text}) is worth 100 "
                "points: how many points is this change worth?",
                help="Give points from 0 to 100: 100 if this change matters as much as the one you chose, 50 if "
                f"half as much, 0 if not at all. {_one_line(worst_best[crit.id][0])} is the worst {label.lower()} "
                f"rating among the models and {_one_line(worst_best[crit.id][1])} the best; "
                + (
                    f"the closer to {crit.scale[targets[crit.id]]}, the better for your institution."
                    if crit.id in targets
                    else _direction_note(crit).lower()
                ),
                choices=(),
                default=DEFAULT_POINTS,
                criterion=crit.id,
                catalog=catalog,
                method=Weighting.swing,
            )
        )
    out.append(
        Question(
            key="ranking",
            kind="ranking",
            text="Put the criteria in order, the one whose change from worst to best matters most first",
            help="Write criterion ids from most to least important, '>' between them and '=' for a tie, e.g. "
            "risk > roi = impact > speed. Criteria you leave out weigh nothing. Press Enter to weigh every "
            "criterion the models differ on equally.",
            choices=tuple(Choice(c.id, _one_line(c.label)) for c in catalog.criteria),
            default="",
            catalog=catalog,
            method=Weighting.ranking,
        )
    )
    return out


def _targets_of(catalog: Catalog, responses: Mapping[str, Answer]) -> dict[str, int]:
    """Target level indices from RESPONSES; an unanswered target is its default, the first level."""
    out: dict[str, int] = {}
    for crit in catalog.criteria:
        if crit.direction != Direction.target:
            continue
        key = target_key(crit)
        if key in responses:
            value = responses[key]
            index = crit.level_index(value) if isinstance(value, str) else None
            if index is not None:
                out[crit.id] = index
        else:
            out[crit.id] = 0
    return out


def swing_change(catalog: Catalog, cid: str, worst_best: tuple[str, str], targets: Mapping[str, int]) -> str:
    """'from MED to LOW' (and ' when you plan for H1' for a target criterion): the swing of CID."""
    crit = catalog.criterion(cid)
    plan = f" when you plan for {crit.scale[targets[cid]]}" if cid in targets else ""
    return f"from {_one_line(worst_best[0])} to {_one_line(worst_best[1])}{plan}"


def swing_criteria(catalog: Catalog, responses: Mapping[str, Answer]) -> list[str]:
    """The criteria the models ranked differ on under the targets in RESPONSES: the ones swing and ranking ask
    about."""
    models = ranked_models(catalog, responses)
    spans = criterion_spans(catalog, _targets_of(catalog, responses), RangeMode.midpoint, models)
    return [cid for cid in catalog.criterion_ids if spans[cid] > 0]


def ranked_models(catalog: Catalog, responses: Mapping[str, Answer]) -> list[Model] | None:
    """The models left to rank after the exclusions and limits in RESPONSES (asked before the swings), over which
    the swings are shown and weighed, as core weighs them (issue 20); None for every model."""
    excluded = _as_tuple(responses.get("exclude"))
    limits = _as_tuple(responses.get("require"))
    if not excluded and not limits:
        return None
    try:
        constraints = [parse_constraint(catalog, text, "require") for text in limits]
    except InputError:  # a limit not yet checked: every model, until it is
        return None
    return remaining_models(catalog, excluded, constraints) or None


def constraint_examples(catalog: Catalog) -> list[str]:
    """One or two example hard limits that make sense for CATALOG (e.g. 'risk<=MED', 'autonomy>=MED')."""
    examples: list[str] = []
    for direction, op, index in (("cost", "<=", -2), ("benefit", ">=", 1)):
        crits = [c for c in catalog.criteria if c.direction == direction]
        preferred = [c for c in crits if c.id in ("risk", "autonomy")]
        for crit in (preferred or crits)[:1]:
            examples.append(f"{crit.id}{op}{crit.scale[index]}")
    if not examples:
        crit = catalog.criteria[0]
        examples.append(f"{crit.id}!={crit.scale[0]}")
    return examples


#: Limits in plain words, each phrase and the operator it stands for ("risk at most medium" is risk<=MED).
LIMIT_PHRASES: dict[str, str] = {
    "at most": "<=",
    "no more than": "<=",
    "not more than": "<=",
    "no higher than": "<=",
    "not higher than": "<=",
    "not above": "<=",
    "up to": "<=",
    "at least": ">=",
    "no less than": ">=",
    "not less than": ">=",
    "no lower than": ">=",
    "not lower than": ">=",
    "not below": ">=",
    "below": "<",
    "under": "<",
    "less than": "<",
    "lower than": "<",
    "above": ">",
    "over": ">",
    "more than": ">",
    "higher than": ">",
    "exactly": "==",
    "not": "!=",
}
_PHRASE = "|".join(re.escape(p) for p in sorted(LIMIT_PHRASES, key=len, reverse=True))
_BE = r"(?:(?:must|should|may|can)\s+)?(?:be\s+|is\s+)?"
#: "risk at most medium", "risk must be at least MED"
_LIMIT_AFTER = re.compile(rf"^(?P<crit>.+?)\s+{_BE}(?P<op>{_PHRASE})\s+(?P<level>[A-Za-z0-9]+)$")
#: "no more than medium risk", "at least medium impact"
_LIMIT_BEFORE = re.compile(rf"^(?P<op>{_PHRASE})\s+(?P<level>[A-Za-z0-9]+)\s+(?P<crit>.+)$")
#: Levels as a limit in words names them (the words parse_constraint also reads: LIMIT_WORDS).
_LEVEL_WORDS = {level: word for word, level in LIMIT_WORDS.items()}


def plain_limit(catalog: Catalog, text: str) -> str:
    """A hard limit in plain words as CRITERION OPERATOR LEVEL ('no more than medium risk' -> 'risk<=medium').

    The criterion may be named by its id or its label (any case; 'speed to market' is speed). Text
    that is not such a phrase is returned as it is, for parse_constraint to read or refuse.
    """
    words = " ".join(text.replace(":", " ").split()).lower()
    match = _LIMIT_AFTER.match(words) or _LIMIT_BEFORE.match(words)
    if match is None:
        return text
    name = match.group("crit")
    names = {}
    for crit in catalog.criteria:
        for known in (crit.id, crit.label, crit.source_label or ""):
            if known:
                names[" ".join(known.split()).lower()] = crit.id
    if name not in names:
        # one unknown word: parse_constraint names the criteria (and the closest one); several: left as typed
        return f"{name}{LIMIT_PHRASES[match.group('op')]}{match.group('level')}" if " " not in name else text
    return f"{names[name]}{LIMIT_PHRASES[match.group('op')]}{match.group('level')}"


def plain_examples(catalog: Catalog) -> list[str]:
    """constraint_examples(CATALOG) in plain words ('risk at most medium', 'autonomy at least medium')."""
    words = {"<=": "at most", ">=": "at least"}
    out = []
    for example in constraint_examples(catalog):
        match = re.match(r"^([a-z0-9-]+)(<=|>=)(.+)$", example)
        if match is not None:
            cid, op, level = match.groups()
            out.append(f"{cid} {words[op]} {_LEVEL_WORDS.get(level, level)}")
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- what `?` says ----------------------------------------------------------------------------

#: What an interval means, said where a number may be one (issue 20: a single number is as precise as its last digit).
IMPORTANCE_INTERVAL = (
    "You may give a range: 3-4 means somewhere between 3 and 4; a single number such as 3 is read as 2.5-3.5."
)
POINTS_INTERVAL = (
    "You may give a range: 60-80 means somewhere between 60 and 80 points; a single number such as 60 is read as 55-65."
)


def levels(catalog: Catalog, crit: Criterion) -> list[tuple[str, list[str]]]:
    """Each rating CRIT takes in the table, in the scale's order (a range after its lower level), with the models
    rated so; every level of the scale appears, with no models when none is rated there."""
    cells: dict[tuple[int, int], tuple[str, list[str]]] = {}
    for i, level in enumerate(crit.scale):
        cells[(i, i)] = (level, [])
    for model in catalog.models:
        rating = catalog.rating(model, crit.id)
        cells.setdefault((rating.lo, rating.hi), (rating.text, []))[1].append(_one_line(model.name))
    return [cells[key] for key in sorted(cells)]


def _ends(crit: Criterion) -> dict[str, str]:
    """The best and the worst level of a cost or benefit criterion, marked ('best for you', 'worst')."""
    if crit.direction == Direction.target:
        return {}
    best, worst = (
        (crit.scale[0], crit.scale[-1]) if crit.direction == Direction.cost else (crit.scale[-1], crit.scale[0])
    )
    return {best: " (best for you)", worst: " (worst)"}


def _in_the_table(catalog: Catalog, crit: Criterion) -> list[str]:
    """What the criterion is in the table's terms: its meaning, its levels and which models sit at each."""
    label = _one_line(crit.label)
    table = "Table 2" if catalog.source is not None and "Table 2" in (catalog.source.table or "") else "The table"
    if crit.direction == Direction.target:
        better = "the closer to the level you plan for, the better"
    else:
        better = _direction_note(crit).lower().removesuffix(".")
    first = f"{label}: {_one_line(crit.meaning)} {table} rates it {', '.join(crit.scale[:-1])} or {crit.scale[-1]}"
    lines = [f"{first}; {better}. Where the models sit:" if len(crit.scale) > 1 else first + "."]
    notes = {k.upper(): _one_line(v) for k, v in (crit.level_notes or {}).items()}
    marks = _ends(crit)
    for text, models in levels(catalog, crit):
        note = f" ({notes[text.upper()]})" if text.upper() in notes else marks.get(text, "")
        lines.append(f"- {text}{note}: {', '.join(models) if models else 'no model'}")
    return lines


def explanation(question: Question, responses: Mapping[str, Answer] | None = None) -> list[str]:
    """What `?` shows for QUESTION: the criterion in the table's terms (its levels, which models sit where) and how
    the answer is used; for the other questions, what each answer does. A line starting '- ' is an item of a list."""
    catalog = _catalog(question)
    kind = question.kind
    if kind == "importance":
        crit = _criterion(question)
        words = ", ".join(f"{w} {n}" for w, n in IMPORTANCE_WORDS.items())
        return [
            *_in_the_table(catalog, crit),
            f"How your answer is used: it is this criterion's importance ({words}); each criterion's weight is its "
            "importance divided by the total of all of them, so a criterion at 4 counts twice one at 2. What it "
            "can do to the ranking also depends on how far apart the models are on it. " + IMPORTANCE_INTERVAL,
        ]
    if kind == "target":
        crit = _criterion(question)
        label = _one_line(crit.label).lower()
        return [
            *_in_the_table(catalog, crit),
            f"How your answer is used: on {label}, a model rated at the level you choose scores best, one level "
            "away less, two levels away least (a ranged rating is scored halfway between its ends). With no "
            f"target, {label} counts for nothing and its importance is not asked.",
        ]
    if kind == "swing":
        crit = _criterion(question)
        return [
            *_in_the_table(catalog, crit),
            "How your answer is used: each change's points, divided by the total of all the points, become its "
            "weight, so 50 points here make this change count half as much as the one you chose. " + POINTS_INTERVAL,
        ]
    if kind == "weighting":
        return [
            "Three ways to say what matters; each gives every criterion a weight, and the models are ranked by "
            "their weighted ratings.",
            *(f"- {choice.value}: {_one_line(choice.label)}" for choice in question.choices),
            "Swing points weigh each criterion by how much its real difference between the models is worth to "
            "you; importance words rate each criterion without looking at the table; a ranking only orders them.",
        ]
    if kind == "swing_top":
        return [
            _one_line(question.help),
            "Each line is a criterion the models differ on, from the worst rating among them to the best:",
            *(f"- {choice.value}: {_one_line(choice.label)}" for choice in question.choices),
        ]
    if kind == "ranking":
        return [
            _one_line(question.help),
            "How your answer is used: the first criterion gets the largest weight, each next one less (tied "
            "criteria share their places' weights), and the ranking is made with those weights.",
            "The criteria: " + ", ".join(f"{c.value} ({c.label})" for c in question.choices) + ".",
        ]
    if kind == "exclude":
        return [
            "A model you leave out is not ranked; it is named under the ranking as left out at your request. "
            "Give its id, or the beginning of it:",
            *(f"- {choice.value}: {choice.label}" for choice in question.choices),
        ]
    if kind == "require":
        said: dict[str, list[str]] = {}
        for phrase, op in LIMIT_PHRASES.items():
            said.setdefault(op, []).append(phrase)
        examples = plain_examples(catalog)
        first = examples[0].split(" ", 1) if examples else []
        if len(first) == 2 and first[1].startswith("at most "):  # the same limit, level first
            examples.append(f"no more than {first[1].removeprefix('at most ')} {first[0]}")
        return [
            "A limit names a criterion, how it compares and a level, in either order: "
            + ", ".join(quoted(e) for e in examples)
            + ". The words it understands:",
            *(f"- {' / '.join(phrases)} ({op})" for op, phrases in said.items()),
            "How your answer is used: a model that breaks a limit is left out of the ranking and named under it "
            "with the limit it breaks; a ranged rating such as LOW/MED must meet the limit over its whole range. "
            "The levels of each criterion:",
            *(f"- {c.id}: {', '.join(c.scale)}" for c in catalog.criteria),
        ]
    return [_one_line(question.help)]


# -- parsing answers -----------------------------------------------------------------------


def applies(question: Question, responses: Mapping[str, Answer]) -> bool:
    """False when QUESTION is moot: another way of giving priorities was chosen, its criterion's target
    was answered 'none', or (swing) the models do not differ on its criterion."""
    if question.method is not None and responses.get("weighting", DEFAULT_WEIGHTING) != question.method:
        return False
    if question.kind == "swing_top":
        return bool(swing_criteria(_catalog(question), responses))
    if question.kind == "swing":
        differ = swing_criteria(_catalog(question), responses)
        top = responses.get(SWING_TOP_KEY, ALL_EQUAL)
        # the chosen change is worth 100 by definition; with every change equal nothing more is asked
        return question.criterion in differ and top in differ and question.criterion != top
    if question.depends_on is None:
        return True
    if question.depends_on in responses:
        return responses[question.depends_on] is not None
    return True  # unanswered target: its default is a level, never 'none'


def parse_answer(
    question: Question,
    text: str,
    responses: Mapping[str, Answer] | None = None,
    *,
    context: Mapping[str, Answer] | None = None,
) -> Answer:
    """The value TEXT stands for ('' is the default); raises InvalidAnswer with a hint.

    With RESPONSES (the answers so far) it also refuses an answer that would leave nothing to
    rank: every criterion at importance 0, all swings at 0 points, or every model excluded or
    broken by a limit. CONTEXT (default RESPONSES) gives the targets a ranking is checked under.
    """
    raw = text.strip()
    if raw == "":
        raw = question.default
    known = context if context is not None else responses or {}
    if question.kind == "name":
        value: Answer = _parse_name(raw)
    elif question.kind == "weighting":
        value = _parse_weighting(question, raw)
    elif question.kind == "swing_top":
        value = _parse_swing_top(question, raw, known)
    elif question.kind == "swing":
        value = _parse_points(raw)
    elif question.kind == "ranking":
        value = _parse_ranking(question, raw, known)
    elif question.kind == "importance":
        value = _parse_importance(question, raw)
    elif question.kind == "target":
        value = _parse_target(question, raw)
    elif question.kind == "exclude":
        value = _parse_exclude(question, raw)
    else:
        value = _parse_require(question, raw)
    if responses is not None:
        _check_in_context(question, value, responses)
    return value


def _choice_hint(question: Question, also: str = "") -> str:
    values = [c.value for c in question.choices]
    listed = ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]
    default = f"; press Enter for {question.default}" if question.default else ""
    return f"answer {listed}{also}{default}"


def _match_choice(question: Question, raw: str) -> str | None:
    """The choice RAW names: its value or label (any case), or a unique beginning of a value."""
    low = raw.lower()
    for choice in question.choices:
        label = choice.label.lower()
        if low and low in (choice.value.lower(), label, label.partition(":")[0]):
            return choice.value
    starts = [c.value for c in question.choices if c.value.lower().startswith(low)]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise InvalidAnswer(f"{quoted(raw)} could be {' or '.join(starts)}; type more of it")
    return None


#: An answer that is one plain number ('3', '2.5'), kept as a number; anything else core accepted (an interval such
#: as '3-4' or '[3, 4]', whatever form core reads) is kept as typed, so the answers file states what was said.
_PLAIN_NUMBER = re.compile(r"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_FRACTION = re.compile(r"^[0-9]+\s*/\s*[0-9]+$")


def _parse_importance(question: Question, raw: str) -> Answer:
    word = _match_choice(question, raw)
    if word is not None:
        return word
    numbers = ", a number from 0 to 5 or a range such as 3-4"
    try:
        exact: object = parse_importance(raw, "importance")  # exact.py's guards, before any arithmetic
    except NumberError as exc:
        reason = f"{raw} is outside 0 to 5" if exc.out_of_range else exc.reason
        raise InvalidAnswer(f"{reason}; {_choice_hint(question, numbers)}") from None
    if not isinstance(exact, Fraction) or not (_PLAIN_NUMBER.match(raw) or _FRACTION.match(raw)):
        return _one_line(raw)  # an interval (issue 20: '3-4', '[3, 4]'): kept as typed, core reads it again
    if exact.denominator == 1:
        return int(exact)
    # Keep only decimals a float holds exactly as typed, so a saved answers file replays the same ranking
    # ('5/2' is a fraction, which the file would hold as text).
    number = float(exact)
    if "/" in raw or Fraction(repr(number)) != exact:
        raise InvalidAnswer(f"{quoted(raw)} is not a plain decimal; use a number such as 2.5, or a word")
    return number


def _parse_name(raw: str) -> Answer:
    name = _one_line(raw)
    if len(name) > 200:
        raise InvalidAnswer("that name is longer than 200 characters; give a shorter one, or press Enter to skip")
    return name or None


def _parse_weighting(question: Question, raw: str) -> Answer:
    value = _match_choice(question, raw)
    if value is None:
        close = suggest(raw, [c.value for c in question.choices])
        raise InvalidAnswer(f"{quoted(raw)} is not one of the choices{close}; {_choice_hint(question)}")
    return value


def _parse_points(raw: str) -> Answer:
    try:
        exact: object = parse_points(raw, "points")  # exact.py's guards, before any arithmetic
    except InputError as exc:
        raise InvalidAnswer(f"{str(exc).removeprefix('points: ')}; press Enter for {DEFAULT_POINTS}") from None
    if not isinstance(exact, Fraction) or not (_PLAIN_NUMBER.match(raw) or _FRACTION.match(raw)):
        return _one_line(raw)  # an interval (issue 20: '60-80'): kept as typed, core reads it again
    if exact.denominator == 1:
        return int(exact)
    number = float(exact)
    # an exact fraction no float holds is kept as the file writes it
    return number if "/" not in raw and Fraction(repr(number)) == exact else f"{exact.numerator}/{exact.denominator}"


def _parse_swing_top(question: Question, raw: str, known: Mapping[str, Answer]) -> Answer:
    catalog = _catalog(question)
    differ = swing_criteria(catalog, known)
    low = raw.lower()
    if low in (ALL_EQUAL, "all equal", "=") and ALL_EQUAL not in differ:
        return ALL_EQUAL
    if low in (c.lower() for c in differ):
        return next(c for c in differ if c.lower() == low)
    labels = {_one_line(catalog.criterion(c).label).lower(): c for c in differ}
    if low in labels:
        return labels[low]
    starts = [c for c in differ if c.lower().startswith(low)]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise InvalidAnswer(f"{quoted(raw)} could be {' or '.join(starts)}; type more of it")
    if low in (c.lower() for c in catalog.criterion_ids):
        raise InvalidAnswer(
            f"the models do not differ on {low} (with your target), so its change is worth nothing here; "
            f"choose one of {', '.join(differ)}"
        )
    close = suggest(raw, differ)
    raise InvalidAnswer(
        f"{quoted(raw)} is not one of the criteria{close}; answer {', '.join(differ)}, "
        f"or press Enter if every change matters the same"
    )


def _parse_ranking(question: Question, raw: str, known: Mapping[str, Answer]) -> Answer:
    catalog = _catalog(question)
    differ = swing_criteria(catalog, known)
    if raw == "":
        return " = ".join(differ)
    try:
        groups = parse_ranking(catalog, raw, "ranking")
    except InputError as exc:
        raise InvalidAnswer(str(exc).removeprefix("ranking: ")) from None
    for group in groups:
        for cid in group:
            if cid not in differ:
                raise InvalidAnswer(
                    f"the models do not differ on {cid} (with your target), so ranking it changes nothing; "
                    f"leave it out (the criteria that count: {', '.join(differ)})"
                )
    return " > ".join(" = ".join(group) for group in groups)


def _parse_target(question: Question, raw: str) -> Answer:
    value = _match_choice(question, raw)
    if value is None:
        close = suggest(raw, [c.value for c in question.choices])
        raise InvalidAnswer(f"{quoted(raw)} is not one of the choices{close}; {_choice_hint(question)}")
    crit = _criterion(question)
    index = crit.level_index(value)
    return None if index is None else crit.scale[index]


def _split(raw: str, seps: str) -> list[str]:
    for sep in seps[1:]:
        raw = raw.replace(sep, seps[0])
    return [part.strip() for part in raw.split(seps[0]) if part.strip()]


def _catalog(question: Question) -> Catalog:
    if question.catalog is None:
        raise ValueError(f"question {quoted(question.key)} was built without a catalogue")
    return question.catalog


def _criterion(question: Question) -> Criterion:
    assert question.criterion is not None
    return _catalog(question).criterion(question.criterion)


def _is_empty(catalog: Catalog, raw: str) -> bool:
    low = raw.lower()
    return low in _EMPTY_WORDS and not any(m.id.startswith(low) for m in catalog.models if low)


def _parse_exclude(question: Question, raw: str) -> Answer:
    catalog = _catalog(question)
    if _is_empty(catalog, raw):
        return ()
    ids: list[str] = []
    for part in _split(raw, ", ;"):
        try:
            model = catalog.resolve_model(part)
        except InputError as exc:
            raise InvalidAnswer(f"{exc}; or press Enter to keep every model") from None
        if model.id not in ids:
            ids.append(model.id)
    if len(ids) == len(catalog.models):
        raise InvalidAnswer("that leaves out every model, so nothing is left to rank; leave out fewer models")
    return tuple(ids)


def _parse_require(question: Question, raw: str) -> Answer:
    catalog = _catalog(question)
    if raw.lower() in _EMPTY_WORDS:
        return ()
    limits: list[str] = []
    for part in _split(raw, ",;"):
        try:
            text = parse_constraint(catalog, plain_limit(catalog, part), "limit").text
        except InputError as exc:
            words = f" or in words, such as {plain_examples(catalog)[0]}" if plain_examples(catalog) else ""
            reason = str(exc).removeprefix("limit: ").replace("(operators: <= >= < > == !=)", f"{words}")
            raise InvalidAnswer(f"{reason.replace('  ', ' ').rstrip()}; or press Enter for no limits") from None
        if text not in limits:
            limits.append(text)
    return tuple(limits)


# -- checks across questions ---------------------------------------------------------------


def _importance_of(question: Question, responses: Mapping[str, Answer]) -> Fraction | None:
    """The importance an importance question ends up with, or None while it is still to be asked."""
    if not applies(question, responses):
        return Fraction(0)
    if question.key not in responses:
        return None
    value = responses[question.key]
    return parse_importance(value, question.key) if isinstance(value, (str, int, float)) else None


def _check_in_context(question: Question, value: Answer, responses: Mapping[str, Answer]) -> None:
    catalog = _catalog(question)
    after = {**responses, question.key: value}
    method = after.get("weighting", DEFAULT_WEIGHTING)
    if question.kind in ("name", "weighting", "ranking"):
        return
    if question.kind == "target" and method == Weighting.swing:
        if not swing_criteria(catalog, after):
            raise InvalidAnswer("with no target here the models differ on nothing, so nothing could be ranked")
        return
    if question.kind in ("swing", "swing_top"):
        return  # the chosen change has 100 points, so the points never all come to 0
    if question.kind == "target" and method != Weighting.importance:
        return
    if question.kind in ("importance", "target"):
        importances = [_importance_of(q, after) for q in questions(catalog) if q.kind == "importance"]
        if all(i is not None and i == 0 for i in importances):
            fix = "give this criterion some importance" if question.kind == "importance" else "choose a level"
            what = "none" if question.kind == "importance" else "no target"
            raise InvalidAnswer(
                f"with {what} here every criterion would count for nothing, so nothing could be ranked; {fix}"
            )
    else:
        problem = nothing_left(catalog, after)
        if problem:
            raise InvalidAnswer(problem)
        if method != Weighting.importance and not swing_criteria(catalog, after):
            raise InvalidAnswer(
                "the models left are rated alike on every criterion, so there is nothing to weigh between them; "
                "leave out fewer models"
            )


def stale(catalog: Catalog, responses: Mapping[str, Answer]) -> list[str]:
    """Keys of answers in RESPONSES that a later change made invalid, to be asked again.

    A change of target can leave the chosen swing, or a criterion in a ranking, on a criterion the
    models no longer differ on; the questionnaire then asks that question again instead of failing.
    """
    out: list[str] = []
    for q in questions(catalog, responses):
        if q.kind not in ("swing_top", "ranking") or q.key not in responses or not applies(q, responses):
            continue
        try:
            parse_answer(q, _as_text(q, responses[q.key]), context=responses)
        except InvalidAnswer:
            out.append(q.key)
    return out


def nothing_left(catalog: Catalog, responses: Mapping[str, Answer]) -> str | None:
    """A hint when the exclusions and limits in RESPONSES leave no model to rank, else None."""
    excluded = _as_tuple(responses.get("exclude"))
    limits = _as_tuple(responses.get("require"))
    constraints = [parse_constraint(catalog, text, "require") for text in limits]
    if remaining_models(catalog, excluded, constraints):
        return None
    if constraints:
        kept = "you kept " if excluded else ""
        return (
            f"no model {kept}meets {', '.join(limits)}, so nothing would be left to rank; "
            "relax a limit, or press Enter for none"
        )
    return "that leaves out every model, so nothing would be left to rank; leave out fewer models"


def remaining_models(catalog: Catalog, exclude: Iterable[str], constraints: Iterable[Constraint]) -> list[Model]:
    """The models left to rank: not in EXCLUDE (ids) and meeting every constraint."""
    dropped = excluded_by(catalog, exclude, constraints)
    return [m for m in catalog.models if m.id not in dropped]


def _as_tuple(value: Answer) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ()


# -- answers to priorities -----------------------------------------------------------------


def answers_from(catalog: Catalog, responses: Mapping[str, Answer], name: str | None = None) -> AnswersFile:
    """The answers file the RESPONSES (question key -> answer; missing = default) stand for.

    String responses are parsed as typed answers, so {'priorities.risk': 'high'} works as well
    as the parsed value. Raises InvalidAnswer for an unknown key or an unusable answer.
    """
    qs = questions(catalog)
    by_key = {q.key: q for q in qs}
    for key in responses:
        if key not in by_key:
            raise InvalidAnswer(f"no question has key {quoted(key)}{suggest(key, list(by_key))}")
    for key in responses:
        if key.startswith("swing.") and key not in by_key:
            raise InvalidAnswer(f"no question has key {quoted(key)}")
    points = {k.removeprefix("swing."): v for k, v in responses.items() if k.startswith("swing.")}
    if points and SWING_TOP_KEY not in responses:
        # points given without the pick (a caller's mapping, not the terminal): the change at 100 is the pick
        full = [cid for cid, v in points.items() if _as_text(by_key[f"swing.{cid}"], v) in ("100", "100.0")]
        if not full:
            raise InvalidAnswer(
                f"{SWING_TOP_KEY}: give the change that matters most (100 points), or name it in {SWING_TOP_KEY}"
            )
        responses = {**responses, SWING_TOP_KEY: full[0]}
    resolved: dict[str, Answer] = {}
    skipped: set[str] = set()
    for q in qs:
        if not applies(q, resolved):
            skipped.add(q.key)
            if q.kind == "importance":
                resolved[q.key] = "none"  # no target: whatever was answered, the criterion counts for nothing
            continue
        # Everything goes through the parser, typed or not, so answers_from accepts exactly what a person may type.
        text = _as_text(q, responses[q.key]) if q.key in responses else ""
        resolved[q.key] = parse_answer(q, text, context=resolved)
    for q in qs:
        if q.key not in skipped:
            _check_in_context(q, resolved[q.key], resolved)
    method = resolved.get("weighting", DEFAULT_WEIGHTING)

    priorities: dict[str, float | str] = {}
    targets: dict[str, str] = {}
    target_horizon: str | None = None
    for q in qs:
        value = resolved.get(q.key)
        if q.kind == "target" and value is not None:
            assert isinstance(value, str) and q.criterion is not None
            if q.key == "target_horizon":
                target_horizon = value
            else:
                targets[q.criterion] = value
        elif q.kind == "importance" and method == Weighting.importance:
            assert q.criterion is not None and isinstance(value, (str, int, float))
            priorities[q.criterion] = value
    swing: dict[str, float | str] = {}
    if method == Weighting.swing:
        top = resolved.get(SWING_TOP_KEY)
        for q in qs:
            value = resolved.get(q.key)
            if q.kind != "swing" or q.criterion is None or q.criterion not in swing_criteria(catalog, resolved):
                continue
            if q.criterion == top or top == ALL_EQUAL:
                swing[q.criterion] = 100
            elif isinstance(value, (int, float, str)):
                swing[q.criterion] = value
    ranking = resolved.get("ranking") if method == Weighting.ranking else None
    stated_name = resolved.get("name")
    exclude = resolved["exclude"]
    require = resolved["require"]
    assert isinstance(exclude, tuple) and isinstance(require, tuple)
    answers = AnswersFile(
        version=1,
        name=stated_name if isinstance(stated_name, str) else name,
        priorities=priorities,
        swing=swing,
        ranking=ranking if isinstance(ranking, str) else None,
        target_horizon=target_horizon,
        targets=targets,
        exclude=list(exclude),
        require=list(require),
        ranges=RangeMode.midpoint,
    )
    # Belt and braces: the file must be one `recommend --answers` accepts.
    combine(catalog, as_loaded(answers), Overrides())
    return answers


def _as_text(question: Question, value: object) -> str:
    """A parsed or typed answer back as the text a person would type."""
    if value is None and question.kind == "target":
        return next(c.value for c in question.choices[::-1])  # the no-target choice is offered last
    if value is None and question.kind == "name":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    raise InvalidAnswer(f"{question.key}: {quoted(value)} is not an answer to {quoted(question.text)}")


def as_loaded(answers: AnswersFile, origin: str = "(questionnaire)") -> LoadedAnswers:
    """ANSWERS as if read from a file called ORIGIN, for `priorities.combine`."""
    return LoadedAnswers(Path(origin), answers, {}, "")


def default_responses(catalog: Catalog) -> dict[str, Answer]:
    """What pressing Enter at every question gives."""
    return {q.key: parse_answer(q, "") for q in questions(catalog) if applies(q, {})}


__all__: Sequence[str] = [
    "ALL_EQUAL",
    "DEFAULT_WEIGHTING",
    "IMPORTANCE_INTERVAL",
    "IMPORTANCE_LABELS",
    "LIMIT_PHRASES",
    "NO_TARGET",
    "POINTS_INTERVAL",
    "SWING_TOP_KEY",
    "WEIGHTING_LABELS",
    "Answer",
    "Choice",
    "InvalidAnswer",
    "Question",
    "answers_from",
    "applies",
    "as_loaded",
    "constraint_examples",
    "default_responses",
    "explanation",
    "importance_question_text",
    "levels",
    "nothing_left",
    "parse_answer",
    "plain_examples",
    "plain_limit",
    "questions",
    "ranked_models",
    "remaining_models",
    "stale",
    "swing_change",
    "swing_criteria",
    "target_key",
]
