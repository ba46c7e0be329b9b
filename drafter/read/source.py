"""A file read into paragraphs: each keeps its original text (for display and
quoting) beside a normalised form (for analysis), and its position — a 1-based line
for text files, a 1-based paragraph number for .docx. Web residue lines are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core import limits
from ..core.errors import Problem, UserError
from ..core.normalize import normalize
from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "noise_lines": Field(list, True, str),
    "noise_patterns": Field(list, True, str),
    "page_number_patterns": Field(list, True, str),
    "headings": Field(list, True, {"level": Field(int, True), "pattern": Field(str, True)}),
    "runin_max_chars": Field(int, True),
    "heading_max_chars": Field(int, True),
    "inline_enumeration": Field(str, True),
    "item_title_max_chars": Field(int, True),
    "plan_words": Field(list, True, str),
    "report_words": Field(list, True, str),
    "title_words": Field(list, True, str),
    "title_max_chars": Field(int, True),
    "duplicate_min_paragraphs": Field(int, True),
    "not_issue_date": Field(list, True, str),
}


def reader_rules() -> dict:
    """rules/reader.yaml: noise lines, heading patterns and the reader's limits."""
    return load_rules("reader.yaml", _SPEC)


@dataclass
class Para:
    """One paragraph of a file."""

    index: int  # 0-based position among the document's paragraphs
    line: int  # 1-based line (text files) or paragraph number among the body's w:p (.docx)
    text: str  # original, for display and quoting
    norm: str  # normalised, for analysis
    style: str = ""  # .docx paragraph style name
    kind: str = "para"  # para | table | noise


@dataclass
class SourceDocument:
    """A file as paragraphs, with its format and the encoding it was read in."""

    file: str
    format: str  # docx | txt | md
    encoding: str
    paragraphs: list[Para] = field(default_factory=list)
    chars: int = 0
    bounds: tuple = field(
        default_factory=lambda: (
            limits.value("document_paragraphs"),
            limits.value("document_chars"),
        ),
        repr=False,
    )

    def content(self) -> list[Para]:
        """Paragraphs that are not web residue."""
        return [p for p in self.paragraphs if p.kind != "noise"]

    def append(self, position: int, text: str, style: str = "", kind: str = "para") -> None:
        """Add a paragraph; a web-residue line is kept but marked as noise."""
        self._count(text, position)
        norm = normalize(text)
        if kind == "para" and is_noise(norm):
            kind = "noise"
        self.paragraphs.append(Para(len(self.paragraphs), position, text, norm, style, kind))

    def _count(self, text: str, position: int) -> None:
        """Stop reading at the paragraph or character limit, before any analysis starts."""
        self.chars += len(text)
        most_paragraphs, most_chars = self.bounds
        where = f"段落{position}" if self.format == "docx" else str(position)
        if len(self.paragraphs) >= most_paragraphs:
            raise limits.exceeded("document_paragraphs", f"{self.file}:{where}")
        if self.chars > most_chars:
            raise limits.exceeded("document_chars", f"{self.file}:{where}")


def read_bytes(path: Path) -> bytes:
    """A report file's bytes, or a UserError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError([file_problem(path, exc)]) from None


def file_problem(path: Path, exc: OSError) -> Problem:
    """Why a report file cannot be read, in Chinese."""
    if isinstance(exc, FileNotFoundError):
        return Problem("找不到文件", str(path), hint="请检查路径是否正确")
    if isinstance(exc, IsADirectoryError):
        return Problem("这是一个目录，不是文件", str(path))
    if isinstance(exc, PermissionError):
        return Problem("没有读取这个文件的权限", str(path))
    return Problem(f"无法读取文件：{exc.strerror or exc}", str(path))


def is_noise(norm: str) -> bool:
    """Whether a normalised line is web-page residue (返回上一级, 字号, 浏览次数 …)."""
    rules = reader_rules()
    compact = norm.replace(" ", "")
    return compact in rules["noise_lines"] or any(re.search(p, compact) for p in _noise_patterns())


@lru_cache(maxsize=1)
def _noise_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in reader_rules()["noise_patterns"])
