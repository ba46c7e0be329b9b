"""`drafter check` and `drafter crosscheck`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..core.errors import UserError
from .app import DB, EXIT_FINDINGS, FAIL_ON, PLAN, PLAN_HTML, REPORT_FORMAT, app, err, print_styled

SLIP = typer.Option(
    None,
    "--report",
    help="另存查重报告单（.docx；.pdf 需 LibreOffice）：三项复制比、分部分与分章节表、"
    "来源列表和标出雷同处的全文",
)


@app.command("check")
def check_cmd(
    file: Path = typer.Argument(..., help="年度数据 YAML，或报告草稿 .docx/.txt/.md"),
    fmt: str = REPORT_FORMAT,
    fail_on: str = FAIL_ON,
    annotate: Optional[Path] = typer.Option(
        None, "--annotate", help="另存一份带批注的 .docx（不改动原文件）"
    ),
    html: Optional[Path] = typer.Option(
        None, "--html", help="另存套话/复制检查的 HTML 报告（原文与来源并排，高亮雷同处）"
    ),
    report: Optional[Path] = SLIP,
    no_reuse: bool = typer.Option(False, "--no-reuse", help="只做完备性检查，不与往年报告比对"),
    db: Optional[Path] = DB,
    region: Optional[str] = typer.Option(
        None, "--region", help="报告单位（草稿无法识别时指定；用于区分本单位与外单位）"
    ),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（草稿无法识别时指定）"),
    plan: Optional[Path] = PLAN,
    plan_html: Optional[Path] = PLAN_HTML,
    force: bool = typer.Option(False, "--force", help="另存的文件已存在时覆盖"),
) -> None:
    """报送前检查：五个法定部分是否齐全、数字是否一致（含与上年比较的同比）、年份是否正确、
    有无占位符和他处地名；与往年报告比对（查重）；与本单位规划对账。"""
    from ..api import check
    from ..core.findings import Severity

    extras = {"annotate": annotate, "html": html, "plan_html": plan_html, "report": report}
    if (html is not None or report is not None) and no_reuse:
        raise UserError("--html、--report 是复制检查的报告，不能与 --no-reuse 同用")
    inputs = _check_outputs([file, plan], db, extras, force)
    result = check(file, reuse=not no_reuse, db=db, region=region, year=year, plan=plan)
    if fmt == "json":
        typer.echo(json.dumps(result.json(), ensure_ascii=False, indent=2))
    else:
        print_styled(result.lines())
    _write_extras(result, extras, force, inputs)
    top = max((f.severity for f in result.findings), default=None)
    if fail_on != "never" and top is not None and top >= Severity.parse(fail_on):
        raise typer.Exit(EXIT_FINDINGS)


def _check_outputs(files: list, db, extras: dict, force: bool) -> list[Path]:
    """Refuse, before checking, outputs that exist, coincide, or would replace an input."""
    from ..api import corpus_path
    from ..core.files import check_writable

    inputs = [f for f in files if f is not None] + [corpus_path(db)]
    targets = [t for t in extras.values() if t is not None]
    for target in targets:
        check_writable(target, force, inputs)
    if len({t.resolve() for t in targets}) < len(targets):
        raise UserError("--annotate、--html、--plan-html、--report 不能写入同一个文件")
    return inputs


def _write_extras(result, extras: dict, force: bool, inputs: list[Path]) -> None:
    from ..api import annotate as write_annotated
    from ..api import write_slip
    from ..core.files import atomic_write_text

    if extras["annotate"] is not None:
        count = write_annotated(result, extras["annotate"], force)
        err(f"已生成带批注的文件：{extras['annotate']}（{count} 条批注）")
    if extras["html"] is not None:
        atomic_write_text(extras["html"], result.html(), force, inputs)
        err(f"已生成 HTML 报告：{extras['html']}")
    if extras["plan_html"] is not None:
        atomic_write_text(extras["plan_html"], result.plan_html(), force, inputs)
        err(f"已生成规划对账表：{extras['plan_html']}")
    if extras["report"] is not None:
        write_slip(result, extras["report"], force)
        err(f"已生成查重报告单：{extras['report']}")


@app.command("crosscheck")
def crosscheck_cmd(
    paths: List[Path] = typer.Argument(
        ..., help="报告所在目录、文件或 .zip 压缩包（.docx/.doc/.wps/.odt/.pdf/.txt/.md）"
    ),
    fmt: str = REPORT_FORMAT,
    top: Optional[int] = typer.Option(None, "--top", help="只列出雷同占比最高的 N 对"),
    html: Optional[Path] = typer.Option(
        None, "--html", help="另存 HTML 对照表（可按列排序，逐对展开雷同句子）"
    ),
    force: bool = typer.Option(False, "--force", help="--html 的文件已存在时覆盖"),
) -> None:
    """报告互查：每份报告与其余所有报告比对，每对只列一次，写明单位和年度，按雷同占比排序；
    多个单位共有的套话另列，不计入雷同。"""
    from ..api import crosscheck, report_files
    from ..core.files import atomic_write_text, check_writable

    inputs = report_files(paths) if html is not None else []
    if html is not None:
        check_writable(html, force, inputs)
    result = crosscheck(paths, top)
    if fmt == "json":
        typer.echo(json.dumps(result.json(), ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(result.lines()))
    if html is not None:
        atomic_write_text(html, result.html(), force, inputs)
        err(f"已生成 HTML 报告：{html}")
