"""PLAN.yaml: a plan as data the user can read and edit, validated on load with every
problem located (file:line:column), like year data."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import DataError
from ..core.located import Located, load_located, parse_located
from ..core.validate import Field, check
from ..drafting.yaml_writer import scalar
from .model import Goal, Plan, Target, Task

PLAN, GOALS, TASKS, TARGETS = "规划", "目标", "任务", "指标"
KINDS = ("数值", "时限")
_META = {
    "标题": Field(str, True),
    "单位": Field(str, True),
    "起始年度": Field(int),
    "结束年度": Field(int),
    "来源": Field(str),
}
_GOAL = {"编号": Field(str, True), "标题": Field(str, True), "内容": Field(str)}
_TASK = {**_GOAL, "章": Field(str)}
_TARGET = {
    "条目": Field(str, True),
    "类型": Field(str, True, choices=KINDS),
    "内容": Field(str, True),
    "数值": Field(float),
    "单位": Field(str),
    "年度": Field(int),
}
_SPEC = {
    PLAN: Field(dict, True, _META),
    GOALS: Field(list, False, _GOAL),
    TASKS: Field(list, True, _TASK),
    TARGETS: Field(list, False, _TARGET),
}


def plan_yaml(plan: Plan) -> str:
    """The editable PLAN.yaml text of a plan, with guidance in comments."""
    lines = [
        f"# 规划对账数据 · {plan.title}",
        f"# 由 drafter plan 从 {plan.source} 读出。可以修改：任务的标题和内容用于与年度报告对账，",
        "# 删去不需对账的任务，补上漏读的任务或指标；起止年度决定哪些年度报告参与对账。",
        "# 使用：drafter check 报告.docx --plan 本文件",
        f"{PLAN}:",
        f"  标题: {scalar(plan.title)}",
        f"  单位: {scalar(plan.unit)}",
        f"  起始年度: {scalar(plan.start)}",
        f"  结束年度: {scalar(plan.end)}  # 规划的最后一年：尚未报告的指标列为警告",
        f"  来源: {scalar(plan.source)}",
        f"{GOALS}:" if plan.goals else f"{GOALS}: []",
    ]
    for goal in plan.goals:
        lines += [f"  - 编号: {scalar(goal.label)}", f"    标题: {scalar(goal.title)}"]
        lines.append(f"    内容: {scalar(goal.text)}")
    lines.append(f"{TASKS}:" if plan.tasks else f"{TASKS}: []")
    for task in plan.tasks:
        lines += [f"  - 编号: {scalar(task.label)}", f"    章: {scalar(task.chapter)}"]
        lines += [f"    标题: {scalar(task.title)}", f"    内容: {scalar(task.text)}"]
    lines.append(
        f"{TARGETS}:  # 类型：数值（数值、单位）或 时限（年度）"
        if plan.targets
        else f"{TARGETS}: []"
    )
    for target in plan.targets:
        lines += _target_lines(target)
    return "\n".join(lines) + "\n"


def _target_lines(target: Target) -> list[str]:
    lines = [
        f"  - 条目: {scalar(target.item)}",
        f"    类型: {target.kind}",
        f"    内容: {scalar(target.text)}",
    ]
    if target.kind == "数值":
        value = int(target.value) if float(target.value).is_integer() else target.value
        return lines + [f"    数值: {scalar(value)}", f"    单位: {scalar(target.unit)}"]
    return lines + [f"    年度: {scalar(target.year)}"]


def open_plan(path: Path | str) -> Plan:
    """A plan: its editable PLAN.yaml (validated), or read from the plan document itself."""
    if Path(path).suffix.lower() in (".yaml", ".yml"):
        return load_plan(path)
    from .extract import read_plan

    return read_plan(path)


def load_plan(path: Path | str) -> Plan:
    """A PLAN.yaml file, validated: DataError listing every problem, each located."""
    return _plan(load_located(Path(path)))


def parse_plan(text: str, filename: str = "<输入>") -> Plan:
    """A plan from PLAN.yaml text (as load_plan, for text that is not in a file)."""
    return _plan(parse_located(text, filename))


def _plan(located: Located) -> Plan:
    problems = check(located, (), located.data, _SPEC)
    if problems:
        raise DataError(problems)
    data, where = located.data, located.location
    meta = data[PLAN]
    plan = Plan(
        meta["标题"],
        meta["单位"],
        meta.get("起始年度"),
        meta.get("结束年度"),
        meta.get("来源") or located.file,
        located.file,
    )
    for i, raw in enumerate(data.get(GOALS) or []):
        plan.goals.append(Goal(raw["编号"], raw["标题"], raw.get("内容") or "", where((GOALS, i))))
    for i, raw in enumerate(data[TASKS]):
        plan.tasks.append(
            Task(
                raw["编号"],
                raw.get("章") or "",
                raw["标题"],
                raw.get("内容") or "",
                where((TASKS, i)),
            )
        )
    plan.targets = [
        _target(raw, where((TARGETS, i))) for i, raw in enumerate(data.get(TARGETS) or [])
    ]
    _semantics(plan, located)
    return plan


def _target(raw: dict, location: str) -> Target:
    return Target(
        raw["条目"],
        raw["内容"],
        raw["类型"],
        raw.get("数值"),
        raw.get("单位") or "",
        raw.get("年度"),
        location,
    )


def _semantics(plan: Plan, located: Located) -> None:
    """What the spec cannot say: years in order, targets naming known items, complete targets."""
    problems = []
    if plan.start and plan.end and plan.start > plan.end:
        problems.append(located.problem((PLAN, "结束年度"), "结束年度早于起始年度"))
    labels = [t.label for t in [*plan.tasks, *plan.goals]]
    for i, target in enumerate(plan.targets):
        if target.item not in labels:
            problems.append(
                located.problem(
                    (TARGETS, i, "条目"),
                    f"指标所属的条目“{target.item}”不在“任务”或“目标”中",
                    f"可用的编号：{'、'.join(labels[:12])}……",
                )
            )
        needed = ("数值", "单位") if target.kind == "数值" else ("年度",)
        missing = [k for k in needed if not getattr(target, _FIELDS[k])]
        if missing and target.kind == "数值" and target.value == 0:
            missing.remove("数值")
        if missing:
            problems.append(
                located.problem((TARGETS, i), f"{target.kind}指标缺少{'、'.join(missing)}")
            )
    if problems:
        raise DataError(problems)


_FIELDS = {"数值": "value", "单位": "unit", "年度": "year"}
