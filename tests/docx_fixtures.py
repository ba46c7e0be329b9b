"""Word drafts for the format.* examples: a correct one, and copies with one thing wrong.

The correct draft is drafter's own build of check_examples.BASE; each planted error is
made the way staff make it in Word — direct formatting on a paragraph, or a change to
a style — through python-docx, so the checks see styles and direct formatting alike.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import drafter

Change = Callable[[object], None]


def built(**changes) -> Callable[[Path], None]:
    """A builder: drafter's build of BASE with check_examples.base_yaml changes."""
    from tests.check_examples import base_yaml

    def build(path: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "base.yaml"
            data.write_text(base_yaml(**changes), encoding="utf-8")
            drafter.draft(data, path)

    return build


def good_docx(path: Path) -> None:
    """drafter's build of the BASE year data: GB/T 9704 by construction."""
    built()(path)


def planted(*changes: Change) -> Callable[[Path], None]:
    """A builder: the good draft with the changes applied (each takes the python-docx Document)."""

    def build(path: Path) -> None:
        good_docx(path)
        docx = open_docx(str(path))
        for change in changes:
            change(docx)
        docx.save(str(path))

    return build


def paragraph(docx, starts: str):
    """The first body paragraph whose text starts with the given text."""
    return next(p for p in docx.paragraphs if p.text.startswith(starts))


def east_asian(target, face: str) -> None:
    """Set the East Asian font of a run or style (python-docx's Font.name sets Latin only)."""
    rpr = target.element.get_or_add_rPr() if hasattr(target, "type") else target._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), face)


# ── the planted errors ─────────────────────────────────────────────────────


def letter_paper(docx) -> None:
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)


def word_default_margins(docx) -> None:
    section = docx.sections[0]
    section.top_margin = section.bottom_margin = Mm(25.4)
    section.left_margin = section.right_margin = Mm(31.8)


def top_and_bottom_margins(docx) -> None:
    """Word's 2.54 cm top and bottom; the type area keeps its width."""
    section = docx.sections[0]
    section.top_margin = section.bottom_margin = Mm(25.4)


def title_in_heiti(docx) -> None:
    for run in docx.paragraphs[0].runs:
        east_asian(run, "黑体")


def body_in_songti(docx) -> None:
    """Direct formatting on every run of one body paragraph."""
    for run in paragraph(docx, "全年完成法治政府建设").runs:
        east_asian(run, "宋体")


def body_style_size(docx) -> None:
    docx.styles["公文正文"].font.size = Pt(14)


def title_in_heiti_18pt_left(docx) -> None:
    title = docx.paragraphs[0]
    for run in title.runs:
        east_asian(run, "黑体")
        run.font.size = Pt(18)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def level1_in_fangsong(docx) -> None:
    east_asian(docx.styles["Heading 1"], "仿宋_GB2312")


def single_spacing(docx) -> None:
    fmt = docx.styles["Normal"].paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def no_first_line_indent(docx) -> None:
    ind = paragraph(docx, "全年完成法治政府建设")._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def page_number_centred(docx) -> None:
    docx.sections[0].footer.paragraphs[0].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def date_with_leading_zeros(docx) -> None:
    date = paragraph(docx, "2025年3月6日")
    for run in date.runs:
        run.text = {"3": "03", "6": "06"}.get(run.text, run.text)


def date_flush_right(docx) -> None:
    date = paragraph(docx, "2025年3月6日")
    date.paragraph_format.right_indent = Pt(0)


def signature_shifted(docx) -> None:
    """The name one character right: the date then starts only one character right of it."""
    fmt = paragraph(docx, "明湖区人民政府").paragraph_format
    fmt.left_indent = Pt(fmt.left_indent.pt + 16)


def date_in_chinese_numerals(docx) -> None:
    date = paragraph(docx, "2025年3月6日")
    for run in date.runs[1:]:
        run.text = ""
    date.runs[0].text = "二〇二五年三月六日"


def body_in_plain_fangsong(docx) -> None:
    """仿宋 (Windows' own name) instead of 仿宋_GB2312: also right."""
    east_asian(docx.styles["Normal"], "仿宋")
