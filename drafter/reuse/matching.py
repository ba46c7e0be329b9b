"""Reuse matching: one candidate path for every caller — check, crosscheck and review.

Candidates come from n-gram counts over the index (any number of segments, in memory or
memory-mapped); each is verified with rapidfuzz on the masked sentences. The candidate step
only proposes sentence ids: a second kind of evidence (say, continuous shared runs of N
characters) can propose more ids to the same verification.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .index import GramIndex, distinct, distinct_inverse, gram_keys
from .settings import ReuseSettings

Texts = Callable[[np.ndarray], Sequence[str]]  # sentence ids -> their masked texts, in order
_MAX_COUNT = 0xFFFF  # shared-gram counts are ranked inside 16 bits (a sentence has fewer grams)


def match_sentences(
    index: GramIndex | list[GramIndex],
    texts: Sequence[str] | Texts,
    queries: list[str],
    settings: ReuseSettings,
    *,
    query_ids: np.ndarray | None = None,
    limit: int | None = None,
    cap: int | None = None,
    rare: int | None = None,
    chunk: int = 2048,
) -> list[list[tuple[int, float]]]:
    """For each query, the corpus sentences (id, ratio) at or above the threshold, best first.

    texts: the corpus's masked sentences by id (a list) or a function fetching them by ids.
    query_ids: the queries' own sentence ids when the queries are the corpus (crosscheck):
    a sentence does not match itself, and each pair is found once, from the lower id (the
    ratio is symmetric; the caller mirrors the matches). limit: candidates verified per query
    (default max_candidates), the best-ranked first. cap, rare: stopgram_cap and
    rare_postings for this call.
    """
    results: list[list[tuple[int, float]]] = [[] for _ in queries]
    for base in range(0, len(queries), chunk):
        part = queries[base : base + chunk]
        own = None if query_ids is None else query_ids[base : base + chunk]
        cand_q, cand_c = candidate_pairs(index, part, settings, own, limit, cap, rare)
        for q, hits in verified(part, cand_q, cand_c, texts, settings).items():
            results[base + q] = hits
    return results


def verified(
    queries: list[str],
    cand_q: np.ndarray,
    cand_c: np.ndarray,
    texts: Sequence[str] | Texts,
    settings: ReuseSettings,
) -> dict[int, list[tuple[int, float]]]:
    """query -> its candidates at the threshold (id, ratio), best first, for candidates
    grouped by query (as candidate_pairs gives them); their texts fetched in one call."""
    if cand_q.size == 0:
        return {}
    ids, found = fetch_texts(texts, cand_c)
    bounds = np.flatnonzero(np.diff(cand_q)) + 1
    starts, ends = np.r_[0, bounds].tolist(), np.r_[bounds, ids.size].tolist()
    return {
        int(cand_q[a]): verify(queries[cand_q[a]], ids[a:b], found[a:b], settings)
        for a, b in zip(starts, ends)
    }


def fetch_texts(texts: Sequence[str] | Texts, ids: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The candidates' texts, in order: from the list, or fetched once per distinct id."""
    if not callable(texts):
        return ids, [texts[i] for i in ids.tolist()]
    unique, where = distinct_inverse(ids)
    fetched = texts(unique)
    return ids, [fetched[i] for i in where.tolist()]


