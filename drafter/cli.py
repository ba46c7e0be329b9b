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


@app.command("outline")
def outline_cmd(
    file: Path = typer.Argument(..., help="报告文件：.docx、.txt 或 .md（UTF-8、GB18030、Big5 均可）"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text 或 json"),
) -> None:
    """列出报告的标题层级，以及每个标题对应的章节、法定部分和置信度。"""
    import json

    from .reading import heading_records, outline_file

    if fmt not in ("text", "json"):
        raise UserError(f"未知的输出格式“{fmt}”，可选：text、json")
    outline = outline_file(file)
    for note in _outline_notes(outline):
        _err(note)
    if fmt == "json":
        typer.echo(json.dumps(heading_records(outline), ensure_ascii=False, indent=2))
        return
    for line in _outline_lines(outline):
        typer.echo(line)


def _outline_notes(outline) -> list[str]:
    notes = []
    if outline.kind == "plan":
        notes.append(f"注意：这是一份规划（{outline.title}），不是法治政府建设年度报告。")
    for dup in outline.duplicates:
        notes.append(f"注意：第{dup.repeat_line}行起的 {dup.paragraphs} 段（{dup.chars} 字）与第{dup.first_line}行起的内容重复，只计一次。")
    return notes


def _outline_lines(outline) -> list[str]:
    from .schema import load_schema

    schema = load_schema()
    kind = "规划" if outline.kind == "plan" else "年度报告"
    head = f"{outline.title or '（无标题）'}　[{kind}；地区：{outline.region or '未识别'}；年度：{outline.year or '未识别'}]"
    lines = [head]
    for heading in outline.walk():
        part = schema.by_id(heading.part).title if heading.part else "—"
        second = f"；次选 {heading.runner_up[0]} {heading.runner_up[1]:.2f}" if heading.runner_up else ""
        text = heading.text if len(heading.text) <= 40 else heading.text[:39] + "…"
        lines.append(f"{'  ' * (heading.level - 1)}{text}  → {heading.section}（{part}）{heading.confidence:.2f}{second}"
                     f"  第{heading.para.line}行  {heading.reason}")
        for item in heading.inline:
            lines.append(f"{'  ' * heading.level}· {item.label}{item.title[:30]}")
    return lines


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="已有的报告：.docx、.txt 或 .md"),
    output: Path = typer.Option(..., "-o", "--output", help="写入的年度数据 YAML 文件"),
    region: Optional[str] = typer.Option(None, "--region", help="地区（默认从标题推断）"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（默认从标题推断）"),
    level: Optional[str] = typer.Option(None, "--level", help="层级（默认按地区名推断）"),
    signer: Optional[str] = typer.Option(None, "--signer", help="落款单位"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖"),
) -> None:
    """把已有报告导入为年度数据 YAML：保留结构与正文，识别出的数字转为指标。"""
    from .fsutil import atomic_write_text, check_writable
    from .importer import import_report

    check_writable(output, force)
    text, outline = import_report(file, region=region, year=year, level=level, signer=signer)
    atomic_write_text(output, text, force)
    for note in _outline_notes(outline):
        _err(note)
    _err(f"已生成：{output}（可直接运行 drafter build {output} -o 报告.docx）")


@app.command("check")
def check_cmd(
    file: Path = typer.Argument(..., help="年度数据 YAML，或报告草稿 .docx/.txt/.md"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text 或 json（版本 1，见 README）"),
    fail_on: str = typer.Option("error", "--fail-on", help="达到该级别即以退出码 1 结束：error、warning、info、never"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="另存一份带批注的 .docx（不改动原文件）"),
    force: bool = typer.Option(False, "--force", help="--annotate 的文件已存在时覆盖"),
) -> None:
    """报送前检查：五个法定部分是否齐全、数字是否一致、年份是否正确、有无占位符和他处地名等。"""
    import json

    from .checking import annotate as write_annotated
    from .checking import check
    from .checkreport import worst
    from .findings import Severity

    if fmt not in ("text", "json"):
        raise UserError(f"未知的输出格式“{fmt}”，可选：text、json")
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    if annotate is not None:
        from .fsutil import check_writable

        check_writable(annotate, force)
    result = check(file)
    if fmt == "json":
        typer.echo(json.dumps(result.json(), ensure_ascii=False, indent=2))
    else:
        _print_report(result.text())
    if annotate is not None:
        count = write_annotated(result, annotate, force)
        _err(f"已生成带批注的文件：{annotate}（{count} 条批注）")
    top = worst(result.findings)
    if threshold is not None and top is not None and top >= threshold:
        raise typer.Exit(EXIT_FINDINGS)


def _print_report(text: str) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    styles = {"错误[": "bold red", "警告[": "yellow", "提示[": "cyan", "【": "bold"}
    for line in text.splitlines():
        style = next((s for key, s in styles.items() if key in line[:40]), None)
        console.print(line, style=style, markup=False)


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
