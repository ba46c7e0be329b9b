"""Engines for years and dates: the title's year, stale years, next year's plan, deadlines."""

from __future__ import annotations

import datetime as _dt
import re

from ..core.numerals import date_cn
from ..core.report import Report
from ..core.ruletable import Rule


def _without_titles(text: str, rule: Rule) -> str:
    """Text with quoted titles and year ranges removed: their years are not the report's."""
    return re.sub(rule.params["quoted"], "", text)


def title_year(report: Report, rule: Rule):
    """A title set in year data names the report's year."""
    if report.source != "yaml" or not report.year:
        return
    found = re.search(rule.params["year"], _without_titles(report.title, rule))
    if found and int(found.group(1)) != report.year:
        yield rule.finding(
            location=report.title_location or report.file,
            found=found.group(1),
            year=report.year,
            evidence=report.title,
        )


def stale_year(report: Report, rule: Rule):
    """Headings and sentence openings of the year's parts name its year, not last year's."""
    if not report.year:
        return
    opening = re.compile(rule.params["sentence_opening"].replace("{year}", str(report.year - 1)))
    for passage in report.passages:
        if passage.part not in rule.params["parts"]:
            continue
        if passage.is_heading:
            years = [
                int(y) for y in re.findall(rule.params["year"], _without_titles(passage.norm, rule))
            ]
            wrong = next((y for y in years if y != report.year), None)
            if wrong:
                yield rule.finding(
                    "heading",
                    location=passage.location,
                    section=passage.section,
                    part=passage.part,
                    found=wrong,
                    year=report.year,
                    evidence=passage.text,
                )
        elif opening.search(passage.norm):
            yield rule.finding(
                "text",
                location=passage.location,
                section=passage.section,
                part=passage.part,
                found=report.year - 1,
                year=report.year,
                evidence=passage.text,
            )


def next_year_plan(report: Report, rule: Rule):
    """The plan for next year names next year."""
    if not report.year:
        return
    expected = report.year + 1
    for passage in report.select(part="next_year", headings=None):
        text = _without_titles(passage.norm, rule)
        pattern = rule.params["year"] if passage.is_heading else rule.params["sentence_opening"]
        wrong = next((int(y) for y in re.findall(pattern, text) if int(y) != expected), None)
        if wrong:
            yield rule.finding(
                location=passage.location,
                section="next_year",
                part="next_year",
                found=wrong,
                expected=expected,
                evidence=passage.text,
            )


def deadlines(report: Report, rule: Rule):
    """The date of the report is before the deadlines that apply to its level."""
    if not report.date or not report.year:
        return
    limits = []
    for limit in rule.params["deadlines"]:
        if not limit.get("levels") or report.level in limit["levels"]:
            month, day = limit["month_day"]
            limits.append((_dt.date(report.year + 1, month, day), limit["rule"]))
    for deadline, why in sorted(limits):
        if report.date > deadline:
            yield rule.finding(
                location=report.file,
                date=date_cn(report.date),
                deadline=date_cn(deadline),
                rule=why,
            )
            return


ENGINES = (title_year, stale_year, next_year_plan, deadlines)
