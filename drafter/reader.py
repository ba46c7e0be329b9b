"""Read any report — .docx, .txt, .md in UTF-8/GB18030/Big5 — into paragraphs.

Each paragraph keeps its original text (for display and quoting) beside a
normalised form (for analysis), and its position: a 1-based line for text
files, a 1-based paragraph number for .docx.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import Problem, UserError
from .normalize import normalize
from .rules import load_rules
from .spec import Field

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_SPEC = {
    "source": Field(str, True), "noise_lines": Field(list, True, str), "noise_patterns": Field(list, True, str),
    "headings": Field(list, True, {"level": Field(int, True), "pattern": Field(str, True)}),
    "runin_max_chars": Field(int, True), "heading_max_chars": Field(int, True),
    "inline_enumeration": Field(str, True), "plan_words": Field(list, True, str),
    "report_words": Field(list, True, str), "title_words": Field(list, True, str),
    "title_max_chars": Field(int, True), "duplicate_min_paragraphs": Field(int, True),
    "docx_max_uncompressed_mb": Field(int, True),
}


def reader_rules() -> dict:
    return load_rules("reader.yaml", _SPEC)


@dataclass
class Para:
    index: int  # 0-based position among the document's paragraphs
    line: int  # 1-based line (text files) or paragraph number among the body's w:p (.docx)
    text: str  # original, for display and quoting
    norm: str  # normalised, for analysis
    style: str = ""  # .docx paragraph style name
    kind: str = "para"  # para | table | noise


@dataclass
class SourceDocument:
    file: str
    format: str  # docx | txt | md
    encoding: str
    paragraphs: list[Para] = field(default_factory=list)

    def content(self) -> list[Para]:
        return [p for p in self.paragraphs if p.kind != "noise"]


def read_document(path: Path | str) -> SourceDocument:
    path = Path(path)
    raw = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _from_docx(path)
    if suffix == ".doc":
        raise UserError([Problem("不支持旧版 Word（.doc）文件", str(path), hint="请在 Word 中另存为 .docx 后再试")])
    if suffix not in TEXT_SUFFIXES:
        raise UserError([Problem(f"不支持的文件类型“{suffix or '无扩展名'}”", str(path),
                                 hint="可读取 .docx、.txt、.md")])
    text, encoding = decode_text(raw, str(path))
    fmt = "md" if suffix in (".md", ".markdown") else "txt"
    return _from_lines(str(path), fmt, encoding, text.split("\n"))


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError([Problem("找不到文件", str(path), hint="请检查路径是否正确")]) from None
    except IsADirectoryError:
        raise UserError([Problem("这是一个目录，不是文件", str(path))]) from None
    except OSError as exc:
        raise UserError([Problem(f"无法读取文件：{exc.strerror}", str(path))]) from None
    if not raw.strip():
        raise UserError([Problem("文件是空的", str(path), hint="请确认选对了文件")])
    return raw


# ── text encodings ─────────────────────────────────────────────────────────

def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), GB18030/GBK or Big5 — detected, never asked for."""
    if b"\x00" in raw[:4096]:
        raise UserError([Problem("这不是文本文件（含二进制内容）", name,
                                 hint="Word 文件请用 .docx 扩展名；文本请另存为 UTF-8 的 .txt")])
    if raw.startswith(b"\xef\xbb\xbf"):
        return _clean(raw[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    try:
        return _clean(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(raw.decode(encoding)), encoding))
        except UnicodeDecodeError:
            continue
    if not candidates or max(candidates)[0] < 0.5:
        raise UserError([Problem("无法识别文件编码（不是 UTF-8、GB18030/GBK 或 Big5 文本）", name,
                                 hint="请用编辑器另存为 UTF-8 编码后再试")])
    best = max(candidates)[1]
    return _clean(raw.decode(best)), best


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The 3,500 most frequent characters in jieba's dictionary, plus their traditional forms."""
    import jieba  # its dictionary ships with the package: offline

    weights: dict[str, int] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, freq = line.split(" ")[:2]
            for ch in word:
                weights[ch] = weights.get(ch, 0) + int(freq)
    common = sorted(weights, key=weights.get, reverse=True)[:3500]
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert("".join(common))
    return frozenset(common) | frozenset(traditional)


def _plausibility(text: str) -> float:
    """Share of CJK characters that are common ones: high for the right decoding."""
    cjk = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    common = _common_chars()
    return sum(ch in common for ch in cjk) / len(cjk)


# ── paragraphs ─────────────────────────────────────────────────────────────

_MD_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s*)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _from_lines(file: str, fmt: str, encoding: str, lines: list[str]) -> SourceDocument:
    doc = SourceDocument(file, fmt, encoding)
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if fmt == "md":
            text = _MD_EMPHASIS.sub(r"\2", _MD_MARKUP.sub("", text)).strip()
            if text.startswith("<p") and text.endswith("</p>"):
                text = re.sub(r"<[^>]+>", "", text).strip()
        if text:
            _append(doc, number, text)
    return doc


