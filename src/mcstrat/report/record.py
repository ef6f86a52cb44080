"""The decision record as one document model, built from an Analysis, and its Markdown rendering.

A record is written for the people who decide, not for a terminal: page 1 is an executive
summary in plain words (the recommendation, how firm it is, what decides it, who disagrees,
what would change it, what cannot win, the questions still open); then the evidence, each
chart before its table; then the inputs, and file hashes and provenance in an appendix.

The model is plain data: a `Document` of `Section`s holding `Paragraph`s, `Items`, `Table`s
and `Chart`s. Text in it is raw (as users and files wrote it); every renderer passes each run
of text through `mcstrat.sanitize` for its channel, so nothing is escaped twice or forgotten.
`to_markdown` here and `record_html.to_html` are pure functions of a Document: the same inputs
give the same bytes. Charts carry their numbers, not pictures; `charts.svg` draws them (for
HTML and PDF) and Markdown gives each chart's one-sentence description instead.

Numbers are formatted one way throughout: scores and points with 1 decimal, weights and
probabilities as percentages (1 decimal in tables, whole in sentences), importances (0..5)
with up to 2 decimals; exact Fractions are rounded half away from zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from mcstrat import sanitize
from mcstrat.analyses.group import PAIRS_LISTED_UP_TO
from mcstrat.analyses.ranking import dominance
from mcstrat.report.formats import rank_label, score_places, visible

if TYPE_CHECKING:
    from mcstrat.analyses.compare import Comparison
    from mcstrat.analyses.group import GroupResult
    from mcstrat.analyses.ranking import CriterionWeight, Ranked, RankResult
    from mcstrat.analyses.robustness import SmaaResult, StabilityInterval
    from mcstrat.core.catalog import Catalog
    from mcstrat.decide.decision import Analysis

TITLE = "Decision record: micro-credential business model"
COMPARISON_TITLE = "Comparison record: micro-credential business models"
#: The headings of a decision record, in order (Stakeholders only for a group).
SECTIONS = (
    "Summary",
    "Scores",
    "How firm the ranking is",
    "What can win at all",
    "What would change it",
    "Ratings",
    "Stakeholders",
    "Priorities",
    "Strengths and weaknesses of the top models",
    "Appendix: inputs and provenance",
)
_BETTER = {"benefit": "higher", "cost": "lower", "target": "closer to target"}


# -- the document model -----------------------------------------------------------------------


@dataclass(frozen=True)
class Strong:
    """A run of text to emphasise."""

    text: str


@dataclass(frozen=True)
class Link:
    """A web address, linked only when it is a plain http(s) URL (sanitize.safe_url)."""

    text: str
    url: str


Run = str | Strong | Link
Inline = tuple[Run, ...]
Cell = str | Strong


@dataclass(frozen=True)
class Paragraph:
    text: Inline


@dataclass(frozen=True)
class Items:
    """A bulleted list, or a checklist of open questions."""

    items: tuple[Inline, ...]
    checklist: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[int, ...] = ()  # right-aligned columns
    caption: str = ""
    breakable: bool = False  # long unbroken values (paths, hashes) may break anywhere to fit


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section."""

    text: str


@dataclass(frozen=True)
class Bars:
    """Horizontal bars, one per row (top to bottom), each stacked from SEGMENTS."""

    rows: tuple[str, ...]
    segments: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # [row][segment], >= 0
    axis: str
    limit: float  # the axis' end (100 for scores and percentages)
    totals: tuple[str, ...] = ()  # text at the end of each bar
    sequential: bool = False  # segments are ordered (ranks), not categories (criteria)


@dataclass(frozen=True)
class Intervals:
    """One range per row on a common scale, with the stated value marked (a tornado of stability)."""

    rows: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float | None, ...]  # None: no upper end
    stated: tuple[float, ...]
    limit: float
    axis: str


@dataclass(frozen=True)
class Grid:
    """A heat map: a colour per cell from VALUES (0 worst .. 1 best) and the cell's text."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # None: no colour (not applicable)
    texts: tuple[tuple[str, ...], ...]
    legend: str


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str  # one sentence saying what the chart shows; Markdown prints it in the chart's place
    plot: Bars | Intervals | Grid
    key: str  # unique within a document; used for ids


Block = Paragraph | Items | Table | Heading | Chart


@dataclass(frozen=True)
class Section:
    title: str
    key: str
    blocks: tuple[Block, ...]
    summary: bool = False  # the executive summary: alone on page 1 when printed


@dataclass(frozen=True)
class Document:
    title: str
    subject: str  # what was decided, for the page's <title>: the recommended model(s)
    byline: tuple[str, ...]  # date, version, who: one short line each
    sections: tuple[Section, ...] = field(default=())

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


# -- formatting -------------------------------------------------------------------------------


def _round(value: Fraction, places: int) -> tuple[bool, int]:
    """(negative, |value| x 10^places rounded half away from zero)."""
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))
    return value < 0 and whole != 0, whole


def fixed(value: Fraction, places: int = 1) -> str:
    """VALUE with PLACES decimals, rounded half away from zero."""
    negative, whole = _round(value, places)
    digits = str(whole).rjust(places + 1, "0")
    text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    return ("-" if negative else "") + text


def gap_places(high: Fraction, *lows: Fraction) -> int:
    """Decimals for scores shown beside their gaps: 1, or 2 where one decimal would not add up.

    68.52 and 66.67 show as 68.5 and 66.7 with a gap of 1.9 (1.85 rounded), which a reader
    checks as 1.8; two decimals (68.52, 66.67, 1.85) keep the sentence's arithmetic true.
    """
    for low in lows:
        shown = Fraction(_round(high, 1)[1] - _round(low, 1)[1], 10)
        if fixed(shown) != fixed(high - low):
            return 2
    return 1


def signed(value: Fraction, places: int = 1) -> str:
    text = fixed(value, places)
    return text if text.startswith("-") or _round(value, places)[1] == 0 else "+" + text


def importance(value: Fraction) -> str:
    """0..5 with up to 2 decimals: 2, 1.5, 1.67."""
    text = fixed(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Fraction, places: int = 1) -> str:
    return fixed(100 * value, places) + "%"


def pfloat(value: float, places: int = 1) -> str:
    """A probability as a percentage."""
    return percent(Fraction(value), places)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _flat(text: str) -> str:
    """Whitespace runs (line breaks of a folded YAML block) as one space."""
    return " ".join(str(text).split())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- the decision record ----------------------------------------------------------------------


class _Facts:
    """What every section needs, worked out once."""

    def __init__(self, analysis: Analysis, top: int | None) -> None:
        self.analysis = analysis
        self.catalog = analysis.catalog
        self.result: RankResult = analysis.result
        self.group: GroupResult | None = analysis.group
        self.smaa: SmaaResult | None = analysis.smaa
        self.stability: Mapping[str, StabilityInterval] | None = analysis.stability
        self.shown: list[Ranked] = visible(self.result, top if top is None or top > 0 else None)
        self.first = self.result.ranking[0]
        self.runner_up = next((r for r in self.result.ranking if r.rank > 1), None)
        self.names = {m.id: m.name for m in self.catalog.models}
        self.labels = {c.id: c.label for c in self.catalog.criteria}
        self.effective = effective_weights(analysis)
        self.dominated = dominance(self.result)  # dominated model id -> the ids dominating it
        # models rated identically can only ever share a place: name them together
        self.twins: dict[str, tuple[str, ...]] = {}
        for same in self.smaa.identical if self.smaa is not None else ():
            for m in same:
                self.twins[m] = tuple(o for o in same if o != m)

    def name(self, model_id: str) -> str:
        return self.names.get(model_id, model_id)

    def taker(self, model_id: str) -> str:
        """A model that would come first, with any rated identically to it (they would share first place)."""
        twins = self.twins.get(model_id, ())
        if not twins:
            return self.name(model_id)
        return f"{self.name(model_id)} (jointly with {_join([self.name(t) for t in twins])}, rated identically)"

    def label(self, cid: str) -> str:
        return self.labels.get(cid, cid)

    def whose(self) -> str:
        if self.group is not None:
            return f"the weighted priorities of {len(self.group.stakeholders)} stakeholders"
        who = self.result.priorities.name
        return f"the stated priorities of {who}" if who else "the stated priorities"


def effective_weights(analysis: Analysis) -> dict[str, Fraction]:
    """Each criterion's effective weight (the engine's; for a group, the group's)."""
    return {cw.criterion.id: cw.effective for cw in analysis.result.criteria}


