"""Whose report it is: one canonical identity for a reporting unit, however it is written.

上海市浦东新区 = 浦东新区 = 上海浦东新区 = 浦东新区人民政府: each resolves through the
division codes (drafter.read.divisions) to the same Unit. A department or a street
office keeps its own identity (泾源县公安局, 中宁县宁安镇) and knows the division it
belongs to. The canonical name is the shortest that names one unit only (朝阳区 is
two districts: 北京市朝阳区). Names the gazetteer does not know (明湖区, a district
since merged) stay as written, junk prefixes and 人民政府 removed.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from ..core.normalize import normalize
from .divisions import Mention, ancestors, divisions, names_in, place_rules, scan, surface_forms


@dataclass(frozen=True)
class Unit:
    """A reporting unit: canonical name, the division(s) it is or belongs to, its department."""

    name: str
    codes: tuple[str, ...] = ()  # its own division, or the one it belongs to
    below: str = ""  # a department (公安局, 司法部) or a division the codes lack (下城区)
    source: str = ""  # where it was read: 标题, 发文机关, 署名, 导语, 正文, 文件名, 输入

    @property
    def key(self) -> str:
        """What two names of the same unit share."""
        return f"{'/'.join(self.codes) or self.name}|{self.below}"

    @property
    def level(self) -> str:
        """The reporting level (乡镇街道, 区县政府, 市政府, 省政府, 政府部门)."""
        return level_of(self.name)


def level_of(name: str) -> str:
    """The reporting level a unit's name suggests (区县政府 when nothing says otherwise)."""
    if name.endswith(("镇", "乡", "街道", "苏木")):
        return "乡镇街道"
    if name.endswith(("局", "委", "办", "厅", "部")):
        return "政府部门"
    if name.endswith(("省", "自治区")) or name in ("北京市", "天津市", "上海市", "重庆市"):
        return "省政府"
    if name.endswith(("市", "自治州", "地区", "盟")):
        return "市政府"
    return "区县政府"


def same_unit(a: str, b: str) -> bool:
    """Whether two written names mean the same unit (an ambiguous name matches each it may be)."""
    if not a or not b:
        return False
    ua, ub = resolve_unit(a), resolve_unit(b)
    if ua.codes and ub.codes:
        return ua.below == ub.below and bool(set(ua.codes) & set(ub.codes))
    short, long = sorted((ua.name, ub.name), key=len)
    return short == long or (len(short) >= 3 and long.endswith(short))


def resolve_units(names: list[str]) -> None:
    """Resolve many names at once (a corpus's issuers), the results kept in the cache folder:
    the next command on the same corpus reads them instead of resolving each name again."""
    from ..core.cache import cached, source_key
    from .gazetteer import gazetteer_key

    wanted = sorted({n for n in names if n and n not in _RESOLVED})
    if not wanted:
        return
    here = Path(__file__)
    code = [here, here.with_name("divisions.py"), here.parent.parent / "core" / "normalize.py"]
    key = source_key(gazetteer_key(), *code, "\n".join(wanted))
    found = cached("units", key, lambda: [astuple(_resolve(n, "输入")) for n in wanted])
    _RESOLVED.update((n, Unit(*row)) for n, row in zip(wanted, found))


_RESOLVED: dict[str, Unit] = {}  # names resolve_units read from the cache (source 输入)


def resolve_unit(written: str, source: str = "输入") -> Unit:
    """The unit a name as typed or printed means; its canonical name."""
    known = _RESOLVED.get(written) if source == "输入" else None
    return known or _resolve(written, source)


@lru_cache(maxsize=16384)  # one a unit of the corpus: a province has thousands
def _resolve(written: str, source: str) -> Unit:
    text = clean_name(written)
    chain = chains(text)
    if not chain or chain[0][1] > 0:  # 下城区: not a name the codes know, whatever is inside it
        department = department_at(text, 0)
        return Unit(department or text, (), department or "", source)
    return unit_at(text, chain[0], source)


def unit_at(text: str, chain: tuple[tuple[str, ...], int, int], source: str) -> Unit:
    """The unit a run of division names names, with a department or unknown division after it."""
    codes, start, end = chain
    below = department_at(text, end) or _unknown_division(text[end:], codes)
    name = canonical_name(codes) if len(codes) == 1 else text[start:end]
    return Unit(name + below, codes, below, source)


def clean_name(written: str) -> str:
    """A unit name without junk prefixes, notes in brackets and 人民政府-like endings."""
    rules = place_rules()
    text = normalize(written).strip()
    text = re.sub(r"（[^）]*）|\([^)]*\)", "", text)
    for pattern in rules["junk_prefixes"]:
        text = re.sub(pattern, "", text).strip()
    for prefix in rules["national_prefixes"]:
        text = text.removeprefix(prefix)
    for word in sorted(rules["government_words"], key=len, reverse=True):
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)]
    return text


def canonical_name(codes: tuple[str, ...]) -> str:
    """The shortest name naming the division alone: 浦东新区, 北京市朝阳区."""
    if len(codes) != 1:
        return divisions()[codes[0]].name if codes else ""
    code, name = codes[0], ""
    for step in ancestors(codes[0]):
        name = divisions()[step].name + name
        if _unique(name, code):
            return name
    return name


def _unique(name: str, code: str) -> bool:
    chain = chains(name)
    return bool(chain) and chain[0][0] == (code,)


def chains(text: str, strict: bool = False) -> list[tuple[tuple[str, ...], int, int]]:
    """Runs of adjacent division names (北京市海淀区): the codes the last may mean, start, end.

    strict: only names that stand as names in running text (divisions.standalone)."""
    out, mentions = [], (names_in(text, True) if strict else scan(text, True))
    i = 0
    while i < len(mentions):
        start, codes, end = mentions[i].start, mentions[i].codes, mentions[i].end
        i += 1
        while i < len(mentions) and mentions[i].start == end:
            inside = _inside(mentions[i], codes)
            if not inside:
                break
            codes, end = inside, mentions[i].end
            i += 1
        out.append((codes, start, end))
    return out


def _inside(mention: Mention, areas: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in mention.codes if any(a in ancestors(c)[1:] for a in areas))


def department_at(text: str, start: int) -> str | None:
    """A department name starting at start (公安局, 市场监管局, 司法部), if one does."""
    rules = place_rules()
    endings = "|".join(rules["department_endings"])
    found = re.match(
        rf"[\u4e00-\u9fa5]{{1,{rules['department_max_chars']}}}?(?:{endings})", text[start:]
    )
    if not found:
        return None
    name = found.group(0)
    if any(name.endswith(w) for w in rules["not_departments"]) or "政府" in name or "委" in name:
        return None
    return name


def _unknown_division(rest: str, codes: tuple[str, ...]) -> str:
    """A division the codes lack, right after its parent (英德市下太镇, 杭州市下城区)."""
    level = divisions().level(codes[0])
    suffixes = {2: "区|县", 3: "镇|乡|街道"}.get(level, "") if level < 4 else ""
    found = re.match(rf"([\u4e00-\u9fa5]{{2,4}}?)(?:{suffixes})", rest) if suffixes else None
    if not found or re.search("[区县镇乡市委在]", found.group(1)):
        return ""
    return "" if surface_forms(True).get(found.group(0)) else found.group(0)
