"""Narrative strings: the values they may reference and their rendering.

Narrative may reference metrics ({{ 行政复议.审结 }}) so a figure is written once;
every reference is checked before anything is rendered, and all missing ones are
reported together with the file:line where they were written.
"""

from __future__ import annotations

import jinja2

from ..core.errors import DataError, LimitExceeded, Problem
from ..core.limits import LimitHit, limit_problem
from ..core.metrics import group_view, why_missing
from ..core.validate import control_character
from .comparison import comparison_hint, comparison_view, why_no_comparison
from .markup import escape_line
from .model import Text, YearData
from .references import missing_references
from .sandbox import RENDER_ERRORS, BoundedSandbox, make_env, render_reason

CONTEXT_NAMES = ("年度", "下一年度", "上一年度", "地区")
_HINT = "引用指标的写法如：审结{{ 行政复议.审结 }}件"


def narrative_context(data: YearData) -> dict:
    """What narrative may reference: the years, the region and every metric group."""
    year = data.meta.year
    context: dict = dict(zip(CONTEXT_NAMES, (year, year + 1, year - 1, data.meta.region)))
    values, previous = data.metric_values(), data.previous_values()
    for group in data.schema.metric_groups():
        view = comparison_view(group, values.get(group.key, {}), previous.get(group.key, {}))
        context[group.key] = context[group.id] = view
    return context


def all_texts(data: YearData) -> list[Text]:
    """Every narrative string of the data, preamble first."""
    texts = [data.preamble] if data.preamble else []
    for section_data in data.sections.values():
        texts += section_data.texts()
    return texts


def check_references(data: YearData, context: dict, env: BoundedSandbox | None = None) -> None:
    """Raise DataError naming every narrative reference the data cannot resolve."""
    env, problems = env or make_env(), []
    for text in all_texts(data):
        problems += _text_problems(env, text, context, data)
    if problems:
        raise DataError(problems)


def _text_problems(env, text: Text, context: dict, data: YearData) -> list[Problem]:
    if "{" not in text.value:
        return []
    try:
        missing = missing_references(env, text.value, context)
    except jinja2.TemplateSyntaxError as exc:
        return [
            data.located.problem(text.path, f"叙述中的 {{{{ }}}} 写法有误：{exc.message}", _HINT)
        ]
    except RecursionError:
        return [data.located.problem(text.path, "叙述中的 {{ }} 嵌套过深", _HINT)]
    return [
        data.located.problem(text.path, explain_missing(chain, data), reference_hint(chain, data))
        for chain in missing
    ]


def explain_missing(chain: tuple[str, ...], data: YearData) -> str:
    """Why a reference like 行政复议.纠错率 has no value, in Chinese."""
    group = data.schema.metric_group(chain[0])
    dotted = ".".join(chain)
    if group is None:
        return f"叙述引用了未知的名称“{dotted}”"
    if len(chain) == 1:
        return (
            f"“{chain[0]}”是指标组，请写出具体指标，如 {{{{ {chain[0]}.{group.counts[0].key} }}}}"
        )
    counts = data.metric_values().get(group.key, {})
    if len(chain) > 2 and chain[1] in group_view(group, counts):  # a comparison: {{ x.收到.同比 }}
        previous = data.previous_values().get(group.key, {})
        reason = why_no_comparison(group, chain[1], chain[2], previous)
        return f"叙述引用了“{dotted}”，但{reason or f'“{chain[1]}”没有“{chain[2]}”'}"
    return f"叙述引用了“{dotted}”，但{why_missing(group, chain[1], counts)}"


def reference_hint(chain: tuple[str, ...], data: YearData) -> str:
    """Where to fill in the value a reference needs."""
    group = data.schema.metric_group(chain[0])
    if group is None:
        return (
            f"可引用：{'、'.join(CONTEXT_NAMES)}，以及 sections.yaml 中的指标组（如 行政复议.审结）"
        )
    home = data.schema.by_id(group.section)
    counts = data.metric_values().get(group.key, {})
    if len(chain) > 2 and chain[1] in group_view(group, counts):
        return comparison_hint(group, home.key)
    return f"在“{home.key}: 指标: {group.key}:”下填写"


class Narrative:
    """Narrative strings rendered with their metric values, each once, in one bounded sandbox."""

    def __init__(self, data: YearData, env: BoundedSandbox | None = None):
        self.data, self.env = data, env or make_env()
        self.context = narrative_context(data)
        self._done: dict[tuple, list[str]] = {}

    def resolve(self, text: Text | None) -> list[str]:
        """A narrative string rendered and split into paragraphs (markup-escaped)."""
        if text is None or not text.value.strip():
            return []
        if text.path not in self._done:
            self._done[text.path] = self._render(text)
        return self._done[text.path]

    def _render(self, text: Text) -> list[str]:
        located = self.data.located
        try:
            rendered = (  # plain prose (no {{ }} or {% %}) needs no template engine
                self.env.from_string(text.value).render(self.context)
                if "{" in text.value
                else text.value
            )
        except LimitHit as hit:
            found = limit_problem(hit.name, "", found=hit.found)
            raise LimitExceeded([located.problem(text.path, found.message, found.hint)]) from None
        except RENDER_ERRORS as exc:
            message = f"叙述中的 {{{{ }}}} 无法计算：{render_reason(exc)}"
            raise DataError([located.problem(text.path, message, _HINT)]) from None
        if control_character(rendered):
            message = f"叙述的 {{{{ }}}} 生成了无法写入 Word 的字符 {control_character(rendered)}"
            raise DataError([located.problem(text.path, message, _HINT)])
        return [escape_line(p) for p in Text(rendered, text.path).paragraphs()]
