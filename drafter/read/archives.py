"""A .zip of reports is a folder: its members with a readable suffix are unpacked, counted,
into a folder of drafter's, and read through the same registry as any file.

Nothing trusts what the zip declares: the member count is read from the end record before
zipfile lists the members (read.docx_package), every member is inflated in chunks and the
bytes produced are counted against zip_uncompressed_mb, member names never become paths as
written (no `..`, no absolute paths: each member is stored under its own number), and a zip
inside the zip is not opened. Names a Chinese Windows zip stores in GBK are read as such.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from ..core import limits
from ..core.errors import Problem, UserError
from .docx_package import ZIP_ERRORS, count_members

_MARK = ".drafter-zip"  # in each unpacked folder: the zip it came from, for display
_CHUNK = 1 << 20
_UTF8_FLAG = 0x800


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it: GBK when the UTF-8 flag is not set (Windows
    zips made in China), else as zipfile read it."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def unpack_reports(path: Path, suffixes, into: Path | None = None) -> list[Path]:
    """The members of a zip whose suffix is readable, unpacked under into (default: a folder
    removed when the program ends), in the zip's order; named …/<number>/<member's name>."""
    limits.check_size(path, "zip_file_mb")
    if count_members(path, "zip_members") is None:
        raise UserError([Problem("不是有效的 .zip 压缩包（找不到目录记录）", str(path))])
    folder = Path(tempfile.mkdtemp(prefix="drafter-zip-", dir=into))
    if into is None:
        atexit.register(shutil.rmtree, folder, True)
    (folder / _MARK).write_text(str(path), encoding="utf-8")
    try:
        with zipfile.ZipFile(path) as archive:
            return _unpack(path, archive, folder, suffixes)
    except UserError:
        raise
    except ZIP_ERRORS:
        raise UserError(
            [
                Problem(
                    "不是有效的 .zip 压缩包（已损坏或不完整）", str(path), hint="请重新打包后再试"
                )
            ]
        ) from None


def _unpack(path: Path, archive: zipfile.ZipFile, folder: Path, suffixes) -> list[Path]:
    budget = limits.value("zip_uncompressed_mb") * 1024 * 1024
    inflated, out = 0, []
    for number, info in enumerate(archive.infolist(), 1):
        name = PurePosixPath(member_name(info).replace("\\", "/")).name
        if info.is_dir() or name.startswith(".") or Path(name).suffix.lower() not in suffixes:
            continue
        target = folder / str(number) / name
        target.parent.mkdir()
        with archive.open(info) as member, open(target, "wb") as handle:
            while chunk := member.read(_CHUNK):
                inflated += len(chunk)
                if inflated > budget:
                    raise limits.exceeded(
                        "zip_uncompressed_mb", str(path), found="解压途中即已超过，疑似压缩炸弹"
                    )
                handle.write(chunk)
        out.append(target)
    return out


def shown_name(path: Path | str) -> str:
    """How to name a file to people: a member of a zip as 报送.zip/杨浦区.docx, anything else
    as it is."""
    path = Path(path)
    for parent in list(path.parents)[:3]:
        mark = parent / _MARK
        if mark.is_file():
            return f"{mark.read_text(encoding='utf-8')}/{path.name}"
    return str(path)