def _append(doc: SourceDocument, position: int, text: str, style: str = "", kind: str = "para") -> None:
    norm = normalize(text)
    if kind == "para" and is_noise(norm):
        kind = "noise"
    doc.paragraphs.append(Para(len(doc.paragraphs), position, text, norm, style, kind))


def is_noise(norm: str) -> bool:
    rules = reader_rules()
    compact = norm.replace(" ", "")
    return compact in rules["noise_lines"] or any(re.search(p, compact) for p in _noise_patterns())


@lru_cache(maxsize=1)
def _noise_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in reader_rules()["noise_patterns"])


# ── .docx ──────────────────────────────────────────────────────────────────

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _from_docx(path: Path) -> SourceDocument:
    _check_docx_container(path)
    from docx import Document as open_docx

    try:
        docx = open_docx(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise UserError([Problem(f"无法打开 Word 文件：{type(exc).__name__}", str(path),
                                 hint="文件可能已损坏；请在 Word 中打开后另存为 .docx 再试")]) from None
    doc = SourceDocument(str(path), "docx", "docx")
    styles = {s.style_id: s.name for s in docx.styles}
    number = 0
    for element in docx.element.body.iterchildren():
        if element.tag == f"{_W}p":
            number += 1
            text = paragraph_text(element)
            if text.strip():
                _append(doc, number, text.strip(), _style_name(element, styles))
        elif element.tag == f"{_W}tbl":
            for row_text in _table_rows(element):
                _append(doc, number, row_text, "表格", "table")  # anchored to the paragraph before
    return doc


def paragraph_text(p_element) -> str:
    """Visible text with tracked insertions kept and deletions (w:del, w:moveFrom) dropped."""
    parts = []
    for node in p_element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if any(a.tag in (f"{_W}del", f"{_W}moveFrom") for a in node.iterancestors()):
            continue
        parts.append(node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n"))
    return "".join(parts)


def _style_name(p_element, styles: dict) -> str:
    node = p_element.find(f"{_W}pPr/{_W}pStyle")
    return styles.get(node.get(f"{_W}val"), "") if node is not None else ""


def _table_rows(tbl_element) -> list[str]:
    rows = []
    for tr in tbl_element.iter(f"{_W}tr"):
        cells = [" ".join(paragraph_text(p).strip() for p in tc.iter(f"{_W}p")).strip()
                 for tc in tr.iter(f"{_W}tc")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _check_docx_container(path: Path) -> None:
    """Refuse a damaged package or a zip bomb before python-docx inflates it."""
    limit = reader_rules()["docx_max_uncompressed_mb"] * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError):
        raise UserError([Problem("不是有效的 .docx 文件（压缩包已损坏）", str(path),
                                 hint="请在 Word 中打开后另存为 .docx；旧版 .doc 需先转换")]) from None
    if "word/document.xml" not in names:
        raise UserError([Problem("这个压缩包里没有 Word 正文（word/document.xml）", str(path))])
    if sum(i.file_size for i in infos) > limit:
        raise UserError([Problem(f"解压后超过 {limit // 1024 // 1024} MB，拒绝读取（疑似压缩炸弹）", str(path),
                                 hint="如确为正常文件，请删去其中的大图片后再试")])
