"""Reuse inside sentences that otherwise differ: the shared runs (`runs`) of the draft's
sentences that match nothing whole, classified self, cross or stock like whole sentences.

A stretch of a sentence found in several sources is classified by all of them — in reports of
k issuers it is stock — so a run is cut where the sources covering it change, and each piece
is given the source that covers most of it (the latest year first, for the unit's own). Pieces
never overlap, and never overlap a whole-sentence match: 复制比 counts each character once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.report import Report
from .corpus import Corpus
from .database import ReportRow
from .results import SentenceResult, SourceHit, draft_sha, verdict
from .sentences import Sentence, draft_sentences, mask_offsets
from .view import CorpusView, StoredSentence


@dataclass(eq=False)
class _Shared:
    """A run shared with one corpus sentence, in masked offsets: mine[a:b] == theirs[s:s+b-a]."""

    a: int
    b: int
    s: int
    row: StoredSentence
    report: ReportRow
    query: str  # the draft sentence, masked
    view: CorpusView

    def source(self, start: int, end: int) -> SourceHit:
        """The source of the draft's masked [start, end), a part of this run."""
        from rapidfuzz import fuzz

        row = self.row
        masked, theirs = mask_offsets(row.text, row.issuer)
        lo, hi = theirs[self.s + start - self.a], theirs[self.s + end - self.a]
        return SourceHit(
            self.report,
            row.id,
            row.paragraph_id,
            row.paragraph,
            row.start + lo,
            row.start + hi,
            row.text[lo:hi],
            fuzz.ratio(self.query, masked),
            self.view,
        )


def partial_results(
    target: Report,
    corpora: list[Corpus],
    whole: list[SentenceResult],
    keep: Callable[[Corpus, ReportRow], bool] | None = None,
    units: list[tuple[int, Sentence]] | None = None,
) -> list[SentenceResult]:
    """The shared runs of every draft sentence not matched whole, against each corpus (last
    year's report may be in a second one), classified; keep(corpus, report) may leave sources
    out (review: a folder's report written after the draft is not its source). units: the
    draft's sentences as (paragraph index, sentence), when the caller split them already."""
    taken = {(r.passage, r.sentence.start) for r in whole}
    issuer = target.region or ""
    units = [
        (i, s)
        for i, s in (draft_sentences(target) if units is None else units)
        if (i, s.start) not in taken
    ]
    shared: list[list[_Shared]] = [[] for _ in units]
    for corpus in corpora:
        _collect(target, corpus, [s.masked for _, s in units], shared, keep)
    if not corpora:
        return []
    k, size = corpora[0].settings.stock_min_issuers, corpora[0].settings.run_min_chars
    results = []
    for (index, sentence), found in zip(units, shared):
        if found:
            mine = mask_offsets(sentence.text, issuer)[1]
            for start, end, kind, best, issuers in _pieces(target, found, k, size):
                span = (sentence.start + mine[start], sentence.start + mine[end])
                results.append(SentenceResult(index, sentence, kind, best, issuers, span))
    return results


def _collect(target: Report, corpus: Corpus, queries: list[str], shared, keep=None) -> None:
    """Add each query's runs shared with this corpus (the draft's own copy left out, and the
    reports keep refuses)."""
    view = corpus.view()
    runs = view.runs(queries)
    rows = view.sentence_rows(sorted({run[0] for found in runs for run in found}))
    reports = view.reports({row.report_id for row in rows.values()})
    if keep is not None:
        reports = {i: r for i, r in reports.items() if keep(corpus, r)}
    own = corpus.report_by_sha(draft_sha(target))
    for query, found, into in zip(queries, runs, shared):
        for sid, a, s, size in found:
            row = rows.get(sid)
            if row is None or row.report_id not in reports or row.report_id == own:
                continue
            into.append(_Shared(a, a + size, s, row, reports[row.report_id], query, view))


def _pieces(target: Report, found: list[_Shared], k: int, size: int):
    """(start, end, kind, source, issuers) of the sentence's shared stretches (masked offsets),
    each classified by the sources covering all of it."""
    cuts = sorted({x for f in found for x in (f.a, f.b)})
    pieces = []  # [start, end, kind, eligible sources, issuers]
    for start, end in zip(cuts, cuts[1:]):
        decided = verdict(target, [f for f in found if f.a <= start and end <= f.b], k)
        if decided is not None:
            pieces.append([start, end, decided[0], list(decided[1]), decided[2]])
    stretches = _joined(_beside_stock(_joined(pieces), size))
    return [
        (a, b, kind, shared.source(a, b), issuers)
        for start, end, kind, eligible, issuers in stretches
        for a, b, shared in _cover(start, end, eligible)
    ]


def _joined(pieces: list[list]) -> list[list]:
    """Touching pieces of one kind made one (their sources pooled, the fewest issuers kept)."""
    out: list[list] = []
    for piece in pieces:
        last = out[-1] if out else None
        if last and last[1] == piece[0] and last[2] == piece[2]:
            last[1], last[4] = piece[1], min(last[4], piece[4])
            last[3] += [f for f in piece[3] if f not in last[3]]
        else:
            out.append(list(piece))
    return out


def _beside_stock(stretches: list[list], size: int) -> list[list]:
    """What is left of a run beside a stock phrase, when shorter than a run, goes with the
    phrase (a variant of it: it is not a run of its own); a short stretch touching nothing
    (its neighbours are other versions of this report) is dropped."""
    out = []
    for i, stretch in enumerate(stretches):
        start, end, kind = stretch[:3]
        if end - start >= size or kind == "stock":
            out.append(stretch)
            continue
        touching = [
            other
            for other in stretches[max(0, i - 1) : i + 2]
            if other is not stretch and (other[1] == start or other[0] == end)
        ]
        stock = [other for other in touching if other[2] == "stock"]
        if stock:
            out.append([start, end, "stock", stretch[3], stock[0][4]])
        elif touching:
            out.append(stretch)
    return out


def _cover(start: int, end: int, found: list[_Shared]) -> list[tuple[int, int, _Shared]]:
    """[start, end) covered left to right, each time by the run reaching furthest (then the
    latest year, then the longest run, then the first stored)."""
    out = []
    while start < end:
        reaching = [f for f in found if f.a <= start < f.b]
        best = max(reaching, key=lambda f: (f.b, f.report.year or 0, f.b - f.a, -f.row.id))
        out.append((start, min(best.b, end), best))
        start = min(best.b, end)
    return out
