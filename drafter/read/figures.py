"""Recognise figures in report prose ("审结34件") as metric values, keeping the source sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "rules": Field(
        list,
        True,
        {
            "group": Field(str, True),
            "count": Field(str, True),
            "context": Field(str, True),
            "pattern": Field(str, True),
        },
    ),
}
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


@dataclass(frozen=True)
class Figure:
    """A figure recognised in the prose, with the sentence it came from."""

    group: str
    count: str
    value: int
    sentence: str  # original text of the sentence the figure came from


@lru_cache(maxsize=1)
def _compiled() -> tuple:
    rules = load_rules("extract.yaml", _SPEC)["rules"]
    return tuple(
        (r["group"], r["count"], re.compile(r["context"]), re.compile(r["pattern"])) for r in rules
    )


def extract_figures(paragraphs: list[tuple[str, str]]) -> list[Figure]:
    """First figure for each (group, count) in (normalised, original) paragraphs, in text order."""
    found: dict[tuple[str, str], Figure] = {}
    for _, figure in all_figures(paragraphs):
        found.setdefault((figure.group, figure.count), figure)
    return list(found.values())


def all_figures(paragraphs: list[tuple[str, str]]) -> list[tuple[int, Figure]]:
    """(paragraph index, figure) for every figure, one per (group, count) and sentence."""
    found = []
    for index, (norm, original) in enumerate(paragraphs):
        for sentence in _SENTENCE.findall(norm):
            for group, count, context, pattern in _compiled():
                match = pattern.search(sentence) if context.search(sentence) else None
                if match:
                    value = int(next(g for g in match.groups() if g))
                    found.append(
                        (index, Figure(group, count, value, _original(sentence, norm, original)))
                    )
    return found


def _original(sentence: str, norm: str, original: str) -> str:
    start = norm.find(sentence)
    if start >= 0 and len(norm) == len(original):
        return original[start : start + len(sentence)].strip()
    return sentence.strip()
