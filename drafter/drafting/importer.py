"""`drafter import`: an existing report -> year-data YAML that builds without edits.

The report's own order and nesting are kept in 大纲, headings in 标题, run-in
items as 要点/内容, and recognised figures as metrics with their source sentence.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..core.errors import Problem, UserError
from ..core.schema import Schema, load_schema
from ..core.validate import control_character
from ..read.figures import Figure, extract_figures
from ..read.identity import guess_level
from ..read.outline import Heading, Outline
from ..read.report import outline_file
from ..read.unit import resolve_unit
from . import keys as K
from .yaml_writer import scalar

_JINJA_MARKS = ("{{", "{%", "{#")


@dataclass
class _Section:
    section_id: str
    heading: str = ""
    intro: list[str] = field(default_factory=list)
    entries: list[dict] = field(
        default_factory=list
    )  # {"lead", "text"} or {"group", "intro", "items"}


@dataclass
class _Node:
    section_id: str
    children: list["_Node"] = field(default_factory=list)


def import_report(
    path,
    *,
    region: str | None = None,
    year: int | None = None,
    level: str | None = None,
    signer: str | None = None,
    schema: Schema | None = None,
) -> tuple[str, Outline]:
    """Year-data YAML text for the report at path, and the mapped outline it came from."""
    schema = schema or load_schema()
    outline = outline_file(path, schema)
    meta = _meta(outline, region, year, level, signer)
    sections: dict[str, _Section] = {}
    nodes = [n for h in outline.headings if (n := _collect(h, sections, schema, 1)) is not None]
    figures = extract_figures([(p.norm, p.text) for p in outline.source.content()])
    return _emit(outline, meta, nodes, sections, figures, schema), outline


def _meta(outline: Outline, region, year, level, signer) -> dict:
    region = resolve_unit(region).name if region else outline.region
    year = year or outline.year
    missing = [name for name, value in (("--region", region), ("--year", year)) if not value]
    file = outline.source.file
    if missing:
        raise UserError(
            [Problem(f"无法从原文推断{'、'.join(missing)}，请用 {' 和 '.join(missing)} 指定", file)]
        )
    if not K.FIRST_YEAR <= year <= K.LAST_YEAR:
        raise UserError([Problem(f"年度“{year}”不合理，请写四位数年份，如 --year 2024", file)])
    for name, value in (("--region", region), ("--signer", signer or "")):
        if control_character(value):
            raise UserError(f"{name} 中有不可见的控制字符（{control_character(value)}），请删去")
    level = level or guess_level(region)
    if level not in K.LEVELS:
        raise UserError([Problem(f"层级“{level}”无效，可选：{'、'.join(K.LEVELS)}", file)])
    signer = signer or outline.issuer or (region if level == "政府部门" else f"{region}人民政府")
    return {
        K.REGION: region,
        K.LEVEL: level,
        K.YEAR: year,
        K.SIGNER: signer,
        K.DATE: outline.date,
        K.TITLE: outline.title,
    }


def _collect(heading: Heading, sections: dict, schema: Schema, depth: int) -> _Node | None:
    """Turn a heading subtree into section content; return its 大纲 node (None if merged)."""
    sid = heading.section
    if sid in sections:  # the same section twice (plans do this): keep the later one as a group
        sections[sid].entries.append(_group(heading))
        return None
    target = sections[sid] = _Section(sid, heading.title)
    target.intro = _paragraphs(heading)
    node = _Node(sid)
    for child in heading.children:
        own_section = child.section != sid and child.section not in sections and not child.runin
        if own_section and depth < 2:
            sub = _collect(child, sections, schema, depth + 1)
            if sub is not None:
                node.children.append(sub)
        elif child.runin:
            target.entries.append(_item(child))
        else:
            target.entries.append(_group(child))
    return node


def _paragraphs(heading: Heading) -> list[str]:
    return ([heading.runin_body] if heading.runin and heading.runin_body else []) + [
        p.text for p in heading.body
    ]


def _item(heading: Heading) -> dict:
    text = _paragraphs(heading) + [t for child in heading.children for t in _flatten(child)]
    return {"lead": heading.title, "text": text}


def _flatten(heading: Heading) -> list[str]:
    """A heading too deep to keep as a heading, written back as the paragraph text it was."""
    first = f"{heading.label}{heading.title}" + (f"。{heading.runin_body}" if heading.runin else "")
    return (
        [first]
        + [p.text for p in heading.body]
        + [t for child in heading.children for t in _flatten(child)]
    )


def _group(heading: Heading) -> dict:
    items = [
        _item(child) if child.runin else {"lead": child.title, "text": _flatten_body(child)}
        for child in heading.children
    ]
    return {"group": heading.title, "intro": _paragraphs(heading), "items": items}


def _flatten_body(heading: Heading) -> list[str]:
    return _paragraphs(heading) + [t for child in heading.children for t in _flatten(child)]


# ── YAML ───────────────────────────────────────────────────────────────────


def _emit(
    outline: Outline,
    meta: dict,
    nodes: list[_Node],
    sections: dict,
    figures: list[Figure],
    schema: Schema,
) -> str:
    lines = [
        f"# 由 drafter import 从 {outline.source.file} 导入（{_kind_note(outline)}）。",
        "# 结构（大纲）、标题与正文按原文保留；识别到的数字放在各章节“指标”下，并注明出处。",
    ]
    lines += _meta_lines(meta)
    if outline.preamble:
        lines += [f"{K.PREAMBLE}: |-"] + _block([p.text for p in outline.preamble], "  ")
    lines += [f"{K.OUTLINE}:"] + _outline_lines(nodes, schema, "  ")
    by_section = _figures_by_section(figures, schema, sections)
    for sid, data in sections.items():
        lines += [""] + _section_lines(schema.by_id(sid), data, by_section.pop(sid, {}))
    for sid, groups in by_section.items():  # figures whose section the report has no heading for
        lines += ["", f"{schema.by_id(sid).key}:"] + _metric_lines(groups)
    return "\n".join(lines) + "\n"


def _kind_note(outline: Outline) -> str:
    return "原文是规划，不是年度报告" if outline.kind == "plan" else "年度报告"


def _meta_lines(meta: dict) -> list[str]:
    lines = [f"{K.REPORT}:"]
    for key in (K.REGION, K.LEVEL, K.YEAR, K.TITLE, K.SIGNER, K.DATE):
        value = meta[key]
        if key == K.TITLE and not value:
            continue
        lines.append(
            f"  {key}: {value.isoformat() if isinstance(value, _dt.date) else scalar(value)}"
        )
    return lines


def _outline_lines(nodes: list[_Node], schema: Schema, indent: str) -> list[str]:
    lines = []
    for node in nodes:
        key = schema.by_id(node.section_id).key
        if node.children:
            lines.append(f"{indent}- {key}:")
            lines += _outline_lines(node.children, schema, indent + "    ")
        else:
            lines.append(f"{indent}- {key}")
    return lines


def _section_lines(section, data: _Section, groups: dict) -> list[str]:
    lines = [f"{section.key}:", f"  {K.TITLE}: {scalar(data.heading)}"]
    styled = any("lead" in e for e in data.entries)
    lines.append(f"  {K.NUMBERING}: {scalar('1.' if styled else '无')}")
    if data.intro:
        lines += ["  概述: |-"] + _block(data.intro, "    ")
    if data.entries:
        lines.append(f"  {K.ITEMS}:")
        for entry in data.entries:
            lines += _entry_lines(entry, "    ")
    elif not data.intro:
        lines.append(f"  {K.ITEMS}: []")
    return lines + _metric_lines(groups)


def _entry_lines(entry: dict, indent: str) -> list[str]:
    if "group" in entry:
        lines = [
            f"{indent}- {K.GROUP_HEADING}: {scalar(entry['group'])}",
            f'{indent}  {K.NUMBERING}: "1."',
        ]
        if entry["intro"]:
            lines += [f"{indent}  {K.TEXT}: |-"] + _block(entry["intro"], indent + "    ")
        lines.append(f"{indent}  {K.ITEMS}:" if entry["items"] else f"{indent}  {K.ITEMS}: []")
        for item in entry["items"]:
            lines += _entry_lines(item, indent + "    ")
        return lines
    lines = [f"{indent}- {K.LEAD}: {scalar(entry['lead'])}"]
    text = entry["text"] or [""]
    return lines + (
        [f"{indent}  {K.TEXT}: |-"] + _block(text, indent + "    ")
        if any(text)
        else [f'{indent}  {K.TEXT}: ""']
    )


def _block(paragraphs: list[str], indent: str) -> list[str]:
    return [f"{indent}{_literal(p)}" for p in paragraphs if p.strip()]


def _literal(text: str) -> str:
    text = text.strip()
    return f"{{% raw %}}{text}{{% endraw %}}" if any(m in text for m in _JINJA_MARKS) else text


def _figures_by_section(figures: list[Figure], schema: Schema, sections: dict) -> dict:
    out: dict[str, dict[str, list[Figure]]] = {}
    for figure in figures:
        group = schema.metric_group(figure.group)
        out.setdefault(group.section, {}).setdefault(group.key, []).append(figure)
    return out


def _metric_lines(groups: dict[str, list[Figure]]) -> list[str]:
    if not groups:
        return []
    lines = [f"  {K.METRICS}:"]
    for group, figures in groups.items():
        lines.append(f"    {group}:")
        for figure in figures:
            lines.append(f"      # 来自：{figure.sentence[:80]}")
            lines.append(f"      {figure.count}: {figure.value}")
    return lines
