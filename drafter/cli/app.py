"""The typer application, the options several commands share, and the error-to-exit-code map.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 bad usage or bad input;
3 an internal error (a bug in drafter — please report it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.docstyles import FONT_ROLE_NAMES
from ..core.errors import UserError
from ..core.validate import control_character

app = typer.Typer(
    name="drafter",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain help: importing rich for it would double `drafter --help` start-up
    rich_markup_mode=None,
    help="法治政府建设年度报告：由年度数据起草 GB/T 9704 格式的 Word 稿，"
    "并在报送前检查。全部离线运行。",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def choice_option(
    default: str, *names: str, choices: tuple[str, ...], help: str, what: str = "输出格式"
):
    """A typer option limited to choices; a wrong value is a Chinese usage error (exit 2)."""

    def validate(value: str | None) -> str | None:
        if value is not None and value not in choices:
            raise UserError(f"未知的{what}“{value}”，可选：{'、'.join(choices)}")
        return value

    return typer.Option(default, *names, help=f"{help}：{'、'.join(choices)}", callback=validate)


REPORT_FORMAT = choice_option("text", "--format", "-f", choices=("text", "json"), help="输出格式")
BUILD_FORMAT = choice_option(
    None,
    "--format",
    "-f",
    choices=("md", "txt", "docx", "pdf"),
    help="不写文件时在终端预览的格式（写文件时由 -o 的扩展名决定）",
)
FAIL_ON = choice_option(
    "error",
    "--fail-on",
    choices=("error", "warning", "info", "never"),
    help="达到该级别即以退出码 1 结束",
    what="严重程度",
)
FORCE = typer.Option(False, "--force", help="输出文件已存在时覆盖")
DB = typer.Option(None, "--db", help="往年报告语料库（默认在用户数据目录，首次使用时收入 seeds/）")
REGION = typer.Option(None, "--region", help="报告单位（默认从标题推断）")
YEAR = typer.Option(None, "--year", help="报告年度（默认从标题推断）")
OptionalPath = Optional[Path]
PLAN = typer.Option(
    None,
    "--plan",
    help="本单位的规划（drafter plan 生成的 PLAN.yaml，或规划原文 .docx/.txt/.md）：逐项对账"
    "（不给时，语料库中有本单位覆盖本年度的规划即自动对账）",
)
PLAN_HTML = typer.Option(
    None, "--plan-html", help="另存规划对账的 HTML 表格（每项任务、指标及写到它的段落）"
)
FONTS = typer.Option(
    [],
    "--font",
    help="替换某一角色的字体，写法 角色=字体名，如 --font 正文=仿宋 --font 标题=宋体；角色："
    + "、".join(f"{cn}（{en}）" for cn, en in FONT_ROLE_NAMES.items()),
)
LEVEL3_BOLD = typer.Option(
    None, "--level3-bold/--no-level3-bold", help="三级标题（1.）是否加粗（默认不加粗）"
)


def parse_fonts(pairs: list[str]) -> dict[str, str]:
    """--font 角色=字体名 options as {role: font}."""
    fonts = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--font 的写法是 角色=字体名，如 正文=仿宋，收到“{pair}”")
        role, name = pair.split("=", 1)
        if not name.strip() or control_character(name):
            raise UserError(f"--font {role.strip()}= 后应当是字体名，收到“{name!r}”")
        fonts[role.strip()] = name.strip()
    return fonts


def err(text: str) -> None:
    """Write a line to stderr (messages, notes, what was written)."""
    typer.echo(text, err=True)


def print_styled(lines: list[tuple[str, str | None]]) -> None:
    """Print report lines, coloured by their style when stdout is a console."""
    if not sys.stdout.isatty():  # a pipe or a file: plain text, and no need to load rich
        typer.echo("\n".join(line for line, _ in lines))
        return
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan", "heading": "bold"}
    for line, style in lines:
        console.print(line, style=styles.get(style or ""), markup=False)
