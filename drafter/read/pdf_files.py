"""PDF reports through their text layer (pdfplumber), lines joined back into paragraphs.

A PDF holds lines, not paragraphs: a line that runs to the right edge of the text block
continues in the next one, unless that one is indented (a new paragraph's first line) or
starts after a gap. Page numbers (— 3 —) are dropped. A PDF with pages but no text is a
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
    """Every text line of every page in reading order, and how many images the pages hold."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > limits.value("pdf_pages"):
                found = f"此文件有 {len(pdf.pages):,} 页"
                raise limits.exceeded("pdf_pages", str(path), found=found)
            lines, images = [], 0
            for number, page in enumerate(pdf.pages, 1):
                images += len(page.images)
                lines += _page_lines(page, number)
                page.close()  # pdfplumber caches each page's objects until closed
            return lines, images
    except UserError:
        raise
    except Exception:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF, KeyError …)
        raise UserError([Problem("无法读取 PDF", str(path), hint=_DAMAGED)]) from None


def _page_lines(page, number: int) -> list[_Line]:
    found = []
    # spaces only where the PDF has one or a gap of over half a character: the narrower gaps
    # of justified lines and of autospacing between Chinese and digits are typography
    options = {"keep_blank_chars": True, "x_tolerance_ratio": 0.6}
    for line in page.extract_text_lines(strip=True, return_chars=False, **options):
        text = line["text"].strip()
        if text and not _is_page_number(text):
            found.append(_Line(number, line["x0"], line["x1"], line["top"], line["bottom"], text))
    return found


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
