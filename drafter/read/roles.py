"""What each paragraph of a draft is: title, 主送机关, heading (level), body, signature, date.

Read from the text, never from Word styles (staff style by hand): headings by their
numbering (一、/（一）/1./（1）), the title as the outline finds it, the signature
block at the end. `drafter format` lays a draft out by these roles and the format.*
checks judge each paragraph by them, so the two always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import docstyles
from ..core.ruletable import load_rules
from ..core.validate import Field
from .identity import ISSUER, is_title_line
from .outline import Outline, match_heading
from .source import Para

_SPEC = {
    "source": Field(str, True),
    "date_line": Field(str, True),
    "signature_max_chars": Field(int, True),
    "addressee_pattern": Field(str, True),
}


@dataclass(frozen=True)
class Role:
    """A paragraph's role; headings carry their level and the length of a run-in lead."""

    kind: str  # title | addressee | heading | body | signature | date
    level: int = 0
    lead: int = 0


def format_rules() -> dict:
    """rules/format.yaml: the patterns for the date line, signature and 主送机关."""
    return load_rules("format.yaml", _SPEC)


def paragraph_roles(paragraphs: list[Para], outline: Outline) -> dict[int, Role]:
    """Para.index -> Role for every paragraph that is not a table row."""
    paras = [p for p in paragraphs if p.kind != "table"]
    roles = _trailing(paras)
    first_heading = next((i for i, p in enumerate(paras) if match_heading(p)), len(paras))
    for i, para in enumerate(paras):
        if para.index in roles:
            continue
        if i < first_heading and is_title_line(para, outline.title_norm):
            roles[para.index] = Role("title")
        else:
            roles[para.index] = _heading_role(para) or Role("body")
    _addressee(paras, roles)
    return roles


def _heading_role(para: Para) -> Role | None:
    heading = match_heading(para)
    if heading is None:
        return None
    lead = para.text.find(heading.title) + len(heading.title) if heading.runin else 0
    return Role("heading", heading.level, max(lead, 0))


def _trailing(paras: list[Para]) -> dict[int, Role]:
    """The date line at the end and the issuer line(s) just above it; without a date, an
    issuer line (人民政府, 局 … or in the 署名 style) at the very end."""
    rules = format_rules()
    if not paras:
        return {}
    last = paras[-1]
    if not re.match(rules["date_line"], last.norm):
        signed = last.style == docstyles.SIGNATURE or ISSUER.match(last.norm)
        return {last.index: Role("signature")} if signed else {}
    roles = {paras[-1].index: Role("date")}
    for para in reversed(paras[-3:-1]):
        if len(para.norm) > rules["signature_max_chars"] or "。" in para.norm:
            break
        if match_heading(para) is not None:
            break
        roles[para.index] = Role("signature")
    return roles


def _addressee(paras: list[Para], roles: dict[int, Role]) -> None:
    """The line after the title that ends with a colon (区委：) is the 主送机关."""
    pattern = re.compile(format_rules()["addressee_pattern"])
    titles = [i for i, p in enumerate(paras) if roles[p.index].kind == "title"]
    if titles and titles[-1] + 1 < len(paras):
        para = paras[titles[-1] + 1]
        if roles[para.index].kind == "body" and pattern.match(para.norm):
            roles[para.index] = Role("addressee")
