"""The reuse half of `drafter check`: which paragraphs repeat past reports, and how much.

Each sentence of the draft is matched (numbers masked) against the corpus. A match
is classified as
  - stock phrase (套话): found in reports of at least k different issuers — info, not reuse;
  - self-reuse (跨时抄): the same issuer's earlier report — the main warning;
  - cross-unit copy (跨地抄): another issuer's report.
The draft's own copy in the corpus (same content hash) is ignored, and so is text it
repeats within itself (the completeness check reports that).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..core.findings import Finding
from ..core.report import Passage, Report
from ..core.ruletable import rule
from ..read.unit import same_unit
from .corpus import Corpus
from .database import ReportRow
from .matching import copied_span
from .sentences import Sentence, changed_numbers, sentences_of
from .shares import tally_shares
from .view import CorpusView


@dataclass
class SourceHit:
    """A corpus sentence a draft sentence matched."""

    report: ReportRow
    sentence_id: int
    paragraph_id: int
    paragraph: int
    start: int
    end: int
    text: str
    score: float
    view: CorpusView | None = None  # the corpus it came from (a draft may be matched against two)


@dataclass
class SentenceResult:
    """One draft sentence classified: self, cross or stock, with its best source."""

    passage: int  # index into Report.passages
    sentence: Sentence
    kind: str  # self | cross | stock
    best: SourceHit
    issuers: int


@dataclass
class ParagraphReuse:
    """A draft paragraph that repeats a past report's paragraph."""

    passage: Passage
    passage_index: int
    kind: str  # self | cross
    source: ReportRow
    source_paragraph: int
    source_heading: str
    source_text: str
    reused_chars: int
    share: float
    score: float
    spans: list[tuple[int, int]]  # in the paragraph's normalised text
    source_spans: list[tuple[int, int]]
    changed: list[tuple[str, str]]


@dataclass
class ReuseReport:
    """The reuse analysis of one draft."""

    sentences: list[SentenceResult] = field(default_factory=list)
    paragraphs: list[ParagraphReuse] = field(default_factory=list)
    total_chars: int = 0
    reused_chars: int = 0
    stock_chars: int = 0
    by_section: dict = field(default_factory=dict)
    by_part: dict = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    corpus_reports: int = 0
    passages: list[Passage] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Reused characters as a share of the draft (stock phrases not counted)."""
        return self.reused_chars / self.total_chars if self.total_chars else 0.0

    def summary(self) -> dict:
        """The JSON summary (summary.reuse)."""
        return {
            "share": round(self.share, 4),
            "total_chars": self.total_chars,
            "reused_chars": self.reused_chars,
            "stock_chars": self.stock_chars,
            "by_part": self.by_part,
            "by_section": self.by_section,
            "sources": self.sources,
            "corpus_reports": self.corpus_reports,
        }


def draft_sha(target: Report) -> str:
    """The content hash the corpus would give this draft (its own copy is not a source)."""
    body = "\n".join(p.norm for p in target.passages if not p.is_heading)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def analyse(target: Report, corpus: Corpus) -> ReuseReport:
    """Match every sentence of the draft against the corpus and classify the matches."""
    return assemble(target, classify(target, corpus), corpus.count())


def classify(target: Report, corpus: Corpus) -> list[SentenceResult]:
    """Every draft sentence the corpus holds, classified self, cross or stock."""
    view = corpus.view()
    own_report = corpus.report_by_sha(draft_sha(target))
    units = [
        (i, s)
        for i, p in enumerate(target.passages)
        if not p.is_heading
        for s in sentences_of(p.norm, i, normalised=True, issuer=target.region or "")
    ]
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
    if not sources:
        return None
    issuers = {s.report.issuer for s in sources}
    if len(issuers) >= k:
        return SentenceResult(index, sentence, "stock", sources[0], len(issuers))
    own = [
        s
        for s in sources
        if same_unit(s.report.issuer, target.region) and (s.report.year or 0) < (target.year or 0)
    ]
    if own:
        best = max(own, key=lambda s: (s.report.year or 0, s.score))
        return SentenceResult(index, sentence, "self", best, len(issuers))
    others = [s for s in sources if not same_unit(s.report.issuer, target.region)]
    if others:
        return SentenceResult(
            index, sentence, "cross", max(others, key=lambda s: s.score), len(issuers)
        )
    return None  # the same issuer, same or later year: another version of this report


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
        votes[key] = votes.get(key, 0) + len(item.sentence.text)
    top, _ = max(votes.items(), key=lambda kv: kv[1])
    chosen = [i for i in items if (id(i.best.view), i.best.paragraph_id) == top] or items
    view = chosen[0].best.view
    heading, text = view.paragraph(top[1])
    reused = sum(len(i.sentence.text) for i in items)
    settings = view.settings
    spans = [
        copied_span(i.best.text, passage.norm, (i.sentence.start, i.sentence.end), settings)
        for i in items
    ]
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
        spans,
        [(i.best.start, i.best.end) for i in chosen],
        [pair for i in items for pair in changed_numbers(i.sentence, i.best.text)],
    )


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
    return rule(f"reuse.{p.kind}").finding(
        "changed" if changes else None,
        location=p.passage.location,
        section=p.passage.section,
        part=p.passage.part,
        evidence=span,
        source=source,
        heading=p.source_heading[:20] or "正文",
        share=f"{p.share:.0%}",
        score=f"{p.score:.0f}",
        changes=changes,
    )


def _stock_finding(passage: Passage, items: list[SentenceResult]) -> Finding:
    issuers = min(i.issuers for i in items)
    text = "；".join(i.sentence.text for i in items)
    return rule("reuse.stock").finding(
        location=passage.location,
        section=passage.section,
        part=passage.part,
        evidence=text,
        count=len(items),
        issuers=issuers,
    )
