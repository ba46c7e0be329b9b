"""Year data -> template context -> markup -> Document.

Narrative strings may reference metrics ({{ 行政复议.审结 }}) so a figure is
written once; every reference is checked before anything is rendered, and all
missing ones are reported together with the file:line where they were written.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .data import Group, Item, SectionData, Text, YearData
from .document import Document, cn_number, escape_line, parse_markup
from .errors import DataError, Problem, TemplateProblem
from .findings import Finding, Severity
from .metrics import broken_relations, group_view, why_missing
from .refs import missing_references
from .resources import default_template_dir
from .schema import OFFICIAL_PARTS
from .yamlloc import read_text

TEMPLATE_FILE = "report.j2"
_SENTENCE_END = "。！？；：.!?;:"


def make_env(loader=None) -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined,
                               autoescape=False, keep_trailing_newline=True)
    env.filters["cn"] = cn_number
    return env


def date_cn(value: _dt.date | None) -> str:
    """GB/T 9704 7.3.5.4: 2025年3月5日 — Arabic numerals, no leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@dataclass
class Rendered:
    document: Document
    warnings: list[Finding]
    markup: str


def render(data: YearData, template_dir: Path | None = None) -> Rendered:
    if not any(sd.has_content() for sd in data.sections.values()):
        raise DataError([Problem("各章节都还没有内容，无法成稿", data.file,
                                 hint="先在各章节的“事项 → 内容”中写入叙述，再运行 build")])
    narrative = narrative_context(data)
    _check_narrative_refs(data, narrative)
    context = template_context(data, narrative)
    markup = render_template(template_dir or default_template_dir(), context, data)
    document = parse_markup(markup)
    document.author = data.meta.signer
    document.title = document.title or data.meta.report_title
    return Rendered(document, build_warnings(data, context["parts"]), markup)


# ── narrative ──────────────────────────────────────────────────────────────

def narrative_context(data: YearData) -> dict:
    year = data.meta.year
    context: dict = {"年度": year, "下一年度": year + 1, "上一年度": year - 1, "地区": data.meta.region}
    values = data.metric_values()
    for group in data.schema.metric_groups():
        view = group_view(group, values.get(group.key, {}))
        context[group.key] = context[group.id] = view
    return context


def _all_texts(data: YearData) -> list[Text]:
    texts = [data.preamble] if data.preamble else []
    for section_data in data.sections.values():
        texts += section_data.texts()
    return texts


def _check_narrative_refs(data: YearData, context: dict) -> None:
    env, problems = make_env(), []
    for text in _all_texts(data):
        problems += _text_problems(env, text, context, data)
    if problems:
        raise DataError(problems)


def _text_problems(env, text: Text, context: dict, data: YearData) -> list[Problem]:
    try:
        missing = missing_references(env, text.value, context)
    except jinja2.TemplateSyntaxError as exc:
        return [data.located.problem(text.path, f"叙述中的 {{{{ }}}} 写法有误：{exc.message}",
                                     "引用指标的写法如：审结{{ 行政复议.审结 }}件")]
    return [data.located.problem(text.path, _explain_missing(chain, data), _reference_hint(chain, data))
            for chain in missing]


def _explain_missing(chain: tuple[str, ...], data: YearData) -> str:
    group = data.schema.metric_group(chain[0])
    dotted = ".".join(chain)
    if group is None:
        return f"叙述引用了未知的名称“{dotted}”"
    if len(chain) == 1:
        return f"“{chain[0]}”是指标组，请写出具体指标，如 {{{{ {chain[0]}.{group.counts[0].key} }}}}"
    counts = data.metric_values().get(group.key, {})
    return f"叙述引用了“{dotted}”，但{why_missing(group, chain[1], counts)}"


def _reference_hint(chain: tuple[str, ...], data: YearData) -> str:
    group = data.schema.metric_group(chain[0])
    if group is None:
        return "可引用：年度、下一年度、上一年度、地区，以及 sections.yaml 中的指标组（如 行政复议.审结）"
    home = data.schema.by_id(group.section)
    return f"在“{home.key}: 指标: {group.key}:”下填写"


