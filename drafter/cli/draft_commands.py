"""`drafter build` and `drafter init`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..core.errors import UserError
from ..core.validate import control_character
from .app import BUILD_FORMAT, FORCE, app, err


def _fonts(pairs: list[str]) -> dict[str, str]:
    fonts = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--font 的写法是 角色=字体名，如 body=仿宋，收到“{pair}”")
        role, name = pair.split("=", 1)
        if not name.strip() or control_character(name):
            raise UserError(f"--font {role.strip()}= 后应当是字体名，收到“{name!r}”")
        fonts[role.strip()] = name.strip()
    return fonts


@app.command("build")
def build_cmd(
    data: Path = typer.Argument(..., help="年度数据 YAML 文件"),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="输出文件（.docx；预览格式可省略，直接显示）"
    ),
    fmt: str = BUILD_FORMAT,
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", help="自定义模板目录（含 report.j2，可含 layout.yaml）"
    ),
    force: bool = FORCE,
    level3_bold: Optional[bool] = typer.Option(
        None, "--level3-bold/--no-level3-bold", help="三级标题（1.）是否加粗（默认不加粗）"
    ),
    font: List[str] = typer.Option(
        [], "--font", help="替换字体，如 --font body=仿宋 --font title=宋体"
    ),
) -> None:
    """由年度数据生成报告（默认 .docx，符合 GB/T 9704-2012）。"""
    from ..api import draft, load_layout

    layout = (
        load_layout(template).with_overrides(_fonts(font), level3_bold) if fmt == "docx" else None
    )
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
        None, "--from", help="上一年度的数据文件：沿用结构，清空数字，叙述标为待改写"
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
        region=region, year=year, level=level, signer=signer, previous=from_file
    )
    target = output or Path(default_name)
    atomic_write_text(target, text, force, [from_file] if from_file else [])
    err(f"已生成：{target}")
