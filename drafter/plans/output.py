"""规划对账's outputs: terminal lines, the JSON summary (summary.plan) and an HTML table."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .reconcile import Reconciliation, TargetRow, TaskRow, describe_target

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_QUOTE = 40  # characters of a covering paragraph shown in the terminal


def summary(rec: Reconciliation) -> dict:
    """The JSON form (summary.plan of `drafter check --format json`)."""
    plan = rec.plan
    return {
        "title": plan.title,
        "unit": plan.unit,
        "period": [plan.start, plan.end],
        "source": plan.source,
        "year": rec.year,
        "final_year": rec.final,
        "compared": [{"year": h.year, "file": h.label} for h in rec.history],
        "tasks": [_task(row) for row in rec.tasks],
        "targets": [_target(row) for row in rec.targets],
    }


def _paragraph(passage) -> dict | None:
    return {"location": passage.location, "text": passage.text} if passage else None


def _task(row: TaskRow) -> dict:
    task = row.task
    return {
        "label": task.label,
        "chapter": task.chapter,
        "title": task.title,
        "location": task.location,
        "covered": row.passage is not None,
        "paragraph": _paragraph(row.passage),
        "score": round(row.score, 3),
        "years": row.years,
    }


def _target(row: TargetRow) -> dict:
    target = row.target
    return {
        "item": target.item,
        "kind": target.kind,
        "text": target.text,
        "value": target.value,
        "unit": target.unit,
        "year": target.year,
        "location": target.location,
        "reported": row.passage is not None,
        "paragraph": _paragraph(row.passage),
        "years": row.years,
    }


def lines(rec: Reconciliation) -> list[str]:
    """The terminal section: the plan, what was compared, then a line per task and target."""
    plan = rec.plan
    covered = sum(1 for r in rec.tasks if r.passage is not None)
    never = sum(1 for r in rec.tasks if r.passage is None and not r.years)
    reported = sum(1 for r in rec.targets if r.passage is not None)
    unreported = sum(1 for r in rec.targets if r.passage is None and not r.years)
    compared = (
        "、".join(f"{h.year}年" for h in rec.history)
        or "无（语料库中没有本单位规划期内的其他报告）"
    )
    out = [
        "",
        f"【规划对账】{plan.title}（{plan.unit or '单位未识别'}，{plan.period}）",
        f"  本报告 {rec.year or '年度未识别'} 年{'，规划的最后一年' if rec.final else ''}；"
        f"同时比对本单位规划期内的报告：{compared}",
        f"  任务 {len(rec.tasks)} 项：本年度写到 {covered} 项，规划期内从未写到 {never} 项",
    ]
    out += [f"    {_task_line(row)}" for row in rec.tasks]
    out.append(
        f"  量化指标 {len(rec.targets)} 项："
        f"本年度报告 {reported} 项，规划期内从未报告 {unreported} 项"
    )
    out += [f"    {_target_line(row)}" for row in rec.targets]
    return out


def _clip(text: str) -> str:
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "……"


def _quote(passage) -> str:
    return f"{passage.location}「{_clip(passage.text)}」"


def _earlier(years: list[int]) -> str:
    return f"（{'、'.join(f'{y}年' for y in years)}写到过）" if years else "（规划期内从未写到）"


def _task_line(row: TaskRow) -> str:
    if row.passage is not None:
        return f"✓ {row.task.name} ← {_quote(row.passage)}"
    return f"✗ {row.task.name}{_earlier(row.years)}"


def _target_line(row: TargetRow) -> str:
    text = row.target.text
    what = f"{row.target.item} {describe_target(row.target)}：{_clip(text)}"
    if row.passage is not None:
        return f"✓ {what} ← {_quote(row.passage)}"
    return f"✗ {what}{_earlier(row.years).replace('写到', '报告')}"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    loader = jinja2.FileSystemLoader(str(_TEMPLATES))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def html(rec: Reconciliation) -> str:
    """A self-contained HTML page: the plan's tasks and targets, each with what covers it."""
    css = (_TEMPLATES / "plan.css").read_text(encoding="utf-8")
    data = summary(rec)
    return (
        _env()
        .get_template("plan.html.j2")
        .render(css=css, plan=data, targets=[(r, describe_target(r.target)) for r in rec.targets])
    )
