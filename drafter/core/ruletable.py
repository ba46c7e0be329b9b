"""Rule tables (drafter/rules/*.yaml): loaded once, validated by their own specs.

The check rule table (rules/checks.yaml) is the one list of every finding drafter
can report — completeness engines, the builder's warnings and the reuse check
alike: each row gives the stable id, severity, message templates and source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import SchemaError
from .findings import Finding, Severity
from .located import load_located
from .validate import Field, check

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
SEVERITIES = ("error", "warning", "info")
CHECK_RULES_FILE = "checks.yaml"
_CACHE: dict[str, dict] = {}

_RULE = {
    "id": Field(str, True),
    "engine": Field(str, True),
    "severity": Field(str, True, choices=SEVERITIES),
    "severity_by": Field(dict),
    "message": Field(str, True),
    "messages": Field(dict),
    "source": Field(str, True),
    "params": Field(dict),
}
_TABLE = {"source": Field(str, True), "rules": Field(list, True, _RULE)}


def load_rules(name: str, spec: dict[str, Field]) -> dict:
    """The named table, validated against spec on first use and cached (each name has one spec)."""
    if name not in _CACHE:
        located = load_located(RULES_DIR / name, SchemaError, "规则文件", cached=True)
        problems = check(located, (), located.data, spec)
        if problems:
            raise SchemaError(problems)
        _CACHE[name] = located.data
    return _CACHE[name]


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: what a finding with this id says and how severe it is."""

    id: str
    engine: str
    severity: str
    message: str
    source: str
    severity_by: tuple = ()
    messages: tuple = ()  # (case, template) pairs overriding message for that case
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def finding(
        self,
        case: str | None = None,
        *,
        location: str = "",
        section: str | None = None,
        part: str | None = None,
        evidence: str = "",
        **fields,
    ) -> Finding:
        """A Finding of this rule; case (or else section) selects severity and message overrides."""
        severity = dict(self.severity_by).get(case or section, self.severity)
        template = dict(self.messages).get(case, self.message)
        return Finding(
            self.id,
            Severity.parse(severity),
            template.format(**fields),
            location,
            section,
            part,
            evidence[:120],
        )


@lru_cache(maxsize=1)
def rule_table() -> dict[str, Rule]:
    """Every rule of rules/checks.yaml by id, in table order."""
    raw = load_rules(CHECK_RULES_FILE, _TABLE)["rules"]
    table: dict[str, Rule] = {}
    for row in raw:
        if row["id"] in table:
            raise SchemaError(f"{CHECK_RULES_FILE} 中规则 id“{row['id']}”重复")
        table[row["id"]] = Rule(
            row["id"],
            row["engine"],
            row["severity"],
            row["message"],
            row["source"],
            tuple((row.get("severity_by") or {}).items()),
            tuple((row.get("messages") or {}).items()),
            row.get("params") or {},
        )
    return table


def rule(rule_id: str) -> Rule:
    """The rule with this id (a defect of ours if it is not in the table)."""
    return rule_table()[rule_id]
