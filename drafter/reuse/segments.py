"""The corpus loaded for matching: its index segments and their sentences in memory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from .index import NgramIndex
from .matching import match_sentences
from .settings import ReuseSettings


@dataclass
class Segment:
    """One index segment: its sentence ids, index and masked sentences."""

    ids: np.ndarray  # sentence ids, by local position
    index: NgramIndex
    masked: list[str]


class LoadedCorpus:
    """Segments and sentence texts in memory, ready for matching."""

    def __init__(self, db: sqlite3.Connection, settings: ReuseSettings, segments: list[Segment]):
        self.db, self.settings, self.segments = db, settings, segments

    @classmethod
    def load(cls, db: sqlite3.Connection, settings: ReuseSettings) -> "LoadedCorpus":
        """Every segment of the corpus database, with its masked sentences."""
        masked = dict(db.execute("SELECT id, masked FROM sentences"))
        segments = []
        for ids_blob, grams in db.execute("SELECT ids, grams FROM segments ORDER BY id"):
            ids = np.frombuffer(ids_blob, dtype=np.int64)
            segments.append(
                Segment(ids, NgramIndex.from_bytes(grams), [masked[int(i)] for i in ids])
            )
        return cls(db, settings, segments)

    def match(self, queries: list[str]) -> list[list[tuple[int, float]]]:
        """For each masked query: (sentence id, ratio) of every corpus sentence at the threshold."""
        merged: list[list[tuple[int, float]]] = [[] for _ in queries]
        for segment in self.segments:
            found = match_sentences(segment.index, segment.masked, queries, self.settings)
            for hits, more in zip(merged, found):
                hits += [(int(segment.ids[local]), score) for local, score in more]
        return [sorted(h, key=lambda x: -x[1]) for h in merged]

    def sentence_info(self, ids: list[int]) -> dict[int, tuple]:
        """id -> (report_id, paragraph, start, end, text)."""
        out = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk : chunk + 900]
            marks = ",".join("?" * len(part))
            for row in self.db.execute(
                "SELECT id, report_id, paragraph, start, end, text FROM sentences"
                f" WHERE id IN ({marks})",
                part,
            ):
                out[row[0]] = row[1:]
        return out

    def paragraph(self, report_id: int, idx: int) -> tuple[str | None, str, str]:
        """(section, heading, text) of a stored paragraph."""
        return self.db.execute(
            "SELECT section, heading, text FROM paragraphs WHERE report_id=? AND idx=?",
            (report_id, idx),
        ).fetchone()
