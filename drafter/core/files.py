"""Outputs are written atomically and never replace a user's file unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import OutputExists, Problem, UserError


def check_writable(path: Path, force: bool) -> None:
    """Refuse, before any work, an output that exists (without force) or cannot be written."""
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
    if path.is_dir():
        raise UserError(
            [Problem("输出路径是一个目录", str(path), hint="请给出文件名，如 报告.docx")]
        )
    if not path.parent.exists():
        raise UserError([Problem("输出目录不存在", str(path.parent), hint="请先创建该目录")])


def atomic_write(path: Path, write: Callable[[Path], None], force: bool = False) -> None:
    """Write via a temporary file in the same directory, then rename over the target."""
    path = Path(path)
    check_writable(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; colleagues on a share must read it
        os.replace(tmp, path)
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


def atomic_write_text(path: Path, text: str, force: bool = False) -> None:
    """Write UTF-8 text atomically."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force)
