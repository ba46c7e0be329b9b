"""A tiny declarative validator for our own YAML data files, and “是否想写……” hints.

A spec maps each allowed key to a Field; unknown keys, missing required keys and
wrong types are all reported at once, each with file:line:column.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .located import Located

_TYPE_NAMES = {
    str: "文字",
    int: "整数",
    float: "数字",
    bool: "是/否（true/false）",
    list: "列表",
    dict: "映射（键: 值）",
    _dt.date: "日期（如 2025-03-10）",
}


@dataclass(frozen=True)
class Field:
    """What one key of a spec accepts."""

    kind: type  # str, int, float, bool, list, dict, date
    required: bool = False
    item: Any = None  # for lists: a spec dict or a type; for dicts: a spec dict
    choices: tuple = ()


def type_name(kind: type) -> str:
    """The Chinese name of a value type, for messages."""
    return _TYPE_NAMES.get(kind, kind.__name__)


def is_kind(value: Any, kind: type) -> bool:
    """Whether value is of kind, with YAML's bool/int/date distinctions kept apart."""
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is _dt.date:
        return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    return isinstance(value, kind)


def check(located: Located, path: tuple, value: Any, spec: dict[str, Field]) -> list[Problem]:
    """Validate a mapping value against spec; return every problem found."""
    if not isinstance(value, dict):
        return [located.problem(path, f"这里应当是{type_name(dict)}，实际是{describe(value)}")]
    problems = []
    for key in value:
        if key not in spec:
            problems.append(
                located.problem(
                    path + (key,), f"未知的键“{key}”", unknown_hint(key, spec), at_key=True
                )
            )
    for key, field in spec.items():
        if value.get(key) is None:
            if field.required and key in value:
                problems.append(located.problem(path + (key,), f"“{key}”必须填写，不能留空"))
            elif field.required:
                problems.append(located.problem(path, f"缺少必填的键“{key}”"))
            continue
        problems += check_value(located, path + (key,), value[key], field)
    return problems


def check_value(located: Located, path: tuple, value: Any, field: Field) -> list[Problem]:
    """Validate one value against its field; return every problem found."""
    if not is_kind(value, field.kind):
        return [located.problem(path, f"应当是{type_name(field.kind)}，实际是{describe(value)}")]
    if field.choices and value not in field.choices:
        allowed = "、".join(map(str, field.choices))
        return [located.problem(path, f"取值“{value}”无效，可选：{allowed}")]
    if field.kind is list and field.item is not None:
        return [
            p
            for i, item in enumerate(value)
            for p in _check_item(located, path + (i,), item, field.item)
        ]
    if field.kind is dict and isinstance(field.item, dict):
        return check(located, path, value, field.item)
    return []


def _check_item(located, path, item, item_spec) -> list[Problem]:
    if isinstance(item_spec, dict):
        return check(located, path, item, item_spec)
    return check_value(located, path, item, Field(item_spec))


def unknown_hint(key: str, allowed) -> str:
    """The hint for an unknown key: the closest allowed one, or the allowed ones listed."""
    guess = did_you_mean(key, list(allowed))
    listed = "、".join(list(allowed)[:20])
    return f"是否想写“{guess}”？" if guess else f"可用的键：{listed}"


def describe(value: Any) -> str:
    """A value as a user would name it: 整数“3”, 列表, 空值."""
    if value is None:
        return "空值"
    for kind in (bool, int, float, str, list, dict, _dt.date):
        if is_kind(value, kind):
            return (
                f"{type_name(kind)}“{value}”"
                if kind in (int, float, str, bool)
                else type_name(kind)
            )
    return type(value).__name__


def control_character(text: str) -> str | None:
    """“U+0007” for the first character a Word document cannot hold (controls, lone
    surrogates), or None."""
    from .yaml_tree import BAD_IN_VALUE

    found = BAD_IN_VALUE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def did_you_mean(word: str, candidates: list[str], cutoff: float = 50.0) -> str | None:
    """The closest known name to a misspelled one, or None."""
    if not candidates:
        return None
    from rapidfuzz import fuzz, process  # imported late: keeps `drafter --help` fast

    match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None
