"""Crosscheck's shortcuts change nothing: each pair is looked for from its lower id only (the
posting lists cut at the query's own id), and reading and matching may be shared out over
worker processes — the pairs are those of one process doing every comparison."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reuse import crosscheck as cross
from drafter.reuse.index import GramIndex
from drafter.reuse.matching import match_sentences
from drafter.reuse.segfile import copy_into, open_segment, write_segment
from drafter.reuse.settings import ReuseSettings
from tests.test_corpus_store import unit_reports
from tests.test_index import SENTENCES


@settings(max_examples=40, deadline=None)
@given(SENTENCES.filter(len), st.data())
def test_posting_lists_cut_above_a_floor(tmp_path_factory, texts, data):
    index = GramIndex.build(texts, 3)
    folder = tmp_path_factory.mktemp("segments")
    written = write_segment(folder, 0, len(texts), copy_into(index))
    on_file = open_segment(folder / written.name, written.lo, written.hi, written.size).index
    start = index.offsets[:-1].astype(np.int64)
    count = np.diff(index.offsets.astype(np.int64))
    floor = np.array(data.draw(st.lists(st.integers(-1, len(texts)), min_size=start.size,
                                        max_size=start.size)), dtype=np.int64)  # fmt: skip
    expected = [
        [int(i) for i in index.postings[s : s + c] if i > f] for s, c, f in zip(start, count, floor)
    ]
    for segment in (index, on_file):
        cut_start, cut_count = segment.above(start, count, floor)
        assert [
            index.postings[s : s + c].tolist() for s, c in zip(cut_start, cut_count)
        ] == expected


def _sentences(tmp_path) -> list[str]:
    """The seeds' sentences, and each again with a character changed or added."""
    reports = [cross.parse_report(p) for p in unit_reports(tmp_path, 4)]
    settings = ReuseSettings.load()
    texts = list(dict.fromkeys(m for r in reports for m, _ in cross._sentences(r, settings)))
    edited = [t[:5] + "乙" + t[6:] for t in texts[::2]] + [t + "等" for t in texts[::3]]
    return list(dict.fromkeys(texts + edited))


def test_each_pair_is_found_once_from_its_lower_id(tmp_path):
    texts, settings = _sentences(tmp_path), ReuseSettings.load()
    index = GramIndex.build(texts, settings.ngram)
    cap = settings.crosscheck_stopgram_cap
    every = match_sentences(index, texts, texts, settings, limit=10**6, cap=cap, chunk=37)
    own = np.arange(len(texts))
    once = match_sentences(
        index, texts, texts, settings, query_ids=own, limit=10**6, cap=cap, chunk=37
    )
    assert sum(map(len, once)) > 100  # the reports share much
    assert once == [[(c, s) for c, s in hits if c > q] for q, hits in enumerate(every)]


def test_worker_processes_find_what_one_process_finds(tmp_path, monkeypatch):
    paths = unit_reports(tmp_path, 6)
    monkeypatch.setattr(cross, "QUERY_CHUNK", 50)
    alone = cross.crosscheck(paths)
    monkeypatch.setattr(cross, "FILES_PER_JOB", 1)
    monkeypatch.setattr(cross, "SENTENCES_PER_JOB", 1)
    monkeypatch.setattr(cross.os, "cpu_count", lambda: 3)
    shared = cross.crosscheck(paths)
    assert alone[0] and shared == alone
