"""The corpus as one check reads it: the segments memory-mapped, the unindexed tail indexed in
memory, and only the sentences it verifies fetched from the database, by id.

Nothing here reads the whole corpus: a check touches the pages of its own grams' postings,
the rows of its candidate sentences and the reports it cites.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.errors import UserError
from .database import REPORT_COLUMNS, ReportRow, guarded
from .index import GramIndex
from .matching import match_sentences
from .runs import find_runs
from .segments import SegmentStore, masked_sentences
from .sentences import mask
from .settings import ReuseSettings

_CHUNK = 900  # bound parameters per statement (older SQLite allows 999)
_QUERIES = 64  # a draft's sentences are matched this many at a time: the same results, a third
# less peak memory than all at once (the candidate arrays of stock phrases are large)
_SENTENCES = (
    "SELECT s.id, p.report_id, p.id, p.idx, s.start, s.end,"
    " substr(p.text, s.start + 1, s.end - s.start), r.issuer FROM sentences s"
    " JOIN paragraphs p ON p.id = s.paragraph_id JOIN reports r ON r.id = p.report_id"
    " WHERE s.id IN ({})"
)


@dataclass(frozen=True)
class StoredSentence:
    """A corpus sentence: where it is and its (unmasked, normalised) text."""

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
        self._masks: dict[int, str] = {}  # masked texts of fetched sentences (see resident)
        self._resident = False

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
        """For each masked query: (sentence id, ratio) of every corpus sentence at the threshold."""
        limit = self.settings.check_candidates
        return match_sentences(
            self.segments, self._masked, queries, self.settings, limit=limit, chunk=_QUERIES
        )

    def runs(self, queries: list[str]) -> list[list[tuple[int, int, int, int]]]:
        """For each masked query: (sentence id, start in the query, start in it, length) of every
        run of at least run_min_chars it shares with a corpus sentence (masked)."""
        return find_runs(self.segments, self._masked, queries, self.settings, chunk=_QUERIES)

    def resident(self) -> "CorpusView":
        """Ready for many checks in one process (review): posting lists gathered through the
        memory map in one step instead of a read a list (the segments' pages stay in memory,
        shared by the processes), and masked candidate texts kept between checks."""
        for segment in self.segments:
            segment.reader = None
        self._resident = True
        return self

    def _masked(self, ids: np.ndarray) -> list[str]:
        wanted = ids.tolist()
        if self._resident:
            new = [i for i in wanted if i not in self._masks]
            rows = self.sentence_rows(new)
            self._masks.update((i, mask(r.text, r.issuer)) for i, r in rows.items())
            return [self._masks.get(i, "") for i in wanted]
        rows = self.sentence_rows(wanted)
        return [mask(rows[i].text, rows[i].issuer) if i in rows else "" for i in wanted]

    def sentence_rows(self, ids: list[int]) -> dict[int, StoredSentence]:
        """The stored sentences with these ids (ids no longer stored are left out)."""
        wanted = [i for i in ids if i not in self._rows]
        with guarded(self.path):
            for base in range(0, len(wanted), _CHUNK):
                part = wanted[base : base + _CHUNK]
                marks = ",".join("?" * len(part))
                for row in self.db.execute(_SENTENCES.format(marks), part):
                    self._rows[row[0]] = StoredSentence(*row)
        return {i: self._rows[i] for i in ids if i in self._rows}

    def paragraph(self, paragraph_id: int) -> tuple[str, str]:
        """(heading, text) of a stored paragraph."""
        with guarded(self.path):
            row = self.db.execute(
                "SELECT heading, text FROM paragraphs WHERE id = ?", (paragraph_id,)
            ).fetchone()
        return row or ("", "")

    def reports(self, ids: set[int]) -> dict[int, ReportRow]:
        """The stored reports with these ids."""
        found: dict[int, ReportRow] = {}
        wanted = sorted(ids)
        with guarded(self.path):
            for base in range(0, len(wanted), _CHUNK):
                part = wanted[base : base + _CHUNK]
                marks = ",".join("?" * len(part))
                query = f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({marks})"
                found.update((row[0], ReportRow(*row)) for row in self.db.execute(query, part))
        return found
