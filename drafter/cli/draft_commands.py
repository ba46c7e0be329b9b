"""`drafter build` and `drafter init`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import BUILD_FORMAT, FONTS, FORCE, LEVEL3_BOLD, app, err, parse_fonts


@app.command("build")
def build_cmd(
    data: Path = typer.Argument(..., help="年度数据 YAML 文件"),
    output: Optional[Path] = typer.Option(
        None,
        "-o",
        "--output",
        help="输出文件，扩展名决定格式：.docx、.pdf（经 LibreOffice）、.md、.txt；"
        "省略时用 --format md/txt 在终端预览",
    ),
    fmt: str = BUILD_FORMAT,
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", help="自定义模板目录（含 report.j2，可含 layout.yaml）"
    ),
    force: bool = FORCE,
    level3_bold: Optional[bool] = LEVEL3_BOLD,
    font: List[str] = FONTS,
) -> None:
    """由年度数据生成报告：Word（.docx）或 PDF，符合 GB/T 9704-2012；或 Markdown/文本预览。"""
    from ..api import draft, load_layout

    layout = load_layout(template).with_overrides(parse_fonts(font), level3_bold)
    result = draft(data, output, fmt=fmt, template_dir=template, layout=layout, force=force)
    for warning in result.warnings:
        err(warning.render())
    if result.output is not None:
        err(
            f"已生成：{result.output}"
            + (f"（{len(result.warnings)} 条警告）" if result.warnings else "")
        )
    else:
        typer.echo(result.text, nl=False)


@app.command("init")
def init_cmd(
    region: Optional[str] = typer.Option(None, "--region", help="地区或单位名称，如 明湖区"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度，如 2025"),
    level: str = typer.Option(
        "区县政府", "--level", help="层级：区县政府、市政府、省政府、乡镇街道、政府部门"
    ),
    signer: str = typer.Option("", "--signer", help="落款单位（默认“地区+人民政府”）"),
    from_file: Optional[Path] = typer.Option(
        None,
        "--from",
        help="上一年度的数据文件：沿用结构，上年的数记为“上年”（供同比），叙述标为待改写；"
        "新文件记下它（报告.上年数据），检查时自动与上年报告比对",
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="写入的文件（默认：地区+年度.yaml）"
    ),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖"),
) -> None:
    """生成新一年度的数据文件骨架（含全部章节、指标与填写说明）。"""
    from ..api import init
    from ..core.files import atomic_write_text

    text, default_name = init(
        region=region, year=year, level=level, signer=signer, previous=from_file, output=output
    )
    target = output or Path(default_name)
    atomic_write_text(target, text, force, [from_file] if from_file else [])
    err(f"已生成：{target}")