def decision_record(analysis: Analysis, *, date: str, version: str | None = None, top: int | None = None) -> Document:
    """The decision record of ANALYSIS (ranking, robustness and stability computed)."""
    facts = _Facts(analysis, top)
    byline = [f"Date: {date}"]
    if facts.group is not None:
        byline.append("For: " + ", ".join(v.name for v in facts.group.stakeholders))
    elif facts.result.priorities.name:
        byline.append(f"For: {facts.result.priorities.name}")
    if version:
        byline.append(f"Prepared with mcstrat {version}")
    sections = [
        _summary(facts),
        _scores(facts),
        _firmness(facts),
        _can_win(facts),
        _changes(facts),
        _ratings(facts),
    ]
    if facts.group is not None:
        sections.append(_stakeholders(facts, facts.group))
    sections += [_priorities(facts), _profiles(facts), _appendix(facts)]
    subject = " and ".join(r.model.name for r in facts.result.top)
    return Document(TITLE, subject, tuple(byline), tuple(sections))


# -- page 1 -----------------------------------------------------------------------------------


def _missed_targets(f: _Facts) -> str:
    """The default view's note on a stated target the recommendation misses (target H1, rated H2/H3)."""
    if len(f.result.top) > 1:
        return ""
    from mcstrat.analyses.explain import lead, sentences

    _, notes = sentences(lead(f.result), f.result)
    return "".join(" " + note for note in notes)


def _summary(f: _Facts) -> Section:
    blocks: list[Block] = [Paragraph((*_recommendation(f), _missed_targets(f)))]
    if len(f.result.ranking) == 1:  # nothing to weigh it against: no firmness, rivals or changes to report
        blocks.append(
            Paragraph((Strong("Questions to settle before committing."), " The ranking does not answer them:"))
        )
        blocks.append(Items(tuple(_questions(f)), checklist=True))
        return Section("Summary", "summary", tuple(blocks), summary=True)
    firm = _firm_sentence(f)
    if firm:
        blocks.append(Paragraph(firm))
    deciding = _deciding(f)
    if deciding:
        blocks.append(Paragraph(deciding))
    if f.group is not None:
        blocks.append(Paragraph(_dissent(f, f.group)))
    changes = change_sentences(f)
    shift = why_not_sentence(f) if f.analysis.potential is not None else ""
    if shift:
        changes.append(shift)
    lead: Inline = (Strong("What would change it."),)
    if changes:
        blocks.append(Paragraph((*lead, " The nearest changes that would put another model first:")))
        blocks.append(Items(tuple((s,) for s in changes)))
    elif f.stability is not None:
        blocks.append(
            Paragraph(
                (*lead, " No single criterion's weight, changed on its own within the scale, puts another model first.")
            )
        )
    never = _cannot_win(f)
    if never:
        blocks.append(Paragraph(never))
    blocks.append(Paragraph((Strong("Questions to settle before committing."), " The ranking does not answer them:")))
    blocks.append(Items(tuple(_questions(f)), checklist=True))
    return Section("Summary", "summary", tuple(blocks), summary=True)


def _recommendation(f: _Facts) -> Inline:
    tops = f.result.top
    score = fixed(f.first.score)
    if len(f.result.ranking) == 1:
        return (
            Strong(f"Recommendation: {f.first.model.name}."),
            f" It is the only model left after the exclusions and limits (score {score} out of 100).",
        )
    if len(tops) > 1:
        names = _join([r.model.name for r in tops])
        return (
            Strong(f"No single recommendation: {names} tie for first place."),
            f" Their scores against {f.whose()} are exactly equal ({score} out of 100); "
            "decide between them on grounds the criteria do not capture.",
        )
    runner = f.runner_up
    lead = ""
    if runner is not None:
        places = gap_places(f.first.score, runner.score)
        score = fixed(f.first.score, places)
        gap = fixed(f.first.score - runner.score, places)
        seconds = [r.model.name for r in f.result.ranking if r.rank == runner.rank]  # tied second: name them all
        each = " each" if len(seconds) > 1 else ""
        lead = f", {gap} points ahead of {_join(seconds)} ({fixed(runner.score, places)}{each})"
    return (
        Strong(f"Recommendation: {f.first.model.name}."),
        f" It ranks first against {f.whose()}, with a score of {score} out of 100{lead}.",
    )


def weight_space(smaa: SmaaResult, *, group: bool = False) -> str:
    """The weightings sampled, named in plain words (for a group, each stakeholder keeps their own order)."""
    if smaa.weight_space == "free":
        space = "any weights at all, with no order of priorities assumed"
    elif smaa.weight_space == "local":
        space = f"each importance anywhere within ±{smaa.spread or 0:g} of the stated value"
    elif group:
        space = "for each stakeholder, any weights that keep the order of their stated priorities"
    else:
        space = "any weights that keep the order of your stated priorities"
    return (
        space
        + ", ranged ratings anywhere between their ends"
        + ("; the spacing of rating levels unknown" if smaa.ordinal else "")
    )


def _consistent(smaa: SmaaResult, *, group: bool = False) -> str:
    """What the sampled weightings are, for the headline figure."""
    whose = "the stakeholders'" if group else "your"
    return {
        "free": "of all possible weightings",
        "local": f"of the weightings close to {whose} stated priorities",
    }.get(smaa.weight_space, f"of the weightings consistent with {whose} priorities")


def _firm_sentence(f: _Facts) -> Inline:
    smaa = f.smaa
    if smaa is None:
        return ()
    row = smaa.acceptability.get(f.first.model.id)
    if not row:
        return ()
    tops = [r.model.id for r in f.result.top if smaa.acceptability.get(r.model.id)]
    # the model that comes first most often, when it is not the recommendation: a reader must see it
    most = max(smaa.acceptability, key=lambda m: smaa.acceptability[m][0])
    other = (
        f" Most often first: {f.name(most)}, in {pfloat(smaa.acceptability[most][0], 1)}."
        if most not in tops and smaa.acceptability[most][0] > 0
        else ""
    )
    if len(tops) > 1:
        shares = _join([f"{f.name(m)} in {pfloat(smaa.acceptability[m][0], 0)}" for m in tops])
        # the rest of the weightings: say who comes first there, most often first
        rest = sorted(
            (m for m in smaa.acceptability if m not in tops and smaa.acceptability[m][0] >= 0.005 and m != most),
            key=lambda m: -smaa.acceptability[m][0],
        )
        if rest:
            other += (
                (" Also first: " if other else " In the rest: ")
                + _join([f"{f.name(m)} in {pfloat(smaa.acceptability[m][0], 0)}" for m in rest])
                + "."
            )
        return (
            Strong("How firm: the tie splits when the weights vary."),
            f" Out of {smaa.samples:,} weightings ({weight_space(smaa, group=f.group is not None)}; seed {smaa.seed}), "
            f"{shares} came first." + other,
        )
    p = row[0]
    word = "A firm result." if p >= 0.75 else "A fairly firm result." if p >= 0.5 else "A close call."
    return (
        Strong(f"How firm: first in {pfloat(p, 0)} {_consistent(smaa, group=f.group is not None)}."),
        f" {word} Out of {smaa.samples:,} weightings drawn at random "
        f"({weight_space(smaa, group=f.group is not None)}; seed {smaa.seed}), "
        f"{f.first.model.name} came first in {pfloat(p, 1)}." + other,
    )


