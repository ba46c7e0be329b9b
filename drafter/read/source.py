"""A file read into paragraphs: each keeps its original text (for display and
quoting) beside a normalised form (for analysis), and its position — a 1-based line
for text files, a 1-based paragraph number for .docx. Web residue lines are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.normalize import normalize
from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "noise_lines": Field(list, True, str),
    "noise_patterns": Field(list, True, str),
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
    "docx_max_uncompressed_mb": Field(int, True),
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

    def content(self) -> list[Para]:
        """Paragraphs that are not web residue."""
        return [p for p in self.paragraphs if p.kind != "noise"]

    def append(self, position: int, text: str, style: str = "", kind: str = "para") -> None:
        """Add a paragraph; a web-residue line is kept but marked as noise."""
        norm = normalize(text)
        if kind == "para" and is_noise(norm):
            kind = "noise"
        self.paragraphs.append(Para(len(self.paragraphs), position, text, norm, style, kind))


def is_noise(norm: str) -> bool:
    """Whether a normalised line is web-page residue (返回上一级, 字号, 浏览次数 …)."""
    rules = reader_rules()
    compact = norm.replace(" ", "")
    return compact in rules["noise_lines"] or any(re.search(p, compact) for p in _noise_patterns())


@lru_cache(maxsize=1)
def _noise_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in reader_rules()["noise_patterns"])
