"""The canonical section schema (sections.yaml): load, validate, query."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import Problem, SchemaError
from .located import Located, load_located
from .resources import sections_path
from .validate import Field, check

OFFICIAL_PARTS = ("achievements", "shortcomings", "first_responsible", "next_year", "other")
RELATION_OPS = ("<=", "<", "==", ">=", ">")

_COUNT = {
    "key": Field(str, True),
    "id": Field(str, True),
    "unit": Field(str, True),
    "title": Field(str, True),
}
_RATE = {
    "key": Field(str, True),
    "id": Field(str, True),
    "numerator": Field(str, True),
    "denominator": Field(str, True),
    "decimals": Field(int),
}
_RELATION = {
    "left": Field(str, True),
    "op": Field(str, True, choices=RELATION_OPS),
    "right": Field(str, True),
}
_GROUP = {
    "key": Field(str, True),
    "id": Field(str, True),
    "required": Field(bool),
    "counts": Field(list, True, _COUNT),
    "rates": Field(list, False, _RATE),
    "relations": Field(list, False, _RELATION),
}
_ALIAS = {"text": Field(str, True), "seed": Field(str, True)}
_SECTION = {
    "id": Field(str, True),
    "key": Field(str, True),
    "also": Field(list, False, str),
    "title": Field(str, True),
    "heading": Field(str),
    "part": Field(str, True, choices=OFFICIAL_PARTS),
    "required": Field(bool, True),
    "source": Field(str, True),
    "aliases": Field(list, False, _ALIAS),
    "keywords": Field(list, False, str),
    "metrics": Field(list, False, _GROUP),
}
_TOP = {"schema_version": Field(int, True, choices=(1,)), "sections": Field(list, True, _SECTION)}


@dataclass(frozen=True)
class Count:
    """A count a metric group holds (件, 项, 人 …)."""

    key: str
    id: str
    unit: str
    title: str


@dataclass(frozen=True)
class Rate:
    """A rate computed from two counts of its group, never typed."""

    key: str
    id: str
    numerator: str
    denominator: str
    decimals: int = 1


@dataclass(frozen=True)
class Relation:
    """An order that two counts of a group must obey (受理 ≤ 收到)."""

    left: str
    op: str
    right: str


@dataclass(frozen=True)
class MetricGroup:
    """Metrics reported together (行政复议: 收到, 受理, 审结 …)."""

    key: str
    id: str
    section: str
    required: bool
    counts: tuple[Count, ...]
    rates: tuple[Rate, ...] = ()
    relations: tuple[Relation, ...] = ()

    def count(self, key: str) -> Count | None:
        """The count named key (Chinese key or id), or None."""
        return next((c for c in self.counts if key in (c.key, c.id)), None)

    def field_names(self) -> list[str]:
        """Every count and rate name of the group."""
        return [c.key for c in self.counts] + [r.key for r in self.rates]


@dataclass(frozen=True)
class Alias:
    """A heading seen in a seed for this section, with the seed file it came from."""

    text: str
    seed: str


@dataclass(frozen=True)
class Section:
    """One section of the schema: an official part or a thematic section under one."""

    id: str
    key: str
    title: str
    part: str
    required: bool
    source: str
    heading: str = ""
    also: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    keywords: tuple[str, ...] = ()
    metrics: tuple[MetricGroup, ...] = ()

    @property
    def is_part(self) -> bool:
        """Whether this section is one of the five official parts."""
        return self.part == self.id

    def names(self) -> tuple[str, ...]:
        """Every spelling a user may write for this section in year data."""
        return (self.key, self.id, *self.also)

    def heading_for(self, year: int) -> str:
        """The default heading for a report year."""
        return (self.heading or self.title).format(year=year, next_year=year + 1)


@dataclass
class Schema:
    """The sections of sections.yaml, looked up by any name."""

    sections: list[Section]
    file: str = ""
    _by_name: dict[str, Section] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for section in self.sections:
            for name in section.names():
                self._by_name.setdefault(name, section)

    def get(self, name: str) -> Section | None:
        """The section with this key, id or other accepted name, or None."""
        return self._by_name.get(name)

    def by_id(self, section_id: str) -> Section:
        """The section with this id."""
        return next(s for s in self.sections if s.id == section_id)

    def parts(self) -> list[Section]:
        """The five official parts, in order."""
        return [self.by_id(p) for p in OFFICIAL_PARTS]

    def children(self, part_id: str) -> list[Section]:
        """The thematic sections under a part."""
        return [s for s in self.sections if s.part == part_id and not s.is_part]

    def names(self) -> list[str]:
        """Every name a section may be written as."""
        return list(self._by_name)

    def metric_groups(self) -> list[MetricGroup]:
        """Every metric group of every section."""
        return [g for s in self.sections for g in s.metrics]

    def metric_group(self, name: str) -> MetricGroup | None:
        """The metric group with this key or id, or None."""
        return next((g for g in self.metric_groups() if name in (g.key, g.id)), None)


def load_schema(path: Path | None = None) -> Schema:
    """Load and validate a sections.yaml; raise SchemaError listing every problem."""
    path = Path(path) if path else sections_path()
    return _load_cached(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: int) -> Schema:
    located = load_located(Path(path), SchemaError, "章节规范文件", cached=True)
    problems = check(located, (), located.data, _TOP)
    if problems:
        raise SchemaError(problems)
    sections = [
        _section(raw, located, ("sections", i)) for i, raw in enumerate(located.data["sections"])
    ]
    problems = _semantic_problems(sections, located)
    if problems:
        raise SchemaError(problems)
    return Schema(sections, path)


def _section(raw: dict, located: Located, path: tuple) -> Section:
    groups = tuple(_group(g, raw["id"]) for g in raw.get("metrics", []))
    return Section(
        id=raw["id"],
        key=raw["key"],
        title=raw["title"],
        part=raw["part"],
        required=raw["required"],
        source=raw["source"],
        heading=raw.get("heading", ""),
        also=tuple(raw.get("also", [])),
        aliases=tuple(Alias(**a) for a in raw.get("aliases", [])),
        keywords=tuple(raw.get("keywords", [])),
        metrics=groups,
    )


def _group(raw: dict, section_id: str) -> MetricGroup:
    return MetricGroup(
        key=raw["key"],
        id=raw["id"],
        section=section_id,
        required=raw.get("required", False),
        counts=tuple(Count(**c) for c in raw["counts"]),
        rates=tuple(Rate(**r) for r in raw.get("rates", [])),
        relations=tuple(Relation(**r) for r in raw.get("relations", [])),
    )


def _semantic_problems(sections: list[Section], located: Located) -> list[Problem]:
    problems: list[Problem] = []
    seen_names: dict[str, int] = {}
    for i, section in enumerate(sections):
        at = ("sections", i)
        for name in section.names():
            if name in seen_names:
                problems.append(
                    located.problem(
                        at + ("key",), f"章节名“{name}”与第{seen_names[name] + 1}个章节重复"
                    )
                )
            seen_names[name] = i
        problems += _metric_problems(section, located, at)
    problems += _group_name_clashes(sections, located)
    ids = {s.id for s in sections}
    for part in OFFICIAL_PARTS:
        if part not in ids:
            problems.append(located.problem(("sections",), f"缺少法定部分“{part}”的章节定义"))
    return problems


def _metric_problems(section: Section, located: Located, at: tuple) -> list[Problem]:
    problems = []
    for j, group in enumerate(section.metrics):
        where = at + ("metrics", j)
        names = group.field_names()
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            problems.append(
                located.problem(
                    where, f"指标组“{group.key}”中的名称重复：{'、'.join(sorted(duplicates))}"
                )
            )
        counts = {c.key for c in group.counts}
        for rate in group.rates:
            for side in (rate.numerator, rate.denominator):
                if side not in counts:
                    problems.append(
                        located.problem(where, f"比率“{rate.key}”引用了不存在的计数“{side}”")
                    )
        for relation in group.relations:
            for side in (relation.left, relation.right):
                if side not in counts:
                    problems.append(located.problem(where, f"关系引用了不存在的计数“{side}”"))
    return problems


def _group_name_clashes(sections: list[Section], located: Located) -> list[Problem]:
    # Metric group names are global (narrative writes {{ 行政复议.审结 }}), so they must be unique.
    problems, seen = [], set()
    for i, section in enumerate(sections):
        for j, group in enumerate(section.metrics):
            for name in (group.key, group.id):
                if name in seen:
                    problems.append(
                        located.problem(("sections", i, "metrics", j), f"指标组名“{name}”重复")
                    )
                seen.add(name)
    return problems
