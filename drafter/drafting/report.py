"""Year data as the analyses see it: the public "render to document" call of the check path.

The passages are exactly the narrative the document will contain, rendered with
their metric values, each located at the file:line:column where it was written.
"""

from __future__ import annotations

from pathlib import Path

from ..core.normalize import normalize
from ..core.report import Passage, Report
from ..core.schema import Schema, load_schema
from .keys import METRICS, REPORT, TITLE
from .loader import load_year_data
from .model import Text, YearData
from .narrative import Narrative
from .render import render


def report_from_year_data_file(path: Path | str, schema: Schema | None = None) -> Report:
    """Load a year-data file and return its report model."""
    return report_from_year_data(load_year_data(path, schema or load_schema()))


def report_from_year_data(data: YearData) -> Report:
    """The report model of validated year data (rendering first, so reference errors surface)."""
    meta = data.meta
    rendered = render(data)
    report = Report(
        data.file,
        "yaml",
        data.schema,
        meta.year,
        meta.region,
        meta.level,
        rendered.document.title,
        meta.date,
        title_location=_loc(data, (REPORT, TITLE)),
    )
    narrative = rendered.narrative
    if data.preamble:
        report.passages += _passages(data, data.preamble, narrative, None, None)
    for sid, sd in data.sections.items():
        section = data.schema.by_id(sid)
        heading = sd.heading or section.heading_for(meta.year)
        report.passages.append(
            Passage(heading, normalize(heading), _loc(data, sd.path), sid, section.part, True)
        )
        for text in sd.texts():
            report.passages += _passages(data, text, narrative, sid, section.part)
    report.metrics = {k: dict(v) for k, v in data.metric_values().items()}
    for sd in data.sections.values():
        for group, counts in sd.metrics.items():
            for count in counts:
                report.metric_sources[(group, count)] = _loc(
                    data, sd.path + (METRICS, group, count)
                )
    return report


def _passages(data: YearData, text: Text, narrative: Narrative, section, part) -> list[Passage]:
    location = _loc(data, text.path)
    return [Passage(p, normalize(p), location, section, part) for p in narrative.resolve(text)]


def _loc(data: YearData, path: tuple) -> str:
    return data.located.location(path)
