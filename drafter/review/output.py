"""The review as a terminal table: one line a report, columns padded by display width
(a Chinese character takes two columns)."""

from __future__ import annotations

import unicodedata

from .rows import date_text, part_labels
from .settings import review_settings

HEADER = (
    "单位",
    "层级",
    "年度",
    "缺少的部分",
    "不足原因",
    "党政两方",
    "成文日期",
    "复制比（本单位/他单位）",
    "最大来源",
    "错误/警告",
    "文件",
)


def width(text: str) -> int:
    """Columns a string takes on a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def cells(row: dict) -> list[str]:
    """The table cells of one row."""
    if row["status"] == "missing":
        return [row["unit"], row.get("level", ""), str(row["year"] or "—"), "未报送"] + [""] * 7
    if row["status"] == "unreadable":
        reason = row["error"].splitlines()[0] if row["error"] else ""
        return ["—", "", "—", f"无法读取：{reason}"] + [""] * 6 + [row["file"]]
    labels = part_labels()
    reuse = row["reuse"]
    largest = reuse["largest"]
    source = (
        f"{largest['issuer']} {largest['year'] or '—'}年 {largest['chars']}字" if largest else "—"
    )
    late = "（逾期）" if row["late"] else ""
    return [
        row["unit"] or "未识别",
        row["level"],
        str(row["year"] or "未识别"),
        "、".join(labels[p] for p in row["parts_missing"]) or "—",
        _yes_no(row["causes_stated"]),
        _yes_no(row["both_heads"]),
        date_text(row["date"]) + late,
        f"{reuse['share']:.0%}（{reuse['self_share']:.0%}/{reuse['cross_share']:.0%}）",
        source,
        f"{row['errors']}/{row['warnings']}",
        row["file"],
    ]


def _yes_no(value: bool | None) -> str:
    return "缺该部分" if value is None else ("是" if value else "否")


def style(row: dict) -> str | None:
    """How a row stands out: error (missing, unreadable, errors), warning (a high share)."""
    if row["status"] != "checked" or row["errors"]:
        return "error"
    if row["reuse"]["share"] >= review_settings()["share_warn"] or row["warnings"]:
        return "warning"
    return None


def table_lines(result) -> list[tuple[str, str | None]]:
    """The terminal table and a closing count."""
    table = [list(HEADER)] + [cells(r) for r in result.rows]
    widths = [max(width(row[i]) for row in table) for i in range(len(HEADER))]
    lines = [("  ".join(_pad(c, w) for c, w in zip(table[0], widths)).rstrip(), "heading")]
    for row, texts in zip(result.rows, table[1:]):
        lines.append(("  ".join(_pad(c, w) for c, w in zip(texts, widths)).rstrip(), style(row)))
    counts = result.counts()
    alarm = review_settings()["share_alarm"]
    high = sum(1 for r in result.rows if r["status"] == "checked" and r["reuse"]["share"] >= alarm)
    year = f"{result.year}年度，" if result.year else ""
    lines += [
        ("", None),
        (
            f"{year}检查 {counts['checked']} 份，无法读取 {counts['unreadable']} 份，"
            f"未报送 {counts['missing']} 个单位；复制比达 {alarm:.0%} 的 {high} 份。",
            None,
        ),
    ]
    return lines