def resolve(text: Text | None, context: dict) -> list[str]:
    """A narrative string rendered with its metric values, split into paragraphs."""
    if text is None or not text.value.strip():
        return []
    rendered = make_env().from_string(text.value).render(context)
    return [escape_line(p) for p in Text(rendered, text.path).paragraphs()]


# ── template context ───────────────────────────────────────────────────────

def template_context(data: YearData, narrative: dict) -> dict:
    meta = data.meta
    report = {"title": meta.report_title, "region": meta.region, "level": meta.level,
              "year": meta.year, "next_year": meta.year + 1, "signer": meta.signer,
              "date": meta.date, "date_cn": date_cn(meta.date),
              "party_head": meta.party_head, "gov_head": meta.gov_head}
    views = {sid: _section_view(sd, narrative, meta.year) for sid, sd in data.sections.items()}
    parts = [_part_view(data, part_id, views) for part_id in OFFICIAL_PARTS]
    metrics = {g.key: narrative[g.key] for g in data.schema.metric_groups()}
    tree = _tree(data, views)
    return {**narrative, "report": report, "preamble": resolve(data.preamble, narrative),
            "parts": parts, "sections": views, "tree": tree, "指标": metrics}


def _tree(data: YearData, views: dict) -> list[dict]:
    """The headings to render: the data's own 大纲, or the five parts in conventional order."""
    if data.outline is not None:
        return [_node(n, views, data, 1) for n in data.outline]
    tree = []
    for part_id in OFFICIAL_PARTS:
        children = [{**views[c.id], "level": 2, "children": []} for c in data.schema.children(part_id)
                    if c.id in views and views[c.id]["has_content"]]
        own = views.get(part_id) or _empty_view(data.schema.by_id(part_id), data.meta.year)
        if own["has_content"] or children:
            tree.append({**own, "level": 1, "children": children})
    return tree


def _node(node, views: dict, data: YearData, level: int) -> dict:
    view = views[node.section]
    return {**view, "level": level, "children": [_node(c, views, data, level + 1) for c in node.children]}


def _part_view(data: YearData, part_id: str, views: dict) -> dict:
    section = data.schema.by_id(part_id)
    own = views.get(part_id) or _empty_view(section, data.meta.year)
    children = [views[c.id] for c in data.schema.children(part_id) if c.id in views]
    has_content = own["has_content"] or any(c["has_content"] for c in children)
    return {**own, "children": children, "has_content": has_content}


def _empty_view(section, year: int) -> dict:
    return {"id": section.id, "key": section.key, "heading": section.heading_for(year),
            "style": "1.", "intro": [], "entries": [], "has_content": False}


def _section_view(sd: SectionData, context: dict, year: int) -> dict:
    entries = _entries(sd.items, sd.style, context)
    default = sd.section.heading_for(year) if sd.section.is_part or sd.section.heading else sd.section.title
    return {"id": sd.section.id, "key": sd.section.key,
            "heading": sd.heading or default,
            "style": sd.style, "intro": resolve(sd.intro, context), "entries": entries,
            "has_content": sd.has_content()}


def _entries(items: list, style: str, context: dict) -> list[dict]:
    views, n = [], 0
    for entry in items:
        if isinstance(entry, Group):
            views.append({"is_group": True, "heading": entry.heading, "style": entry.style,
                          "intro": resolve(entry.intro, context),
                          "entries": _entries(entry.items, entry.style, context)})
            continue
        paragraphs = resolve(entry.text, context)
        if not paragraphs:
            continue
        n += 1
        views.append(_item_view(entry, paragraphs, n))
    return views


