"""Engines for years and dates: the title's year, stale years, next year's plan, deadlines."""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from ..core.numerals import date_cn
from ..core.report import Report
from ..core.ruletable import Rule


def _without_titles(text: str, rule: Rule) -> str:
    """Text with quoted titles and year ranges removed: their years are not the report's."""
    return re.sub(rule.params["quoted"], "", text)


def title_year(report: Report, rule: Rule):
    """The title names the report's year: the year set in year data, or in a text draft the
    year its own headings and opening write."""
    if report.source == "yaml":
        expected = report.year
    else:
        expected = body_year(report, rule)
    found = re.search(rule.params["year"], _without_titles(report.title, rule))
    if expected and found and int(found.group(1)) != expected:
        yield rule.finding(
            None if report.source == "yaml" else "draft",
            location=report.title_location or report.file,
            found=found.group(1),
            year=expected,
            evidence=report.title,
        )


def body_year(report: Report, rule: Rule) -> int | None:
    """The year a draft's headings of the year's parts and its opening sentences write most."""
    years: Counter = Counter()
    for passage in report.passages:
        if passage.part in rule.params["body_parts"] and passage.is_heading:
            text = _without_titles(passage.norm, rule)
        elif passage.part is None and not passage.is_heading:
            text = _without_titles(passage.norm, rule)[:8]  # “2024年，我区……”
        else:
            continue
        years.update(int(y) for y in re.findall(rule.params["year"], text))
    return years.most_common(1)[0][0] if years else None


def stale_year(report: Report, rule: Rule):
    """Headings and text of the year's parts name its year, not last year's or the one before."""
    if not report.year:
        return
    params = rule.params
    for passage in report.passages:
        in_preamble = passage.part is None and params["preamble"] and passage.section is None
        if passage.part not in params["parts"] and not in_preamble:
            continue
        where = dict(location=passage.location, section=passage.section, part=passage.part)
        if passage.is_heading:
            years = [
                int(y) for y in re.findall(params["year"], _without_titles(passage.norm, rule))
            ]
            wrong = next((y for y in years if y != report.year), None)
            if wrong:
                yield rule.finding(
                    "heading", **where, found=wrong, year=report.year, evidence=passage.text
                )
            continue
        stale = stale_in_text(passage.norm, report.year, rule)
        if stale:
            found, context = stale
            yield rule.finding(
                "text",
                **where,
                found=found,
                year=report.year,
                context=context,
                evidence=passage.text,
            )


def stale_in_text(text: str, year: int, rule: Rule) -> tuple[int, str] | None:
    """The first past year (one or two back) a text names as if it were the report's,
    with a few characters around it; comparisons and titles do not count."""
    params = rule.params
    text = _without_titles(text, rule)
    for match in re.finditer(params["year"], text):
        found = int(match.group(1))
        if not year - params["back"] <= found < year:
            continue
        before, after = text[max(0, match.start() - 4) : match.start()], text[match.end() :]
        if any(before.endswith(w) for w in params["legit_before"]):
            continue
        if any(after.startswith(w) for w in params["legit_after"]):
            continue
        return found, text[max(0, match.start() - 6) : match.end() + 8].strip("，。；")
    return None


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
