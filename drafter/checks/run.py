"""Running the rule table: each rule names one engine; engines yield findings.

Rules whose engine is `draft`, `reuse` or `plans` are produced by the builder, the
reuse analysis and plan reconciliation; the table holds them too so that every
finding has one row.
"""

from __future__ import annotations

import re

from ..core.errors import SchemaError
from ..core.findings import Finding
from ..core.report import Report
from ..core.ruletable import Rule, rule_table
from ..core.schema import OFFICIAL_PARTS
from . import format as format_type  # not to shadow the builtin format()
from . import format_page, numbers, structure, text, years, yoy

_DIGITS = re.compile(r"(\d+)")
PRODUCED_ELSEWHERE = ("draft", "reuse", "plans")
ENGINES = {
    f.__name__: f
    for module in (structure, numbers, years, text, format_type, format_page, yoy)
    for f in module.ENGINES
}


def load_check_rules() -> list[Rule]:
    """The completeness rules of the table (those run by an engine here), validated."""
    rules = [r for r in rule_table().values() if r.engine not in PRODUCED_ELSEWHERE]
    unknown = [r.engine for r in rules if r.engine not in ENGINES]
    if unknown:
        raise SchemaError(
            f"checks.yaml 中有未知的检查引擎：{'、'.join(unknown)}（可用：{'、'.join(ENGINES)}）"
        )
    return rules


def run_checks(report: Report, rules: list[Rule] | None = None) -> list[Finding]:
    """Every rule over the report, findings sorted by official part, severity and location."""
    rules = rules or load_check_rules()
    plan_rule = next((r for r in rules if r.engine == "document_kind"), None)
    if plan_rule and report.kind == "plan":  # a plan is not a report: the report rules do not apply
        return list(structure.document_kind(report, plan_rule))
    findings = [f for rule in rules for f in ENGINES[rule.engine](report, rule)]
    findings += report.draft_findings  # year data: what the builder sees (empty items, no date)
    order = {p: i for i, p in enumerate(OFFICIAL_PARTS)}
    return sorted(
        findings,
        key=lambda f: (order.get(f.part, len(order)), -int(f.severity), location_key(f.location)),
    )


def location_key(location: str) -> tuple:
    """Locations in reading order: file:9:3 before file:27:7, 段落9 before 段落10."""
    return tuple((0, int(x), "") if x.isdigit() else (1, 0, x) for x in _DIGITS.split(location))
