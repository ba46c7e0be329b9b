"""PDF reports through their text layer (pypdfium2: Google's PDFium), lines joined back into
paragraphs.

PDFium gives each character and its box; characters are grouped into lines by their boxes
and ordered left to right here (PDFium's own text order puts quote marks set in another font
out of place). A PDF holds lines, not paragraphs: a line that runs to the right edge of the
text block continues in the next one, unless that one is indented (a new paragraph's first
line) or starts after a gap. Page numbers (— 3 —) are dropped. A PDF with pages but no text is a
scan: that is said, never read as an empty report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core import limits
from ..core.errors import Problem, UserError
from .source import SourceDocument, read_bytes, reader_rules

_DAMAGED = (
    "文件可能已损坏、不完整或受密码保护；请向报送单位索要 Word 版，或在阅读器中另存为 PDF 再试"
)
_SCANNED = (
    "这份 PDF 是扫描件（只有图片，没有文字层），无法读取正文",
    "请向报送单位索要 Word 版或带文字层的 PDF；或先用 OCR 软件识别后另存",
)


_ENDS = "。！？：；…”）》"
_DROPPED = "\r\n\x00\ufffe\uffff"


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def read_pdf_file(path: Path, fmt: str = "pdf") -> SourceDocument:
    """A PDF report as paragraphs, read from its text layer; a scan is a UserError."""
    raw = read_bytes(path)
    if not raw.lstrip()[:5] == b"%PDF-":
        raise UserError(
            [Problem("不是有效的 PDF 文件（文件头无法识别）", str(path), hint=_DAMAGED)]
        )
    lines, images = _lines(path)
    if not lines:
        what, hint = _SCANNED if images else ("这份 PDF 没有任何文字", _SCANNED[1])
        raise UserError([Problem(what, str(path), hint=hint)])
    doc = SourceDocument(str(path), fmt, "pdf")
    for number, text in enumerate(paragraphs(lines), 1):
        doc.append(number, text)
    return doc


def _lines(path: Path) -> tuple[list[_Line], int]:
    """Every text line of every page in reading order; when there is none, how many images
    the pages hold (a scan) — counted only then: walking a page's objects costs a fifth of
    reading its text."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:  # PdfiumError: damaged, truncated, a password
        raise UserError([Problem("无法读取 PDF", str(path), hint=_DAMAGED)]) from None
    try:
        if len(document) > limits.value("pdf_pages"):
            found = f"此文件有 {len(document):,} 页"
            raise limits.exceeded("pdf_pages", str(path), found=found)
        lines: list[_Line] = []
        for number in range(len(document)):
            page = document[number]
            lines += _page_lines(page, number + 1)
            page.close()
        return lines, (0 if lines else _images(document))
    finally:
        document.close()


def _images(document) -> int:
    import pypdfium2.raw as raw

    count = 0
    for number in range(len(document)):
        page = document[number]
        count += sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        page.close()
    return count


@dataclass
class _Char:
    top: float  # from the top of the page
    bottom: float
    left: float
    right: float
    size: float  # the font size, in points
    text: str


def _page_lines(page, number: int) -> list[_Line]:
    """The page's characters (PDFium's own added spaces and breaks left out) grouped into
    lines by their boxes, each line in left-to-right order."""
    import pypdfium2.raw as raw

    height, textpage, chars = page.get_height(), page.get_textpage(), []
    handle, box = textpage.raw, raw.FS_RECTF()  # PDFium called directly, one box reused:
    # a report has thousands of characters, and each helper call costs more than the call
    for i in range(raw.FPDFText_CountChars(handle)):
        char = chr(raw.FPDFText_GetUnicode(handle, i))
        if char in _DROPPED or (char.isspace() and raw.FPDFText_IsGenerated(handle, i)):
            continue  # PDFium's own spaces and breaks (all it generates is white space)
        if not raw.FPDFText_GetLooseCharBox(handle, i, box):
            continue  # a character with no place on the page cannot be put in a line
        size = raw.FPDFText_GetFontSize(handle, i)
        chars.append(_Char(height - box.top, height - box.bottom, box.left, box.right, size, char))
    textpage.close()
    found = [_line(row, number) for row in _rows(chars)]
    return [line for line in found if line.text and not _is_page_number(line.text)]


