"""The .docx container: a zip whose members are inflated in chunks and counted as they come.

The sizes a zip declares can lie (a "zip bomb" says 1 KB and inflates to 2 GB), so
nothing here trusts them: the member count is read from the end-of-directory record
before zipfile lists the members, every member is inflated in 1 MB chunks and the
bytes actually produced are counted against docx_uncompressed_mb, and the parts the
reader needs are handed on as a stream of chunks, never as one inflated string.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..core import limits
from ..core.errors import Problem, UserError

MAIN_PART, STYLES_PART = "word/document.xml", "word/styles.xml"
_CHUNK = 1 << 20
_END_RECORD = b"PK\x05\x06"
_DAMAGED_HINT = "请在 Word 中打开后另存为 .docx；旧版 .doc 需先转换"
# What a damaged or hostile package makes zipfile and zlib raise (a name that is not UTF-8
# under the UTF-8 flag: UnicodeDecodeError, a ValueError; a short header: struct.error).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)


class Package:
    """An open .docx whose members have all been inflated once and counted."""

    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path, self.archive = path, archive
        self.names = {info.filename for info in archive.infolist()}

    def count_all(self) -> None:
        """Inflate every member, counting the bytes produced; refuse past the limit."""
        budget, inflated = limits.value("docx_uncompressed_mb") * 1024 * 1024, 0
        for info in self.archive.infolist():
            for chunk in self._chunks(info):
                inflated += len(chunk)
                if inflated > budget:
                    raise limits.exceeded(
                        "docx_uncompressed_mb",
                        str(self.path),
                        found="解压途中即已超过，疑似压缩炸弹",
                    )

    def stream(self, name: str) -> Iterator[bytes]:
        """A member's inflated bytes, chunk by chunk (nothing if it is absent)."""
        if name in self.names:
            yield from self._chunks(self.archive.getinfo(name))

    def _chunks(self, info) -> Iterator[bytes]:
        with self.archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                yield chunk


@contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """The counted package; any damage becomes a UserError naming the file."""
    _check_member_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            package = Package(path, archive)
            if MAIN_PART not in package.names:
                raise UserError(
                    [Problem("这个压缩包里没有 Word 正文（word/document.xml）", str(path))]
                )
            package.count_all()
            yield package
    except UserError:  # a limit, a missing part: already said
        raise
    except ZIP_ERRORS:
        raise damaged(path) from None


def _check_member_count(path: Path) -> None:
    """Refuse a package with more members than docx_members, before zipfile lists them."""
    if count_members(path, "docx_members") is None:
        raise damaged(path)


def count_members(path: Path, limit: str) -> int | None:
    """The member count a zip's end record gives (None when there is no record), refused past
    the named limit: read before zipfile lists the members (a zip64 count is 0xFFFF)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 65557))  # the record sits within the last 64 KB + 22
            tail = handle.read()
    except OSError as exc:
        raise UserError([Problem(f"无法读取文件：{exc.strerror}", str(path))]) from None
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) < at + 22:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if entries > limits.value(limit):
        raise limits.exceeded(limit, str(path), found=f"此文件有 {entries:,} 个")
    return entries


def damaged(path: Path, detail: str = "压缩包已损坏") -> UserError:
    """The error for a .docx that cannot be opened."""
    return UserError([Problem(f"不是有效的 .docx 文件（{detail}）", str(path), hint=_DAMAGED_HINT)])
