"""How firm is a ranking? SMAA-2 rank acceptability, central weights and confidence factors.

Rank acceptability (Lahdelma & Salminen's SMAA-2) is the share of admissible weightings, and
of the values the uncertain ratings may really take, under which each model takes each rank;
it is estimated by Monte Carlo. In each sample:

- Weights: one draw per sample that every stakeholder maps through their own admissible set of
  `--weight-space` (order, free or local; their definitions and the sampling are in spaces.py),
  so each stakeholder's weights are uniform on their own set, and the imprecision of how
  priorities are stated, like a ranged cell's, is drawn once for everyone. Stakeholders who state
  the same thing (identical problems) are merged first into one with their shares summed exactly,
  so k identical stakeholders give exactly the numbers of one with their summed weight.
- Ranged cells (``LOW/MED``): one draw per cell per sample, shared by every stakeholder. The draw
  is the cell's true position, uniform between the positions of its two end levels, and each
  stakeholder maps it through their own utility (benefit p, cost 1 - p, target 1 - |p - p(t)|
  with their own target level t). The uncertainty of a cell belongs to the model, not to the
  person, so a group of identical stakeholders is exactly as certain as one of them.
- With `--ordinal`, SMAA-O as published (Lahdelma, Miettinen & Salminen 2003, EJOR 147): the ratings
  say only an order, so in each sample, on each criterion, the worst level any ranked model's cell
  covers (the models left after exclusions and limits; a ranged cell covers every level between its
  ends) is worth 0, the best 1, and the levels in between are sorted uniforms in (0, 1): one draw
  per sample per criterion, shared by every stakeholder. It is drawn as the whole scale's interior
  levels as sorted uniforms (its ends at 0 and 1) rescaled linearly to the covered levels: given
  the two order statistics at the worst and best covered level, those between them are sorted
  uniforms between the two, so after rescaling they are exactly sorted uniforms in (0, 1). A ranged
  cell's position is uniform between its ends' drawn positions (rescaled alike). The weights apply
  as effective weights: the sampled weight vector of `--weight-space` is read as e, each criterion's
  share of its full swing between the worst and the best ranked level, so a swing statement keeps
  its meaning (the order of e is what was stated; no conversion through the table's ranges), and an
  importance statement is read the same way, as the importance of that swing (the published method
  weighs criteria scaled to it). A target criterion (decided here; the paper has none): the levels'
  positions are drawn on the whole scale as above (the target may lie outside the ranked levels, and
  its distance to them counts), each cell's fit to the stakeholder's target 1 - |p - p(t)| is taken
  there, and the fit is rescaled so that the worst covered level's fit is 0 and the best's 1 (for a
  benefit or cost criterion that is exactly the rule above). A criterion on which every covered level
  is worth the same has utility 0 for every model (it cannot tell them apart). Central weights are
  then effective weights too.
- With `--rating-error Q` (0 <= Q <= 0.5, default 0), the table's own ratings are uncertain: in each
  sample each cell of each ranked model, on every criterion, moves one level down with probability
  Q/2 and up with probability Q/2 (one uniform per cell per sample, from its own stream, shared by
  every stakeholder), staying where it is when the move would leave its scale (a cell at the top does
  not go up); a ranged cell moves both ends (LOW/MED up is MED/HIGH; HIGH/... cannot go up). The
  moved cell is then sampled as any cell is (its range, and with `--ordinal` the drawn spacing, whose
  0 and 1 are the worst and best level covered in that sample). The set of ranked models stays that
  of the table as rated: exclusions and limits are settled on the ratings as given, not redrawn.
- The `--ranges` mode plays no part (ranged cells are sampled); exclusions and constraints
  apply as in the plain ranking.

A group's score is the stakeholder-weighted mean of the stakeholders' scores. Scores within
1e-12 of each other are tied, except that a model dominated over the admissible sets and ranges
(potential.dominated_by) is always below the model dominating it, as its exact scores are in
every sample (with --ordinal too: the rescaling is increasing, so it keeps every per-criterion
comparison). With rating error that is not imposed: dominance is a statement about the table as
rated, and once cells move a dominated model may legitimately come first (the views say that what
"cannot" happen is judged with the table as rated). k models tied over ranks r..r+k-1 add 1/k to
each of those ranks, so every row and column of the acceptability matrix sums to 1. A model's
central weights are the mean of the (group's) normalised weights over the samples where it ranks
first (a first place shared by k counts 1/k): the typical weights under which it wins. Its confidence factor is the
chance it ranks first when those central weights are used, over the same draws of the cells
(and levels): 1 when the ratings' uncertainty cannot take its win away. The Monte Carlo error
is the 95% half-width 1.96 sqrt(p (1 - p) / N) of the largest first-rank acceptability p over N
samples; every Monte Carlo figure also carries its own 95% half-width (`errors`):

- each rank acceptability p and each confidence factor p: 1.96 sqrt(p (1 - p) / N), over the same
  N samples (a tie's fractional 1/k shares keep each sample's contribution within [0, 1], so this
  binomial bound still holds: their variance is at most the 0/1 indicator's of the same mean);
- each central weight: 1.96 s / sqrt(n_m), where n_m is the (fractional) number of samples in
  which model m came first (the sum of its first-place shares) and s the sample standard deviation
  of that criterion's weight over those samples, each weighted by its first-place share
  (s^2 = (sum f w^2 - (sum f w)^2 / n_m) / (n_m - 1)); the sums of squares are accumulated in the
  same pass as the central weights. It is None when 0 < n_m < 2 (too few first places to
  estimate a spread), and the model's whole entry is None when it never came first (its central
  weights are None).

Models with identical ratings on every criterion are listed as ``identical``: their
split of the first place is arbitrary, their combined chance is not.

For a group, ``members`` gives each stakeholder's own chance that the group's winner comes first
for them, with their own weights of the same samples (ties shared 1/k as above). The group's
winner is the model with the largest first-rank acceptability, its identical models counted with
it (and a stakeholder's chance counts any of them coming first); on equal chances the first in
the models file.

Random numbers come from numpy's ``Generator(PCG64)`` seeded with ``--seed`` (independent
streams for weights, cells and rating errors, spawned from one SeedSequence): the same input and
seed give the same numbers for a given numpy release. Samples are processed in chunks (vectorised within a
chunk), so memory stays bounded; work is estimated up front from samples, models, criteria and
stakeholders, and a run beyond MAX_WORK is refused with a message saying how to reduce it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.analyses.aggregate import check_group, distinct
from mcstrat.analyses.potential import dominated_by
from mcstrat.analyses.ranking import Problem, identical_models
from mcstrat.analyses.spaces import draw, map_weights, order_space
from mcstrat.core.vocabulary import Direction, WeightSpace
from mcstrat.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]
    Counts = npt.NDArray[np.intp]

MAX_SAMPLES = 1_000_000
#: Above this Monte Carlo error (95% half-width of the largest first-rank chance) the views warn.
ERROR_WARNING = 0.02
#: Scores closer than this (on the 0..1 scale) are tied.
TIE = 1e-12
#: Work units a run may take: samples x (stakeholders x criteria (x models for a group) + models x columns +
#: models^2),
#: about 1 s per 1e8 on a laptop; the largest run is refused up front beyond it (~30 s).
MAX_WORK = 3_000_000_000
#: Floats per chunk of samples (about 64 MB of float64 for the largest array).
CHUNK_FLOATS = 8_000_000
#: Two-sided 95% quantile of the normal distribution: every half-width's factor.
Z95 = 1.96
#: The largest --rating-error: beyond one half, a rating would more often be off than right.
MAX_RATING_ERROR = 0.5
#: A test-only seam: when a list, smaa appends each chunk's (first-place shares n x models, criterion weights
#: n x criteria), so a test can recompute the central weights' spread from the raw samples.
_TRACE: list[tuple[Array, Array]] | None = None


def half_width(p: float, samples: int) -> float:
    """The 95% half-width of a chance P estimated over SAMPLES samples: 1.96 sqrt(p (1 - p) / N)."""
    return Z95 * math.sqrt(max(0.0, p * (1.0 - p)) / samples)


@dataclass(frozen=True)
class SmaaResult:
    """Rank acceptability indices, central weights and confidence factors (SMAA-2)."""

    samples: int
    seed: int
    spread: float | None  # only for the local weight space
    ordinal: bool
    model_ids: tuple[str, ...]  # in the problem's model order
    acceptability: dict[str, list[float]]  # model id -> [P(rank 1), P(rank 2), ...]; rows and columns sum to 1
    central_weights: dict[str, dict[str, float] | None]  # mean normalised weights where the model ranks first
    weight_space: WeightSpace = WeightSpace.local
    confidence: dict[str, float | None] = field(default_factory=dict)  # P(first | central weights); None if never
    error: float = 0.0  # 95% half-width of the largest first-rank acceptability
    # 95% half-widths of every Monte Carlo figure (see the module's docstring): per rank, per confidence factor
    # (None where the factor is), per central weight (None where the model never came first; a criterion's None
    # where it came first in fewer than 2 samples)
    acceptability_error: dict[str, list[float]] = field(default_factory=dict)
    confidence_error: dict[str, float | None] = field(default_factory=dict)
    central_error: dict[str, dict[str, float | None] | None] = field(default_factory=dict)
    identical: tuple[tuple[str, ...], ...] = ()  # models with identical ratings, two or more each
    winner: tuple[str, ...] = ()  # the group's winner: largest first-rank chance, with its identical models
    members: tuple[float, ...] = ()  # per stakeholder (in the problems' order): P(the winner first for them)
    rating_error: float = 0.0  # Q: the chance that each cell is one level off (half up, half down)

    @property
    def warn(self) -> bool:
        """True when the Monte Carlo error is above ERROR_WARNING: more samples are needed."""
        return self.error > ERROR_WARNING

    def combined_first(self, group: Sequence[str]) -> float:
        """The chance that one of GROUP (e.g. identical models) ranks first."""
        return math.fsum(self.acceptability[m][0] for m in group)


def _check_args(samples: int, seed: int, spread: float, weight_space: str, rating_error: float = 0.0) -> None:
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, not {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a whole number of at least 0, not {seed!r}")
    if isinstance(spread, bool) or not isinstance(spread, (int, float)) or not math.isfinite(spread) or spread < 0:
        raise InputError(f"spread must be a finite number of at least 0, not {spread!r}")
    if weight_space not in tuple(WeightSpace):
        raise InputError(f"weight space must be one of {', '.join(WeightSpace.values())}, not {weight_space!r}")
    q = rating_error
    if isinstance(q, bool) or not isinstance(q, (int, float)) or not math.isfinite(q) or not 0 <= q <= MAX_RATING_ERROR:
        raise InputError(
            f"--rating-error must be a chance from 0 to {MAX_RATING_ERROR} (each rating one level off with that "
            f"probability), not {q!r}"
        )


class _Cells:
    """Draws each cell's utility per column (criterion, target level) from shared streams (see the module docstring)."""

    def __init__(self, problems: Sequence[Problem], ordinal: bool, rating_error: float = 0.0) -> None:
        import numpy as np

        first = problems[0]
        self.ordinal = ordinal
        self.rating_error = float(rating_error)
        self.crit = first.criteria
        self.n_models = len(first.models)
        # columns: (criterion, target level or None); stakeholders with the same target share one
        self.columns: list[tuple[int, int | None]] = []
        self.column_of: list[list[int]] = []  # [stakeholder][criterion] -> column
        index: dict[tuple[int, int | None], int] = {}
        for prob in problems:
            mine = []
            for j, c in enumerate(prob.criteria):
                key = (j, prob.targets[j] if c.direction == Direction.target else None)
                if key not in index:
                    index[key] = len(self.columns)
                    self.columns.append(key)
                mine.append(index[key])
            self.column_of.append(mine)
        self.lo = np.array([[r.lo for r in row] for row in first.ratings], dtype=np.intp)  # models x criteria
        self.hi = np.array([[r.hi for r in row] for row in first.ratings], dtype=np.intp)
        self.top = np.array([len(c.scale) - 1 for c in self.crit], dtype=np.intp)  # each scale's last level
        self.ranged = [
            (m, j) for m in range(self.n_models) for j in range(len(self.crit)) if self.lo[m, j] != self.hi[m, j]
        ]
        self.positions = [np.array([float(p) for p in c.positions()]) for c in self.crit]
        # fixed scales: each cell's low end and width, for one vectorised draw of every ranged cell
        self.base = np.array(
            [[self.positions[j][self.lo[m, j]] for j in range(len(self.crit))] for m in range(self.n_models)]
        )
        self.ranged_m = np.array([m for m, _ in self.ranged], dtype=np.intp)
        self.ranged_j = np.array([j for _, j in self.ranged], dtype=np.intp)
        self.width = np.array(
            [self.positions[j][self.hi[m, j]] - self.positions[j][self.lo[m, j]] for m, j in self.ranged]
        )
        # fixed scales, per column: every cell's utility at its low end (models x columns), and per
        # column the ranged cells of its criterion (their index among the ranged, their model)
        fixed_pos = [p[None, :] for p in self.positions]
        self.fixed = np.empty((self.n_models, len(self.columns)))
        self.ranged_in: list[tuple[Any, Any]] = []
        for k, (j, _) in enumerate(self.columns):
            self.fixed[:, k] = self._utility(k, self.base[None, :, j], fixed_pos)[0]
            mine = [r for r, (_, rj) in enumerate(self.ranged) if rj == j]
            self.ranged_in.append((np.array(mine, dtype=np.intp), self.ranged_m[mine]))

    def _utility(self, k: int, where: Array, pos: Sequence[Array]) -> Array:
        """Column K's utilities of cells at positions WHERE (samples x cells), levels at POS (samples x levels)."""
        import numpy as np

        j, target = self.columns[k]
        direction = self.crit[j].direction
        if direction == Direction.benefit:
            return where
        if direction == Direction.cost:
            return 1.0 - where
        if target is None:
            return np.zeros_like(where)
        return 1.0 - np.abs(where - pos[j][:, target][:, None])

    def _moved(self, rng: Any, n: int) -> tuple[Counts, Counts]:
        """Each cell's ends after the rating error (n x models x criteria): one level down with probability Q/2, up
        with Q/2, from one uniform per cell, staying put where the move would leave the scale."""
        import numpy as np

        q = self.rating_error
        u = rng.random((n, self.n_models, len(self.crit)))
        down = (u < q / 2) & (self.lo > 0)
        up = (u >= 1.0 - q / 2) & (self.hi < self.top)
        step = up.astype(np.intp) - down.astype(np.intp)
        return self.lo + step, self.hi + step

    def draw(self, rng: Any, n: int, error_rng: Any = None) -> Array:
        """Utilities, n x models x columns (ERROR_RNG: the rating error's own stream, when there is one)."""
        import numpy as np

        if not self.ordinal and not self.rating_error:
            # fixed scales: the low ends' utilities, then each ranged cell's drawn position through
            # the utility of every column of its criterion (the same arithmetic cell by cell)
            out = np.repeat(self.fixed[None, :, :], n, axis=0)
            if self.ranged:
                drawn = self.base[self.ranged_m, self.ranged_j] + self.width * rng.random((n, len(self.ranged)))
                fixed_pos = [np.broadcast_to(p, (n, len(p))) for p in self.positions]
                for k, (which, models) in enumerate(self.ranged_in):
                    if len(which):
                        out[:, models, k] = self._utility(k, drawn[:, which], fixed_pos)
            return out
        n_crit = len(self.crit)
        # level positions per sample: n x criteria x levels (SMAA-O: the interior levels redrawn per sample)
        pos: list[Array] = []
        for j, c in enumerate(self.crit):
            if not self.ordinal:
                pos.append(np.broadcast_to(self.positions[j], (n, len(c.scale))))
                continue
            inner = len(c.scale) - 2
            mid = np.sort(rng.random((n, inner)), axis=1) if inner > 0 else np.zeros((n, 0))
            pos.append(np.hstack([np.zeros((n, 1)), mid, np.ones((n, 1))]))
        u = rng.random((n, len(self.ranged))) if self.ranged else np.zeros((n, 0))
        where = np.empty((n_crit, n, self.n_models))  # each cell's true position, criterion by criterion
        if self.rating_error:
            lo, hi = self._moved(error_rng, n)
            rows = np.arange(n)
            for j in range(n_crit):
                where[j] = pos[j][rows[:, None], lo[:, :, j]]
            for r, (m, j) in enumerate(self.ranged):
                a = pos[j][rows, lo[:, m, j]]
                where[j, :, m] = a + (pos[j][rows, hi[:, m, j]] - a) * u[:, r]
        else:  # the same cells in every sample: whole columns of the level positions
            for j in range(n_crit):
                where[j] = pos[j][:, self.lo[:, j]]
            for r, (m, j) in enumerate(self.ranged):
                a = pos[j][:, self.lo[m, j]]
                where[j, :, m] = a + (pos[j][:, self.hi[m, j]] - a) * u[:, r]
        # SMAA-O: per criterion, the levels some ranked cell covers (n x levels; fixed without rating error)
        covered: list[Any] = []
        if self.ordinal:
            for j, c in enumerate(self.crit):
                steps = np.arange(len(c.scale))
                if self.rating_error:
                    cover = (lo[:, :, j, None] <= steps) & (hi[:, :, j, None] >= steps)  # n x models x levels
                else:
                    cover = (self.lo[:, j, None] <= steps) & (self.hi[:, j, None] >= steps)  # models x levels
                covered.append(cover.any(axis=-2))
        out = np.empty((n, self.n_models, len(self.columns)))
        for k, (j, _) in enumerate(self.columns):
            utility = self._utility(k, where[j], pos)
            out[:, :, k] = self._swing(k, utility, pos, covered[j]) if self.ordinal else utility
        return out

    def _swing(self, k: int, utility: Array, pos: Sequence[Array], covered: Any) -> Array:
        """SMAA-O: column K's UTILITY (n x models) rescaled so that, in each sample, the worst level a ranked cell
        covers (COVERED: levels, or n x levels) is 0 and the best is 1; all 0 where every covered level is worth
        the same."""
        import numpy as np

        j = self.columns[k][0]
        levels = self._utility(k, pos[j], pos)  # n x levels: every level's utility in this column
        worst = np.where(covered, levels, np.inf).min(axis=1)
        best = np.where(covered, levels, -np.inf).max(axis=1)
        swing = best - worst
        scale = 1.0 / np.where(swing > 0.0, swing, np.inf)  # 0 where every covered level is worth the same
        scaled: Array = (utility - worst[:, None]) * scale[:, None]
        return np.clip(scaled, 0.0, 1.0, out=scaled)  # rounding may leave a hair outside [0, 1]


