"""The review as an Excel workbook (XlsxWriter): a sheet of units (one row a report, filters,
the header frozen, shares coloured by the thresholds of rules/review.yaml, errors and
missing units in red), a sheet of findings and a sheet of copy pairs. Written to a
temporary file beside the target and renamed: whole, or not at all."""

from __future__ import annotations

from pathlib import Path

from ..core.files import atomic_write
from .output import cells
from .rows import date_text, part_labels
from .settings import review_settings

UNIT_COLUMNS = (
    ("单位", 14),
    ("层级", 10),
    ("年度", 7),
    ("状态", 9),
    ("缺少的部分", 24),
    ("不足写明原因", 10),
    ("党政两方均写到", 10),
    ("成文日期", 14),
    ("截止日期", 14),
    ("逾期", 6),
    ("复制比", 9),
    ("本单位往年", 9),
    ("其他单位", 9),
    ("套话", 9),
    ("最大来源", 24),
    ("错误", 6),
    ("警告", 6),
    ("提示", 6),
    ("文件", 40),
)
FINDING_COLUMNS = (
    ("单位", 14),
    ("年度", 7),
    ("严重程度", 9),
    ("规则", 22),
    ("位置", 30),
    ("问题", 60),
    ("原文", 60),
    ("文件", 40),
)
PAIR_COLUMNS = (
    ("单位", 14),
    ("年度", 7),
    ("类别", 10),
    ("来源单位", 14),
    ("来源年度", 9),
    ("来源标题", 36),
    ("雷同字数", 9),
    ("占本报告", 9),
    ("文件", 40),
    ("来源文件", 40),
)
_STATUS = {"checked": "已检查", "unreadable": "无法读取", "missing": "未报送"}
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_KIND = {"self": "本单位往年", "cross": "其他单位"}


def write_workbook(result, path: Path, force: bool = False) -> None:
    """The three sheets, saved whole at path (each row written out as it comes: a folder of
    a thousand reports has tens of thousands of findings)."""
    atomic_write(Path(path), lambda tmp: _write(result, tmp), force)


def _write(result, path: Path) -> None:
    import xlsxwriter

    # text is text: no cell becomes a formula or a link because of how it starts
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(str(path), options)
    settings = review_settings()
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#DDE5F0"}),
        "percent": book.add_format({"num_format": "0.0%"}),
        "red": book.add_format({"bg_color": "#F4B6B6"}),
        # the shares' colours by threshold, the highest first
        "shares": [
            (settings["share_alarm"], book.add_format({"bg_color": "#F08080"})),
            (settings["share_warn"], book.add_format({"bg_color": "#FFE08A"})),
        ],
    }
    units = book.add_worksheet("单位")
    _sheet(units, UNIT_COLUMNS, [_unit(r) for r in result.rows], formats, percent="KLMN")
    _colour_units(units, len(result.rows), formats)
    findings = book.add_worksheet("问题")
    _sheet(findings, FINDING_COLUMNS, [f for r in result.rows for f in _findings(r)], formats)
    pairs = book.add_worksheet("雷同")
    copied = [_pair(p) for p in result.pairs()]
    _sheet(pairs, PAIR_COLUMNS, copied, formats, percent="H")
    _shares(pairs, "H", len(copied), formats)
    book.close()


def _sheet(sheet, columns, rows: list[list], formats: dict, percent: str = "") -> None:
    """Header in bold on a fill, frozen, filtered; the percent columns shown as 12.3%."""
    for index, (_, size) in enumerate(columns):  # a column's format: its cells without one
        shown = formats["percent"] if _letter(index) in percent else None
        sheet.set_column(index, index, size, shown)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    sheet.write_row(0, 0, [name for name, _ in columns], formats["header"])
    for number, row in enumerate(rows, 1):
        sheet.write_row(number, 0, row)


def _letter(index: int) -> str:
    return chr(ord("A") + index)  # the sheets have fewer than 26 columns


def _unit(row: dict) -> list:
    if row["status"] != "checked":
        shown = cells(row)
        return (
            [row["unit"], row.get("level", ""), row["year"], _STATUS[row["status"]], shown[3]]
            + [None] * 13
            + [row["file"]]
        )
    reuse, labels = row["reuse"], part_labels()
    largest = reuse["largest"]
    source = (
        f"{largest['issuer']} {largest['year'] or '—'}年《{largest['title']}》" if largest else ""
    )
    return [
        row["unit"], row["level"], row["year"], _STATUS["checked"],
        "、".join(labels[p] for p in row["parts_missing"]),
        _yes_no(row["causes_stated"]), _yes_no(row["both_heads"]),
        _date(row["date"]), _date(row["deadline"]),
        "是" if row["late"] else "", reuse["share"], reuse["self_share"], reuse["cross_share"],
        reuse["stock_share"], source, row["errors"], row["warnings"], row["infos"], row["file"],
    ]  # fmt: skip


def _date(iso: str | None) -> str:
    return date_text(iso) if iso else ""


def _yes_no(value: bool | None) -> str:
    return "缺该部分" if value is None else ("是" if value else "否")


def _findings(row: dict) -> list[list]:
    return [
        [row["unit"], row["year"], _SEVERITY[f["severity"]], f["rule"], f["location"],
         f["message"], f["evidence"], row["file"]]
        for f in row.get("findings", [])
    ]  # fmt: skip


def _pair(pair: dict) -> list:
    return [
        pair["unit"], pair["year"], _KIND[pair["kind"]], pair["source_unit"], pair["source_year"],
        pair["source_title"], pair["chars"], pair["share"], pair["file"], pair["source_file"],
    ]  # fmt: skip


def _colour_units(sheet, count: int, formats: dict) -> None:
    """Shares by the thresholds; errors, late dates, unread and missing reports in red."""
    if count == 0:  # no rows: no range to colour
        return
    last = count + 1
    for column in "KLM":
        _shares(sheet, column, count, formats)
    rule = {"type": "cell", "criteria": ">", "value": 0, "format": formats["red"]}
    sheet.conditional_format(f"P2:P{last}", rule)
    for formula in ('=$D2<>"已检查"', '=$J2="是"'):
        rule = {"type": "formula", "criteria": formula, "format": formats["red"]}
        sheet.conditional_format(f"A2:S{last}", rule)


def _shares(sheet, column: str, count: int, formats: dict) -> None:
    if count == 0:  # no rows (no copy pairs found): nothing to colour
        return
    for threshold, shown in formats["shares"]:
        rule = {
            "type": "cell",
            "criteria": ">=",
            "value": threshold,
            "format": shown,
            "stop_if_true": True,  # the highest threshold reached, not both colours
        }
        sheet.conditional_format(f"{column}2:{column}{count + 1}", rule)
