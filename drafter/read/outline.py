"""A report's heading tree, recognised from numbering text (一、/（一）/1./（1）), not styles.

Paragraphs attach to their heading; run-in headings ("1.深化改革。正文…") are
split into lead and body; inline 一是…二是… runs are listed; a body that appears
twice (web pages often print it twice) is detected and reported once.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.normalize import normalize
from ..core.numerals import cn_number
from ..core.report import Duplicate
from .duplicates import drop_duplicates
from .identity import ISSUER, find_title, infer_meta, is_title_line, split_trailing
from .source import Para, SourceDocument, reader_rules
from .unit import Unit


@dataclass
class Heading:
    """A numbered heading, its body, children and where it maps."""

    level: int  # 1..4; 5 for an inline 一是…
    label: str  # 一、 / （一） / 1. / （1） / 一是
    title: str  # heading text without its label (original script)
    norm_title: str  # normalised title, for mapping
    para: Para
    runin: bool = False
    body: list[Para] = field(default_factory=list)  # paragraphs under it (run-in remainder first)
    runin_body: str = ""  # original text after a run-in lead
    children: list["Heading"] = field(default_factory=list)
    inline: list["Heading"] = field(default_factory=list)
    section: str | None = None
    part: str | None = None
    confidence: float = 0.0
    runner_up: tuple[str, float] | None = None
    reason: str = ""
    item_text: str = ""  # a 一是 item: its whole original text, which is content as well
    second_part: str | None = None  # a combined heading (存在的问题及下一步打算): its second part
    split_child: int | None = None  # the first child in the second part, if a child starts it

    @property
    def text(self) -> str:
        """The heading as shown: the whole line, or label and lead of a run-in heading."""
        return self.para.text if not self.runin else f"{self.label}{self.title}"

    def walk(self):
        """This heading and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def body_norm(self) -> str:
        """The normalised text of the paragraphs directly under the heading."""
        return "".join(p.norm for p in self.body)


@dataclass
class Outline:
    """A report's title, metadata, preamble and heading tree."""

    source: SourceDocument
    title: str = ""
    title_norm: str = ""
    kind: str = "report"  # report | plan
    region: str = ""  # the unit's canonical name (drafter.read.unit)
    unit: Unit | None = None
    year: int | None = None
    issuer: str = ""
    date: _dt.date | None = None
    preamble: list[Para] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)  # top level
    duplicates: list[Duplicate] = field(default_factory=list)
    trailing: list[Para] = field(default_factory=list)  # signature and date lines

    def walk(self):
        """This heading and all below it, in document order."""
        for heading in self.headings:
            yield from heading.walk()


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[tuple[int, re.Pattern], ...]:
    return tuple((h["level"], re.compile(h["pattern"])) for h in reader_rules()["headings"])


def build_outline(source: SourceDocument) -> Outline:
    """The outline of a document: duplicates dropped, title and signature set apart."""
    outline = Outline(source)
    paragraphs = source.content()
    paragraphs, outline.duplicates = drop_duplicates(paragraphs)
    paragraphs, outline.trailing = split_trailing(paragraphs)
    outline.title, outline.title_norm = find_title(paragraphs, match_heading)
    body = [p for p in paragraphs if not is_title_line(p, outline.title_norm)]
    if body and ISSUER.match(body[0].norm):  # a web page may open with the issuer's name: metadata
        outline.issuer, body = body[0].text, body[1:]
    _build_tree(outline, body)
    infer_meta(outline, source)
    return outline


# ── headings ───────────────────────────────────────────────────────────────


def heading_level(text: str) -> int | None:
    """The level a heading's numbering gives it (一、 1, （一） 2, 1. 3, （1） 4), or None."""
    norm = normalize(text)
    return next((level for level, pattern in _heading_patterns() if pattern.match(norm)), None)


def match_heading(para: Para) -> Heading | None:
    """The heading a paragraph opens with, or None."""
    if para.kind != "para":
        return None
    for level, pattern in _heading_patterns():
        found = pattern.match(para.norm)
        if found:
            return _make_heading(level, para, found)
    return None


def _make_heading(level: int, para: Para, found: re.Match) -> Heading | None:
    label = para.norm[: found.start(2)].strip()
    norm_rest = found.group(2).strip()
    original_rest = _original_after_label(para.text, len(label))
    rules = reader_rules()
    stop = norm_rest.find("。")
    if 0 <= stop < rules["runin_max_chars"] and stop < len(norm_rest) - 1:
        return _runin(level, label, para, original_rest, norm_rest, stop)
    if len(norm_rest) <= rules["heading_max_chars"] and stop in (-1, len(norm_rest) - 1):
        return Heading(level, label, original_rest.rstrip("。"), norm_rest.rstrip("。"), para)
    comma = norm_rest.find("，")
    if 0 < comma < rules["runin_max_chars"]:
        return _runin(level, label, para, original_rest, norm_rest, comma)
    return None  # a long numbered paragraph with no lead: body text, not a heading


