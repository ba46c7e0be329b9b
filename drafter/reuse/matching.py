"""Reuse matching: one candidate path (n-gram counts over the index) for every caller —
check, crosscheck and review — verified with rapidfuzz on masked sentences."""

from __future__ import annotations

import numpy as np

from .index import NgramIndex, count_sorted_runs, gram_buckets
from .settings import ReuseSettings


def match_sentences(
    index: NgramIndex,
    corpus: list[str],
    queries: list[str],
    settings: ReuseSettings,
    *,
    exclude_same: bool = False,
    chunk: int = 1024,
) -> list[list[tuple[int, float]]]:
    """For each query, the corpus sentences (id, ratio) at or above the threshold, best first.

    exclude_same: the queries are the corpus itself (crosscheck); a sentence does not match itself.
    """
    results: list[list[tuple[int, float]]] = [[] for _ in queries]
    for base in range(0, len(queries), chunk):
        part = queries[base : base + chunk]
        grouped: dict[int, list[int]] = {}
        for qid, cid in candidate_pairs(index, part, settings):
            if not (exclude_same and base + qid == cid):
                grouped.setdefault(qid, []).append(cid)
        for qid, cands in grouped.items():
            results[base + qid] = verify(part[qid], cands, corpus, settings)
    return results


def candidate_pairs(index: NgramIndex, queries: list[str], settings: ReuseSettings):
    """(query, corpus sentence) pairs sharing enough non-stop grams; per query the best first,
    at most max_candidates. Grams are expanded and counted with numpy, no Python loop per gram."""
    buckets, qids = gram_buckets(queries, index.n, index.bits)
    pairs = np.unique(qids * (1 << index.bits) + buckets)  # each gram once per query
    qids, buckets = pairs >> index.bits, pairs & ((1 << index.bits) - 1)
    df = index.df(buckets)
    keep = (df > 0) & (df <= settings.stopgram_df(index.size))
    qids, buckets, df = qids[keep], buckets[keep], df[keep]
    total = int(df.sum())
    if total == 0:
        return []
    grams_per_query = np.bincount(qids, minlength=len(queries))
    starts = index.offsets[buckets]
    expanded_q = np.repeat(qids, df)
    position = np.arange(total) - np.repeat(np.cumsum(df) - df, df) + np.repeat(starts, df)
    keys = expanded_q * np.int64(index.size) + index.postings[position].astype(np.int64)
    keys, counts = count_sorted_runs(keys)
    cand_q, cand_c = keys // index.size, keys % index.size
    matchable = np.fromiter(
        (settings.matchable(q) for q in queries), dtype=bool, count=len(queries)
    )
    needed = np.maximum(1, np.ceil(settings.min_shared_fraction * grams_per_query[cand_q]))
    ok = (counts >= needed) & matchable[cand_q]
    cand_q, cand_c, counts = cand_q[ok], cand_c[ok], counts[ok]
    order = np.lexsort((-counts, cand_q))
    cand_q, cand_c = cand_q[order], cand_c[order]
    rank = np.arange(cand_q.size) - np.searchsorted(cand_q, cand_q)
    top = rank < settings.max_candidates
    return zip(cand_q[top].tolist(), cand_c[top].tolist())


def verify(
    query: str, candidates, corpus: list[str], settings: ReuseSettings
) -> list[tuple[int, float]]:
    """rapidfuzz ratio over the candidates in one C call: (id, score) ≥ threshold, best first."""
    if len(candidates) == 0:
        return []
    from rapidfuzz import fuzz, process

    ids = [int(c) for c in candidates]
    found = process.extract(
        query,
        [corpus[c] for c in ids],
        scorer=fuzz.ratio,
        score_cutoff=settings.ratio_threshold,
        limit=None,
    )
    return [(ids[i], score) for _, score, i in found]


def crosscheck_sentences(
    documents: list[list[str]], settings: ReuseSettings, issuers: list[str] | None = None
) -> dict[tuple[int, int], int]:
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
    matches = match_sentences(index, texts, texts, settings, exclude_same=True)
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


def copied_span(
    source_sentence: str, paragraph: str, fallback: tuple[int, int], settings: ReuseSettings
) -> tuple[int, int]:
    """Where the source sentence was copied inside the paragraph (partial_ratio_alignment).

    Masking keeps offsets only approximately, so the alignment runs on the unmasked normalised text;
    when it is not convincing the matched sentence's own offsets stand.
    """
    from rapidfuzz import fuzz

    window_start = max(0, fallback[0] - len(source_sentence))
    window = paragraph[window_start : fallback[1] + len(source_sentence)]
    alignment = fuzz.partial_ratio_alignment(source_sentence, window)
    if alignment is None or alignment.score < settings.span_min_score:
        return fallback
    return window_start + alignment.dest_start, window_start + alignment.dest_end
