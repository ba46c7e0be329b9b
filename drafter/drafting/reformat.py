"""`drafter format` (一键排版): a draft written in Word/WPS, laid out again per GB/T 9704.

The text, the tables and the numbering the author typed are kept as they are; each
paragraph's role comes from the text (drafter.read.roles: headings by their
numbering, not by Word styles), and the layout is drafter's own (.docx writer). The
draft's styles and direct formatting are not carried over.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem, UserError
from ..core.files import atomic_write, check_writable
from ..read.docx_files import paragraph_text
from ..read.formats import read_document
from ..read.office import CONVERTED, to_docx
from ..read.outline import build_outline
from ..read.roles import Role, paragraph_roles
from .layout import Layout
from .markup import Block, Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INPUTS = (".docx", *CONVERTED)


@dataclass
class Reformatted:
    """What `drafter format` wrote: the file and how many paragraphs of each role."""

    output: Path
    roles: Counter = field(default_factory=Counter)  # title, heading1…4, body, table …


def reformat(source: Path | str, output: Path | str, layout: Layout, force: bool = False):
    """Lay the draft at source out per GB/T 9704 and write it to output (never over source)."""
    source, output = Path(source), Path(output)
    _check_paths(source, output, force)
    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        docx = source if source.suffix.lower() == ".docx" else _converted(source, Path(tmp))
        document = draft_document(docx)
        from .docx_writer import write_docx

        atomic_write(output, lambda path: write_docx(document, layout, path), force)
    counts = Counter(
        b.kind if b.kind != "heading" else f"heading{b.level}" for b in document.blocks
    )
    return Reformatted(output, counts)


def _check_paths(source: Path, output: Path, force: bool) -> None:
    if source.suffix.lower() not in INPUTS:
        raise UserError(
            [Problem("一键排版需要 Word/WPS 文件", str(source), hint=f"可用 {'、'.join(INPUTS)}")]
        )
    if not source.is_file():
        raise UserError([Problem("找不到文件", str(source), hint="请检查路径是否正确")])
    if output.exists() and output.resolve() == source.resolve():
        raise UserError(
            [Problem("输出文件就是输入文件", str(output), hint="请另给一个文件名，原稿不会被改动")]
        )
    if output.suffix.lower() != ".docx":
        raise UserError([Problem("排版结果是 Word 文件，输出文件名应以 .docx 结尾", str(output))])
    check_writable(output, force)


def _converted(source: Path, workdir: Path) -> Path:
    return to_docx(source, workdir)  # .doc/.wps/.odt through LibreOffice


def draft_document(path: Path) -> Document:
    """The draft's paragraphs and tables in order, as blocks with the role the text shows."""
    from docx import Document as open_docx

    source = read_document(path)  # checks the package and reads the text the roles need
    outline = build_outline(source)
    roles = paragraph_roles(source.paragraphs, outline)
    by_number = {p.line: roles[p.index] for p in source.paragraphs if p.index in roles}
    document = Document(title=outline.title, author=outline.issuer)
    number = 0
    for element in open_docx(str(path)).element.body.iterchildren(f"{_W}p", f"{_W}tbl"):
        if element.tag == f"{_W}tbl":
            document.blocks.append(Block("table", "", table=element))
            continue
        number += 1
        text = paragraph_text(element).strip()
        if text:
            document.blocks.append(_block(text, by_number.get(number, Role("body"))))
    return document


def _block(text: str, role: Role) -> Block:
    if role.kind == "heading" and role.lead:
        return Block("heading", text, role.level, text[: role.lead], runin=True)
    if role.kind == "heading":
        return Block("heading", text, role.level)
    kinds = {"title", "addressee", "signature", "date"}
    return Block(role.kind if role.kind in kinds else "paragraph", text)
