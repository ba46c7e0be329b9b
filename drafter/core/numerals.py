"""Chinese numerals and dates as official documents write them."""

from __future__ import annotations

import datetime as _dt

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 101 -> 一百零一, 110 -> 一百一十, 10001 -> 一万零一 (below 10^8)."""
    if not 0 < n < 100_000_000:
        raise ValueError(f"cannot write {n} as a Chinese ordinal")
    if n >= 10000:
        high, low = divmod(n, 10000)
        tail = ("一" if 10 <= low < 20 else "") + (cn_number(low) if low else "")  # 零一十
        return cn_number(high) + "万" + ("零" if 0 < low < 1000 else "") + tail
    if n < 20:  # 十二, not 一十二
        return ("十" if n >= 10 else "") + (_DIGITS[n % 10] if n % 10 else "")
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + unit
            gap = False
        elif out:
            gap = True
    return out


def date_cn(value: _dt.date | None) -> str:
    """GB/T 9704 7.3.5.4: 2025年3月5日 — Arabic numerals, no leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


_VALUES = {**{d: i for i, d in enumerate(_DIGITS)}, "〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> float | None:
    """60 -> 60, 12.5 -> 12.5, 两 -> 2, 三十五 -> 35, 一百二十 -> 120 (under 10,000); None if
    the text is not a number."""
    try:
        return float(text)
    except ValueError:
        pass
    total, digit = 0, None
    for char in text:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            return None
    return float(total + (digit or 0)) if text else None
