"""Group decisions: several stakeholders' priorities combined into one ranking, and where they disagree.

How a group ranking is made (issue 6, plus the decisions the issue leaves open):

- Exclusions are a union. A model that any stakeholder excludes, or rules out by one of their
  ``require`` constraints, is excluded for the whole group; each reason names the stakeholder,
  e.g. ``Finance: breaks risk<=LOW (rated MED)``. If nothing survives, InputError says who
  ruled out what.
- Every stakeholder's ranking is computed over the group's surviving models, with their own
  importances, target levels and ``--ranges`` mode, so the rankings are comparable.
- A model's group score is the weighted mean of the stakeholders' scores, the weights being
  ``priorities.stakeholder_weight``: the convener's weight from the group file (default 1; decide sets
  it, and refuses a member's own ``stakeholder_weight``), computed exactly with Fractions. Group ranks are
  shared by exact ties (1, 2, 2, 4); tied models keep the models file's order.
- The group's ``contributions`` of a criterion are the weighted mean of the stakeholders'
  contributions, so they still sum to the group score. A criterion's group ``weight`` is the
  weighted mean of the stakeholders' normalised weights, so the weights sum to 1; its group
  ``importance`` is the weighted mean of their stated importances, on the same 0..5 scale (not
  proportional to the group weight in general, as each stakeholder's importances are normalised
  first). A group ``utility`` is the mean of the stakeholders' utilities weighted by each one's
  share x their weight on the criterion, so contribution = 100 x weight x utility holds exactly
  for the group too, and a stakeholder who ignores a criterion has no say in its utility. When
  no one weighs a criterion, its utility is the share-weighted mean. Utilities differ between
  stakeholders only through their target levels and ranges modes; when those agree, the group's
  utilities are everyone's.
  A criterion is ``defaulted`` for the group only if every stakeholder left it at the default.
  Its ``target`` is the stakeholders' shared target level, or their different levels joined by
  ", " in scale order (e.g. "H1, H2") when they differ.
- The group RankResult's ``priorities`` is synthesised to describe the group honestly, not to
  be ranked again: importances are the group importances, ``targets`` holds only target levels
  every stakeholder who states one agrees on, ``exclude`` and ``require`` are the union of the
  stakeholders' (in first-seen order), ``name`` lists the stakeholders, and ``ranges`` is the
  shared mode, or ``"mixed"`` when stakeholders differ (each stakeholder's own mode is on their view).
- Agreement is Kendall's tau-b between each pair of stakeholders' scores over the surviving
  models (ties handled as tau-b does); a pair is ``None`` when it is undefined (one
  stakeholder scores every surviving model the same, or only one model survives). The mean is
  the plain mean over the defined pairs, ``None`` when there are none (a group of one).
- Disagreement on criteria compares effective weights (weighting.py: what each person's
  priorities make a criterion weigh given how much the models differ on it), not stated
  importances: everything at 5 and everything at 1 are the same weights, so no dispute. The
  range (max - min) per criterion, sorted by range, widest first, then criteria order.
- Pairs are listed up to PAIRS_LISTED_UP_TO (20) stakeholders; a larger group gets a
  PairsSummary instead (count, undefined, min tau and the PAIRS_IN_SUMMARY most and least
  agreeing pairs), so output stays bounded; the mean is over every defined pair either way.
- The group's effective weight of c is sum_s share_s w_sc r_sc, normalised over criteria (the
  share of the group score's possible differences c controls); its range is that sum divided
  by the group weight (the share-weighted mean of ranges when no one weighs c).
- Stakeholder names must be unique: they key the agreement pairs and the JSON.
- ``GroupResult.stakeholder_weights`` are the stakeholders' shares, normalised to sum to 1 (the
  robustness functions give the same answer for shares or stated weights).
- Leverage (who moves the group most): a member's spread is max - min of their own scores over the
  ranked models; their leverage is share_s x spread_s / sum_t share_t x spread_t (0 for everyone when
  no one's scores differ). The leverages sum to 1: a member with more extreme views, or more weight,
  moves the group's scores more.
- Two more readings beside the weighted mean of scores (``Agreement.checks``), exact, with the same
  shares: **normalised**, each member's own scores rescaled to 0..1 over the ranked models
  ((x - min) / (max - min); a member whose scores are all equal adds 0 to every model) before the
  weighted mean, so no one counts more by having more extreme views; and **Borda**, each member's own
  ranking giving n-1 points to their first model ... 0 to their last, models they tie sharing the mean
  of their places, summed with the shares. Each reading's winner is every model with its most points;
  its ranking lists the models by points, ties in the models file's order.
- ``GroupResult.excluded_by`` names, for each model the group leaves out, the members whose own
  exclusions or limits asked for it (none when only the command line's --exclude/--require did).

JSON: ``GroupResult.to_dict(number)`` gives the two fields a group adds to a recommendation,
``stakeholders: [{name, weight (the share), leverage, weighting, top: [ids], group_top_scores: {id: score},
group_top_ranks: {id: rank}, ranking: [{rank, id, score, tied}]}]`` and ``agreement: {pairs:
[{a, b, tau}], mean_tau, criteria: [{criterion, effective_weights: {name: e}, range,
importances: {name: importance}}], checks: {normalised: {winner, ranking}, borda: {winner, ranking}}}``
(plus ``pairs_summary`` for a large group); NUMBER turns
a Fraction into a JSON number (pass the one the single-ranking JSON uses, so both print
numbers alike).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mcstrat.analyses.aggregate import exact_work
from mcstrat.analyses.ranking import (
    CriterionWeight,
    Exclusion,
    Problem,
    RankResult,
    Row,
    Shared,
    excluded_by,
    exclusions,
    order,
    problem,
    rank,
    weights,
)
from mcstrat.core.catalog import Catalog, Model
from mcstrat.core.priorities import Constraint, Priorities
from mcstrat.core.vocabulary import RangeMode, Weighting
from mcstrat.errors import InputError, McstratError
from mcstrat.sanitize import quoted

Number = Callable[[Fraction], Any]


@dataclass(frozen=True)
class Stakeholder:
    """One member of the deciding group and their priorities."""

    name: str  # the answers file's `name`, else the file name (the CLI decides)
    priorities: Priorities  # priorities.stakeholder_weight is their weight (default 1)
    source: str | None = None  # file path, for the report


@dataclass(frozen=True)
class StakeholderView:
    """One stakeholder's own ranking of the group's surviving models."""

    name: str
    weight: Fraction  # as stated (stakeholder_weight)
    share: Fraction  # weight / total weight: their share of every group score
    source: str | None
    result: RankResult  # their ranking over the group's surviving models; `excluded` is the group's
    top: tuple[str, ...]  # ids of the models at their rank 1
    group_top_scores: dict[str, Fraction]  # their score for each model at the group's rank 1
    group_top_ranks: dict[str, int] = dataclasses.field(default_factory=dict)  # their rank of each of those
    leverage: Fraction = Fraction(0)  # share x spread of their scores, as a share of everyone's: who moves the group

    def to_dict(self, number: Number = float) -> dict[str, Any]:
        """{name, weight (normalised), leverage, weighting, top, group_top_scores, group_top_ranks, ranking}."""
        return {
            "name": self.name,
            "weight": number(self.share),
            "leverage": number(self.leverage),
            "weighting": self.result.priorities.weighting,
            "top": list(self.top),
            "group_top_scores": {mid: number(score) for mid, score in self.group_top_scores.items()},
            "group_top_ranks": dict(self.group_top_ranks),
            "ranking": [
                {"rank": r.rank, "id": r.model.id, "score": number(r.score), "tied": r.tied}
                for r in self.result.ranking
            ],
        }


@dataclass(frozen=True)
class PairAgreement:
    """Kendall's tau-b between two stakeholders' scores (None when undefined)."""

    a: str
    b: str
    tau: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "tau": self.tau}


@dataclass(frozen=True)
class CriterionSpread:
    """How far apart the stakeholders' effective weights of one criterion are (weighting.py)."""

    criterion: str  # criterion id
    importances: dict[str, Fraction]  # stakeholder name -> importance (as stated, or set from swing/ranking)
    range: Fraction  # max - min of the effective weights
    effective_weights: dict[str, Fraction] = dataclasses.field(default_factory=dict)  # name -> e_c

    def to_dict(self, number: Number = float) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "effective_weights": {name: number(value) for name, value in self.effective_weights.items()},
            "range": number(self.range),
            "importances": {name: number(value) for name, value in self.importances.items()},
        }


