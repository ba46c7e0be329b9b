"""How much a heading is about each thematic section of the 纲要: similarity to the
section's names, its keywords in the heading, and its keywords in the text below.

Headings and names are compared after generic words (法治政府建设, 推进, 加强 …) are
dropped, with order-aware scorers on characters — no word segmentation, so no
dictionary to load. Keywords match as substrings or with one gap (党对…的领导 has
党的领导). Words and weights: rules/mapping.yaml; names and keywords: sections.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.normalize import normalize
from ..core.ruletable import load_rules
from ..core.schema import Schema, Section
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "part_cues": Field(list, True, {"part": Field(str, True), "words": Field(list, True, str)}),
    "umbrella": Field(
        dict, True, {"generic_words": Field(list, True, str), "pattern": Field(str, True)}
    ),
    "generic_words": Field(list, True, str),
    "min_name_chars": Field(int, True),
    "alias_noise_floor": Field(float, True),
    "keyword_gaps": Field(
        dict,
        True,
        {k: Field(float, True) for k in ("gapped_min_chars", "max_gap", "gapped_weight")},
    ),
    "weights": Field(
        dict, True, {k: Field(float, True) for k in ("alias", "heading_keywords", "body_keywords")}
    ),
    "heading_words": Field(dict, True),
    "heading_keyword_saturation": Field(int, True),
    "min_thematic_score": Field(float, True),
    "confident_parent": Field(float, True),
    "own_topic_score": Field(float, True),
    "own_topic_margin": Field(float, True),
}
_YEARS = re.compile(r"20\d{2}\s*年度?|20\d{2}\s*[-—–－~至]\s*20\d{2}\s*年?")
_LABEL = re.compile(
    r"^([一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,4}）|\d{1,2}[.、．]|（\d{1,2}）"
    r"|[一二三四五六七八九十]{1,3}是)"
)
_PUNCT = re.compile(r"[，。、；：！？“”‘’《》（）()\s,.;:]")


def mapping_rules() -> dict:
    """rules/mapping.yaml: part cues, generic words, weights and thresholds."""
    return load_rules("mapping.yaml", _SPEC)


@dataclass(frozen=True)
class Candidate:
    """A section a heading may belong to, with a score and a reason."""

    section: str
    score: float
    reason: str


def clean_heading(text: str) -> str:
    """A heading for comparison: normalised, label and years removed."""
    return _YEARS.sub("", _LABEL.sub("", normalize(text).strip())).strip("，。 ")


def core_words(text: str) -> str:
    """A cleaned heading without generic words and punctuation: what it is about."""
    return _PUNCT.sub("", _generic_pattern().sub("", text))


@lru_cache(maxsize=1)
def _generic_pattern() -> re.Pattern:
    words = sorted(mapping_rules()["generic_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def rank_thematic(text: str, body: str, schema: Schema, with_body: bool = True) -> list[Candidate]:
    """The thematic sections ranked for a cleaned heading (and the text below it), best first."""
    rules = mapping_rules()
    weights = rules["weights"]
    shares = keyword_shares(body, schema) if with_body else {}
    ranked = []
    for section in schema.children("achievements"):
        alias_score, alias_reason, exact, head_score, head_words = _title_score(text, section)
        score = (
            weights["alias"] * alias_score
            + weights["heading_keywords"] * head_score
            + weights["body_keywords"] * shares.get(section.id, 0.0)
        )
        reason = (
            alias_reason
            if alias_score >= 0.6
            else (f"标题关键词“{'、'.join(head_words)}”" if head_words else "正文关键词分布")
        )
        ranked.append(Candidate(section.id, 1.0 if exact else min(score, 1.0), reason))
    return sorted(ranked, key=lambda c: -c.score)


@lru_cache(maxsize=8192)
def _title_score(text: str, section: Section) -> tuple[float, str, bool, float, list[str]]:
    """How a cleaned heading compares with one section's names and keywords (cached: the
    same heading is ranked with and without the text below it)."""
    alias_score, alias_reason, exact = alias_similarity(core_words(text), section)
    return (alias_score, alias_reason, exact, *heading_keywords(text, section))


@lru_cache(maxsize=256)
def _section_names(section: Section) -> tuple[tuple[str, str], ...]:
    names = [(clean_heading(a.text), f"与 {a.seed} 的标题“{a.text}”相同") for a in section.aliases]
    names += [
        (clean_heading(n), f"与章节名“{n}”相近")
        for n in (section.title, section.key, *section.also)
    ]
    minimum = mapping_rules()["min_name_chars"]
    cores = [(core_words(n), r) for n, r in names if len(n) >= minimum]
    return tuple((n, r) for n, r in cores if len(n) >= 2)


def alias_similarity(core: str, section: Section) -> tuple[float, str, bool]:
    """Best order-aware similarity of a heading's core words to a section's names."""
    from rapidfuzz import fuzz

    best, reason = 0.0, ""
    if len(core) < 2:
        return best, reason, False
    for name, why in _section_names(section):
        if name == core:
            return 1.0, why.replace("相近", "相同"), True
        score = fuzz.ratio(core, name)
        if min(len(core), len(name)) >= 4:
            score = max(score, 0.9 * fuzz.partial_ratio(core, name))
        if score / 100 > best:
            best, reason = score / 100, why.replace("相同", "相近")
    floor = mapping_rules()["alias_noise_floor"]
    return max(0.0, (best - floor) / (1 - floor)), reason, False


def heading_keywords(text: str, section: Section) -> tuple[float, list[str]]:
    """Keywords of the section in the heading: exact hits count 1, gapped hits less."""
    hits = keyword_hits(text, section)
    score = sum(w for w, _ in hits) / mapping_rules()["heading_keyword_saturation"]
    return min(1.0, score), [k for _, k in hits]


def keyword_hits(text: str, section: Section) -> list[tuple[float, str]]:
    """(weight, keyword) for each of the section's keywords in a heading (quotes ignored)."""
    text = re.sub(r"[“”‘’\"']", "", text)
    words = (*section.keywords, *mapping_rules()["heading_words"].get(section.id, ()))
    return [(w, k) for k in words if (w := keyword_hit(k, text))]


def keyword_hit(keyword: str, text: str) -> float:
    """1 for the keyword as written, the gapped weight for it split once, else 0."""
    if keyword in text:
        return 1.0
    gaps = mapping_rules()["keyword_gaps"]
    if len(keyword) < gaps["gapped_min_chars"]:
        return 0.0
    return gaps["gapped_weight"] if _split_once(keyword, text, int(gaps["max_gap"])) else 0.0


def _split_once(keyword: str, text: str, gap: int) -> bool:
    """Whether the keyword is in the text with 1..gap characters inserted at one place,
    all within one clause (党对法治政府建设的领导 has 党的领导)."""
    for cut in range(1, len(keyword)):
        head, tail = keyword[:cut], keyword[cut:]
        start = text.find(head)
        while start >= 0:
            after = start + len(head)
            found = text.find(tail, after + 1, after + gap + len(tail))
            if found > 0 and not any(p in text[after:found] for p in "，。；："):
                return True
            start = text.find(head, start + 1)
    return False


def keyword_shares(body: str, schema: Schema) -> dict[str, float]:
    """Each thematic section's share of the keyword hits in a text."""
    counts = {s.id: sum(body.count(k) for k in s.keywords) for s in schema.children("achievements")}
    total = sum(counts.values())
    return {sid: n / total for sid, n in counts.items()} if total else {}
