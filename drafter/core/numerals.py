"""Chinese numerals and dates as official documents write them."""

from __future__ import annotations

import datetime as _dt

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (1..99)."""
    if not 0 < n < 100:
        raise ValueError(f"cannot write {n} as a Chinese ordinal")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def date_cn(value: _dt.date | None) -> str:
    """GB/T 9704 7.3.5.4: 2025年3月5日 — Arabic numerals, no leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""
