"""Narrative strings: the values they may reference and their rendering.

Narrative may reference metrics ({{ 行政复议.审结 }}) so a figure is written once;
every reference is checked before anything is rendered, and all missing ones are
reported together with the file:line where they were written.
"""

from __future__ import annotations

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..core.errors import DataError, Problem
from ..core.metrics import group_view, why_missing
from ..core.numerals import cn_number
from .comparison import comparison_hint, comparison_view, why_no_comparison
from .markup import escape_line
from .model import Text, YearData
from .references import missing_references

CONTEXT_NAMES = ("年度", "下一年度", "上一年度", "地区")


def make_env(loader=None) -> SandboxedEnvironment:
    """The sandboxed, strict Jinja environment used for narrative and templates."""
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )
    env.filters["cn"] = cn_number
    return env


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


def check_references(data: YearData, context: dict) -> None:
    """Raise DataError naming every narrative reference the data cannot resolve."""
    env, problems = make_env(), []
    for text in all_texts(data):
        problems += _text_problems(env, text, context, data)
    if problems:
        raise DataError(problems)


def _text_problems(env, text: Text, context: dict, data: YearData) -> list[Problem]:
    try:
        missing = missing_references(env, text.value, context)
    except jinja2.TemplateSyntaxError as exc:
        return [
            data.located.problem(
                text.path,
                f"叙述中的 {{{{ }}}} 写法有误：{exc.message}",
                "引用指标的写法如：审结{{ 行政复议.审结 }}件",
            )
        ]
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


def resolve(text: Text | None, context: dict) -> list[str]:
    """A narrative string rendered with its metric values, split into paragraphs."""
    if text is None or not text.value.strip():
        return []
    rendered = make_env().from_string(text.value).render(context)
    return [escape_line(p) for p in Text(rendered, text.path).paragraphs()]
