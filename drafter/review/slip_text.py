"""What the 查重报告单 says, before it is laid out: its figures (the same numbers `check
--format json` gives), the part and section tables, the numbered sources, and each passage
of the report cut into runs — plain, copied (self / cross, with its source's number), stock,
or a changed figure (with the figure it replaced)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.report import Report
from ..reuse.analysis import ReuseReport

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
KIND_NAMES = {"self": "本单位往年", "cross": "其他单位", "stock": "套话（不计入复制比）"}


def figures(reuse: ReuseReport) -> dict:
    """总文字复制比 (stock phrases counted), 去除套话复制比 (the check's share) and 单篇最大复制比
    (the largest share one source has), rounded as in `check --format json`."""
    total = reuse.total_chars
    return {
        "total_share": round((reuse.reused_chars + reuse.stock_chars) / total, 4) if total else 0.0,
        "share": round(reuse.share, 4),
        "largest_share": reuse.sources[0]["share"] if reuse.sources else 0.0,
    }


def source_numbers(reuse: ReuseReport) -> dict[tuple, int]:
    """(report id, file) -> the source's number in the list (1 = most characters)."""
    return {(s["id"], s["file"]): i for i, s in enumerate(_keyed(reuse), 1)}


def _keyed(reuse: ReuseReport) -> list[dict]:
    totals: dict[tuple, dict] = {}
    for p in reuse.paragraphs:
        entry = totals.setdefault((p.source.id, p.source.file), {"id": p.source.id})
        entry |= {"file": p.source.file, "chars": entry.get("chars", 0) + p.reused_chars}
    return sorted(totals.values(), key=lambda e: -e["chars"])


def part_rows(report: Report, reuse: ReuseReport, key: str) -> list[tuple[str, int, float]]:
    """(title, characters, 复制比) of each part (key "part") or section (key "section")."""
    titles = {s.id: s.title for s in report.schema.sections} | {"preamble": "导语"}
    shares = reuse.by_part if key == "part" else reuse.by_section
    sizes: dict[str, int] = {}
    for passage in report.passages:
        if not passage.is_heading:
            name = getattr(passage, key) or "preamble"
            sizes[name] = sizes.get(name, 0) + len(passage.norm)
    return [(titles.get(k, k), sizes.get(k, 0), v) for k, v in shares.items()]


@dataclass
class Run:
    """A piece of a passage: its text and how it is marked."""

    text: str
    kind: str = ""  # "" | self | cross | stock | changed
    note: str = ""  # a source's number [2], a replaced figure 〔原 37〕


def passage_runs(report: Report, reuse: ReuseReport) -> list[tuple[bool, list[Run]]]:
    """Each passage of the report as (is heading, runs)."""
    numbers = source_numbers(reuse)
    copied = {p.passage_index: p for p in reuse.paragraphs}
    stock: dict[int, list[tuple[int, int]]] = {}
    for s in reuse.sentences:
        if s.kind == "stock":
            stock.setdefault(s.passage, []).append((s.sentence.start, s.sentence.end))
    out = []
    for index, passage in enumerate(report.passages):
        if passage.is_heading:
            out.append((True, [Run(passage.text)]))
            continue
        spans = [(a, b, "stock", "") for a, b in stock.get(index, [])]
        paragraph = copied.get(index)
        if paragraph is not None:
            note = f"[{numbers[(paragraph.source.id, paragraph.source.file)]}]"
            spans += [(a, b, paragraph.kind, note) for a, b in paragraph.spans]
        changed = dict((new, old) for old, new in paragraph.changed) if paragraph else {}
        out.append((False, _runs(passage.norm, spans, changed)))
    return out


def _runs(text: str, spans: list[tuple[int, int, str, str]], changed: dict[str, str]) -> list[Run]:
    """The text cut at the spans (a copied span before a stock one at the same place; overlaps
    keep the first); inside copied spans, the figures that changed marked."""
    order = {"self": 0, "cross": 0, "stock": 1}
    runs, cursor = [], 0
    for start, end, kind, note in sorted(spans, key=lambda s: (s[0], order[s[2]])):
        if start < cursor:
            continue
        if start > cursor:
            runs.append(Run(text[cursor:start]))
        piece = text[start:end]
        runs += [Run(piece, kind)] if kind == "stock" else _figures(piece, kind, changed)
        if note:
            runs[-1].note = note
        cursor = end
    if cursor < len(text):
        runs.append(Run(text[cursor:]))
    return runs


def _figures(text: str, kind: str, changed: dict[str, str]) -> list[Run]:
    """A copied span with the figures that replaced last year's marked as changed."""
    runs, cursor = [], 0
    for found in _NUMBER.finditer(text):
        old = changed.get(found.group())
        if old is None:
            continue
        if found.start() > cursor:
            runs.append(Run(text[cursor : found.start()], kind))
        runs.append(Run(found.group(), "changed", f"〔原 {old}〕"))
        cursor = found.end()
    if cursor < len(text):
        runs.append(Run(text[cursor:], kind))
    return runs