# The gap (in ems) past which two characters are separate words. A PDF keeps no spaces, only
# positions: justification stretches Chinese lines, and Word and LibreOffice put about a fifth
# of an em between Chinese and digits (autospacing, up to 0.28 em on a stretched line), while
# a typed space adds a Latin space (a quarter em) to that.
_WORD_GAP = {"latin": 0.15, "mixed": 0.3, "chinese": 0.6}


def _gap(before: _Char, after: _Char) -> float:
    return (after.left - before.right) / max(before.size, 1)


def _stretch(row: list[_Char]) -> float:
    """How much justification widened the gaps of a line (ems): the median gap between two
    Chinese characters (it is added to every gap alike)."""
    gaps = sorted(
        _gap(a, b) for a, b in zip(row, row[1:]) if not a.text.isascii() and not b.text.isascii()
    )
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _spaced(before: _Char, after: _Char, stretch: float) -> bool:
    kind = [before.text.isascii(), after.text.isascii()]
    gap = _gap(before, after) - stretch
    return gap > _WORD_GAP["latin" if all(kind) else "mixed" if any(kind) else "chinese"]


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in lines: a character whose middle is above the current line's bottom
    belongs to it (a quote mark set in another font sits a little higher or lower)."""
    rows: list[list[_Char]] = []
    bottom = 0.0
    for char in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        if rows and (char.top + char.bottom) / 2 < bottom:
            rows[-1].append(char)
        else:
            rows.append([char])
            bottom = char.bottom
    return rows


def _line(row: list[_Char], number: int) -> _Line:
    """A row's text, left to right, with a space where the PDF has one or the gap is a word
    space (_spaced)."""
    row.sort(key=lambda c: c.left)
    stretch = _stretch(row)
    text, previous = "", None
    for char in row:
        if previous is not None and _spaced(previous, char, stretch):
            text += " "
        text += char.text
        previous = char
    ink = [c for c in row if not c.text.isspace()] or row
    top, bottom = min(c.top for c in ink), max(c.bottom for c in ink)
    left, right = min(c.left for c in ink), max(c.right for c in ink)
    return _Line(number, left, right, top, bottom, re.sub(r"\s+", " ", text).strip())


@lru_cache(maxsize=1)
def _page_number_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in reader_rules()["page_number_patterns"])


def _is_page_number(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return any(p.fullmatch(compact) for p in _page_number_patterns())


def paragraphs(lines: list[_Line]) -> list[str]:
    """Lines joined into paragraphs: a line continues the one before when that one ran to the
    right edge of the text block and this one is not indented and follows without a gap."""
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = _char_width(lines)
    spacing = _line_spacing(lines)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right, width, spacing):
            out[-1] += _joiner(out[-1], line.text) + line.text
        else:
            out.append(line.text)
        previous = line
    return out


def _continues(previous: _Line, line: _Line, left, right, width, spacing) -> bool:
    # a line ends short of the edge without ending its paragraph when the next word or
    # number did not fit, or a closing mark may not start the next line (避头尾)
    short = right - previous.x1
    full = short < 1.5 * width or (short < 6 * width and previous.text[-1] not in _ENDS)
    indented = line.x0 > left + 0.8 * width
    gap = line.page == previous.page and line.top - previous.bottom > max(spacing, width) * 1.2
    return full and not indented and not gap


def _joiner(before: str, after: str) -> str:
    """A space between two Latin words broken across lines; nothing between Chinese or digits."""
    latin = before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii()
    return " " if latin and after[:1].isalpha() else ""


def _char_width(lines: list[_Line]) -> float:
    """The body's character width: the median of long lines' width per character."""
    widths = sorted((ln.x1 - ln.x0) / len(ln.text) for ln in lines if len(ln.text) >= 10)
    return widths[len(widths) // 2] if widths else 12.0


def _line_spacing(lines: list[_Line]) -> float:
    """The usual gap between consecutive lines of one page (the median)."""
    gaps = sorted(
        b.top - a.bottom
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and b.top > a.bottom - 1
    )
    return gaps[len(gaps) // 2] if gaps else 0.0
