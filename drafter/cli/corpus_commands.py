"""`drafter corpus add|list|remove`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..core.errors import Problem, UserError
from .app import DB, EXIT_FINDINGS, app, err

corpus_app = typer.Typer(
    help="管理往年报告语料库（套话/复制检查的比对库）。",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("add")
def corpus_add_cmd(
    paths: List[Path] = typer.Argument(
        ...,
        help="报告文件或目录（.docx/.doc/.wps/.odt/.txt/.md；年度数据 .yaml 按其生成的报告入库）",
    ),
    region: Optional[str] = typer.Option(
        None, "--region", help="报告单位（默认从标题或文件名推断）"
    ),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（默认从标题或文件名推断）"),
    db: Optional[Path] = DB,
) -> None:
    """把报告收入语料库：每份一个事务，中断不留半份；内容相同的只收一次。"""
    from ..api import open_corpus, report_files

    files = report_files(paths)
    with open_corpus(db) as corpus, _progress(len(files)) as advance:
        for path in files:
            _status, message = corpus.add(path, issuer=region, year=year)
            err(f"{path}: {message}")
            advance()


@corpus_app.command("list")
def corpus_list_cmd(db: Optional[Path] = DB) -> None:
    """列出语料库中的报告。"""
    from ..api import open_corpus

    with open_corpus(db) as corpus:
        reports = corpus.reports()
        typer.echo(f"语料库：{corpus.path}（{len(reports)} 份）")
        for r in reports:
            kind = "规划" if r.kind == "plan" else "报告"
            year = r.year or "—"
            line = f"{r.id:>5}  {r.issuer}  {year}  {kind}  {r.sentences}句  {r.title}  {r.file}"
            typer.echo(line)


@corpus_app.command("remove")
def corpus_remove_cmd(
    key: str = typer.Argument(..., help="编号、文件名或单位名"),
    yes: bool = typer.Option(False, "--yes", "-y", help="删除多份报告时不再询问"),
    db: Optional[Path] = DB,
) -> None:
    """从语料库删除报告（按编号、文件名或单位）；一次删除多份时先确认。"""
    from ..api import open_corpus

    with open_corpus(db) as corpus:
        doomed = corpus.matching(key)
        if len(doomed) > 1 and not yes:
            for r in doomed:
                err(f"  {r.id} {r.issuer} {r.year or ''} {r.title}  {r.file}")
            if not sys.stdin.isatty():
                raise UserError(
                    [
                        Problem(
                            f"“{key}”对应 {len(doomed)} 份报告，未删除",
                            str(corpus.path),
                            hint="确认要全部删除请加 --yes",
                        )
                    ]
                )
            if not typer.confirm(f"删除以上 {len(doomed)} 份报告？"):
                err("未删除。")
                return
        corpus.remove(doomed)
        for r in doomed:
            err(f"已删除：{r.id} {r.issuer} {r.year or ''} {r.title}")


@corpus_app.command("check")
def corpus_check_cmd(db: Optional[Path] = DB) -> None:
    """检查语料库：SQLite 完整性检查，以及报告、句子与索引段是否一致。"""
    from ..api import check_corpus

    health = check_corpus(db)
    _print_health(health, "语料库完好。", "语料库有问题（可用 drafter corpus repair 重建索引）：")
    if not health.ok:
        raise typer.Exit(EXIT_FINDINGS)


@corpus_app.command("repair")
def corpus_repair_cmd(db: Optional[Path] = DB) -> None:
    """修复语料库：由库中保存的正文重新切分句子、重建全部索引段。"""
    from ..api import repair_corpus

    health = repair_corpus(db)
    _print_health(health, "已重建索引，语料库完好。", "已重建索引，但仍有问题：")
    if not health.ok:
        raise typer.Exit(EXIT_FINDINGS)


def _print_health(health, good: str, bad: str) -> None:
    typer.echo(good if health.ok else bad)
    for problem in health.problems:
        typer.echo(f"  问题：{problem}")
    for note in health.notes:
        typer.echo(f"  {note}")


class _progress:
    """A progress bar on the terminal for ingests of more than a few files; silent otherwise."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        if self.total > 3 and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task("入库", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
