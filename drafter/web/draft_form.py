"""The 起草 form, generated from the section schema and the draft's year data: each field
is named by its key path in the YAML (报告.年度, 制度建设.事项[1].内容,
制度建设.指标.规范性文件.制定), the path the library's problems name, so that a message
lands beside its field."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.located import dotted

META = ("报告",)
# the 报告 block's fields: key, label, hint
META_FIELDS = (
    ("地区", "地区或单位", "如 明湖区"),
    ("层级", "层级", "区县政府、市政府、省政府、乡镇街道、政府部门"),
    ("年度", "年度", "如 2025"),
    ("署名", "落款单位", "如 明湖区人民政府"),
    ("日期", "成文日期", "如 2026-03-10"),
    ("党委主要负责人", "党委主要负责人", "如 区委书记"),
    ("政府主要负责人", "政府主要负责人", "如 区长"),
)
INTRO, ITEMS, METRICS, PREVIOUS, LEAD, TEXT = "导语", "事项", "指标", "上年", "要点", "内容"
SUMMARY = "概述"  # a section's opening paragraph, before its items


@dataclass
class CountField:
    """A count of a metric group: its field name, unit, value, last year's value and 同比."""

    name: str
    key: str
    title: str
    unit: str
    value: str
    previous: str = ""
    yoy: str = ""


@dataclass
class GroupView:
    """A metric group: its counts and the rates computed from them."""

    key: str
    counts: list[CountField]
    rates: list[tuple[str, str, str]]  # (field-like name, key, computed text)


@dataclass
class ItemView:
    """One item: lead phrase and text fields, or a group kept as written (edited in YAML)."""

    number: int
    lead_name: str
    text_name: str
    lead: str
    text: str
    editable: bool = True


@dataclass
class SectionView:
    """One section of the schema on the form."""

    key: str
    title: str
    part: bool
    summary: tuple[str, str] | None = None  # (field name, text) where the section has one
    items: list[ItemView] = field(default_factory=list)
    groups: list[GroupView] = field(default_factory=list)


def _text(value) -> str:
    return "" if value is None else str(value)


def _is_item(entry) -> bool:
    return isinstance(entry, dict) and not (set(entry) - {LEAD, TEXT})


def section_data(data: dict, key: str, create: bool = False) -> dict:
    """The mapping written under a section's key (a new one when create)."""
    found = data.get(key)
    if not isinstance(found, dict):
        found = {}
        if create:
            data[key] = found
    return found


def group_data(data: dict, schema, group) -> dict:
    """Where a metric group's counts are written: under any section's 指标, else its own."""
    for value in data.values():
        metrics = value.get(METRICS) if isinstance(value, dict) else None
        if isinstance(metrics, dict) and isinstance(metrics.get(group.key), dict):
            return metrics[group.key]
    return {}


def group_path(data: dict, schema, group) -> tuple:
    """The key path of a group's mapping (where the form writes its counts)."""
    for key, value in data.items():
        metrics = value.get(METRICS) if isinstance(value, dict) else None
        if isinstance(metrics, dict) and isinstance(metrics.get(group.key), dict):
            return (key, METRICS, group.key)
    return (schema.by_id(group.section).key, METRICS, group.key)


def item_views(data: dict, key: str) -> list[ItemView]:
    """The items of a section as form fields."""
    items = section_data(data, key).get(ITEMS)
    out = []
    for index, entry in enumerate(items if isinstance(items, list) else []):
        base = (key, ITEMS, index)
        ok = _is_item(entry)
        lead = _text(entry.get(LEAD)) if ok else ""
        text = _text(entry.get(TEXT)) if ok else ""
        out.append(
            ItemView(index + 1, dotted(base + (LEAD,)), dotted(base + (TEXT,)), lead, text, ok)
        )
    return out


def numbers(counts: dict) -> dict:
    """Only the counts that are numbers (what the library computes with)."""
    return {
        k: v for k, v in counts.items() if isinstance(v, (int, float)) and not isinstance(v, bool)
    }


