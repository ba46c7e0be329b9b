"""The corpus as one check reads it: the segments memory-mapped, the unindexed tail indexed in
memory, and only the sentences it verifies fetched from the database, by id.

Nothing here reads the whole corpus: a check touches the pages of its own grams' postings,
the rows of its candidate sentences and the reports it cites.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..core.errors import UserError
from .database import MAX_PARAMETERS, REPORT_COLUMNS, ReportRow, guarded
from .index import GramIndex, merge
from .matching import candidate_pairs, verified
from .runs import find_runs
from .segments import SegmentStore, masked_sentences
from .sentences import mask
from .settings import ReuseSettings

_QUERIES = 256  # a draft's sentences are matched this many at a time (the same results): a
# report of usual length at once — 17% less time in the reuse check than 64 at a time on
# bench/corpus_bench.py's drafts, for 7 MB more peak memory — and a long one still in parts
_ALL_SENTENCES = (
    "SELECT s.id, p.report_id, p.id, p.idx, s.start, s.end,"
    " substr(p.text, s.start + 1, s.end - s.start), r.issuer FROM sentences s"
    " JOIN paragraphs p ON p.id = s.paragraph_id JOIN reports r ON r.id = p.report_id"
)
_SENTENCES = _ALL_SENTENCES + " WHERE s.id IN ({})"


class StoredSentence(NamedTuple):
    """A corpus sentence: where it is and its (unmasked, normalised) text (a tuple: a check
    makes thousands, straight from the database's rows)."""

    id: int
    report_id: int
    paragraph_id: int
    paragraph: int  # index of the paragraph in its report
    start: int
    end: int
    text: str
    issuer: str


class CorpusView:
    """Segments and the tail, ready for matching; sentence rows fetched on demand and kept."""

    def __init__(self, db: sqlite3.Connection, path: Path, settings: ReuseSettings, segments):
        self.db, self.path, self.settings, self.segments = db, path, settings, segments
        self._rows: dict[int, StoredSentence] = {}
        self._masks: dict[int, str] = {}  # masked texts of fetched sentences: matching and the
        # run search verify many of the same candidates
        self._reports: dict[int, ReportRow] = {}  # a stock phrase's sources name hundreds
        self._complete = False  # every sentence is in _rows and _masks (resident)

    @classmethod
    def open(cls, store: SegmentStore) -> "CorpusView":
        """Map every segment (again, if a writer merged some away meanwhile) and index the tail."""
        for attempt in range(3):
            with guarded(store.path):
                store.db.execute("BEGIN")
                try:
                    rows, upto = store.rows(), store.indexed_upto()
                    tail_ids, tail = masked_sentences(store.db, upto)
                finally:
                    store.db.execute("COMMIT")
            try:
                segments = [store.open(row).index for row in rows]
                break
            except UserError:
                if attempt == 2 or store.rows() == rows:
                    raise
        if tail:
            segments.append(GramIndex.build(tail, store.settings.ngram, tail_ids))
        return cls(store.db, store.path, store.settings, segments)

    @property
    def sentences(self) -> int:
        """How many sentences the segments and the tail cover."""
        return sum(s.sentences for s in self.segments)

    def match(self, queries: list[str]) -> list[list[tuple[int, float]]]:
        """For each masked query: (sentence id, ratio) of the corpus sentences at the threshold
        among its check_candidates best candidates, best first. The first check_settle of
        them are verified first: a query they already find in more than stock_min_issuers
        units is a stock phrase whatever the rest hold (one unit more than needed, in case one
        is the draft's own copy), and its other candidates are not fetched."""
        results: list[list[tuple[int, float]]] = []
        for base in range(0, len(queries), _QUERIES):
            results += self._match_part(queries[base : base + _QUERIES])
        return results

    def _match_part(self, part: list[str]) -> list[list[tuple[int, float]]]:
        settings = self.settings
        cand_q, cand_c = candidate_pairs(
            self.segments,
            part,
            settings,
            limit=settings.check_candidates,
            cap=settings.check_stopgram_cap,
            rare=settings.check_rare_postings,
        )
        early = np.arange(cand_q.size) - np.searchsorted(cand_q, cand_q) < settings.check_settle
        found = verified(part, cand_q[early], cand_c[early], self._masked, settings)
        unsettled = np.array([not self._stock(found.get(q, [])) for q in range(len(part))])
        late = ~early & unsettled[cand_q]
        for q, hits in verified(part, cand_q[late], cand_c[late], self._masked, settings).items():
            found[q] = sorted(found.get(q, []) + hits, key=lambda hit: -hit[1])
        return [found.get(q, []) for q in range(len(part))]

    def _stock(self, hits: list[tuple[int, float]]) -> bool:
        issuers = {self._rows[sid].issuer for sid, _ in hits if sid in self._rows}
        return len(issuers) > self.settings.stock_min_issuers

    def runs(self, queries: list[str]) -> list[list[tuple[int, int, int, int]]]:
        """For each masked query: (sentence id, start in the query, start in it, length) of every
        run of at least run_min_chars it shares with a corpus sentence (masked)."""
        settings = self.settings
        cap = settings.check_stopgram_cap
        return find_runs(self.segments, self._masked, queries, settings, chunk=_QUERIES, cap=cap)

    def resident(self) -> "CorpusView":
        """Ready for many checks in one process (review), within the limits of rules/reuse.yaml:
        the segments and the tail merged into one index in memory (each check then searches
        one key table, not one a segment), and every sentence read and masked in one pass
        (a process checking hundreds of reports ends up fetching nearly all of them, and one
        pass costs less than half as much a row as fetching by id). Past the limits, posting
        lists are still gathered through the memory map in one step instead of a read a list,
        and fetched sentences are kept between checks."""
        for segment in self.segments:
            segment.reader = None
        postings = sum(int(segment.offsets[-1]) for segment in self.segments)
        if len(self.segments) > 1 and postings <= self.settings.resident_postings:
            self.segments = [merge(self.segments)]
        if not self._complete and self.sentences <= self.settings.resident_sentences:
            self._read_all()
        return self

    def _read_all(self) -> None:
        """Every stored sentence's row and masked text, in one pass over the tables."""
        rows, masks = self._rows, self._masks
        with guarded(self.path):
            for row in map(StoredSentence._make, self.db.execute(_ALL_SENTENCES)):
                rows[row.id] = row
                masks[row.id] = mask(row.text, row.issuer)
        self._complete = True

    def _masked(self, ids: np.ndarray) -> list[str]:
        wanted = ids.tolist()
        masks = self._masks
        new = [] if self._complete else [i for i in wanted if i not in masks]
        if new:
            rows = self._fetch(new)
            masks.update((i, mask(r.text, r.issuer)) for i in new if (r := rows.get(i)))
        get = masks.get
        return [get(i, "") for i in wanted]

    def sentence_rows(self, ids: list[int]) -> dict[int, StoredSentence]:
        """The stored sentences with these ids (ids no longer stored are left out)."""
        rows = self._fetch(ids)
        return {i: rows[i] for i in ids if i in rows}

    def _fetch(self, ids: list[int]) -> dict[int, StoredSentence]:
        """The kept rows, those of these sentences not kept yet read into them first."""
        rows = self._rows
        wanted = [] if self._complete else [i for i in ids if i not in rows]
        with guarded(self.path):
            for base in range(0, len(wanted), MAX_PARAMETERS):
                part = wanted[base : base + MAX_PARAMETERS]
                marks = ",".join("?" * len(part))
                found = self.db.execute(_SENTENCES.format(marks), part).fetchall()
                rows.update(zip([r[0] for r in found], map(StoredSentence._make, found)))
        return rows

    def paragraph(self, paragraph_id: int) -> tuple[str, str]:
        """(heading, text) of a stored paragraph."""
        with guarded(self.path):
            row = self.db.execute(
                "SELECT heading, text FROM paragraphs WHERE id = ?", (paragraph_id,)
            ).fetchone()
        return row or ("", "")

    def reports(self, ids: set[int]) -> dict[int, ReportRow]:
        """The stored reports with these ids (kept, like the sentences: review asks for the
        same few hundred with every report)."""
        known = self._reports
        wanted = sorted(i for i in ids if i not in known)
        with guarded(self.path):
            for base in range(0, len(wanted), MAX_PARAMETERS):
                part = wanted[base : base + MAX_PARAMETERS]
                marks = ",".join("?" * len(part))
                query = f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({marks})"
                known.update((row[0], ReportRow(*row)) for row in self.db.execute(query, part))
        return {i: known[i] for i in sorted(ids) if i in known}
