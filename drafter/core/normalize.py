"""Text normalisation for analysis: the original is always kept for display and quoting.

Traditional -> simplified (OpenCC tables, offline), full-width letters and digits ->
ASCII, ASCII punctuation between/around Chinese -> Chinese punctuation, whitespace.

OpenCC's pure-Python conversion is slow, and almost every report is already simplified: it
runs only on text holding one of its changing entries. OpenCC changes text only where one of
its keys matches with a different value, and a match needs every character of the key: a
traditional-only character, or one of a few phrases (反覆, 沈默 …) spelled with characters that
are simplified too (tested against OpenCC itself in tests/test_normalize.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({0xFF0E: ord("."), 0xFF05: ord("%"), 0x3000: ord(" "), 0x00A0: ord(" ")})
_WIDE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _FULLWIDTH) + "]")
_PARENS = str.maketrans({"(": "（", ")": "）"})
_CN_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT = re.compile(r"[,:;?!]")
_ASCII_PUNCT_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])[,:;?!]|[,:;?!](?=[^\x00-\x7f])")
_SPACE = re.compile(r"[ \t\u2002-\u200b\u2028\u2029\ufeff]+")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # imported late: only analysis needs it

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _triggers() -> tuple[frozenset[str], re.Pattern | None]:
    """What makes OpenCC t2s change text: the characters of its changing one-character entries,
    and its changing phrases made only of characters that are otherwise left alone."""
    folder = Path(find_spec("opencc").origin).parent / "dictionary"
    entries = [
        line.strip().split("\t")
        for name in ("TSCharacters.txt", "TSPhrases.txt")
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    changing = [key for key, value in entries if value.split(" ")[0] != key]
    chars = frozenset(key for key in changing if len(key) == 1)
    phrases = sorted(key for key in changing if len(key) > 1 and chars.isdisjoint(key))
    return chars, re.compile("|".join(map(re.escape, phrases))) if phrases else None


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified (OpenCC t2s); text without anything
    OpenCC would change is returned as it is, without running OpenCC."""
    if text.isascii():
        return text
    chars, phrases = _triggers()
    if chars.isdisjoint(text) and (phrases is None or not phrases.search(text)):
        return text
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """The analysis form of a line: simplified, one width, Chinese punctuation, single spaces.

    Each step runs only on a line that holds what it changes: a translation looks up every
    character and a lookbehind is tried at every position, each slower than the search."""
    text = unicodedata.normalize("NFC", text)
    if _WIDE.search(text):
        text = text.translate(_FULLWIDTH)
    text = to_simplified(text)
    if "(" in text or ")" in text:
        text = text.translate(_PARENS)
    if _ASCII_PUNCT.search(text):
        text = _ASCII_PUNCT_BY_CJK.sub(lambda m: _CN_PUNCT[m.group()], text)
    text = _SPACE.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if " " in text else text


def looks_traditional(text: str) -> bool:
    """Whether the text is written mostly in traditional characters."""
    sample = text[:4000]
    changed = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
    return changed > max(5, len(sample) // 100)
