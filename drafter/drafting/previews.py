"""Plain-text and Markdown previews of a Document, for the terminal."""

from __future__ import annotations

from .markup import Document

_INDENT = "\u3000\u3000"  # two full-width spaces: 左空二字


def to_markdown(document: Document) -> str:
    """The document as Markdown."""
    lines = []
    for block in document.blocks:
        if block.kind == "title":
            lines.append(f"# {block.text}")
        elif block.kind == "heading" and not block.runin:
            lines.append(f"{'#' * (block.level + 1)} {block.text}")
        elif block.kind == "heading":
            lines.append(f"**{block.lead}**{block.body}")
        elif block.kind in ("signature", "date"):
            lines.append(f'<p align="right">{block.text}</p>')
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"


def to_text(document: Document, width: int = 28) -> str:
    """The document as plain text laid out like the page (28 characters a line)."""
    lines = []
    for block in document.blocks:
        if block.kind == "title":
            lines += [block.text.center(width, "\u3000").rstrip("\u3000"), ""]
        elif block.kind in ("signature", "date"):
            if block.kind == "signature":
                lines.append("")
            lines.append(block.text.rjust(width - 2, "\u3000"))
        else:
            lines.append(_INDENT + block.text)
    return "\n".join(lines) + "\n"
