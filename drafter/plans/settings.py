"""rules/plans.yaml, validated and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.ruletable import load_rules
from ..core.validate import Field

_PERIOD = {"name": Field(str, True), "start": Field(int, True), "end": Field(int, True)}
_SPEC = {
    "source": Field(str, True),
    "goal_words": Field(list, True, str),
    "periods": Field(list, True, _PERIOD),
    "period_pattern": Field(str, True),
    "ignore_lines": Field(list, True, str),
    "targets": Field(
        dict, True, {"figure": Field(list, True, str), "deadline": Field(list, True, str)}
    ),
    "coverage": Field(
        dict,
        True,
        {
            "stop_bigrams": Field(list, True, str),
            "title_weight": Field(float, True),
            "min_cosine": Field(float, True),
            "best_of": Field(int, True),
            "report_parts": Field(list, True, str),
        },
    ),
}


@dataclass(frozen=True)
class PlanSettings:
    """What plan extraction and reconciliation read from rules/plans.yaml."""

    goal_words: tuple[str, ...]
    periods: tuple[tuple[str, int, int], ...]
    period_pattern: re.Pattern
    ignore_lines: tuple[re.Pattern, ...]
    figure_patterns: tuple[re.Pattern, ...]
    deadline_patterns: tuple[re.Pattern, ...]
    stop_bigrams: frozenset[str]
    title_weight: float
    min_cosine: float
    best_of: int
    report_parts: tuple[str, ...]


@lru_cache(maxsize=1)
def plan_settings() -> PlanSettings:
    """The settings of rules/plans.yaml."""
    raw = load_rules("plans.yaml", _SPEC)
    coverage = raw["coverage"]
    return PlanSettings(
        tuple(raw["goal_words"]),
        tuple((p["name"], p["start"], p["end"]) for p in raw["periods"]),
        re.compile(raw["period_pattern"]),
        tuple(re.compile(p) for p in raw["ignore_lines"]),
        tuple(re.compile(p) for p in raw["targets"]["figure"]),
        tuple(re.compile(p) for p in raw["targets"]["deadline"]),
        frozenset(w for w in coverage["stop_bigrams"] if len(w) == 2),
        coverage["title_weight"],
        coverage["min_cosine"],
        coverage["best_of"],
        tuple(coverage["report_parts"]),
    )
