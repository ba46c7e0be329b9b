"""Maximal common substrings of at least L characters, for many (query, text) pairs at once.

Every window of L characters of every query and every text is hashed (a polynomial hash over
code points, vectorised); a text's windows are looked up among its own query's, and the
matches that continue one another on a diagonal (text position − query position) are joined
into maximal runs. Each run is then compared as strings, so a hash collision can only drop a
run, never invent one.
"""

from __future__ import annotations

import numpy as np

from .index import spread

_BASE = np.uint64(0x100000001B3)  # odd multiplier of the polynomial hash (mod 2**64)
_SALT = np.uint64(0x9E3779B97F4A7C15)  # keeps the windows of different queries apart


def window_hashes(texts: list[str], size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, owner, position) of every window of `size` characters of every text."""
    none = np.empty(0, dtype=np.int64)
    if not texts:
        return none.astype(np.uint64), none, none
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    joined = "\0".join(texts) + "\0"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = codes.size - size + 1
    if width <= 0:
        return none.astype(np.uint64), none, none
    hashes = codes[:width].copy()
    for k in range(1, size):
        hashes *= _BASE
        hashes += codes[k : k + width]
    owners = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[:width]
    position = np.arange(width, dtype=np.int64) - (np.cumsum(lengths) - lengths)[owners]
    inside = position + size < lengths[owners]  # the window ends before its text's separator
    return hashes[inside], owners[inside], position[inside]


def common_substrings(
    queries: list[str], pair_query: np.ndarray, texts: list[str], size: int
) -> list[tuple[int, int, int, int]]:
    """(pair, start in its query, start in its text, length) of every maximal common substring
    of at least `size` characters of queries[pair_query[p]] and texts[p], by pair."""
    q_hash, q_owner, q_pos = window_hashes(queries, size)
    t_hash, pair, t_pos = window_hashes(texts, size)
    if q_hash.size == 0 or t_hash.size == 0:
        return []
    q_key = q_hash ^ (q_owner.astype(np.uint64) * _SALT)
    t_key = t_hash ^ (pair_query[pair].astype(np.uint64) * _SALT)
    maybe = _maybe_in(q_key, t_key)  # most windows of a text are in no query: skip them cheaply
    t_key, pair, t_pos = t_key[maybe], pair[maybe], t_pos[maybe]
    order = np.argsort(q_key, kind="stable")
    ordered = q_key[order]
    left = np.searchsorted(ordered, t_key, "left")
    count = np.searchsorted(ordered, t_key, "right") - left
    mine = order[spread(left, count)]
    pair, theirs = np.repeat(pair, count), np.repeat(t_pos, count)
    same = q_owner[mine] == pair_query[pair]
    pair, i, diagonal = pair[same], q_pos[mine[same]], theirs[same] - q_pos[mine[same]]
    if pair.size == 0:
        return []
    by = np.lexsort((i, diagonal, pair))
    pair, i, diagonal = pair[by], i[by], diagonal[by]
    first = np.ones(pair.size, dtype=bool)
    first[1:] = (pair[1:] != pair[:-1]) | (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    starts = np.flatnonzero(first)
    ends = np.append(starts[1:], pair.size) - 1
    runs = zip(
        pair[starts].tolist(), i[starts].tolist(), diagonal[starts].tolist(), i[ends].tolist()
    )
    out = []
    for p, a, d, last in runs:
        length = last - a + size
        query = queries[int(pair_query[p])]
        if query[a : a + length] == texts[p][a + d : a + d + length]:
            out.append((p, a, a + d, length))
    return out


def _maybe_in(keys: np.ndarray, probes: np.ndarray, bits: int = 20) -> np.ndarray:
    """Which probes may be among keys: a table of the keys' low bits (a one-hash Bloom filter
    of 2**bits entries, a megabyte); no probe that is a key is ever left out."""
    table = np.zeros(1 << bits, dtype=bool)
    low = np.uint64((1 << bits) - 1)
    table[(keys & low).astype(np.intp)] = True
    return table[(probes & low).astype(np.intp)]
