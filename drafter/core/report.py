"""The report model the analyses read: one report as passages with where they are.

Both sources produce it — a file through drafter.read, year data through
drafter.draft — and check, reuse and plan reconciliation consume it side by side.
YAML passages are located file:line:column (where they were written); draft
passages by line (text files) or paragraph number (.docx).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .docformat import DocumentFormat
from .schema import Schema


@dataclass
class Passage:
    """A heading or paragraph of the report, with where it is and what it belongs to."""

    text: str  # original
    norm: str
    location: str
    section: str | None
    part: str | None
    is_heading: bool = False
    anchor: int | None = None  # paragraph number in a .docx draft, for annotations


@dataclass
class Duplicate:
    """A block of paragraphs printed twice (web pages do this); counted once."""

    first_line: int
    repeat_line: int
    paragraphs: int
    chars: int


@dataclass
class Report:
    """One report, whichever source it came from."""

    file: str
    source: str  # yaml | draft
    schema: Schema
    year: int | None
    region: str
    level: str
    title: str
    date: _dt.date | None
    kind: str = "report"  # report | plan
    passages: list[Passage] = field(default_factory=list)
    metrics: dict[str, dict[str, float | None]] = field(default_factory=dict)
    metric_sources: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (group, count) -> location
    duplicates: list[Duplicate] = field(default_factory=list)
    title_location: str = ""  # where the title is set (YAML 报告.标题), for years.title
    format: DocumentFormat | None = None  # a .docx draft's formatting, for the format.* checks
    # last year's counts (group -> count -> value), for 同比 claims, and where they came from
    previous: dict[str, dict[str, float | None]] = field(default_factory=dict)
    previous_source: str = ""
    lineage: str = ""  # year data: last year's data file (报告.上年数据), resolved
    draft_findings: list = field(default_factory=list)  # year data: the builder's own findings

    def parts_present(self) -> set[str]:
        """Official parts that have at least one passage."""
        return {p.part for p in self.passages if p.part}

    def sections_present(self) -> set[str]:
        """Sections that have at least one passage."""
        return {p.section for p in self.passages if p.section}

    def text_of(
        self, part: str | None = None, section: str | None = None, headings: bool = False
    ) -> str:
        """The normalised text of the selected passages, joined."""
        return "".join(p.norm for p in self.select(part, section, headings))

    def select(
        self, part: str | None = None, section: str | None = None, headings: bool | None = False
    ):
        """Passages of a part and/or section; headings True/False/None (both)."""
        for p in self.passages:
            if (
                (part is None or p.part == part)
                and (section is None or p.section == section)
                and (headings is None or p.is_heading == headings)
            ):
                yield p
