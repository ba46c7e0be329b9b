"""Size arithmetic for the bounded sandbox: how large a value would be, known before it is built.

Only operations whose result can be much larger than their inputs need a check here
(repeat, power, padding, replace, join, sum, format widths); every other value is
measured after it is produced (Budget.sized).
"""

from __future__ import annotations

import inspect
import itertools
import math
import re
import string
from functools import lru_cache

from jinja2.filters import make_attrgetter

# Filters for web pages, not reports: they cost time out of proportion on hostile input
# (regular expressions over the whole text, text wrapping) or make output random.
REMOVED_FILTERS = ("striptags", "urlize", "wordwrap", "xmlattr", "tojson", "pprint", "random")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")
_LOG10_2 = math.log10(2)


def _int(value) -> bool:
    return isinstance(value, int)


def _seq(value) -> bool:
    return isinstance(value, (str, list, tuple, bytes))


def _number(digits: str) -> int:
    return int(digits) if len(digits) < 12 else 10**12


def binop_size(budget, operator: str, left, right) -> None:
    """Refuse a * b, a ** b, a + b or a % b whose result would exceed the budget."""
    if operator == "*":
        if _seq(left) and _int(right) or _seq(right) and _int(left):
            seq, times = (left, right) if _seq(left) else (right, left)
            budget.expect(len(seq) * max(times, 0))
        elif _int(left) and _int(right):
            budget.digits((abs(left).bit_length() + abs(right).bit_length()) * _LOG10_2)
    elif operator == "**":
        if _int(left) and _int(right) and right > 0 and abs(left) > 1:
            budget.digits(right * math.log10(abs(left)))
    elif operator == "+":
        if _seq(left) and _seq(right):
            budget.expect(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        percent_widths(budget, left, right if isinstance(right, tuple) else (right,))


def percent_widths(budget, template: str, values) -> None:
    """'%5000000d' % 1: widths and precisions of %-formatting within the budget."""
    for found in _PERCENT.finditer(template):
        for part in found.groups():
            if part == "*":
                budget.expect(max((v for v in values if _int(v)), default=0))
            elif part:
                budget.expect(_number(part))


def format_widths(budget, template: str, values) -> None:
    """'{:>5000000}'.format(1): widths in str.format specs (nested {} take the values)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # the call itself reports the malformed format string
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            budget.expect(max((v for v in values if _int(v)), default=0))
        for digits in _DIGITS.findall(spec):
            budget.expect(_number(digits))


def call_arguments(budget, func, args: tuple, kwargs: dict) -> tuple:
    """Check a method call of a string, bytes or integer; return the arguments to call with."""
    wrapped = getattr(func, "__wrapped__", None)  # the sandbox's own str.format wrapper
    if getattr(wrapped, "__name__", "") in ("format", "format_map"):
        owner = getattr(wrapped, "__self__", None)
        if isinstance(owner, str):
            values = list(args) + list(kwargs.values())
            if wrapped.__name__ == "format_map" and args and isinstance(args[0], dict):
                values = list(args[0].values())
            format_widths(budget, owner, values)
        return args
    owner = getattr(func, "__self__", None)
    if not isinstance(owner, (str, bytes, int)):
        return args
    for value in list(args) + list(kwargs.values()):
        if _int(value):  # center(10**10), zfill, ljust, expandtabs, to_bytes
            budget.expect(value)
    name = getattr(func, "__name__", "")
    if isinstance(owner, (str, bytes)) and name in _STR_METHODS:
        return _STR_METHODS[name](budget, owner, args, kwargs)
    return args


def _str_replace(budget, text, args, kwargs) -> tuple:
    if len(args) >= 2 and _seq(args[0]) and _seq(args[1]):
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        budget.expect(_replaced_length(text, args[0], args[1], count))
    return args


def _str_join(budget, text, args, kwargs) -> tuple:
    if not args:
        return args
    items = list(args[0])
    budget.expect(sum(len(x) for x in items if _seq(x)) + len(text) * len(items))
    return (items,) + args[1:]


def _str_expandtabs(budget, text, args, kwargs) -> tuple:
    size = args[0] if args else kwargs.get("tabsize", 8)
    if _int(size):
        budget.expect(len(text) + text.count("\t" if isinstance(text, str) else b"\t") * size)
    return args


_STR_METHODS = {"replace": _str_replace, "join": _str_join, "expandtabs": _str_expandtabs}


def _replaced_length(text, old, new, count) -> int:
    times = text.count(old) if old else len(text) + 1
    if _int(count) and count >= 0:
        times = min(times, count)
    return len(text) + times * len(new)


@lru_cache(maxsize=64)
def _signature(func) -> inspect.Signature:
    return inspect.signature(func)


def filter_arguments(budget, name: str, func, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    """Check a filter call before it runs; return the arguments to call it with."""
    check = _FILTERS.get(name)
    if check is None:
        return args, kwargs
    try:
        bound = _signature(func).bind(*args, **kwargs)
    except TypeError:
        return args, kwargs  # the call itself reports the wrong arguments
    bound.apply_defaults()
    check(budget, bound.arguments)
    return bound.args, bound.kwargs


def _f_center(budget, a) -> None:
    if _int(a.get("width")):
        budget.expect(a["width"])


def _f_indent(budget, a) -> None:
    text, width = str(a.get("s", "")), a.get("width", 4)
    pad = width if _int(width) else len(str(width))
    budget.expect(len(text) + (text.count("\n") + 1) * pad)


def _f_replace(budget, a) -> None:
    text, old, new = str(a.get("s", "")), str(a.get("old", "")), str(a.get("new", ""))
    budget.expect(_replaced_length(text, old, new, a.get("count")))


def _f_format(budget, a) -> None:
    values = tuple(a.get("args", ())) + tuple(a.get("kwargs", {}).values())
    percent_widths(budget, str(a.get("value", "")), values)


def _f_batch_slice(budget, a) -> None:
    n = a.get("linecount", a.get("slices"))
    if _int(n):
        budget.count(n)


def _f_join(budget, a) -> None:
    items = a.get("value", ())
    if a.get("attribute") is not None:
        items = map(make_attrgetter(a["eval_ctx"].environment, a["attribute"]), items)
    items = [x if isinstance(x, str) else str(x) for x in items]
    budget.expect(sum(map(len, items)) + len(str(a.get("d", ""))) * len(items))
    a["value"], a["attribute"] = items, None


def _f_sum(budget, a) -> None:
    items = a.get("iterable", ())
    if a.get("attribute") is not None:
        items = map(make_attrgetter(a["environment"], a["attribute"]), items)
    items, start = list(items), a.get("start", 0)
    if isinstance(start, (list, tuple)) and all(isinstance(x, type(start)) for x in items):
        budget.expect(len(start) + sum(map(len, items)))
        # summed in one pass (tuple + tuple repeatedly would be quadratic)
        a["iterable"], a["start"] = [type(start)(itertools.chain(start, *items))], type(start)()
    else:
        a["iterable"], a["attribute"] = items, None


_FILTERS = {
    "center": _f_center,
    "indent": _f_indent,
    "replace": _f_replace,
    "format": _f_format,
    "batch": _f_batch_slice,
    "slice": _f_batch_slice,
    "join": _f_join,
    "sum": _f_sum,
}