def _lead_by_criterion(f: _Facts) -> list[tuple[str, Fraction]]:
    """(criterion id, winner's points minus the runner-up's), largest first."""
    if f.runner_up is None:
        return []
    diffs = [
        (cw.criterion.id, f.first.contributions[cw.criterion.id] - f.runner_up.contributions[cw.criterion.id])
        for cw in f.result.criteria
    ]
    return sorted(diffs, key=lambda d: -d[1])


def _deciding(f: _Facts) -> Inline:
    """The two or three criteria that decide it: where the winner gains most over the runner-up."""
    runner = f.runner_up
    if runner is None or len(f.result.top) > 1:
        return ()
    gains = [(cid, d) for cid, d in _lead_by_criterion(f) if d > 0][:3]
    if not gains:
        return ()
    parts = [
        f"{f.label(cid)} (effective weight {percent(f.effective.get(cid, Fraction(0)), 0)}; "
        f"{fixed(f.first.contributions[cid])} of its points, {signed(d)} over {runner.model.name})"
        for cid, d in gains
    ]
    losses = [(cid, d) for cid, d in reversed(_lead_by_criterion(f)) if d < 0][:2]
    tail = ""
    if losses:
        tail = (
            f" {runner.model.name} does better on " + _join([f"{f.label(c)} ({signed(-d)})" for c, d in losses]) + "."
        )
    return (Strong("What decides it."), f" {f.first.model.name} wins on {_join(parts)}.{tail}")


def _dissent(f: _Facts, group: GroupResult) -> Inline:
    """Who disagrees most: the stakeholder who ranks the winner lowest, and how."""
    winner = f.first.model.id
    worst = None
    for view in group.stakeholders:
        own = next((r for r in view.result.ranking if r.model.id == winner), None)
        if own is None:
            continue
        key = (own.rank, view.share)
        if worst is None or key > worst[0]:
            worst = (key, view, own)
    lead = Strong("Who disagrees most.")
    if worst is None or worst[2].rank == 1:
        return (lead, f" No one: every stakeholder ranks {f.first.model.name} first.")
    _, view, own = worst
    count = len(view.result.ranking)
    theirs = _join([f.name(m) for m in view.top])
    choice = f"their first choice, {theirs}" if len(view.top) == 1 else f"their first choices, {theirs} (tied)"
    first_score = next(r.score for r in view.result.ranking if r.rank == 1)
    tie = "=" if own.tied else ""
    return (
        lead,
        f" {view.name} ({percent(view.share, 0)} of the weight) ranks {f.first.model.name} "
        f"{_ordinal(own.rank)}{tie} of {count}, scoring it {fixed(own.score)} against {fixed(first_score)} "
        f"for {choice}.",
    )


def change_sentences(f: _Facts, limit: int = 3) -> list[str]:
    """Plain sentences from the stability intervals: the nearest changes that put another model first.

    One person's bounds are importances (the others held), said as shares of the weight; a
    group's are already shares of the group's weight. Nearest first, by the change of share.
    """
    if f.stability is None:
        return []
    found: list[tuple[Fraction, str]] = []
    total = sum((cw.importance for cw in f.result.criteria), Fraction(0))
    weights = {cw.criterion.id: cw for cw in f.result.criteria}
    tied = {r.model.id for r in f.result.top}  # a model tied first now would come first alone
    for cid, iv in f.stability.items():
        cw = weights.get(cid)
        if cw is None:
            continue
        label = f.label(cid)
        for bound, taker, way in ((iv.high, iv.above, "more"), (iv.low, iv.below, "less")):
            if bound is None or taker is None:
                continue
            if bound == iv.importance:
                alone = " on its own" if taker in tied else ""
                found.append((Fraction(0), f"Any {way} weight on {label} would put {f.taker(taker)} first{alone}."))
                continue
            if iv.scale == "weight":
                share, now, whose = bound, iv.importance, "the group's weight"
            else:
                rest = total - iv.importance
                share = bound / (rest + bound) if rest + bound > 0 else Fraction(0)
                now, whose = cw.weight, "the weight"
            text = (
                f"If {label} counted for {way} than {percent(share, 0)} of {whose} "
                f"(now {percent(now, 0)}), {f.taker(taker)} would come first"
                + (" on its own." if taker in tied else ".")
            )
            found.append((abs(share - now), text))
    found.sort(key=lambda item: item[0])
    return [text for _, text in found[:limit]]


def why_not_sentence(f: _Facts) -> str:
    """The smallest change of weights under which the runner-up comes first (why-not), in words."""
    runner = f.runner_up
    if runner is None or len(f.result.top) > 1:
        return ""
    found = f.analysis.why_not(runner.model.id)
    if not found.possible or found.needed is None or found.distance is None:
        return ""
    needed, now = found.needed, found.now
    moves = sorted(needed, key=lambda c: -abs(needed[c] - now[c]))
    shown = [c for c in moves if abs(needed[c] - now[c]) >= Fraction(1, 200)][:3]
    # whole percentages when they are exact, else one decimal: rounding made a 1.5-point move read
    # "from 11% to 13%" beside "at least 1%"
    values = [found.distance / 2, *(now[c] for c in shown), *(needed[c] for c in shown)]
    places = 0 if all((100 * v).denominator == 1 for v in values) else 1
    parts = [f"{f.label(c)} from {percent(now[c], places)} to {percent(needed[c], places)}" for c in shown]
    whose = "the group's weight" if f.group is not None else "the weight"
    return (
        f"For {f.taker(runner.model.id)} to come first instead, at least {percent(found.distance / 2, places)} "
        f"of {whose} "
        f"would have to move: {_join(parts)}."
    )


def _cannot_win(f: _Facts) -> Inline:
    """Which models cannot come first at all (potential optimality, exact), and which are dominated."""
    found = f.analysis.potential
    if not found:
        return ()
    dominated = f.dominated
    ranked = [r.model.id for r in f.result.ranking if r.model.id in found]
    never = [m for m in ranked if not found[m]["free"].possible]
    not_in_order = [m for m in ranked if found[m]["free"].possible and not found[m]["order"].possible]
    # under any weights some of them still only tie (margin 0): they never come first on their own
    order_alone = [m for m in not_in_order if found[m]["free"].margin > 0]
    order_tie = [m for m in not_in_order if found[m]["free"].margin <= 0]
    tie_only = [
        m for m in ranked if found[m]["order"].possible and found[m]["order"].margin <= 0 and m != f.first.model.id
    ]
    parts: list[str] = []
    if never:
        why = [f"{f.name(dominated[m][0])} for {f.name(m)}" for m in never if dominated.get(m)]
        parts.append(
            f"{_join([f.name(m) for m in never])} cannot come first under any weights at all"
            + (f" (another model is at least as good on every criterion that counts: {'; '.join(why)})" if why else "")
            + "."
        )
    yours = "at least one stakeholder's priorities" if f.group is not None else "your priorities"
    if order_alone:
        parts.append(
            f"{_join([f.name(m) for m in order_alone])} could come first only with weights that break the order "
            f"of {yours}."
        )
    if order_tie:
        parts.append(
            f"{_join([f.name(m) for m in order_tie])} could at best tie for first, and only with weights that break "
            f"the order of {yours}."
        )
    if tie_only:
        twinned = [m for m in tie_only if f.twins.get(m)]
        alone = [m for m in tie_only if not f.twins.get(m)]
        if alone:
            parts.append(f"{_join([f.name(m) for m in alone])} can at best tie for first.")
        seen: set[str] = set()
        for m in twinned:
            if m in seen:
                continue
            group = [m, *f.twins[m]]
            seen.update(group)
            parts.append(f"{_join([f.name(g) for g in group])} are rated identically, so they can only share a place.")
    # potential optimality scores ranged ratings as the ranking does; sampling draws them anywhere in
    # their range, so a model said to tie at best may still come first in some sampled weightings
    smaa = f.smaa
    sampled = [
        m
        for m in [*never, *not_in_order, *tie_only]
        if smaa is not None and smaa.acceptability.get(m, [0.0])[0] >= 0.005 and m not in f.twins
    ]
    if parts and sampled and smaa is not None and smaa.weight_space == "order":  # same weights: only the ratings differ
        sampled.sort(key=lambda m: -smaa.acceptability[m][0])
        ranged = "as each stakeholder scores them" if f.group is not None else f"at their {f.result.priorities.ranges}"
        parts.append(
            f"This judges ranged ratings (such as LOW/MED) {ranged}; with them drawn anywhere in their range, "
            + ("it does" if len(sampled) == 1 else "these do")
            + " come first in some of the sampled weightings: "
            + _join([f"{f.name(m)} in {pfloat(smaa.acceptability[m][0], 0)}" for m in sampled])
            + "."
        )
    if not parts:
        return (
            Strong("What can win."),
            " Every ranked model could come first under some weights that keep the order of "
            + ("each stakeholder's priorities." if f.group is not None else "your priorities."),
        )
    return (Strong("What cannot win."), " " + " ".join(parts))


