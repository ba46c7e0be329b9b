"""Map every heading of an outline onto the section schema, deterministically and explainably.

Official parts are recognised by cue words in top-level headings (rules/mapping.yaml;
第一责任人 at any level) and by the umbrella pattern for the "what we did" part
(基本情况, 主要措施和成效 …); thematic sections by drafter.read.scoring. A numbered
item inherits its parent's section only when the parent is confident and the item
names no other topic of its own; items under 不足/第一责任人/安排/其他 belong to that
part. A combined heading (存在的问题及下一步打算) is split between its two parts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.normalize import normalize
from ..core.schema import Schema, load_schema
from .outline import Heading, Outline
from .scoring import Candidate, clean_heading, keyword_hits, mapping_rules, rank_thematic
from .unit import chains

_ACHIEVEMENTS = "achievements"


def map_outline(outline: Outline, schema: Schema | None = None) -> Outline:
    """Map every heading of the outline onto the schema (in place) and return it."""
    schema = schema or load_schema()
    for heading in outline.headings:
        _map(heading, None, schema, outline)
    return outline


def _map(heading: Heading, parent: Heading | None, schema: Schema, outline: Outline) -> None:
    best, runner_up = _decide(heading, parent, schema, outline)
    _set(heading, best, runner_up, schema)
    heading.second_part = _second_part(heading, parent)
    for index, child in enumerate(heading.children):
        _map(child, heading, schema, outline)
        second = heading.second_part
        if second and heading.split_child is None and part_cue(child, outline, True, second):
            heading.split_child = index  # from this item on, the heading's second part
        if heading.split_child is not None:
            why = f"属于“{heading.title[:16]}”的后半部分"
            for item in child.walk():
                _set(item, Candidate(second, 0.9, why), None, schema)


def _set(heading: Heading, best: Candidate, runner_up: Candidate | None, schema: Schema) -> None:
    heading.section, heading.confidence, heading.reason = (
        best.section,
        round(best.score, 2),
        best.reason,
    )
    heading.part = schema.by_id(best.section).part
    heading.runner_up = (runner_up.section, round(runner_up.score, 2)) if runner_up else None


def _decide(heading, parent, schema, outline) -> tuple[Candidate, Candidate | None]:
    if parent is not None and parent.part != _ACHIEVEMENTS:
        return _inherit(parent), None
    cue = part_cue(heading, outline, parent is None)
    if cue is not None:
        return cue, None
    if parent is None and is_umbrella(heading, outline):
        return Candidate(_ACHIEVEMENTS, 0.9, "标题是笼统的“做了什么”（主要举措和成效）"), None
    ranked = rank_thematic(clean_heading(heading.title), _subtree_text(heading), schema)
    best = ranked[0]
    if parent is None or parent.section == _ACHIEVEMENTS:
        if _sub_umbrella(heading, schema):
            why = "标题无明确专题，下级分属多个专题"
            return Candidate(_ACHIEVEMENTS, 0.5, f"{why}，按工作情况归入主要举措和成效"), best
        if best.score <= 0:
            return Candidate(_ACHIEVEMENTS, 0.5, "标题与正文均无专题线索，归入主要举措和成效"), None
        return best, ranked[1]
    return _under_topic(heading, parent, schema), None


def _inherit(parent: Heading) -> Candidate:
    return Candidate(parent.section, parent.confidence, f"属于上级标题“{parent.title[:16]}”")


def _under_topic(heading: Heading, parent: Heading, schema: Schema) -> Candidate:
    """An item under a thematic heading: the parent's topic unless its own title names another
    clearly (学法/普法 under 党的领导, 疫情防控 under 政府职能), or the parent is unsure.

    Clearly: a keyword of the other topic as written and none of the parent's, or a much
    closer likeness to the other topic's names."""
    rules = mapping_rules()
    text = clean_heading(heading.title)
    named = _named_topic(text, parent.section, schema)
    if named:
        return named
    own = rank_thematic(text, "", schema, with_body=False)
    of_parent = next(c.score for c in own if c.section == parent.section)
    best = own[0]
    clear = (
        best.score >= rules["own_topic_score"]
        and best.score >= of_parent + rules["own_topic_margin"]
    )
    unsure = parent.confidence < rules["confident_parent"]
    if best.section != parent.section and (
        clear or unsure and best.score >= rules["own_topic_score"]
    ):
        return Candidate(best.section, best.score, best.reason)
    return _inherit(parent)


