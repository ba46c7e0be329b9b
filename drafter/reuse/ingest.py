"""A report file made ready to store: what the reader and mapper made of it, hashed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import Problem, UserError
from ..core.normalize import normalize
from ..read.archives import shown_name
from ..read.formats import read_document
from ..read.outline import build_outline
from ..read.unit import resolve_unit
from .sentences import sentences_of
from .settings import ReuseSettings

_YEAR_IN_NAME = re.compile(r"(20\d{2})")


@dataclass
class ParsedReport:
    """A report ready to store: what the reader and mapper made of one file."""

    sha256: str
    file: str
    issuer: str
    year: int | None
    title: str
    kind: str
    paragraphs: list[tuple[str, str]]  # (heading, normalised text)


def parse_report(path: Path, issuer: str | None = None, year: int | None = None) -> ParsedReport:
    """Read a report file for the corpus: paragraphs under their headings, hashed text.

    Headings are not mapped onto the schema: the corpus shows them, it does not need their
    sections, and mapping costs more than the rest of the ingest together."""
    outline = build_outline(read_document(path))
    paragraphs = [("", p.norm) for p in outline.preamble]
    for heading in outline.walk():
        lead = heading.item_text or (heading.runin_body if heading.runin else "")
        runin = [normalize(lead)] if lead else []
        paragraphs += [(heading.text, text) for text in runin + [p.norm for p in heading.body]]
    body = "\n".join(t for _, t in paragraphs)
    if not body.strip():
        raise UserError([Problem("没有可入库的正文", str(path))])
    name_year = _YEAR_IN_NAME.search(path.stem)
    return ParsedReport(
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        file=shown_name(path),  # a zip's member as 报送.zip/member, not drafter's unpacked copy
        issuer=resolve_unit(issuer).name if issuer else outline.region or path.stem,
        year=year or outline.year or (int(name_year.group(1)) if name_year else None),
        title=outline.title or path.stem,
        kind=outline.kind,
        paragraphs=paragraphs,
    )


def split_paragraph(
    text: str, settings: ReuseSettings, issuer: str = ""
) -> list[tuple[int, int, str]]:
    """(start, end, masked) of each sentence of a normalised paragraph long enough to match."""
    return [
        (s.start, s.end, s.masked)
        for s in sentences_of(text, normalised=True, issuer=issuer)
        if settings.matchable(s.masked)
    ]


def sentence_rows(report: ParsedReport, settings: ReuseSettings) -> list[tuple[int, int, int, str]]:
    """(paragraph index, start, end, masked) of every matchable sentence of a report."""
    return [
        (i, start, end, masked)
        for i, (_, text) in enumerate(report.paragraphs)
        for start, end, masked in split_paragraph(text, settings, report.issuer)
    ]
