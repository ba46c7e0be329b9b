"""A folder's reports compared with the corpus and with each other.

The folder is stored as a corpus of its own (a temporary database beside nothing of the
user's), so that one engine — reuse.analysis — matches a report against past reports and
against the other reports of the folder alike. Within the folder, copying runs from the
earlier report to the later — the earlier year; in one year the earlier 成文日期, else the
report the corpus already held — and the earlier of two reports sharing a paragraph is not
said to copy the later; when nothing tells them apart, both are.
A sentence found in reports of k units of the folder or of the corpus is a stock phrase.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

from ..core.report import Report
from ..reuse.analysis import ReuseReport, SentenceResult, assemble, in_draft_order, whole_sentences
from ..reuse.corpus import Corpus
from ..reuse.history import previous_figures
from ..reuse.partial import partial_results
from ..reuse.sentences import draft_sentences
from ..reuse.settings import ReuseSettings
from .reading import Arrival

_UNKNOWN = (None, None, False)
_BY_UNIT: dict[int, dict[str, list]] = {}  # id(corpus) -> unit key -> its stored reports
_RANK = {"stock": 2, "self": 1, "cross": 0}
_ONE_SEGMENT = 1 << 62  # sentences before a flush: never, until the folder is stored
_OPEN: dict[tuple, tuple[Corpus | None, Corpus]] = {}  # per process: the corpora, opened once
_MAPPED = 1 << 30  # bytes of a corpus file read through a memory map (address space, not memory)


@contextmanager
def folder_store(db: Path) -> Iterator[Callable[[list[Arrival]], None]]:
    """A function storing arrivals' readable reports in the folder's own corpus (same text:
    once), indexed as one segment when the block ends — every report is then compared with
    one index of the folder instead of a handful. Reports are stored in the order given."""
    settings = replace(ReuseSettings.load(), flush_sentences=_ONE_SEGMENT)
    with Corpus(db, settings, seed=False) as corpus:

        def store(arrivals: list[Arrival]) -> None:
            for arrival in arrivals:
                if arrival.parsed is not None:
                    corpus.add_parsed(arrival.parsed)

        yield store


def corpora(user_db: Path | None, folder_db: Path) -> tuple[Corpus | None, Corpus]:
    """The user's corpus (read only: never seeded or written here) and the folder's, opened
    once in each process by its own connection."""
    key = (user_db, folder_db)
    if key not in _OPEN:
        close_all()
        user = Corpus(user_db, seed=None) if user_db else None
        _OPEN[key] = (user, Corpus(folder_db, seed=None))
        for corpus in _OPEN[key]:
            if corpus is not None:  # SQLite refuses any write; many checks against it follow
                corpus.db.execute("PRAGMA query_only = ON")
                # pages read through a memory map (the system's cache, shared by the workers)
                # rather than copied by a read each: a fifth off fetching candidate sentences
                corpus.db.execute(f"PRAGMA mmap_size = {_MAPPED}")
                corpus.view().resident()
    return _OPEN[key]


def close_all() -> None:
    """Close the corpora this process opened (before their folder is removed)."""
    for pair in _OPEN.values():
        for corpus in pair:
            if corpus is not None:
                corpus.close()
    _OPEN.clear()
    _BY_UNIT.clear()


def compare(
    report: Report, user: Corpus | None, folder: Corpus, order: dict[str, tuple]
) -> ReuseReport:
    """The reuse analysis of one report of the folder: the corpus, and the folder's reports
    written before it (order: file -> (year, date)); last year's figures from either."""
    for corpus in (user, folder):
        if corpus is not None and not report.previous:
            rows = unit_rows(corpus, report.region)
            report.previous, report.previous_source = previous_figures(corpus, report, rows)
    own = order.get(report.file, _UNKNOWN)
    units = draft_sentences(report)  # split once for both corpora and the runs
    past = whole_sentences(report, user, units) if user is not None else []
    peers = [
        r
        for r in whole_sentences(report, folder, units)
        if r.kind == "stock" or _peer(r.best.report.file, own, order)
    ]
    whole = merged(past, peers)
    # runs inside the sentences neither corpus holds whole: one search over both, as check does
    sources = [c for c in (user, folder) if c is not None]
    runs = partial_results(
        report, sources, whole, lambda c, r: c is not folder or _peer(r.file, own, order), units
    )
    size = (user.count() if user is not None else 0) + folder.count() - 1
    return assemble(report, in_draft_order(whole + runs), size)


def _peer(file: str, own: tuple, order: dict[str, tuple]) -> bool:
    """A folder's report counts as a source when it was written before (or nothing tells) and
    the corpus does not hold it already (there it is a source as it is)."""
    peer = order.get(file, _UNKNOWN)
    return not peer[2] and written_before(peer, own)


def unit_rows(corpus: Corpus, unit: str) -> list:
    """The unit's stored reports, through an index of the corpus by unit made once a process
    (history.unit_rows reads and compares every issuer's name on each call: fine for one
    check, a thousand times over for a folder)."""
    from ..read.unit import resolve_unit, resolve_units, same_unit

    index = _BY_UNIT.get(id(corpus))
    if index is None:
        index = _BY_UNIT[id(corpus)] = {}
        rows = corpus.reports()
        resolve_units([row.issuer for row in rows])
        for row in rows:
            index.setdefault(resolve_unit(row.issuer).key, []).append(row)
    if not unit:
        return []
    found = index.get(resolve_unit(unit).key, [])
    return [r for r in found if r.kind == "report" and same_unit(r.issuer, unit)]


def written_before(peer: tuple, own: tuple) -> bool:
    """Whether a report (year, 成文日期 or None, held by the corpus) may be the source of
    another: written before it, or nothing tells which came first."""
    (year, date, stored), (own_year, own_date, own_stored) = peer, own
    if year != own_year:
        return (year or 0) < (own_year or 0)
    if date and own_date and date != own_date:
        return date < own_date
    if stored != own_stored:
        return stored
    return True


def merged(first: list[SentenceResult], second: list[SentenceResult]) -> list[SentenceResult]:
    """One verdict a sentence matched whole: a stock phrase in either is one; else self-reuse
    before a copy from another unit; else the closer match."""
    by_key = {(r.passage, r.sentence.start): r for r in first}
    for result in second:
        key = (result.passage, result.sentence.start)
        old = by_key.get(key)
        if old is None or (_RANK[result.kind], result.best.score) > (
            _RANK[old.kind],
            old.best.score,
        ):
            by_key[key] = result
    return list(by_key.values())
