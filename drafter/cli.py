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
    rich_markup_mode=None,  # plain help: importing rich for it would double `drafter --help` start-up
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
    from .skeleton import carry_over, skeleton

    if from_file is not None:
        if region or year:
            raise UserError("--from 会沿用上年的地区并把年度加一，不能同时给 --region/--year")
        from .data import load_year_data

        previous = load_year_data(from_file)
        text = carry_over(previous)
        default_name = f"{previous.meta.region}{previous.meta.year + 1}.yaml"
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
    html: Optional[Path] = typer.Option(None, "--html", help="另存套话/复制检查的 HTML 报告（原文与来源并排，高亮雷同处）"),
    no_reuse: bool = typer.Option(False, "--no-reuse", help="只做完备性检查，不与往年报告比对"),
    db: Optional[Path] = typer.Option(None, "--db", help="往年报告语料库（默认在用户数据目录，首次使用时收入 seeds/）"),
    region: Optional[str] = typer.Option(None, "--region", help="报告单位（草稿无法识别时指定；用于区分本单位与外单位）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（草稿无法识别时指定）"),
    force: bool = typer.Option(False, "--force", help="--annotate/--html 的文件已存在时覆盖"),
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
    from .fsutil import check_writable

    for target in (annotate, html):
        if target is not None:
            check_writable(target, force)
    if html is not None and no_reuse:
        raise UserError("--html 是复制检查的报告，不能与 --no-reuse 同用")
    result = check(file, reuse=not no_reuse, db=db, region=region, year=year)
    if fmt == "json":
        typer.echo(json.dumps(result.json(), ensure_ascii=False, indent=2))
    else:
        _print_report(result.text())
    if annotate is not None:
        count = write_annotated(result, annotate, force)
        _err(f"已生成带批注的文件：{annotate}（{count} 条批注）")
    if html is not None:
        from .fsutil import atomic_write_text
        from .htmlreport import reuse_html

        atomic_write_text(html, reuse_html(result), force)
        _err(f"已生成 HTML 报告：{html}")
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


@app.command("crosscheck")
def crosscheck_cmd(
    paths: List[Path] = typer.Argument(..., help="报告所在目录或文件（.docx/.txt/.md）"),
    fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text 或 json"),
    html: Optional[Path] = typer.Option(None, "--html", help="另存 HTML 对照表"),
    force: bool = typer.Option(False, "--force", help="--html 的文件已存在时覆盖"),
) -> None:
    """报告互查：每份报告与其余所有报告比对，按雷同占比列出成对结果（套话不计）。"""
    import json

    from .checking import crosscheck

    if fmt not in ("text", "json"):
        raise UserError(f"未知的输出格式“{fmt}”，可选：text、json")
    if html is not None:
        from .fsutil import check_writable

        check_writable(html, force)
    files = _report_files(paths)
    if len(files) < 2:
        raise UserError("互查至少需要两份报告")
    pairs = crosscheck(files)
    if fmt == "json":
        typer.echo(json.dumps({"version": 1, "reports": len(files), "pairs": pairs}, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"互查 {len(files)} 份报告，{len(pairs)} 对有雷同内容（套话不计）：")
        for p in pairs:
            typer.echo(f"{p['share']:>6.1%}  {p['shared_chars']:>6} 字  {p['a']}  ←→  {p['b']}")
    if html is not None:
        from .fsutil import atomic_write_text
        from .htmlreport import crosscheck_html

        atomic_write_text(html, crosscheck_html(pairs), force)
        _err(f"已生成 HTML 报告：{html}")


corpus_app = typer.Typer(help="管理往年报告语料库（套话/复制检查的比对库）。", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(corpus_app, name="corpus")
_DB_OPTION = typer.Option(None, "--db", help="语料库文件（默认在用户数据目录）")


@corpus_app.command("add")
def corpus_add_cmd(
    paths: List[Path] = typer.Argument(..., help="报告文件或目录（.docx/.txt/.md）"),
    region: Optional[str] = typer.Option(None, "--region", help="报告单位（默认从标题或文件名推断）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（默认从标题或文件名推断）"),
    db: Optional[Path] = _DB_OPTION,
) -> None:
    """把报告收入语料库：每份一个事务，中断不留半份；内容相同的只收一次。"""
    from .corpus import Corpus, default_db_path

    files = _report_files(paths)
    with Corpus(db or default_db_path()) as corpus, _progress(len(files)) as advance:
        for path in files:
            status, message = corpus.add(path, issuer=region, year=year)
            _err(f"{path}: {message}")
            advance()


@corpus_app.command("list")
def corpus_list_cmd(db: Optional[Path] = _DB_OPTION) -> None:
    """列出语料库中的报告。"""
    from .corpus import Corpus, default_db_path

    with Corpus(db or default_db_path()) as corpus:
        reports = corpus.reports()
        typer.echo(f"语料库：{corpus.path}（{len(reports)} 份）")
        for r in reports:
            kind = "规划" if r.kind == "plan" else "报告"
            typer.echo(f"{r.id:>5}  {r.issuer}  {r.year or '—'}  {kind}  {r.sentences}句  {r.title}  {r.file}")


@corpus_app.command("remove")
def corpus_remove_cmd(key: str = typer.Argument(..., help="编号、文件名或单位名"), db: Optional[Path] = _DB_OPTION) -> None:
    """从语料库删除报告（按编号、文件名或单位）。"""
    from .corpus import Corpus, default_db_path

    with Corpus(db or default_db_path()) as corpus:
        for r in corpus.remove(key):
            _err(f"已删除：{r.id} {r.issuer} {r.year or ''} {r.title}")


def _report_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".docx", ".txt", ".md") and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            raise UserError(f"找不到：{path}")
    if not files:
        raise UserError("没有找到可入库的报告文件（.docx/.txt/.md）")
    return files


class _progress:
    """A progress bar on the terminal for ingests of more than a few files; silent otherwise."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        import sys as _sys

        if self.total > 3 and _sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task("入库", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


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
