"""Plain data from a stream of YAML events, every value located, size and depth bounded.

We build the data from parser events ourselves (libyaml's parser when PyYAML has it)
instead of composing a node graph: an alias is counted by the size of what it
expands to before it is copied, so a "billion laughs" file stops at the node limit
in milliseconds; nesting is followed with an explicit stack, so 1,000 levels are a
located error and not a RecursionError; a tag, a date or a number that cannot be
read is a located problem, never an exception from the constructor.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem
from .limits import LimitHit

_T = "tag:yaml.org,2002:"
SCALAR_TAGS = {_T + n for n in ("null", "bool", "int", "float", "str", "timestamp")}
SEQ_TAGS, MAP_TAGS = {None, "!", _T + "seq"}, {None, "!", _T + "map"}
# What YAML forbids in a file, and what a "\u…" escape may still produce: C0/C1 controls
# (except tab and newline), lone surrogates, the two non-characters U+FFFE/U+FFFF.
NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
BAD_IN_VALUE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NO_KEY = object()
_constructor = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()


@dataclass
class _Open:
    """A mapping or sequence whose end event has not come yet."""

    path: tuple
    value: Any
    anchor: str | None
    nodes_at_start: int
    key: Any = _NO_KEY
    skip_value: bool = False


@dataclass
class TreeBuilder:
    """Feed it events; read data, marks and problems when the stream ends."""

    file: str
    max_nodes: float
    max_depth: float
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    data: Any = None
    nodes: int = 0
    documents: int = 0
    _stack: list[_Open] = field(default_factory=list)
    _anchors: dict = field(default_factory=dict)  # name -> (value, node count) or None while open

    def feed(self, event: yaml.Event) -> None:
        """Take one parser event."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._problem(
                    event, "一个 YAML 文件只能有一个文档", "请删去多余的“---”及其后的内容"
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close()
        elif isinstance(event, yaml.ScalarEvent):
            self._count(1, event)
            value = self._scalar(event)
            self._remember(event.anchor, value, 1)
            self._child(value, event, scalar=True)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    # ── collections ──────────────────────────────────────────────────────

    def _open(self, event) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (MAP_TAGS if is_map else SEQ_TAGS):
            self._problem(
                event, f"不支持的 YAML 标签“{_shown_tag(event.tag)}”", "请删去以“!”开头的标签"
            )
        if len(self._stack) + 1 > self.max_depth:
            raise LimitHit("yaml_depth", "", *_mark(event))
        self._count(1, event)
        path = self._child_path(event)
        self.marks[path] = _mark(event)
        if event.anchor is not None:
            self._anchors[event.anchor] = None  # open: an alias to it now would recurse
        self._stack.append(_Open(path, {} if is_map else [], event.anchor, self.nodes))

    def _close(self) -> None:
        done = self._stack.pop()
        self._remember(done.anchor, done.value, self.nodes - done.nodes_at_start + 1)
        self._attach(done.value, scalar=False, path=done.path, mark=self.marks[done.path])

    def _alias(self, event) -> None:
        name = event.anchor
        if name not in self._anchors:
            self._problem(event, f"引用了未定义的锚点“{name}”", f"请先用“&{name}”定义它")
            value = None
        elif self._anchors[name] is None:
            self._problem(event, f"锚点“{name}”引用了包含它自身的内容（递归引用），无法展开")
            value = None
        else:
            stored, count = self._anchors[name]
            self._count(count, event)
            value = copy.deepcopy(stored)  # bounded: counted above
        self._child(value, event, scalar=not isinstance(value, (list, dict)))

    def _remember(self, anchor, value, count: int) -> None:
        if anchor is not None:
            self._anchors[anchor] = (value, count)

    # ── placing a finished value ─────────────────────────────────────────

    def _child_path(self, event) -> tuple:
        if not self._stack:
            return ()
        top = self._stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),)
        if top.key is _NO_KEY:  # a mapping or sequence used as a key
            return top.path + ("<键>",)
        return top.path + (top.key,)

    def _child(self, value, event, scalar: bool) -> None:
        path = self._child_path(event)
        top = self._stack[-1] if self._stack else None
        if top is None or isinstance(top.value, list) or top.key is not _NO_KEY:
            self.marks[path] = _mark(event)
        self._attach(value, scalar, path, _mark(event), event)

    def _attach(self, value, scalar: bool, path: tuple, mark, event=None) -> None:
        if not self._stack:
            self.data = value
            return
        top = self._stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is _NO_KEY:
            self._take_key(top, value, scalar, mark, event)
        else:
            if not top.skip_value:
                top.value[top.key] = value
            top.key, top.skip_value = _NO_KEY, False

    def _take_key(self, top: _Open, key, scalar: bool, mark, event) -> None:
        merge = isinstance(event, yaml.ScalarEvent) and _resolved_tag(event) == _T + "merge"
        if merge or not scalar:
            message = "不支持 YAML 合并键“<<”" if merge else "键必须是文字，不能是列表或映射"
            self.problems.append(Problem(message, self.file, *mark, _dotted(top.path)))
            top.key, top.skip_value = "<键>", True
            return
        key = key if isinstance(key, str) else str(key)
        child = top.path + (key,)
        if key in top.value:
            self.problems.append(
                Problem(
                    f"键“{key}”重复出现",
                    self.file,
                    *mark,
                    _dotted(child),
                    hint="同一层级每个键只能写一次，请合并两处内容",
                )
            )
            top.key, top.skip_value = key, True
            return
        self.key_marks[child] = mark
        top.key = key

    # ── scalars ──────────────────────────────────────────────────────────

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = _resolved_tag(event)
        if tag == _T + "merge":
            return "<<"
        if tag not in SCALAR_TAGS:
            self._problem(
                event, f"不支持的 YAML 标签“{_shown_tag(event.tag)}”", "请删去以“!”开头的标签"
            )
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = _constructor.yaml_constructors[tag](_constructor, node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            self._problem(event, *_unreadable(tag, event.value))
            return event.value
        if isinstance(value, str) and event.style == '"':
            bad = BAD_IN_VALUE.search(value)
            if bad:
                self._problem(
                    event, f"转义写出了不能使用的字符 U+{ord(bad.group()):04X}", _BAD_HINT
                )
        return value

    # ── bookkeeping ──────────────────────────────────────────────────────

    def _count(self, n: int, event) -> None:
        self.nodes += n
        if self.nodes > self.max_nodes:
            raise LimitHit("yaml_nodes", "", *_mark(event))

    def _problem(self, event, message: str, hint: str = "") -> None:
        self.problems.append(Problem(message, self.file, *_mark(event), hint=hint))


_BAD_HINT = "控制字符和孤立的代理项（\\ud800 之类）无法写入 Word，请删去这个转义"


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _resolved_tag(event) -> str:
    if event.tag is None or event.tag == "!":
        return _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    return event.tag


def _unreadable(tag: str, value: str) -> tuple[str, str]:
    shown = value if len(value) <= 40 else value[:40] + "…"
    if tag == _T + "timestamp":
        return f"日期“{shown}”不存在", "请检查年、月、日（如 2 月没有 30 日）"
    if tag == _T + "int":
        return f"数字“{shown}”位数过多，无法读取", "指标请填写实际的计数"
    return f"无法读取值“{shown}”", "请检查这个值的写法，或加引号作为文字"


def _mark(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _dotted(path: tuple) -> str:
    from .located import dotted

    return dotted(path)


def non_printable(
    text: str, file: str, most: int = 5, where: str = "，YAML 不允许"
) -> list[Problem]:
    """Characters YAML (and a Word document) does not allow (controls, lone surrogates), located."""
    problems = []
    for found in NON_PRINTABLE.finditer(text):
        pos = found.start()
        line = text.count("\n", 0, pos) + 1
        column = pos - text.rfind("\n", 0, pos)
        code = ord(found.group())
        kind = "孤立的代理项" if 0xD800 <= code <= 0xDFFF else "不可见的控制字符"
        problems.append(
            Problem(
                f"文件中有{kind} U+{code:04X}{where}",
                file,
                line,
                column,
                hint="请删除这个字符（常见于从网页、PDF 或其他软件复制来的文字）",
            )
        )
        if len(problems) >= most:
            break
    return problems
