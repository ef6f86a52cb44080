"""What a person states, as given: an answers file's content, where each key came from, and command-line flags.

These are plain records; `priorities.py` turns them into validated Priorities, mcstrat.files reads
and writes answers files, and the command line fills `Overrides` from its flags.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from mcstrat.core.lines import Lines, locate
from mcstrat.core.vocabulary import RangeMode, Unmentioned, Weighting
from mcstrat.errors import InputError


@dataclass(frozen=True)
class AnswersFile:
    """An answers file, version 1: what `recommend --answers FILE` reads and the questionnaire saves.

    Plain data: mcstrat.files.answers reads and checks a file into one (`answers_from_data`); the
    questionnaire and `priorities.to_answers` build one directly. Unlike the other records
    (NamedTuples, see catalog.py) it is a dataclass: every field has a default, and a dataclass
    gives each answers file its own empty dicts and lists.
    """

    version: int = 1
    name: str | None = None
    priorities: dict[str, float | str] = field(default_factory=dict)
    target_horizon: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    require: list[str] = field(default_factory=list)
    ranges: RangeMode = RangeMode.midpoint
    stakeholder_weight: float | None = None  # None: not given (refused in a group, whose file sets weights)
    # the other two ways to state priorities (weighting.py); a file uses one of the three
    swing: dict[str, float | str] = field(default_factory=dict)
    ranking: str | None = None
    unmentioned: Unmentioned = Unmentioned.medium  # what a criterion not stated counts as

    @property
    def weighting(self) -> Weighting:
        """How this file states priorities: swing points, a ranking, or importances (the default)."""
        if self.swing:
            return Weighting.swing
        return Weighting.ranking if self.ranking is not None else Weighting.importance

    def to_data(self) -> dict[str, Any]:
        """Plain data in the file's shape (a stakeholder_weight not given is left out, as the file leaves it)."""
        data = dataclasses.asdict(self)
        if data["stakeholder_weight"] is None:
            del data["stakeholder_weight"]
        if data["unmentioned"] == Unmentioned.medium:  # the default, left unstated as files leave it
            del data["unmentioned"]
        return data


class LoadedAnswers(NamedTuple):
    """An answers file as read: its validated content and the line of each key path."""

    path: Path
    answers: AnswersFile
    lines: Lines
    sha256: str  # of the exact bytes read and validated; "" for answers not read from a file

    def where(self) -> dict[str, str]:
        """Origins for error messages, e.g. 'answers.yaml: line 7: priorities.risk'."""
        out: dict[str, str] = {}

        def put(key: str, path: tuple[Any, ...]) -> None:
            out[key] = f"{self.path}: {locate(path, self.lines).removesuffix(': ')}"

        for key in ("ranges", "stakeholder_weight", "target_horizon", "unmentioned"):
            put(key, (key,))
        for key in ("priorities", "exclude", "require"):  # a problem with the whole list is shown where it is
            if getattr(self.answers, key):
                put(key, (key,))
        for key in self.answers.priorities:
            put(f"priorities.{key}", ("priorities", key))
        for key in self.answers.swing:
            put(f"swing.{key}", ("swing", key))
        put("ranking", ("ranking",))
        for key in self.answers.targets:
            put(f"targets.{key}", ("targets", key))
        for i in range(len(self.answers.exclude)):
            put(f"exclude.{i}", ("exclude", i))
        for i in range(len(self.answers.require)):
            put(f"require.{i}", ("require", i))
        return out


@dataclass
class Overrides:
    """Priorities given as command-line flags; each value keeps the flag it came from for errors."""

    importances: dict[str, tuple[Any, str]] = field(default_factory=dict)
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    require: list[str] = field(default_factory=list)
    ranges: str | None = None  # as typed; checked with the rest of the priorities
    swing: dict[str, tuple[Any, str]] = field(default_factory=dict)
    ranking: tuple[str, str] | None = None

    def any_priority(self) -> bool:
        """True when the flags state any priority (so no questionnaire is needed)."""
        return bool(self.importances or self.targets or self.swing or self.ranking)

    def method(self) -> Weighting | None:
        """How the flags state priorities, None if they don't; InputError when they mix ways."""
        used = {
            Weighting.importance: sorted({flag for _, flag in self.importances.values()}),
            Weighting.swing: sorted({flag for _, flag in self.swing.values()}),
            Weighting.ranking: [self.ranking[1]] if self.ranking else [],
        }
        given = [k for k, flags in used.items() if flags]
        if len(given) > 1:
            shown = " with ".join(", ".join(used[k]) for k in given)
            raise InputError(
                f"{shown}: priorities are stated one way at a time; use importance flags (such as --roi high), "
                "--swing CRITERION=POINTS, or --ranking '...', not a mix"
            )
        return given[0] if given else None
