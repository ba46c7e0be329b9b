"""A unit's documents in the corpus, found by its canonical identity (上海市杨浦区 = 杨浦区):
its reports of earlier years, last year's figures (for 同比), its plans; and the stored
paragraphs of one document.

report_paragraphs is the one place outside corpus.py that reads the corpus database.
"""

from __future__ import annotations

from ..core.report import Report
from ..read.figures import extract_figures
from ..read.report import outline_text
from ..read.unit import resolve_units, same_unit
from .corpus import Corpus, ReportRow

# A report's paragraphs are stored together: the range of their ids (first_paragraph and
# paragraphs, kept true by `corpus check`) is read by rowid instead of scanning the table.
_PARAGRAPHS = (
    "SELECT heading, text FROM paragraphs WHERE id >= (SELECT first_paragraph FROM reports"
    " WHERE id = ?) AND id < (SELECT first_paragraph + paragraphs FROM reports WHERE id = ?)"
    " AND report_id = ? ORDER BY idx"
)


def unit_rows(corpus: Corpus, unit: str, kind: str | None = "report") -> list[ReportRow]:
    """The unit's stored documents (of one kind: report | plan; None for both), by year."""
    if not unit:
        return []
    issuers = corpus.issuers()
    resolve_units(issuers)  # a corpus's issuers: resolved by an earlier run
    rows = corpus.reports_of([i for i in issuers if same_unit(i, unit)])
    return [r for r in rows if kind is None or r.kind == kind]


def report_paragraphs(corpus: Corpus, row: ReportRow) -> list[tuple[str | None, str, str]]:
    """(section, heading, normalised text) of each stored paragraph of a document, in order;
    the corpus does not map headings onto sections (ingest stays cheap), so section is None."""
    rows = corpus.db.execute(_PARAGRAPHS, (row.id, row.id, row.id)).fetchall()
    return [(None, heading, text) for heading, text in rows]


def document_text(corpus: Corpus, row: ReportRow) -> str:
    """A stored document as text again: its title, then each heading and its paragraphs."""
    lines, heading = [row.title], None
    for _section, head, text in report_paragraphs(corpus, row):
        if head and head != heading:
            lines.append(head)
            heading = head
        lines.append(text)
    return "\n".join(lines) + "\n"


def period_reports(
    corpus: Corpus, unit: str, start: int | None, end: int | None, skip: int | None
) -> list[tuple[ReportRow, list[tuple[str | None, str]]]]:
    """The unit's reports of the years start..end except year skip, each with its
    (section, text) paragraphs: the stored text read again and its headings mapped (the
    corpus keeps no sections, so that ingest stays cheap; a plan period has a few reports)."""
    rows = [
        r
        for r in unit_rows(corpus, unit)
        if r.year and start and end and start <= r.year <= end and r.year != skip
    ]
    return [(r, _sectioned(document_text(corpus, r), r.file)) for r in rows]


def _sectioned(text: str, name: str) -> list[tuple[str | None, str]]:
    outline = outline_text(text, name)
    out: list[tuple[str | None, str]] = [(None, p.norm) for p in outline.preamble]
    for heading in outline.walk():
        lead = heading.item_text or (heading.runin_body if heading.runin else "")
        out += [
            (heading.section, t) for t in ([lead] if lead else []) + [p.norm for p in heading.body]
        ]
    return out


def last_year(corpus: Corpus, report: Report, rows: list[ReportRow] | None = None):
    """The unit's report of the year before the report's, if the corpus holds one (rows: the
    unit's rows, when the caller has them already)."""
    if not report.year or not report.region:
        return None
    rows = unit_rows(corpus, report.region) if rows is None else rows
    rows = [r for r in rows if r.year == report.year - 1 and r.kind == "report"]
    return rows[-1] if rows else None


def previous_figures(
    corpus: Corpus, report: Report, rows: list[ReportRow] | None = None
) -> tuple[dict, str]:
    """Last year's counts (group -> count -> value) read from the unit's report of the year
    before in the corpus, and a description of where they came from ({} and "" if none)."""
    row = last_year(corpus, report, rows)
    if row is None:
        return {}, ""
    texts = [text for _s, _h, text in report_paragraphs(corpus, row)]
    counts: dict[str, dict[str, float | None]] = {}
    for figure in extract_figures([(t, t) for t in texts]):
        counts.setdefault(figure.group, {})[figure.count] = figure.value
    return counts, f"{row.year}年{row.issuer}《{row.title}》（语料库：{row.file}）"


def stored_plans(corpus: Corpus, unit: str) -> list[tuple[str, str]]:
    """(where, text) of each plan of the unit the corpus holds, for reading again."""
    return [
        (f"语料库：{r.file}", document_text(corpus, r)) for r in unit_rows(corpus, unit, "plan")
    ]