def _item_view(item: Item, paragraphs: list[str], n: int) -> dict:
    lead = item.lead.replace("|", "｜").strip()
    sentence = lead + ("" if not lead or lead[-1] in _SENTENCE_END else "。")
    ordinal = f"{cn_number(n)}是{sentence}{paragraphs[0]}"
    return {"is_group": False, "lead": sentence, "lead_sentence": sentence,
            "paragraphs": paragraphs, "ordinal_text": ordinal}


# ── template ───────────────────────────────────────────────────────────────

def render_template(template_dir: Path, context: dict, data: YearData) -> str:
    path = Path(template_dir) / TEMPLATE_FILE
    source = read_text(path, "模板文件") if path.is_file() else _no_template(template_dir)
    env = make_env(jinja2.FileSystemLoader(str(template_dir)))
    try:
        missing = missing_references(env, source, context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem([Problem(f"模板语法错误：{exc.message}", str(path), exc.lineno)]) from None
    if missing:
        raise TemplateProblem([_template_missing(path, source, chain, data) for chain in missing])
    try:
        return env.from_string(source).render(context)
    except jinja2.UndefinedError as exc:
        raise TemplateProblem([Problem(f"模板使用了不存在的数据：{exc.message}", str(path))]) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateProblem([Problem(f"模板渲染失败：{exc}", str(path), _template_line(exc))]) from None


def _template_line(exc: Exception) -> int | None:
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _no_template(template_dir: Path) -> str:
    raise TemplateProblem([Problem(f"模板目录中没有 {TEMPLATE_FILE}", str(template_dir),
                                   hint="自定义模板目录需包含 report.j2（可复制 templates/default 修改）")])


def _template_missing(path: Path, source: str, chain: tuple[str, ...], data: YearData) -> Problem:
    dotted = ".".join(chain)
    line = next((i for i, text in enumerate(source.splitlines(), 1) if chain[-1] in text), None)
    group = data.schema.metric_group(chain[0])
    if group is not None and len(chain) > 1:
        counts = data.metric_values().get(group.key, {})
        return Problem(f"模板使用了“{dotted}”，但{why_missing(group, chain[1], counts)}", str(path), line,
                       hint=_reference_hint(chain, data) + f"（数据文件：{data.file}）")
    return Problem(f"模板使用了不存在的变量“{dotted}”", str(path), line,
                   hint="可用变量：report、preamble、parts、sections、指标 及各指标组")


# ── warnings the builder can already see ───────────────────────────────────

def build_warnings(data: YearData, parts: list[dict]) -> list[Finding]:
    warnings = []
    for view in parts:
        part = data.schema.by_id(view["id"])
        if not view["has_content"]:
            warnings.append(Finding("structure.empty", Severity.WARNING,
                                    f"法定部分“{part.title}”没有内容，成稿中将缺少这一部分",
                                    data.file, part.id, part.id))
    warnings += _empty_item_warnings(data) + _relation_warnings(data)
    if data.meta.date is None:
        warnings.append(Finding("meta.date_missing", Severity.WARNING, "未填写成文日期（报告.日期），署名下不显示日期",
                                data.located.location(("报告",))))
    return warnings


def _empty_item_warnings(data: YearData) -> list[Finding]:
    out = []
    for sd in data.sections.values():
        for text in sd.texts():
            if not text.value.strip():
                where = data.located.location(text.path)
                out.append(Finding("text.empty", Severity.WARNING, "这一项内容为空，成稿中不会出现",
                                   where, sd.section.id, sd.section.part))
    return out


def _relation_warnings(data: YearData) -> list[Finding]:
    out = []
    for sd in data.sections.values():
        for name, counts in sd.metrics.items():
            group = data.schema.metric_group(name)
            for rel in broken_relations(group, counts):
                where = data.located.location(sd.path + ("指标", name))
                message = f"{group.key}：“{rel.left}”（{counts[rel.left]}）应当 {rel.op} “{rel.right}”（{counts[rel.right]}）"
                out.append(Finding("numbers.impossible", Severity.WARNING, message, where,
                                   sd.section.id, sd.section.part))
    return out
