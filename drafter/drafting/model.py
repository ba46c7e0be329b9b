"""Year data: the facts of one report year, as drafter holds them after validation.

Every narrative string keeps the key path it was written at, so that problems found
later (a missing reference, a check finding) point at file:line:column.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..core.located import Located
from ..core.schema import Schema, Section
from .keys import DEFAULT_STYLE

# whitespace beside a non-ASCII (CJK) character: an artefact of line wrapping (“事项中 1219项”);
# Chinese is set without spaces, also next to figures and Latin letters
_CJK_GAP = re.compile(
    r"(?<=[^\x00-\x7f])[ \t\u3000]+(?=[^\s{}])|(?<=[^\s{}])[ \t\u3000]+(?=[^\x00-\x7f])"
)


@dataclass
class Text:
    """A narrative string and where it was written (for located errors)."""

    value: str
    path: tuple

    def paragraphs(self) -> list[str]:
        """Each line is a paragraph; folded (>-) wrapping spaces beside CJK characters go."""
        lines = self.value.replace("\r\n", "\n").split("\n")
        return [_CJK_GAP.sub("", line).strip() for line in lines if line.strip()]


@dataclass
class Item:
    """One item of a section: a lead phrase (要点) and its narrative (内容)."""

    text: Text
    lead: str = ""


@dataclass
class Group:
    """A group of items under its own sub-heading (小标题)."""

    heading: str
    items: list[Item]
    style: str = DEFAULT_STYLE
    intro: Text | None = None


@dataclass
class SectionData:
    """What the year data says under one section of the schema."""

    section: Section
    path: tuple
    heading: str = ""
    style: str = DEFAULT_STYLE
    intro: Text | None = None
    items: list[Union[Item, Group]] = field(default_factory=list)
    metrics: dict[str, dict[str, float | None]] = field(default_factory=dict)
    previous: dict[str, dict[str, float | None]] = field(default_factory=dict)  # 上年

    def texts(self) -> list[Text]:
        """Every narrative string of the section, in order."""
        out = [self.intro] if self.intro else []
        for entry in self.items:
            if isinstance(entry, Group):
                out += ([entry.intro] if entry.intro else []) + [i.text for i in entry.items]
            else:
                out.append(entry.text)
        return out

    def has_content(self) -> bool:
        """Whether any narrative of the section is non-empty."""
        return any(t.value.strip() for t in self.texts())


@dataclass
class Meta:
    """The report's 报告 block: who reports, for which year, signed by whom."""

    region: str
    level: str
    year: int
    signer: str
    title: str = ""
    date: _dt.date | None = None
    party_head: str = ""
    gov_head: str = ""
    lineage: str = ""  # 上年数据: last year's data file, as written (relative to this file)

    @property
    def report_title(self) -> str:
        """The title as set, or the conventional one."""
        return self.title or f"{self.region}{self.year}年法治政府建设情况报告"


@dataclass
class OutlineNode:
    """One heading of the report's own structure (year data key 大纲)."""

    section: str  # schema id
    children: list["OutlineNode"] = field(default_factory=list)


@dataclass
class YearData:
    """One validated year-data file."""

    meta: Meta
    schema: Schema
    located: Located
    preamble: Text | None = None
    sections: dict[str, SectionData] = field(default_factory=dict)
    outline: list[OutlineNode] | None = None  # None: the conventional order

    @property
    def file(self) -> str:
        """The file the data was read from."""
        return self.located.file

    def metric_values(self) -> dict[str, dict[str, float | None]]:
        """Every metric group's counts, whichever section they were written under."""
        merged: dict[str, dict[str, float | None]] = {}
        for data in self.sections.values():
            merged.update(data.metrics)
        return merged

    def previous_values(self) -> dict[str, dict[str, float | None]]:
        """Last year's counts (指标.<组>.上年), whichever section they were written under."""
        merged: dict[str, dict[str, float | None]] = {}
        for data in self.sections.values():
            merged.update(data.previous)
        return merged

    def lineage_path(self) -> Path | None:
        """Last year's data file (报告.上年数据), relative to this file's folder; None if unset."""
        if not self.meta.lineage:
            return None
        return Path(self.file).parent / self.meta.lineage


_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> _dt.date | None:
    """A quoted “2025-03-06” or “2025年3月6日” is a date too."""
    found = _DATE_TEXT.match(text)
    if not found:
        return None
    try:
        return _dt.date(*map(int, found.groups()))
    except ValueError:
        return None
