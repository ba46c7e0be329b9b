"""The files of a review read into report models: identified (canonical unit, level, year),
each made ready to store in the folder's own corpus; a file that cannot be read is a row
saying why, not the end of the review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DrafterError
from ..core.report import Report
from ..read.archives import shown_name
from ..read.office import CONVERTED
from ..reuse.analysis import draft_sha
from ..reuse.ingest import ParsedReport


@dataclass
class Arrival:
    """One file of the folder as read: its report model and stored form, or why not."""

    file: str  # the path read (a zip member: unpacked into drafter's folder)
    shown: str  # how people know it: 报送.zip/杨浦区.docx
    report: Report | None = None
    parsed: ParsedReport | None = None
    error: str = ""


def convertible(paths: list[Path]) -> list[Path]:
    """The files LibreOffice must convert before they are read (.doc .wps .odt)."""
    return [p for p in paths if p.suffix.lower() in CONVERTED]


def read_arrival(path: Path, converted: Path | None, year: int | None) -> Arrival:
    """A file read, identified and made ready to store; a file that cannot be read says why.
    year: the year under review, for a report whose own year cannot be read."""
    from ..read.report import report_from_file

    arrival = Arrival(str(path), shown_name(path))
    try:
        report = report_from_file(path, converted=converted)
    except DrafterError as exc:
        arrival.error = str(exc).strip().replace(str(path), arrival.shown)
        return arrival
    report.year = report.year or year
    report.schema = None  # sent between processes: the receiver puts its own back
    arrival.report, arrival.parsed = report, stored_form(report)
    return arrival


def stored_form(report: Report) -> ParsedReport:
    """The report as the folder's corpus stores it, hashed as the reuse analysis hashes a
    draft (so that its own copy is never its source)."""
    paragraphs, heading = [], ""
    for passage in report.passages:
        if passage.is_heading:
            heading = passage.text
        else:
            paragraphs.append((heading, passage.norm))
    return ParsedReport(
        sha256=draft_sha(report),
        file=report.file,
        issuer=report.region or Path(report.file).stem,
        year=report.year,
        title=report.title or Path(report.file).stem,
        kind=report.kind,
        paragraphs=paragraphs,
    )
