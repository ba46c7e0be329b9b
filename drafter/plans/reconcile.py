"""规划对账: per plan task, whether this year's report covers it (and with which paragraph),
whether each quantified target is reported, and — over the unit's other reports of
the plan period — which tasks and targets were never reported. In the plan's final
year what was never reported is a warning: every target must be accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.findings import Finding
from ..core.report import Passage, Report
from ..core.ruletable import rule
from .coverage import ItemIndex, cosine, has_figure
from .model import Plan, Target, Task
from .settings import plan_settings


@dataclass
class History:
    """Another report of the unit in the plan period: its year, where it is, and its
    paragraphs as (section id, text)."""

    year: int
    label: str
    paragraphs: list[tuple[str | None, str]]

    def texts(self, report: Report) -> list[str]:
        """The paragraphs of the parts that report work done (rules/plans.yaml)."""
        parts = plan_settings().report_parts
        schema = report.schema
        return [
            text
            for section, text in self.paragraphs
            if section and schema.get(section) and schema.get(section).part in parts
        ]


@dataclass
class TaskRow:
    """One task: the paragraph of this year's report that covers it, and earlier years."""

    task: Task
    passage: Passage | None = None
    score: float = 0.0
    years: list[int] = field(default_factory=list)  # other years whose reports cover it


@dataclass
class TargetRow:
    """One quantified target: the paragraph of this year's report that reports it, and other
    years."""

    target: Target
    passage: Passage | None = None
    years: list[int] = field(default_factory=list)


@dataclass
class Reconciliation:
    """A report reconciled with its unit's plan."""

    plan: Plan
    year: int | None
    history: list[History]
    tasks: list[TaskRow]
    targets: list[TargetRow]

    @property
    def final(self) -> bool:
        """Whether the report is of the plan's final year."""
        return bool(self.year and self.plan.end == self.year)

    def summary(self) -> dict:
        """The JSON form (summary.plan)."""
        from .output import summary

        return summary(self)

    def lines(self) -> list[str]:
        """The terminal section."""
        from .output import lines

        return lines(self)

    def html(self) -> str:
        """The self-contained HTML table."""
        from .output import html

        return html(self)

    def findings(self) -> list[Finding]:
        """plan.not_covered per task this report leaves out; plan.target_unreported per target
        no report of the period reports."""
        out = [self._task_finding(row) for row in self.tasks if row.passage is None]
        out += [self._target_finding(r) for r in self.targets if r.passage is None and not r.years]
        return out

    def _task_finding(self, row: TaskRow) -> Finding:
        case = None if row.years else ("final" if self.final else "never")
        return rule("plan.not_covered").finding(
            case,
            location=row.task.location,
            evidence=row.task.text,
            task=row.task.name,
            chapter=row.task.chapter or "规划",
            years="、".join(f"{y}年" for y in row.years),
            period=self.plan.period,
        )

    def _target_finding(self, row: TargetRow) -> Finding:
        target = row.target
        item = self.plan.item(target.item)
        return rule("plan.target_unreported").finding(
            "final" if self.final else None,
            location=target.location,
            evidence=target.text,
            target=describe_target(target),
            item=f"{target.item}{item.title if item else ''}",
            period=self.plan.period,
        )


def describe_target(target: Target) -> str:
    """不少于60学时 / 2024年前 — the figure or deadline of a target, briefly."""
    if target.kind == "数值":
        value = int(target.value) if float(target.value).is_integer() else target.value
        return f"{value}{target.unit}"
    return f"{target.year}年"


def reconcile(plan: Plan, report: Report, history: list) -> Reconciliation:
    """The report (and the unit's other reports of the period: History, or (year, label,
    paragraphs) tuples) against the plan."""
    history = [h if isinstance(h, History) else History(*h) for h in history]
    settings = plan_settings()
    passages = [p for p in report.passages if not p.is_heading and p.part in settings.report_parts]
    index = ItemIndex([(t.title, t.text) for t in plan.tasks])
    rows, targets = [TaskRow(task) for task in plan.tasks], [TargetRow(t) for t in plan.targets]
    this_year = _Texts(index, [p.text for p in passages])
    for i, (p, score) in index.covered(this_year.scores).items():
        rows[i].passage, rows[i].score = passages[p], score
    for row in targets:
        found = this_year.reporting(plan, row.target)
        row.passage = passages[found] if found is not None else None
    for earlier in sorted(history, key=lambda h: h.year):
        texts = _Texts(index, earlier.texts(report))
        for i in index.covered(texts.scores):
            rows[i].years.append(earlier.year)
        for row in targets:
            if texts.reporting(plan, row.target) is not None:
                row.years.append(earlier.year)
    return Reconciliation(plan, report.year, history, rows, targets)


class _Texts:
    """A report's texts with their vectors and similarities to the plan's tasks, made once."""

    def __init__(self, index: ItemIndex, texts: list[str]):
        self.index, self.texts = index, texts
        self.vectors = [index.vector_of(t) for t in texts]
        self.scores = [index.similarities(v) for v in self.vectors]

    def reporting(self, plan: Plan, target: Target) -> int | None:
        """The index of the text that reports the target: close to the target's sentence or
        covering its task, and giving a figure in the target's unit for a figure target."""
        labels = [t.label for t in plan.tasks]
        task = labels.index(target.item) if target.item in labels else None
        wanted, least = self.index.vector_of(target.text), self.index.settings.min_cosine
        for i, text in enumerate(self.texts):
            close = cosine(wanted, self.vectors[i]) >= least
            close = close or (task is not None and self.scores[i][task] >= least)
            if close and (target.kind == "时限" or has_figure(text, target.unit)):
                return i
        return None
