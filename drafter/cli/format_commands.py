"""`drafter format` (一键排版)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import FONTS, FORCE, LEVEL3_BOLD, app, err, parse_fonts

_ROLE_NAMES = {
    "title": "标题",
    "addressee": "主送机关",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "heading4": "四级标题",
    "paragraph": "正文",
    "table": "表格",
    "signature": "署名",
    "date": "成文日期",
}


@app.command("format")
def format_cmd(
    file: Path = typer.Argument(..., help="自己写的 Word/WPS 草稿：.docx、.doc、.wps 或 .odt"),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="排版后的 .docx（默认：原名_排版.docx，原稿不改动）"
    ),
    force: bool = FORCE,
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", help="含 layout.yaml 的模板目录（默认 GB/T 9704 版式）"
    ),
    level3_bold: Optional[bool] = LEVEL3_BOLD,
    font: List[str] = FONTS,
) -> None:
    """一键排版：保留草稿的文字、表格和序号，按 GB/T 9704-2012 重新排版。

    标题、主送机关、正文和各级标题的字体字号，行距、缩进，页码，署名和日期。
    """
    from ..api import format_draft, load_layout

    layout = load_layout(template).with_overrides(parse_fonts(font), level3_bold)
    result = format_draft(file, output, layout=layout, force=force)
    counts = "、".join(
        f"{_ROLE_NAMES[role]} {count}"
        for role, count in sorted(
            result.roles.items(), key=lambda kv: list(_ROLE_NAMES).index(kv[0])
        )
    )
    err(f"已排版：{result.output}（{counts}）")
    if result.findings:
        typer.echo("排版后仍需人工处理：")
        for finding in result.findings:
            typer.echo(finding.render())
