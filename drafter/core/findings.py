"""The one Finding type every check (and the builder's warnings) produces.

JSON form (version 1), documented in README: each finding is
{"rule", "severity", "section", "part", "location", "message", "evidence"}.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How serious a finding is; ordered, so thresholds compare."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, text: str) -> "Severity":
        """A severity from its name (error, warning, info); a Chinese UserError otherwise."""
        try:
            return cls[text.upper()]
        except KeyError:
            allowed = "、".join(s.name.lower() for s in cls)
            from .errors import UserError

            raise UserError(f"未知的严重程度“{text}”，可选：{allowed}") from None

    @property
    def label(self) -> str:
        """The Chinese label: 错误, 警告, 提示."""
        return {0: "提示", 1: "警告", 2: "错误"}[int(self)]


@dataclass(frozen=True)
class Finding:
    """One problem found in a report or year data: rule, severity, location, message, evidence."""

    rule: str  # stable dotted id, e.g. structure.missing
    severity: Severity
    message: str  # Chinese, for the user
    location: str = ""  # file:line:col for YAML; 段落N for documents
    section: str | None = None  # schema id
    part: str | None = None  # official part id
    evidence: str = ""  # the text that triggered it

    def to_json(self) -> dict:
        """The documented JSON form (version 1)."""
        data = asdict(self)
        data["severity"] = self.severity.name.lower()
        return data

    def render(self) -> str:
        """One terminal line (and the quoted evidence on the next)."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity.label}[{self.rule}] {self.message}"
        if self.evidence:
            text += f"\n    原文：{self.evidence}"
        return text
