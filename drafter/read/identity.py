"""Whose report it is and what kind: title, issuer, region, year, level, date.

Read from the title line, an issuer line, the signature block and the headings;
the outline builder calls these while it splits a document into its parts.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Callable

from ..core import docstyles
from ..core.normalize import normalize
from .source import Para, SourceDocument, reader_rules
from .unit import resolve_unit
from .whose import infer_unit

_YEAR = re.compile(r"(20\d{2})\s*年")
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
    outline.year = _first_year(
        [title] + [h.norm_title for h in outline.headings] + [p.norm for p in outline.preamble]
    )
    outline.unit = infer_unit(outline, source.file)
    outline.region = outline.unit.name
    outline.date = _publication_date(source, outline)


def guess_level(region: str) -> str:
    """The reporting level a unit's name suggests (区县政府 when nothing says otherwise)."""
    return resolve_unit(region).level if region else "区县政府"


def _first_year(texts: list[str]) -> int | None:
    for text in texts:
        found = _YEAR.search(text)
        if found:
            return int(found.group(1))
    return None


def _publication_date(source: SourceDocument, outline) -> _dt.date | None:
    candidates = [p.norm for p in outline.trailing] + [p.norm for p in source.paragraphs[:12]]
    for text in candidates:
        found = _DATE.search(text)
        if found:
            try:
                return _dt.date(*map(int, found.groups()))
            except ValueError:
                continue
    return None
