"""The report template: its context (sections, items, the heading tree) and rendering
to line markup, with template errors located in the template file."""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..core.errors import LimitExceeded, Problem, TemplateProblem
from ..core.limits import LimitHit
from ..core.metrics import why_missing
from ..core.numerals import cn_number, date_cn
from ..core.schema import OFFICIAL_PARTS
from ..core.validate import control_character
from .keys import DEFAULT_STYLE
from .model import Group, Item, SectionData, YearData
from .narrative import Narrative, reference_hint
from .references import missing_references
from .sandbox import RENDER_ERRORS, Budget, make_env, render_reason
from .template_files import FolderLoader, folder_file, read_template

TEMPLATE_FILE = "report.j2"
_SENTENCE_END = "。！？；：.!?;:"


# ── template context ───────────────────────────────────────────────────────


def template_context(data: YearData, narrative: Narrative) -> dict:
    """What report.j2 sees: report, preamble, parts, sections, the heading tree, metrics."""
    meta = data.meta
    report = {
        "title": meta.report_title,
        "region": meta.region,
        "level": meta.level,
        "year": meta.year,
        "next_year": meta.year + 1,
        "signer": meta.signer,
        "date": meta.date,
        "date_cn": date_cn(meta.date),
        "party_head": meta.party_head,
        "gov_head": meta.gov_head,
    }
    views = {sid: _section_view(sd, narrative, meta.year) for sid, sd in data.sections.items()}
    parts = [_part_view(data, part_id, views) for part_id in OFFICIAL_PARTS]
    metrics = {g.key: narrative.context[g.key] for g in data.schema.metric_groups()}
    tree = _tree(data, views)
    return {
        **narrative.context,
        "report": report,
        "preamble": narrative.resolve(data.preamble),
        "parts": parts,
        "sections": views,
        "tree": tree,
        "指标": metrics,
    }


def _tree(data: YearData, views: dict) -> list[dict]:
    """The headings to render: the data's own 大纲, or the five parts in conventional order."""
    if data.outline is not None:
        return [_node(n, views, data, 1) for n in data.outline]
    tree = []
    for part_id in OFFICIAL_PARTS:
        children = [
            {**views[c.id], "level": 2, "children": []}
            for c in data.schema.children(part_id)
            if c.id in views and views[c.id]["has_content"]
        ]
        own = views.get(part_id) or _empty_view(data.schema.by_id(part_id), data.meta.year)
        if own["has_content"] or children:
            tree.append({**own, "level": 1, "children": children})
    return tree


def _node(node, views: dict, data: YearData, level: int) -> dict:
    view = views[node.section]
    return {
        **view,
        "level": level,
        "children": [_node(c, views, data, level + 1) for c in node.children],
    }


def _part_view(data: YearData, part_id: str, views: dict) -> dict:
    section = data.schema.by_id(part_id)
    own = views.get(part_id) or _empty_view(section, data.meta.year)
    children = [views[c.id] for c in data.schema.children(part_id) if c.id in views]
    has_content = own["has_content"] or any(c["has_content"] for c in children)
    return {**own, "children": children, "has_content": has_content}


def _empty_view(section, year: int) -> dict:
    return {
        "id": section.id,
        "key": section.key,
        "heading": section.heading_for(year),
        "style": DEFAULT_STYLE,
        "intro": [],
        "entries": [],
        "has_content": False,
    }


def _section_view(sd: SectionData, narrative: Narrative, year: int) -> dict:
    entries = _entries(sd.items, sd.style, narrative)
    default = (
        sd.section.heading_for(year)
        if sd.section.is_part or sd.section.heading
        else sd.section.title
    )
    return {
        "id": sd.section.id,
        "key": sd.section.key,
        "heading": sd.heading or default,
        "style": sd.style,
        "intro": narrative.resolve(sd.intro),
        "entries": entries,
        "has_content": sd.has_content(),
    }


def _entries(items: list, style: str, narrative: Narrative) -> list[dict]:
    views, n = [], 0
    for entry in items:
        if isinstance(entry, Group):
            views.append(
                {
                    "is_group": True,
                    "heading": entry.heading,
                    "style": entry.style,
                    "intro": narrative.resolve(entry.intro),
                    "entries": _entries(entry.items, entry.style, narrative),
                }
            )
            continue
        paragraphs = narrative.resolve(entry.text)
        if not paragraphs:
            continue
        n += 1
        views.append(_item_view(entry, paragraphs, n))
    return views


def _item_view(item: Item, paragraphs: list[str], n: int) -> dict:
    lead = item.lead.replace("|", "｜").strip()
    sentence = lead + ("" if not lead or lead[-1] in _SENTENCE_END else "。")
    ordinal = f"{cn_number(n)}是{sentence}{paragraphs[0]}"
    return {
        "is_group": False,
        "lead": sentence,
        "lead_sentence": sentence,
        "paragraphs": paragraphs,
        "ordinal_text": ordinal,
    }


# ── rendering ──────────────────────────────────────────────────────────────


def render_template(
    template_dir: Path, context: dict, data: YearData, budget: Budget | None = None
) -> str:
    """The template in template_dir rendered with context; errors located in the template."""
    path = folder_file(template_dir, TEMPLATE_FILE)
    source = read_template(path) if path.is_file() else _no_template(template_dir)
    env = make_env(FolderLoader(template_dir), budget)
    try:
        missing = missing_references(env, source, context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            [Problem(f"模板语法错误：{exc.message}", str(path), exc.lineno)]
        ) from None
    except RecursionError:
        raise TemplateProblem([Problem("模板中的表达式嵌套过深", str(path))]) from None
    if missing:
        raise TemplateProblem([_template_missing(path, source, chain, data) for chain in missing])
    try:
        markup = env.from_string(source).render(context)
    except LimitHit as hit:
        raise LimitExceeded([hit.problem(str(path), _template_line(hit))]) from None
    except RENDER_ERRORS as exc:
        where = getattr(exc, "filename", None) or str(path)
        line = getattr(exc, "lineno", None) or _template_line(exc)
        raise TemplateProblem(
            [Problem(f"模板渲染失败：{render_reason(exc)}", where, line)]
        ) from None
    if control_character(markup):
        bad = control_character(markup)
        raise TemplateProblem([Problem(f"模板生成了无法写入 Word 的字符 {bad}", str(path))])
    return markup


def _template_line(exc: Exception) -> int | None:
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _no_template(template_dir: Path) -> str:
    raise TemplateProblem(
        [
            Problem(
                f"模板目录中没有 {TEMPLATE_FILE}",
                str(template_dir),
                hint="自定义模板目录需包含 report.j2（可复制 templates/default 修改）",
            )
        ]
    )


def _template_missing(path: Path, source: str, chain: tuple[str, ...], data: YearData) -> Problem:
    dotted = ".".join(chain)
    line = next((i for i, text in enumerate(source.splitlines(), 1) if chain[-1] in text), None)
    group = data.schema.metric_group(chain[0])
    if group is not None and len(chain) > 1:
        counts = data.metric_values().get(group.key, {})
        return Problem(
            f"模板使用了“{dotted}”，但{why_missing(group, chain[1], counts)}",
            str(path),
            line,
            hint=reference_hint(chain, data) + f"（数据文件：{data.file}）",
        )
    return Problem(
        f"模板使用了不存在的变量“{dotted}”",
        str(path),
        line,
        hint="可用变量：report、preamble、parts、sections、指标 及各指标组",
    )
