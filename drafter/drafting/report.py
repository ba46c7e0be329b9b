"""Year data as the analyses see it: the public "render to document" call of the check path.

The passages are exactly what `build` puts in the document — the headings of the
template's heading tree and the narrative under them, rendered with their metric
values — each located at the file:line:column where it was written. A part left
empty is not in the document, so it is not in the report model either: checking
the YAML and checking the built .docx give one verdict.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import DrafterError
from ..core.normalize import normalize
from ..core.report import Passage, Report
from ..core.schema import Schema, load_schema
from .keys import METRICS, REPORT, TITLE
from .loader import load_year_data
from .model import Text, YearData
from .narrative import Narrative, check_references
from .render import build_warnings
from .template import template_context

# the builder's findings a check reports too (an empty part is structure.missing there)
_DRAFT_RULES = ("text.empty", "meta.date_missing")


def report_from_year_data_file(path: Path | str, schema: Schema | None = None) -> Report:
    """Load a year-data file and return its report model."""
    return report_from_year_data(load_year_data(path, schema or load_schema()))


def report_from_year_data(data: YearData) -> Report:
    """The report model of validated year data: what the document will hold (reference
    errors surface first; a skeleton with nothing written yet gives a model with no parts)."""
    meta = data.meta
    narrative = Narrative(data)  # one bounded sandbox; each string rendered once
    check_references(data, narrative.context, narrative.env)
    context = template_context(data, narrative)
    report = Report(
        data.file,
        "yaml",
        data.schema,
        meta.year,
        meta.region,
        meta.level,
        meta.report_title,
        meta.date,
        title_location=_loc(data, (REPORT, TITLE)),
    )
    if data.preamble:
        report.passages += _passages(data, data.preamble, narrative, None, None)
    for node in _walk(context["tree"]):
        report.passages += _node_passages(data, node, narrative)
    _metrics(data, report)
    lineage = data.lineage_path()
    report.lineage = str(lineage) if lineage else ""
    if not report.previous and lineage is not None and lineage.is_file():
        report.previous, report.previous_source = _lineage_values(lineage, data.schema)
    report.draft_findings = [
        f for f in build_warnings(data, context["parts"]) if f.rule in _DRAFT_RULES
    ]
    return report


def _walk(tree: list[dict]):
    for node in tree:
        yield node
        yield from _walk(node["children"])


def _node_passages(data: YearData, node: dict, narrative: Narrative) -> list[Passage]:
    """A rendered heading and the narrative written under its section."""
    section = data.schema.by_id(node["id"])
    sd = data.sections.get(section.id)
    where = _loc(data, sd.path) if sd else data.file
    heading = node["heading"]
    out = [Passage(heading, normalize(heading), where, section.id, section.part, True)]
    for text in sd.texts() if sd else []:
        out += _passages(data, text, narrative, section.id, section.part)
    return out


def _metrics(data: YearData, report: Report) -> None:
    report.metrics = {k: dict(v) for k, v in data.metric_values().items()}
    report.previous = {k: dict(v) for k, v in data.previous_values().items()}
    if report.previous:
        report.previous_source = f"{data.file}（{METRICS}.上年）"
    for sd in data.sections.values():
        for group, counts in sd.metrics.items():
            for count in counts:
                report.metric_sources[(group, count)] = _loc(
                    data, sd.path + (METRICS, group, count)
                )


def _lineage_values(path: Path, schema: Schema) -> tuple[dict, str]:
    """Last year's counts from the data file this one was carried over from (none if it no
    longer loads: its own check reports why)."""
    try:
        last = load_year_data(path, schema)
    except DrafterError:
        return {}, ""
    return {k: dict(v) for k, v in last.metric_values().items()}, str(path)


def _passages(data: YearData, text: Text, narrative: Narrative, section, part) -> list[Passage]:
    location = _loc(data, text.path)
    return [Passage(p, normalize(p), location, section, part) for p in narrative.resolve(text)]


def _loc(data: YearData, path: tuple) -> str:
    return data.located.location(path)
