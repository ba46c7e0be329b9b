"""复制比: how much of a draft is reused, overall, by part and section, and by source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.report import Report

if TYPE_CHECKING:
    from .analysis import ReuseReport


def tally_shares(target: Report, report: "ReuseReport") -> None:
    """Fill in the report's 复制比: characters reused and of stock phrases, overall, by part
    and by section, and the sources by characters taken from each. A whole sentence counts
    its characters, a run inside a sentence that otherwise differs the run's (they never
    overlap)."""
    reused_by_passage: dict[int, int] = {}
    stock_by_passage: dict[int, int] = {}
    for result in report.sentences:
        tally = stock_by_passage if result.kind == "stock" else reused_by_passage
        tally[result.passage] = tally.get(result.passage, 0) + result.chars
        if result.run and result.kind != "stock":
            report.run_chars += result.chars
    sections: dict[str, list[int]] = {}
    parts: dict[str, list[int]] = {}
    for index, passage in enumerate(target.passages):
        if passage.is_heading:
            continue
        size, reused = len(passage.norm), reused_by_passage.get(index, 0)
        report.total_chars += size
        report.reused_chars += reused
        report.stock_chars += stock_by_passage.get(index, 0)
        for table, key in (
            (sections, passage.section or "preamble"),
            (parts, passage.part or "preamble"),
        ):
            table.setdefault(key, [0, 0])
            table[key][0] += size
            table[key][1] += reused
    report.by_section = {k: round(v[1] / v[0], 4) for k, v in sections.items() if v[0]}
    report.by_part = {k: round(v[1] / v[0], 4) for k, v in parts.items() if v[0]}
    report.sources = _sources(report)


def _sources(report: "ReuseReport") -> list[dict]:
    """Each source report with the characters the draft takes from it, most first."""
    totals: dict[tuple, list] = {}
    for paragraph in report.paragraphs:
        # by id and file: sources may come from two corpora (last year's, a review's folder)
        key = (paragraph.source.id, paragraph.source.file)
        entry = totals.setdefault(key, [paragraph.source, 0])
        entry[1] += paragraph.reused_chars
    return [
        {
            "file": r.file,
            "issuer": r.issuer,
            "year": r.year,
            "title": r.title,
            "chars": chars,
            "share": round(chars / report.total_chars, 4) if report.total_chars else 0.0,
        }
        for r, chars in sorted(totals.values(), key=lambda e: -e[1])
    ]