def _questions(f: _Facts) -> list[Inline]:
    """The checklist of questions the ranking does not answer (from the source paper's key questions)."""
    name = f.first.model.name
    targets = [cw for cw in f.result.criteria if cw.criterion.direction == "target" and cw.target]
    horizon = (
        " and the "
        + _join(
            [
                # a group whose stakeholders plan for different levels lists them all ("H1, H2")
                f"{cw.criterion.label.lower()}s the stakeholders are planning for ({cw.target})"
                if f.group is not None and "," in (cw.target or "")
                else f"{cw.criterion.label.lower()} you are planning for ({cw.target})"
                for cw in targets
            ]
        )
        if targets
        else ""
    )
    out: list[Inline] = [
        (
            Strong("Strategic positioning."),
            " How do micro-credentials serve the institution's mission, and where do they sit in its credential "
            "ecology (stand-alone, stackable, credit-bearing towards a degree)?",
        ),
        (
            Strong("Leadership."),
            " Who leads the micro-credential strategy, and do they bring the transformative qualities it needs: "
            "a clear vision, listening to and linking the people involved, and building a team across the institution?",
        ),
        (
            Strong("Internal structures."),
            " Which unit owns design, delivery and quality assurance: the existing faculties, a central digital "
            "education unit, a professional and continuing education unit, or a separate business unit?",
        ),
        (
            Strong("Business model."),
            f" Is {name} fit for purpose for your learners, partners{horizon}, and what would it take to run it well?",
        ),
        (
            Strong("Risks."),
            f" What could go wrong with {name}, and how will each risk be mitigated? "
            f"Weaknesses in the source table: {_flat(f.first.model.weaknesses)}",
        ),
    ]
    tied = f.result.top
    if len(tied) > 1:
        out.append(
            (
                Strong("Break the tie."),
                f" {_join([r.model.name for r in tied])} score exactly the same on the stated priorities; "
                "decide between them on grounds the criteria do not capture.",
            )
        )
    if f.smaa is not None:
        row = f.smaa.acceptability.get(f.first.model.id)
        if row and row[0] < 0.5:
            out.append(
                (
                    Strong("A close call."),
                    f" {name} ranks first in only {pfloat(row[0])} of the weightings; "
                    "check the priorities that drive the result.",
                )
            )
    if f.group is not None:
        widest = next((c for c in f.group.agreement.criteria if c.range > 0), None)
        if widest is not None:
            low, high = min(widest.effective_weights.values()), max(widest.effective_weights.values())
            out.append(
                (
                    Strong("Where stakeholders differ most."),
                    f" {f.label(widest.criterion)}: effective weights from {percent(low)} to {percent(high)}; "
                    "agree how much it should count.",
                )
            )
    defaulted = [cw.criterion.label for cw in f.result.criteria if cw.defaulted]
    how = f.result.priorities.weighting
    if defaulted and how in ("swing", "ranking"):
        what = "given no swing points" if how == "swing" else "left out of the ranking"
        out.append(
            (
                Strong("Criteria left out."),
                f" {_join(defaulted)} were {what}, so they weigh nothing; confirm that is right.",
            )
        )
    elif defaulted:
        whom = " by any stakeholder" if f.group is not None else ""
        out.append(
            (
                Strong("Unstated priorities."),
                f" {_join(defaulted)} kept the default importance (not stated{whom}); confirm that is right.",
            )
        )
    return out


# -- the evidence -----------------------------------------------------------------------------


def _scores(f: _Facts) -> Section:
    crit = [cw.criterion for cw in f.result.criteria]
    used = [c for c in crit if any(r.contributions[c.id] > 0 for r in f.shown)]
    places = score_places([r.score for r in f.shown])  # different scores never look tied
    chart = Chart(
        title="Scores, stacked by what each criterion contributes",
        alt=(
            f"{f.first.model.name} scores {fixed(f.first.score)} out of 100"
            + (f", {f.runner_up.model.name} {fixed(f.runner_up.score)}" if f.runner_up else "")
            + "; each bar is split into the points each criterion adds."
        ),
        plot=Bars(
            rows=tuple(r.model.name for r in f.shown),
            segments=tuple(c.label for c in used),
            values=tuple(tuple(float(r.contributions[c.id]) for c in used) for r in f.shown),
            axis="Score (0-100)",
            limit=100.0,
            totals=tuple(fixed(r.score, places) for r in f.shown),
        ),
        key="scores",
    )
    method = (
        "Group score: the stakeholders' scores (0-100) averaged with their weights."
        if f.group is not None
        else "Score: 100 x the weighted sum of the model's ratings turned into utilities (1 = best)."
    )
    blocks: list[Block] = [chart, Paragraph((method + " Models with exactly equal scores share a rank.",))]
    rows = tuple((rank_label(r.rank, r.tied), r.model.name, fixed(r.score, places)) for r in f.shown)
    blocks.append(Table(("Rank", "Model", "Score"), rows, numeric=(0, 2)))
    if any(r.tied for r in f.shown):
        blocks.append(Paragraph(("= tied: exactly equal scores, listed in the models file's order.",)))
    total = len(f.result.ranking)
    if len(f.shown) < total:
        blocks.append(
            Paragraph((f"Showing the top {len(f.shown)} of {total} ranked models (ties with the last one included).",))
        )
    if f.result.excluded:
        blocks.append(Paragraph(("Not ranked:",)))
        blocks.append(Items(tuple((Strong(e.model.name), f": {e.reason}") for e in f.result.excluded)))
    blocks.extend(_why(f))
    return Section("Scores", "scores", tuple(blocks))


def _why(f: _Facts) -> list[Block]:
    first, runner = f.first, f.runner_up
    if runner is None:
        return []
    diffs = _lead_by_criterion(f)
    rows: list[tuple[Cell, ...]] = []
    for cid, diff in diffs:
        rows.append(
            (
                f.label(cid),
                percent(next(cw.weight for cw in f.result.criteria if cw.criterion.id == cid)),
                percent(f.effective.get(cid, Fraction(0))),
                first.ratings.get(cid, ""),
                fixed(first.contributions[cid]),
                runner.ratings.get(cid, ""),
                fixed(runner.contributions[cid]),
                signed(diff),
            )
        )
    rows.append(
        (
            Strong("Total"),
            "",
            "",
            "",
            Strong(fixed(first.score)),
            "",
            Strong(fixed(runner.score)),
            Strong(signed(first.score - runner.score)),
        )
    )
    headers = (
        "Criterion",
        "Weight",
        "Effective weight",
        f"{first.model.name}: rating",
        f"{first.model.name}: points",
        f"{runner.model.name}: rating",
        f"{runner.model.name}: points",
        "Difference",
    )
    return [
        Heading(f"Why {first.model.name} leads {runner.model.name}"),
        Paragraph(
            (
                "Points each criterion adds to the score. The effective weight is the share of the possible score "
                "differences a criterion controls: its weight times how much the models differ on it.",
            )
        ),
        Table(headers, tuple(rows), numeric=(1, 2, 4, 6, 7)),
    ]


