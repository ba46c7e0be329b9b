"""The one registry of report file formats drafter reads: suffix -> reader.

Adding an input format means adding a row here (and its reader module); every
command that takes report files — check, outline, import, corpus add, crosscheck —
goes through read_document and collect_report_files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.errors import Problem, UserError
from ..core.limits import check_size
from .archives import unpack_reports
from .docx_files import read_docx_file
from .office import read_converted_file
from .pdf_files import read_pdf_file
from .source import SourceDocument, file_problem
from .text_files import read_text_file


@dataclass(frozen=True)
class Format:
    """A readable file format: its name in the model, its reader and its size limit."""

    name: str  # docx | txt | md | doc | wps | odt | pdf
    read: Callable[[Path, str], SourceDocument]
    size_limit: str  # the rules/limits.yaml limit on the file's size, checked before reading


FORMATS: dict[str, Format] = {
    ".docx": Format("docx", read_docx_file, "docx_file_mb"),
    ".txt": Format("txt", read_text_file, "text_file_mb"),
    ".text": Format("txt", read_text_file, "text_file_mb"),
    ".md": Format("md", read_text_file, "text_file_mb"),
    ".markdown": Format("md", read_text_file, "text_file_mb"),
    # read through LibreOffice's conversion to .docx (a clear error names the package if absent)
    ".doc": Format("doc", read_converted_file, "docx_file_mb"),
    ".wps": Format("wps", read_converted_file, "docx_file_mb"),
    ".odt": Format("odt", read_converted_file, "docx_file_mb"),
    # the text layer, lines joined into paragraphs; a scan without text is refused as such
    ".pdf": Format("pdf", read_pdf_file, "pdf_file_mb"),
}
# Formats people will try, with what to do instead.
REFUSED: dict[str, tuple[str, str]] = {
    ".zip": (
        "压缩包里可能有多份报告，这里一次只读一份",
        "请用 drafter review 报送.zip 逐份检查（crosscheck、corpus add 也直接读 .zip），或先解压",
    )
}


def suffixes() -> str:
    """The readable suffixes, for messages: .docx、.txt、.md …"""
    return "、".join(FORMATS)


def read_document(path: Path | str) -> SourceDocument:
    """Read a report file of any registered format into paragraphs."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        message, hint = REFUSED[suffix]
        raise UserError([Problem(message, str(path), hint=hint)])
    if suffix not in FORMATS:
        raise UserError(
            [
                Problem(
                    f"不支持的文件类型“{suffix or '无扩展名'}”",
                    str(path),
                    hint=f"可读取 {suffixes()}",
                )
            ]
        )
    fmt = FORMATS[suffix]
    check_size(path, fmt.size_limit)  # before a byte is read
    return fmt.read(path, fmt.name)


def _check_file(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise UserError([file_problem(path, exc)]) from None
    if path.is_dir():
        raise UserError([Problem("这是一个目录，不是文件", str(path))])
    if info.st_size == 0:
        raise UserError([Problem("文件是空的", str(path), hint="请确认选对了文件")])


def collect_report_files(paths: list[Path], unpack_into: Path | None = None) -> list[Path]:
    """Files given, and every readable report under folders given (sorted), for batch commands.

    A .zip is a folder too: its readable members are unpacked (read.archives) under
    unpack_into, by default a folder removed when the program ends."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _collected(p))
        elif path.exists():
            found = [path]
        else:
            raise UserError(f"找不到：{path}")
        for item in found:
            zipped = item.suffix.lower() == ".zip"
            files += unpack_reports(item, FORMATS, unpack_into) if zipped else [item]
    if not files:
        raise UserError(f"没有找到可读取的报告文件（{suffixes()}，或其 .zip 压缩包）")
    return files


def _collected(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (
        (suffix in FORMATS or suffix == ".zip")
        and not path.name.startswith("~$")
        and path.is_file()
    )
