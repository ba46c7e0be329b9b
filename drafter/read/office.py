"""LibreOffice as a converter: .doc/.wps/.odt to .docx for reading, .docx to PDF for output.

One function runs `soffice --headless --convert-to` in a folder of the caller's, with
a profile of its own there (a LibreOffice window the user has open would otherwise
swallow the request and nothing would be written).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..core.errors import Problem, UserError
from .source import SourceDocument

PACKAGE = "libreoffice-writer-nogui"
INSTALL_HINT = (
    f"请安装 LibreOffice：Debian/Ubuntu 上 sudo apt-get install {PACKAGE}；"
    "Windows/macOS 从 libreoffice.org 安装后把 soffice 加入 PATH"
)
CONVERTED = {".doc": "doc", ".wps": "wps", ".odt": "odt"}  # read through conversion to .docx
TIMEOUT_S = 240
_DAMAGED = "文件可能已损坏或受密码保护；请在 Word/WPS 中打开后另存为 .docx 再试"


def soffice() -> str:
    """The LibreOffice program, or a Chinese error naming the package to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UserError([Problem("需要 LibreOffice（soffice）但本机没有安装", hint=INSTALL_HINT)])
    return found


def convert(source: Path, target: str, workdir: Path, env: dict[str, str] | None = None) -> Path:
    """Convert source with LibreOffice into workdir; target is an extension (docx, pdf).

    env adds variables for LibreOffice (FONTCONFIG_FILE for font substitution).
    """
    program = soffice()
    profile = (workdir / "lo-profile").resolve().as_uri()
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", target, "--outdir", str(workdir), str(source)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT_S,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise UserError(
            [Problem(f"LibreOffice 转换超过 {TIMEOUT_S} 秒仍未完成", str(source))]
        ) from None
    out = workdir / f"{source.stem}.{target}"
    if done.returncode != 0 or not out.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        reason = f"：{detail[0]}" if detail else ""
        raise UserError(
            [Problem(f"LibreOffice 未能把文件转换为 .{target}{reason}", str(source), hint=_DAMAGED)]
        )
    return out


def to_docx(source: Path, workdir: Path) -> Path:
    """A .docx copy of a .doc/.wps/.odt file, made in workdir (the source is not touched)."""
    # Convert a copy with a plain name: the output name follows the input's stem.
    copy = workdir / f"source{source.suffix.lower()}"
    shutil.copyfile(source, copy)
    return convert(copy, "docx", workdir)


# What a .doc/.wps/.odt really holds: Word 97–2003/WPS (OLE2), a zip (.odt, or a .docx
# misnamed), RTF or HTML (web pages saved as .doc). Anything else LibreOffice would
# import as plain text, garbage included.
_SIGNATURES = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"{\\rtf")
_HTML_STARTS = (b"<html", b"<!doctype", b"<?xml", b"<head", b"<meta")


def check_convertible(path: Path, raw: bytes) -> None:
    """Refuse a .doc/.wps/.odt that is none of the formats such files really are."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if raw.startswith(_SIGNATURES) or head.startswith(_HTML_STARTS):
        return
    raise UserError(
        [
            Problem(
                f"不是有效的 {path.suffix.lower()} 文件（文件头无法识别）", str(path), hint=_DAMAGED
            )
        ]
    )


def read_converted_file(path: Path, fmt: str, converted: Path | None = None) -> SourceDocument:
    """A .doc/.wps/.odt report as paragraphs, read from its LibreOffice .docx conversion
    (converted: one made already, by convert_many)."""
    import tempfile

    from .docx_files import read_docx_file
    from .source import read_bytes

    if converted is not None:
        from ..core.limits import check_size

        check_size(path, "docx_file_mb")  # as read_document does before a byte is read
        document = read_docx_file(converted, fmt)
    else:
        check_convertible(path, read_bytes(path))
        with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
            document = read_docx_file(to_docx(path, Path(tmp)), fmt)
    document.file = str(path)
    return document


def convert_many(sources: list[Path], workdir: Path) -> dict[Path, Path]:
    """.docx copies of many .doc/.wps/.odt files by one LibreOffice run (starting LibreOffice
    costs more than converting a report); {source: its .docx} for those converted. A file
    that is not one of these formats, or that LibreOffice cannot convert, is left out: reading
    it on its own gives its error."""
    from .source import read_bytes

    inbox = workdir / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    copies: dict[Path, Path] = {}
    for number, source in enumerate(sources):
        try:
            check_convertible(source, read_bytes(source)[:512])
        except UserError:
            continue
        copies[source] = inbox / f"{number}{source.suffix.lower()}"
        shutil.copyfile(source, copies[source])
    if not copies:
        return {}
    profile = (workdir / "lo-profile").resolve().as_uri()
    command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    command += ["--convert-to", "docx", "--outdir", str(workdir)] + [
        str(c) for c in copies.values()
    ]
    try:
        subprocess.run(
            command,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT_S + 20 * len(copies),
        )
    except subprocess.TimeoutExpired:
        pass  # what was converted is used; the rest is read one by one
    found = {source: workdir / f"{copy.stem}.docx" for source, copy in copies.items()}
    return {source: out for source, out in found.items() if out.is_file()}
