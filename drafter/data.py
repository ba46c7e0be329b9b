"""Year-data YAML: the facts of one report year, validated with locations.

Keys are Chinese (what a staff member types); the ascii ids are accepted too.
Every problem in a file is reported at once, never only the first.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from .errors import DataError
from .schema import Schema, Section, load_schema
from .spec import Field, check, describe, is_kind, unknown_hint
from .yamlloc import Located, load_located, parse_located

LEVELS = ("区县政府", "市政府", "省政府", "乡镇街道", "政府部门")
LEAD_STYLES = ("1.", "一是", "一是分段", "无")

# canonical key -> ascii alias, per mapping kind
REPORT_KEYS = {"地区": "region", "层级": "level", "年度": "year", "标题": "title",
               "署名": "signer", "日期": "date", "党委主要负责人": "party_head",
               "政府主要负责人": "gov_head"}
SECTION_KEYS = {"标题": "title", "编号": "numbering", "概述": "intro", "事项": "items",
                "指标": "metrics"}
ITEM_KEYS = {"要点": "lead", "内容": "text", "小标题": "heading", "编号": "numbering",
             "事项": "items"}
TOP_KEYS = {"报告": "report", "导语": "preamble", "大纲": "outline"}
MAX_OUTLINE_DEPTH = 2  # sections at levels 1–2; their items and groups use levels 2–4

_REPORT_SPEC = {
    "地区": Field(str, True), "层级": Field(str, True, choices=LEVELS), "年度": Field(int, True),
    "标题": Field(str), "署名": Field(str, True), "日期": Field(_dt.date),
    "党委主要负责人": Field(str), "政府主要负责人": Field(str),
}


# whitespace with a non-ASCII (CJK) character on both sides: an artefact of line wrapping
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+(?=[^\x00-\x7f])")


@dataclass
class Text:
    """A narrative string and where it was written (for located errors)."""

    value: str
    path: tuple

    def paragraphs(self) -> list[str]:
        """Each line is a paragraph; folded (>-) wrapping spaces between CJK characters go."""
        lines = self.value.replace("\r\n", "\n").split("\n")
        return [_CJK_GAP.sub("", line).strip() for line in lines if line.strip()]


@dataclass
class Item:
    text: Text
    lead: str = ""


@dataclass
class Group:
    heading: str
    items: list[Item]
    style: str = "1."
    intro: Text | None = None


@dataclass
class SectionData:
    section: Section
    path: tuple
    heading: str = ""
    style: str = "1."
    intro: Text | None = None
    items: list[Union[Item, Group]] = field(default_factory=list)
    metrics: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def texts(self) -> list[Text]:
        out = [self.intro] if self.intro else []
        for entry in self.items:
            if isinstance(entry, Group):
                out += ([entry.intro] if entry.intro else []) + [i.text for i in entry.items]
            else:
                out.append(entry.text)
        return out

    def has_content(self) -> bool:
        return any(t.value.strip() for t in self.texts())


@dataclass
class Meta:
    region: str
    level: str
    year: int
    signer: str
    title: str = ""
    date: _dt.date | None = None
    party_head: str = ""
    gov_head: str = ""

    @property
    def report_title(self) -> str:
        return self.title or f"{self.region}{self.year}年法治政府建设情况报告"


@dataclass
class OutlineNode:
    """One heading of the report's own structure (year data key 大纲)."""

    section: str  # schema id
    children: list["OutlineNode"] = field(default_factory=list)


@dataclass
class YearData:
    meta: Meta
    schema: Schema
    located: Located
    preamble: Text | None = None
    sections: dict[str, SectionData] = field(default_factory=dict)
    outline: list[OutlineNode] | None = None  # None: the conventional order

    @property
    def file(self) -> str:
        return self.located.file

    def metric_values(self) -> dict[str, dict[str, float | None]]:
        merged: dict[str, dict[str, float | None]] = {}
        for data in self.sections.values():
            merged.update(data.metrics)
        return merged


_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> _dt.date | None:
    """A quoted “2025-03-06” or “2025年3月6日” is a date too."""
    found = _DATE_TEXT.match(text)
    if not found:
        return None
    try:
        return _dt.date(*map(int, found.groups()))
    except ValueError:
        return None


def load_year_data(path: Path | str, schema: Schema | None = None) -> YearData:
    return _from_located(load_located(Path(path)), schema or load_schema())


def parse_year_data(text: str, filename: str = "<输入>", schema: Schema | None = None) -> YearData:
    return _from_located(parse_located(text, filename), schema or load_schema())


def _from_located(located: Located, schema: Schema) -> YearData:
    reader = _Reader(located, schema)
    data = reader.read()
    if reader.problems:
        raise DataError(reader.problems)
    return data