def group_view(data: dict, schema, group) -> GroupView:
    """A metric group's fields, its rates computed and 同比 worded by the library."""
    from ..core.comparison import Change, yoy_words
    from ..core.metrics import format_count
    from ..core.metrics import group_view as computed

    written = group_data(data, schema, group)
    previous = written.get(PREVIOUS) if isinstance(written.get(PREVIOUS), dict) else {}
    at = group_path(data, schema, group)
    current, before = numbers(written), numbers(previous)
    counts = []
    for count in group.counts:
        row = CountField(
            dotted(at + (count.key,)),
            count.key,
            count.title,
            count.unit,
            _text(written.get(count.key)),
        )
        if count.key in before:
            row.previous = format_count(before[count.key]) + count.unit
            if count.key in current:
                row.yoy = yoy_words(Change(before[count.key], current[count.key]), count.unit)
        counts.append(row)
    view = computed(group, current)
    rates = [(dotted(at + (r.key,)), r.key, view.get(r.key, "—")) for r in group.rates]
    return GroupView(group.key, counts, rates)


def form_view(data: dict, schema) -> tuple[list, str, list[SectionView]]:
    """(meta fields, 导语, sections) of the form for the draft's data."""
    meta = data.get("报告") if isinstance(data.get("报告"), dict) else {}
    fields = [
        (dotted(("报告", key)), label, hint, _text(meta.get(key)))
        for key, label, hint in META_FIELDS
    ]
    sections = []
    for section in schema.sections:
        view = SectionView(section.key, section.title, section.is_part)
        written = section_data(data, section.key).get(SUMMARY)
        if written is not None or (section.is_part and schema.children(section.id)):
            view.summary = (dotted((section.key, SUMMARY)), _text(written))
        view.items = item_views(data, section.key)
        view.groups = [group_view(data, schema, g) for g in section.metrics]
        sections.append(view)
    return fields, _text(data.get(INTRO)), sections


def _number(text: str):
    """A typed count: an int or a float when it is one, None when empty; otherwise the text
    as typed, for the library to refuse with its own message."""
    text = text.strip()
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def apply_form(data: dict, form, schema) -> dict:
    """The data with every field the form posted written into it (fields it did not post are
    left as they are; keys that are no field of the form are ignored)."""
    meta = data.setdefault("报告", {}) if isinstance(data.get("报告"), dict) else {}
    data["报告"] = meta
    for key, _label, _hint in META_FIELDS:
        if dotted(("报告", key)) in form:
            value = str(form[dotted(("报告", key))]).strip()
            meta[key] = (_number(value) if key == "年度" else value) or (
                None if key == "日期" else ""
            )
    if INTRO in form:
        data[INTRO] = str(form[INTRO])
    for section in schema.sections:
        summary = dotted((section.key, SUMMARY))
        if summary in form and (form[summary] or SUMMARY in section_data(data, section.key)):
            section_data(data, section.key, create=True)[SUMMARY] = str(form[summary]).strip()
        for view in item_views(data, section.key):
            if view.editable:
                entry = section_data(data, section.key)[ITEMS][view.number - 1]
                for key, name in ((LEAD, view.lead_name), (TEXT, view.text_name)):
                    if name in form:
                        entry[key] = str(form[name]).strip()
        for group in section.metrics:
            _apply_group(data, form, schema, group)
    return data


def _apply_group(data: dict, form, schema, group) -> None:
    at = group_path(data, schema, group)
    names = {c.key: dotted(at + (c.key,)) for c in group.counts}
    typed = {key: _number(str(form[name])) for key, name in names.items() if name in form}
    written = group_data(data, schema, group)
    if not written and all(v is None for v in typed.values()):
        return  # an untouched group the data never had stays out of the YAML
    home = section_data(data, at[0], create=True).setdefault(METRICS, {})
    home.setdefault(group.key, written).update(typed)


def apply_action(data: dict, action: str) -> dict:
    """Add, remove or move an item: add:<section>, remove:<section>:<n>, up:…, down:…"""
    verb, _, rest = action.partition(":")
    key, _, number = rest.partition(":")
    if verb not in ("add", "remove", "up", "down") or not key:
        return data
    items = section_data(data, key, create=True).setdefault(ITEMS, [])
    if not isinstance(items, list):
        return data
    if verb == "add":
        items.append({LEAD: "", TEXT: ""})
        return data
    index = int(number) - 1 if number.isdigit() else -1
    if not 0 <= index < len(items):
        return data
    if verb == "remove":
        del items[index]
    else:
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
    return data
