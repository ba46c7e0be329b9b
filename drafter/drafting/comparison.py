"""同比 in narrative: {{ 行政复议.收到.同比 }} → 增长12.5%, from the counts and their 上年.

A count's view is still its formatted value ({{ 行政复议.收到 }} → 186); when last
year's count is known (指标.行政复议.上年.收到) it also offers
  .上年  last year's value          → 164
  .同比  the change as reports put it (a percentage, or the count for a small base)
  .增减  the change as a count      → 增长22件
  .增幅  the change as a percentage → 增长13.4%
and a rate offers .上年 and .同比/.增减 in percentage points. The wording is data
(rules/wording.yaml, read by drafter.core.comparison).
"""

from __future__ import annotations

from ..core.comparison import Change, count_words, percent_words, points_words, yoy_words
from ..core.metrics import format_count, format_percent, group_view, rate_value
from ..core.schema import MetricGroup
from .keys import METRICS, PREVIOUS

COMPARISONS = ("上年", "同比", "增减", "增幅")


class Figure(str):
    """A formatted count or rate that also offers its comparison with last year."""


def _figure(text: str, **attributes: str | None) -> Figure:
    figure = Figure(text)
    for name, value in attributes.items():
        if value is not None:
            setattr(figure, name, value)
    return figure


def comparison_view(
    group: MetricGroup, counts: dict[str, float | None], previous: dict[str, float | None]
) -> dict[str, str]:
    """The group's view (as core.metrics.group_view) with 同比 where last year's value is known."""
    view = group_view(group, counts)
    for count in group.counts:
        now, before = counts.get(count.key), previous.get(count.key)
        if now is None or before is None:
            continue
        change = Change(before, now)
        view[count.key] = view[count.id] = _figure(
            view[count.key],
            上年=format_count(before),
            同比=yoy_words(change, count.unit),
            增减=count_words(change, count.unit),
            增幅=percent_words(change),
        )
    for rate in group.rates:
        now, before = rate_value(rate, counts), rate_value(rate, previous)
        if now is None or before is None:
            continue
        words = points_words(Change(before, now))
        view[rate.key] = view[rate.id] = _figure(
            view[rate.key], 上年=format_percent(before, rate.decimals), 同比=words, 增减=words
        )
    return view


def why_no_comparison(group: MetricGroup, name: str, what: str, previous: dict) -> str | None:
    """Why {{ group.name.what }} has no value, when what is a comparison (else None)."""
    if what not in COMPARISONS:
        return None
    rate = next((r for r in group.rates if name in (r.key, r.id)), None)
    needed = [rate.numerator, rate.denominator] if rate else [name]
    missing = [n for n in needed if previous.get(n) is None]
    if what == "增幅" and not missing and not rate:
        return f"上年的“{name}”为 0，无法计算增幅"
    if not missing:
        return f"“{name}”没有“{what}”"
    return f"需要上年的数：“{group.key}.{PREVIOUS}”中的{'、'.join(missing)}"


def comparison_hint(group: MetricGroup, home_key: str) -> str:
    """Where last year's counts go."""
    return (
        f"在“{home_key}: {METRICS}: {group.key}: {PREVIOUS}:”下填写上年的数"
        f"（drafter init --from 上年数据 会自动带入）"
    )
