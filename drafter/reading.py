"""Library entry points for reading reports: outline and import."""
from __future__ import annotations

from pathlib import Path

from .mapper import map_outline
from .outline import Outline, build_outline
from .reader import read_document
from .schema import Schema, load_schema


def outline_file(path: Path | str, schema: Schema | None = None) -> Outline:
    """Read a report (.docx/.txt/.md) and map each heading onto the section schema."""
    return map_outline(build_outline(read_document(path)), schema or load_schema())


def heading_records(outline: Outline) -> list[dict]:
    """The documented JSON form of `drafter outline --format json`: one object per heading."""
    records = []
    for heading in outline.walk():
        records.append({
            "text": heading.text, "level": heading.level, "section": heading.section, "part": heading.part,
            "confidence": heading.confidence,
            "runner_up": {"section": heading.runner_up[0], "confidence": heading.runner_up[1]} if heading.runner_up else None,
            "line": heading.para.line, "runin": heading.runin, "reason": heading.reason,
            "inline": [f"{i.label}{i.title}" for i in heading.inline],
        })
    return records
