"""`drafter plan`: a plan document read into editable PLAN.yaml."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import FORCE, app, err


@app.command("plan")
def plan_cmd(
    file: Path = typer.Argument(
        ..., help="规划原文：.docx、.txt 或 .md（.doc/.wps/.odt 经 LibreOffice）"
    ),
    output: Path = typer.Option(..., "-o", "--output", help="写入的 PLAN.yaml"),
    force: bool = FORCE,
) -> None:
    """读取本单位的法治政府建设规划：目标、任务（所在章和原文）、量化指标，写成可修改的 PLAN.yaml，
    供 drafter check 报告 --plan PLAN.yaml 逐项对账。"""
    from ..api import plan_yaml, read_plan
    from ..core.files import atomic_write_text, check_writable

    check_writable(output, force)
    plan = read_plan(file)
    atomic_write_text(output, plan_yaml(plan), force)
    err(
        f"已生成：{output}（{plan.title}；{plan.unit or '单位未识别'}，{plan.period}；"
        f"目标 {len(plan.goals)} 项、任务 {len(plan.tasks)} 项、量化指标 {len(plan.targets)} 项）"
    )
