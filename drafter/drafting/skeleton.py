"""`drafter init`: a complete year-data skeleton, or last year's structure carried over."""

from __future__ import annotations

from ..core.errors import UserError
from ..core.schema import OFFICIAL_PARTS, Schema, Section, load_schema
from ..core.validate import control_character
from . import keys as K
from .model import Group, SectionData, YearData
from .yaml_writer import comment_lines, scalar

REWRITE = "【待改写】上年原文，仅供参考，请按今年实际重写："


def skeleton(
    region: str, year: int, level: str = "区县政府", signer: str = "", schema: Schema | None = None
) -> str:
    """A year-data file with every section and metric, values empty, guidance in comments."""
    _check_meta(region, year, level)
    schema = schema or load_schema()
    signer = signer or _default_signer(region, level)
    lines = _header(region, year) + _meta_lines(region, level, year, signer, None)
    lines += ["", "# 导语：开头一段，概括全年情况。", f'{K.PREAMBLE}: ""', ""]
    for section in _ordered(schema):
        lines += _section_lines(section, None, year)
    return "\n".join(lines) + "\n"


def carry_over(previous: YearData, lineage: str | None = None) -> str:
    """Next year's file: last year's structure, numbers cleared (last year's kept as 上年, for
    同比), narrative marked for rewriting; lineage (报告.上年数据) names last year's file."""
    meta, schema = previous.meta, previous.schema
    year = meta.year + 1
    lines = _header(meta.region, year) + [
        f"# 结构沿用自 {previous.file}（{meta.year}年）；数字已清空（上年的数记在各指标组的"
        "“上年”下），叙述须重写。",
        "# 同比：叙述中写 {{ 行政复议.收到.同比 }}，按“上年”的数算出“增长12.5%”“下降3件”“持平”。",
    ]
    lines += _meta_lines(meta.region, meta.level, year, meta.signer, meta)
    lineage = lineage if lineage is not None else previous.file
    lines.append(
        f"  {K.LINEAGE}: {scalar(lineage)}  # 上年的数据文件：检查时与上年报告比对、核对同比"
    )
    lines += ["", "# 导语：开头一段，概括全年情况。"]
    if previous.preamble and previous.preamble.value.strip():
        lines += comment_lines("\n".join(previous.preamble.paragraphs()), "", REWRITE)
    lines += [f'{K.PREAMBLE}: ""', ""]
    for section in _ordered(schema):
        lines += _section_lines(section, previous.sections.get(section.id), year)
    return "\n".join(lines) + "\n"


def _check_meta(region: str, year: int, level: str) -> None:
    if not region.strip():
        raise UserError("请用 --region 给出地区或单位名称，如 --region 明湖区")
    if not K.FIRST_YEAR <= year <= K.LAST_YEAR:
        raise UserError(f"年度“{year}”不合理，请写四位数年份，如 --year 2025")
    if control_character(region):
        raise UserError(f"--region 中有不可见的控制字符（{control_character(region)}），请删去")
    if level not in K.LEVELS:
        raise UserError(f"层级“{level}”无效，可选：{'、'.join(K.LEVELS)}")


def _default_signer(region: str, level: str) -> str:
    return region if level == "政府部门" else f"{region}人民政府"


def _ordered(schema: Schema) -> list[Section]:
    """Five official parts in order, the thematic sections right after 主要举措和成效."""
    out = []
    for part in OFFICIAL_PARTS:
        out.append(schema.by_id(part))
        out += schema.children(part)
    return out


def _header(region: str, year: int) -> list[str]:
    return [
        f"# {region}{year}年法治政府建设情况报告 · 年度数据",
        "# 由 drafter init 生成。填好后运行：drafter build 本文件 -o 报告.docx",
        "# 写法：叙述写在“内容”里；数字填在各章节“指标”下，叙述中用 {{ 行政复议.审结 }} 引用，",
        "#       比率（纠错率、持证率等）由工具按计数计算，不要手填；不填的数字留 ~ 即可。",
        "# 编号方式（编号）：1.（段首编号）、一是（各项连成一段）、一是分段、无。",
        "# 多段内容：用 | 开头，每行一段；长段落想折行书写，用 >- 开头，空行分段。",
    ]


