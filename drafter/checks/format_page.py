"""Engines for a Word draft's page: paper, margins, page numbers, the signature block."""

from __future__ import annotations

import re

from ..core.docformat import DocumentFormat, Footer, ParagraphFormat
from ..core.report import Report
from ..core.ruletable import Rule

_SIDES = (("top", "上"), ("bottom", "下"), ("left", "左"), ("right", "右"))


def format_paper(report: Report, rule: Rule):
    """A4 portrait."""
    facts = report.format
    if facts is None:
        return
    want = (rule.params["width_mm"], rule.params["height_mm"])
    for page in dict.fromkeys(facts.pages):
        size = (page.width_mm, page.height_mm)
        if max(abs(a - b) for a, b in zip(size, want)) > rule.params["tolerance_mm"]:
            yield rule.finding(
                location=facts.file, found=f"{page.width_mm:g} mm × {page.height_mm:g} mm"
            )
            return


def format_margins(report: Report, rule: Rule):
    """The type area 156 × 225 mm at 37 mm from the top and 28 mm from the left."""
    facts = report.format
    if facts is None:
        return
    tolerance = rule.params["tolerance_mm"]
    for page in dict.fromkeys(facts.pages):
        values = {side: getattr(page, f"{side}_mm") for side, _ in _SIDES}
        if any(abs(values[s] - rule.params[f"{s}_mm"]) > tolerance for s, _ in _SIDES):
            found = "、".join(f"{name} {values[side]:g}" for side, name in _SIDES) + " mm"
            yield rule.finding(location=facts.file, found=found)
            return


def format_page_number(report: Report, rule: Rule):
    """“— 1 —” in 4号宋体; odd pages right, even pages left, one character in."""
    facts = report.format
    if facts is None or not facts.footers:
        return
    footers = {f.kind: f for f in facts.footers}  # the first section's, which all pages show
    odd = footers["default"]
    if not odd.has_page_field:
        yield rule.finding(location=facts.file)
        return
    if not re.fullmatch(rule.params["pattern"], odd.text):
        yield rule.finding("text", location=facts.file, found=odd.text)
    if (
        odd.font not in rule.params["fonts"]
        or abs((odd.size_pt or 0) - rule.params["size_pt"]) > 0.25
    ):
        found = f"“{odd.font or '未指定'}” {odd.size_pt or '未指定'} 磅"
        yield rule.finding("font", location=facts.file, found=found)
    yield from _position(rule, facts, odd, "right", "单页")
    even = footers.get("even")
    if even is None:
        yield rule.finding("same", location=facts.file)
    else:
        yield from _position(rule, facts, even, "left", "双页")


def _position(rule: Rule, facts: DocumentFormat, footer: Footer, side: str, pages: str):
    indent = footer.right_pt if side == "right" else footer.left_pt + footer.first_line_pt
    expected = f"居{'右' if side == 'right' else '左'}空一字"
    if footer.align != side:
        found = {"center": "居中", "left": "居左", "right": "居右"}.get(footer.align, footer.align)
        yield rule.finding(
            "position", location=facts.file, pages=pages, found=found, expected=expected
        )
    elif abs(indent - rule.params["indent_pt"]) > rule.params["tolerance_pt"]:
        found = f"距版心边缘 {indent / rule.params['size_pt']:.1f} 字"
        yield rule.finding(
            "position", location=facts.file, pages=pages, found=found, expected=expected
        )


def format_signature(report: Report, rule: Rule):
    """Without a seal: the name 右空二字, the date starting two characters right of it."""
    facts = report.format
    if facts is None or not facts.pages:
        return
    names, dates = facts.with_role("signature"), facts.with_role("date")
    if not names or not dates:
        return
    name, date = names[-1], dates[-1]
    unit, width = facts.char_pt, _type_width(facts)
    gap = rule.params["script_gap_em"]
    (n_start, n_end), (d_start, d_end) = (_extent(p, width, unit, gap) for p in (name, date))
    right, tolerance = rule.params["right_chars"], rule.params["tolerance_chars"]
    margin = (width - max(n_end, d_end)) / unit
    if abs(margin - right) > tolerance:
        which = "成文日期" if d_end >= n_end else "发文机关署名"
        yield rule.finding(
            location=facts.location(date if d_end >= n_end else name),
            which=which,
            found=f"{margin:.1f}",
            evidence=f"{name.text} {date.text}",
        )
    offset = (d_start - n_start) / unit
    if abs(offset - rule.params["offset_chars"]) > tolerance:
        yield rule.finding(
            "offset", location=facts.location(date), found=f"{offset:.1f}", evidence=date.text
        )


def _type_width(facts: DocumentFormat) -> float:
    page = facts.pages[-1]
    return (page.width_mm - page.left_mm - page.right_mm) * 72 / 25.4


def _extent(p: ParagraphFormat, width: float, unit: float, gap: float) -> tuple[float, float]:
    """Where a one-line paragraph's visible text starts and ends, in points from the left
    margin (spaces typed before it count as they push it right)."""
    raw = "".join(s.text for s in p.spans).rstrip()
    text = raw.lstrip()
    spacing = p.spans[0].spacing_pt if p.spans else 0.0
    size = next((s.size_pt for s in p.spans if s.size_pt), unit)
    length = _width(text, size, spacing, gap)
    if p.align == "right":
        return width - p.right_pt - length, width - p.right_pt
    lead = _width(raw[: len(raw) - len(text)], size, spacing, 0)
    start = p.left_pt + p.first_line_chars * size + lead
    if p.align == "center":
        start = p.left_pt + (width - p.left_pt - p.right_pt - length) / 2
    return start, start + length


def _width(text: str, size: float, spacing: float, gap: float) -> float:
    """Half width for ASCII, full for Chinese, plus spacing, plus the gap where they meet."""
    chars = sum(size / 2 if ord(ch) < 128 else size for ch in text) + spacing * len(text)
    switches = sum((a < "\x80") != (b < "\x80") for a, b in zip(text, text[1:]))
    return chars + switches * gap * size


ENGINES = (format_paper, format_margins, format_page_number, format_signature)
