"""Whose report it is and what kind: title, issuer, region, year, level, date.

Read from the title line, an issuer line, the signature block and the headings;
the outline builder calls these while it splits a document into its parts.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Callable

from ..core import docstyles
from ..core.normalize import normalize
from .source import Para, SourceDocument, reader_rules
from .unit import resolve_unit
from .whose import infer_unit

_YEAR = re.compile(r"(20\d{2})\s*年")
# years that are not the report's: in document titles, in brackets, in periods (2021—2025年)
_NOT_THE_YEAR = re.compile(
    r"《[^》]*》|（[^）]*20\d{2}[^）]*）|20\d{2}\s*[-—–－~至到]\s*20\d{2}\s*年?"
)
_DATE = re.compile(r"(20\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})")
ISSUER = re.compile(r"^[\u4e00-\u9fa5]{2,20}(人民政府|管理委员会|委员会|局|办公室)$")
_SIGNATURE_STYLES = (docstyles.SIGNATURE, docstyles.DATE)


def split_trailing(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """Signature and date lines at the end belong to no section."""
    trailing: list[Para] = []
    while paragraphs and (
        _is_date_line(paragraphs[-1])
        or paragraphs[-1].style in _SIGNATURE_STYLES
        or (trailing and ISSUER.match(paragraphs[-1].norm))
    ):
        trailing.insert(0, paragraphs.pop())
        if len(trailing) >= 3:
            break
    return paragraphs, trailing


def _is_date_line(para: Para) -> bool:
    return bool(re.fullmatch(r"\s*20\d{2}年\d{1,2}月\d{1,2}日\s*", para.norm))


def is_title_line(para: Para, title_norm: str) -> bool:
    """The title, or a repeat of it with a date after it (web pages print both)."""
    return bool(title_norm) and _DATE.sub("", para.norm).strip(" -") == title_norm


def find_title(paragraphs: list[Para], is_heading: Callable[[Para], object]) -> tuple[str, str]:
    """(original, normalised) title: a title-styled or -worded line before the first heading."""
    rules = reader_rules()
    for para in paragraphs:
        if is_heading(para) is not None:
            break
        if para.style == docstyles.TITLE or (
            len(para.norm) <= rules["title_max_chars"]
            and any(w in para.norm for w in rules["title_words"])
        ):
            return _DATE.sub("", para.text).strip(" -"), _DATE.sub("", para.norm).strip(" -")
    return "", ""


def infer_meta(outline, source: SourceDocument) -> None:
    """Set the outline's kind (report/plan), year, region and publication date."""
    title = normalize(outline.title)
    rules = reader_rules()
    if any(w in title for w in rules["plan_words"]) and not any(
        w in title for w in rules["report_words"]
    ):
        outline.kind = "plan"
    body = [p.norm for h in outline.walk() for p in h.body] + [h.runin_body for h in outline.walk()]
    outline.year = report_year(title, [h.norm_title for h in outline.headings], outline.preamble)
    if outline.kind == "report":  # a plan's body names its whole period, not a year
        outline.year = outline.year or _most_common_year(body)
    outline.unit = infer_unit(outline, source.file)
    outline.region = outline.unit.name
    outline.date = _publication_date(source, outline)


def guess_level(region: str) -> str:
    """The reporting level a unit's name suggests (区县政府 when nothing says otherwise)."""
    return resolve_unit(region).level if region else "区县政府"


def report_year(title: str, headings: list[str], preamble: list[Para]) -> int | None:
    """The year the title, the top-level headings and the opening write most (the title wins
    a tie): a title left at last year's is outvoted by a body written for this year."""
    opening = next((p.norm for p in preamble if _YEAR.match(p.norm.strip())), "")
    votes: dict[int, float] = {}
    for text, weight in [(title, 1.5)] + [(h, 1.0) for h in headings] + [(opening, 1.0)]:
        found = _YEAR.search(_NOT_THE_YEAR.sub("", text))
        if found:
            year = int(found.group(1))
            votes[year] = votes.get(year, 0.0) + weight
    if not votes:
        return _most_common_year([p.norm for p in preamble])
    return max(votes, key=votes.get)


def _most_common_year(texts: list[str]) -> int | None:
    years = Counter(int(y) for t in texts for y in _YEAR.findall(_NOT_THE_YEAR.sub("", t)))
    return years.most_common(1)[0][0] if years else None


def _publication_date(source: SourceDocument, outline) -> _dt.date | None:
    """The 成文日期: from the signature block, else the page's date line — never the date a
    report was delivered to the 人大常委会 (“在XX区人大常委会第X次会议上”)."""
    not_issued = reader_rules()["not_issue_date"]
    # a date alone on the last line is the signature's (a web page's date line looks the same
    # and is set aside as noise, so it is looked for among all paragraphs)
    last = [p.norm for p in source.paragraphs[-2:] if _is_date_line(p)]
    candidates = (
        [p.norm for p in outline.trailing] + last + [p.norm for p in source.paragraphs[:12]]
    )
    for text in candidates:
        if any(word in text for word in not_issued):
            continue
        found = _DATE.search(text)
        if found:
            try:
                return _dt.date(*map(int, found.groups()))
            except ValueError:
                continue
    return None
