"""A compact n-gram index over masked sentences: numpy arrays, no Python dicts per gram.

Each sentence's character n-grams are hashed (vectorised rolling hash), bucketed
into 2**bits slots and stored CSR-style: offsets[bucket] .. offsets[bucket+1]
index into postings (sentence ids). Queries count shared grams per candidate
with numpy, skip grams that are in too many sentences, and hand the best
candidates to rapidfuzz for verification.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

_P = np.uint64(1_000_003)
_SEP = 0  # code point used between sentences: no real n-gram contains it


@dataclass
class NgramIndex:
    """Postings of hashed character n-grams, CSR style."""

    n: int
    bits: int
    offsets: np.ndarray  # int64, 2**bits + 1
    postings: np.ndarray  # int32 sentence ids, grouped by bucket
    size: int  # number of sentences indexed

    @classmethod
    def build(
        cls, sentences: list[str], n: int = 3, bits: int | None = None, chunk: int = 100_000
    ) -> "NgramIndex":
        """Hash in chunks into int32 arrays: peak memory stays near the size of the postings."""
        bits = bits or _bits_for(len(sentences))
        bucket_parts, owner_parts = [], []
        for base in range(0, len(sentences), chunk):
            buckets, owners = gram_buckets(sentences[base : base + chunk], n, bits)
            bucket_parts.append(buckets.astype(np.int32))
            owner_parts.append((owners + base).astype(np.int32))
        buckets = np.concatenate(bucket_parts) if bucket_parts else np.empty(0, dtype=np.int32)
        owners = np.concatenate(owner_parts) if owner_parts else np.empty(0, dtype=np.int32)
        del bucket_parts, owner_parts
        order = np.argsort(buckets, kind="stable")
        postings = owners[order]
        del owners, order
        counts = np.bincount(buckets, minlength=1 << bits)
        offsets = np.zeros((1 << bits) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return cls(n, bits, offsets, postings, len(sentences))

    def df(self, buckets: np.ndarray) -> np.ndarray:
        """How many sentences each bucket's postings hold."""
        return self.offsets[buckets + 1] - self.offsets[buckets]

    def to_bytes(self) -> bytes:
        """The index serialised for storage."""
        buffer = io.BytesIO()
        np.savez(
            buffer,
            n=self.n,
            bits=self.bits,
            size=self.size,
            offsets=self.offsets,
            postings=self.postings,
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> "NgramIndex":
        """An index read back from to_bytes."""
        data = np.load(io.BytesIO(blob))
        return cls(
            int(data["n"]), int(data["bits"]), data["offsets"], data["postings"], int(data["size"])
        )

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return self.offsets.nbytes + self.postings.nbytes


def count_sorted_runs(hits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(return_counts=True) for a concatenation of sorted posting lists.

    Timsort (kind="stable") merges the already-sorted runs instead of sorting from scratch.
    """
    hits.sort(kind="stable")
    starts = np.flatnonzero(np.concatenate(([True], hits[1:] != hits[:-1])))
    counts = np.diff(np.append(starts, hits.size))
    return hits[starts], counts


def _bits_for(count: int) -> int:
    return int(min(24, max(12, np.ceil(np.log2(max(count, 1) * 8)))))


def gram_buckets(sentences: list[str], n: int, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(bucket, sentence id) for every n-gram of every sentence, without Python loops per gram."""
    if not sentences:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    joined = "\0".join(sentences) + "\0"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(s) for s in sentences), dtype=np.int64, count=len(sentences))
    owners_per_char = np.repeat(np.arange(len(sentences), dtype=np.int64), lengths + 1)
    if codes.size < n:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    h = np.zeros(codes.size - n + 1, dtype=np.uint64)
    valid = np.ones(codes.size - n + 1, dtype=bool)
    for k in range(n):
        window = codes[k : codes.size - n + 1 + k]
        h = h * _P + window
        valid &= window != _SEP
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    buckets = (h & np.uint64((1 << bits) - 1)).astype(np.int64)
    return buckets[valid], owners_per_char[: codes.size - n + 1][valid]
