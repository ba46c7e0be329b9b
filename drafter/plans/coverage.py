"""Which plan items a report's text covers: character bigrams weighted tf-idf, compared by
cosine — no dictionary, no model.

Each item (task, goal or target) is a vector of the bigrams of its title (counted
title_weight times) and wording; a bigram used by many of the plan's items weighs
little. A piece of report text covers an item when their cosine reaches min_cosine
and the item is among the best_of items closest to that text (a paragraph usually
reports one to three tasks, not twenty).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..core.normalize import normalize
from .settings import PlanSettings, plan_settings

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_FIGURE = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:{unit})"


def bigrams(text: str, stop: frozenset[str] = frozenset()) -> Counter:
    """The character bigrams of the Chinese runs of a text, stop bigrams left out."""
    grams: Counter = Counter()
    for run in _CJK_RUN.findall(normalize(text)):
        grams.update(run[i : i + 2] for i in range(len(run) - 1) if run[i : i + 2] not in stop)
    return grams


class ItemIndex:
    """The plan's items as tf-idf bigram vectors; finds the items a text covers."""

    def __init__(self, items: list[tuple[str, str]], settings: PlanSettings | None = None):
        """items: (title, wording) of each item, in a fixed order."""
        self.settings = settings or plan_settings()
        counts = [self._counts(title, text) for title, text in items]
        df = Counter(g for c in counts for g in c)
        self.unknown = math.log(1 + len(counts) or 1)  # a bigram no item uses
        self.idf = {g: math.log(1 + len(counts) / n) for g, n in df.items()}
        self.items = [self.vector(c) for c in counts]

    def _counts(self, title: str, text: str) -> Counter:
        grams = bigrams(text, self.settings.stop_bigrams)
        for gram, n in bigrams(title, self.settings.stop_bigrams).items():
            grams[gram] += n * self.settings.title_weight
        return grams

    def vector(self, counts: Counter) -> dict[str, float]:
        """Log-scaled, idf-weighted, unit-length."""
        raw = {g: (1 + math.log(n)) * self.idf.get(g, self.unknown) for g, n in counts.items()}
        norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
        return {g: x / norm for g, x in raw.items()}

    def vector_of(self, text: str) -> dict[str, float]:
        """The vector of a text (a target's sentence, a report paragraph)."""
        return self.vector(bigrams(text, self.settings.stop_bigrams))

    def similarities(self, vector: dict[str, float]) -> list[float]:
        """The cosine of a text's vector with each item."""
        return [sum(x * item.get(g, 0.0) for g, x in vector.items()) for item in self.items]

    def covered(self, scores: list[list[float]]) -> dict[int, tuple[int, float]]:
        """item index -> (index of the text that covers it best, the cosine), from each
        text's similarities."""
        best: dict[int, tuple[int, float]] = {}
        for t, row in enumerate(scores):
            ranked = sorted(range(len(row)), key=lambda i: -row[i])
            for i in ranked[: self.settings.best_of]:
                if row[i] >= self.settings.min_cosine and row[i] > best.get(i, (0, 0.0))[1]:
                    best[i] = (t, row[i])
        return best


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit vectors."""
    small, large = sorted((a, b), key=len)
    return sum(x * large.get(g, 0.0) for g, x in small.items())


def has_figure(text: str, unit: str) -> bool:
    """Whether the text gives a figure in the unit (60学时, 4人, 98%); any figure if no unit."""
    if not unit:
        return bool(re.search(r"\d", text))
    return bool(re.search(_FIGURE.format(unit=re.escape(unit)), normalize(text)))
