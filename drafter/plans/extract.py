"""Reading a plan document: its goals, its numbered tasks (with chapter and wording) and
its quantified targets ("不少于60学时", "2024年底前建成…").

The heading tree comes from drafter.read (numbering text, run-in leads), so a plan
is read the way reports are: the leaf headings are its items — goals when their
title is a goal word (rules/plans.yaml), tasks otherwise — and the chapter is the
top-level heading above them.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ..core.normalize import normalize
from ..core.numerals import parse_number
from ..read.outline import Heading, Outline
from ..read.report import outline_file
from .model import Goal, Plan, Target, Task
from .settings import PlanSettings, plan_settings

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
_CLAUSE_END = re.compile(r"[，；。！？]")
_MIN_CLAUSE = 12  # characters: a shorter clause (“到2025年”) takes the next one with it


def read_plan(path: Path | str, source: str = "") -> Plan:
    """The plan in a document (.docx/.txt/.md …)."""
    return extract_plan(outline_file(path), source or str(path))


def plan_covering(stored: list[tuple[str, str]], year: int | None) -> Plan | None:
    """Of stored plans ((where, text) pairs), the first whose period includes the year."""
    for where, text in stored:
        with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
            path = Path(tmp) / "规划.txt"
            path.write_text(text, encoding="utf-8")
            plan = read_plan(path, where)
        if plan.covers(year):
            plan.file = where
            for item in [*plan.goals, *plan.tasks, *plan.targets]:
                item.location = item.location.replace(str(path), where)
            return plan
    return None


def extract_plan(outline: Outline, source: str = "") -> Plan:
    """The plan an outline holds: goals, tasks and targets in document order."""
    settings = plan_settings()
    file = outline.source.file
    start, end = plan_period(outline, settings)
    plan = Plan(outline.title, outline.region, start, end, source or file, file)
    for chapter in outline.headings:
        for heading in chapter.walk():
            if heading.children:
                continue  # a chapter or sub-chapter: its leaves are the items
            _add_item(plan, heading, chapter, settings, file, outline.source.format == "docx")
    return plan


def plan_period(outline: Outline, settings: PlanSettings) -> tuple[int | None, int | None]:
    """The plan's years: from a name in the title (十四五), a span (2021-2025), or the opening."""
    texts = [outline.title_norm] + [p.norm for p in outline.preamble[:3]]
    for text in texts:
        for name, start, end in settings.periods:
            if name in text:
                return start, end
        found = settings.period_pattern.search(text)
        if found:
            return int(found.group(1)), int(found.group(2))
    return None, None


def _add_item(plan, heading: Heading, chapter: Heading, settings, file: str, docx: bool) -> None:
    lines = [heading.runin_body] if heading.runin_body else []
    lines += [p.text for p in heading.body if not _ignored(p.norm, settings)]
    text = "\n".join(line.strip() for line in lines if line.strip())
    where = f"{file}:段落{heading.para.line}" if docx else f"{file}:{heading.para.line}"
    title = heading.title.strip().rstrip("。；")
    if any(word in title for word in settings.goal_words):
        plan.goals.append(Goal(heading.label, title, text, where))
    else:
        above = chapter.text if chapter is not heading else ""
        plan.tasks.append(Task(heading.label, above, title, text, where))
    plan.targets += find_targets(heading.label, f"{title}。{text}", where, settings)


def _ignored(norm: str, settings: PlanSettings) -> bool:
    return any(p.search(norm) for p in settings.ignore_lines)


def find_targets(
    item: str, text: str, where: str = "", settings: PlanSettings | None = None
) -> list[Target]:
    """The quantified targets an item's text sets, one per figure or deadline, in order."""
    settings = settings or plan_settings()
    found: list[Target] = []
    for sentence in _SENTENCE.findall(normalize(text)):
        found += _sentence_targets(item, sentence.strip(), where, settings)
    return _distinct(found)


def _sentence_targets(item: str, sentence: str, where: str, settings) -> list[Target]:
    found = []
    for pattern in settings.figure_patterns:
        for match in pattern.finditer(sentence):
            value = parse_number(match.group(1))
            if value is not None:
                text = _clause(sentence, match.start(), match.end())
                target = Target(item, text, "数值", value, match.group(2), location=where)
                found.append((match.start(), target))
    years = {
        (m.start(), m.end(), int(m.group(1)))
        for p in settings.deadline_patterns
        for m in p.finditer(sentence)
    }
    for start, end, year in sorted(years):
        if year not in {t.year for _, t in found}:
            text = _clause(sentence, start, end)
            found.append((start, Target(item, text, "时限", year=year, location=where)))
    return [target for _, target in sorted(found, key=lambda pair: pair[0])]


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of the sentence that holds start..end, with the next one when it is short
    (“到2025年，宝山各级政府……”)."""
    left = max(sentence.rfind(mark, 0, start) for mark in "，；") + 1
    right = _CLAUSE_END.search(sentence, end)
    if right and right.start() - left < _MIN_CLAUSE:
        right = _CLAUSE_END.search(sentence, right.end())
    return sentence[left : right.start() if right else len(sentence)].strip()


def _distinct(targets: list[Target]) -> list[Target]:
    """One target per (sentence, figure or year): two patterns may find the same one."""
    seen, out = set(), []
    for target in targets:
        key = (target.text, target.kind, target.value, target.unit, target.year)
        if key not in seen:
            seen.add(key)
            out.append(target)
    return out