def _firmness(f: _Facts) -> Section:
    smaa = f.smaa
    if smaa is None:
        return Section("How firm the ranking is", "firmness", (Paragraph(("Not computed.",)),))
    ids = [r.model.id for r in f.result.ranking if r.model.id in smaa.acceptability]
    width = max((len(smaa.acceptability[m]) for m in ids), default=0)
    shown = min(width, 4)
    values = []
    for mid in ids:
        row = smaa.acceptability[mid]
        head = [100 * p for p in row[:shown]]
        values.append((*head, 100 * sum(row[shown:])))
    segments = [f"Rank {k}" for k in range(1, shown + 1)]
    if width > shown:
        segments.append(f"Rank {shown + 1} or lower")
    else:
        values = [v[:-1] for v in values]
    chart = Chart(
        title="How often each model takes each rank",
        alt=(
            f"Out of {smaa.samples:,} weightings, {f.first.model.name} is first in "
            f"{pfloat(smaa.acceptability[f.first.model.id][0] if f.first.model.id in smaa.acceptability else 0.0)}."
        ),
        plot=Bars(
            rows=tuple(f.name(m) for m in ids),
            segments=tuple(segments),
            values=tuple(tuple(v) for v in values),
            axis="Share of the sampled weightings (%)",
            limit=100.0,
            # a chance under 0.5% is not "0% first", which reads as "cannot"
            totals=tuple(
                ("<1%" if 0 < smaa.acceptability[m][0] < 0.005 else pfloat(smaa.acceptability[m][0], 0)) + " first"
                for m in ids
            ),
            sequential=True,
        ),
        key="firmness",
    )
    error = f"Monte Carlo error: ±{100 * smaa.error:.1f} points (95%)" + (
        "; more --samples would make these figures steadier." if smaa.warn else "."
    )
    notes: list[Block] = [
        Paragraph(
            (
                f"Rank probabilities from {smaa.samples:,} random weightings (seed {smaa.seed}): "
                f"{weight_space(smaa, group=f.group is not None)}. {error} Confidence: how often a model comes first "
                "when its own central "
                "weights are used and only the ranged ratings vary.",
            )
        )
    ]
    for same in smaa.identical:
        notes.append(
            Paragraph(
                (
                    f"{_join([f.name(m) for m in same])} have identical ratings: together they come first in "
                    f"{pfloat(smaa.combined_first(same))} of the weightings.",
                )
            )
        )
    blocks: list[Block] = [
        chart,
        *notes,
        Table(
            ("Model", *[f"Rank {k}" for k in range(1, width + 1)], "Confidence"),
            tuple(
                (
                    f.name(m),
                    *[pfloat(p) for p in smaa.acceptability[m]],
                    "-" if smaa.confidence.get(m) is None else pfloat(smaa.confidence[m] or 0.0),
                )
                for m in ids
            ),
            numeric=tuple(range(1, width + 2)),
        ),
    ]
    central = [(m, smaa.central_weights.get(m)) for m in ids]
    central_rows = [(m, cw) for m, cw in central if cw]
    if central_rows:
        cids = [c.id for c in f.catalog.criteria]
        blocks += [
            Paragraph(
                (
                    "Central weights: the average weights in the weightings where each model comes first "
                    "(what you would have to believe for it to win).",
                )
            ),
            Table(
                ("Model", *[f.label(c) for c in cids]),
                tuple((f.name(m), *[pfloat(cw[c]) if c in cw else "" for c in cids]) for m, cw in central_rows),
                numeric=tuple(range(1, len(cids) + 1)),
            ),
        ]
    return Section("How firm the ranking is", "firmness", tuple(blocks))


def _can_win(f: _Facts) -> Section:
    """Per model: can it come first at all (stated order, any weights), and who dominates it."""
    found = f.analysis.potential
    if not found:
        return Section("What can win at all", "can-win", (Paragraph(("Not computed.",)),))
    from mcstrat.report.formats import potential_cell, potential_data

    data = potential_data({m: dict(spaces) for m, spaces in found.items()})
    dominated = f.dominated
    rows = []
    for r in f.result.ranking:
        spaces = data.get(r.model.id)
        if spaces is None:
            continue
        by = _join([f.name(d) for d in dominated.get(r.model.id, [])]) or "-"
        rows.append((r.model.name, by, potential_cell(spaces["order"]), potential_cell(spaces["free"])))
    blocks: tuple[Block, ...] = (
        Paragraph(
            (
                "Whether each model can come first under some weights that keep the order of the stated priorities, "
                "and under any weights at all, with its largest possible lead (checked exactly); and the models "
                "dominated by another (as good on every weighted criterion, better on one).",
            )
        ),
        Table(("Model", "Dominated by", "Can be first (stated order)", "Can be first (any weights)"), tuple(rows)),
    )
    return Section("What can win at all", "can-win", blocks)


def _changes(f: _Facts) -> Section:
    stab = f.stability
    if stab is None:
        return Section("What would change it", "changes", (Paragraph(("Stability not computed.",)),))
    known = [c.id for c in f.catalog.criteria if c.id in stab]
    shares = any(stab[c].scale == "weight" for c in known)
    name = f.first.model.name
    if shares:  # a group: shares of the group's weight, shown as percentages
        scale, limit, factor = "share of the group's weight, %", 100.0, 100.0
        moved = "the other weights rescaled in proportion"

        def value(x: Fraction) -> str:
            return percent(x)
    else:
        scale, limit, factor = "importance, 0-5", 5.0, 1.0
        moved = "the other importances held as stated; a bound above 5 is beyond the scale"

        def value(x: Fraction) -> str:
            return importance(x) + (" (beyond the scale)" if x > 5 else "")

    chart = Chart(
        title=f"Where {name} stays first, criterion by criterion",
        alt=(
            f"For each criterion, the band of its {scale.split(',')[0]} within which {name} stays first, "
            "the value now marked; outside a band another model comes first."
        ),
        plot=Intervals(
            rows=tuple(f.label(c) for c in known),
            lows=tuple(factor * float(stab[c].low) for c in known),
            highs=tuple(None if stab[c].high is None else factor * float(stab[c].high) for c in known),  # type: ignore[arg-type]
            stated=tuple(factor * float(stab[c].importance) for c in known),
            limit=limit,
            axis=scale[0].upper() + scale[1:],
        ),
        key="stability",
    )
    rows = []
    for cid in known:
        iv = stab[cid]
        rows.append(
            (
                f.label(cid),
                value(iv.importance),
                value(iv.low),
                "no limit" if iv.high is None else value(iv.high),
                f.name(iv.below) if iv.below else "-",
                f.name(iv.above) if iv.above else "-",
            )
        )
    what = "Share of weight" if shares else "Importance"
    blocks: list[Block] = [
        chart,
        Paragraph(
            (
                f"For each criterion, the range of its {scale.split(',')[0]} within which {name} stays first "
                f"({moved}), and the model that comes first just outside it (- where no other model takes over).",
            )
        ),
        Table(
            ("Criterion", what, "Stays first from", "Up to", "First below", "First above"),
            tuple(rows),
            numeric=(1, 2, 3),
        ),
    ]
    return Section("What would change it", "changes", tuple(blocks))


def _utility_grid(f: _Facts) -> tuple[list[list[float | None]], list[list[str]]]:
    values: list[list[float | None]] = []
    texts: list[list[str]] = []
    for r in f.shown:
        values.append(
            [
                float(r.utilities[cw.criterion.id])
                if cw.weight > 0 or cw.criterion.direction != "target" or cw.target
                else None
                for cw in f.result.criteria
            ]
        )
        texts.append([r.ratings.get(cw.criterion.id, "") for cw in f.result.criteria])
    return values, texts


