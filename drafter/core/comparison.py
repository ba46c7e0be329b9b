"""Year over year (同比): the change from last year's count to this year's, worded the way
reports write it ("增长12.5%" / "下降3件" / "持平"), and large figures written with 万/亿.

The wording and the thresholds are data (rules/wording.yaml); this module holds the
arithmetic only, so the template's {{ 行政复议.收到.同比 }} and the check of a typed
"同比增长20%" use one definition of the change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from .ruletable import load_rules
from .validate import Field

_UNIT = {"from": Field(int, True), "divisor": Field(int, True), "unit": Field(str, True)}
_SPEC = {
    "source": Field(str, True),
    "yoy": Field(
        dict,
        True,
        {
            "percent_min_base": Field(float, True),
            "decimals": Field(int, True),
            "up": Field(str, True),
            "down": Field(str, True),
            "same": Field(str, True),
            "rate_up": Field(str, True),
            "rate_down": Field(str, True),
        },
    ),
    "large_numbers": Field(
        dict, True, {"decimals": Field(int, True), "units": Field(list, True, _UNIT)}
    ),
}


@lru_cache(maxsize=1)
def wording() -> dict:
    """rules/wording.yaml, validated."""
    return load_rules("wording.yaml", _SPEC)


def plain(value: float, decimals: int) -> str:
    """value rounded half-up to decimals, trailing zeros dropped: 12.50 -> 12.5, 3.0 -> 3."""
    if not math.isfinite(value):
        return str(value)  # only in messages about a value that is refused anyway
    exact = Decimal(repr(float(value)))
    digits = max(exact.adjusted(), 0) + decimals + 2  # enough precision for any finite float
    rounded = exact.quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits))
    )
    text = format(rounded, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def large_number(value: float) -> str | None:
    """510000 -> 51万, 123456789 -> 1.23亿; None below the smallest threshold."""
    rules = wording()["large_numbers"]
    for unit in rules["units"]:
        if abs(value) >= unit["from"]:
            return plain(value / unit["divisor"], rules["decimals"]) + unit["unit"]
    return None


@dataclass(frozen=True)
class Change:
    """Last year's value and this year's; percent is None when last year's is 0."""

    previous: float
    current: float

    @property
    def diff(self) -> float:
        """This year's minus last year's."""
        return self.current - self.previous

    @property
    def percent(self) -> float | None:
        """The change as a percentage of last year's value."""
        return self.diff * 100.0 / self.previous if self.previous else None


def _signed(template_up: str, template_down: str, diff: float, number: str, suffix: str) -> str:
    """The up or down wording of an amount; 持平 when it rounds to 0."""
    if number == "0":
        return wording()["yoy"]["same"]
    return (template_up if diff > 0 else template_down).format(amount=number + suffix)


def count_words(change: Change, unit: str) -> str:
    """The change as a count: 增长3件 / 下降3件 / 持平."""
    rules = wording()["yoy"]
    number = plain(abs(change.diff), rules["decimals"])
    return _signed(rules["up"], rules["down"], change.diff, number, unit)


def percent_words(change: Change) -> str | None:
    """The change as a percentage: 增长12.5% / 下降5% / 持平; None when last year's was 0."""
    rules = wording()["yoy"]
    if change.percent is None:
        return None
    number = plain(abs(change.percent), rules["decimals"])
    return _signed(rules["up"], rules["down"], change.diff, number, "%")


def yoy_words(change: Change, unit: str) -> str:
    """同比 as reports write it: a percentage, or the count when last year's base is small."""
    if change.previous >= wording()["yoy"]["percent_min_base"]:
        return percent_words(change) or count_words(change, unit)
    return count_words(change, unit)


def points_words(change: Change) -> str:
    """The change of a rate in percentage points: 提高2.1个百分点 / 下降3个百分点 / 持平."""
    rules = wording()["yoy"]
    number = plain(abs(change.diff), rules["decimals"])
    return _signed(rules["rate_up"], rules["rate_down"], change.diff, number, "")
