"""Year data -> template context -> markup -> Document, with the builder's warnings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import limits
from ..core.errors import DataError, Problem
from ..core.findings import Finding
from ..core.metrics import broken_relations, relation_fields
from ..core.resources import default_template_dir
from ..core.ruletable import rule
from .keys import METRICS, REPORT
from .markup import Document, parse_markup
from .model import YearData
from .narrative import Narrative, check_references
from .sandbox import Budget, make_env
from .template import render_template, template_context


@dataclass
class Rendered:
    """A rendered report: the document, the builder's warnings and the markup it came from."""

    document: Document
    warnings: list[Finding]
    markup: str
    narrative: Narrative  # each narrative string rendered once, reused by the check path


def render(data: YearData, template_dir: Path | None = None) -> Rendered:
    """Render year data through the template into a Document; raise located errors first."""
    if not any(sd.has_content() for sd in data.sections.values()):
        raise DataError(
            [
                Problem(
                    "各章节都还没有内容，无法成稿",
                    data.file,
                    hint="先在各章节的“事项 → 内容”中写入叙述，再运行 build",
                )
            ]
        )
    budget = Budget()  # one deadline and one allowance for the narrative and the template
    narrative = Narrative(data, make_env(budget=budget))
    check_references(data, narrative.context, narrative.env)
    context = template_context(data, narrative)
    markup = render_template(template_dir or default_template_dir(), context, data, budget)
    document = parse_markup(markup)
    if len(document.blocks) > limits.value("document_paragraphs"):
        made_by = (
            f"{data.file} 经模板 {Path(template_dir) / 'report.j2'}" if template_dir else data.file
        )
        found = f"生成的报告有 {len(document.blocks):,} 段"
        raise limits.exceeded("document_paragraphs", made_by, found=found)
    document.author = data.meta.signer
    document.title = document.title or data.meta.report_title
    return Rendered(document, build_warnings(data, context["parts"]), markup, narrative)


def build_warnings(data: YearData, parts: list[dict]) -> list[Finding]:
    """What the builder can already see: empty parts and items, impossible counts, no date."""
    warnings = []
    for view in parts:
        part = data.schema.by_id(view["id"])
        if not view["has_content"]:
            warnings.append(
                rule("structure.empty").finding(
                    "build", location=data.file, section=part.id, part=part.id, title=part.title
                )
            )
    warnings += _empty_item_warnings(data) + _relation_warnings(data)
    if data.meta.date is None:
        warnings.append(
            rule("meta.date_missing").finding(location=data.located.location((REPORT,)))
        )
    return warnings


def _empty_item_warnings(data: YearData) -> list[Finding]:
    out = []
    for sd in data.sections.values():
        for text in sd.texts():
            if not text.value.strip():
                out.append(
                    rule("text.empty").finding(
                        location=data.located.location(text.path),
                        section=sd.section.id,
                        part=sd.section.part,
                    )
                )
    return out


def _relation_warnings(data: YearData) -> list[Finding]:
    out = []
    for sd in data.sections.values():
        for name, counts in sd.metrics.items():
            group = data.schema.metric_group(name)
            for rel in broken_relations(group, counts):
                where = data.located.location(sd.path + (METRICS, name))
                out.append(
                    rule("numbers.impossible").finding(
                        location=where,
                        section=sd.section.id,
                        part=sd.section.part,
                        **relation_fields(group, rel, counts),
                    )
                )
    return out
