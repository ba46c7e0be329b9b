"""Word paragraph and character style names drafter writes (and recognises when reading)."""

from __future__ import annotations

TITLE = "公文标题"
BODY = "公文正文"
SIGNATURE = "署名"
DATE = "成文日期"
PAGE_NUMBER = "页码"
HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
RUNIN = {1: "段首标题1", 2: "段首标题2", 3: "段首标题3", 4: "段首标题4"}
RUNIN_PREFIX = "段首标题"
