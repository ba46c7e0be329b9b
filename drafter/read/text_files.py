"""Plain-text and Markdown reports in UTF-8 (with or without BOM), GB18030/GBK or Big5."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..core.errors import Problem, UserError
from .source import SourceDocument, read_bytes

_MD_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s*)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def read_text_file(path: Path, fmt: str) -> SourceDocument:
    """A text (fmt "txt") or Markdown (fmt "md") file as paragraphs, one per non-empty line."""
    raw = read_bytes(path)
    if not raw.strip():
        raise UserError([Problem("文件是空的", str(path), hint="请确认选对了文件")])
    text, encoding = decode_text(raw, str(path))
    doc = SourceDocument(str(path), fmt, encoding)
    for number, line in enumerate(text.split("\n"), 1):
        line = _strip_markdown(line.strip()) if fmt == "md" else line.strip()
        if line:
            doc.append(number, line)
    return doc


def _strip_markdown(text: str) -> str:
    text = _MD_EMPHASIS.sub(r"\2", _MD_MARKUP.sub("", text)).strip()
    if text.startswith("<p") and text.endswith("</p>"):
        text = re.sub(r"<[^>]+>", "", text).strip()
    return text


def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), GB18030/GBK or Big5 — detected, never asked for."""
    if b"\x00" in raw[:4096]:
        raise UserError(
            [
                Problem(
                    "这不是文本文件（含二进制内容）",
                    name,
                    hint="Word 文件请用 .docx 扩展名；文本请另存为 UTF-8 的 .txt",
                )
            ]
        )
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
        raise UserError(
            [
                Problem(
                    "无法识别文件编码（不是 UTF-8、GB18030/GBK 或 Big5 文本）",
                    name,
                    hint="请用编辑器另存为 UTF-8 编码后再试",
                )
            ]
        )
    best = max(candidates)[1]
    return _clean(raw.decode(best)), best


_LINE_ENDS = re.compile("\r\n?|[\x0b\x0c]")  # \x0c: page break (pdftotext), \x0b: Word line break
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """One kind of line end; other control characters (debris of copying) go."""
    return _CONTROLS.sub("", _LINE_ENDS.sub("\n", text))


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
