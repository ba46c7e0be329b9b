"""The formatting of a Word draft as the reader sees it, for the format.* checks.

drafter.read fills these from a .docx (effective values: direct run formatting over
the paragraph's style chain over document defaults); drafter.checks reads them and
never python-docx. Lengths are points unless the name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Span:
    """Consecutive text of one paragraph set alike."""

    text: str
    font: str  # the East Asian face (w:eastAsia, theme resolved); "" when unknown
    size_pt: float | None
    bold: bool = False
    spacing_pt: float = 0.0  # character spacing (w:spacing in w:rPr), negative condenses


@dataclass
class ParagraphFormat:
    """One body paragraph: its role in the document and its effective formatting."""

    number: int  # 1-based among the body's w:p, as in 段落N
    text: str
    role: str  # title | heading | body | addressee | signature | date
    level: int = 0  # headings: 1..4
    lead: int = 0  # run-in headings: characters of the heading lead; 0 for a whole line
    spans: list[Span] = field(default_factory=list)
    align: str = "left"  # left | center | right | justify | distribute
    first_line_chars: float = 0.0  # first-line indent in characters (hanging is negative)
    left_pt: float = 0.0
    right_pt: float = 0.0
    line_rule: str = "auto"  # auto | exact | atLeast
    line_value: float = 1.0  # points for exact/atLeast, a multiple of single for auto

    def lead_spans(self) -> list[Span]:
        """The spans of a run-in heading's lead (all spans for other paragraphs)."""
        if not self.lead:
            return self.spans
        taken, out = 0, []
        for span in self.spans:
            if taken >= self.lead:
                break
            out.append(replace(span, text=span.text[: self.lead - taken]))
            taken += len(span.text)
        return out

    def rest_spans(self) -> list[Span]:
        """The spans after a run-in heading's lead (none for other paragraphs)."""
        if not self.lead:
            return []
        taken, out = 0, []
        for span in self.spans:
            cut = max(0, self.lead - taken)
            if cut < len(span.text):
                out.append(replace(span, text=span.text[cut:]))
            taken += len(span.text)
        return out

    def main_font(self, spans: list[Span] | None = None) -> tuple[str, float | None]:
        """(face, size) of most Chinese characters in the spans (default: all)."""
        weights: dict[tuple[str, float | None], int] = {}
        for span in self.spans if spans is None else spans:
            han = sum(1 for ch in span.text if "\u3400" <= ch <= "\u9fff")
            if han:
                key = (span.font, span.size_pt)
                weights[key] = weights.get(key, 0) + han
        return max(weights, key=weights.get) if weights else ("", None)


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins of a section, in millimetres."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


@dataclass
class Footer:
    """One footer (odd/default or even pages) and its page-number paragraph."""

    kind: str  # default | even | first
    text: str = ""  # the page-number paragraph's text with the field's shown result
    has_page_field: bool = False
    align: str = "left"
    left_pt: float = 0.0
    right_pt: float = 0.0
    first_line_pt: float = 0.0
    font: str = ""
    size_pt: float | None = None


@dataclass
class DocumentFormat:
    """A draft's page setup, footers and paragraphs as Word would show them."""

    file: str
    pages: list[PageSetup] = field(default_factory=list)  # one per section
    footers: list[Footer] = field(default_factory=list)
    even_and_odd: bool = False  # w:evenAndOddHeaders: separate even-page footers
    paragraphs: list[ParagraphFormat] = field(default_factory=list)
    char_pt: float = 16.0  # the body's character size, the unit of indents in characters

    def with_role(self, *roles: str) -> list[ParagraphFormat]:
        """The paragraphs of the given roles, in order."""
        return [p for p in self.paragraphs if p.role in roles]

    def location(self, paragraph: ParagraphFormat | None = None) -> str:
        """file:段落N (or the file alone)."""
        return f"{self.file}:段落{paragraph.number}" if paragraph else self.file
