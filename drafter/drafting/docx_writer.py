"""Document -> .docx following GB/T 9704-2012, through python-docx's object model."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from ..core import docstyles
from . import docx_xml as ox
from .layout import Layout
from .markup import Block, Document

STYLE_TITLE, STYLE_BODY = docstyles.TITLE, docstyles.BODY
STYLE_ADDRESSEE, STYLE_TABLE = docstyles.ADDRESSEE, docstyles.TABLE_TEXT
STYLE_SIGNATURE, STYLE_DATE, STYLE_PAGE_NUMBER = (
    docstyles.SIGNATURE,
    docstyles.DATE,
    docstyles.PAGE_NUMBER,
)
HEADING_STYLES, RUNIN_STYLES = docstyles.HEADINGS, docstyles.RUNIN
_BODY_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT}
_HEADING_FONT_ROLE = {1: "level1", 2: "level2", 3: "level3", 4: "level3"}
APPLICATION = "drafter"  # docProps/app.xml: the program that wrote the file


def write_docx(
    document: Document, layout: Layout, path: Path, created: _dt.datetime | None = None
) -> None:
    """Write the document as a GB/T 9704 .docx at path."""
    docx = new_docx()
    _setup_page(docx, layout)
    _setup_styles(docx, layout)
    _setup_footers(docx, layout)
    for block in document.blocks:
        _add_block(docx, block, layout, document)
    _set_properties(docx, document, created)
    ox.write_font_table(
        docx, {f.name: f.fallback for f in layout.fonts.values()}, {layout.fonts["latin"].name}
    )
    ox.clean_package(docx, APPLICATION)
    docx.save(str(path))


# ── page ───────────────────────────────────────────────────────────────────


def _setup_page(docx, layout: Layout) -> None:
    page = layout.page
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = (
        Mm(page["margin_top_mm"]),
        Mm(page["margin_bottom_mm"]),
    )
    section.left_margin, section.right_margin = (
        Mm(page["margin_left_mm"]),
        Mm(page["margin_right_mm"]),
    )
    section.header_distance = Mm(15)
    section.footer_distance = Mm(page["footer_distance_mm"])
    section.gutter = Mm(0)
    ox.set_doc_grid(section._sectPr, _twips(layout.body["line_spacing_pt"]))


def _twips(points: float) -> int:
    return int(round(points * 20))


# ── styles ─────────────────────────────────────────────────────────────────


def _setup_styles(docx, layout: Layout) -> None:
    styles = docx.styles
    latin = layout.fonts["latin"].name
    defaults = ox.doc_defaults_rpr(styles.element)
    ox.set_fonts(defaults, layout.fonts["body"].name, latin)
    ox.set_char_spacing(defaults, layout.char_spacing_twentieths())  # 28 characters a line
    ox.set_language(defaults)
    body = _restyle(styles["Normal"], layout, "body", layout.body["size_pt"])
    _exact_spacing(body, layout.body["line_spacing_pt"])
    body.paragraph_format.alignment = _BODY_ALIGN[layout.body["align"]]
    ox.no_hanging_punctuation(body.element.get_or_add_pPr())
    ox.set_first_line_chars(body.element.get_or_add_pPr(), layout.body["first_line_chars"])
    body.paragraph_format.first_line_indent = Pt(
        layout.body["size_pt"] * layout.body["first_line_chars"]
    )
    _paragraph_style(styles, STYLE_BODY, layout, "body")
    _title_style(styles, layout)
    for level, name in HEADING_STYLES.items():
        _heading_style(styles[name], level, layout)
    for level, name in RUNIN_STYLES.items():
        _runin_style(styles, name, level, layout)
    for name in (STYLE_SIGNATURE, STYLE_DATE, STYLE_ADDRESSEE, STYLE_TABLE):
        style = _paragraph_style(styles, name, layout, "body")
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _no_first_line(style)
    number = _paragraph_style(
        styles, STYLE_PAGE_NUMBER, layout, "page_number", layout.page_number["size_pt"]
    )
    _no_first_line(number)
    number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _restyle(style, layout: Layout, role: str, size_pt: float, bold: bool = False):
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    ox.set_fonts(
        style.element.get_or_add_rPr(), layout.fonts[role].name, layout.fonts["latin"].name
    )
    return style


def _paragraph_style(styles, name: str, layout: Layout, role: str, size_pt: float | None = None):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return _restyle(style, layout, role, size_pt or layout.body["size_pt"])


def _exact_spacing(style, points: float) -> None:
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _no_first_line(style) -> None:
    ox.clear_first_line(style.element.get_or_add_pPr())


def _title_style(styles, layout: Layout) -> None:
    style = _paragraph_style(styles, STYLE_TITLE, layout, "title", layout.title["size_pt"])
    _exact_spacing(style, layout.title["line_spacing_pt"])
    style.paragraph_format.space_after = Pt(
        layout.body["line_spacing_pt"] * layout.title["space_after_lines"]
    )
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.paragraph_format.keep_with_next = True
    _no_first_line(style)


def _heading_style(style, level: int, layout: Layout) -> None:
    bold = level == 3 and layout.headings["level3_bold"]
    _restyle(style, layout, _HEADING_FONT_ROLE[level], layout.body["size_pt"], bold)
    _exact_spacing(style, layout.body["line_spacing_pt"])
    fmt = style.paragraph_format
    fmt.keep_with_next = True
    fmt.alignment = _BODY_ALIGN[layout.body["align"]]
    fmt.first_line_indent = Pt(layout.body["size_pt"] * layout.body["first_line_chars"])
    ox.set_first_line_chars(style.element.get_or_add_pPr(), layout.body["first_line_chars"])


def _runin_style(styles, name: str, level: int, layout: Layout) -> None:
    style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    bold = level == 3 and layout.headings["level3_bold"]
    _restyle(style, layout, _HEADING_FONT_ROLE[level], layout.body["size_pt"], bold)


# ── footers: “— 1 —”, odd pages right, even pages left ────────────────────


def _setup_footers(docx, layout: Layout) -> None:
    docx.settings.odd_and_even_pages_header_footer = True
    section = docx.sections[0]
    indent = Pt(layout.page_number["size_pt"])  # 空一字
    _page_number(section.footer, layout, WD_ALIGN_PARAGRAPH.RIGHT, right=indent)
    _page_number(section.even_page_footer, layout, WD_ALIGN_PARAGRAPH.LEFT, left=indent)


def _page_number(footer, layout: Layout, align, left=None, right=None) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = STYLE_PAGE_NUMBER
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.left_indent, fmt.right_indent = left, right
    dash = layout.page_number["dash"]
    paragraph.add_run(f"{dash} ")
    ox.add_page_field(paragraph)
    paragraph.add_run(f" {dash}")


# ── blocks ─────────────────────────────────────────────────────────────────


def _add_block(docx, block: Block, layout: Layout, document: Document) -> None:
    if block.kind == "title":
        docx.add_paragraph(block.text, STYLE_TITLE)
    elif block.kind == "heading" and block.runin:
        paragraph = docx.add_paragraph(style=STYLE_BODY)
        paragraph.add_run(block.lead, RUNIN_STYLES[block.level])
        paragraph.add_run(block.body)
    elif block.kind == "heading":
        docx.add_paragraph(block.text, HEADING_STYLES[block.level])
    elif block.kind in ("signature", "date"):
        _signature_line(docx, block, layout, document)
    elif block.kind == "addressee":  # 主送机关: flush left
        docx.add_paragraph(block.text, STYLE_ADDRESSEE)
    elif block.kind == "table":
        ox.append_table(docx, block.table, docx.styles[STYLE_TABLE].style_id)
    else:
        docx.add_paragraph(block.text, STYLE_BODY)


def _signature_line(docx, block: Block, layout: Layout, document: Document) -> None:
    """GB/T 9704 7.3.5.2 (no seal): name 右空二字 under a blank line; date 2 characters right."""
    style = STYLE_SIGNATURE if block.kind == "signature" else STYLE_DATE
    paragraph = docx.add_paragraph(style=style)
    latin = layout.fonts["latin"].name
    for piece in re.split(r"(\d+)", block.text):
        run = paragraph.add_run(piece)
        if piece.isdigit():  # half-width in every client (LibreOffice would use the CJK face)
            ox.set_fonts(run._r.get_or_add_rPr(), latin, latin)
    name, date = _signature_texts(document)
    placements = signature_placements(name, date, layout)
    align, indent = placements[0 if block.kind == "signature" else 1]
    fmt = paragraph.paragraph_format
    if align == "right":
        fmt.alignment, fmt.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, Pt(round(indent, 2))
    else:
        fmt.left_indent = Pt(round(indent, 2))
    if block.kind == "signature":
        fmt.space_before = Pt(layout.body["line_spacing_pt"])


def _signature_texts(document: Document) -> tuple[str, str]:
    name = next((b.text for b in document.blocks if b.kind == "signature"), "")
    date = next((b.text for b in document.blocks if b.kind == "date"), "")
    return name, date


def text_width(text: str, layout: Layout) -> float:
    """Width in points of a body line: ASCII (a date's digits) is half width, every
    character carries the body's character spacing, and clients add a small gap where
    Chinese meets Latin letters or digits (Word's 自动调整中文与数字的间距)."""
    size, spacing = layout.body["size_pt"], layout.char_spacing_twentieths() / 20
    widths = sum((size / 2 if ord(ch) < 128 else size) + spacing for ch in text)
    switches = sum((a < "\x80") != (b < "\x80") for a, b in zip(text, text[1:]))
    return widths + switches * layout.signature["script_gap_em"] * size


def signature_placements(
    name: str, date: str, layout: Layout
) -> tuple[tuple[str, float], tuple[str, float]]:
    """(alignment, indent in points) of the issuer name line and of the date line.

    The line that sets the right edge is right-aligned 右空二字, so it is exact in any
    client; the other is placed by a left indent two characters from it: the date
    starts two characters right of the name, or, when the date is the longer, the
    name starts two characters left of the date.
    """
    unit = layout.char_pitch_pt()
    margin = layout.signature["right_chars"] * unit
    offset = layout.signature["date_offset_chars"] * unit
    right_edge = layout.type_area_pt()[0] - margin
    name_w, date_w = text_width(name, layout), text_width(date, layout)
    if offset + date_w <= name_w:
        return ("right", margin), ("left", right_edge - name_w + offset)
    return ("left", right_edge - date_w - offset), ("right", margin)


def _set_properties(docx, document: Document, created: _dt.datetime | None) -> None:
    props = docx.core_properties
    props.title = document.title
    props.author = document.author
    props.last_modified_by = document.author
    props.subject = "法治政府建设年度报告"
    props.language = document.language
    props.comments = "由 drafter 根据年度数据生成"
    props.keywords = "法治政府建设;年度报告"
    moment = created or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1
