"""The bounded Jinja sandbox that renders narrative and report templates.

Jinja's SandboxedEnvironment stops attribute escapes, not resource use: a data
file could loop over huge ranges, raise 9 to a huge power or repeat a string
10^10 times. This subclass keeps the escape protection and adds bounds from
rules/limits.yaml: a wall-clock deadline checked at every attribute, call,
operator and loop step; a size check before any operation that multiplies text
(repeat, padding, replace, join, format widths) and after every value produced;
a cap on the digits of computed integers; and a total of the text produced. A
bound reached raises LimitHit, which the caller turns into a located UserError.
"""

from __future__ import annotations

import time

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from ..core import limits
from ..core.limits import LimitHit
from ..core.numerals import cn_number
from .sandbox_sizes import REMOVED_FILTERS, binop_size, call_arguments, filter_arguments


class Budget:
    """One report's rendering allowance: a deadline and how much text it may produce."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + limits.value("render_seconds")
        self.max_chars = limits.value("render_chars")
        self.max_work = limits.value("render_work_chars")
        self.max_count = limits.value("render_range")
        self.max_digits = limits.value("render_digits")
        self.work = 0

    def tick(self) -> None:
        """Stop once the deadline has passed."""
        if time.monotonic() > self.deadline:
            raise LimitHit("render_seconds")

    def expect(self, chars: int) -> None:
        """Refuse, before it is built, a value longer than render_chars."""
        if chars > self.max_chars:
            raise LimitHit("render_chars", f"这里要生成 {chars:,} 字")

    def count(self, n: int) -> None:
        """Refuse a range, a repeat count or a width above render_range."""
        if n > self.max_count:
            raise LimitHit("render_range", f"这里是 {n:,}")

    def digits(self, n: float) -> None:
        """Refuse an integer result of more than render_digits digits."""
        if n > self.max_digits:
            raise LimitHit("render_digits", f"这里约 {int(n):,} 位")

    def sized(self, value):
        """Pass a produced value on after checking its length and adding it to the total."""
        if isinstance(value, (str, list, tuple, dict, set, bytes)):
            self.expect(len(value))
            self.work += len(value)
            if self.work > self.max_work:
                raise LimitHit("render_work_chars")
        return value


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles every for-loop through environment.guard_iter and every ~ through join_parts."""

    def visit_For(self, node: nodes.For, frame) -> None:
        """A for-loop whose iterable is stepped through the deadline check."""
        guarded = nodes.Call(nodes.EnvironmentAttribute("guard_iter"), [node.iter], [], None, None)
        guarded.set_lineno(node.lineno)
        copy = nodes.For(node.target, guarded, node.body, node.else_, node.test, node.recursive)
        copy.set_lineno(node.lineno)
        copy.set_environment(self.environment)
        super().visit_For(copy, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        """a ~ b ~ c, measured before it is joined."""
        self.write("environment.join_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with time, size, range and digit bounds; see the module docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _GuardedCodeGenerator

    def __init__(self, budget: Budget | None = None, loader=None) -> None:
        super().__init__(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            optimized=False,  # no constant folding: 9 ** 9999999 would run while compiling
        )
        self.budget = budget or Budget()
        self.globals = {
            "range": self.bounded_range,
            "dict": dict,
            "namespace": Namespace,
            "cycler": Cycler,
            "joiner": Joiner,
        }
        self.filters = {
            name: self._guarded(name, f)
            for name, f in self.filters.items()
            if name not in REMOVED_FILTERS
        }
        self.filters["cn"] = self._guarded("cn", cn_filter)
        self.concat = self.join_parts

    # ── hooks the compiled template calls ────────────────────────────────

    def call_binop(self, context, operator: str, left, right):
        """An intercepted operator: checked before, measured after."""
        self.budget.tick()
        binop_size(self.budget, operator, left, right)
        return self.budget.sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's own signature
        """A call from the template: checked before, measured after."""
        __self.budget.tick()
        args = call_arguments(__self.budget, __obj, args, kwargs)
        return __self.budget.sized(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj, attribute: str):
        """Attribute access (also a deadline check)."""
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        """Subscription (also a deadline check)."""
        self.budget.tick()
        return super().getitem(obj, argument)

    def guard_iter(self, iterable):
        """Every loop step checks the deadline."""
        for item in iterable:
            self.budget.tick()
            yield item

    def join_parts(self, parts) -> str:
        """Output and ~ joined only after their total length is known to be within bounds."""
        texts = [p if isinstance(p, str) else str(p) for p in parts]
        self.budget.expect(sum(map(len, texts)))
        return self.budget.sized("".join(texts))

    def bounded_range(self, *args: int) -> range:
        """range() of at most render_range items."""
        self.budget.tick()
        numbers = range(*args)
        self.budget.count(len(numbers))
        return numbers

    def _guarded(self, name: str, func):
        budget = self.budget

        def guarded(*args, **kwargs):
            budget.tick()
            args, kwargs = filter_arguments(budget, name, func, args, kwargs)
            return budget.sized(func(*args, **kwargs))

        for attr in ("jinja_pass_arg", "__name__", "__doc__"):
            if hasattr(func, attr):
                setattr(guarded, attr, getattr(func, attr))
        return guarded


def cn_filter(value) -> str:
    """{{ n | cn }}: a positive integer in Chinese numerals (一、十二、一百零一)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 100_000_000:
        raise jinja2.TemplateRuntimeError(f"cn 只能把 1 到一亿以内的整数写成汉字，收到“{value}”")
    return cn_number(value)


def make_env(loader=None, budget: Budget | None = None) -> BoundedSandbox:
    """The bounded, strict sandbox for narrative and templates (sharing budget when given)."""
    return BoundedSandbox(budget, loader)


_REASONS = {
    ZeroDivisionError: "除数为 0",
    OverflowError: "数值过大，无法计算",
    RecursionError: "递归过深（宏、include 或 extends 调用了自身？）",
}


def render_reason(exc: BaseException) -> str:
    """Why a render failed, in Chinese, for an error raised inside narrative or a template."""
    if isinstance(exc, jinja2.UndefinedError):
        return f"使用了不存在的数据：{exc.message}"
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return f"出于安全考虑不允许这种写法：{exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"找不到模板“{exc.name}”"
    if isinstance(exc, jinja2.TemplateError):
        return exc.message or type(exc).__name__
    for kind, reason in _REASONS.items():
        if isinstance(exc, kind):
            return reason
    return f"计算出错：{type(exc).__name__}: {exc}"


# What rendering user-written Jinja may raise because of what was written (not a defect of ours).
RENDER_ERRORS = (
    jinja2.TemplateError,
    ArithmeticError,
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    RecursionError,
)