def query_grams(index_n: int, queries: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(query, key) for every distinct gram of every query, sorted by query then key."""
    keys, owners = gram_keys(queries, index_n)
    pairs = distinct((owners.astype(np.uint64) << np.uint64(32)) | keys.astype(np.uint64))
    return (pairs >> np.uint64(32)).astype(np.int64), (pairs & np.uint64(0xFFFFFFFF)).astype(
        np.uint32
    )


def candidate_pairs(
    index: GramIndex | list[GramIndex],
    queries: list[str],
    settings: ReuseSettings,
    query_ids: np.ndarray | None = None,
    limit: int | None = None,
    cap: int | None = None,
    rare: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(query, corpus sentence) pairs sharing enough grams, of lengths that can reach the ratio,
    grouped by query and best first, at most `limit` (max_candidates) a query.

    Grams in more than `stopgram_cap` sentences are not expanded — a fixed cap, so a query
    costs the same however large the corpus — except each query's rarest present grams: at
    least `min_grams` of them, and as many as fit in `rare_postings` postings, so that a
    sentence made of common words (a stock phrase, and its many near copies) is still found.
    The shared grams a candidate needs are counted among the grams under the cap and the
    `min_grams` rarest: the others only propose candidates."""
    segments = index if isinstance(index, list) else [index]
    if len(queries) > _MAX_COUNT:
        raise ValueError("at most 65535 queries at a time")
    if not segments or not queries:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    qids, keys = query_grams(segments[0].n, queries)
    unique, inverse = distinct_inverse(keys)
    spans = [segment.spans(unique) for segment in segments]
    df = sum(count for _, count in spans)[inverse]
    rare = settings.rare_postings if rare is None else rare
    counted, keep = _kept(qids, df, cap or settings.stopgram_cap, settings.min_grams, rare)
    grams = np.bincount(qids[counted], minlength=len(queries))
    qids, inverse = qids[keep], inverse[keep]
    lists = [(start[inverse], count[inverse]) for start, count in spans]
    if query_ids is not None:  # each pair once, from the lower id: half the postings
        floor = query_ids[qids]
        lists = [seg.above(start, count, floor) for seg, (start, count) in zip(segments, lists)]
    shift = id_bits(segments)
    pairs = _pairs(segments, lists, qids, shift, len(queries))
    cand_q, cand_c, counts = _counted(pairs, shift)
    found = _usable(cand_q, cand_c, counts, grams, segments, queries, settings)
    return _best(*found, limit or settings.max_candidates)


def id_bits(segments: list[GramIndex]) -> int:
    """Bits that hold any sentence id of the segments (their lengths cover every id)."""
    top = max((s.lo + s.lengths.size for s in segments), default=1)
    return max(1, int(top).bit_length())


def _kept(qids: np.ndarray, df: np.ndarray, cap: int, min_grams: int, rare: int):
    """(counted, expanded): the grams a candidate's shared count is taken over — present, and
    not too common unless among the query's `min_grams` rarest present ones (a gram found
    nowhere — a typo, a changed word — is no rarest gram) — and those expanded: these and
    the rarest whose postings, summed rarest first, stay within `rare`."""
    present = df > 0
    ranked = np.where(present, df, 0xFFFFFFFF).astype(np.uint64)  # absent grams rank last
    # np.lexsort((ranked, qids)) in one stable sort of a single key: five times faster
    order = np.argsort((qids.astype(np.uint64) << np.uint64(32)) | ranked, kind="stable")
    sorted_q = qids[order]
    first = np.searchsorted(sorted_q, sorted_q)  # where each query's grams start in order
    rank = np.empty(qids.size, dtype=np.int64)
    rank[order] = np.arange(qids.size) - first
    counted = present & ((df <= cap) | (rank < min_grams))
    if rare <= 0:
        return counted, counted
    total = np.cumsum(df[order].astype(np.int64))  # an absent gram adds no postings
    upto = np.empty(qids.size, dtype=np.int64)  # postings of this gram and the query's rarer
    upto[order] = total - np.concatenate(([0], total))[first]
    return counted, counted | (present & (upto <= rare))


def _pairs(segments, lists, qids, shift: int, queries: int) -> np.ndarray:
    """(query << shift | sentence id) for every posting of the given lists (start, count) of
    each segment, one list a kept gram, in one array: 32-bit when query and id fit (sorting
    half the bytes), else 64-bit."""
    wide = shift + max(1, (queries - 1).bit_length()) > 32
    dtype = np.uint64 if wide else np.uint32
    pairs = np.empty(int(sum(count.sum() for _, count in lists)), dtype=dtype)
    high = qids.astype(dtype) << dtype(shift)
    at = 0
    for segment, (start, count) in zip(segments, lists):
        size = int(count.sum())
        part = pairs[at : at + size]
        part[:] = np.repeat(high, count)
        part |= segment.gather(start, count).astype(dtype, copy=False)
        at += size
    return pairs


def _counted(pairs: np.ndarray, shift: int):
    """(query, candidate, shared grams) for every pair met, counted with one sort. The pairs
    come grouped by query in ascending runs (posting lists), which a stable sort (timsort or
    radix) merges in about half the time of the default quicksort."""
    pairs.sort(kind="stable")
    starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))[: pairs.size]
    counts = np.diff(np.append(starts, pairs.size)).astype(np.int32)
    pairs = pairs[starts]
    del starts
    low = pairs.dtype.type((1 << shift) - 1)
    return (
        (pairs >> pairs.dtype.type(shift)).astype(np.int64),
        (pairs & low).astype(np.int64),
        counts,
    )


def _usable(cand_q, cand_c, counts, grams, segments, queries, settings):
    """The candidates sharing at least min_shared_fraction of their query's grams, of a query
    long enough to match, and of a length that can reach the ratio: fuzz.ratio is
    2·LCS / (a + b) and LCS <= min(a, b), so b lies within a·t/(2 − t) .. a·(2 − t)/t."""
    sizes = np.fromiter(map(len, queries), dtype=np.float64, count=len(queries))
    needed = np.maximum(1, np.ceil(settings.min_shared_fraction * grams))
    needed[sizes < settings.min_sentence_chars] = np.inf
    ok = np.flatnonzero(counts >= needed[cand_q])
    cand_q, cand_c, counts = cand_q[ok], cand_c[ok], counts[ok]
    t = settings.ratio_threshold / 100
    mine = sizes[cand_q]
    theirs = sum(segment.length_of(cand_c) for segment in segments)
    fits = (theirs >= mine * t / (2 - t) - 1e-9) & (theirs <= mine * (2 - t) / t + 1e-9)
    return cand_q[fits], cand_c[fits], counts[fits]


def _best(cand_q, cand_c, counts, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """At most `limit` candidates a query, those sharing the most grams."""
    per_query = np.bincount(cand_q) if cand_q.size else cand_q
    if per_query.size == 0 or per_query.max() <= limit:
        return cand_q, cand_c
    # sort by query, then count descending, then id
    key = (cand_q.astype(np.uint64) << np.uint64(48)) | (
        (_MAX_COUNT - np.minimum(counts, _MAX_COUNT)).astype(np.uint64) << np.uint64(32)
    )
    key |= cand_c.astype(np.uint64)
    key.sort()
    cand_q = (key >> np.uint64(48)).astype(np.int64)
    cand_c = (key & np.uint64(0xFFFFFFFF)).astype(np.int64)
    rank = np.arange(cand_q.size) - np.searchsorted(cand_q, cand_q)
    top = rank < limit
    return cand_q[top], cand_c[top]


def verify(
    query: str, ids: np.ndarray, candidates: Sequence[str], settings: ReuseSettings
) -> list[tuple[int, float]]:
    """rapidfuzz ratio over the candidates in one C call: (id, score) ≥ threshold, best first."""
    if len(candidates) == 0:
        return []
    from rapidfuzz import fuzz, process

    found = process.extract(
        query, candidates, scorer=fuzz.ratio, score_cutoff=settings.ratio_threshold, limit=None
    )
    return [(int(ids[i]), score) for _, score, i in found]


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
