"""One report's row of the review: who (unit, level, year), what is there (parts, 不足 with
causes, both heads), when (成文日期 and its deadline), how much is reused (self / cross, the
largest source), its findings, and the copied paragraphs for the drill-down. Plain data:
it crosses processes and becomes JSON as it is."""

from __future__ import annotations

import datetime as _dt

from ..checks.output import summary
from ..core.findings import Finding
from ..core.numerals import date_cn
from ..core.report import Report
from ..core.ruletable import rule_table
from ..core.schema import OFFICIAL_PARTS
from ..read.archives import shown_name
from ..reuse.analysis import ReuseReport
from .settings import review_settings


def report_row(shown: str, report: Report, findings: list[Finding], reuse: ReuseReport) -> dict:
    """The row of a report that was read and checked."""
    counts = summary(report, findings)
    rules = {f.rule for f in findings}
    deadline = deadline_of(report)
    return {
        "status": "checked",
        "file": shown,
        "unit": report.region or "",
        "level": report.level or "",
        "year": report.year,
        "title": report.title or "",
        "date": report.date.isoformat() if report.date else None,
        "deadline": deadline.isoformat() if deadline else None,
        "late": bool(report.date and deadline and report.date > deadline),
        "parts_present": counts["parts_present"],
        "parts_missing": counts["parts_missing"],
        "causes_stated": _stated(report, "shortcomings", "structure.no_causes", rules),
        "both_heads": _stated(report, "first_responsible", "structure.one_head", rules),
        "errors": counts["errors"],
        "warnings": counts["warnings"],
        "infos": counts["infos"],
        "reuse": reuse_figures(reuse),
        "findings": [_shown(f.to_json(), report.file, shown) for f in findings],
        "copies": copies(reuse, report.file),
    }


def unreadable_row(shown: str, error: str) -> dict:
    """The row of a file that could not be read: the reason, as the reader said it."""
    return {"status": "unreadable", "file": shown, "unit": "", "year": None, "error": error}


def missing_row(unit: str, level: str, year: int | None) -> dict:
    """The row of an expected unit that sent no report."""
    return {"status": "missing", "file": "", "unit": unit, "level": level, "year": year}


def _stated(report: Report, part: str, rule: str, rules: set[str]) -> bool | None:
    """None when the part is missing; else whether the part says what the rule asks."""
    if part not in report.parts_present():
        return None
    return rule not in rules


def deadline_of(report: Report) -> _dt.date | None:
    """The earliest deadline the rules set for the report's level (date.late's params)."""
    if not report.year:
        return None
    dates = [
        _dt.date(report.year + 1, *limit["month_day"])
        for limit in rule_table()["date.late"].params["deadlines"]
        if not limit.get("levels") or report.level in limit["levels"]
    ]
    return min(dates, default=None)


def reuse_figures(reuse: ReuseReport) -> dict:
    """The shares a row shows: all reuse, self, cross and stock; the largest source."""
    chars = {"self": 0, "cross": 0, "stock": 0}
    for result in reuse.sentences:
        chars[result.kind] += len(result.sentence.text)
    total = reuse.total_chars or 1
    largest = reuse.sources[0] if reuse.sources else None
    if largest is not None:
        largest = {**largest, "file": shown_name(largest["file"])}
    return {
        "share": round(reuse.share, 4),
        "self_share": round(chars["self"] / total, 4),
        "cross_share": round(chars["cross"] / total, 4),
        "stock_share": round(chars["stock"] / total, 4),
        "total_chars": reuse.total_chars,
        "reused_chars": reuse.reused_chars,
        "largest": largest,
        "sources": [{**s, "file": shown_name(s["file"])} for s in reuse.sources],
        "corpus_reports": reuse.corpus_reports,
    }


def _shown(finding: dict, file: str, shown: str) -> dict:
    """A finding located in the file as people know it (a zip member by its zip)."""
    return finding | {"location": finding["location"].replace(file, shown, 1)}


def copies(reuse: ReuseReport, file: str) -> list[dict]:
    """Each copied paragraph beside its source, for the drill-down (most copied first)."""
    limit = review_settings()["drilldown_paragraphs"]
    ordered = sorted(reuse.paragraphs, key=lambda p: -p.reused_chars)[:limit]
    return [
        {
            "kind": p.kind,
            "location": p.passage.location.removeprefix(file).lstrip(":"),
            "text": p.passage.norm,
            "spans": [list(s) for s in p.spans],
            "source_unit": p.source.issuer,
            "source_year": p.source.year,
            "source_title": p.source.title,
            "source_file": shown_name(p.source.file),
            "source_paragraph": p.source_paragraph + 1,
            "source_text": p.source_text,
            "source_spans": [list(s) for s in p.source_spans],
            "reused_chars": p.reused_chars,
            "changed": [list(c) for c in p.changed],
        }
        for p in sorted(ordered, key=lambda p: p.passage_index)
    ]


def part_labels() -> dict[str, str]:
    """Short names of the official parts for table columns."""
    labels = review_settings()["part_labels"]
    return {part: labels.get(part, part) for part in OFFICIAL_PARTS}


def date_text(iso: str | None) -> str:
    """An ISO date of a row as people write it (2025年3月6日), or —."""
    return date_cn(_dt.date.fromisoformat(iso)) if iso else "—"
