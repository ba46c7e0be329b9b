"""Outputs are written atomically and never replace a user's file unasked.

No output replaces one of the same command's inputs, even with --force; every way
a write can fail (read-only folder, a file where a folder should be, a name too
long, a full disk) is a UserError naming the file, and the temporary file is gone.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import OutputExists, Problem, UserError

# The temporary file's name does not grow with the target's: a name near the 255-byte
# limit must still get a temporary sibling.
_TMP_PREFIX, _TMP_SUFFIX = ".drafter-", ".tmp"


def check_writable(path: Path, force: bool, inputs: Iterable[Path | str] = ()) -> None:
    """Refuse, before any work, an output that is a folder or an input of the same
    command, that exists (without force), or that cannot be written."""
    path = Path(path)
    if len(os.fsencode(path.name)) > _name_max(path.parent):
        raise write_error(path, OSError(errno.ENAMETOOLONG, "File name too long"))
    if _is_dir(path):
        raise UserError(
            [Problem("输出路径是一个目录", str(path), hint="请给出文件名，如 报告.docx")]
        )
    for source in inputs:
        if same_file(path, Path(source)):
            raise UserError(
                [
                    Problem(
                        "输出文件就是本命令读取的输入文件，不能覆盖（加 --force 也不行）",
                        str(path),
                        hint="请换一个输出文件名",
                    )
                ]
            )
    if path.exists() and not force:
        raise OutputExists(
            [
                Problem(
                    "输出文件已存在，为避免覆盖已停止",
                    str(path),
                    hint="换一个文件名，或加 --force 覆盖",
                )
            ]
        )
    _check_folder(path)


def _check_folder(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        raise UserError([Problem("输出目录不存在", str(parent), hint="请先创建该目录")])
    if not parent.is_dir():
        raise UserError([Problem("输出路径的上级不是目录，而是一个文件", str(parent))])
    if not os.access(parent, os.W_OK):
        raise write_error(path, PermissionError(errno.EACCES, "Permission denied"))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same existing file (links and hard links included)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


_REASONS = {
    errno.EACCES: ("没有写入权限（文件夹只读？）", "请换一个可以写入的文件夹"),
    errno.EPERM: ("没有写入权限（文件夹只读？）", "请换一个可以写入的文件夹"),
    errno.EROFS: ("所在的磁盘是只读的", "请换一个可以写入的文件夹"),
    errno.ENOTDIR: ("输出路径的上级不是目录，而是一个文件", "请检查输出路径"),
    errno.ENAMETOOLONG: ("文件名太长（超过 255 字节，一个汉字占 3 字节）", "请缩短文件名"),
    errno.ENOSPC: ("磁盘空间不足", "请清理磁盘后重试"),
    errno.EISDIR: ("输出路径是一个目录", "请给出文件名，如 报告.docx"),
}


def write_error(path: Path, exc: OSError) -> UserError:
    """The UserError for an output that could not be written."""
    message, hint = _REASONS.get(exc.errno, (f"无法写入：{exc.strerror or exc}", ""))
    return UserError([Problem(f"无法写入输出文件：{message}", str(path), hint=hint)])


def atomic_write(
    path: Path,
    write: Callable[[Path], None],
    force: bool = False,
    inputs: Iterable[Path | str] = (),
) -> None:
    """Write via a temporary file in the same directory, then rename over the target."""
    path = Path(path)
    check_writable(path, force, inputs)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; colleagues on a share must read it
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise write_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or what a plain open() would give under the current umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(
    path: Path, text: str, force: bool = False, inputs: Iterable[Path | str] = ()
) -> None:
    """Write UTF-8 text atomically."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force, inputs)
