"""`drafter outline` and `drafter import`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import FORCE, REPORT_FORMAT, app, err


@app.command("outline")
def outline_cmd(
    file: Path = typer.Argument(
        ..., help="报告文件：.docx、.txt 或 .md（UTF-8、GB18030、Big5 均可）"
    ),
    fmt: str = REPORT_FORMAT,
) -> None:
    """列出报告的标题层级，以及每个标题对应的章节、法定部分和置信度。"""
    from ..api import outline, outline_json, outline_lines, outline_notes

    result = outline(file)
    for note in outline_notes(result):
        err(note)
    if fmt == "json":
        typer.echo(json.dumps(outline_json(result), ensure_ascii=False, indent=2))
        return
    for line in outline_lines(result):
        typer.echo(line)


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="已有的报告：.docx、.txt 或 .md"),
    output: Path = typer.Option(..., "-o", "--output", help="写入的年度数据 YAML 文件"),
    region: Optional[str] = typer.Option(None, "--region", help="地区（默认从标题推断）"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（默认从标题推断）"),
    level: Optional[str] = typer.Option(None, "--level", help="层级（默认按地区名推断）"),
    signer: Optional[str] = typer.Option(None, "--signer", help="落款单位"),
    force: bool = FORCE,
) -> None:
    """把已有报告导入为年度数据 YAML：保留结构与正文，识别出的数字转为指标。"""
    from ..api import import_report, outline_notes
    from ..core.files import atomic_write_text, check_writable

    check_writable(output, force, [file])
    text, outline = import_report(file, region=region, year=year, level=level, signer=signer)
    atomic_write_text(output, text, force, [file])
    for note in outline_notes(outline):
        err(note)
    err(f"已生成：{output}（可直接运行 drafter build {output} -o 报告.docx）")