def _ratings(f: _Facts) -> Section:
    values, texts = _utility_grid(f)
    crit = [cw.criterion for cw in f.result.criteria]
    chart = Chart(
        title="The models' ratings",
        alt="Each model's rating on each criterion, coloured from worst (light) to best (dark) for these priorities.",
        plot=Grid(
            rows=tuple(r.model.name for r in f.shown),
            columns=tuple(c.label for c in crit),
            values=tuple(tuple(v) for v in values),
            texts=tuple(tuple(t) for t in texts),
            legend="Utility: 0 worst, 1 best",
        ),
        key="ratings",
    )
    better = tuple(f"{c.label} ({_BETTER[c.direction]})" for c in crit)
    rows = tuple((r.model.name, *[r.ratings.get(c.id, "") for c in crit]) for r in f.shown)
    blocks: list[Block] = [
        chart,
        Paragraph(("Ratings from the source table; in brackets, which end of each scale is better.",)),
        Table(("Model", *better), rows),
    ]
    return Section("Ratings", "ratings", tuple(blocks))


def _stakeholders(f: _Facts, group: GroupResult) -> Section:
    views = [{r.model.id: r for r in view.result.ranking} for view in group.stakeholders]
    count = len(f.result.ranking)
    values: list[tuple[float | None, ...]] = []
    texts: list[tuple[str, ...]] = []
    for r in f.shown:
        ranks = [(r.rank, r.tied)]
        for lookup in views:
            own = lookup.get(r.model.id)
            ranks.append((own.rank, own.tied) if own else (0, False))
        values.append(tuple(None if k == 0 else 1 - (k - 1) / max(count - 1, 1) for k, _ in ranks))
        texts.append(tuple("-" if k == 0 else rank_label(k, t) for k, t in ranks))
    chart = Chart(
        title="Each stakeholder's ranking",
        alt=(
            f"The rank each stakeholder gives each model, beside the group's; "
            f"{f.first.model.name} is first for the group."
        ),
        plot=Grid(
            rows=tuple(r.model.name for r in f.shown),
            columns=("Group", *[v.name for v in group.stakeholders]),
            values=tuple(values),
            texts=tuple(texts),
            legend="Rank: dark = first",
        ),
        key="stakeholders",
    )
    group_top = f.result.top
    rows: list[tuple[Cell, ...]] = []
    for view in group.stakeholders:
        own = next((r for r in view.result.ranking if r.model.id == f.first.model.id), None)
        rows.append(
            (
                view.name,
                percent(view.share),
                _join([f.name(m) for m in view.top]) + (" (tied)" if len(view.top) > 1 else ""),
                rank_label(own.rank, own.tied) if own else "-",
                *[fixed(view.group_top_scores[r.model.id]) for r in group_top],
            )
        )
    headers = (
        "Stakeholder",
        "Weight",
        "Their top model",
        f"Their rank of {f.first.model.name}",
        *[f"Their score for {r.model.name}" for r in group_top],
    )
    blocks: list[Block] = [chart, Table(headers, tuple(rows), numeric=(1, 3, *range(4, 4 + len(group_top))))]
    ranking_rows = []
    for r in f.shown:
        cells = [f"{rank_label(r.rank, r.tied)} ({fixed(r.score)})"]
        for lookup in views:
            own = lookup.get(r.model.id)
            cells.append(f"{rank_label(own.rank, own.tied)} ({fixed(own.score)})" if own else "-")
        ranking_rows.append((r.model.name, *cells))
    names = [v.name for v in group.stakeholders]
    blocks += [
        Heading("Each stakeholder's ranking"),
        Paragraph(("Rank (score) of each model, over the models the group ranks; = marks a tie.",)),
        Table(("Model", "Group", *names), tuple(ranking_rows), numeric=tuple(range(1, len(names) + 2))),
        Heading("Agreement"),
    ]
    agreement = group.agreement
    if agreement.summary is not None:
        summary = agreement.summary
        mean = "undefined" if agreement.mean_tau is None else f"{agreement.mean_tau:.2f}"
        least = "undefined" if summary.min_tau is None else f"{summary.min_tau:.2f}"
        blocks.append(
            Paragraph(
                (
                    "How alike each pair of stakeholders orders the models (Kendall's tau-b: 1 = the same order, "
                    f"-1 = the reverse order), summarised over {summary.count:,} pairs ({summary.undefined:,} "
                    f"undefined): mean {mean}, lowest {least}.",
                )
            )
        )
        for title, chosen in (
            ("Most agreeing pairs", summary.most_agreeing),
            ("Least agreeing pairs", summary.least_agreeing),
        ):
            pair_rows = tuple((p.a, p.b, f"{p.tau or 0.0:.2f}") for p in chosen)
            blocks += [
                Paragraph((f"{title}:",)),
                Table(("Stakeholder", "Stakeholder", "Tau-b"), pair_rows, numeric=(2,)),
            ]
    elif not agreement.pairs:
        blocks.append(Paragraph(("Only one stakeholder: there is no one to agree or disagree with.",)))
    else:
        mean = "undefined" if agreement.mean_tau is None else f"{agreement.mean_tau:.2f}"
        blocks += [
            Paragraph(
                (
                    "How alike each pair of stakeholders orders the models (Kendall's tau-b): 1 = the same order, "
                    "-1 = the reverse order, 0 = unrelated; undefined when a stakeholder scores every model the same. "
                    f"Mean: {mean}.",
                )
            ),
            Table(
                ("Stakeholder", "Stakeholder", "Tau-b"),
                tuple((p.a, p.b, "undefined" if p.tau is None else f"{p.tau:.2f}") for p in agreement.pairs),
                numeric=(2,),
            ),
        ]
    differing = [c for c in agreement.criteria if c.range > 0]
    blocks.append(Heading("Criteria with most disagreement"))
    if not differing:
        blocks.append(Paragraph(("Every stakeholder gives each criterion the same effective weight.",)))
    elif len(group.stakeholders) > PAIRS_LISTED_UP_TO:
        wide_rows = []
        for c in differing:
            low = min(c.effective_weights, key=lambda n: c.effective_weights[n])
            high = max(c.effective_weights, key=lambda n: c.effective_weights[n])
            wide_rows.append(
                (
                    f.label(c.criterion),
                    f"{percent(c.effective_weights[low])} ({low})",
                    f"{percent(c.effective_weights[high])} ({high})",
                    percent(c.range),
                )
            )
        blocks += [
            Paragraph(("Effective weights, widest range first: the lowest and the highest stakeholder.",)),
            Table(("Criterion", "Lowest", "Highest", "Range"), tuple(wide_rows), numeric=(1, 2, 3)),
        ]
    else:
        blocks += [
            Paragraph(
                (
                    "Effective weights (what each stakeholder's priorities make each criterion weigh), "
                    "widest range first.",
                )
            ),
            Table(
                ("Criterion", *names, "Range"),
                tuple(
                    (f.label(c.criterion), *[percent(c.effective_weights[n]) for n in names], percent(c.range))
                    for c in differing
                ),
                numeric=tuple(range(1, len(names) + 2)),
            ),
        ]
    return Section("Stakeholders", "stakeholders", tuple(blocks))


def _stated(cw: CriterionWeight, weighting: str) -> str:
    """What a person stated for a criterion: an importance, swing points or a ROC weight."""
    if weighting == "swing" and cw.stated is not None:
        return f"{importance(cw.stated)} pts"
    if weighting == "ranking" and cw.stated is not None:
        return f"ROC {percent(cw.stated)}"
    return importance(cw.importance)


