"""Loading year-data YAML: every problem in a file reported at once, each located.

Keys are Chinese (what a staff member types); the ascii ids are accepted too.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..core.errors import DataError
from ..core.located import Located, load_located, parse_located
from ..core.schema import Schema, Section, load_schema
from ..core.validate import Field, check, describe
from . import keys as K
from .keyed_reading import KeyedReading
from .metric_reading import MetricReading
from .model import Group, Item, Meta, SectionData, YearData, parse_date
from .outline_reading import OutlineReading

_REPORT_SPEC = {
    K.REGION: Field(str, True),
    K.LEVEL: Field(str, True, choices=K.LEVELS),
    K.YEAR: Field(int, True),
    K.TITLE: Field(str),
    K.SIGNER: Field(str, True),
    K.DATE: Field(_dt.date),
    K.PARTY_HEAD: Field(str),
    K.GOV_HEAD: Field(str),
    K.LINEAGE: Field(str),
}


def load_year_data(path: Path | str, schema: Schema | None = None) -> YearData:
    """Load and validate a year-data file; raise DataError listing every problem."""
    return _from_located(load_located(Path(path)), schema or load_schema())


def parse_year_data(text: str, filename: str = "<输入>", schema: Schema | None = None) -> YearData:
    """Year data from YAML text (as load_year_data, for text that is not in a file)."""
    return _from_located(parse_located(text, filename), schema or load_schema())


def _from_located(located: Located, schema: Schema) -> YearData:
    reader = _Reader(located, schema)
    data = reader.read()
    if reader.problems:
        raise DataError(reader.problems)
    return data


class _Reader(KeyedReading, OutlineReading, MetricReading):
    """Walks the located data once, collecting every problem."""

    def read(self) -> YearData | None:
        root = self.located.data
        if not isinstance(root, dict):
            self.problem(
                (),
                f"年度数据文件的最外层应当是映射（键: 值），实际是{describe(root)}",
                "可用 `drafter init --region 地区 --year 年度` 生成一个完整的骨架",
            )
            return None
        root = self.canonical(root, (), {**K.TOP_KEYS, **self.section_aliases()})
        meta = self.meta(root.get(K.REPORT))
        preamble = self.text(root.get(K.PREAMBLE), (K.PREAMBLE,)) if K.PREAMBLE in root else None
        sections = {}
        for key, value in root.items():
            if key in K.TOP_KEYS:
                continue
            section = self.schema.get(key)
            sections[section.id] = self.section(section, value, (key,))
        outline = self.outline(root[K.OUTLINE], sections) if K.OUTLINE in root else None
        if meta is None:
            return None
        return YearData(meta, self.schema, self.located, preamble, sections, outline)

    def meta(self, raw) -> Meta | None:
        if raw is None:
            self.problem((), "缺少“报告”部分（地区、层级、年度、署名等）")
            return None
        if not isinstance(raw, dict):
            self.problem((K.REPORT,), f"“报告”应当是映射（键: 值），实际是{describe(raw)}")
            return None
        raw = self.canonical(raw, (K.REPORT,), K.REPORT_KEYS)
        if isinstance(raw.get(K.DATE), str):
            raw[K.DATE] = parse_date(raw[K.DATE]) or raw[K.DATE]
        found = check(self.located, (K.REPORT,), raw, _REPORT_SPEC)
        self.problems += found
        if found:
            return None
        year = raw[K.YEAR]
        if not K.FIRST_YEAR <= year <= K.LAST_YEAR:
            self.problem((K.REPORT, K.YEAR), f"年度“{year}”不合理", "请写四位数的年份，如 2024")
        return Meta(
            region=raw[K.REGION],
            level=raw[K.LEVEL],
            year=year,
            signer=raw[K.SIGNER],
            title=raw.get(K.TITLE, ""),
            date=raw.get(K.DATE),
            party_head=raw.get(K.PARTY_HEAD, ""),
            gov_head=raw.get(K.GOV_HEAD, ""),
            lineage=raw.get(K.LINEAGE, ""),
        )

    def section(self, section: Section, raw, path: tuple) -> SectionData:
        data = SectionData(section, path)
        if raw is None or isinstance(raw, str):
            text = self.text(raw, path)
            data.items = [Item(text)] if text and text.value.strip() else []
            return data
        if isinstance(raw, list):
            data.items = self.items(raw, path, 1)
            return data
        if not isinstance(raw, dict):
            self.problem(path, f"章节内容应当是文字、列表或映射，实际是{describe(raw)}")
            return data
        raw = self.canonical(raw, path, K.SECTION_KEYS)
        data.heading = self.string(raw, K.TITLE, path)
        data.style = self.style(raw, path)
        data.intro = self.text(raw[K.INTRO], path + (K.INTRO,)) if K.INTRO in raw else None
        data.items = self.items(raw.get(K.ITEMS) or [], path + (K.ITEMS,), 1)
        data.metrics = self.metrics(section, raw.get(K.METRICS), path + (K.METRICS,))
        data.previous = self.previous_metrics(section, raw.get(K.METRICS), path + (K.METRICS,))
        return data

    def style(self, raw: dict, path: tuple) -> str:
        value = raw.get(K.NUMBERING, K.DEFAULT_STYLE)
        value = K.DEFAULT_STYLE if value in (1, 1.0, "1") else value
        if value not in K.LEAD_STYLES:
            self.problem(
                path + (K.NUMBERING,), f"编号方式“{value}”无效，可选：{'、'.join(K.LEAD_STYLES)}"
            )
            return K.DEFAULT_STYLE
        return value

    def items(self, raw, path: tuple, depth: int) -> list:
        if not isinstance(raw, list):
            self.problem(path, f"“事项”应当是列表（每项以“- ”开头），实际是{describe(raw)}")
            return []
        out = []
        for i, entry in enumerate(raw):
            item = self.item(entry, path + (i,), depth)
            if item is not None:
                out.append(item)
        return out

    def item(self, raw, path: tuple, depth: int):
        if raw is None or isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            text = self.text(raw, path)
            return Item(text) if text else None
        if not isinstance(raw, dict):
            self.problem(path, f"事项应当是文字或映射，实际是{describe(raw)}")
            return None
        raw = self.canonical(raw, path, K.ITEM_KEYS)
        if K.GROUP_HEADING in raw:
            return self.group(raw, path, depth)
        for key in (K.NUMBERING, K.ITEMS):
            if key in raw:
                self.problem(path + (key,), f"“{key}”只能用于带“小标题”的分组", at_key=True)
        if K.TEXT not in raw:
            self.problem(
                path, "事项缺少“内容”", "写法：- 要点: 深化行政审批制度改革\n      内容: ……"
            )
            return None
        text = self.text(raw[K.TEXT], path + (K.TEXT,))
        return Item(text, self.string(raw, K.LEAD, path)) if text else None

    def group(self, raw: dict, path: tuple, depth: int) -> Group | None:
        if depth > 1:
            self.problem(
                path + (K.GROUP_HEADING,),
                "分组不能再嵌套分组",
                "小标题下的事项只能是段落",
                at_key=True,
            )
            return None
        heading = self.string(raw, K.GROUP_HEADING, path)
        items = self.items(raw.get(K.ITEMS) or [], path + (K.ITEMS,), depth + 1)
        intro = self.text(raw[K.TEXT], path + (K.TEXT,)) if K.TEXT in raw else None
        if K.LEAD in raw:
            self.problem(path + (K.LEAD,), "分组用“小标题”，不用“要点”", at_key=True)
        return Group(heading, items, self.style(raw, path), intro)
