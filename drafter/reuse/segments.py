"""The corpus's index on disk: segment files beside the database, flushed and merged in tiers.

Sentence ids only grow. Segments cover consecutive id ranges [lo, hi); the sentences at or
above the last `hi` are the tail, not yet indexed (a writer indexes them when its command ends,
a reader indexes them in memory). A new segment joins the newest ones; when `merge_factor`
segments of the same tier (size class) sit at the end, they are merged into one of the next
tier — so a report's cost does not grow with the corpus (size-tiered merging, as in LSM trees).
Segment files never change; a merge writes a new file, records it in the transaction that
drops the old rows, and deletes the old files after the commit.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .database import corrupt, index_folder, meta
from .index import GramIndex, without
from .segfile import SegmentFault, SegmentFile, copy_into, merge_into, open_segment, write_segment
from .sentences import mask
from .settings import ReuseSettings

_ROWS = "SELECT file, lo, hi, sentences, postings, bytes, crc32 FROM segments ORDER BY lo"


@dataclass
class Row:
    """A segment as the database records it."""

    file: str
    lo: int
    hi: int
    sentences: int
    postings: int
    bytes: int
    crc32: int


def masked_sentences(db: sqlite3.Connection, lo: int, hi: int | None = None):
    """(ids, masked texts) of the stored sentences with lo <= id < hi, by id."""
    rows = db.execute(
        "SELECT s.id, p.text, s.start, s.end, r.issuer FROM sentences s"
        " JOIN paragraphs p ON p.id = s.paragraph_id JOIN reports r ON r.id = p.report_id"
        " WHERE s.id >= ? AND s.id < ? ORDER BY s.id",
        (lo, hi if hi is not None else 1 << 62),
    ).fetchall()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    return ids, [mask(text[start:end], issuer) for _, text, start, end, issuer in rows]


class SegmentStore:
    """The segment files of one corpus database and their rows."""

    def __init__(self, db: sqlite3.Connection, path: Path, settings: ReuseSettings):
        self.db, self.path, self.settings = db, path, settings
        self.folder = index_folder(path)
        self.doomed: list[
            str
        ] = []  # files to delete once the transaction that dropped them commits

    def rows(self) -> list[Row]:
        """Every segment, by sentence range."""
        return [Row(*r) for r in self.db.execute(_ROWS)]

    def indexed_upto(self) -> int:
        """The first sentence id no segment covers (ids start at 1)."""
        return self.db.execute("SELECT COALESCE(MAX(hi), 1) FROM segments").fetchone()[0]

    def open(self, row: Row) -> SegmentFile:
        """Map one segment file; a missing or damaged file is a corrupt corpus."""
        try:
            return open_segment(self.folder / row.file, row.lo, row.hi, row.bytes)
        except SegmentFault as exc:
            raise corrupt(self.folder / row.file, str(exc)) from None

    # ── writing (the caller holds the write transaction) ──────────────────

    def flush(self, pending: tuple[np.ndarray, list[str]] | None = None) -> None:
        """Index the tail as a new segment, then merge tiers. pending: the tail's ids and masked
        texts when the caller has them in memory (they are read from the database otherwise)."""
        lo, hi = self.indexed_upto(), int(meta(self.db, "next_sentence") or 1)
        if hi <= lo:
            return
        ids, texts = (
            pending if pending is not None and self._is_tail(pending[0], lo, hi) else (None, None)
        )
        if ids is None:
            ids, texts = masked_sentences(self.db, lo, hi)
        index = GramIndex.build(texts, self.settings.ngram, ids)
        self._insert(write_segment(self._folder(), lo, hi, copy_into(index)), len(ids))
        self._merge_tiers()

    def rebuild(self) -> None:
        """Drop every segment and index all stored sentences again (`corpus repair`)."""
        self.doomed += [r.file for r in self.rows()]
        self.db.execute("DELETE FROM segments")
        hi = int(meta(self.db, "next_sentence") or 1)
        step = self.settings.flush_sentences
        first = self.db.execute("SELECT COALESCE(MIN(id), ?) FROM sentences", (hi,)).fetchone()[0]
        for lo in range(first, hi, step):
            ids, texts = masked_sentences(self.db, lo, min(lo + step, hi))
            index = GramIndex.build(texts, self.settings.ngram, ids)
            segment = write_segment(self._folder(), lo, min(lo + step, hi), copy_into(index))
            self._insert(segment, len(ids))
            self._merge_tiers()

    def purge(self, dead: np.ndarray) -> None:
        """Take removed sentences (sorted ids) out of the segments that cover them."""
        for row in self.rows():
            inside = dead[(dead >= row.lo) & (dead < row.hi)]
            if inside.size == 0:
                continue
            old = self.open(row)
            make = _without_into(old.index, inside)
            segment = write_segment(self._folder(), row.lo, row.hi, make)
            self._drop([row])
            self._insert(segment, row.sentences - inside.size)

    def collect_garbage(self) -> None:
        """Delete segment files no row names (left by a killed writer) and dropped ones."""
        if not self.folder.is_dir():
            return
        named = {r.file for r in self.rows()}
        for path in self.folder.iterdir():
            if path.name not in named and (path.suffix in (".seg", ".tmp")):
                self.doomed.append(path.name)

    def delete_doomed(self) -> None:
        """After the commit: remove the files of dropped segments (a reader still mapping one
        keeps its pages; where the system refuses, the next writer tries again)."""
        for name in self.doomed:
            try:
                (self.folder / name).unlink(missing_ok=True)
            except OSError:
                pass
        self.doomed = []

    def _is_tail(self, ids: np.ndarray, lo: int, hi: int) -> bool:
        """Whether these ids are exactly the stored sentences in [lo, hi)."""
        if ids.size == 0 or int(ids[0]) < lo or int(ids[-1]) >= hi:
            return False
        count = "SELECT COUNT(*) FROM sentences WHERE id >= ? AND id < ?"
        return self.db.execute(count, (lo, hi)).fetchone()[0] == ids.size

    def _folder(self) -> Path:
        self.folder.mkdir(exist_ok=True)
        return self.folder

    def _insert(self, segment: SegmentFile, sentences: int) -> None:
        self.db.execute(
            "INSERT INTO segments (file, lo, hi, sentences, postings, bytes, crc32)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                segment.name,
                segment.lo,
                segment.hi,
                sentences,
                int(segment.index.postings.size),
                segment.size,
                segment.checksum(),
            ),
        )

    def _drop(self, rows: list[Row]) -> None:
        self.db.executemany("DELETE FROM segments WHERE file = ?", [(r.file,) for r in rows])
        self.doomed += [r.file for r in rows]

    def _tier(self, sentences: int) -> int:
        base = self.settings.merge_base
        return int(math.log(max(sentences, base) / base, self.settings.merge_factor) + 1e-9)

    def _merge_tiers(self) -> None:
        """Once the newest segments of tier t or lower hold `merge_factor` of tier t, merge them
        (lowest t first), until no tier overflows: each tier keeps fewer than `merge_factor`
        segments, and a sentence is merged about once per tier."""
        while True:
            rows = self.rows()
            tiers = [self._tier(r.sentences) for r in rows]
            run = next((r for t in sorted(set(tiers)) if (r := self._full(rows, tiers, t))), None)
            if run is None:
                return
            parts = [self.open(r).index for r in run]
            segment = write_segment(self._folder(), run[0].lo, run[-1].hi, merge_into(parts))
            del parts
            self._drop(run)
            self._insert(segment, sum(r.sentences for r in run))

    def _full(self, rows: list[Row], tiers: list[int], tier: int) -> list[Row]:
        """The newest segments back to the first above the tier, if enough are of the tier."""
        start = len(rows)
        while start > 0 and tiers[start - 1] <= tier:
            start -= 1
        full = tiers[start:].count(tier) >= self.settings.merge_factor
        return rows[start:] if full else []


def _without_into(index: GramIndex, dead: np.ndarray):
    return lambda alloc, lo: without(index, dead, alloc)