def _places(scores: Array, below: Any = None) -> tuple[Counts, Counts]:
    """Per sample and model (the last axis): how many models score higher, and how many tie (itself included).

    Model j scores higher than m when score_j - score_m > TIE and ties it when |score_j - score_m|
    <= TIE, except that BELOW[m, j] (j dominates m over the admissible sets and ranges: its exact
    score is higher in every sample) puts j higher however close the floats are. Sorting each
    sample's scores settles every sample whose neighbouring scores are all more than TIE apart (a
    model's place is its position, and it ties only itself: rounding is monotonic, so pairs further
    apart in the order differ by more still); only the samples with a near tie are compared
    pairwise. Either way the counts are the pairwise definition's exactly (a dominating model is
    never more than float dust below the one it dominates, so it is always in a near tie or higher).
    """
    import numpy as np

    n_models = scores.shape[-1]
    order = np.argsort(-scores, axis=-1, kind="stable")
    ranked = np.take_along_axis(scores, order, axis=-1)  # descending
    near = ((ranked[..., :-1] - ranked[..., 1:]) <= TIE).any(axis=-1)
    higher = np.empty(scores.shape, dtype=np.intp)
    np.put_along_axis(higher, order, np.broadcast_to(np.arange(n_models), scores.shape), axis=-1)
    equal = np.ones(scores.shape, dtype=np.intp)
    if near.any():
        close = scores[near]
        diff = close[..., None, :] - close[..., :, None]  # [.., m, j] = score_j - score_m
        above = diff > TIE
        level = np.abs(diff) <= TIE
        if below is not None:
            above = (above & ~below.T) | below
            level = level & ~below & ~below.T
        higher[near] = above.sum(axis=-1)
        equal[near] = level.sum(axis=-1)
    return higher, equal


