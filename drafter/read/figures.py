"""Recognise figures in report prose ("审结34件") as metric values, keeping the source sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "previous_words": Field(list, True, str),
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


@lru_cache(maxsize=1)
def _previous_words() -> tuple[str, ...]:
    return tuple(load_rules("extract.yaml", _SPEC)["previous_words"])


def _this_year(match: re.Match) -> bool:
    """Not last year's figure (“收到行政复议申请由上年的152件增加到186件”)."""
    return not any(word in match.group(0) for word in _previous_words())


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
                if match and _this_year(match):
                    value = int(next(g for g in match.groups() if g))
                    found.append(
                        (index, Figure(group, count, value, _original(sentence, norm, original)))
                    )
    return found


def figure_spans(sentence: str) -> list[tuple[int, int, Figure]]:
    """(start, end, figure) of every figure the rules recognise in one normalised sentence,
    in text order (a figure is bound to a comparison written right after it)."""
    found = []
    for group, count, context, pattern in _compiled():
        if not context.search(sentence):
            continue
        for match in filter(_this_year, pattern.finditer(sentence)):
            value = int(next(g for g in match.groups() if g))
            found.append((match.start(), match.end(), Figure(group, count, value, sentence)))
    return sorted(found, key=lambda span: (span[1], span[0]))


def _original(sentence: str, norm: str, original: str) -> str:
    start = norm.find(sentence)
    if start >= 0 and len(norm) == len(original):
        return original[start : start + len(sentence)].strip()
    return sentence.strip()
