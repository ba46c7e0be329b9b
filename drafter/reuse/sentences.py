"""Sentences and paragraphs for reuse detection: normalised, numbers masked, offsets kept.

"审结34件" and "审结41件" become the same masked sentence, so last year's text
with this year's figures is still found — and the changed figures can be listed. The
issuer's own name is masked too: "2024年，杨浦区坚持以……" and "2024年，明湖区坚持以……"
are the same sentence, a stock phrase of every unit rather than each unit's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..core.normalize import normalize
from ..core.report import Report

MASK = "#"
NAME_MASK = "@"
_GOVERNMENT = ("人民政府", "政府")
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*%?|[零〇一二三四五六七八九十百千万亿两]{2,}(?=[年月日件项个次名人条家所万亿%])"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
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


@lru_cache(maxsize=16384)  # one a unit of the corpus: a province's thousand would thrash 256
def _own_names(issuer: str) -> tuple[str, ...]:
    """The issuer's name as its report writes it: in full, and without 人民政府/政府 —
    longest first. Each is a prefix of the full name, so each starts with the last."""
    forms = {issuer}
    for suffix in _GOVERNMENT:
        if issuer.endswith(suffix):
            forms.add(issuer.removesuffix(suffix))
    return tuple(sorted((f for f in forms if len(f) >= 2), key=len, reverse=True))


def _name_spans(text: str, forms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the issuer's name is written, left to right, the longest form at each place
    (what the regular expression of the forms, longest first, would find — without
    compiling one for each of a corpus's thousand issuers)."""
    spans, shortest, at = [], forms[-1], text.find(forms[-1])
    while at >= 0:
        form = next(f for f in forms if text.startswith(f, at))
        spans.append((at, at + len(form)))
        at = text.find(shortest, at + len(form))
    return spans


def mask(text: str, issuer: str = "") -> str:
    """The matching form of a sentence: figures masked, and the issuer's own name."""
    masked = _NUMBER.sub(MASK, text)
    forms = _own_names(issuer) if issuer else ()
    if not forms or forms[-1] not in masked:
        return masked
    return _substitute(_name_spans(masked, forms), NAME_MASK, masked, None)[0]


def mask_offsets(text: str, issuer: str = "") -> tuple[str, list[int]]:
    """mask(text, issuer), and where each of its characters starts in text (one more entry for
    the end): a masked run [a, b) is text[starts[a] : starts[b]], figures and names whole."""
    spans = [m.span() for m in _NUMBER.finditer(text)]
    masked, starts = _substitute(spans, MASK, text, list(range(len(text) + 1)))
    forms = _own_names(issuer) if issuer else ()
    return (
        _substitute(_name_spans(masked, forms), NAME_MASK, masked, starts)
        if forms
        else (masked, starts)
    )


def _substitute(spans: list[tuple[int, int]], char: str, text: str, starts: list[int] | None):
    """Each span of text replaced by char, the offsets (starts) carried along if given."""
    out, where, cursor = [], [], 0
    for start, end in spans:
        out.append(text[cursor:start])
        if starts is not None:
            where += starts[cursor:start] + [starts[start]]
        out.append(char)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), (where + starts[cursor:] if starts is not None else None)


def sentences_of(
    paragraph: str, index: int = 0, normalised: bool = False, issuer: str = ""
) -> list[Sentence]:
    """Split a paragraph on 。；！？ and line ends; mask each (figures, the issuer's name)."""
    text = paragraph if normalised else normalize(paragraph)
    out = []
    for match in _SPLIT.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + raw.index(stripped[0])
        out.append(Sentence(index, start, start + len(stripped), stripped, mask(stripped, issuer)))
    return out


def changed_numbers(mine: Sentence | str, theirs: Sentence | str) -> list[tuple[str, str]]:
    """Figures that differ between two matching sentences, in order: [(theirs, mine), …].

    The masked sentences are aligned character by character; a figure is paired with the
    one at the same place of the aligned text, and only with one of its kind (a count with
    a count, a rate with a rate, a year with a year) — a figure added or dropped pairs with
    nothing, so the rest stay paired right."""
    a = theirs.text if isinstance(theirs, Sentence) else theirs
    b = mine.text if isinstance(mine, Sentence) else mine
    (masked_a, figures_a), (masked_b, figures_b) = _masked(a), _masked(b)
    pairs = []
    matcher = SequenceMatcher(None, masked_a, masked_b, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            x, y = figures_a.get(i + k), figures_b.get(j + k)
            if x and y and x[1] == y[1] and x[0] != y[0]:
                pairs.append((x[0], y[0]))
    return pairs


def _masked(text: str) -> tuple[str, dict[int, tuple[str, str]]]:
    """The masked text, and each mask's position -> (figure, kind)."""
    out, figures, cursor = [], {}, 0
    for match in _NUMBER.finditer(text):
        out.append(text[cursor : match.start()])
        figures[sum(map(len, out))] = (match.group(), _kind(match.group(), text[match.end() :]))
        out.append(MASK)
        cursor = match.end()
    out.append(text[cursor:])
    return "".join(out), figures


def _kind(figure: str, after: str) -> str:
    """rate (15.8%), year (2024年) or count (152件, 3, 一百)."""
    if figure.endswith("%") or after.startswith(("个百分点", "‰")):
        return "rate"
    if _YEAR.fullmatch(figure) and after.startswith("年"):
        return "year"
    return "count"


def draft_sentences(target: Report) -> list[tuple[int, Sentence]]:
    """(paragraph index, sentence) of every sentence of the draft's paragraphs, masked: split
    once and given to each match against a corpus."""
    issuer = target.region or ""
    return [
        (i, s)
        for i, p in enumerate(target.passages)
        if not p.is_heading
        for s in sentences_of(p.norm, i, normalised=True, issuer=issuer)
    ]
