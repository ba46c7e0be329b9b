"""Reading 指标: metric groups and their counts, with rates refused (they are computed)."""

from __future__ import annotations

from ..core import limits
from ..core.metrics import format_count
from ..core.schema import Section
from ..core.validate import describe, is_kind, unknown_hint
from .keys import PREVIOUS


class MetricReading:
    """The 指标 part of the year-data reader (mixed into it; uses its problem())."""

    def metrics(self, section: Section, raw, path: tuple) -> dict:
        """The metric groups written under a section."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(path, f"“指标”应当是映射（指标组: 计数），实际是{describe(raw)}")
            return {}
        out = {}
        own = {g.key: g for g in section.metrics} | {g.id: g for g in section.metrics}
        for name, values in raw.items():
            group = own.get(name)
            if group is None:
                self.unknown_group(section, name, path)
                continue
            out[group.key] = self.counts(group, values, path + (name,))
        return out

    def previous_metrics(self, section: Section, raw, path: tuple) -> dict:
        """Last year's counts written under each group's 上年 (problems reported by metrics())."""
        if not isinstance(raw, dict):
            return {}
        own = {g.key: g for g in section.metrics} | {g.id: g for g in section.metrics}
        out = {}
        for name, values in raw.items():
            group = own.get(name)
            if group is not None and isinstance(values, dict) and PREVIOUS in values:
                where = path + (name, PREVIOUS)
                out[group.key] = self.counts(group, values[PREVIOUS], where, previous=True)
        return out

    def unknown_group(self, section: Section, name: str, path: tuple) -> None:
        """Report a group that is not this section's (naming its home when it has one)."""
        elsewhere = self.schema.metric_group(name)
        if elsewhere is not None:
            home = self.schema.by_id(elsewhere.section)
            self.problem(
                path + (name,),
                f"指标组“{name}”属于章节“{home.key}”",
                f"请移到“{home.key}: 指标:”下",
                at_key=True,
            )
            return
        own = [g.key for g in section.metrics]
        hint = unknown_hint(name, own) if own else f"章节“{section.key}”没有定义指标"
        self.problem(path + (name,), f"未知的指标组“{name}”", hint, at_key=True)

    def counts(self, group, values, path: tuple, previous: bool = False) -> dict[str, float | None]:
        """The counts of one group (or of its 上年); each a whole number ≥ 0 (at most count_max)
        or empty."""
        if not isinstance(values, dict):
            what = f"“{group.key}.{PREVIOUS}”" if previous else f"指标组“{group.key}”"
            self.problem(path, f"{what}应当是映射（计数名: 数值），实际是{describe(values)}")
            return {}
        out: dict[str, float | None] = {}
        for name, value in values.items():
            if name == PREVIOUS and not previous:
                continue  # last year's counts: read by previous_metrics()
            count = group.count(name)
            if count is None:
                self.unknown_count(group, name, path)
            elif value is not None and not (is_kind(value, float) and value >= 0):
                self.problem(
                    path + (name,),
                    f"“{name}”应当是不小于 0 的数字，实际是{describe(value)}",
                    "不填可以留空（写成 ~ 或不写这一行）",
                )
            elif value is not None and value > limits.value("count_max"):
                shown = format_count(value) if len(str(value)) <= 20 else f"{len(str(value))} 位数"
                hit = limits.limit_problem("count_max", "", found=f"这里是 {shown}")
                self.problem(path + (name,), hit.message, hit.hint)
            elif isinstance(value, float) and not value.is_integer():
                self.problem(
                    path + (name,),
                    f"“{name}”是计数（{count.unit}），应当是整数，实际是{describe(value)}",
                    "比率由工具按计数计算，不必手填小数",
                )
            else:
                out[count.key] = value
        return out

    def unknown_count(self, group, name: str, path: tuple) -> None:
        """Report a name that is not a count of the group (rates are computed)."""
        rate = next((r for r in group.rates if name in (r.key, r.id)), None)
        if rate is not None:
            self.problem(
                path + (name,),
                f"“{rate.key}”由工具按计数计算，不能手填",
                f"请填写“{rate.numerator}”和“{rate.denominator}”",
                at_key=True,
            )
            return
        self.problem(
            path + (name,),
            f"指标组“{group.key}”中没有“{name}”",
            unknown_hint(name, [c.key for c in group.counts]),
            at_key=True,
        )
