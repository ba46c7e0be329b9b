"""Text normalisation for analysis: the original is always kept for display and quoting.

Traditional -> simplified (OpenCC tables, offline), full-width letters and digits ->
ASCII, ASCII punctuation between/around Chinese -> Chinese punctuation, whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({0xFF0E: ord("."), 0xFF05: ord("%"), 0x3000: ord(" "), 0x00A0: ord(" ")})
_PARENS = str.maketrans({"(": "（", ")": "）"})
_CN_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])[,:;?!]|[,:;?!](?=[^\x00-\x7f])")
_SPACE = re.compile(r"[ \t\u2002-\u200b\u2028\u2029\ufeff]+")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # imported late: only analysis needs it

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified (OpenCC t2s)."""
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """The analysis form of a line: simplified, one width, Chinese punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_FULLWIDTH)
    text = to_simplified(text).translate(_PARENS)
    text = _ASCII_PUNCT_BY_CJK.sub(lambda m: _CN_PUNCT[m.group()], text)
    text = _SPACE.sub(" ", text).strip()
    return _CJK_GAP.sub("", text)


def looks_traditional(text: str) -> bool:
    """Whether the text is written mostly in traditional characters."""
    sample = text[:4000]
    changed = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
    return changed > max(5, len(sample) // 100)
