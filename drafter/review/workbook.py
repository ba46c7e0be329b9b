"""The review as an Excel workbook (openpyxl): a sheet of units (one row a report, filters,
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
    """The three sheets, saved whole at path (streamed: a folder of a thousand reports has
    tens of thousands of findings)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    units = book.create_sheet("单位")
    _sheet(units, UNIT_COLUMNS, [_unit(r) for r in result.rows], percent="KLMN")
    _colour_units(units, len(result.rows))
    findings = book.create_sheet("问题")
    _sheet(findings, FINDING_COLUMNS, [f for r in result.rows for f in _findings(r)])
    pairs = book.create_sheet("雷同")
    copied = [_pair(p) for p in result.pairs()]
    _sheet(pairs, PAIR_COLUMNS, copied, percent="H")
    _shares(pairs, "H", len(copied))
    atomic_write(Path(path), lambda tmp: book.save(str(tmp)), force)


def _sheet(sheet, columns, rows: list[list], percent: str = "") -> None:
    """Header in bold on a fill, frozen, filtered; the percent columns shown as 12.3%."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import column_index_from_string, get_column_letter

    for index, (_, size) in enumerate(columns, 1):  # before the rows: a streamed sheet
        sheet.column_dimensions[get_column_letter(index)].width = size
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    font, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    sheet.append([_styled(WriteOnlyCell(sheet, name), font, fill) for name, _ in columns])
    shares = {column_index_from_string(c) - 1 for c in percent}
    for row in rows:
        if shares:
            row = [
                _percent(WriteOnlyCell(sheet, v)) if i in shares else v for i, v in enumerate(row)
            ]
        sheet.append(row)


def _styled(cell, font, fill):
    cell.font, cell.fill = font, fill
    return cell


def _percent(cell):
    cell.number_format = "0.0%"
    return cell


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


def _colour_units(sheet, count: int) -> None:
    """Shares by the thresholds; errors, late dates, unread and missing reports in red."""
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import PatternFill

    if count == 0:  # "P2:P1" is no range: openpyxl refuses it
        return
    last = count + 1
    red = PatternFill("solid", fgColor="F4B6B6", bgColor="F4B6B6")
    for column in "KLM":
        _shares(sheet, column, count)
    sheet.conditional_formatting.add(
        f"P2:P{last}", CellIsRule(operator="greaterThan", formula=["0"], fill=red)
    )
    for formula in ('$D2<>"已检查"', '$J2="是"'):
        sheet.conditional_formatting.add(f"A2:S{last}", FormulaRule(formula=[formula], fill=red))


def _shares(sheet, column: str, count: int) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    if count == 0:  # no rows (no copy pairs found): nothing to colour
        return
    settings = review_settings()
    cells_ = f"{column}2:{column}{count + 1}"
    for threshold, colour in (
        (settings["share_alarm"], "F08080"),
        (settings["share_warn"], "FFE08A"),
    ):
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        rule = CellIsRule(
            operator="greaterThanOrEqual", formula=[str(threshold)], fill=fill, stopIfTrue=True
        )
        sheet.conditional_formatting.add(cells_, rule)
