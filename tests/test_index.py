"""The index's arrays: however a segment comes about — built at once, built in chunks, merged
from parts, written to a file and mapped back, or with sentences taken out — it holds the
same keys, postings and lengths; and a corpus of many merged segments matches like one index."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reuse.corpus import Corpus
from drafter.reuse.index import GramIndex, gram_keys, merge, without
from drafter.reuse.matching import match_sentences
from drafter.reuse.segfile import copy_into, merge_into, open_segment, write_segment
from drafter.reuse.segments import masked_sentences
from drafter.reuse.settings import ReuseSettings
from tests.test_corpus_store import unit_reports

SENTENCES = st.lists(
    st.text(alphabet="法治政府建设依法行政执法监督年件，。", min_size=0, max_size=30), max_size=60
)


def same(a: GramIndex, b: GramIndex) -> bool:
    arrays = ("keys", "offsets", "postings")
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in arrays)


def lengths_by_id(index: GramIndex) -> dict[int, int]:
    return {index.lo + i: int(n) for i, n in enumerate(index.lengths) if n}


@settings(max_examples=60, deadline=None)
@given(SENTENCES, st.integers(1, 7))
def test_every_gram_lists_the_texts_holding_it_in_order(texts, chunk):
    """The definition, one text at a time: a key's postings are the ids of the texts holding
    the gram, ascending, each once; keys ascend."""
    expected: dict[int, set[int]] = {}
    for i, text in enumerate(texts):
        for key in gram_keys([text], 3)[0].tolist():
            expected.setdefault(key, set()).add(i)
    index = GramIndex.build(texts, 3, chunk=chunk)
    assert index.keys.tolist() == sorted(expected)
    for at, key in enumerate(index.keys.tolist()):
        listed = index.postings[index.offsets[at] : index.offsets[at + 1]].tolist()
        assert listed == sorted(expected[key])


@settings(max_examples=60, deadline=None)
@given(SENTENCES, st.integers(1, 7), st.data())
def test_chunked_merged_and_filtered_builds_agree(texts, chunk, data):
    whole = GramIndex.build(texts, 3)
    assert same(whole, GramIndex.build(texts, 3, chunk=chunk))
    cut = data.draw(st.integers(0, len(texts)))
    ids = np.arange(len(texts))
    parts = [GramIndex.build(texts[:cut], 3), GramIndex.build(texts[cut:], 3, ids[cut:])]
    merged = merge(parts)
    assert same(whole, merged) and lengths_by_id(merged) == lengths_by_id(whole)
    dead = np.array(sorted(data.draw(st.sets(st.sampled_from(range(len(texts)))))) if texts else [])
    dead = dead.astype(np.int64)
    alive = [i for i in range(len(texts)) if i not in set(dead.tolist())]
    rest = GramIndex.build([texts[i] for i in alive], 3, np.array(alive, dtype=np.int64))
    indexed = {int(i) for i in dead if len(texts[i]) >= 3}
    assert same(without(whole, np.array(sorted(indexed), dtype=np.int64)), rest)


@settings(max_examples=20, deadline=None)
@given(SENTENCES.filter(len))
def test_a_segment_file_reads_back_the_same(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("segments")
    ids = np.arange(10, 10 + len(texts))
    index = GramIndex.build(texts, 3, ids)
    written = write_segment(folder, 5, 10 + len(texts) + 3, copy_into(index))
    read = open_segment(folder / written.name, written.lo, written.hi, written.size)
    assert same(read.index, index) and lengths_by_id(read.index) == lengths_by_id(index)
    start, count = read.index.offsets[:-1].astype(np.int64), np.diff(read.index.offsets)
    assert np.array_equal(read.index.gather(start, count.astype(np.int64)), index.postings)
    again = write_segment(folder, 5, written.hi, merge_into([read.index]))
    assert same(again.index, index) and again.checksum() == written.checksum()


def test_many_small_segments_match_like_one_index(tmp_path):
    """Tiers merge as reports come one by one; matches are those of a single index, read
    through files or through the memory map (resident)."""
    settings = dataclasses.replace(
        ReuseSettings.load(), merge_factor=2, merge_base=50, flush_sentences=10**9
    )
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, settings, seed=False) as corpus:
        for path in unit_reports(tmp_path / "reports", 9):
            corpus.add(path)
            corpus.flush()  # one segment per report, as one `corpus add` per file would make
        rows = corpus.store.rows()
        assert 1 < len(rows) <= 4, [r.sentences for r in rows]  # merged, in tiers
        view = corpus.view()
        ids, texts = masked_sentences(corpus.db, 0)
        queries = texts[::7]
        found = view.match(queries)
        single = GramIndex.build(texts, settings.ngram, ids)
        by_id = dict(zip(ids.tolist(), texts))
        expected = match_sentences(
            single, lambda c: [by_id[i] for i in c.tolist()], queries, settings, limit=10**6
        )
        runs = view.runs(queries)
        resident = Corpus(db, settings, seed=None)  # review's workers: merged, all read
        twice = [resident.view().resident().match(queries) for _ in range(2)]
        merged = resident.view()
        resident_runs = merged.runs(queries)
        resident.close()
        small = dataclasses.replace(settings, resident_postings=0, resident_sentences=0)
        bounded = Corpus(db, small, seed=None)  # past the limits: through the map, as fetched
        mapped = bounded.view().resident()
        bounded_found, bounded_runs = mapped.match(queries), mapped.runs(queries)
        bounded.close()
    assert max(len(h) for h in expected) < settings.check_candidates
    assert [sorted(h) for h in found] == [sorted(h) for h in expected]
    assert twice[0] == twice[1] == found == bounded_found  # kept or read at once: the same
    assert len(merged.segments) == 1 < len(mapped.segments)
    assert merged._complete and not mapped._complete
    assert any(runs) and resident_runs == runs == bounded_runs
