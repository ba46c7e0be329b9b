"""Shared continuous runs inside sentences that otherwise differ (CNKI-style: 13 characters and up).

A sentence rewritten around a copied passage — "2023年，浦东新区坚持……" with a new ending —
stays under the whole-sentence ratio, yet the passage is reuse. Runs are measured on the masked
text (figures and the issuer's name masked), so a changed figure does not break one.

Candidates come from the same index as whole sentences: a run of L characters holds the
W = L − n + 1 consecutive n-grams of a window. Each window of a query is looked up by its rarest
gram, and by every gram under `stopgram_cap`; a corpus sentence is a candidate when it holds
every looked-up gram of some window (no run can be lost: a shared window's grams are all in the
sentence). A window with a gram the corpus lacks cannot be shared and is not looked up. Candidates
are then verified exactly (`substrings`): the maximal common substrings of at least L characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .index import GramIndex, distinct_inverse, gram_keys
from .matching import Texts, fetch_texts, id_bits
from .settings import ReuseSettings
from .substrings import common_substrings

Run = tuple[int, int, int, int]  # (corpus sentence id, start in the query, start in it, length)


def find_runs(
    index: GramIndex | list[GramIndex],
    texts: Sequence[str] | Texts,
    queries: list[str],
    settings: ReuseSettings,
    limit: int | None = None,
    chunk: int = 2048,
    cap: int | None = None,
) -> list[list[Run]]:
    """For each masked query, every run of at least run_min_chars it shares with a corpus
    sentence (among its `limit` best candidates, default run_candidates), `chunk` queries
    at a time."""
    found: list[list[Run]] = [[] for _ in queries]
    size, skip = settings.run_min_chars, _skipped(settings.run_skip)
    for base in range(0, len(queries), chunk):
        part = queries[base : base + chunk]
        cand_q, cand_c = run_candidates(index, part, settings, limit, cap)
        if cand_q.size == 0:
            continue
        ids, theirs = fetch_texts(texts, cand_c)
        by_query: dict[int, list[tuple[int, int, int]]] = {}
        query_of, id_of = cand_q.tolist(), ids.tolist()  # thousands of runs: no numpy scalars
        for p, a, b, length in common_substrings(part, cand_q, theirs, size):
            by_query.setdefault(query_of[p], []).append((id_of[p], a, b, length))
        for q, runs in by_query.items():
            found[base + q] = outside(runs, _spans(skip, part[q]), size)
    return found


@lru_cache(maxsize=4)
def _skipped(patterns: tuple[str, ...]) -> re.Pattern:
    """One pattern for all of run_skip: its matches never overlap."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def outside(runs: list[Run], skip: list[tuple[int, int]], size: int) -> list[Run]:
    """The runs with the skipped spans of the query cut out, the parts still `size` long."""
    if not skip:
        return runs
    out = []
    for sid, a, b, length in runs:
        cursor = a
        for x, y in [*skip, (a + length, a + length)]:
            lo, hi = max(cursor, a), min(x, a + length)
            if hi - lo >= size:
                out.append((sid, lo, b + lo - a, hi - lo))
            cursor = max(cursor, y)
    return out