def _first_counts(scores: Array, below: Any = None) -> Array:
    """Per row of SCORES (... x models): each model's first places summed over the first axis (1/k among k tied first,
    as _places counts them), as an array of the remaining leading axes x models.

    Only samples where another model comes within 2 TIE of the best need _places; elsewhere the best is alone (a
    dominating model is never more than float dust below the one it dominates, so it is always that close).
    """
    import numpy as np

    n_models = scores.shape[-1]
    inner = scores.shape[1:-1]
    groups = math.prod(inner)
    flat = scores.reshape(-1, n_models)
    group = np.broadcast_to(np.arange(groups), (scores.shape[0], groups)).reshape(-1)  # each row's group
    best = np.argmax(flat, axis=1)
    top = flat[np.arange(len(flat)), best]
    near = np.count_nonzero(flat >= (top - 2 * TIE)[:, None], axis=1) > 1
    far = ~near
    out = np.bincount(group[far] * n_models + best[far], minlength=groups * n_models).astype(float)
    if near.any():
        higher, equal = _places(flat[near], below)
        shares = np.where(higher == 0, 1.0 / equal, 0.0)
        out += np.bincount(
            (group[near][:, None] * n_models + np.arange(n_models)).ravel(),
            weights=shares.ravel(),
            minlength=groups * n_models,
        )
    return out.reshape(*inner, n_models)