def _named_topic(text: str, parent_section: str, schema: Schema) -> Candidate | None:
    """The topic whose keyword the heading writes out, when none of the parent's is there."""
    hits = {s.id: keyword_hits(text, s) for s in schema.children(_ACHIEVEMENTS)}
    if any(w for w, _ in hits[parent_section]):
        return None
    exact = {sid: sum(1 for w, _ in found if w == 1.0) for sid, found in hits.items()}
    best = max(exact, key=exact.get)
    if not exact[best] or list(exact.values()).count(exact[best]) > 1:
        return None
    words = "、".join(k for w, k in hits[best] if w == 1.0)
    return Candidate(best, 0.7, f"标题写明“{words}”")


def _sub_umbrella(heading: Heading, schema: Schema) -> bool:
    """A heading with no topic of its own whose items name two or more topics (强化重点工作)."""
    rules = mapping_rules()
    own = rank_thematic(clean_heading(heading.title), "", schema, with_body=False)[0]
    if own.score >= rules["own_topic_score"] or len(heading.children) < 2:
        return False
    topics = []
    for child in heading.children:
        best = rank_thematic(clean_heading(child.title), "", schema, with_body=False)[0]
        if best.score >= rules["own_topic_score"]:
            topics.append(best.section)
    return len(set(topics)) >= 2 and 2 * len(topics) > len(heading.children)


def part_cue(
    heading: Heading, outline: Outline, top_level: bool, only: str | None = None
) -> Candidate | None:
    """The official part a heading's own words name, if any (only: look for that part alone).

    Only 第一责任人 counts below the top level: a sub-heading's 年度工作计划 is not a part."""
    text = normalize(heading.title)
    for cue in mapping_rules()["part_cues"]:
        if (only and cue["part"] != only) or (not top_level and cue["part"] != "first_responsible"):
            continue
        word = next((w for w in cue["words"] if w in text), None)
        if word:
            return Candidate(cue["part"], 0.95, f"标题含“{word}”")
    if (not only or only == "next_year") and outline.year and f"{outline.year + 1}年" in text:
        if top_level or only:
            return Candidate("next_year", 0.9, f"标题写的是下一年度（{outline.year + 1}年）")
    return None


def names_part(text: str, part: str) -> bool:
    """Whether a text uses one of the cue words of an official part (下一步, 存在问题 …)."""
    cue = next((c for c in mapping_rules()["part_cues"] if c["part"] == part), None)
    return bool(cue) and any(w in text for w in cue["words"])


def _second_part(heading: Heading, parent: Heading | None) -> str | None:
    """For a combined top-level heading (存在的问题及下一步打算): the part its second half names."""
    if parent is not None or heading.part in (None, _ACHIEVEMENTS):
        return None
    text = normalize(heading.title)
    for cue in mapping_rules()["part_cues"]:
        if cue["part"] in (heading.part, _ACHIEVEMENTS, "first_responsible"):
            continue
        if any(w in text for w in cue["words"]):
            return cue["part"]
    return None


def is_umbrella(heading: Heading, outline: Outline) -> bool:
    """Whether a top-level heading is the umbrella "what we did" part (基本情况, 措施和成效 …)."""
    text = clean_heading(heading.title)
    for _codes, start, end in reversed(chains(text)):  # the unit's name and its parents
        text = text[:start] + text[end:]
    text = _umbrella_generic().sub("", text).strip("，、 ")
    return bool(text) and bool(_umbrella_pattern().fullmatch(text))


@lru_cache(maxsize=1)
def _umbrella_generic() -> re.Pattern:
    words = sorted(mapping_rules()["umbrella"]["generic_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def _umbrella_pattern() -> re.Pattern:
    return re.compile(mapping_rules()["umbrella"]["pattern"])


def _subtree_text(heading: Heading) -> str:
    parts = [normalize(h.runin_body) for h in heading.walk()]
    parts += [p.norm for h in heading.walk() for p in h.body]
    parts += [normalize(h.title) for h in heading.walk()][1:]
    return re.sub(r"\s+", "", "".join(parts))
