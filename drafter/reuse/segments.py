"""The corpus loaded for matching: its index segments and their sentences in memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .index import NgramIndex

if TYPE_CHECKING:
    from .corpus import Corpus


@dataclass
class Segment:
    """One index segment: its sentence ids, index and masked sentences."""

    ids: np.ndarray  # sentence ids, by local position
    index: NgramIndex
    masked: list[str]


class LoadedCorpus:
    """Segments and sentence texts in memory, ready for matching."""

    def __init__(self, corpus: Corpus, segments: list[Segment]):
        self.corpus, self.segments = corpus, segments

    @classmethod
    def load(cls, corpus: Corpus) -> "LoadedCorpus":
        """Every segment of the corpus, with its masked sentences."""
        masked = dict(corpus.db.execute("SELECT id, masked FROM sentences"))
        segments = []
        for ids_blob, grams in corpus.db.execute("SELECT ids, grams FROM segments ORDER BY id"):
            ids = np.frombuffer(ids_blob, dtype=np.int64)
            segments.append(
                Segment(ids, NgramIndex.from_bytes(grams), [masked[int(i)] for i in ids])
            )
        return cls(corpus, segments)

    def match(self, queries: list[str]) -> list[list[tuple[int, float]]]:
        """For each masked query: (sentence id, ratio) of every corpus sentence at the threshold."""
        from .matching import match_sentences

        merged: list[list[tuple[int, float]]] = [[] for _ in queries]
        for segment in self.segments:
            found = match_sentences(segment.index, segment.masked, queries, self.corpus.settings)
            for hits, more in zip(merged, found):
                hits += [(int(segment.ids[local]), score) for local, score in more]
        return [sorted(h, key=lambda x: -x[1]) for h in merged]

    def sentence_info(self, ids: list[int]) -> dict[int, tuple]:
        """id -> (report_id, paragraph, start, end, text)."""
        out = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk : chunk + 900]
            marks = ",".join("?" * len(part))
            for row in self.corpus.db.execute(
                "SELECT id, report_id, paragraph, start, end, text FROM sentences"
                f" WHERE id IN ({marks})",
                part,
            ):
                out[row[0]] = row[1:]
        return out

    def paragraph(self, report_id: int, idx: int) -> tuple[str | None, str, str]:
        """(section, heading, text) of a stored paragraph."""
        return self.corpus.db.execute(
            "SELECT section, heading, text FROM paragraphs WHERE report_id=? AND idx=?",
            (report_id, idx),
        ).fetchone()