def _weight_notes(result: RankResult) -> Paragraph:
    """What effective weight means, and where its order differs from the stated one."""
    from mcstrat.core.weighting import EFFECTIVE_NOTE, UNNAMED_NOTE, order_differs, order_note

    labels = {cw.criterion.id: cw.criterion.label for cw in result.criteria}
    how = result.priorities.weighting
    notes = [EFFECTIVE_NOTE]
    if how == "importance":
        stated = {cw.criterion.id: cw.importance for cw in result.criteria}
        effective = {cw.criterion.id: cw.effective for cw in result.criteria}
        notes += [order_note(labels.get(a, a), labels.get(b, b)) for a, b in order_differs(stated, effective)]
    elif any(cw.defaulted for cw in result.criteria):
        notes.append(UNNAMED_NOTE.format(what="swing points" if how == "swing" else "ranking"))
    return Paragraph((" ".join(notes),))


def _priorities(f: _Facts) -> Section:
    group = f.group
    blocks: list[Block] = []
    if group is None:
        prio = f.result.priorities
        how = prio.weighting
        rows = tuple(
            (
                cw.criterion.label,
                _BETTER[cw.criterion.direction],
                _stated(cw, how),
                percent(cw.weight),
                percent(cw.effective),
                "yes" if cw.defaulted else "no",
            )
            for cw in f.result.criteria
        )
        stated = {"swing": "Swing points (0-100)", "ranking": "ROC weight"}.get(how, "Importance (0-5)")
        unstated = "Default?" if how == "importance" else "Not named?"
        headers = ("Criterion", "Better", stated, "Weight", "Effective weight", unstated)
        blocks += [Table(headers, rows, numeric=(2, 3, 4)), _weight_notes(f.result)]
        items: list[Inline] = []
        for cw in f.result.criteria:
            if cw.criterion.direction == "target":
                items.append((f"Target {cw.criterion.label.lower()}: {cw.target or 'none'}",))
        items.append((f"Ranged ratings (such as LOW/MED) scored: {prio.ranges}",))
        items.append((f"Excluded on request: {', '.join(prio.exclude) or 'none'}",))
        items.append((f"Limits: {', '.join(c.text for c in prio.require) or 'none'}",))
        blocks.append(Items(tuple(items)))
    else:
        names = [v.name for v in group.stakeholders]
        rows2 = []
        for j, cw in enumerate(f.result.criteria):
            own = []
            for view in group.stakeholders:
                theirs = view.result.criteria[j]
                shown = _stated(theirs, view.result.priorities.weighting)
                own.append(f"{percent(theirs.effective)} ({shown}{', default' if theirs.defaulted else ''})")
            rows2.append(
                (cw.criterion.label, *own, importance(cw.importance), percent(cw.weight), percent(cw.effective))
            )
        blocks.append(
            Table(
                ("Criterion", *names, "Group importance", "Group weight", "Group effective weight"),
                tuple(rows2),
                numeric=tuple(range(1, len(names) + 4)),
            )
        )
        blocks.append(
            Paragraph(
                (
                    "Each stakeholder's cell is their effective weight (the share of the possible score differences "
                    "the criterion controls for them), then what they stated: an importance (0-5), swing points "
                    '(pts) or a rank-order-centroid weight (ROC); "default" marks one they did not state. '
                    "The group importance and weight are the stakeholders' weighted means.",
                )
            )
        )
        blocks.append(_weight_notes(f.result))
        targets = [cw for cw in f.result.criteria if cw.criterion.direction == "target"]
        settings = (
            "Stakeholder",
            "Weight",
            *[f"Target {cw.criterion.label.lower()}" for cw in targets],
            "Ranges",
            "Excludes",
            "Limits",
        )
        rows3 = []
        for view in group.stakeholders:
            prio = view.result.priorities
            rows3.append(
                (
                    view.name,
                    f"{importance(view.weight)} ({percent(view.share)})",
                    *[c.target or "none" for c in view.result.criteria if c.criterion.direction == "target"],
                    prio.ranges,
                    ", ".join(prio.exclude) or "none",
                    ", ".join(c.text for c in prio.require) or "none",
                )
            )
        blocks += [Heading("Stakeholders' settings"), Table(settings, tuple(rows3), numeric=(1,))]
    return Section("Priorities", "priorities", tuple(blocks))


def _profiles(f: _Facts) -> Section:
    ranks = {1} | ({f.runner_up.rank} if f.runner_up else set())
    blocks: list[Block] = [Paragraph(("As summarised in the source table.",))]
    for r in f.shown:
        if r.rank not in ranks:
            continue
        blocks += [
            Heading(f"{r.model.name} (rank {r.rank}, score {fixed(r.score)})"),
            Items(
                (
                    (Strong("Strengths:"), " " + _flat(r.model.strengths)),
                    (Strong("Weaknesses:"), " " + _flat(r.model.weaknesses)),
                )
            ),
        ]
    return Section("Strengths and weaknesses of the top models", "profiles", tuple(blocks))


def _appendix(f: _Facts, inputs: Sequence[tuple[str, str]] | None = None) -> Section:
    blocks: list[Block] = []
    files = f.analysis.inputs if inputs is None else inputs
    if files:
        blocks.append(
            Table(("Answers file", "SHA-256"), tuple((path, digest) for path, digest in files), breakable=True)
        )
    else:
        blocks.append(Paragraph(("No answers file: the priorities were given as command-line options or answers.",)))
    if f.smaa is not None:
        blocks.append(
            Paragraph(
                (
                    f"Firmness: {f.smaa.samples:,} samples, seed {f.smaa.seed}, weight space {f.smaa.weight_space}"
                    + (f" (spread ±{f.smaa.spread:g})" if f.smaa.spread is not None else "")
                    + (", ordinal scales" if f.smaa.ordinal else "")
                    + ". The same inputs and seed give the same numbers (for a given numpy release).",
                )
            )
        )
    blocks.extend(source_blocks(f.catalog, f.analysis.models_input))
    return Section("Appendix: inputs and provenance", "appendix", tuple(blocks))


def source_blocks(catalog: Catalog, models_input: tuple[str, str] | None = None) -> list[Block]:
    """Where the models and ratings come from (a custom models file named, with its hash), and the licence."""
    out: list[Block] = []
    if models_input is not None:
        path, digest = models_input
        out += [
            Table(("Models file", "SHA-256"), ((path, digest),), breakable=True),
            Paragraph(
                (
                    f"Models file: {path}, not the built-in Table 2 of Brown, McGreal & Peters (2023); where that "
                    "file cites a source, its ratings are adapted from it, not rated by its authors.",
                )
            ),
        ]
    src = catalog.source
    if src is None:
        return [
            *out,
            Paragraph(
                (
                    "The models file used has no source section, so the origin of its models, ratings, strengths and "
                    "weaknesses is not recorded. Its criterion directions (which end of each scale is better) are "
                    "those the file states.",
                )
            ),
        ]
    url = src.url or (f"https://doi.org/{src.doi}" if src.doi else None)
    whose = "Business models, ratings, strengths and weaknesses" if models_input is None else "Adapted from"
    out += [
        Paragraph(
            (
                f"{whose}: {_flat(src.citation)}",
                *((" ", Link(url, url)) if url else ()),
            )
        )
    ]
    table = [_flat(src.table)] if src.table else []
    # the built-in table's title already says "(adapted from Presant, 2020)": say it once
    if src.adapted_from and not (src.table and "adapted from" in src.table.lower()):
        table.append(f"The table is adapted from {_flat(src.adapted_from)}.")
    if table:
        out.append(Paragraph((" ".join(table),)))
    licence: Inline = (f"Licence: {src.licence}",)
    if src.licence_url:
        licence += (" (", Link(src.licence_url, src.licence_url), ")")
    out.append(Paragraph((*licence, "." + (f" Changes: {_flat(src.changes)}" if src.changes else ""))))
    out.append(
        Paragraph(
            (
                "The criterion directions (which end of each scale is better), meanings and questions are mcstrat's "
                "interpretation, not the authors'.",
            )
        )
    )
    return out


# -- the comparison record --------------------------------------------------------------------


