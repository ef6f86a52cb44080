"""The guided questionnaire as data: questions built from the catalogue, answers parsed, priorities made.

Nothing here reads or prints; `mcstrat.cli.ask` is the thin terminal layer on top. It first asks
the respondent's name (optional, for team decisions: it becomes the answers file's ``name``)
and how they want to give priorities (``weighting``): ``swing`` (recommended: points 0..100 for
the change from each criterion's worst to its best rating among the models), ``ranking``
(quickest: the criteria in order, ties with ``=``) or ``importance`` (words, as before; the
default, so pressing Enter keeps the questionnaire as it always was). See weighting.py for
what swing points and rankings mean. Then, for each criterion of the catalogue:

- a target criterion (horizon) first gets its target level. The default is the first level of
  its scale: for horizon that is H1, "extend the core business now", the horizon an
  institution usually plans its first micro-credentials for. Answering ``none`` sets no
  target: the criterion then counts for nothing and its importance question is skipped;
- then its importance, in the institution's terms (``Criterion.question``, or a question made
  from its label and direction for a custom models file), answered with a plain-language
  choice, one of the words none/low/medium/high/critical, or a number from 0 to 5; default
  ``medium``, the importance a criterion nobody mentions gets anyway.

  (importance answers only);

with swing answers (issue 11's procedure), first one question that shows, in one list, the
change from the worst to the best rating among the models for every criterion they differ on
(range above 0 under the target chosen; the others are not shown or asked): "risk: from MED to
LOW", "horizon: from H3 to H1 when you plan for H1". The person picks the change that matters
most (it gets 100 points); Enter (``equal``) says every change matters the same, 100 points
each, and asks nothing more. Then every other change gets points from 0 to 100 relative to
the chosen one, default 50 (half as much). With a ranking, one question whose default ranks
every such criterion equal. Then
optional exclusions (model ids, comma-separated; a unique beginning of an id is enough)
and optional hard limits (``risk<=MED``, comma-separated). Ranged cells are scored at their
midpoint, the default, and not asked about.

Pressing Enter through everything always gives a valid set of answers.
"""

from __future__ import annotations

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
from mcstrat.core.vocabulary import DEFAULT_IMPORTANCE_WORD, IMPORTANCE_WORDS, Direction, RangeMode, Weighting
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
    Weighting.swing: "recommended: see how far apart the models are on each criterion, pick the change from worst to "
    "best that matters most (100 points) and give every other change 0-100 points relative to it",
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
    targets = _targets_of(catalog, responses or {})
    worst_best = extremes(catalog, targets, RangeMode.midpoint)
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
                f"Write CRITERION OPERATOR LEVEL, e.g. {', '.join(constraint_examples(catalog))}; "
                "separate several with commas, or press Enter for none. Operators: <= >= < > == !=. "
                "A model that breaks a limit is left out and reported; "
                "a ranged rating such as LOW/MED must meet the limit over its whole range."
            ),
            choices=tuple(Choice(c.id, ", ".join(c.scale)) for c in catalog.criteria),
            default="",
            catalog=catalog,
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
    """The criteria the models differ on under the targets in RESPONSES: the ones swing and ranking ask about."""
    spans = criterion_spans(catalog, _targets_of(catalog, responses), RangeMode.midpoint)
    return [cid for cid in catalog.criterion_ids if spans[cid] > 0]


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


def _one_line(text: str) -> str:
    return " ".join(text.split())


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


def _parse_importance(question: Question, raw: str) -> Answer:
    word = _match_choice(question, raw)
    if word is not None:
        return word
    numbers = ", or a number from 0 to 5"
    try:
        exact = parse_importance(raw, "importance")  # the guards of every number (exact.py), before any arithmetic
    except NumberError as exc:
        reason = f"{raw} is outside 0 to 5" if exc.out_of_range else exc.reason
        raise InvalidAnswer(f"{reason}; {_choice_hint(question, numbers)}") from None
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
        exact = parse_points(raw, "points")
    except InputError as exc:
        raise InvalidAnswer(f"{str(exc).removeprefix('points: ')}; press Enter for {DEFAULT_POINTS}") from None
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
            text = parse_constraint(catalog, part, "limit").text
        except InputError as exc:
            raise InvalidAnswer(f"{str(exc).removeprefix('limit: ')}; or press Enter for no limits") from None
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
    "IMPORTANCE_LABELS",
    "NO_TARGET",
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
    "importance_question_text",
    "nothing_left",
    "parse_answer",
    "questions",
    "remaining_models",
    "stale",
    "swing_change",
    "swing_criteria",
    "target_key",
]