def _runin(level, label, para, original_rest, norm_rest, stop) -> Heading:
    heading = Heading(level, label, original_rest[:stop], norm_rest[:stop], para, runin=True)
    heading.runin_body = original_rest[stop + 1 :].strip()
    return heading


def _original_after_label(text: str, label_len: int) -> str:
    """The original text after its numbering label (normalisation keeps character counts)."""
    stripped = text.strip()
    return stripped[label_len:].strip()


def inline_items(text: str) -> list[tuple[str, str]]:
    """(label, lead) for each 一是/二是… run inside a paragraph, numbered consecutively."""
    pattern = re.compile(reader_rules()["inline_enumeration"])
    found, expected = [], 1
    for match in pattern.finditer(text):
        if match.group(1) != cn_number(expected):
            continue
        rest = text[match.end() :]
        stop = min(
            [i for i in (rest.find("。"), rest.find("；")) if i >= 0] or [min(len(rest), 30)]
        )
        found.append((match.group(0), rest[:stop]))
        expected += 1
    return found if len(found) >= 2 else []


def _build_tree(outline: Outline, paragraphs: list[Para]) -> None:
    stack: list[Heading] = []
    for para in paragraphs:
        found = match_heading(para)
        headings = [found] if found else _item_headings(para, stack)
        if not headings:
            target = stack[-1].body if stack else outline.preamble
            target.append(para)
        for heading in headings:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            (stack[-1].children if stack else outline.headings).append(heading)
            stack.append(heading)
    for heading in outline.walk():
        _attach_inline(heading)


# ── 一是/二是 items that open their own paragraph: sub-headings ────────────


def _item_headings(para: Para, stack: list[Heading]) -> list[Heading]:
    """A paragraph opening with 一是 (or with the next 二是 after a 一是 item) is a run of
    sub-headings one level below the current heading, one per item it holds — when each
    item has a lead and text after it; items of one sentence each are a list, not headings."""
    pattern = re.compile(reader_rules()["inline_enumeration"])
    first = pattern.match(para.norm) if para.kind == "para" and stack else None
    if not first:
        return []
    parents = [h for h in stack if h.label not in _ITEM_LABELS]
    previous = stack[-1] if stack[-1].label in _ITEM_LABELS else None
    start = 1 if first.group(1) == "一" else _next_number(previous)
    if not start or first.group(1) != cn_number(start):
        return []
    level = (parents[-1].level if parents else 0) + 1
    items = [_item(para, level, *span) for span in _item_spans(para.norm, start, pattern)]
    return items if all(item.runin_body for item in items) else []  # 一是A。二是B。: a list


_ITEM_LABELS = tuple(f"{cn_number(n)}是" for n in range(1, 31))


def _next_number(previous: Heading | None) -> int:
    return _ITEM_LABELS.index(previous.label) + 2 if previous is not None else 0


def _item_spans(text: str, start: int, pattern: re.Pattern) -> list[tuple[int, int, int]]:
    """(start, end of label, end) of each consecutive item in text, the first at 0."""
    spans, expected = [], start
    for match in pattern.finditer(text):
        if match.group(1) != cn_number(expected) or (spans and match.start() == 0):
            continue
        spans.append([match.start(), match.end(), len(text)])
        expected += 1
    for here, after in zip(spans, spans[1:]):
        here[2] = after[0]
    return [tuple(s) for s in spans]


def _item(para: Para, level: int, start: int, label_end: int, end: int) -> Heading:
    norm = para.norm[label_end:end]
    stop = _item_title_end(norm)
    where = original_offsets(para.text, para.norm)
    title = para.text[where[label_end] : where[label_end + stop]]
    heading = Heading(level, para.norm[start:label_end], title, norm[:stop], para, runin=True)
    if label_end + stop < end:
        heading.runin_body = para.text[where[label_end + stop + 1] : where[end]].strip()
    heading.item_text = para.text[where[start] : where[end]].strip()
    return heading


def original_offsets(text: str, norm: str) -> list[int]:
    """For each position of the normalised text (and its end), the position in the original.

    Normalisation maps one character to one, except that it drops spaces (between
    Chinese characters, and at the ends): those are skipped."""
    where, i = [], 0
    for char in norm:
        while i < len(text) and text[i].isspace() and not char.isspace():
            i += 1
        where.append(min(i, len(text)))
        i += 1
    where.append(min(i, len(text)))
    return where


def _item_title_end(norm: str) -> int:
    """An item's title runs to its first 。/；/：, or to its first ， when that is too long."""
    limit = reader_rules()["item_title_max_chars"]
    stop = min([i for i in (norm.find(c) for c in "。；：") if i >= 0] or [len(norm)])
    if stop <= limit:
        return stop
    comma = norm.find("，")
    return comma if 0 < comma <= limit else min(stop, limit)


def _attach_inline(heading: Heading) -> None:
    texts = ([heading.runin_body] if heading.runin else []) + [p.norm for p in heading.body]
    for text in texts:
        for label, lead in inline_items(text):
            heading.inline.append(Heading(5, label, lead, lead, heading.para))