def _meta_lines(region: str, level: str, year: int, signer: str, previous) -> list[str]:
    lines = [
        f"{K.REPORT}:",
        f"  {K.REGION}: {scalar(region)}",
        f"  {K.LEVEL}: {scalar(level)}  # 可选：{'、'.join(K.LEVELS)}",
        f"  {K.YEAR}: {year}",
        f"  {K.SIGNER}: {scalar(signer)}  # 落款单位",
        f"  {K.DATE}: ~  # 成文日期，如 {year + 1}-03-10；政府部门 3月1日前报送，4月1日前公开",
    ]
    party = previous.party_head if previous else ""
    gov = previous.gov_head if previous else ""
    lines += [
        f"  {K.PARTY_HEAD}: {scalar(party)}  # 如“区委书记”，第一责任人部分要写到",
        f"  {K.GOV_HEAD}: {scalar(gov)}  # 如“区长”",
    ]
    return lines


def _section_lines(section: Section, previous: SectionData | None, year: int) -> list[str]:
    banner = "═" if section.is_part else "─"
    lines = [f"# {banner * 3} {section.heading_for(year)}（{section.source}）"]
    if section.keywords:
        lines.append(f"# 可写的内容：{'、'.join(section.keywords)}")
    lines.append(f"{section.key}:")
    if previous is not None:
        lines += _previous_body(previous)
    else:
        lines += [
            f'  {K.TITLE}: ""  # 留空则用默认标题',
            f'  {K.NUMBERING}: "1."',
            f"  {K.ITEMS}:",
            f'    - {K.LEAD}: ""',
            f'      {K.TEXT}: ""',
        ]
    lines += _metric_lines(section, previous)
    return lines + [""]


def _previous_body(previous: SectionData) -> list[str]:
    lines = [
        f"  {K.TITLE}: {scalar(previous.heading)}",
        f"  {K.NUMBERING}: {scalar(previous.style)}",
    ]
    if previous.intro and previous.intro.value.strip():
        lines += comment_lines("\n".join(previous.intro.paragraphs()), "  ", REWRITE) + [
            '  概述: ""'
        ]
    lines.append(f"  {K.ITEMS}:" if previous.items else f"  {K.ITEMS}: []")
    for entry in previous.items:
        lines += _previous_entry(entry, "    ")
    return lines


def _previous_entry(entry, indent: str) -> list[str]:
    if isinstance(entry, Group):
        lines = [
            f"{indent}- {K.GROUP_HEADING}: {scalar(entry.heading)}",
            f"{indent}  {K.NUMBERING}: {scalar(entry.style)}",
            f"{indent}  {K.ITEMS}:" if entry.items else f"{indent}  {K.ITEMS}: []",
        ]
        for item in entry.items:
            lines += _previous_entry(item, indent + "    ")
        return lines
    lines = comment_lines("\n".join(entry.text.paragraphs()), indent, REWRITE)
    return lines + [f"{indent}- {K.LEAD}: {scalar(entry.lead)}", f'{indent}  {K.TEXT}: ""']


def _metric_lines(section: Section, previous: SectionData | None = None) -> list[str]:
    if not section.metrics:
        return []
    lines = [f"  {K.METRICS}:"]
    for group in section.metrics:
        must = "（必填）" if group.required else ""
        lines.append(f"    {group.key}:{'  # ' + must if must else ''}")
        for count in group.counts:
            lines.append(f"      {count.key}: ~  # {count.unit}，{count.title}")
        for rate in group.rates:
            lines.append(f"      # {rate.key} = {rate.numerator} ÷ {rate.denominator}，由工具计算")
        last = {k: v for k, v in (previous.metrics if previous else {}).get(group.key, {}).items()}
        if any(v is not None for v in last.values()):
            values = ", ".join(f"{k}: {scalar(v)}" for k, v in last.items() if v is not None)
            lines.append(f"      {K.PREVIOUS}: {{{values}}}  # 上年的数，供同比")
    return lines
