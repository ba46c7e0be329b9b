"""Index segments as files: a small header and the three arrays stored raw, memory-mapped on read.

Layout (little-endian): 8-byte magic, then n, keys, postings, lo, hi, sentences as uint64,
then keys (uint32), offsets (uint32, keys + 1), postings (uint32) and the sentence lengths
(uint16, one per id in [lo, hi)). A segment file is written
under a temporary name, flushed to disk and renamed; it never changes afterwards. Opening one
checks the magic, the header and the size — nothing proportional to its contents — so a check
maps only the pages of the grams it looks up.
"""

from __future__ import annotations

import mmap
import os
import secrets
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .index import GramIndex, merge, spread

MAGIC = b"DRFTIX02"
_HEADER = np.dtype([(k, "<u8") for k in ("n", "keys", "postings", "lo", "hi", "sentences")])
_START = len(MAGIC) + _HEADER.itemsize


class SegmentFault(Exception):
    """A segment file is missing, truncated or not what its row says (the caller words it)."""


@dataclass
class SegmentFile:
    """A segment on disk: its name, the sentence ids it covers [lo, hi), and its arrays."""

    name: str
    lo: int
    hi: int
    index: GramIndex
    size: int

    def checksum(self) -> int:
        """CRC-32 of the whole file (read in full: for `corpus check`, not for queries)."""
        crc = 0
        index = self.index
        for array in (index.keys, index.offsets, index.postings, index.lengths):
            crc = zlib.crc32(memoryview(np.ascontiguousarray(array)).cast("B"), crc)
        return crc


def _layout(nkeys: int, npostings: int, span: int) -> tuple[int, int, int, int, int]:
    keys_at = _START
    offsets_at = keys_at + 4 * nkeys
    postings_at = offsets_at + 4 * (nkeys + 1)
    lengths_at = postings_at + 4 * npostings
    return keys_at, offsets_at, postings_at, lengths_at, lengths_at + 2 * span


def write_segment(folder: Path, lo: int, hi: int, make) -> SegmentFile:
    """Write a new segment file covering sentence ids [lo, hi); make(alloc, lo) fills the arrays
    obtained from alloc(nkeys, npostings, span) (an index built in memory is copied in, or merge
    writes straight into the file)."""
    name = f"{lo:010d}-{hi:010d}-{secrets.token_hex(4)}.seg"
    tmp = folder / f".{name}.tmp"
    mapped: dict = {}

    def alloc(nkeys: int, npostings: int, _span: int):
        keys_at, offsets_at, postings_at, lengths_at, end = _layout(nkeys, npostings, hi - lo)
        with open(tmp, "wb") as handle:
            handle.truncate(end)
        buffer = mapped["map"] = np.memmap(tmp, dtype=np.uint8, mode="r+", shape=(end,))
        return (
            buffer[keys_at:offsets_at].view(np.uint32),
            buffer[offsets_at:postings_at].view(np.uint32),
            buffer[postings_at:lengths_at].view(np.uint32),
            buffer[lengths_at:end].view(np.uint16),
        )

    try:
        size = _finish(mapped, make(alloc, lo), lo, hi)
        _sync(tmp)
        os.replace(tmp, folder / name)
        _sync(folder)
    except BaseException:
        mapped.clear()
        tmp.unlink(missing_ok=True)
        raise
    return open_segment(folder / name, lo, hi, size)


def _finish(mapped: dict, index: GramIndex, lo: int, hi: int) -> int:
    """Write the header into the mapped file, flush it and let the mapping go; its size."""
    buffer = mapped.pop("map")
    header = np.array(
        [(index.n, index.keys.size, index.postings.size, lo, hi, index.sentences)], dtype=_HEADER
    )
    buffer[: len(MAGIC)] = np.frombuffer(MAGIC, dtype=np.uint8)
    buffer[len(MAGIC) : _START] = header.view(np.uint8)
    buffer.flush()
    return buffer.size


def copy_into(index: GramIndex):
    """A `make` for write_segment that copies an index built in memory."""

    def make(alloc, lo: int):
        keys, offsets, postings, lengths = alloc(index.keys.size, index.postings.size, 0)
        keys[:], offsets[:], postings[:] = index.keys, index.offsets, index.postings
        lengths[:] = 0
        lengths[index.lo - lo : index.lo - lo + index.lengths.size] = index.lengths
        return GramIndex(index.n, keys, offsets, postings, index.sentences, lo, lengths)

    return make


def merge_into(parts: list[GramIndex]):
    """A `make` for write_segment that merges segments straight into the new file."""
    return lambda alloc, lo: merge(parts, alloc)


