"""Engine for comparisons with last year (同比): a typed "同比增长20%", "比上年减少3件",
"由上年的152件增加到186件" or "同比持平" must agree with last year's figures.

Last year's figures are on the report model (Report.previous): from the year data's
上年 counts or the data file it was carried over from, or read from the unit's report
of the year before in the corpus. A claim is about the figure written right before it
("收到行政复议申请195件，同比增长20%"), or about a rate named right before it
("纠错率同比下降2个百分点").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.comparison import Change, count_words, percent_words, points_words, wording, yoy_words
from ..core.metrics import format_count, format_percent, rate_value
from ..core.numerals import parse_number
from ..core.report import Passage, Report
from ..core.ruletable import Rule
from ..read.figures import figure_spans

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")  # a ；-clause may lack the context word
_FILLER = re.compile(r"[\d.%，,、：:；\s为达是]")  # what may stand between a figure and its claim


@dataclass(frozen=True)
class Subject:
    """What a claim compares: a count (or a rate), its values this year and last."""

    what: str
    change: Change
    unit: str
    rate: bool = False


def yoy_claims(report: Report, rule: Rule):
    """Typed comparisons with last year that last year's figures contradict."""
    if not report.previous:
        return
    patterns = {k: re.compile(rule.params[k]) for k in ("claim", "same", "from_to")}
    for passage in report.passages:
        if passage.is_heading:
            continue
        for sentence in _SENTENCE.findall(passage.norm):
            for fields in _wrong_claims(report, sentence, patterns, rule.params):
                source = report.previous_source or "上年的数据"
                yield _finding(rule, passage, sentence, {**fields, "source": source})


def _finding(rule: Rule, passage: Passage, sentence: str, fields: dict):
    case = fields.pop("case", None)
    return rule.finding(
        case,
        location=passage.location,
        section=passage.section,
        part=passage.part,
        evidence=sentence.strip(),
        **fields,
    )


def _wrong_claims(report: Report, sentence: str, patterns: dict, params: dict):
    for match in patterns["claim"].finditer(sentence):
        points = match.group("unit") == "个百分点"
        subject = _subject(report, sentence, match.start(), points, params["max_gap"])
        if subject is not None:
            wrong = _check_claim(match, subject, params)
            if wrong:
                yield wrong
    for match in patterns["same"].finditer(sentence):
        subject = _subject(report, sentence, match.start(), False, params["max_gap"])
        words = yoy_words(subject.change, subject.unit) if subject else None
        if words is not None and words != wording()["yoy"]["same"]:
            yield _fields(match.group(0), subject, words)
    for match in patterns["from_to"].finditer(sentence):
        yield from _wrong_previous(report, sentence, match)


def _subject(report: Report, sentence: str, before: int, points: bool, gap: int) -> Subject | None:
    """The count (or, for percentage points, the rate) written right before a claim: nothing
    but figures and punctuation, or at most gap other characters, between them."""
    if points:
        return _rate_subject(report, sentence, before, gap)
    spans = [s for s in figure_spans(sentence[:before]) if s[1] <= before]
    if not spans or not _adjacent(sentence[spans[-1][1] : before], gap):
        return None
    _, _, figure = spans[-1]
    last = report.previous.get(figure.group, {}).get(figure.count)
    if last is None:
        return None
    group = report.schema.metric_group(figure.group)
    count = group.count(figure.count) if group else None
    return Subject(_what(figure, count), Change(last, figure.value), count.unit if count else "")


def _what(figure, count) -> str:
    """收到行政复议申请, 行政复议审结: the count's title, with its group if the title lacks it."""
    title = count.title if count else figure.count
    return title if figure.group in title else f"{figure.group}{title}"


def _adjacent(between: str, gap: int) -> bool:
    """Whether a claim follows its figure: “195件，同比…”, not “195件，其中涉企案件同比…”."""
    return len(_FILLER.sub("", between)) <= gap


def _rate_subject(report: Report, sentence: str, before: int, gap: int) -> Subject | None:
    named = [
        (sentence.rfind(rate.key, 0, before), group, rate)
        for group in report.schema.metric_groups()
        for rate in group.rates
        if rate.key in sentence[:before]
    ]
    if not named:
        return None
    at, group, rate = max(named, key=lambda n: n[0])
    if not _adjacent(sentence[at + len(rate.key) : before], gap):
        return None
    now = rate_value(rate, report.metrics.get(group.key, {}))
    last = rate_value(rate, report.previous.get(group.key, {}))
    if now is None or last is None:
        return None
    return Subject(f"{group.key}{rate.key}", Change(last, now), "%", rate=True)


def _check_claim(match: re.Match, subject: Subject, params: dict) -> dict | None:
    amount = parse_number(match.group("amount"))
    if amount is None:
        return None
    unit = match.group("unit") or ""
    sign = -1 if match.group("dir") in params["down_words"] else 1
    decimals = match.group("amount").partition(".")[2]
    tolerance = 0.5 * 10 ** -len(decimals) + (
        params["approx_points"] if match.group("approx") else 0
    )
    if unit in ("%", "成"):
        claimed, actual = sign * amount * (10 if unit == "成" else 1), subject.change.percent
        words = percent_words(subject.change)
    elif unit == "个百分点":
        claimed, actual, words = sign * amount, subject.change.diff, points_words(subject.change)
    else:
        claimed, actual = sign * amount, subject.change.diff
        words = count_words(subject.change, subject.unit)
        tolerance = tolerance if match.group("approx") else 1e-9
    if actual is None or abs(claimed - actual) <= tolerance:
        return None
    return _fields(match.group(0), subject, words)


def _fields(claim: str, subject: Subject, words: str | None) -> dict:
    show = (
        (lambda v: format_percent(v))
        if subject.rate
        else (lambda v: format_count(v) + subject.unit)
    )
    return {
        "claim": claim,
        "what": subject.what,
        "previous": show(subject.change.previous),
        "current": show(subject.change.current),
        "actual": f"应为{words}" if words else "无法按百分比比较",
    }


def _wrong_previous(report: Report, sentence: str, match: re.Match):
    """“由上年的152件增加到186件”: the written previous value must be last year's."""
    rest = sentence[: match.start()] + sentence[match.end() :]
    spans = [s for s in figure_spans(rest) if s[0] <= match.start() + 2]
    if not spans:
        return
    figure = spans[-1][2]
    last = report.previous.get(figure.group, {}).get(figure.count)
    written = float(match.group("previous"))
    if last is not None and abs(last - written) > 1e-9:
        group = report.schema.metric_group(figure.group)
        count = group.count(figure.count) if group else None
        unit = count.unit if count else ""
        yield {
            "case": "previous",
            "claim": match.group(0),
            "what": _what(figure, count),
            "previous": format_count(last) + unit,
            "written": format_count(written) + unit,
        }


ENGINES = (yoy_claims,)
