"""The reuse half of `drafter check`: which paragraphs repeat past reports, and how much.

Each sentence of the draft is matched (numbers masked) against the corpus, and each sentence
that matches nothing whole is searched for shared runs (`partial`). A match is classified
stock, self or cross (`results.verdict`). The draft's own copy in the corpus (same content
hash) is ignored, and so is text it repeats within itself (the completeness check reports that).
"""

from __future__ import annotations

from ..core.findings import Finding
from ..core.report import Passage, Report
from ..core.ruletable import rule
from .corpus import Corpus
from .matching import copied_span
from .partial import partial_results
from .results import ParagraphReuse, ReuseReport, SentenceResult, SourceHit, draft_sha, verdict
from .sentences import Sentence, changed_numbers, draft_sentences
from .shares import tally_shares

# the shapes are defined in results and read from here too (check, the HTML report, review)
__all__ = ["ParagraphReuse", "ReuseReport", "SentenceResult", "SourceHit", "draft_sha"]


def analyse(target: Report, corpus: Corpus) -> ReuseReport:
    """Match every sentence of the draft against the corpus and classify the matches."""
    return assemble(target, classify(target, corpus), corpus.count())


def classify(target: Report, corpus: Corpus) -> list[SentenceResult]:
    """Every draft sentence the corpus holds, and every shared run inside the others,
    classified self, cross or stock, in the order of the draft."""
    units = draft_sentences(target)
    whole = whole_sentences(target, corpus, units)
    return in_draft_order(whole + partial_results(target, [corpus], whole, units=units))


def in_draft_order(results: list[SentenceResult]) -> list[SentenceResult]:
    """Results by paragraph, then by where they start."""
    return sorted(results, key=lambda r: (r.passage, r.span))


def whole_sentences(
    target: Report, corpus: Corpus, units: list[tuple[int, Sentence]] | None = None
) -> list[SentenceResult]:
    """Every draft sentence the corpus holds as a whole (at the ratio threshold), classified;
    units: the draft's sentences (draft_sentences), when the caller split them already."""
    view = corpus.view()
    own_report = corpus.report_by_sha(draft_sha(target))
    units = draft_sentences(target) if units is None else units
    matches = view.match([s.masked for _, s in units])
    rows = view.sentence_rows(sorted({sid for hits in matches for sid, _ in hits}))
    reports = view.reports({row.report_id for row in rows.values()})
    k = corpus.settings.stock_min_issuers
    found = []
    for (index, sentence), hits in zip(units, matches):
        sources = [
            SourceHit(
                reports[r.report_id],
                sid,
                r.paragraph_id,
                r.paragraph,
                r.start,
                r.end,
                r.text,
                score,
                view,
            )
            for sid, score in hits
            if (r := rows.get(sid)) is not None
            and r.report_id in reports
            and r.report_id != own_report
        ]
        found.append(_classify(target, index, sentence, sources, k))
    return [r for r in found if r is not None]


def assemble(target: Report, results: list[SentenceResult], corpus_reports: int) -> ReuseReport:
    """The analysis of one draft from its classified sentences."""
    report = ReuseReport(results, corpus_reports=corpus_reports, passages=target.passages)
    report.paragraphs = _paragraphs(target, results)
    tally_shares(target, report)
    return report


def _classify(target, index, sentence, sources: list[SourceHit], k) -> SentenceResult | None:
    found = verdict(target, sources, k)
    if found is None:
        return None
    kind, why, issuers = found
    if kind == "stock":
        best = sources[0]
    elif kind == "self":
        best = max(why, key=lambda s: (s.report.year or 0, s.score))
    else:
        best = max(why, key=lambda s: s.score)
    return SentenceResult(index, sentence, kind, best, issuers)


def _paragraphs(target: Report, results: list[SentenceResult]) -> list[ParagraphReuse]:
    by_passage: dict[int, list[SentenceResult]] = {}
    for result in results:
        if result.kind != "stock":
            by_passage.setdefault(result.passage, []).append(result)
    return [_paragraph(target.passages[index], index, items) for index, items in by_passage.items()]


def _paragraph(passage: Passage, index: int, items: list[SentenceResult]) -> ParagraphReuse:
    """One reused paragraph, beside the source paragraph most of its reused characters come from."""
    votes: dict[tuple[int, int], int] = {}
    for item in items:
        key = (id(item.best.view), item.best.paragraph_id)
        votes[key] = votes.get(key, 0) + item.chars
    top, _ = max(votes.items(), key=lambda kv: kv[1])
    chosen = [i for i in items if (id(i.best.view), i.best.paragraph_id) == top] or items
    view = chosen[0].best.view
    heading, text = view.paragraph(top[1])
    reused = sum(i.chars for i in items)
    return ParagraphReuse(
        passage,
        index,
        "self" if all(i.kind == "self" for i in chosen) else "cross",
        chosen[0].best.report,
        chosen[0].best.paragraph,
        heading,
        text,
        reused,
        reused / max(1, len(passage.norm)),
        max(i.best.score for i in items),
        [_span(i, passage, view.settings) for i in items],
        [(i.best.start, i.best.end) for i in chosen],
        [pair for i in items for pair in changed_numbers(i.text, i.best.text)],
        [i.run for i in items if i.run],
        [(i.best.start, i.best.end) for i in chosen if i.run],
    )


def _span(item: SentenceResult, passage: Passage, settings) -> tuple[int, int]:
    """Where the draft repeats the source: a run is exact; a sentence is aligned (copied_span)."""
    if item.run:
        return item.run
    fallback = (item.sentence.start, item.sentence.end)
    return copied_span(item.best.text, passage.norm, fallback, settings)


def findings(report: ReuseReport) -> list[Finding]:
    """reuse.self / reuse.cross per reused paragraph; reuse.stock per paragraph with 套话."""
    out = [_paragraph_finding(p) for p in report.paragraphs]
    stock: dict[int, list[SentenceResult]] = {}
    for result in report.sentences:
        if result.kind == "stock":
            stock.setdefault(result.passage, []).append(result)
    return out + [_stock_finding(report.passages[index], items) for index, items in stock.items()]


def _paragraph_finding(p: ParagraphReuse) -> Finding:
    year = p.source.year or "年度未知"
    source = f"{year}年{p.source.issuer}《{p.source.title}》第{p.source_paragraph + 1}段"
    changes = "、".join(f"{a}→{b}" for a, b in p.changed)
    span = "……".join(p.passage.norm[a:b] for a, b in p.spans)
    only_runs = len(p.runs) == len(p.spans)  # no sentence of the paragraph matched whole
    case = ("run_" if only_runs else "") + ("changed" if changes else "")
    return rule(f"reuse.{p.kind}").finding(
        case.rstrip("_") or None,
        location=p.passage.location,
        section=p.passage.section,
        part=p.passage.part,
        evidence=span,
        source=source,
        heading=p.source_heading[:20] or "正文",
        share=f"{p.share:.0%}",
        score=f"{p.score:.0f}",
        changes=changes,
        longest=max((b - a for a, b in p.runs), default=0),
    )


def _stock_finding(passage: Passage, items: list[SentenceResult]) -> Finding:
    issuers = min(i.issuers for i in items)
    runs = sum(1 for i in items if i.run)
    case = "run" if runs == len(items) else ("mixed" if runs else None)
    return rule("reuse.stock").finding(
        case,
        location=passage.location,
        section=passage.section,
        part=passage.part,
        evidence="；".join(i.text for i in items),
        count=len(items) - runs,
        runs=runs,
        issuers=issuers,
    )