def open_segment(path: Path, lo: int, hi: int, size: int | None = None) -> SegmentFile:
    """Map a segment file read-only after checking its magic, header and size."""
    try:
        with open(path, "rb") as handle:
            actual = os.fstat(handle.fileno()).st_size
            if actual < _START:
                raise SegmentFault(f"索引段文件过短（{actual} 字节）")
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            if hasattr(mmap, "MADV_RANDOM"):  # a check reads scattered lists: no read-ahead
                mapped.madvise(mmap.MADV_RANDOM)
    except FileNotFoundError:
        raise SegmentFault("索引段文件缺失") from None
    except OSError as exc:
        raise SegmentFault(f"索引段文件无法读取（{exc.strerror or exc}）") from None
    if mapped[: len(MAGIC)] != MAGIC:
        raise SegmentFault("索引段文件头不正确")
    head = np.frombuffer(mapped, dtype=_HEADER, count=1, offset=len(MAGIC))[0]
    if int(head["hi"]) < int(head["lo"]):
        raise SegmentFault("索引段文件头不正确")
    span = int(head["hi"]) - int(head["lo"])
    nkeys = int(head["keys"])
    keys_at, offsets_at, postings_at, lengths_at, end = _layout(nkeys, int(head["postings"]), span)
    if end != actual or (size is not None and size != actual):
        raise SegmentFault(f"索引段文件大小不符（{actual} 字节，应为 {size or end}）")
    if (int(head["lo"]), int(head["hi"])) != (lo, hi):
        raise SegmentFault("索引段文件与语料库记录的句子范围不符")
    index = GramIndex(
        int(head["n"]),
        np.frombuffer(mapped, np.uint32, nkeys, keys_at),
        np.frombuffer(mapped, np.uint32, nkeys + 1, offsets_at),
        np.frombuffer(mapped, np.uint32, int(head["postings"]), postings_at),
        int(head["sentences"]),
        lo,
        np.frombuffer(mapped, np.uint16, span, lengths_at),
    )
    index.reader = PostingsReader(path, postings_at)
    return SegmentFile(path.name, lo, hi, index, actual)


class PostingsReader:
    """Posting lists read with pread, not through the memory map: a check reads a few thousand
    scattered lists, and a mapped page pulls its neighbours into memory with it (fault-around),
    so mapping would make most of a segment resident. Lists close together are read at once."""

    GAP = 1024  # postings (4 KiB) between two lists below which one read covers both

    def __init__(self, path: Path, offset: int):
        self.path, self.offset = path, offset
        self.file = open(path, "rb", buffering=0)  # noqa: SIM115 — held while the view lives

    def gather(self, start: np.ndarray, count: np.ndarray) -> np.ndarray:
        """The postings of the given (start, count) lists, concatenated in order."""
        wanted = np.flatnonzero(count > 0)
        if wanted.size == 0:
            return np.empty(0, dtype=np.uint32)
        order = wanted[np.argsort(start[wanted], kind="stable")]
        first, ends = start[order], start[order] + count[order]
        reach = np.maximum.accumulate(ends)
        breaks = np.flatnonzero(first[1:] - reach[:-1] > self.GAP) + 1
        lo = first[np.r_[0, breaks]]
        hi = np.maximum.reduceat(ends, np.r_[0, breaks])
        place = np.cumsum(hi - lo) - (hi - lo)  # where each read lands in the buffer
        buffer = np.empty(int((hi - lo).sum()), dtype=np.uint32)
        view = memoryview(buffer).cast("B")
        for a, b, at in zip((4 * lo).tolist(), (4 * hi).tolist(), (4 * place).tolist()):
            self._read(view[at : at + b - a], self.offset + a)
        which = np.repeat(np.arange(lo.size), np.diff(np.r_[0, breaks, order.size]))
        at = np.zeros(start.size, dtype=np.int64)
        at[order] = place[which] + (first - lo[which])
        return buffer[spread(at, count)]

    def _read(self, into: memoryview, offset: int) -> None:
        """Fill `into` from the file at offset, straight into the buffer where possible."""
        if hasattr(os, "preadv"):
            os.preadv(self.file.fileno(), [into], offset)
        else:  # Windows: no positional reads
            self.file.seek(offset)
            self.file.readinto(into)

    def close(self) -> None:
        """Close the file."""
        self.file.close()

    __del__ = close  # a view is dropped, not closed: its files go with it


def _sync(path: Path) -> None:
    """fsync a file or a folder (folders only where the system allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # folders cannot be fsynced on every system; the rename is still atomic
    finally:
        os.close(fd)
