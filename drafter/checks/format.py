"""Engines for a Word draft's type: fonts and sizes by role, line spacing, first-line indent.

They read the formatting facts drafter.read put on the report (core.docformat) and
report a problem once: the same wrong value in many paragraphs is one finding at
the first of them, with the count. Reports without a .docx behind them have no facts.
"""

from __future__ import annotations

from ..core.docformat import DocumentFormat, ParagraphFormat, Span
from ..core.report import Report
from ..core.ruletable import Rule

BODY_ROLES = ("body", "addressee", "signature", "date")
INDENTED_ROLES = ("body", "heading")


def format_body_font(report: Report, rule: Rule):
    """Body text (and 主送机关, signature, date) in 3号仿宋."""
    facts = report.format
    if facts is None:
        return
    paragraphs = [(p, p.spans) for p in facts.with_role(*BODY_ROLES)]
    paragraphs += [(p, p.rest_spans()) for p in facts.with_role("heading") if p.lead]
    yield from _face_and_size(facts, rule, paragraphs, rule.params["fonts"], {})


def format_title(report: Report, rule: Rule):
    """The title in 2号小标宋, centred, with no indent pushing it off centre."""
    facts = report.format
    if facts is None:
        return
    titles = facts.with_role("title")
    yield from _face_and_size(facts, rule, [(p, p.spans) for p in titles], rule.params["fonts"], {})
    for p in titles:
        off = p.align != "center" and "对齐方式为" + _ALIGN_NAMES.get(p.align, p.align)
        off = off or (abs(p.first_line_chars) > 0.1 and f"首行缩进 {p.first_line_chars:g} 字")
        off = off or (abs(p.left_pt - p.right_pt) > 2 and "左右缩进不等")
        if off:
            yield rule.finding("align", location=facts.location(p), found=off, evidence=p.text)


def format_heading_font(report: Report, rule: Rule):
    """Level 1 黑体, level 2 楷体, levels 3–4 仿宋, all 3号 (a run-in heading: its lead)."""
    facts = report.format
    if facts is None:
        return
    for level in (1, 2, 3, 4):
        heads = [(p, p.lead_spans()) for p in facts.paragraphs if p.level == level]
        fields = {"level": "一二三四"[level - 1], "expected": rule.params["expected"][level - 1]}
        yield from _face_and_size(facts, rule, heads, rule.params["fonts"][level - 1], fields)


def format_line_spacing(report: Report, rule: Rule):
    """Exact line spacing that puts 22 lines in the 225 mm type area."""
    facts = report.format
    if facts is None:
        return
    low, high = rule.params["min_pt"], rule.params["max_pt"]
    wrong = {}
    for p in facts.with_role(*BODY_ROLES, "heading"):
        if not (p.line_rule == "exact" and low <= p.line_value <= high):
            wrong.setdefault(_spacing_name(p), []).append(p)
    yield from _grouped(facts, rule, wrong, None)


def format_first_line(report: Report, rule: Rule):
    """Paragraphs and headings 左空二字; the 主送机关 flush left."""
    facts = report.format
    if facts is None:
        return
    want, tolerance = rule.params["chars"], rule.params["tolerance_chars"]
    wrong = {}
    for p in facts.with_role(*INDENTED_ROLES):
        chars = _indent_chars(p, facts)
        if abs(chars - want) > tolerance:
            wrong.setdefault(f"{chars:g}", []).append(p)
    yield from _grouped(facts, rule, wrong, None)
    for p in facts.with_role("addressee"):
        chars = _indent_chars(p, facts)
        if abs(chars) > tolerance:
            yield rule.finding(
                "addressee", location=facts.location(p), found=f"{chars:g}", evidence=p.text
            )


def format_date(report: Report, rule: Rule):
    """成文日期 in Arabic numerals, the year in full, no leading zeros (2025年3月6日)."""
    import re

    facts = report.format
    if facts is None:
        return
    for p in facts.with_role("date"):
        text = re.sub(r"\s+", "", p.text)
        if not re.fullmatch(rule.params["pattern"], text):
            yield rule.finding(location=facts.location(p), found=p.text, evidence=p.text)


# ── shared ─────────────────────────────────────────────────────────────────

_ALIGN_NAMES = {
    "left": "左对齐",
    "right": "右对齐",
    "justify": "两端对齐",
    "distribute": "分散对齐",
}


def _face_and_size(facts: DocumentFormat, rule: Rule, paragraphs, fonts, fields: dict):
    """One finding per wrong face and per wrong size among the paragraphs' Chinese text."""
    size, tolerance = rule.params["size_pt"], rule.params["size_tolerance_pt"]
    faces, sizes = {}, {}
    for p, spans in paragraphs:
        face, pt = p.main_font(spans)
        if face and face not in fonts:
            faces.setdefault(face, []).append(p)
        if pt is not None and abs(pt - size) > tolerance:
            sizes.setdefault(f"{pt:g}", []).append(p)
        if not face and not pt and _has_han(spans):
            faces.setdefault("（未指定）", []).append(p)
    yield from _grouped(facts, rule, faces, None, **fields)
    yield from _grouped(facts, rule, sizes, "size", **fields)


def _grouped(facts: DocumentFormat, rule: Rule, wrong: dict, case, **fields):
    for found, paragraphs in wrong.items():
        first = paragraphs[0]
        yield rule.finding(
            case,
            location=facts.location(first),
            found=found,
            count=len(paragraphs),
            evidence=first.text,
            **fields,
        )


def _has_han(spans: list[Span]) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for s in spans for ch in s.text)


def _indent_chars(p: ParagraphFormat, facts: DocumentFormat) -> float:
    """The first line's indent in characters, counting leading spaces typed by hand."""
    leading = "".join(s.text for s in p.spans)
    spaces = len(leading) - len(leading.lstrip("\u3000"))
    half = len(leading.lstrip("\u3000")) - len(leading.lstrip("\u3000").lstrip(" "))
    return round(p.first_line_chars + p.left_pt / facts.char_pt + spaces + half / 2, 2)


def _spacing_name(p: ParagraphFormat) -> str:
    if p.line_rule == "exact":
        return f"固定值 {p.line_value:g} 磅"
    if p.line_rule == "atLeast":
        return f"最小值 {p.line_value:g} 磅"
    return "单倍" if p.line_value == 1 else f"{p.line_value:g} 倍"


ENGINES = (
    format_body_font,
    format_title,
    format_heading_font,
    format_line_spacing,
    format_first_line,
    format_date,
)
