"""A stable text view of a .docx, for golden tests and for people: never zip bytes."""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx

from ..core.docstyles import RUNIN_PREFIX


def dump_docx(path: Path | str) -> str:
    """One line per paragraph: [style] text, run-in leads marked «…», tables as | cells |."""
    docx = open_docx(str(path))
    lines = []
    for paragraph in docx.paragraphs:
        lines.append(f"[{paragraph.style.name}] {_paragraph_text(paragraph)}")
    for table in docx.tables:
        for row in table.rows:
            lines.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(lines) + "\n"


def _paragraph_text(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        style = (
            run.style.name
            if run.style is not None and run.style.name != "Default Paragraph Font"
            else ""
        )
        parts.append(f"«{run.text}»" if style.startswith(RUNIN_PREFIX) else run.text)
    return "".join(parts)
