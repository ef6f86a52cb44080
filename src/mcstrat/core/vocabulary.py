"""The words of a decision, spelt once: directions, ways of stating priorities, range modes, weight spaces, scales.

Every module says `Weighting.swing` rather than the string "swing", so a misspelling is an error
where it is written, and a new word is added here, below the validators and the domain modules
that both need it. The enums are `str` enums whose members print as their values on every
supported Python (`f"{RangeMode.midpoint}"` is "midpoint", and JSON writes them as strings), so
they go into messages, files and JSON as the words users type.
"""

from __future__ import annotations

from enum import Enum


class Word(str, Enum):
    """A word of mcstrat's vocabulary: equal to, hashed and printed as its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:  # as the value: messages listing choices read 'midpoint', not <RangeMode...>
        return repr(self.value)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """Every value, in declaration order (for messages and schemas)."""
        return tuple(member.value for member in cls)


class Direction(Word):
    """Which end of a criterion's scale is better for the institution."""

    benefit = "benefit"  # higher is better
    cost = "cost"  # lower is better
    target = "target"  # closer to a chosen level is better


class Weighting(Word):
    """How a person stated their priorities (core/weighting.py has the definitions)."""

    importance = "importance"  # 0..5 per criterion, or a word
    swing = "swing"  # 0..100 points per criterion's swing from its worst to its best level
    ranking = "ranking"  # an order of the criteria, with ties (rank-order-centroid weights)
    mixed = "mixed"  # only a group's description: its stakeholders stated them different ways


class RangeMode(Word):
    """How a ranged cell such as LOW/MED is scored (`--ranges`)."""

    midpoint = "midpoint"  # the mean of its best and worst utility
    optimistic = "optimistic"  # its best
    pessimistic = "pessimistic"  # its worst
    mixed = "mixed"  # only a group's description: its stakeholders use different modes


class Unmentioned(Word):
    """What a criterion an answers file does not state counts as (its `unmentioned` key)."""

    medium = "medium"  # the default importance: not mentioning it is not the same as not caring
    none = "none"  # nothing: only what is stated counts
    refuse = "refuse"  # an error (exit 2): every criterion must be stated, as CI may require


#: The firmness verdicts (analyses/firmness.py), strongest first: a lock's `check --fail-on verdict` fails when
#: the verdict moves later in this order.
VERDICTS = ("firm", "fairly firm", "fragile", "tied")
#: The range modes a person may choose (not `mixed`).
RANGE_MODES = (RangeMode.midpoint, RangeMode.optimistic, RangeMode.pessimistic)


class WeightSpace(Word):
    """The weightings a firmness analysis draws from or searches (analyses/spaces.py has the definitions)."""

    stated = "stated"  # each statement anywhere in the interval it stands for (core/precision.py): the default
    order = "order"  # every weighting that keeps the stated order
    free = "free"  # every weighting of the criteria stated above 0
    local = "local"  # each importance within ± a spread of its stated value


#: Importance words and the importance each stands for (whole numbers: exact with any Fraction, and
#: this module stays free of `fractions`, which only a decision needs).
IMPORTANCE_WORDS: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 4, "critical": 5}
#: The importance of a criterion nobody mentions: not mentioning it is not the same as not caring.
DEFAULT_IMPORTANCE_WORD = "medium"
#: In a hard limit, these importance words name levels, on criteria whose scale has LOW, MED and HIGH.
LIMIT_WORDS = {"low": "LOW", "medium": "MED", "high": "HIGH"}
#: The top of the importance scale, and of the swing points.
MAX_IMPORTANCE = 5
MAX_POINTS = 100
#: The largest stakeholder weight a group member may be given.
MAX_WEIGHT = 1000
#: Model and criterion ids: lower-case words joined by hyphens.
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

__all__ = [
    "DEFAULT_IMPORTANCE_WORD",
    "IMPORTANCE_WORDS",
    "LIMIT_WORDS",
    "MAX_IMPORTANCE",
    "MAX_POINTS",
    "MAX_WEIGHT",
    "RANGE_MODES",
    "SLUG",
    "VERDICTS",
    "Direction",
    "RangeMode",
    "Unmentioned",
    "WeightSpace",
    "Weighting",
    "Word",
]
