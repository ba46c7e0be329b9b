"""The completeness check: a rule table (rules/checks.yaml) run by a few engines.

Every engine takes the unified CheckInput and one rule, and yields findings;
which engine a rule uses, its severity, message and parameters are data.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .checkinput import CheckInput, Passage
from .extract import extract_figures
from .findings import Finding, Severity
from .metrics import broken_relations, rate_value
from .rules import load_rules
from .schema import OFFICIAL_PARTS
from .spec import Field

SEVERITIES = ("error", "warning", "info")
_RULE = {"id": Field(str, True), "engine": Field(str, True), "severity": Field(str, True, choices=SEVERITIES),
         "severity_by": Field(dict), "message": Field(str, True), "source": Field(str, True), "params": Field(dict)}
_SPEC = {"source": Field(str, True), "rules": Field(list, True, _RULE)}
_YEAR = re.compile(r"(20\d{2})\s*年")
_TITLED = re.compile(r"《[^》]*》|“[^”]*”|20\d{2}\s*[-—–－~至到]\s*20\d{2}")


@dataclass(frozen=True)
class Rule:
    id: str
    engine: str
    severity: str
    message: str
    source: str
    severity_by: tuple = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def finding(self, case: str | None = None, *, location: str = "", section: str | None = None,
                part: str | None = None, evidence: str = "", **fields) -> Finding:
        severity = dict(self.severity_by).get(case or section, self.severity)
        return Finding(self.id, Severity.parse(severity), self.message.format(**fields), location,
                       section, part, evidence[:120])


def load_check_rules() -> list[Rule]:
    raw = load_rules("checks.yaml", _SPEC)["rules"]
    rules = [Rule(r["id"], r["engine"], r["severity"], r["message"], r["source"],
                  tuple((r.get("severity_by") or {}).items()), r.get("params") or {}) for r in raw]
    unknown = [r.engine for r in rules if r.engine not in ENGINES]
    if unknown:
        from .errors import SchemaError

        raise SchemaError(f"checks.yaml 中有未知的检查引擎：{'、'.join(unknown)}（可用：{'、'.join(ENGINES)}）")
    return rules


def run_checks(check: CheckInput, rules: list[Rule] | None = None) -> list[Finding]:
    rules = rules or load_check_rules()
    plan_rule = next((r for r in rules if r.engine == "document_kind"), None)
    if plan_rule and check.kind == "plan":  # a plan is not a report: the report rules do not apply
        return list(document_kind(check, plan_rule))
    findings = [f for rule in rules for f in ENGINES[rule.engine](check, rule)]
    order = {p: i for i, p in enumerate(OFFICIAL_PARTS)}
    return sorted(findings, key=lambda f: (order.get(f.part, len(order)), -int(f.severity), f.location))


# ── engines ────────────────────────────────────────────────────────────────

def document_kind(check: CheckInput, rule: Rule):
    if check.kind == "plan":
        yield rule.finding(location=check.file, title=check.title)


def part_present(check: CheckInput, rule: Rule):
    present = check.parts_present()
    for part in check.schema.parts():
        if part.id not in present:
            yield rule.finding(location=check.file, section=part.id, part=part.id, title=part.title, source=part.source)


def part_substantive(check: CheckInput, rule: Rule):
    for part in check.schema.parts():
        headings = list(check.select(part=part.id, headings=True))
        if headings and len(check.text_of(part=part.id)) < rule.params["min_chars"]:
            yield rule.finding(location=headings[0].location, section=part.id, part=part.id, title=part.title,
                               evidence=headings[0].text)


def causes_stated(check: CheckInput, rule: Rule):
    text = check.text_of(part="shortcomings")
    if text and not any(word in text for word in rule.params["cause_words"]):
        first = next(check.select(part="shortcomings", headings=None))
        yield rule.finding(location=first.location, section="shortcomings", part="shortcomings", evidence=text[:80])


def both_heads(check: CheckInput, rule: Rule):
    text = check.text_of(part="first_responsible", headings=None)
    if not text:
        return
    party = any(w in text for w in rule.params["party"])
    government = any(w in text for w in rule.params["government"]) or check.level == "政府部门"
    if party != government:
        present, absent = ("党委主要负责人", "政府主要负责人") if party else ("政府主要负责人", "党委主要负责人")
        first = next(check.select(part="first_responsible", headings=None))
        yield rule.finding(location=first.location, section="first_responsible", part="first_responsible",
                           present=present, absent=absent, evidence=text[:80])


def thematic_present(check: CheckInput, rule: Rule):
    present = check.sections_present()
    for section in check.schema.children("achievements"):
        if section.required and section.id not in present:
            yield rule.finding(location=check.file, section=section.id, part="achievements", title=section.title,
                               source=section.source.replace("纲要（2021—2025年）", ""))


def thin_section(check: CheckInput, rule: Rule):
    shortcomings, achievements = check.text_of(part="shortcomings"), check.text_of(part="achievements")
    if not shortcomings:
        return
    detail = ""
    if achievements and len(shortcomings) < rule.params["min_ratio"] * len(achievements):
        detail = f"只有 {len(shortcomings)} 字，成效部分有 {len(achievements)} 字"
    sentences = [s for s in re.split(r"[。；！？]", shortcomings) if len(s) > 4]
    generic = [s for s in sentences if any(p in s for p in rule.params["generic_phrases"])]
    if sentences and len(generic) == len(sentences):
        detail = "只有“还存在一些差距”“有待进一步提高”之类的套话，没有具体问题"
    if detail:
        first = next(check.select(part="shortcomings", headings=None))
        yield rule.finding(location=first.location, section="shortcomings", part="shortcomings", detail=detail,
                           evidence=shortcomings[:80])


def required_metrics(check: CheckInput, rule: Rule):
    for group in check.schema.metric_groups():
        if group.required and not any(v is not None for v in check.metrics.get(group.key, {}).values()):
            section = check.schema.by_id(group.section)
            yield rule.finding(location=check.file, section=section.id, part=section.part, group=group.key,
                               counts="、".join(c.key for c in group.counts))


def relations(check: CheckInput, rule: Rule):
    for name, counts in check.metrics.items():
        group = check.schema.metric_group(name)
        for rel in broken_relations(group, counts):
            where = check.metric_sources.get((group.key, rel.left), check.file)
            section = check.schema.by_id(group.section)
            yield rule.finding(location=where, section=section.id, part=section.part, group=group.key,
                               left=rel.left, right=rel.right, op=rel.op,
                               left_value=f"（{_num(counts[rel.left])}）", right_value=f"（{_num(counts[rel.right])}）")


def figures_agree(check: CheckInput, rule: Rule):
    yield from _rates_in_text(check, rule)
    if check.source == "yaml":
        yield from _figures_against_data(check, rule)


def _rates_in_text(check: CheckInput, rule: Rule):
    for group in check.schema.metric_groups():
        counts = check.metrics.get(group.key, {})
        for rate in group.rates:
            computed = rate_value(rate, counts)
            if computed is None:
                continue
            pattern = re.compile(re.escape(rate.key) + r"(?:为|达|达到|是)?\s*(\d+(?:\.\d+)?)%")
            for passage in check.passages:
                for match in pattern.finditer(passage.norm):
                    if not _agrees(match.group(1), computed):
                        detail = (f"{group.key}{rate.key}写作 {match.group(1)}%，按"
                                  f"{rate.numerator}{_num(counts[rate.numerator])}÷{rate.denominator}"
                                  f"{_num(counts[rate.denominator])}应为 {computed:.1f}%")
                        yield rule.finding(location=passage.location, section=passage.section, part=passage.part,
                                           detail=detail, evidence=passage.text)


def _agrees(written: str, computed: float) -> bool:
    decimals = len(written.split(".")[1]) if "." in written else 0
    rounded = Decimal(repr(computed)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded == Decimal(written) or abs(float(written) - computed) < 10 ** -decimals / 2 + 1e-9


def _figures_against_data(check: CheckInput, rule: Rule):
    for passage in check.passages:
        if passage.is_heading:
            continue
        for figure in extract_figures([(passage.norm, passage.text)]):
            recorded = check.metrics.get(figure.group, {}).get(figure.count)
            if recorded is not None and recorded != figure.value:
                detail = f"正文写{figure.group}“{figure.count}”{figure.value}，数据中为 {_num(recorded)}"
                yield rule.finding(location=passage.location, section=passage.section, part=passage.part,
                                   detail=detail, evidence=figure.sentence)


def title_year(check: CheckInput, rule: Rule):
    if check.source != "yaml" or not check.year:
        return
    found = _YEAR.search(_TITLED.sub("", check.title))
    if found and int(found.group(1)) != check.year:
        yield rule.finding(location=check.title_location or check.file, found=found.group(1),
                           year=check.year, evidence=check.title)


def stale_year(check: CheckInput, rule: Rule):
    if not check.year:
        return
    for passage in check.passages:
        if passage.part not in ("achievements", "shortcomings", "first_responsible"):
            continue
        if passage.is_heading:
            years = [int(y) for y in _YEAR.findall(_TITLED.sub("", passage.norm))]
            wrong = next((y for y in years if y != check.year), None)
            if wrong:
                yield rule.finding("heading", location=passage.location, section=passage.section, part=passage.part,
                                   where="标题", found=wrong, year=check.year, evidence=passage.text)
        else:
            pattern = re.compile(rf"(?:^|[。；！])\s*{check.year - 1}年(?:，|,|以来|我|全|本)")
            if pattern.search(passage.norm):
                yield rule.finding("text", location=passage.location, section=passage.section, part=passage.part,
                                   where="正文句首", found=check.year - 1, year=check.year, evidence=passage.text)


def next_year_plan(check: CheckInput, rule: Rule):
    if not check.year:
        return
    expected = check.year + 1
    for passage in check.select(part="next_year", headings=None):
        text = _TITLED.sub("", passage.norm)
        years = _YEAR.findall(text) if passage.is_heading else re.findall(r"(?:^|[。；！])\s*(20\d{2})年(?:，|,|我|全|将)", text)
        wrong = next((int(y) for y in years if int(y) != expected), None)
        if wrong:
            yield rule.finding(location=passage.location, section="next_year", part="next_year", found=wrong,
                               expected=expected, evidence=passage.text)


def placeholder(check: CheckInput, rule: Rule):
    pattern = _compiled_alternatives(tuple(rule.params["patterns"]))
    for passage in check.passages:
        match = pattern.search(passage.text)
        if match:
            yield rule.finding(location=passage.location, section=passage.section, part=passage.part,
                               found=match.group(0), evidence=passage.text)


@lru_cache(maxsize=8)
def _compiled_alternatives(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def foreign_places(check: CheckInput, rule: Rule):
    from .places import foreign_names

    reported = set()
    for passage in check.passages:
        for name in foreign_names(passage.norm, check.region, rule.params["min_name_chars"]):
            if name not in reported:
                reported.add(name)
                yield rule.finding(location=passage.location, section=passage.section, part=passage.part,
                                   found=name, evidence=passage.text)


def duplicated_text(check: CheckInput, rule: Rule):
    for dup in check.duplicates:
        detail = f"第{dup.repeat_line}行起的 {dup.paragraphs} 段（{dup.chars} 字）与第{dup.first_line}行起的内容完全重复"
        yield rule.finding("block", location=f"{check.file}:{dup.repeat_line}", detail=detail)
    seen: dict[str, Passage] = {}
    for passage in check.passages:
        if passage.is_heading or len(passage.norm) < rule.params["min_chars"]:
            continue
        if passage.norm in seen:
            first = seen[passage.norm]
            yield rule.finding("paragraph", location=passage.location, section=passage.section, part=passage.part,
                               detail=f"这一段与 {first.location} 的段落相同", evidence=passage.text)
        else:
            seen[passage.norm] = passage


def deadlines(check: CheckInput, rule: Rule):
    if not check.date or not check.year:
        return
    limits = [(_dt.date(check.year + 1, 4, 1), "4月1日前向社会公开")]
    if check.level == "政府部门":
        limits.insert(0, (_dt.date(check.year + 1, 3, 1), "政府部门3月1日前报送"))
    for deadline, why in limits:
        if check.date > deadline:
            yield rule.finding(location=check.file, date=_date(check.date), deadline=_date(deadline), rule=why)
            return


def _date(value: _dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _num(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


ENGINES = {f.__name__: f for f in (
    document_kind, part_present, part_substantive, causes_stated, both_heads, thematic_present, thin_section,
    required_metrics, relations, figures_agree, title_year, stale_year, next_year_plan, placeholder,
    foreign_places, duplicated_text, deadlines)}
