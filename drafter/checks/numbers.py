"""Engines for figures: required metrics present, counts possible, rates and figures consistent."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ..core.metrics import broken_relations, format_count, rate_value, relation_fields
from ..core.report import Passage, Report
from ..core.ruletable import Rule
from ..read.figures import all_figures, extract_figures


def required_metrics(report: Report, rule: Rule):
    """Every required metric group has at least one figure."""
    for group in report.schema.metric_groups():
        if group.required and not any(
            v is not None for v in report.metrics.get(group.key, {}).values()
        ):
            section = report.schema.by_id(group.section)
            yield rule.finding(
                location=report.file,
                section=section.id,
                part=section.part,
                group=group.key,
                counts="、".join(c.key for c in group.counts),
            )


def relations(report: Report, rule: Rule):
    """Counts obey their relations (受理 ≤ 收到 …)."""
    for name, counts in report.metrics.items():
        group = report.schema.metric_group(name)
        for rel in broken_relations(group, counts):
            where = report.metric_sources.get((group.key, rel.left), report.file)
            section = report.schema.by_id(group.section)
            yield rule.finding(
                location=where,
                section=section.id,
                part=section.part,
                **relation_fields(group, rel, counts),
            )


def figures_agree(report: Report, rule: Rule):
    """Rates in the text match their counts; in year data, figures in the text match the data."""
    yield from _rates_in_text(report, rule)
    if report.source == "yaml":
        yield from _figures_against_data(report, rule)


def _rates_in_text(report: Report, rule: Rule):
    for group in report.schema.metric_groups():
        counts = report.metrics.get(group.key, {})
        for rate in group.rates:
            computed = rate_value(rate, counts)
            if computed is None:
                continue
            pattern = re.compile(rule.params["rate_pattern"].replace("{rate}", re.escape(rate.key)))
            for passage in report.passages:
                for match in pattern.finditer(passage.norm):
                    if not _agrees(match.group(1), computed):
                        yield rule.finding(
                            "rate",
                            location=passage.location,
                            section=passage.section,
                            part=passage.part,
                            group=group.key,
                            rate=rate.key,
                            written=match.group(1),
                            numerator=rate.numerator,
                            numerator_value=format_count(counts[rate.numerator]),
                            denominator=rate.denominator,
                            denominator_value=format_count(counts[rate.denominator]),
                            computed=f"{computed:.1f}",
                            evidence=passage.text,
                        )


def _agrees(written: str, computed: float) -> bool:
    decimals = len(written.split(".")[1]) if "." in written else 0
    rounded = Decimal(repr(computed)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded == Decimal(written) or abs(float(written) - computed) < 10**-decimals / 2 + 1e-9


def _figures_against_data(report: Report, rule: Rule):
    for passage in report.passages:
        if passage.is_heading:
            continue
        for figure in extract_figures([(passage.norm, passage.text)]):
            recorded = report.metrics.get(figure.group, {}).get(figure.count)
            if recorded is not None and recorded != figure.value:
                yield rule.finding(
                    "data",
                    location=passage.location,
                    section=passage.section,
                    part=passage.part,
                    group=figure.group,
                    count=figure.count,
                    value=figure.value,
                    recorded=format_count(recorded),
                    evidence=figure.sentence,
                )


def figures_conflict(report: Report, rule: Rule):
    """The same count (收到行政复议申请 …) is not given two different numbers in two places."""
    params = rule.params
    passages = [
        p for p in report.passages if not p.is_heading and (p.part in params["parts"] or not p.part)
    ]
    first: dict[tuple[str, str], tuple[int, Passage]] = {}
    for index, figure in all_figures([(p.norm, p.text) for p in passages]):
        if any(w in figure.sentence for w in params["comparison_words"]):
            continue
        key, passage = (figure.group, figure.count), passages[index]
        if key not in first:
            first[key] = (figure.value, passage)
        elif first[key][0] != figure.value and first[key][1] is not passage:
            yield rule.finding(
                location=passage.location,
                section=passage.section,
                part=passage.part,
                group=figure.group,
                count=figure.count,
                value=figure.value,
                first=first[key][1].location,
                first_value=first[key][0],
                evidence=figure.sentence,
            )


ENGINES = (required_metrics, relations, figures_agree, figures_conflict)
