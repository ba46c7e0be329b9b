"""Reuse matching: n-gram candidates from the index, verified with rapidfuzz on masked sentences."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ngram_index import NgramIndex, count_sorted_runs, gram_buckets
from .rules import load_rules
from .spec import Field

_SPEC = {"source": Field(str, True), "ngram": Field(int, True), "min_sentence_chars": Field(int, True),
         "ratio_threshold": Field(float, True), "min_shared_fraction": Field(float, True),
         "max_candidates": Field(int, True), "stopgram_share": Field(float, True), "stopgram_min_df": Field(int, True),
         "stock_min_issuers": Field(int, True), "max_segments": Field(int, True)}


@dataclass(frozen=True)
class ReuseSettings:
    ngram: int
    min_sentence_chars: int
    ratio_threshold: float
    min_shared_fraction: float
    max_candidates: int
    stopgram_share: float
    stopgram_min_df: int
    stock_min_issuers: int
    max_segments: int

    def stopgram_df(self, index_size: int) -> int:
        """Grams in more sentences than this recall too much to be worth expanding."""
        return max(self.stopgram_min_df, int(self.stopgram_share * index_size))

    @classmethod
    def load(cls) -> "ReuseSettings":
        raw = load_rules("reuse.yaml", _SPEC)
        return cls(**{k: v for k, v in raw.items() if k != "source"})


def match_sentences(index: NgramIndex, corpus: list[str], queries: list[str], settings: ReuseSettings,
                    offset: int = 0) -> list[list[tuple[int, float]]]:
    """For each query, the corpus sentences (id + offset, ratio) at or above the threshold, best first."""
    results = []
    for query in queries:
        cands = []
        if len(query) >= settings.min_sentence_chars:
            cands = index.candidates(query, min_shared_fraction=settings.min_shared_fraction,
                                     max_candidates=settings.max_candidates,
                                     stopgram_df=settings.stopgram_df(index.size))
        results.append(_verify(query, cands, corpus, settings, offset))
    return results


def _verify(query: str, candidates, corpus: list[str], settings: ReuseSettings, offset: int = 0):
    """rapidfuzz ratio over the candidates in one C call; (id, score) at the threshold, best first."""
    if len(candidates) == 0:
        return []
    from rapidfuzz import fuzz, process

    ids = [int(c) for c in candidates]
    found = process.extract(query, [corpus[c] for c in ids], scorer=fuzz.ratio,
                            score_cutoff=settings.ratio_threshold, limit=None)
    return [(ids[i] + offset, score) for _, score, i in found]


def crosscheck_sentences(documents: list[list[str]], settings: ReuseSettings,
                         issuers: list[str] | None = None) -> dict[tuple[int, int], int]:
    """Every document against every other: {(a, b): characters of a found again in b}.

    Identical sentences are matched once (stock phrases and copied paragraphs repeat verbatim);
    a sentence found in documents of at least `stock_min_issuers` issuers is a stock phrase and
    not counted.
    """
    issuers = issuers or [str(i) for i in range(len(documents))]
    unique: dict[str, int] = {}
    holders: list[list[int]] = []
    for doc_id, sentences in enumerate(documents):
        for sentence in sentences:
            uid = unique.setdefault(sentence, len(unique))
            if uid == len(holders):
                holders.append([])
            holders[uid].append(doc_id)
    texts = list(unique)
    index = NgramIndex.build(texts, settings.ngram)
    matches = batch_match(index, texts, texts, settings)
    shared: dict[tuple[int, int], int] = {}
    for uid, hits in enumerate(matches):
        docs = set(holders[uid]).union(*(holders[cid] for cid, _ in hits))
        if len(docs) < 2 or len({issuers[d] for d in docs}) >= settings.stock_min_issuers:
            continue
        size = len(texts[uid])
        for a in holders[uid]:
            for b in docs - {a}:
                shared[(a, b)] = shared.get((a, b), 0) + size
    return shared


def batch_match(index: NgramIndex, corpus: list[str], queries: list[str], settings: ReuseSettings,
                chunk: int = 1024) -> list[list[tuple[int, float]]]:
    """match_sentences for many queries at once: grams expanded and counted with numpy, in chunks."""
    results: list[list[tuple[int, float]]] = [[] for _ in queries]
    for base in range(0, len(queries), chunk):
        part = queries[base:base + chunk]
        grouped: dict[int, list[int]] = {}
        for qid, cid in _candidate_pairs(index, part, settings):
            if base + qid != cid:
                grouped.setdefault(qid, []).append(cid)
        for qid, cands in grouped.items():
            results[base + qid] = _verify(part[qid], cands, corpus, settings)
    return results
def _candidate_pairs(index: NgramIndex, queries: list[str], settings: ReuseSettings):
    buckets, qids = gram_buckets(queries, index.n, index.bits)
    pairs = np.unique(qids * (1 << index.bits) + buckets)  # each gram once per query
    qids, buckets = pairs >> index.bits, pairs & ((1 << index.bits) - 1)
    df = index.df(buckets)
    cap = settings.stopgram_df(index.size)
    grams_per_query = np.bincount(qids[df <= cap], minlength=len(queries))
    keep = (df > 0) & (df <= cap)
    qids, buckets, df = qids[keep], buckets[keep], df[keep]
    total = int(df.sum())
    if total == 0:
        return []
    starts = index.offsets[buckets]
    expanded_q = np.repeat(qids, df)
    position = np.arange(total) - np.repeat(np.cumsum(df) - df, df) + np.repeat(starts, df)
    keys = expanded_q * np.int64(index.size) + index.postings[position].astype(np.int64)
    keys, counts = count_sorted_runs(keys)
    cand_q, cand_c = keys // index.size, keys % index.size
    lengths = np.fromiter((len(q) for q in queries), dtype=np.int64, count=len(queries))
    needed = np.maximum(1, np.ceil(settings.min_shared_fraction * grams_per_query[cand_q]))
    ok = (counts >= needed) & (lengths[cand_q] >= settings.min_sentence_chars)
    cand_q, cand_c, counts = cand_q[ok], cand_c[ok], counts[ok]
    order = np.lexsort((-counts, cand_q))
    cand_q, cand_c = cand_q[order], cand_c[order]
    rank = np.arange(cand_q.size) - np.searchsorted(cand_q, cand_q)
    top = rank < settings.max_candidates
    return zip(cand_q[top].tolist(), cand_c[top].tolist())
