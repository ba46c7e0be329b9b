"""Uploaded files onto the disk under names the server makes: a number, the letters and
CJK characters of the name the browser sent (nothing else), and an allowed suffix. A name
that tries to climb out of its folder is refused, never cleaned up and used."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..core import limits
from .security import too_large_text

REPORTS = (".docx", ".doc", ".wps", ".odt", ".pdf", ".txt", ".md")
YEAR_DATA = (".yaml", ".yml")
ARCHIVES = (".zip",)
# characters kept from a browser's file name: letters, digits, CJK, a few marks
_UNSAFE = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff_\-（）()·]")
_CHUNK = 1024 * 1024


def checked_name(raw: str, allowed: tuple[str, ...]) -> tuple[str, str]:
    """(stem kept, suffix) of a browser's file name; 400 for a path, a hidden name, control
    characters or a suffix the page does not take."""
    if not raw or any(c in raw for c in "/\\:") or ".." in raw or raw.startswith("."):
        raise HTTPException(400, f"文件名“{raw}”含有路径或“..”，已拒绝；请上传文件本身。")
    if any(ord(c) < 32 or c == "\x7f" for c in raw):
        raise HTTPException(400, "文件名含有控制字符，已拒绝；请改名后上传。")
    suffix = PurePosixPath(raw).suffix.lower()
    if suffix not in allowed:
        raise HTTPException(400, f"不支持“{raw}”的文件类型；本页接受：{'、'.join(allowed)}")
    stem = _UNSAFE.sub("", raw[: -len(suffix)])[:60] or "文件"
    return stem, suffix


def uploads_of(form, name: str) -> list[UploadFile]:
    """The files posted under a field name (empty file inputs skipped)."""
    return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]


async def save_uploads(
    files: list[UploadFile], folder: Path, allowed: tuple[str, ...]
) -> list[tuple[Path, str]]:
    """Write each upload into folder under a server-made name; (path, name the user gave)."""
    if not files:
        raise HTTPException(400, "没有收到文件：请先选择要上传的文件。")
    if len(files) > limits.value("upload_files"):
        raise HTTPException(413, too_large_text("upload_files", f"此次 {len(files)} 个"))
    checked = [checked_name(f.filename or "", allowed) for f in files]
    saved = []
    for number, (upload, (stem, suffix)) in enumerate(zip(files, checked), 1):
        target = folder / f"{number:03d}-{stem}{suffix}"
        await _copy(upload, target)
        saved.append((target, f"{stem}{suffix}"))
    return saved


async def _copy(upload: UploadFile, target: Path) -> None:
    cap = limits.value("upload_file_mb") * 1024 * 1024
    written = 0
    with open(target, "xb") as out:
        while chunk := await upload.read(_CHUNK):
            written += len(chunk)
            if written > cap:
                out.close()
                target.unlink()
                raise HTTPException(413, too_large_text("upload_file_mb", upload.filename or ""))
            out.write(chunk)