def _spread(total: float, squares: float, n: float) -> float | None:
    """The 95% half-width of a weighted mean from its weighted sum, sum of squares and total weight N (>= 2)."""
    if n < 2:
        return None
    variance = max(0.0, (float(squares) - float(total) * float(total) / float(n)) / (float(n) - 1.0))
    return Z95 * math.sqrt(variance / float(n))


def work(n_models: int, n_crit: int, n_stakeholders: int, samples: int, n_columns: int | None = None) -> int:
    """The work units of a run (see MAX_WORK): a group also scores every model for each stakeholder (`members`)."""
    cols = n_columns if n_columns is not None else n_crit
    own = n_stakeholders * n_crit * (n_models if n_stakeholders > 1 else 1)
    return samples * (own + n_models * cols + n_models * n_models)


def smaa(
    problems: Sequence[Problem],
    stakeholder_weights: Sequence[Fraction] | None = None,
    *,
    samples: int = 10_000,
    seed: int = 1,
    weight_space: WeightSpace = WeightSpace.stated,
    spread: float = 1.0,
    ordinal: bool = False,
    rating_error: float = 0.0,
) -> SmaaResult:
    """Rank acceptability, central weights and confidence factors under the model above."""
    import numpy as np

    given = check_group(problems, stakeholder_weights)
    _check_args(samples, seed, spread, weight_space, rating_error)
    original = len(problems)
    # identical stakeholders as one, their shares summed exactly: head count changes nothing
    problems, shares, member_of = distinct(problems, given)
    first = problems[0]
    n_models, n_crit, n_people = len(first.models), len(first.criteria), len(problems)
    cells = _Cells(problems, ordinal, rating_error)
    n_cols = len(cells.columns)
    needed = work(n_models, n_crit, n_people, samples, n_cols)
    if needed > MAX_WORK:
        affordable = max(1, MAX_WORK // max(1, needed // samples))
        raise InputError(
            f"--robustness would take too long here: {samples:,} samples x {n_models} models x {n_crit} criteria x "
            f"{n_people} stakeholder(s) is about {needed / 1e8:.0f} s of work; use --samples {affordable:,} or fewer, "
            "or rank fewer models or stakeholders together"
        )
    # weights, cells and rating errors: spawn(3)'s first two children are spawn(2)'s, so the streams of a run
    # without rating error are those of every earlier release
    streams = np.random.SeedSequence(seed).spawn(3)
    weight_rng = np.random.Generator(np.random.PCG64(streams[0]))
    # SMAA-O weighs the effective weights themselves: each stakeholder's space is read with every range at 1, so
    # no space (order's scale, stated's swing points) turns the sampled vector into weights through the ranges
    weighing = [prob._replace(spans=tuple(Fraction(1) for _ in prob.spans)) for prob in problems]
    weighing = weighing if ordinal else list(problems)
    orders = [order_space(prob) for prob in weighing]
    per_sample = max(n_people * n_cols, n_people * n_models, n_models * n_cols, n_models * n_models, 1)
    chunk = max(1, min(samples, CHUNK_FLOATS // per_sample))
    # a model dominated over the admissible sets and ranges is below its dominator in every sample; with rating
    # error the table itself moves, so dominance (a statement about the table as rated) is not imposed
    ids = [mo.id for mo in first.models]
    dominated = dominated_by(problems, ordinal) if not rating_error else {}
    below: Any = None
    if any(dominated.values()):
        below = np.zeros((n_models, n_models), dtype=bool)
        for m, by in dominated.items():
            for d in by:
                below[ids.index(m), ids.index(d)] = True
    several = original > 1

    # the stakeholders' weights map onto columns: W[n, col] = sum_s share_s w_s[n, c]
    counts = np.zeros((n_models, n_models + 1))  # difference array over ranks
    central = np.zeros((n_models, n_cols))
    # per model and criterion, over the samples where the model comes first (weighted by its share of the
    # first place): the sum and the sum of squares of the criterion's weight, for the central weights' spread
    crit_sum = np.zeros((n_models, n_crit))
    crit_sq = np.zeros((n_models, n_crit))
    firsts = np.zeros(n_models)
    own_firsts = np.zeros((n_people, n_models))  # per (distinct) stakeholder: their own first places
    rows = np.arange(n_models)

    kept: list[Array] = []  # the draws, kept for the confidence pass when they fit in one chunk

    def cell_chunks() -> Any:
        if kept:
            yield samples, kept[0]
            return
        rng = np.random.Generator(np.random.PCG64(streams[1]))
        error_rng = np.random.Generator(np.random.PCG64(streams[2])) if rating_error else None
        done = 0
        while done < samples:
            n = min(chunk, samples - done)
            drawn = cells.draw(rng, n, error_rng)
            if n == samples:
                kept.append(drawn)
            yield n, drawn
            done += n

    for n, utilities in cell_chunks():
        agg = np.zeros((n, n_cols))
        shared = draw(weight_rng, weight_space, n, n_crit)  # one draw, mapped by every stakeholder
        # each (distinct) stakeholder's own weights on the columns, for their own first places
        theirs = np.zeros((n, n_people, n_cols)) if n_people > 1 else None
        for who, prob in enumerate(weighing):
            w = map_weights(shared, prob, weight_space, float(spread), orders[who])
            columns = cells.column_of[who]
            agg[:, columns] += float(shares[who]) * w
            if theirs is not None:
                theirs[:, who, columns] = w
        if theirs is not None:
            # n x stakeholders x models; a batched product (each sum is one sample's, over its columns, so no
            # thread count changes it; einsum takes five times as long here)
            own = np.matmul(theirs, utilities.transpose(0, 2, 1))
            own_firsts += _first_counts(own, below)
        scores = np.einsum("nmk,nk->nm", utilities, agg)
        higher, equal = _places(scores, below)
        share = 1.0 / equal
        # counts[m, higher] += share, then counts[m, higher + equal] -= share, sample after sample:
        # one bincount does np.add.at's additions in np.add.at's order, from the running counts
        at = rows * (n_models + 1)
        flat = np.bincount(
            np.concatenate([np.arange(counts.size), (at + higher).ravel(), (at + higher + equal).ravel()]),
            weights=np.concatenate([counts.ravel(), share.ravel(), -share.ravel()]),
            minlength=counts.size,
        )
        counts[:] = flat.reshape(counts.shape)
        first_share = np.where(higher == 0, share, 0.0)  # n x models
        firsts += first_share.sum(axis=0)
        # not a BLAS product: a threaded BLAS splits the sum over samples by core count, so the last
        # bits of the central weights would depend on the machine
        central += np.einsum("nm,nk->mk", first_share, agg)
        by_crit = np.zeros((n, n_crit))  # each criterion's weight: the sum of its columns'
        for k, (j, _) in enumerate(cells.columns):
            by_crit[:, j] += agg[:, k]
        crit_sum += np.einsum("nm,nj->mj", first_share, by_crit)
        crit_sq += np.einsum("nm,nj->mj", first_share, by_crit * by_crit)
        if _TRACE is not None:
            _TRACE.append((first_share.copy(), by_crit.copy()))

    if n_people == 1:  # one (distinct) stakeholder: their own scores are the group's, to the bit
        own_firsts[0] = firsts
    # the running sums of 1/k shares leave float dust (1e-17) where a rank was never taken
    acc = np.clip(np.round(np.cumsum(counts, axis=1)[:, :n_models] / samples, 15), 0.0, 1.0)
    model_ids = tuple(mo.id for mo in first.models)
    acceptability = {mid: [float(p) for p in acc[i]] for i, mid in enumerate(model_ids)}
    central_cols: dict[int, Array] = {}
    central_weights: dict[str, dict[str, float] | None] = {}
    central_error: dict[str, dict[str, float | None] | None] = {}
    for i, mid in enumerate(model_ids):
        if firsts[i] <= 0:
            central_weights[mid] = None
            central_error[mid] = None
            continue
        central_error[mid] = {
            c.id: _spread(crit_sum[i, j], crit_sq[i, j], firsts[i]) for j, c in enumerate(first.criteria)
        }
        cols = central[i] / firsts[i]
        central_cols[i] = cols
        by_criterion = [0.0] * n_crit
        for k, (j, _) in enumerate(cells.columns):
            by_criterion[j] += float(cols[k])
        central_weights[mid] = {c.id: w for c, w in zip(first.criteria, by_criterion)}

    # confidence factors: the same cell draws, each candidate's central weights fixed
    confidence: dict[str, float | None] = {mid: None for mid in model_ids}
    if central_cols:
        order = sorted(central_cols)
        fixed = np.stack([central_cols[i] for i in order], axis=1)  # columns x candidates
        hits = np.zeros(len(order))
        mine = np.array(order, dtype=np.intp)
        for _, utilities in cell_chunks():
            scores = np.einsum("nmk,kc->ncm", utilities, fixed)  # n x candidates x models
            own = scores[:, np.arange(len(order)), mine]  # n x candidates: each candidate's own score
            diff = scores - own[:, :, None]
            higher = np.count_nonzero(diff > TIE, axis=2)
            equal = n_models - higher - np.count_nonzero(diff < -TIE, axis=2)  # |diff| <= TIE
            hits += np.where(higher == 0, 1.0 / equal, 0.0).sum(axis=0)
        for q, i in enumerate(order):
            confidence[model_ids[i]] = float(hits[q] / samples)

    best = max(acceptability[mid][0] for mid in model_ids)
    error = half_width(best, samples)
    acceptability_error = {mid: [half_width(p, samples) for p in acceptability[mid]] for mid in model_ids}
    confidence_error = {mid: None if p is None else half_width(p, samples) for mid, p in confidence.items()}
    identical = identical_models(problems)
    twins = {m: g for g in identical for m in g}
    chance = {m: math.fsum(acceptability[t][0] for t in twins.get(m, (m,))) for m in model_ids}
    winner = twins.get(max(model_ids, key=lambda m: chance[m]), ())  # max keeps the first of equals
    winner = winner or (max(model_ids, key=lambda m: chance[m]),)
    members: tuple[float, ...] = ()
    if several:
        won = [model_ids.index(m) for m in winner]
        theirs = np.clip(np.round(own_firsts[:, won].sum(axis=1) / samples, 15), 0.0, 1.0)
        members = tuple(float(theirs[member_of[i]]) for i in range(original))
    return SmaaResult(
        samples=samples,
        seed=seed,
        spread=float(spread) if weight_space == WeightSpace.local else None,
        ordinal=ordinal,
        rating_error=float(rating_error),
        model_ids=model_ids,
        acceptability=acceptability,
        central_weights=central_weights,
        weight_space=weight_space,
        confidence=confidence,
        error=error,
        acceptability_error=acceptability_error,
        confidence_error=confidence_error,
        central_error=central_error,
        identical=identical,
        winner=winner,
        members=members,
    )


__all__ = [
    "MAX_SAMPLES",
    "SmaaResult",
    "identical_models",
    "smaa",
]
