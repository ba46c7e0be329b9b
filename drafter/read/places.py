"""Other areas' place names in a report (跨地抄): divisions down to 乡镇街道, and short names
in slogans ("法治宝山" in another district's report).

A name is the report's own when it is the unit's division, one of its parents, or one
inside it; everything else is another area's. Names are read as names only where
they stand as names (drafter.read.divisions.standalone: not 金山区域, not 临港新城区).
With no known unit, only county-level names are reported, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .divisions import TOWN, Mention, ancestors, divisions, names_in, place_rules, stem_of, stems
from .unit import resolve_unit


def foreign_names(text: str, region: str, min_chars: int = 3) -> list[str]:
    """Names of divisions in the text that are not the region's own, above or below it."""
    own = resolve_unit(region).codes if region else ()
    out: list[str] = []
    previous = None
    for mention in names_in(text):
        within_previous = previous is not None and previous.end == mention.start
        previous = mention
        if len(mention.text) < min_chars or mention.text in out or _generic_town(mention):
            continue
        if within_previous:  # 昆山市淀山湖镇: one place, named by its parent already
            continue
        if _foreign(mention.codes, own) and not (region and mention.text in region):
            out.append(mention.text)
    for name, codes in slogan_names(text):
        if own and name not in out and _foreign(codes, own):
            out.append(name)
    return out


def related(code: str, own: tuple[str, ...]) -> bool:
    """The same division as one of own, one of its parents, or one inside it."""
    chain = ancestors(code)
    return any(mine in chain or code in ancestors(mine) for mine in own)


def _generic_town(mention: Mention) -> bool:
    """城关镇, 中心镇, 东城街道: dozens of towns share the name and it is a common word."""
    generic = place_rules()["generic_stem_chars"]
    towns = all(divisions().level(code) == TOWN for code in mention.codes)
    return towns and all(c in generic for c in stem_of(mention.text))


def _foreign(codes: tuple[str, ...], own: tuple[str, ...]) -> bool:
    if own:
        return not any(related(code, own) for code in codes)
    # the unit unknown: a province or city may well be its parent, a town too small to tell
    return all(divisions().level(code) == 3 for code in codes)


def slogan_names(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Short names after a slogan word: 法治宝山, 平安浦东 → (the slogan, the divisions meant)."""
    found, not_places = [], place_rules()["slogan_not_places"]
    for match in _slogan().finditer(text):
        rest = match.group(2)
        for size in range(len(rest), 1, -1):
            codes = None if rest[:size] in not_places else stems().get(rest[:size])
            if codes:
                found.append((match.group(1) + rest[:size], codes))
                break
    return found


@lru_cache(maxsize=1)
def _slogan() -> re.Pattern:
    prefixes = "|".join(map(re.escape, place_rules()["slogan_prefixes"]))
    return re.compile(rf"({prefixes})([\u4e00-\u9fa5]{{2,4}})")


def mentioned(text: str) -> list[Mention]:
    """Every division name standing as a name in the text (for tests and tools)."""
    return names_in(text)
