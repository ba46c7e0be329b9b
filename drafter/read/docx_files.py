"""Word .docx reports: tracked insertions kept, deletions dropped, tables read in place."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.errors import Problem, UserError
from .source import SourceDocument, reader_rules

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_file(path: Path, raw: bytes, fmt: str = "docx") -> SourceDocument:
    """A .docx as paragraphs; table rows become paragraphs anchored to the paragraph before."""
    _check_container(path)
    from docx import Document as open_docx

    try:
        docx = open_docx(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise UserError(
            [
                Problem(
                    f"无法打开 Word 文件：{type(exc).__name__}",
                    str(path),
                    hint="文件可能已损坏；请在 Word 中打开后另存为 .docx 再试",
                )
            ]
        ) from None
    doc = SourceDocument(str(path), fmt, "docx")
    styles = {s.style_id: s.name for s in docx.styles}
    number = 0
    for element in docx.element.body.iterchildren():
        if element.tag == f"{_W}p":
            number += 1
            text = paragraph_text(element)
            if text.strip():
                doc.append(number, text.strip(), _style_name(element, styles))
        elif element.tag == f"{_W}tbl":
            for row_text in _table_rows(element):
                doc.append(number, row_text, "表格", "table")
    return doc


def paragraph_text(p_element) -> str:
    """Visible text with tracked insertions kept and deletions (w:del, w:moveFrom) dropped."""
    parts = []
    for node in p_element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if any(a.tag in (f"{_W}del", f"{_W}moveFrom") for a in node.iterancestors()):
            continue
        parts.append(
            node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n")
        )
    return "".join(parts)


def _style_name(p_element, styles: dict) -> str:
    node = p_element.find(f"{_W}pPr/{_W}pStyle")
    return styles.get(node.get(f"{_W}val"), "") if node is not None else ""


def _table_rows(tbl_element) -> list[str]:
    rows = []
    for tr in tbl_element.iter(f"{_W}tr"):
        cells = [
            " ".join(paragraph_text(p).strip() for p in tc.iter(f"{_W}p")).strip()
            for tc in tr.iter(f"{_W}tc")
        ]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _check_container(path: Path) -> None:
    """Refuse a damaged package or a zip bomb before python-docx inflates it."""
    limit = reader_rules()["docx_max_uncompressed_mb"] * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError):
        raise UserError(
            [
                Problem(
                    "不是有效的 .docx 文件（压缩包已损坏）",
                    str(path),
                    hint="请在 Word 中打开后另存为 .docx；旧版 .doc 需先转换",
                )
            ]
        ) from None
    if "word/document.xml" not in names:
        raise UserError([Problem("这个压缩包里没有 Word 正文（word/document.xml）", str(path))])
    if sum(i.file_size for i in infos) > limit:
        raise UserError(
            [
                Problem(
                    f"解压后超过 {limit // 1024 // 1024} MB，拒绝读取（疑似压缩炸弹）",
                    str(path),
                    hint="如确为正常文件，请删去其中的大图片后再试",
                )
            ]
        )
