"""The rendered report as a list of blocks, independent of the output format.

The template writes a tiny line markup; this module parses it and numbers the
headings 一、/（一）/1./（1） so no author ever numbers by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.numerals import cn_number

MARKERS = ("#", "@", "\\")


def heading_label(level: int, n: int) -> str:
    """The label of the nth heading at a level: 一、 （一） 1. （1）."""
    return {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


@dataclass
class Block:
    """One block of the rendered document."""

    kind: str  # title | heading | paragraph | addressee | signature | date | table
    text: str  # the whole text as shown (label included)
    level: int = 0  # headings: 1..4
    lead: str = ""  # run-in headings: the label + lead sentence; text continues after it
    runin: bool = False
    table: object = None  # a table's w:tbl element (drafter format copies a draft's tables)

    @property
    def body(self) -> str:
        """The text after a run-in heading's lead."""
        return self.text[len(self.lead) :] if self.runin else ""


@dataclass
class Document:
    """The rendered report, independent of the output format."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    author: str = ""
    language: str = "zh-CN"

    def plain_lines(self) -> list[str]:
        """The text of each block."""
        return [b.text for b in self.blocks]


def escape_line(text: str) -> str:
    """Keep narrative that starts with a marker character from being read as markup."""
    return "\\" + text if text.startswith(MARKERS) else text


def parse_markup(markup: str) -> Document:
    """The template's line markup as a Document, headings numbered."""
    doc = Document()
    counters = [0] * 5
    for raw in markup.split("\n"):  # not splitlines(): U+2028 etc. pasted from Word stay text
        line = raw.strip()
        if not line:
            continue
        block = _parse_line(line, counters)
        if block.kind == "title" and not doc.title:
            doc.title = block.text
        doc.blocks.append(block)
    return doc


def _parse_line(line: str, counters: list[int]) -> Block:
    if line.startswith("\\"):
        return Block("paragraph", line[1:])
    if line.startswith("@sign "):
        return Block("signature", line[6:].strip())
    if line.startswith("@date "):
        return Block("date", line[6:].strip())
    if line.startswith("#"):
        hashes = len(line) - len(line.lstrip("#"))
        if 1 <= hashes <= 5 and line[hashes : hashes + 1] == " ":
            return _heading(hashes - 1, line[hashes + 1 :].strip(), counters)
    return Block("paragraph", line)


def _heading(level: int, text: str, counters: list[int]) -> Block:
    if level == 0:
        return Block("title", text)
    counters[level] += 1
    for deeper in range(level + 1, len(counters)):
        counters[deeper] = 0
    label = heading_label(level, counters[level])
    if " | " in text:
        lead, body = text.split(" | ", 1)
        lead = label + lead.strip()
        return Block("heading", lead + body.strip(), level, lead, runin=True)
    return Block("heading", label + text, level)
