"""Map every heading of an outline onto the section schema, deterministically and explainably.

Official parts are recognised by cue words in the heading (data: rules/mapping.yaml);
thematic sections by similarity to the aliases and titles in sections.yaml, keyword
hits in the heading, and the keyword mix of the text below it. Numbered items
under a section belong to that section; headings under 不足/第一责任人/安排/其他
belong to that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.normalize import normalize
from ..core.ruletable import load_rules
from ..core.schema import Schema, Section, load_schema
from ..core.validate import Field
from .outline import Heading, Outline

_SPEC = {
    "source": Field(str, True),
    "part_cues": Field(list, True, {"part": Field(str, True), "words": Field(list, True, str)}),
    "weights": Field(
        dict, True, {k: Field(float, True) for k in ("alias", "heading_keywords", "body_keywords")}
    ),
    "heading_keyword_saturation": Field(int, True),
    "min_thematic_score": Field(float, True),
}
_YEARS = re.compile(r"20\d{2}\s*年度?")
_LABEL = re.compile(
    r"^([一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,4}）|\d{1,2}[.、．]|（\d{1,2}）)"
)


def mapping_rules() -> dict:
    """rules/mapping.yaml: part cues, weights and thresholds."""
    return load_rules("mapping.yaml", _SPEC)


@dataclass(frozen=True)
class Candidate:
    """A section a heading may belong to, with a score and a reason."""

    section: str
    score: float
    reason: str


def clean_heading(text: str) -> str:
    """A heading for comparison: normalised, label and years removed."""
    return _YEARS.sub("", _LABEL.sub("", normalize(text))).strip("，。 ")


def map_outline(outline: Outline, schema: Schema | None = None) -> Outline:
    """Map every heading of the outline onto the schema (in place) and return it."""
    schema = schema or load_schema()
    for heading in outline.headings:
        _map(heading, None, schema, outline)
    return outline


def _map(heading: Heading, parent: Heading | None, schema: Schema, outline: Outline) -> None:
    best, runner_up = _decide(heading, parent, schema, outline)
    heading.section, heading.confidence, heading.reason = (
        best.section,
        round(best.score, 2),
        best.reason,
    )
    heading.part = schema.by_id(best.section).part
    heading.runner_up = (runner_up.section, round(runner_up.score, 2)) if runner_up else None
    for child in heading.children:
        _map(child, heading, schema, outline)


def _decide(heading, parent, schema, outline) -> tuple[Candidate, Candidate | None]:
    cue = part_cue(heading, outline)
    if parent is not None and parent.part != "achievements":
        if cue and cue.section == "first_responsible":
            return cue, None
        return Candidate(
            parent.section, parent.confidence, f"属于上级标题“{parent.title[:16]}”"
        ), None
    if cue is not None:
        return cue, None
    if parent is not None and parent.section != "achievements":
        return Candidate(
            parent.section, parent.confidence, f"属于上级标题“{parent.title[:16]}”"
        ), None
    ranked = rank_thematic(heading, schema)
    best = ranked[0]
    if parent is None and best.score < mapping_rules()["min_thematic_score"]:
        return Candidate(
            "achievements", 0.5, "一级标题无明确专题，按工作情况归入主要举措和成效"
        ), best
    return best, ranked[1] if len(ranked) > 1 else None


def part_cue(heading: Heading, outline: Outline) -> Candidate | None:
    """The official part a heading's own words name, if any."""
    text = normalize(heading.title)
    for cue in mapping_rules()["part_cues"]:
        word = next((w for w in cue["words"] if w in text), None)
        if word:
            return Candidate(cue["part"], 0.95, f"标题含“{word}”")
    if outline.year and f"{outline.year + 1}年" in text:
        return Candidate("next_year", 0.9, f"标题写的是下一年度（{outline.year + 1}年）")
    return None


def rank_thematic(heading: Heading, schema: Schema) -> list[Candidate]:
    """The thematic sections ranked for a heading, best first."""
    text = clean_heading(heading.title)
    body = _subtree_text(heading)
    body_share = _keyword_shares(body, schema)
    weights = mapping_rules()["weights"]
    ranked = []
    for section in schema.children("achievements"):
        alias_score, alias_reason, exact = _alias_similarity(text, section)
        head_score, head_words = _heading_keywords(text, section)
        score = (
            weights["alias"] * alias_score
            + weights["heading_keywords"] * head_score
            + weights["body_keywords"] * body_share.get(section.id, 0.0)
        )
        if exact:
            score = 1.0
        reason = (
            alias_reason
            if alias_score >= 0.6
            else (f"标题关键词“{'、'.join(head_words)}”" if head_words else "正文关键词分布")
        )
        ranked.append(Candidate(section.id, min(score, 1.0), reason))
    return sorted(ranked, key=lambda c: -c.score)


def _subtree_text(heading: Heading) -> str:
    parts = [heading.runin_body] + [p.norm for h in heading.walk() for p in h.body]
    parts += [normalize(h.title) for h in heading.walk()][1:]
    return "".join(parts)


@lru_cache(maxsize=256)
def _section_names(section: Section) -> tuple[tuple[str, str], ...]:
    names = [(clean_heading(a.text), f"与 {a.seed} 的标题“{a.text}”相同") for a in section.aliases]
    names += [
        (clean_heading(n), f"与章节名“{n}”相近")
        for n in (section.title, section.key, *section.also)
    ]
    return tuple((n, r) for n, r in names if n)


def _alias_similarity(text: str, section: Section) -> tuple[float, str, bool]:
    from rapidfuzz import fuzz

    best, reason = 0.0, ""
    for name, why in _section_names(section):
        if name == text:
            return 1.0, why.replace("相近", "相同"), True
        score = (
            max(fuzz.ratio(text, name), fuzz.token_set_ratio(_tokens(text), _tokens(name))) / 100
        )
        if score > best:
            best, reason = score, why.replace("相同", "相近")
    return best, reason, False


@lru_cache(maxsize=4096)
def _tokens(text: str) -> str:
    import jieba

    jieba.setLogLevel(60)
    return " ".join(t for t in jieba.lcut(text) if t.strip("，、。 "))


def _heading_keywords(text: str, section: Section) -> tuple[float, list[str]]:
    hits = [k for k in section.keywords if k in text]
    return min(1.0, len(hits) / mapping_rules()["heading_keyword_saturation"]), hits


def _keyword_shares(body: str, schema: Schema) -> dict[str, float]:
    counts = {s.id: sum(body.count(k) for k in s.keywords) for s in schema.children("achievements")}
    total = sum(counts.values())
    return {sid: n / total for sid, n in counts.items()} if total else {}
