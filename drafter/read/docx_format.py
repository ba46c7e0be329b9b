"""A .docx draft's formatting facts (drafter.core.docformat) for the format.* checks.

Page setup per section, the page-number footers, and each body paragraph's role
(read.roles) with its effective fonts, sizes, alignment, indents and line spacing.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..core.docformat import DocumentFormat, Footer, PageSetup, ParagraphFormat, Span
from .docx_files import paragraph_text, python_docx_errors
from .docx_styles import Styles, W
from .office import CONVERTED, to_docx
from .outline import Outline
from .roles import paragraph_roles

_ALIGN = {"both": "justify", "start": "left", "end": "right", "distribute": "distribute"}
_EMU_MM = 36000


def read_format(
    path: Path | str, outline: Outline, converted: Path | None = None
) -> DocumentFormat | None:
    """The formatting of the Word file the outline was read from (None for text files);
    a .doc/.wps/.odt is converted again, as it was for reading its text (converted: the
    .docx conversion made already)."""
    if converted is not None:
        return _read_format(converted, outline)
    if outline.source.format in CONVERTED.values():
        with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
            return _read_format(to_docx(Path(path), Path(tmp)), outline)
    return _read_format(Path(path), outline) if outline.source.format == "docx" else None


def _read_format(path: Path, outline: Outline) -> DocumentFormat | None:
    from docx import Document as open_docx

    try:
        docx = open_docx(str(path))
    except python_docx_errors():  # text readable, package not Word's own: no format facts
        return None
    styles = Styles(docx)
    facts = DocumentFormat(str(outline.source.file))
    facts.even_and_odd = bool(docx.settings.odd_and_even_pages_header_footer)
    for section in docx.sections:
        facts.pages.append(_page(section))
        facts.footers += _footers(section, styles, facts.even_and_odd)
    roles = paragraph_roles(outline.source.paragraphs, outline)
    by_number = {p.line: roles[p.index] for p in outline.source.paragraphs if p.index in roles}
    number = 0
    for element in docx.element.body.iterchildren(f"{W}p"):
        number += 1
        role = by_number.get(number)
        if role is not None:
            facts.paragraphs.append(_paragraph(element, number, role, styles))
    body = [p for p in facts.paragraphs if p.role == "body"]
    sizes = [p.main_font()[1] for p in body if p.main_font()[1]]
    facts.char_pt = max(set(sizes), key=sizes.count) if sizes else 16.0
    return facts


def _page(section) -> PageSetup:
    def mm(length) -> float:
        return round((length or 0) / _EMU_MM, 1)

    return PageSetup(
        mm(section.page_width),
        mm(section.page_height),
        mm(section.top_margin),
        mm(section.bottom_margin),
        mm(section.left_margin),
        mm(section.right_margin),
    )


def _paragraph(p, number: int, role, styles: Styles) -> ParagraphFormat:
    spans = _spans(p, styles)
    size = next((s.size_pt for s in spans if s.size_pt), None) or styles.run_font(p, None)[1]
    fact = ParagraphFormat(
        number, paragraph_text(p).strip(), role.kind, role.level, role.lead, spans
    )
    _layout(fact, p, styles, size or 16.0)
    return fact


def _layout(fact: ParagraphFormat, p, styles: Styles, size: float) -> None:
    """Alignment, indents and line spacing of a paragraph (w:jc, w:ind, w:spacing)."""
    attr = styles.paragraph_attr
    jc = attr(p, "jc", "val") or "left"
    fact.align = _ALIGN.get(jc, jc)
    fact.first_line_chars = _first_line_chars(p, styles, size)
    fact.left_pt = _twips(attr(p, "ind", "left") or attr(p, "ind", "start"))
    fact.right_pt = _twips(attr(p, "ind", "right") or attr(p, "ind", "end"))
    rule, line = attr(p, "spacing", "lineRule") or "auto", attr(p, "spacing", "line")
    fact.line_rule = rule
    fact.line_value = (int(line) / 240 if rule == "auto" else int(line) / 20) if line else 1.0


def _first_line_chars(p, styles: Styles, size: float) -> float:
    """First-line indent in characters: *Chars attributes win over lengths (ECMA-376)."""
    attr = styles.paragraph_attr
    hanging_chars = int(attr(p, "ind", "hangingChars") or 0)
    if hanging_chars:
        return -hanging_chars / 100
    chars = int(attr(p, "ind", "firstLineChars") or 0)
    if chars:
        return chars / 100
    hanging = _twips(attr(p, "ind", "hanging"))
    if hanging:
        return -hanging / size
    return _twips(attr(p, "ind", "firstLine")) / size


def _twips(value: str | None) -> float:
    return int(value) / 20 if value else 0.0


def _spans(p, styles: Styles) -> list[Span]:
    """The paragraph's visible text in spans of one face, size and weight."""
    spans: list[Span] = []
    for r in p.iter(f"{W}r"):
        if any(a.tag in (f"{W}del", f"{W}moveFrom") for a in r.iterancestors()):
            continue
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        if not text:
            continue
        span = Span(text, *styles.run_font(p, r))
        if spans and replace(spans[-1], text="") == replace(span, text=""):
            spans[-1] = replace(span, text=spans[-1].text + text)
        else:
            spans.append(span)
    return spans


def _footers(section, styles: Styles, even_and_odd: bool) -> list[Footer]:
    kinds = [("default", section.footer)]
    if even_and_odd:
        kinds.append(("even", section.even_page_footer))
    return [_footer(kind, footer, styles) for kind, footer in kinds]


def _footer(kind: str, footer, styles: Styles) -> Footer:
    """The footer's page-number paragraph (the one with a PAGE field), or its first line."""
    paragraphs = [p._p for p in footer.paragraphs] if footer is not None else []
    with_field = [p for p in paragraphs if _has_page_field(p)]
    p = (with_field or [q for q in paragraphs if paragraph_text(q).strip()] or [None])[0]
    if p is None:
        return Footer(kind)
    face, size, _, _ = styles.run_font(p, next(iter(p.iter(f"{W}r")), None))
    result = Footer(kind, paragraph_text(p).strip(), bool(with_field), font=face, size_pt=size)
    fact = ParagraphFormat(0, result.text, "footer")
    _layout(fact, p, styles, size or 14.0)
    result.align, result.left_pt, result.right_pt = fact.align, fact.left_pt, fact.right_pt
    result.first_line_pt = fact.first_line_chars * (size or 14.0)
    return result


def _has_page_field(p) -> bool:
    instructions = [t.text or "" for t in p.iter(f"{W}instrText")]
    instructions += [f.get(f"{W}instr") or "" for f in p.iter(f"{W}fldSimple")]
    return any(i.split() and i.split()[0].upper() == "PAGE" for i in instructions)
