"""Whose report a file is: the unit read from the title, the issuer line, the signature,
the opening sentence ("2022年，XX区……"), the way the text speaks of itself (我县, 全市)
and, last, the file name — each resolved to a canonical unit (drafter.read.unit).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .divisions import Mention, ancestors, divisions, names_in, place_rules
from .unit import Unit, canonical_name, chains, clean_name, department_at, resolve_unit, unit_at

_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|〈[^〉]*〉")
_YEAR = re.compile(r"20\d{2}\s*年度?(以来)?")
_OPENING = re.compile(r"^\s*(?:20\d{2}\s*年(?:度|以来)?|一年来|过去一年)[，,\s]*")
_UNKNOWN_NAME = re.compile(
    r"^([\u4e00-\u9fa5]{1,10}?(?:自治区|自治州|自治县|新区|街道|省|市|区|县|旗|盟|镇|乡))"
)


def infer_unit(outline, file: str = "") -> Unit:
    """The reporting unit of an outline, or Unit("") when nothing names it."""
    text = _whole_text(outline)
    mentions = _Mentions(text)
    for source, line in _identity_lines(outline):
        unit = _unit_in_line(line, source, mentions, text)
        if unit:
            return unit
    unit = _by_self_reference(text, mentions)
    if unit:
        return _prefer_mentioned(unit, mentions, text)
    named = resolve_unit(re.sub(r"[\d_\-\s]+", "", Path(file).stem), "文件名") if file else None
    return named if named and named.codes else Unit("")


class _Mentions:
    """The division names standing in a text, found when first asked for: most titles name
    the unit outright, and scanning the whole text would be the most of reading a report."""

    def __init__(self, text: str):
        self._text, self._found = text, None

    def __iter__(self) -> Iterator[Mention]:
        if self._found is None:
            self._found = names_in(self._text, True, strict=False)
        return iter(self._found)


def _whole_text(outline) -> str:
    parts = [outline.title_norm] + [p.norm for p in outline.preamble]
    for heading in outline.walk():
        parts += [heading.norm_title, heading.runin_body] + [p.norm for p in heading.body]
    return "\n".join(parts)


def _identity_lines(outline):
    yield "标题", outline.title_norm
    yield "发文机关", clean_name(outline.issuer) if outline.issuer else ""
    for para in outline.trailing:
        yield "署名", para.norm
    yield "导语", _opening_sentence(outline)


def _is_addressee(line: str) -> bool:
    """“县委、县政府：” names whom the report goes to, not who sends it."""
    return len(line.strip()) <= 40 and line.rstrip().endswith((":", "："))


def _opening_sentence(outline) -> str:
    paragraphs = [p.norm for p in outline.preamble if not _is_addressee(p.norm)]
    if not paragraphs and outline.headings:
        first = outline.headings[0]
        paragraphs = [first.runin_body] + [p.norm for p in first.body]
    text = next((p for p in paragraphs if len(p) > 10), "")
    return re.split(r"[。！？]", text, maxsplit=1)[0]


def _unit_in_line(line: str, source: str, mentions: Iterable[Mention], text: str) -> Unit | None:
    """The unit a title, issuer, signature or opening sentence names, if it names one."""
    if not line.strip() or _is_addressee(line):
        return None
    line = _OPENING.sub("", line) if source == "导语" else line
    line = _YEAR.sub("，", _QUOTED.sub("，", line))
    line = re.sub("|".join(place_rules()["junk_prefixes"]), "", line.strip("，, ")).strip("，, ")
    unit = _department_subject(line, source, mentions)
    if unit:
        return unit
    found = chains(line, strict=True)
    level = _self_subject(line) if source == "导语" else ""
    found = [c for c in found if all(_fits(code, level) for code in c[0])] if level else found
    if found:
        return _prefer_mentioned(unit_at(line, found[0], source), mentions, line + text)
    if source != "导语":
        named = _UNKNOWN_NAME.match(clean_name(line))
        return Unit(named.group(1), (), "", source) if named else None
    return None


def _self_subject(line: str) -> str:
    """The level an opening speaks of itself at (我市坚持…, 省政府全面…), or ''."""
    for level, words in place_rules()["self_words"].items():
        if any(line.startswith(w) for w in words):
            return level
    return ""


def _department_subject(subject: str, source: str, mentions: Iterable[Mention]) -> Unit | None:
    """A line that starts with a department: 司法部2024年…, 市公安局在市委…, 教育局坚持…"""
    for prefix in place_rules()["national_prefixes"]:  # 原环境保护部
        subject = subject.removeprefix(prefix)
    level = subject[:1] if subject[:1] in "省市县区" else ""
    department = department_at(subject, len(level))
    if not department or chains(department):
        return None
    area = _most_named(mentions, level) if level else None
    if not area:
        return Unit(department, (), department, source)
    return Unit(canonical_name(area) + department, area, department, source)


def _by_self_reference(text: str, mentions: Iterable[Mention]) -> Unit | None:
    """A text that only says 我县/全市: the division of that level it names most."""
    counts = {
        level: sum(text.count(w) for w in words)
        for level, words in place_rules()["self_words"].items()
    }
    level = max(counts, key=counts.get)
    if not counts[level] or level in ("局", "厅"):
        return None
    area = _most_named(mentions, level) or _common_ancestor(mentions, level)
    area = area or (_abbreviated_province(text) if level == "省" else None)
    if level in ("镇", "乡", "街道") and not area:
        return _unlisted_town(text, level, mentions)
    return Unit(canonical_name(area), area, "", "正文") if area else None


def _unlisted_town(text: str, level: str, mentions: Iterable[Mention]) -> Unit | None:
    """A town the codes lack, named with its organs (下太镇委、XX乡人民政府), in its county."""
    pattern = rf"([\u4e00-\u9fa5]{{2}}){level}(?:党委|党工委|人民政府|政府|委|办事处)"
    names = Counter(m.group(1) + level for m in re.finditer(pattern, text))
    names = Counter({n: k for n, k in names.items() if not re.search("[全我本各乡镇村城]", n[:-1])})
    if not names:
        return None
    name = names.most_common(1)[0][0]
    county = _deepest_named(mentions)
    if not county:
        return Unit(name, (), name, "正文")
    return Unit(canonical_name(county) + name, county, name, "正文")


def _fits(code: str, level: str) -> bool:
    return divisions()[code].name.endswith(level)


def _most_named(mentions: Iterable[Mention], level: str) -> tuple[str, ...] | None:
    tally = Counter(m.codes for m in mentions if all(_fits(c, level) for c in m.codes))
    if not tally:
        return None
    best = max(tally.values())
    return next(m.codes for m in mentions if tally.get(m.codes) == best)


def _deepest_named(mentions: Iterable[Mention]) -> tuple[str, ...] | None:
    """The county (else the city) the text names most."""
    for level in (3, 2):
        tally = Counter(
            m.codes for m in mentions if all(divisions().level(c) == level for c in m.codes)
        )
        if tally:
            return tally.most_common(1)[0][0]
    return None


def _common_ancestor(mentions: Iterable[Mention], level: str) -> tuple[str, ...] | None:
    """河南省 for a text that says 我省 and names only 驻马店市."""
    tally = Counter(
        a
        for m in mentions
        if len(m.codes) == 1
        for a in ancestors(m.codes[0])[1:]
        if _fits(a, level)
    )
    return (tally.most_common(1)[0][0],) if tally else None


def _abbreviated_province(text: str) -> tuple[str, ...] | None:
    """陕西省 for a provincial report that only says 习近平总书记来陕考察."""
    rules = place_rules()
    table = rules["province_abbreviations"]
    context = rules["province_abbreviation_context"].replace("{abbr}", "[" + "".join(table) + "]")
    found = Counter(m.group(1) for m in re.finditer(context, text))
    if not found:
        return None
    return resolve_unit(table[found.most_common(1)[0][0]]).codes or None


def _prefer_mentioned(unit: Unit, mentions: Iterable[Mention], text: str) -> Unit:
    """An ambiguous name (宁安镇) narrowed to the one whose parents the text names, or whose
    parent is the level it reports to (在县委、县政府的坚强领导下)."""
    if len(unit.codes) < 2:
        return unit
    named = {c for m in mentions for c in m.codes}
    depth = {
        c: max((divisions().level(a) for a in ancestors(c)[1:] if a in named), default=0)
        for c in unit.codes
    }
    kept = tuple(c for c in unit.codes if depth[c] == max(depth.values()))
    superior = _superior_level(text)
    if len(kept) > 1 and superior:
        parent = {c: divisions()[c].parent_code for c in kept}
        kept = tuple(c for c in kept if divisions()[parent[c]].name.endswith(superior)) or kept
    if len(kept) != 1:
        return unit
    return Unit(canonical_name(kept) + unit.below, kept, unit.below, unit.source)


def _superior_level(text: str) -> str:
    counts = {
        k: sum(text.count(w) for w in ws) for k, ws in place_rules()["superior_words"].items()
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else ""
