"""Limits on input size and on computation, read from rules/limits.yaml (one documented table).

Every limit can be raised for one run with an environment variable
DRAFTER_LIMIT_<NAME> (DRAFTER_LIMIT_TEXT_FILE_MB=20); hitting one is a located
UserError that names the file, the limit and that variable.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import LimitExceeded, Problem, SchemaError, UserError

LIMITS_FILE = Path(__file__).resolve().parent.parent / "rules" / "limits.yaml"
ENV_PREFIX = "DRAFTER_LIMIT_"


@dataclass(frozen=True)
class Limit:
    """One row of the table: its default value, what it bounds and the unit it is counted in."""

    name: str
    default: float
    what: str
    unit: str

    @property
    def env(self) -> str:
        """The environment variable that overrides the default."""
        return ENV_PREFIX + self.name.upper()

    def value(self) -> float:
        """The limit in force: the environment's override, or the table's value."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and number > 0):
            raise UserError(f"环境变量 {self.env} 的值“{raw}”无效，应为正数（如 {self.default:g}）")
        return int(number) if number.is_integer() else number

    def describe(self, value: float | None = None) -> str:
        """The limit as a phrase: 10 MB, 200,000 个."""
        value = self.value() if value is None else value
        text = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        return f"{text} {self.unit}".strip()


class LimitHit(Exception):
    """A limit was reached where the location is not known; the caller adds it (see problem())."""

    def __init__(
        self, name: str, found: str = "", line: int | None = None, column: int | None = None
    ):
        super().__init__(name)
        self.name, self.found, self.line, self.column = name, found, line, column

    def problem(self, file: str, line: int | None = None, column: int | None = None) -> Problem:
        """The located problem users read for this hit (where it happened, if it knows)."""
        line, column = (line, column) if line is not None else (self.line, self.column)
        return limit_problem(self.name, file, line, column, self.found)


@lru_cache(maxsize=1)
def table() -> dict[str, Limit]:
    """Every limit of rules/limits.yaml by name."""
    from .located import load_located  # the table itself is read without limits

    located = load_located(LIMITS_FILE, SchemaError, "上限文件", bounded=False, cached=True)
    rows = located.data.get("limits") if isinstance(located.data, dict) else None
    if not isinstance(rows, dict):
        raise SchemaError([located.problem(("limits",), "上限文件缺少“limits”映射")])
    out = {}
    for name, row in rows.items():
        if not (isinstance(row, dict) and isinstance(row.get("value"), (int, float))):
            raise SchemaError([located.problem(("limits", name), "上限应写成 value/what/unit")])
        out[name] = Limit(name, row["value"], str(row.get("what", name)), str(row.get("unit", "")))
    return out


def limit(name: str) -> Limit:
    """The named limit (a defect of ours if the table lacks it)."""
    return table()[name]


def value(name: str) -> float:
    """The value in force of the named limit."""
    return limit(name).value()


def limit_problem(
    name: str, file: str, line: int | None = None, column: int | None = None, found: str = ""
) -> Problem:
    """A Problem saying which limit the file reached and how to raise it."""
    row = limit(name)
    current = row.value()
    detail = f"（{found}）" if found else ""
    doubled = current * 2 if isinstance(current, int) else f"{current * 2:g}"
    return Problem(
        f"超出上限：{row.what}不能超过 {row.describe(current)}{detail}",
        file,
        line,
        column,
        hint=f"如确需处理，可设置环境变量 {row.env}={doubled} 后重试"
        "（各项上限见 drafter/rules/limits.yaml）",
    )


def exceeded(
    name: str, file: str, line: int | None = None, column: int | None = None, found: str = ""
) -> LimitExceeded:
    """The error to raise when a file reaches a limit."""
    return LimitExceeded([limit_problem(name, file, line, column, found)])


def check_size(path: Path, name: str) -> None:
    """Refuse, before reading it, a file larger than the named limit (counted in MB)."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the read that follows reports a missing or unreadable file
    if size > value(name) * 1024 * 1024:
        raise exceeded(name, str(path), found=f"此文件 {size / 1024 / 1024:.1f} MB")
