"""Sentences and paragraphs for reuse detection: normalised, numbers masked, offsets kept.

"审结34件" and "审结41件" become the same masked sentence, so last year's text
with this year's figures is still found — and the changed figures can be listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.normalize import normalize

MASK = "#"
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*%?|[零〇一二三四五六七八九十百千万亿两]{2,}(?=[年月日件项个次名人条家所万亿%])"
)
_SPLIT = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph, normalised and masked, with its offsets."""

    paragraph: int  # index of the paragraph in its document
    start: int  # offset of the sentence in the paragraph's normalised text
    end: int
    text: str  # normalised (unmasked), for display
    masked: str  # normalised with numbers masked, for matching

    def numbers(self) -> list[str]:
        """The figures in the sentence, in order."""
        return _NUMBER.findall(self.text)


def mask_numbers(text: str) -> str:
    """Text with every figure replaced by the mask character."""
    return _NUMBER.sub(MASK, text)


def sentences_of(paragraph: str, index: int = 0, normalised: bool = False) -> list[Sentence]:
    """Split a paragraph on 。；！？ and line ends."""
    text = paragraph if normalised else normalize(paragraph)
    out = []
    for match in _SPLIT.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + raw.index(stripped[0])
        out.append(Sentence(index, start, start + len(stripped), stripped, mask_numbers(stripped)))
    return out


def changed_numbers(mine: Sentence | str, theirs: Sentence | str) -> list[tuple[str, str]]:
    """Figures that differ between two matching sentences, in order: [(theirs, mine), …]."""
    a = theirs.numbers() if isinstance(theirs, Sentence) else _NUMBER.findall(theirs)
    b = mine.numbers() if isinstance(mine, Sentence) else _NUMBER.findall(mine)
    return [(x, y) for x, y in zip(a, b) if x != y]
