"""Engines for the wording: placeholders left in, other places' names, text printed twice."""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.report import Passage, Report
from ..core.ruletable import Rule


def placeholder(report: Report, rule: Rule):
    """No template residue (XX, ××, ＿＿, 【】, 某某, X余件 …)."""
    pattern = _alternatives(tuple(rule.params["patterns"]))
    for passage in report.passages:
        match = pattern.search(passage.norm)
        if match:
            yield rule.finding(
                location=passage.location,
                section=passage.section,
                part=passage.part,
                found=match.group(0),
                evidence=passage.text,
            )


@lru_cache(maxsize=8)
def _alternatives(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def foreign_places(report: Report, rule: Rule):
    """Names of other areas, which often mean text copied from another unit's report."""
    from ..read.places import foreign_names

    reported = set()
    for passage in report.passages:
        for name in foreign_names(passage.norm, report.region, rule.params["min_name_chars"]):
            if name not in reported:
                reported.add(name)
                yield rule.finding(
                    location=passage.location,
                    section=passage.section,
                    part=passage.part,
                    found=name,
                    evidence=passage.text,
                )


def duplicated_text(report: Report, rule: Rule):
    """A block printed twice, or the same paragraph in two places."""
    for dup in report.duplicates:
        yield rule.finding(
            "block",
            location=f"{report.file}:{dup.repeat_line}",
            repeat_line=dup.repeat_line,
            paragraphs=dup.paragraphs,
            chars=dup.chars,
            first_line=dup.first_line,
        )
    seen: dict[str, Passage] = {}
    for passage in report.passages:
        if passage.is_heading or len(passage.norm) < rule.params["min_chars"]:
            continue
        if passage.norm in seen:
            yield rule.finding(
                "paragraph",
                location=passage.location,
                section=passage.section,
                part=passage.part,
                first=seen[passage.norm].location,
                evidence=passage.text,
            )
        else:
            seen[passage.norm] = passage


ENGINES = (placeholder, foreign_places, duplicated_text)