#: Pairs of stakeholders are listed one by one up to this many stakeholders (190 pairs); a larger
#: group gets a summary instead (PairsSummary), so output stays bounded.
PAIRS_LISTED_UP_TO = 20
#: How many of the most and of the least agreeing pairs a summary names.
PAIRS_IN_SUMMARY = 5
#: At most this many stakeholders rank together: their pairs' agreement is a stakeholders²
#: matrix, and each answers file is read and checked (about 1 ms each).
MAX_STAKEHOLDERS = 2_000
#: Exact work units a group ranking may take: one per term (stakeholder x model x criterion), about 1 s
#: per 40,000 on a laptop (1,000 stakeholders on Table 2's 8 x 8 are 64,000 and take under 2 s in all),
#: plus the size of the numbers (aggregate.exact_work).
MAX_GROUP_WORK = 200_000
#: Digit operations (aggregate.exact_work) that cost what one term does in a group ranking (measured,
#: issue 18: 300 members with importances 1/p, p of 18 digits, took 12 s).
DIGITS_PER_TERM = 160_000
#: Beyond this many stakeholders the pairs' taus are computed with numpy (loaded only then): the
#: pure-Python pairs take about 3 µs each, numpy's start-up about 0.07 s.
VECTORISED_FROM = 200


@dataclass(frozen=True)
class PairsSummary:
    """Agreement of a group too big to list every pair: count, least tau, and the extreme pairs."""

    count: int  # pairs with a defined tau
    undefined: int  # pairs whose tau is undefined
    min_tau: float | None
    most_agreeing: tuple[PairAgreement, ...]  # highest tau first (ties: stakeholder order)
    least_agreeing: tuple[PairAgreement, ...]  # lowest tau first

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "undefined": self.undefined,
            "min_tau": self.min_tau,
            "most_agreeing": [p.to_dict() for p in self.most_agreeing],
            "least_agreeing": [p.to_dict() for p in self.least_agreeing],
        }


