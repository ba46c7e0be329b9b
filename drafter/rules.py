"""Load the packaged rule tables (drafter/rules/*.yaml) once, validated by their own specs."""
from __future__ import annotations

from pathlib import Path

from .errors import SchemaError
from .spec import Field, check
from .yamlloc import load_located

RULES_DIR = Path(__file__).resolve().parent / "rules"
_CACHE: dict[str, dict] = {}


def load_rules(name: str, spec: dict[str, Field]) -> dict:
    """The named table, validated against spec on first use and cached (each name has one spec)."""
    if name not in _CACHE:
        located = load_located(RULES_DIR / name, SchemaError, "规则文件")
        problems = check(located, (), located.data, spec)
        if problems:
            raise SchemaError(problems)
        _CACHE[name] = located.data
    return _CACHE[name]
