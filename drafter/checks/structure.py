"""Engines for the report's structure: its kind, the five parts, their substance."""

from __future__ import annotations

import re

from ..core.report import Report
from ..core.ruletable import Rule


def document_kind(report: Report, rule: Rule):
    """A plan or scheme is not an annual report."""
    if report.kind == "plan":
        yield rule.finding(location=report.file, title=report.title)


def part_present(report: Report, rule: Rule):
    """Each official part has at least one passage."""
    present = report.parts_present()
    for part in report.schema.parts():
        if part.id not in present:
            yield rule.finding(
                location=report.file, section=part.id, part=part.id, title=part.title
            )


def part_substantive(report: Report, rule: Rule):
    """A part with a heading has some text under it — its own, or under its sub-headings
    (the umbrella part whose first item is the 第一责任人 part still has the rest)."""
    for part in report.schema.parts():
        headings = list(report.select(part=part.id, headings=True))
        if not headings or len(report.text_of(part=part.id)) >= rule.params["min_chars"]:
            continue
        indices = [i for i, p in enumerate(report.passages) if p.is_heading and p.part == part.id]
        if not any(_text_below(report, i, rule.params["min_chars"]) for i in indices):
            yield rule.finding(
                location=headings[0].location,
                section=part.id,
                part=part.id,
                title=part.title,
                evidence=headings[0].text,
            )


def _text_below(report: Report, index: int, min_chars: int) -> bool:
    """Whether text follows a heading before the next heading of its level or above."""
    from ..read.outline import heading_level

    level = heading_level(report.passages[index].text) or 1
    for passage in report.passages[index + 1 :]:
        if not passage.is_heading:
            if len(passage.norm) >= min_chars:
                return True
        elif (heading_level(passage.text) or 1) <= level:
            return False
    return False


def causes_stated(report: Report, rule: Rule):
    """The shortcomings part says why, not only what."""
    text = report.text_of(part="shortcomings")
    if text and not any(word in text for word in rule.params["cause_words"]):
        first = next(report.select(part="shortcomings", headings=None))
        yield rule.finding(
            location=first.location, section="shortcomings", part="shortcomings", evidence=text[:80]
        )


def both_heads(report: Report, rule: Rule):
    """The first-responsible part covers both the party and the government head (in its text:
    every official heading of the part says 党政主要负责人)."""
    text = report.text_of(part="first_responsible")
    if not text:
        return
    params = rule.params
    text = re.sub("|".join(params["not_about_heads"]), "", text)
    party = any(w in text for w in params["party"])
    government = (
        any(w in text for w in params["government"]) or report.level in params["one_head_levels"]
    )
    if party != government:
        labels = (params["party_label"], params["government_label"])
        present, absent = labels if party else labels[::-1]
        first = next(report.select(part="first_responsible", headings=None))
        yield rule.finding(
            location=first.location,
            section="first_responsible",
            part="first_responsible",
            present=present,
            absent=absent,
            evidence=text[:80],
        )


def thematic_present(report: Report, rule: Rule):
    """Each required thematic section of the 纲要 is written about."""
    present = report.sections_present()
    for section in report.schema.children("achievements"):
        if section.required and section.id not in present:
            yield rule.finding(
                location=report.file, section=section.id, part="achievements", title=section.title
            )


def thin_section(report: Report, rule: Rule):
    """The shortcomings part is neither tiny beside the achievements nor only stock phrases."""
    shortcomings, achievements = (
        report.text_of(part="shortcomings"),
        report.text_of(part="achievements"),
    )
    if not shortcomings:
        return
    case = None
    if achievements and len(shortcomings) < rule.params["min_ratio"] * len(achievements):
        case = "short"
    sentences = [s for s in re.split(r"[。；！？]", shortcomings) if len(s) > 4]
    generic = [s for s in sentences if any(p in s for p in rule.params["generic_phrases"])]
    if sentences and len(generic) == len(sentences):
        case = "generic"
    if case:
        first = next(report.select(part="shortcomings", headings=None))
        yield rule.finding(
            case,
            location=first.location,
            section="shortcomings",
            part="shortcomings",
            chars=len(shortcomings),
            achievement_chars=len(achievements),
            evidence=shortcomings[:80],
        )


ENGINES = (
    document_kind,
    part_present,
    part_substantive,
    causes_stated,
    both_heads,
    thematic_present,
    thin_section,
)
