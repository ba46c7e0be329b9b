"""Metric values: counts come from the user, rates are computed, never typed."""

from __future__ import annotations

import math
import operator
from decimal import ROUND_HALF_UP, Context, Decimal

from .comparison import large_number
from .schema import MetricGroup, Rate, Relation

_OPS = {"<=": operator.le, "<": operator.lt, "==": operator.eq, ">=": operator.ge, ">": operator.gt}


def rate_value(rate: Rate, counts: dict[str, float | None]) -> float | None:
    """The rate in percent, or None when a count is missing or the denominator is 0."""
    numerator, denominator = counts.get(rate.numerator), counts.get(rate.denominator)
    if numerator is None or not denominator:
        return None
    value = numerator * 100.0 / denominator
    return value if math.isfinite(value) else None  # a denominator like 1e-320


def format_percent(value: float, decimals: int = 1) -> str:
    """26.5% / 100% — half-up rounding, trailing zeros dropped as reports write them."""
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(repr(value))
    digits = max(exact.adjusted(), 0) + decimals + 2  # enough precision for any finite float
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits)))
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def format_count(value: float) -> str:
    """A count as reports write it: 12, not 12.0; 51万 for 510000 (rules/wording.yaml)."""
    large = large_number(value)
    if large is not None:
        return large
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def group_view(group: MetricGroup, counts: dict[str, float | None]) -> dict[str, str]:
    """What narrative and templates see: formatted counts and rates, by Chinese key and id."""
    view: dict[str, str] = {}
    for count in group.counts:
        value = counts.get(count.key)
        if value is not None:
            view[count.key] = view[count.id] = format_count(value)
    for rate in group.rates:
        value = rate_value(rate, counts)
        if value is not None:
            view[rate.key] = view[rate.id] = format_percent(value, rate.decimals)
    return view


def broken_relations(group: MetricGroup, counts: dict[str, float | None]) -> list[Relation]:
    """The group's relations (受理 ≤ 收到 …) that these counts break."""
    out = []
    for relation in group.relations:
        left, right = counts.get(relation.left), counts.get(relation.right)
        if left is not None and right is not None and not _OPS[relation.op](left, right):
            out.append(relation)
    return out


def relation_fields(group: MetricGroup, relation: Relation, counts: dict) -> dict:
    """The message fields of a broken relation: group, left, op, right and the two values."""
    return {
        "group": group.key,
        "left": relation.left,
        "right": relation.right,
        "op": relation.op,
        "left_value": f"（{format_count(counts[relation.left])}）",
        "right_value": f"（{format_count(counts[relation.right])}）",
    }


def why_missing(group: MetricGroup, name: str, counts: dict[str, float | None]) -> str:
    """Explain, in Chinese, why {{ group.name }} has no value."""
    rate = next((r for r in group.rates if name in (r.key, r.id)), None)
    if rate is not None:
        missing = [s for s in (rate.numerator, rate.denominator) if counts.get(s) is None]
        if missing:
            return f"比率“{rate.key}”需要先填写计数：{'、'.join(missing)}"
        if counts.get(rate.denominator):
            return f"比率“{rate.key}”大到无法计算，请检查“{rate.denominator}”的数值"
        return f"比率“{rate.key}”的分母“{rate.denominator}”为 0，无法计算"
    if group.count(name) is not None:
        return f"指标“{group.key}.{name}”尚未填写数值"
    return f"指标组“{group.key}”中没有“{name}”，可用：{'、'.join(group.field_names())}"
