"""One exception hierarchy: user errors carry Chinese messages with locations."""

from __future__ import annotations

from dataclasses import dataclass


class DrafterError(Exception):
    """Base of every error drafter raises on purpose."""


@dataclass
class Problem:
    """One thing wrong with a user's file, located as precisely as we can."""

    message: str
    file: str = ""
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # key path inside a YAML file, e.g. 报告.年度
    hint: str = ""

    def location(self) -> str:
        """file:line:column, as much of it as is known ("" when the problem is not in a file)."""
        if not self.file:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """The problem as the user reads it: location, message, key path and hint."""
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.path:
            text += f"（键：{self.path}）"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


class UserError(DrafterError, ValueError):
    """Bad input or bad usage: the message is written for the person at the keyboard."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        super().__init__("\n".join(p.render() for p in self.problems))


class SchemaError(UserError):
    """sections.yaml, a layout file or a rule table is malformed."""


class DataError(UserError):
    """A year-data YAML file is malformed or inconsistent."""


class TemplateProblem(UserError):
    """A report template fails to compile or asks for data that is missing."""


class OutputExists(UserError):
    """Refusing to overwrite a file the user did not ask us to replace."""


class LimitExceeded(UserError):
    """An input or a computation reached one of the limits of rules/limits.yaml."""
