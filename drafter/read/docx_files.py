"""Word .docx reports: tracked insertions kept, deletions dropped, tables read in place.

The package is read by docx_package (streamed and counted); document.xml and
styles.xml are parsed incrementally with lxml (no DTDs, entities or network): each
body paragraph is read and then dropped, so memory stays at one paragraph and a
document past the paragraph limit stops there, not after being inflated whole.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import Problem, UserError
from .docx_package import MAIN_PART, STYLES_PART, ZIP_ERRORS, Package, damaged, open_package
from .source import SourceDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_file(path: Path, fmt: str = "docx") -> SourceDocument:
    """A .docx as paragraphs; table rows become paragraphs anchored to the paragraph before."""
    from lxml import etree  # python-docx's own XML library

    doc = SourceDocument(str(path), fmt, "docx")
    with open_package(path) as package:
        try:
            styles = _style_names(package, doc)
            number = 0
            for element in _body_children(package):
                if element.tag == f"{_W}p":
                    number += 1
                    text = paragraph_text(element)
                    if text.strip():
                        doc.append(number, text.strip(), _style_name(element, styles))
                elif element.tag == f"{_W}tbl":
                    for row_text in _table_rows(element):
                        doc.append(number, row_text, "表格", "table")
        except etree.XMLSyntaxError as exc:
            line = f"第 {exc.lineno} 行：" if exc.lineno else ""
            raise damaged(path, f"Word 正文不是有效的 XML，{line}{exc.msg}") from None
        except _BadStructure as exc:
            raise UserError([Problem(str(exc), str(path), hint=_REWRITE)]) from None
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


_REWRITE = "请在 Word 中打开后另存为 .docx 再试"


class _BadStructure(Exception):
    """document.xml is XML but not a Word document body."""


def _events(package: Package, name: str, events=("start", "end"), tag=None):
    """(event, element) pairs of a part, parsed as its chunks are inflated."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False
    )
    for chunk in package.stream(name):
        parser.feed(chunk)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _body_children(package: Package):
    """Each child of w:body, dropped once the caller has read it."""
    depth, in_body, seen_body = 0, False, False
    for event, element in _events(package, MAIN_PART):
        if event == "start":
            depth += 1
            if depth == 1 and element.tag != f"{_W}document":
                raise _BadStructure(f"Word 正文的根元素应为 w:document，实际是 {element.tag}")
            if depth == 2 and element.tag == f"{_W}body":
                in_body = seen_body = True
            continue
        if depth == 3 and in_body:
            yield element
            element.getparent().remove(element)
        elif depth == 2:
            in_body = False
        depth -= 1
    if not seen_body:
        raise _BadStructure("Word 正文中没有 w:body（正文为空或文件已损坏）")


def _style_names(package: Package, doc: SourceDocument) -> dict[str, str]:
    """styleId -> the name Word shows (python-docx's spelling: heading 1 -> Heading 1)."""
    from docx.styles import BabelFish
    from lxml import etree

    names: dict[str, str] = {}
    most = doc.bounds[0]  # no document uses more styles than it has paragraphs
    try:
        for _event, style in _events(package, STYLES_PART, ("end",), f"{_W}style"):
            node = style.find(f"{_W}name")
            if node is not None and node.get(f"{_W}val") is not None and len(names) < most:
                names[style.get(f"{_W}styleId")] = BabelFish.internal2ui(node.get(f"{_W}val"))
            if style.getparent() is not None:
                style.getparent().remove(style)
    except etree.XMLSyntaxError:
        pass  # a damaged styles part costs the style names, not the text
    return names


def python_docx_errors() -> tuple[type[BaseException], ...]:
    """What python-docx (which writes the comments of --annotate) raises on a package we
    could read but it cannot handle: no [Content_Types].xml, a relationships part that is
    not one (AttributeError deep inside), a damaged member."""
    from docx.opc.exceptions import OpcError
    from lxml import etree

    return (OpcError, KeyError, AttributeError, IndexError, etree.LxmlError, *ZIP_ERRORS)


def cannot_annotate(path: Path, exc: BaseException) -> UserError:
    """The error for a .docx python-docx cannot add comments to."""
    message = f"能读出正文，但无法作为 Word 文档打开来添加批注（{type(exc).__name__}）"
    return UserError([Problem(message, str(path), hint=_REWRITE)])
