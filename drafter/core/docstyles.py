"""Word paragraph and character style names drafter writes (and recognises when reading),
and the font roles of the layout as staff name them."""

from __future__ import annotations

TITLE = "公文标题"
BODY = "公文正文"
ADDRESSEE = "主送机关"
TABLE_TEXT = "表格文字"
SIGNATURE = "署名"
DATE = "成文日期"
PAGE_NUMBER = "页码"
HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
RUNIN = {1: "段首标题1", 2: "段首标题2", 3: "段首标题3", 4: "段首标题4"}
RUNIN_PREFIX = "段首标题"

# Font roles of templates/default/layout.yaml, by the names staff use (--font 正文=仿宋).
FONT_ROLE_NAMES = {
    "正文": "body",
    "标题": "title",
    "一级标题": "level1",
    "二级标题": "level2",
    "三级标题": "level3",
    "页码": "page_number",
    "西文": "latin",
}
