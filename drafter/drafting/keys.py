"""Year-data vocabulary, defined once: the Chinese keys staff type (with ascii aliases),
the reporting levels and the numbering styles of items."""

from __future__ import annotations

LEVELS = ("区县政府", "市政府", "省政府", "乡镇街道", "政府部门")
LEAD_STYLES = ("1.", "一是", "一是分段", "无")
DEFAULT_STYLE = "1."
YEAR_DATA_SUFFIXES = (".yaml", ".yml")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a plausible report year (a four-digit year this century)

# canonical key -> ascii alias, per mapping kind
REPORT_KEYS = {
    "地区": "region",
    "层级": "level",
    "年度": "year",
    "标题": "title",
    "署名": "signer",
    "日期": "date",
    "党委主要负责人": "party_head",
    "政府主要负责人": "gov_head",
    "上年数据": "previous_data",
}
SECTION_KEYS = {
    "标题": "title",
    "编号": "numbering",
    "概述": "intro",
    "事项": "items",
    "指标": "metrics",
}
ITEM_KEYS = {
    "要点": "lead",
    "内容": "text",
    "小标题": "heading",
    "编号": "numbering",
    "事项": "items",
}
TOP_KEYS = {"报告": "report", "导语": "preamble", "大纲": "outline"}
REPORT, PREAMBLE, OUTLINE = "报告", "导语", "大纲"
TITLE, NUMBERING, INTRO, ITEMS, METRICS = "标题", "编号", "概述", "事项", "指标"
LEAD, TEXT, GROUP_HEADING = "要点", "内容", "小标题"
REGION, LEVEL, YEAR, SIGNER, DATE = "地区", "层级", "年度", "署名", "日期"
PARTY_HEAD, GOV_HEAD = "党委主要负责人", "政府主要负责人"
LINEAGE = "上年数据"  # 报告.上年数据: the file this year's data was carried over from
PREVIOUS = "上年"  # 指标.<组>.上年: last year's counts of the group, for 同比
MAX_OUTLINE_DEPTH = 2  # sections at levels 1–2; their items and groups use levels 2–4
