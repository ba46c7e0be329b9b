"""What the reuse check finds, in the shapes its readers use (check, the HTML report, review):
a draft sentence — or a run inside one — with its source, a reused paragraph, the report.

A match is classified
  - stock phrase (套话): found in reports of at least k different issuers — info, not reuse;
  - self-reuse (跨时抄): the same issuer's earlier report — the main warning;
  - cross-unit copy (跨地抄): another issuer's report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..core.report import Passage, Report
from ..read.unit import same_unit
from .database import ReportRow
from .sentences import Sentence
from .view import CorpusView


@dataclass
class SourceHit:
    """A corpus sentence a draft sentence matched (for a run: the run inside it)."""

    report: ReportRow
    sentence_id: int
    paragraph_id: int
    paragraph: int
    start: int  # in the source paragraph's normalised text: the sentence, or the run
    end: int
    text: str  # the source sentence, or the run (normalised, unmasked)
    score: float  # fuzz.ratio of the two masked sentences
    view: CorpusView | None = None  # the corpus it came from (a draft may be matched against two)


@dataclass
class SentenceResult:
    """One draft sentence classified: self, cross or stock, with its best source — or, when
    `run` is set, a shared run inside a sentence that otherwise differs (best is the run's
    source; several runs of one sentence are several results)."""

    passage: int  # index into Report.passages
    sentence: Sentence
    kind: str  # self | cross | stock
    best: SourceHit
    issuers: int
    run: tuple[int, int] | None = None  # the run's span in the paragraph's normalised text

    @property
    def span(self) -> tuple[int, int]:
        """What matched, in the paragraph's normalised text: the run or the whole sentence."""
        return self.run or (self.sentence.start, self.sentence.end)

    @property
    def text(self) -> str:
        """The draft text that matched (the run, or the sentence)."""
        start, end = self.span
        return self.sentence.text[start - self.sentence.start : end - self.sentence.start]

    @property
    def chars(self) -> int:
        """Characters that matched: what 复制比 counts."""
        start, end = self.span
        return end - start


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
    runs: list[tuple[int, int]] = field(default_factory=list)  # those of `spans` that are runs
    source_runs: list[tuple[int, int]] = field(default_factory=list)  # and of `source_spans`


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
    run_chars: int = 0  # of reused_chars, those in runs inside sentences that otherwise differ

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
            "run_chars": self.run_chars,
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


def verdict(target: Report, sources: list[SourceHit], k: int):
    """(kind, the sources that make it so, issuers) for text found in these sources, or None
    when they are only other versions of this report (the issuer's own, same or later year)
    or other units' reports of later years."""
    issuers = {s.report.issuer for s in sources}
    if not sources:
        return None
    if len(issuers) >= k:
        return "stock", sources, len(issuers)
    own = [
        s
        for s in sources
        if same_unit(s.report.issuer, target.region) and (s.report.year or 0) < (target.year or 0)
    ]
    if own:
        return "self", own, len(issuers)
    others = [
        s
        for s in sources
        if not same_unit(s.report.issuer, target.region) and not _later(s.report.year, target.year)
    ]
    return ("cross", others, len(issuers)) if others else None


def _later(year: int | None, than: int | None) -> bool:
    """Whether a source's year is after the draft's: such a report may have copied the draft,
    the draft cannot have copied it (an unknown year may be either)."""
    return bool(year and than and year > than)