class _Reader:
    """Walks the located data once, collecting every problem."""

    def __init__(self, located: Located, schema: Schema):
        self.located, self.schema, self.problems = located, schema, []

    def problem(self, path, message, hint="", at_key=False):
        self.problems.append(self.located.problem(path, message, hint, at_key))

    def read(self) -> YearData | None:
        root = self.located.data
        if not isinstance(root, dict):
            self.problem((), f"年度数据文件的最外层应当是映射（键: 值），实际是{describe(root)}",
                         "可用 `drafter init --region 地区 --year 年度` 生成一个完整的骨架")
            return None
        root = self.canonical(root, (), {**TOP_KEYS, **self.section_aliases()})
        meta = self.meta(root.get("报告"))
        preamble = self.text(root.get("导语"), ("导语",)) if "导语" in root else None
        sections = {}
        for key, value in root.items():
            if key in TOP_KEYS:
                continue
            section = self.schema.get(key)
            sections[section.id] = self.section(section, value, (key,))
        outline = self.outline(root["大纲"], sections) if "大纲" in root else None
        if meta is None:
            return None
        return YearData(meta, self.schema, self.located, preamble, sections, outline)

    def outline(self, raw, sections: dict) -> list[OutlineNode] | None:
        """大纲: a nested list of section names giving the order and nesting of headings."""
        seen: set[str] = set()
        nodes = self.outline_nodes(raw, ("大纲",), 1, seen)
        for section_id, data in sections.items():
            if data.has_content() and section_id not in seen:
                self.problem(data.path, f"章节“{data.section.key}”有内容，但没有列入“大纲”", at_key=True,
                             hint="在“大纲”中加上它，或删除“大纲”以使用惯例顺序")
        for section_id in seen - set(sections):
            self.problem(("大纲",), f"“大纲”列出的章节“{self.schema.by_id(section_id).key}”在数据中没有",
                         "补上该章节（可写成 章节名: \"\"），或从大纲中删去")
        return nodes

    def outline_nodes(self, raw, path: tuple, depth: int, seen: set) -> list[OutlineNode]:
        if not isinstance(raw, list):
            self.problem(path, f"“大纲”应当是列表（每项以“- ”开头），实际是{describe(raw)}")
            return []
        nodes = []
        for i, entry in enumerate(raw):
            name, children = entry, []
            if isinstance(entry, dict) and len(entry) == 1:
                name, children = next(iter(entry.items()))
            node = self.outline_node(name, children, path + (i,), depth, seen)
            if node is not None:
                nodes.append(node)
        return nodes

    def outline_node(self, name, children, path, depth, seen) -> OutlineNode | None:
        section = self.schema.get(name) if isinstance(name, str) else None
        if section is None:
            self.problem(path, f"大纲中未知的章节“{name}”", unknown_hint(str(name), self.schema.names()))
            return None
        if section.id in seen:
            self.problem(path, f"章节“{section.key}”在大纲中出现了两次")
            return None
        if depth > MAX_OUTLINE_DEPTH:
            self.problem(path, f"大纲最多两层，“{section.key}”在第{depth}层", "把它移到上一层")
            return None
        seen.add(section.id)
        return OutlineNode(section.id, self.outline_nodes(children or [], path + (section.key,), depth + 1, seen))

    def section_aliases(self) -> dict[str, str]:
        return {name: name for name in self.schema.names()}

    def canonical(self, mapping: dict, path: tuple, keys: dict[str, str]) -> dict:
        """Map ascii aliases onto canonical keys; report unknown and doubled keys."""
        ascii_to_cn = {v: k for k, v in keys.items()}
        out, origin = {}, {}
        for key, value in mapping.items():
            canon = key if key in keys else ascii_to_cn.get(key)
            if canon is None:
                self.problem(path + (key,), f"未知的键“{key}”", unknown_hint(key, keys), at_key=True)
                continue
            if path == () and canon not in TOP_KEYS:
                canon = self.schema.get(canon).key if self.schema.get(canon) else canon
            if canon in out:
                self.problem(path + (key,), f"“{key}”与“{origin[canon]}”指同一项，只能写一处", at_key=True)
                continue
            self.relocate(path + (key,), path + (canon,))
            out[canon], origin[canon] = value, key
        return out

    def relocate(self, old: tuple, new: tuple) -> None:
        if old == new:
            return
        for table in (self.located.marks, self.located.key_marks):
            for p in [p for p in table if p[: len(old)] == old]:
                table[new + p[len(old):]] = table[p]

    def meta(self, raw) -> Meta | None:
        if raw is None:
            self.problem((), "缺少“报告”部分（地区、层级、年度、署名等）")
            return None
        if not isinstance(raw, dict):
            self.problem(("报告",), f"“报告”应当是映射（键: 值），实际是{describe(raw)}")
            return None
        raw = self.canonical(raw, ("报告",), REPORT_KEYS)
        if isinstance(raw.get("日期"), str):
            raw["日期"] = parse_date(raw["日期"]) or raw["日期"]
        found = check(self.located, ("报告",), raw, _REPORT_SPEC)
        self.problems += found
        if found:
            return None
        year = raw["年度"]
        if not 2000 <= year <= 2100:
            self.problem(("报告", "年度"), f"年度“{year}”不合理", "请写四位数的年份，如 2024")
        return Meta(region=raw["地区"], level=raw["层级"], year=year, signer=raw["署名"],
                    title=raw.get("标题", ""), date=raw.get("日期"),
                    party_head=raw.get("党委主要负责人", ""), gov_head=raw.get("政府主要负责人", ""))

    def text(self, value, path: tuple) -> Text | None:
        if value is None:
            return Text("", path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(path, f"这里应当是一段文字，实际是{describe(value)}")
            return None
        return Text(value, path)

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
        raw = self.canonical(raw, path, SECTION_KEYS)
        data.heading = self.string(raw, "标题", path)
        data.style = self.style(raw, path)
        data.intro = self.text(raw["概述"], path + ("概述",)) if "概述" in raw else None
        data.items = self.items(raw.get("事项") or [], path + ("事项",), 1)
        data.metrics = self.metrics(section, raw.get("指标"), path + ("指标",))
        return data

    def string(self, raw: dict, key: str, path: tuple) -> str:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            self.problem(path + (key,), f"“{key}”应当是文字，实际是{describe(value)}")
            return ""
        return (value or "").strip()

    def style(self, raw: dict, path: tuple) -> str:
        value = raw.get("编号", "1.")
        value = "1." if value in (1, 1.0, "1") else value
        if value not in LEAD_STYLES:
            self.problem(path + ("编号",), f"编号方式“{value}”无效，可选：{'、'.join(LEAD_STYLES)}")
            return "1."
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
        raw = self.canonical(raw, path, ITEM_KEYS)
        if "小标题" in raw:
            return self.group(raw, path, depth)
        for key in ("编号", "事项"):
            if key in raw:
                self.problem(path + (key,), f"“{key}”只能用于带“小标题”的分组", at_key=True)
        if "内容" not in raw:
            self.problem(path, "事项缺少“内容”", "写法：- 要点: 深化行政审批制度改革\n      内容: ……")
            return None
        text = self.text(raw["内容"], path + ("内容",))
        return Item(text, self.string(raw, "要点", path)) if text else None

    def group(self, raw: dict, path: tuple, depth: int) -> Group | None:
        if depth > 1:
            self.problem(path + ("小标题",), "分组不能再嵌套分组", "小标题下的事项只能是段落", at_key=True)
            return None
        heading = self.string(raw, "小标题", path)
        items = self.items(raw.get("事项") or [], path + ("事项",), depth + 1)
        intro = self.text(raw["内容"], path + ("内容",)) if "内容" in raw else None
        if "要点" in raw:
            self.problem(path + ("要点",), "分组用“小标题”，不用“要点”", at_key=True)
        return Group(heading, items, self.style(raw, path), intro)

    def metrics(self, section: Section, raw, path: tuple) -> dict:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(path, f"“指标”应当是映射（指标组: 计数），实际是{describe(raw)}")
            return {}
        out = {}
        own = {g.key: g for g in section.metrics} | {g.id: g for g in section.metrics}
        for name, values in raw.items():
            group = own.get(name)
            if group is None:
                self.unknown_group(section, name, path)
                continue
            out[group.key] = self.counts(group, values, path + (name,))
        return out

    def unknown_group(self, section: Section, name: str, path: tuple) -> None:
        elsewhere = self.schema.metric_group(name)
        if elsewhere is not None:
            home = self.schema.by_id(elsewhere.section)
            self.problem(path + (name,), f"指标组“{name}”属于章节“{home.key}”", f"请移到“{home.key}: 指标:”下", at_key=True)
            return
        own = [g.key for g in section.metrics]
        hint = unknown_hint(name, own) if own else f"章节“{section.key}”没有定义指标"
        self.problem(path + (name,), f"未知的指标组“{name}”", hint, at_key=True)

    def counts(self, group, values, path: tuple) -> dict[str, float | None]:
        if not isinstance(values, dict):
            self.problem(path, f"指标组“{group.key}”应当是映射（计数名: 数值），实际是{describe(values)}")
            return {}
        out: dict[str, float | None] = {}
        for name, value in values.items():
            count = group.count(name)
            if count is None:
                self.unknown_count(group, name, path)
            elif value is not None and not (is_kind(value, float) and value >= 0):
                self.problem(path + (name,), f"“{name}”应当是不小于 0 的数字，实际是{describe(value)}",
                             "不填可以留空（写成 ~ 或不写这一行）")
            else:
                out[count.key] = value
        return out

    def unknown_count(self, group, name: str, path: tuple) -> None:
        rate = next((r for r in group.rates if name in (r.key, r.id)), None)
        if rate is not None:
            self.problem(path + (name,), f"“{rate.key}”由工具按计数计算，不能手填",
                         f"请填写“{rate.numerator}”和“{rate.denominator}”", at_key=True)
            return
        self.problem(path + (name,), f"指标组“{group.key}”中没有“{name}”",
                     unknown_hint(name, [c.key for c in group.counts]), at_key=True)