def run_candidates(
    index: GramIndex | list[GramIndex],
    queries: list[str],
    settings: ReuseSettings,
    limit: int | None = None,
    cap: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(query, corpus sentence) pairs that may share a run of run_min_chars: the sentence holds
    every looked-up gram of one of the query's windows. Grouped by query, at most `limit` a
    query, those holding the longest stretch of looked-up grams first."""
    segments = index if isinstance(index, list) else [index]
    none = np.empty(0, dtype=np.int64)
    if not segments or not queries:
        return none, none
    width = settings.run_min_chars - segments[0].n + 1
    keys, owners = gram_keys(queries, segments[0].n)
    unique, inverse = distinct_inverse(keys)
    spans = [segment.spans(unique) for segment in segments]
    df = sum(count for _, count in spans)[inverse]
    looked, lo, hi = _looked_up(df, owners, width, cap or settings.stopgram_cap)
    if looked.size == 0:
        return none, none
    cand, pos = _holders(segments, spans, inverse[looked])
    qualified = _qualified(cand, pos, owners[looked], lo, hi)
    return _ranked(*qualified, limit or settings.run_candidates)


def _looked_up(df: np.ndarray, owners: np.ndarray, width: int, cap: int):
    """The grams looked up (positions into the query grams, ascending), and for every live
    window (one of `width` grams of one query, each in the corpus) the first and last of
    them it holds — as indexes into the looked-up grams."""
    none = np.empty(0, dtype=np.int64)
    if df.size < width:
        return none, none, none
    windows = np.lib.stride_tricks.sliding_window_view(df, width)
    starts = np.flatnonzero(
        (owners[: windows.shape[0]] == owners[width - 1 :]) & (windows.min(axis=1) > 0)
    )
    if starts.size == 0:
        return none, none, none
    rarest = starts + windows[starts].argmin(axis=1)
    live = np.zeros(df.size + 1, dtype=np.int64)  # windows covering each gram, by differences
    np.add.at(live, starts, 1)
    np.add.at(live, starts + width, -1)
    covered = np.cumsum(live[:-1]) > 0
    chosen = covered & (df <= cap)
    chosen[rarest] = True
    looked = np.flatnonzero(chosen)
    lo = np.searchsorted(looked, starts)
    hi = np.searchsorted(looked, starts + width) - 1
    return looked, lo, hi


def _holders(segments, spans, key_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(corpus sentence, looked-up gram) for every posting of every looked-up gram, sorted by
    sentence then gram — packed in 32 bits when both fit (a sort of half the bytes)."""
    bits = max(1, int(key_of.size).bit_length())
    dtype = np.uint32 if bits + id_bits(segments) <= 32 else np.uint64
    shift, parts = dtype(bits), []
    for segment, (start, count) in zip(segments, spans):
        counts = count[key_of]
        sentences = segment.gather(start[key_of], counts).astype(dtype)
        position = np.repeat(np.arange(key_of.size, dtype=dtype), counts)
        parts.append((sentences << shift) | position)
    pairs = np.concatenate(parts) if parts else np.empty(0, dtype=dtype)
    pairs.sort()
    low = dtype((1 << bits) - 1)
    return (pairs >> shift).astype(np.int64), (pairs & low).astype(np.int64)


def _qualified(cand, pos, query_of, lo, hi):
    """(query, sentence, start, stretch) for every sentence holding all looked-up grams of a
    window:
    a stretch is consecutive looked-up grams of one query the sentence holds, [a, b]; it holds
    a whole window when some window's [lo, hi] lies inside it."""
    if cand.size == 0:
        none = np.empty(0, dtype=np.int64)
        return none, none, none, none
    first = np.ones(cand.size, dtype=bool)
    first[1:] = (cand[1:] != cand[:-1]) | (pos[1:] != pos[:-1] + 1)
    first[1:] |= query_of[pos[1:]] != query_of[pos[:-1]]
    a = np.flatnonzero(first)
    b = np.append(a[1:], cand.size) - 1
    # the smallest `hi` of the windows whose `lo` is at or after each looked-up gram
    lowest = np.full(query_of.size + 1, np.iinfo(np.int64).max)
    np.minimum.at(lowest, lo, hi)
    lowest = np.minimum.accumulate(lowest[::-1])[::-1]
    ok = lowest[pos[a]] <= pos[b]
    a, b = a[ok], b[ok]
    return query_of[pos[a]], cand[a], pos[a], b - a + 1


def _ranked(queries, sentences, starts, stretch, limit: int):
    """At most `limit` sentences a query, taken in turn from each place of the query where
    stretches start (the longest stretch of each place first): a phrase found in thousands of
    sentences cannot crowd out a run found in one."""
    if queries.size == 0:
        return queries, sentences
    order = np.lexsort((sentences, -stretch, starts, queries))
    queries, sentences, starts, stretch = (x[order] for x in (queries, sentences, starts, stretch))
    place = (queries << 32) | starts
    turn = np.arange(place.size) - np.searchsorted(place, place)  # rank within its place
    order = np.lexsort((sentences, -stretch, turn, queries))
    queries, sentences = queries[order], sentences[order]
    _, first = np.unique((queries << 32) | sentences, return_index=True)
    first.sort()  # each (query, sentence) once, at its earliest turn
    queries, sentences = queries[first], sentences[first]
    rank = np.arange(queries.size) - np.searchsorted(queries, queries)
    keep = rank < limit
    return queries[keep], sentences[keep]
