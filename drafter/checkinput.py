"""One view of a report for the checks, built from year-data YAML or from a draft.

YAML paragraphs are located file:line:column (where they were written); draft
paragraphs by line (text files) or paragraph number (.docx).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .data import YearData, load_year_data
from .extract import extract_figures
from .normalize import normalize
from .outline import Outline
from .reading import outline_file
from .render import narrative_context, render, resolve
from .schema import Schema, load_schema

YAML_SUFFIXES = (".yaml", ".yml")
_YEAR = re.compile(r"(20\d{2})\s*年")


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
class CheckInput:
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
    metric_sources: dict[tuple[str, str], str] = field(default_factory=dict)  # (group, count) -> location
    duplicates: list = field(default_factory=list)  # outline.Duplicate
    title_location: str = ""  # where the title is set (YAML 报告.标题), for years.title

    def parts_present(self) -> set[str]:
        return {p.part for p in self.passages if p.part}

    def sections_present(self) -> set[str]:
        return {p.section for p in self.passages if p.section}

    def text_of(self, part: str | None = None, section: str | None = None, headings: bool = False) -> str:
        return "".join(p.norm for p in self.select(part, section, headings))

    def select(self, part: str | None = None, section: str | None = None, headings: bool | None = False):
        for p in self.passages:
            if (part is None or p.part == part) and (section is None or p.section == section) \
                    and (headings is None or p.is_heading == headings):
                yield p


def load_check_input(path: Path | str, schema: Schema | None = None) -> CheckInput:
    path = Path(path)
    schema = schema or load_schema()
    if path.suffix.lower() in YAML_SUFFIXES:
        return from_year_data(load_year_data(path, schema))
    return from_outline(outline_file(path, schema), schema)


# ── from YAML ──────────────────────────────────────────────────────────────

def from_year_data(data: YearData) -> CheckInput:
    meta = data.meta
    rendered = render(data)  # validates references; raises located errors before any check runs
    check = CheckInput(data.file, "yaml", data.schema, meta.year, meta.region, meta.level,
                       rendered.document.title, meta.date, title_location=_loc(data, ("报告", "标题")))
    context = narrative_context(data)
    if data.preamble:
        check.passages += _yaml_passages(data, data.preamble, context, None, None)
    for sid, sd in data.sections.items():
        section = data.schema.by_id(sid)
        heading = sd.heading or section.heading_for(meta.year)
        check.passages.append(Passage(heading, normalize(heading), _loc(data, sd.path), sid, section.part, True))
        for text in sd.texts():
            check.passages += _yaml_passages(data, text, context, sid, section.part)
    check.metrics = {k: dict(v) for k, v in data.metric_values().items()}
    for sd in data.sections.values():
        for group, counts in sd.metrics.items():
            for count in counts:
                check.metric_sources[(group, count)] = _loc(data, sd.path + ("指标", group, count))
    return check


def _yaml_passages(data: YearData, text, context, section, part) -> list[Passage]:
    location = _loc(data, text.path)
    return [Passage(p, normalize(p), location, section, part) for p in resolve(text, context)]


def _loc(data: YearData, path: tuple) -> str:
    return data.located.location(path)


# ── from a draft ───────────────────────────────────────────────────────────

def from_outline(outline: Outline, schema: Schema) -> CheckInput:
    source = outline.source
    check = CheckInput(source.file, "draft", schema, outline.year, outline.region, _level(outline.region),
                       outline.title, outline.date, outline.kind, duplicates=outline.duplicates)
    docx = source.format == "docx"
    for para in outline.preamble:
        check.passages.append(_draft_passage(source.file, para, None, None, docx))
    for heading in outline.walk():
        check.passages.append(_draft_passage(source.file, heading.para, heading.section, heading.part, docx, True,
                                             heading.text))
        if heading.runin and heading.runin_body:
            check.passages.append(Passage(heading.runin_body, normalize(heading.runin_body),
                                          _where(source.file, heading.para.line, docx), heading.section,
                                          heading.part, anchor=heading.para.line if docx else None))
        for para in heading.body:
            check.passages.append(_draft_passage(source.file, para, heading.section, heading.part, docx))
    for figure in extract_figures([(p.norm, p.text) for p in check.passages if not p.is_heading]):
        check.metrics.setdefault(figure.group, {})[figure.count] = figure.value
    return check


def _draft_passage(file, para, section, part, docx, is_heading=False, text=None) -> Passage:
    text = text or para.text
    return Passage(text, normalize(text), _where(file, para.line, docx), section, part, is_heading,
                   para.line if docx else None)


def _where(file: str, line: int, docx: bool) -> str:
    return f"{file}:段落{line}" if docx else f"{file}:{line}"


def _level(region: str) -> str:
    if region.endswith(("局", "委", "办", "厅")):
        return "政府部门"
    return "区县政府"
