"""Command line: parse options, call the library, print, map errors to exit codes.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 bad usage or bad input;
3 an internal error (a bug in drafter — please report it).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import UserError

app = typer.Typer(
    name="drafter", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="法治政府建设年度报告：由年度数据起草 GB/T 9704 格式的 Word 稿，并在报送前检查。全部离线运行。",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _err(text: str) -> None:
    typer.echo(text, err=True)


def _fonts(pairs: list[str]) -> dict[str, str]:
    fonts = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--font 的写法是 角色=字体名，如 body=仿宋，收到“{pair}”")
        role, name = pair.split("=", 1)
        fonts[role.strip()] = name.strip()
    return fonts


@app.command("build")
def build_cmd(
    data: Path = typer.Argument(..., help="年度数据 YAML 文件"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（.docx；预览格式可省略，直接显示）"),
    fmt: str = typer.Option("docx", "--format", "-f", help="输出格式：docx、md、txt"),
    template: Optional[Path] = typer.Option(None, "--template", "-t", help="自定义模板目录（含 report.j2，可含 layout.yaml）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    level3_bold: Optional[bool] = typer.Option(None, "--level3-bold/--no-level3-bold", help="三级标题（1.）是否加粗（默认不加粗）"),
    font: List[str] = typer.Option([], "--font", help="替换字体，如 --font body=仿宋 --font title=宋体"),
) -> None:
    """由年度数据生成报告（默认 .docx，符合 GB/T 9704-2012）。"""
    from .api import draft
    from .layout import load_layout

    layout = None
    if fmt == "docx":
        layout = load_layout(template).with_overrides(_fonts(font), level3_bold)
    result = draft(data, output, fmt=fmt, template_dir=template, layout=layout, force=force)
    for warning in result.warnings:
        _err(warning.render())
    if result.output is not None:
        _err(f"已生成：{result.output}" + (f"（{len(result.warnings)} 条警告）" if result.warnings else ""))
    else:
        typer.echo(result.text, nl=False)


@app.command("init")
def init_cmd(
    region: Optional[str] = typer.Option(None, "--region", help="地区或单位名称，如 明湖区"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度，如 2025"),
    level: str = typer.Option("区县政府", "--level", help="层级：区县政府、市政府、省政府、乡镇街道、政府部门"),
    signer: str = typer.Option("", "--signer", help="落款单位（默认“地区+人民政府”）"),
    from_file: Optional[Path] = typer.Option(None, "--from", help="上一年度的数据文件：沿用结构，清空数字，叙述标为待改写"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="写入的文件（默认：地区+年度.yaml）"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖"),
) -> None:
    """生成新一年度的数据文件骨架（含全部章节、指标与填写说明）。"""
    from .fsutil import atomic_write_text
    from .skeleton import carry_over_file, skeleton

    if from_file is not None:
        if region or year:
            raise UserError("--from 会沿用上年的地区并把年度加一，不能同时给 --region/--year")
        text = carry_over_file(from_file)
        from .data import load_year_data

        meta = load_year_data(from_file).meta
        default_name = f"{meta.region}{meta.year + 1}.yaml"
    else:
        if not region or year is None:
            raise UserError("请给出 --region 和 --year（或用 --from 上年数据文件）")
        text = skeleton(region, year, level, signer)
        default_name = f"{region}{year}.yaml"
    target = output or Path(default_name)
    atomic_write_text(target, text, force)
    _err(f"已生成：{target}")


def main() -> None:
    try:
        app()  # typer handles usage errors itself: message and exit code 2
    except UserError as exc:
        _err(f"错误：{exc}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        _err("已中断。")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — last resort: never a bare traceback for users
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        _err(f"内部错误（drafter 的缺陷，请连同输入文件报告）：{type(exc).__name__}: {exc}")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