@dataclass(frozen=True)
class Reading:
    """Another reading of the members' scores: each model's exact points under it, its winner(s) and ranking."""

    scores: dict[str, Fraction]  # model id -> points (normalised: 0..1; Borda: 0..n-1), in the models file's order
    winner: tuple[str, ...]  # the ids with the most points (all of them on a tie)
    ranking: tuple[str, ...]  # ids, most points first; equal points keep the models file's order

    @classmethod
    def of(cls, scores: dict[str, Fraction]) -> Reading:
        best = max(scores.values())
        ranking = sorted(scores, key=lambda mid: -scores[mid])  # stable: ties keep the models file's order
        return cls(scores, tuple(mid for mid in ranking if scores[mid] == best), tuple(ranking))

    def to_dict(self) -> dict[str, Any]:
        return {"winner": list(self.winner), "ranking": list(self.ranking)}


@dataclass(frozen=True)
class Checks:
    """Two more readings of the group beside its weighted mean of scores (see the module docstring)."""

    normalised: Reading  # each member's scores rescaled to 0..1 over the ranked models, then the weighted mean
    borda: Reading  # the weighted Borda count of the members' own rankings

    def to_dict(self) -> dict[str, Any]:
        return {"normalised": self.normalised.to_dict(), "borda": self.borda.to_dict()}


@dataclass(frozen=True)
class Agreement:
    """Where the stakeholders agree: rank correlation per pair, and criteria by disagreement."""

    pairs: tuple[PairAgreement, ...]  # every pair, in stakeholder order (a before b); () beyond PAIRS_LISTED_UP_TO
    mean_tau: float | None  # mean over the defined pairs
    criteria: tuple[CriterionSpread, ...]  # widest range first, then criteria order
    summary: PairsSummary | None = None  # set instead of pairs for a group of more than PAIRS_LISTED_UP_TO
    checks: Checks | None = None  # the normalised and Borda readings (group_rank always sets them)

    def to_dict(self, number: Number = float) -> dict[str, Any]:
        """{pairs: [{a, b, tau}], mean_tau, criteria: [...], checks}, plus pairs_summary for a large group."""
        out: dict[str, Any] = {
            "pairs": [p.to_dict() for p in self.pairs],
            "mean_tau": self.mean_tau,
            "criteria": [c.to_dict(number) for c in self.criteria],
        }
        if self.checks is not None:
            out["checks"] = self.checks.to_dict()
        if self.summary is not None:
            out["pairs_summary"] = self.summary.to_dict()
        return out


