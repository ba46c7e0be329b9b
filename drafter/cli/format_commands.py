"""`drafter format` (一键排版) and `drafter fonts`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..core.docstyles import FONT_ROLE_NAMES
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


_ROLE_LABELS = {en: cn for cn, en in FONT_ROLE_NAMES.items()}


@app.command("fonts")
def fonts_cmd(
    install: bool = typer.Option(
        False,
        "--install",
        help="在本用户的 fontconfig 配置中为每个公文字体加上替代字体，"
        "使 Linux 上的 LibreOffice/WPS 打开 Word 稿时显示四种不同的字形",
    ),
) -> None:
    """列出各角色的公文字体、替代字体及其 Debian 包，以及本机实际显示的字体。"""
    from ..api import install_font_aliases, role_fonts

    if install:
        err(f"已写入：{install_font_aliases()}（对新启动的程序生效）")
    for font in role_fonts():
        shown = f"  本机显示为 {font.shown}" if font.shown else ""
        typer.echo(
            f"{_ROLE_LABELS[font.role]}：{font.name}　替代：{font.fallback}"
            f"（{font.package}）{shown}"
        )