def comparison_record(
    found: Comparison,
    catalog: Catalog,
    *,
    date: str,
    version: str | None = None,
    inputs: Sequence[tuple[str, str]] = (),
    models_input: tuple[str, str] | None = None,
) -> Document:
    """A side-by-side record of `compare`: the same style as the decision record."""
    models = found.models
    names = [m.name for m in models]
    byline = [f"Date: {date}"]
    if found.priorities is not None and found.priorities.name:
        byline.append(f"For: {found.priorities.name}")
    if version:
        byline.append(f"Prepared with mcstrat {version}")
    summary: list[Block] = []
    if found.scores is not None:
        order = sorted(models, key=lambda m: -found.scores[m.id])  # type: ignore[index]
        best, rest = order[0], order[1:]
        top = found.scores[best.id]
        places = gap_places(top, *(found.scores[m.id] for m in rest))
        gaps = [
            f"{m.name} {fixed(found.scores[m.id], places)} ({fixed(top - found.scores[m.id], places)} points behind)"
            for m in rest
        ]
        if found.scores[best.id] == found.scores[rest[0].id]:
            lead: Inline = (Strong("No single leader."), f" {best.name} and {rest[0].name} score exactly the same.")
        else:
            lead = (
                Strong(f"{best.name} leads with {fixed(top, places)} out of 100"),
                f" against the stated priorities; {_join(gaps)}.",
            )
        summary.append(Paragraph(lead))
    else:
        summary.append(
            Paragraph(
                (
                    Strong(f"Comparing {_join(names)}."),
                    " No priorities were given, so there are no scores; who is better follows each criterion's "
                    "direction alone.",
                )
            )
        )
    wins = {m.id: [row.criterion.label for row in found.criteria if row.better == (m.id,)] for m in models}
    summary.append(
        Items(
            tuple(
                (
                    Strong(m.name),
                    ": better on " + (_join(wins[m.id]) if wins[m.id] else "no criterion on its own") + ".",
                )
                for m in models
            )
        )
    )
    if found.excluded:
        summary.append(
            Paragraph(
                (
                    Strong("Outside the stated limits:"),
                    " " + "; ".join(f"{e.model.name}: {e.reason}" for e in found.excluded),
                )
            )
        )
    sections = [Section("Summary", "summary", tuple(summary), summary=True)]

    evidence: list[Block] = []
    if found.scores is not None:
        used = [row for row in found.criteria if row.points and any(row.points[m.id] > 0 for m in models)]
        evidence.append(
            Chart(
                title="Scores, stacked by what each criterion contributes",
                alt="Each model's score out of 100, split into the points each criterion adds.",
                plot=Bars(
                    rows=tuple(names),
                    segments=tuple(row.criterion.label for row in used),
                    values=tuple(tuple(float(row.points[m.id]) for row in used) for m in models),  # type: ignore[index]
                    axis="Score (0-100)",
                    limit=100.0,
                    totals=tuple(fixed(found.scores[m.id]) for m in models),
                ),
                key="scores",
            )
        )
    evidence.append(
        Chart(
            title="The models' ratings side by side",
            alt="Each model's rating on each criterion, coloured from worst (light) to best (dark).",
            plot=Grid(
                rows=tuple(names),
                columns=tuple(row.criterion.label for row in found.criteria),
                values=tuple(
                    tuple(None if row.utilities is None else float(row.utilities[m.id]) for row in found.criteria)
                    for m in models
                ),
                texts=tuple(tuple(row.ratings[m.id] for row in found.criteria) for m in models),
                legend="Utility: 0 worst, 1 best"
                # the note only where a cell is left uncoloured (a target criterion with no target given)
                + (" (uncoloured: needs a target)" if any(row.utilities is None for row in found.criteria) else ""),
            ),
            key="ratings",
        )
    )
    rows: list[tuple[Cell, ...]] = []
    for row in found.criteria:
        cells: list[Cell] = [f"{row.criterion.label} ({_BETTER[row.criterion.direction]})"]
        for m in models:
            text = row.ratings[m.id]
            if row.points is not None:
                text += f" ({fixed(row.points[m.id])})"
            cells.append(Strong(text) if m.id in row.better else text)
        rows.append(tuple(cells))
    if found.scores is not None:
        rows.append((Strong("Score"), *[Strong(fixed(found.scores[m.id])) for m in models]))
    evidence.append(
        Paragraph(
            (
                "Ratings side by side; the better rating on each criterion in bold"
                + ("; in brackets, the points it adds to the score." if found.scores is not None else "."),
            )
        )
    )
    evidence.append(Table(("Criterion", *names), tuple(rows)))
    sections.append(Section("Side by side", "side-by-side", tuple(evidence)))

    profiles: list[Block] = [Paragraph(("As summarised in the source table.",))]
    for m in models:
        profiles += [
            Heading(m.name),
            Items(
                (
                    (_flat(m.description),),
                    (Strong("Strengths:"), " " + _flat(m.strengths)),
                    (Strong("Weaknesses:"), " " + _flat(m.weaknesses)),
                )
            ),
        ]
    sections.append(Section("Strengths and weaknesses", "profiles", tuple(profiles)))
    appendix: list[Block] = []
    if inputs:
        appendix.append(Table(("Answers file", "SHA-256"), tuple((p, d) for p, d in inputs), breakable=True))
    appendix.extend(source_blocks(catalog, models_input))
    sections.append(Section("Appendix: inputs and provenance", "appendix", tuple(appendix)))
    return Document(COMPARISON_TITLE, " vs ".join(names), tuple(byline), tuple(sections))


# -- Markdown ---------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """TEXT through sanitize.markdown, keeping the spaces that join it to the runs beside it."""
    core = text.strip(" ")
    if not core:
        return text
    left = text[: len(text) - len(text.lstrip(" "))]
    right = text[len(text.rstrip(" ")) :]
    return left + sanitize.markdown(core) + right


def _md_run(run: Run) -> str:
    if isinstance(run, Strong):
        return f"**{_md_text(run.text)}**"
    if isinstance(run, Link):
        return sanitize.markdown_link(run.text, run.url)
    return _md_text(run)


def _md_inline(text: Inline) -> str:
    return "".join(_md_run(r) for r in text)


def _md_cell(cell: Cell) -> str:
    return _md_inline((cell,)) or " "


def _md_block(block: Block, number: int) -> str:
    if isinstance(block, Paragraph):
        return _md_inline(block.text)
    if isinstance(block, Heading):
        return f"### {sanitize.markdown(block.text)}"
    if isinstance(block, Items):
        mark = "- [ ] " if block.checklist else "- "
        return "\n".join(mark + _md_inline(item) for item in block.items)
    if isinstance(block, Table):
        rule = ["---:" if i in block.numeric else "---" for i in range(len(block.headers))]
        lines = ["| " + " | ".join(sanitize.markdown(h) for h in block.headers) + " |", "| " + " | ".join(rule) + " |"]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    return f"*Figure {number}: {sanitize.markdown(block.title)}.* {sanitize.markdown(block.alt)}"


def to_markdown(doc: Document) -> str:
    """DOC as GitHub-flavoured Markdown: every user text escaped, charts as their one-line descriptions."""
    parts = [f"# {sanitize.markdown(doc.title)}"]
    if doc.byline:
        parts.append("  \n".join(sanitize.markdown(line) for line in doc.byline))
    number = 0
    for section in doc.sections:
        parts.append(f"## {sanitize.markdown(section.title)}")
        for block in section.blocks:
            if isinstance(block, Chart):
                number += 1
            parts.append(_md_block(block, number))
    return "\n\n".join(parts) + "\n"


__all__ = [
    "SECTIONS",
    "TITLE",
    "Bars",
    "Chart",
    "Document",
    "Grid",
    "Heading",
    "Intervals",
    "Items",
    "Link",
    "Paragraph",
    "Section",
    "Strong",
    "Table",
    "comparison_record",
    "decision_record",
    "to_markdown",
]