@dataclass(frozen=True)
class GroupResult:
    """A group's ranking (shaped as a single RankResult), each member's view, and their agreement."""

    result: RankResult  # the GROUP ranking: every renderer of a RankResult works on it
    stakeholders: tuple[StakeholderView, ...]
    agreement: Agreement
    problems: tuple[Problem, ...]  # one per stakeholder, over the group's surviving models
    stakeholder_weights: tuple[Fraction, ...]  # normalised to sum to 1, in stakeholder order
    # model id -> the members whose own exclusions or limits leave it out (in member order; () when only the
    # command line's --exclude/--require do), for every model the group leaves out
    excluded_by: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def to_dict(self, number: Number = float) -> dict[str, Any]:
        """The JSON fields a group adds to a single recommendation: stakeholders and agreement."""
        return {
            "stakeholders": [view.to_dict(number) for view in self.stakeholders],
            "agreement": self.agreement.to_dict(number),
        }


def kendall_tau_b(x: Sequence[Fraction], y: Sequence[Fraction]) -> float | None:
    """Kendall's tau-b of two paired score lists; None when undefined (a list with no untied pair)."""
    if len(x) != len(y):
        raise McstratError("kendall_tau_b needs two lists of the same length")
    n = len(x)
    concordant = discordant = tied_x = tied_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx = (x[i] > x[j]) - (x[i] < x[j])
            dy = (y[i] > y[j]) - (y[i] < y[j])
            tied_x += dx == 0
            tied_y += dy == 0
            if dx * dy > 0:
                concordant += 1
            elif dx * dy < 0:
                discordant += 1
    return _tau(concordant - discordant, n * (n - 1) // 2, tied_x, tied_y)


def _tau(difference: int, pairs: int, tied_x: int, tied_y: int) -> float | None:
    """tau-b from (concordant - discordant), the number of pairs and the ties on each side."""
    denominator = (pairs - tied_x) * (pairs - tied_y)
    if denominator == 0:
        return None
    root = math.isqrt(denominator)
    if root * root == denominator:
        # a perfect square: the exact quotient, correctly rounded
        return float(Fraction(difference, root))
    return difference / math.sqrt(denominator)


def group_rank(
    catalog: Catalog,
    stakeholders: Sequence[Stakeholder],
    *,
    exclude: tuple[str, ...] = (),
    require: tuple[Constraint, ...] = (),
    name: str | None = None,
) -> GroupResult:
    """Rank the models for a group: weighted mean of each stakeholder's scores, exclusions combined.

    EXCLUDE and REQUIRE are set for the whole group (on the command line), reported as such; NAME is the
    group's (a group file's `name`; default "group: " and the stakeholders' names).
    """
    if not stakeholders:
        raise InputError("a group decision needs at least one stakeholder; give one or more answers files")
    check_group_size(
        len(stakeholders), len(catalog.models), len(catalog.criteria), [s.priorities for s in stakeholders]
    )
    _check_names(stakeholders)
    excluded, by = _group_exclusions(catalog, stakeholders, exclude, require)
    dropped = {e.model.id for e in excluded}
    survivors = [m for m in catalog.models if m.id not in dropped]
    if not survivors:
        raise InputError(_nothing_left(excluded))

    total = sum((s.priorities.stakeholder_weight for s in stakeholders), Fraction(0))
    shares = tuple(s.priorities.stakeholder_weight / total for s in stakeholders)
    shared: Shared = {}  # the stakeholders' common ratings, spans and utilities, worked out once
    results = [_rank_over(catalog, s.priorities, survivors, tuple(excluded), shared) for s in stakeholders]

    group = _group_result(catalog, stakeholders, results, shares, survivors, tuple(excluded))
    if name is not None:
        group = group._replace(priorities=group.priorities._replace(name=name))
    lookups = [{r.model.id: r.score for r in res.ranking} for res in results]
    own_scores = [[lookup[m.id] for m in survivors] for lookup in lookups]
    leverages = leverage(own_scores, shares)
    views = tuple(
        StakeholderView(
            name=s.name,
            weight=s.priorities.stakeholder_weight,
            share=share,
            source=s.source,
            result=res,
            top=tuple(r.model.id for r in res.top),
            group_top_scores=_scores_of(res, [r.model.id for r in group.top]),
            group_top_ranks={
                r.model.id: own.rank for r in group.top for own in res.ranking if own.model.id == r.model.id
            },
            leverage=lever,
        )
        for s, share, res, lever in zip(stakeholders, shares, results, leverages)
    )
    problems = tuple(problem(catalog, s.priorities, models=survivors, shared=shared) for s in stakeholders)
    ids = [m.id for m in survivors]
    checks = Checks(
        normalised=Reading.of(dict(zip(ids, normalised_scores(own_scores, shares)))),
        borda=Reading.of(dict(zip(ids, borda_scores(own_scores, shares)))),
    )
    return GroupResult(
        result=group,
        stakeholders=views,
        agreement=dataclasses.replace(_agreement(catalog, stakeholders, results, survivors), checks=checks),
        problems=problems,
        stakeholder_weights=shares,
        excluded_by=by,
    )


def leverage(scores: Sequence[Sequence[Fraction]], shares: Sequence[Fraction]) -> list[Fraction]:
    """Each member's leverage: share_s x spread_s / sum_t share_t x spread_t, spread = max - min of their own
    SCORES over the ranked models (0 for everyone when no one's scores differ)."""
    pulls = [share * (max(row) - min(row)) for row, share in zip(scores, shares)]
    total = sum(pulls, Fraction(0))
    return [pull / total if total else Fraction(0) for pull in pulls]


def normalised_scores(scores: Sequence[Sequence[Fraction]], shares: Sequence[Fraction]) -> list[Fraction]:
    """Each model's weighted mean of the members' SCORES rescaled to 0..1 over the ranked models (a member
    whose scores are all equal adds 0 to every model), exactly."""
    rescaled = []
    for row in scores:
        low, high = min(row), max(row)
        rescaled.append([(x - low) / (high - low) if high > low else Fraction(0) for x in row])
    return [_dot([row[m] for row in rescaled], shares) for m in range(len(scores[0]))]


def borda_scores(scores: Sequence[Sequence[Fraction]], shares: Sequence[Fraction]) -> list[Fraction]:
    """Each model's weighted Borda count of the members' own rankings: n-1 points for a member's first ... 0
    for their last, models tied sharing the mean of their places, exactly."""
    import bisect

    points = []
    for row in scores:
        ordered = sorted(row)
        # the k models scored x hold places below .. below + k - 1 counted from the last (0 points): each gets
        # their mean, below + (k - 1) / 2 = (below + (below + k) - 1) / 2
        points.append([Fraction(bisect.bisect_left(ordered, x) + bisect.bisect_right(ordered, x) - 1, 2) for x in row])
    return [_dot([row[m] for row in points], shares) for m in range(len(scores[0]))]


def check_group_size(n_stakeholders: int, n_models: int, n_criteria: int, stated: Sequence[Priorities] = ()) -> None:
    """Refuse, up front, a group that would not be ranked in seconds (InputError naming its size).

    With STATED (each stakeholder's priorities) the estimate counts the digits of the group's exact
    numbers as well as its terms (aggregate.exact_work): fractions with large co-prime denominators
    make every group sum carry all of them. Without, only the terms (before any file is read).
    """
    if n_stakeholders > MAX_STAKEHOLDERS:
        raise InputError(
            f"{n_stakeholders:,} answers files are more than a group ranking takes (at most {MAX_STAKEHOLDERS:,} "
            "stakeholders); rank a sample of them, or merge people who answered alike into one member with a "
            "larger weight in the group file"
        )
    total = sum((p.stakeholder_weight for p in stated), Fraction(0))
    numbers = itertools.chain.from_iterable(
        [p.stakeholder_weight / total, *weights(list(p.importances.values()))] for p in stated
    )
    work, digits = exact_work(n_stakeholders, n_models, n_criteria, numbers, MAX_GROUP_WORK, DIGITS_PER_TERM)
    if work > MAX_GROUP_WORK:
        terms = n_stakeholders * n_models * n_criteria
        size = f"{n_stakeholders:,} stakeholders x {n_models} models x {n_criteria} criteria"
        fewer = "rank fewer stakeholders together (or merge those who answered alike into one member, weighed more)"
        if terms > MAX_GROUP_WORK:
            raise InputError(
                f"this group would take too long to rank: {size} is {work:,} units of work (at most "
                f"{MAX_GROUP_WORK:,}); {fewer}, or use a models file with fewer models or criteria"
            )
        # the terms fit: the size of the numbers is what does not (a refusal counts digits only so far)
        raise InputError(
            f"this group would take too long to rank: {size}, with exact numbers of at least {digits:,} digits, "
            f"is at least {work:,} units of work (at most {MAX_GROUP_WORK:,}); write importances with fewer "
            "digits (0.25 rather than 1/7919: fractions with large denominators make every group sum carry them "
            f"all), or {fewer}"
        )


def _scores_of(result: RankResult, ids: Sequence[str]) -> dict[str, Fraction]:
    by_id = {r.model.id: r.score for r in result.ranking}
    return {mid: by_id[mid] for mid in ids}


def _check_names(stakeholders: Sequence[Stakeholder]) -> None:
    seen: dict[str, Stakeholder] = {}
    for s in stakeholders:
        if s.name in seen:
            where = [x.source for x in (seen[s.name], s) if x.source]
            files = f" ({' and '.join(where)})" if where else ""
            raise InputError(
                f"two stakeholders are both named {quoted(s.name)}{files}; give each answers file a different `name`"
            )
        seen[s.name] = s


def _group_exclusions(
    catalog: Catalog, stakeholders: Sequence[Stakeholder], exclude: tuple[str, ...], require: tuple[Constraint, ...]
) -> tuple[list[Exclusion], dict[str, tuple[str, ...]]]:
    """Every model any stakeholder (or the whole group) rules out, in file order, each reason saying by whom;
    and for each, the members who asked for it."""
    reasons: dict[str, list[str]] = {}
    asked: dict[str, list[str]] = {}
    for s in stakeholders:
        for e in exclusions(catalog, s.priorities):
            reasons.setdefault(e.model.id, []).extend(f"{s.name}: {reason}" for reason in e.reasons)
            asked.setdefault(e.model.id, []).append(s.name)
    if exclude or require:
        for e in excluded_by(catalog, exclude, require):
            reasons.setdefault(e.model.id, []).extend(f"whole group: {reason}" for reason in e.reasons)
    found = [Exclusion(m, tuple(reasons[m.id])) for m in catalog.models if m.id in reasons]
    return found, {e.model.id: tuple(asked.get(e.model.id, ())) for e in found}


def _nothing_left(excluded: list[Exclusion]) -> str:
    ruled = "; ".join(f"{e.model.id} ({e.reason})" for e in excluded)
    return (
        f"no model is left for the group to rank: {ruled}; "
        "ask a stakeholder to relax a constraint or exclude fewer models"
    )


def _rank_over(
    catalog: Catalog,
    priorities: Priorities,
    survivors: list[Model],
    excluded: tuple[Exclusion, ...],
    shared: Shared | None = None,
) -> RankResult:
    """PRIORITIES' own ranking over the group's SURVIVORS, reporting the group's EXCLUDED."""
    return rank(catalog, priorities, models=survivors, shared=shared)._replace(excluded=excluded)


def _dot(*columns: Sequence[Fraction]) -> Fraction:
    """Exactly sum_i prod_k columns[k][i], without a Fraction per term.

    Each product's numerator is added up per denominator (products unreduced), and only the few
    distinct denominators meet as Fractions: the same exact value as summing Fractions, for a
    group of any size at a fraction of the cost.
    """
    by_denominator: dict[int, int] = {}
    for terms in zip(*columns):
        num, den = 1, 1
        for t in terms:
            num *= t.numerator
            den *= t.denominator
        if num:
            by_denominator[den] = by_denominator.get(den, 0) + num
    return sum((Fraction(num, den) for den, num in by_denominator.items()), Fraction(0))


def _mean(values: Sequence[Fraction], shares: Sequence[Fraction]) -> Fraction:
    return _dot(values, shares)


def _utility(utilities: Sequence[Fraction], weights: Sequence[Fraction], shares: Sequence[Fraction]) -> Fraction:
    """The stakeholders' utilities weighted by share x weight on the criterion (by share if no one weighs it)."""
    total = _dot(shares, weights)
    if total == 0:
        return _mean(utilities, shares)
    return _dot(utilities, shares, weights) / total


def _group_result(
    catalog: Catalog,
    stakeholders: Sequence[Stakeholder],
    results: Sequence[RankResult],
    shares: Sequence[Fraction],
    survivors: Sequence[Model],
    excluded: tuple[Exclusion, ...],
) -> RankResult:
    by_id = [{r.model.id: r for r in res.ranking} for res in results]
    cids = catalog.criterion_ids
    weights = {c: [res.criteria[j].weight for res in results] for j, c in enumerate(cids)}
    rows: list[Row] = []
    for model in survivors:
        entries = [lookup[model.id] for lookup in by_id]
        contributions = {c: _mean([e.contributions[c] for e in entries], shares) for c in cids}
        utilities = {c: _utility([e.utilities[c] for e in entries], weights[c], shares) for c in cids}
        rows.append((model, dict(entries[0].ratings), utilities, contributions))
    ranking = order(rows)

    importances: dict[str, Fraction] = {}
    criteria = []
    agreed_targets: dict[str, int] = {}
    for j, crit in enumerate(catalog.criteria):
        stated = [res.criteria[j] for res in results]
        importance = _mean([cw.importance for cw in stated], shares)
        importances[crit.id] = importance
        levels = sorted({s.priorities.targets[crit.id] for s in stakeholders if crit.id in s.priorities.targets})
        if len(levels) == 1:
            agreed_targets[crit.id] = levels[0]
        weight = _mean([cw.weight for cw in stated], shares)
        criteria.append(
            CriterionWeight(
                criterion=crit,
                importance=importance,
                weight=weight,
                defaulted=all(cw.defaulted for cw in stated),
                target=", ".join(crit.scale[i] for i in levels) if levels else None,
                span=(
                    _dot(shares, [cw.weight for cw in stated], [cw.span for cw in stated]) / weight
                    if weight
                    else _mean([cw.span for cw in stated], shares)
                ),
            )
        )
    influence = sum((cw.weight * cw.span for cw in criteria), Fraction(0))
    criteria = [cw._replace(effective=cw.weight * cw.span / influence if influence else Fraction(0)) for cw in criteria]
    methods = {s.priorities.weighting for s in stakeholders}

    modes = {s.priorities.ranges for s in stakeholders}
    priorities = Priorities(
        importances=importances,
        defaulted=frozenset(cw.criterion.id for cw in criteria if cw.defaulted),
        targets=agreed_targets,
        ranges=modes.pop() if len(modes) == 1 else RangeMode.mixed,
        exclude=_union(s.priorities.exclude for s in stakeholders),
        require=_union_constraints(s.priorities.require for s in stakeholders),
        name="group: " + ", ".join(s.name for s in stakeholders),
        weighting=methods.pop() if len(methods) == 1 else Weighting.mixed,
    )
    return RankResult(criteria=tuple(criteria), ranking=ranking, excluded=excluded, priorities=priorities)


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(item for item in group if item not in out)
    return tuple(out)


def _union_constraints(groups: Iterable[tuple[Constraint, ...]]) -> tuple[Constraint, ...]:
    out: list[Constraint] = []
    for group in groups:
        out.extend(c for c in group if c.text not in {o.text for o in out})
    return tuple(out)


def _agreement(
    catalog: Catalog, stakeholders: Sequence[Stakeholder], results: Sequence[RankResult], survivors: Sequence[Model]
) -> Agreement:
    scores = []
    for res in results:
        by_id = {r.model.id: r.score for r in res.ranking}
        scores.append([by_id[m.id] for m in survivors])
    names = [s.name for s in stakeholders]
    summary = None
    if len(stakeholders) <= PAIRS_LISTED_UP_TO:
        pairs = tuple(
            PairAgreement(names[i], names[j], kendall_tau_b(scores[i], scores[j]))
            for i in range(len(stakeholders))
            for j in range(i + 1, len(stakeholders))
        )
        defined = [p.tau for p in pairs if p.tau is not None]
    elif len(stakeholders) <= VECTORISED_FROM:
        every = _all_pairs(names, scores)
        known = [p for p in every if p.tau is not None]
        defined = [p.tau for p in known if p.tau is not None]
        by_tau = sorted(known, key=lambda p: -(p.tau or 0.0))  # stable: stakeholder order on ties
        least = sorted(known, key=lambda p: p.tau or 0.0)
        summary = PairsSummary(
            count=len(known),
            undefined=len(every) - len(known),
            min_tau=min(defined) if defined else None,
            most_agreeing=tuple(by_tau[:PAIRS_IN_SUMMARY]),
            least_agreeing=tuple(least[:PAIRS_IN_SUMMARY]),
        )
        pairs = ()
    else:
        summary, defined = _summary_vectorised(names, scores)
        pairs = ()
    mean_tau = math.fsum(defined) / len(defined) if defined else None

    spreads = []
    for j, crit in enumerate(catalog.criteria):
        stated = {s.name: s.priorities.importances[crit.id] for s in stakeholders}
        effective = {s.name: res.criteria[j].effective for s, res in zip(stakeholders, results)}
        spread = max(effective.values()) - min(effective.values())
        spreads.append(CriterionSpread(crit.id, stated, spread, effective))
    spreads.sort(key=lambda c: -c.range)  # stable: equal ranges keep criteria order
    return Agreement(pairs=pairs, mean_tau=mean_tau, criteria=tuple(spreads), summary=summary)


def _summary_vectorised(names: Sequence[str], scores: Sequence[Sequence[Fraction]]) -> tuple[PairsSummary, list[float]]:
    """The summary _agreement makes from _all_pairs, and every defined tau in pair order, with numpy.

    Each stakeholder's scores become exact dense ranks (so ties stay exact), the signs over the
    model pairs a matrix S, and every pair's concordant - discordant count one product S S^T
    (small integers, exact in floating point). tau-b = difference / sqrt(denominator) is then the
    same IEEE arithmetic _tau does (for a perfect square denominator, the root is exact and the
    quotient correctly rounded either way), so the figures are kendall_tau_b's to the bit.
    """
    import numpy as np

    n_models = len(scores[0])
    ranks = []
    for row in scores:
        place = {v: r for r, v in enumerate(sorted(set(row)))}
        ranks.append([place[v] for v in row])
    first, second = np.triu_indices(n_models, 1)  # model pairs in _all_pairs' order
    r = np.array(ranks, dtype=np.int64).reshape(len(scores), n_models)
    signs = np.sign(r[:, first] - r[:, second]).astype(float)
    total = len(first)
    ties = total - np.count_nonzero(signs, axis=1)
    a, b = np.triu_indices(len(scores), 1)  # stakeholder pairs, a before b, row by row
    difference = (signs @ signs.T)[a, b]
    denominator = (total - ties[a]) * (total - ties[b])
    known = denominator > 0
    a, b = a[known], b[known]
    tau = difference[known] / np.sqrt(denominator[known].astype(float))

    def pair(k: int) -> PairAgreement:
        return PairAgreement(names[int(a[k])], names[int(b[k])], float(tau[k]))

    most = np.argsort(-tau, kind="stable")[:PAIRS_IN_SUMMARY]  # ties: stakeholder order, as sorted()
    least = np.argsort(tau, kind="stable")[:PAIRS_IN_SUMMARY]
    summary = PairsSummary(
        count=int(known.sum()),
        undefined=int((~known).sum()),
        min_tau=float(tau.min()) if len(tau) else None,
        most_agreeing=tuple(pair(k) for k in most),
        least_agreeing=tuple(pair(k) for k in least),
    )
    return summary, tau.tolist()


def _all_pairs(names: Sequence[str], scores: Sequence[Sequence[Fraction]]) -> list[PairAgreement]:
    """Every pair's tau-b, as kendall_tau_b gives it, from each stakeholder's signs over the model pairs
    (computed once per stakeholder, and once per distinct pair of sign patterns)."""
    import operator

    n = len(scores[0])
    index = [(i, j) for i in range(n) for j in range(i + 1, n)]
    signs = [tuple((row[i] > row[j]) - (row[i] < row[j]) for i, j in index) for row in scores]
    ties = [s.count(0) for s in signs]
    total = len(index)
    memo: dict[tuple[tuple[int, ...], tuple[int, ...]], float | None] = {}
    out = []
    for a in range(len(scores)):
        for b in range(a + 1, len(scores)):
            key = (signs[a], signs[b])
            if key not in memo:
                memo[key] = _tau(sum(map(operator.mul, signs[a], signs[b])), total, ties[a], ties[b])
            out.append(PairAgreement(names[a], names[b], memo[key]))
    return out


__all__ = [
    "MAX_GROUP_WORK",
    "MAX_STAKEHOLDERS",
    "PAIRS_IN_SUMMARY",
    "PAIRS_LISTED_UP_TO",
    "Agreement",
    "Checks",
    "CriterionSpread",
    "GroupResult",
    "PairAgreement",
    "PairsSummary",
    "Reading",
    "Stakeholder",
    "StakeholderView",
    "borda_scores",
    "check_group_size",
    "group_rank",
    "kendall_tau_b",
    "leverage",
    "normalised_scores",
]
