"""A plan as drafter holds it: goals, tasks with their chapter and wording, and targets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Goal:
    """A goal of the plan (指导思想, 原则, 总体目标 …)."""

    label: str  # （三）
    title: str
    text: str
    location: str = ""


@dataclass
class Task:
    """A numbered task: its label, chapter, title and wording."""

    label: str  # （十）
    chapter: str  # 二、健全高效便民、重心下沉的政府机构职能体系
    title: str  # 加强新时代司法所建设
    text: str  # the task's wording
    location: str = ""  # where it is written (plan file or PLAN.yaml)

    @property
    def name(self) -> str:
        """Label and title: （十）加强新时代司法所建设."""
        return f"{self.label}{self.title}"


@dataclass
class Target:
    """A quantified target: a figure to reach (不少于60学时) or a deadline (2024年底前建成…)."""

    item: str  # the label of the task or goal it belongs to
    text: str  # the sentence that sets it
    kind: str  # 数值 | 时限
    value: float | None = None  # 数值: the figure
    unit: str = ""  # 数值: its unit (学时, 人, %)
    year: int | None = None  # 时限: the year it is due
    location: str = ""


@dataclass
class Plan:
    """A plan: who made it, for which years, and what it sets out."""

    title: str
    unit: str
    start: int | None
    end: int | None
    source: str  # the plan document (or the corpus entry) it was read from
    file: str = ""  # the file it was loaded from (PLAN.yaml or the document)
    goals: list[Goal] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def covers(self, year: int | None) -> bool:
        """Whether the plan's period includes the year."""
        return bool(year and self.start and self.end and self.start <= year <= self.end)

    @property
    def period(self) -> str:
        """2021—2025年, or 期间未知."""
        return f"{self.start}—{self.end}年" if self.start and self.end else "期间未知"

    def item(self, label: str) -> Task | Goal | None:
        """The task or goal with this label."""
        return next((t for t in [*self.tasks, *self.goals] if t.label == label), None)
