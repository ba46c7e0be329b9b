"""Load YAML while remembering where every key and value came from.

Semantic errors (unknown key, wrong type) must point at file:line:column just
like syntax errors do, so we compose the node tree ourselves and keep a
path -> mark table beside the plain Python data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Path_ = tuple  # a key path: ("报告", "年度") or ("行政执法", "事项", 0)


@dataclass
class Located:
    """Plain data plus where each path sits in the source file."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: Path_, message: str, hint: str = "", at_key: bool = False) -> Problem:
        """A Problem located at a key path (at the key itself when at_key and known)."""
        table = self.key_marks if at_key and path in self.key_marks else self.marks
        line, col = self._nearest(table, path)
        return Problem(message, self.file, line, col, dotted(path), hint)

    def location(self, path: Path_) -> str:
        """file:line:col of a key path (or of its nearest located parent)."""
        return self.problem(path, "").location()

    def _nearest(self, table: dict, path: Path_) -> tuple[int | None, int | None]:
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get((), (None, None))


def dotted(path: Path_) -> str:
    """A key path as users write it: 行政执法.事项[2].内容."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_text(path: Path, what: str = "文件") -> str:
    """Read a UTF-8 file (BOM allowed) or fail with a located Chinese message."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise_problem(Problem(f"找不到{what}", str(path), hint="请检查路径是否正确"))
    except IsADirectoryError:
        raise_problem(Problem(f"这是一个目录，不是{what}", str(path)))
    except OSError as exc:
        raise_problem(Problem(f"无法读取{what}：{exc.strerror}", str(path)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise_problem(
            Problem(
                "文件不是 UTF-8 编码",
                str(path),
                line,
                col,
                hint="请在编辑器中以“UTF-8”编码另存后再试（记事本：另存为 → 编码选 UTF-8）",
            )
        )


def raise_problem(problem: Problem, cls=None):
    """Raise one located problem as cls (DataError by default)."""
    from .errors import DataError

    raise (cls or DataError)([problem])


def load_located(path: Path, error_cls=None, what: str = "YAML 文件") -> Located:
    """Read and parse a YAML file, keeping where every key and value came from."""
    text = read_text(path, what)
    return parse_located(text, str(path), error_cls)


def parse_located(text: str, filename: str, error_cls=None) -> Located:
    """Parse YAML text, keeping where every key and value came from."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise_problem(
            Problem(
                f"YAML 格式错误：{_yaml_reason(exc)}",
                filename,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                hint="检查缩进（只用空格）、冒号后的空格，以及引号是否成对",
            ),
            error_cls,
        )
    located = Located(None, filename)
    problems: list[Problem] = []
    located.data = _convert(node, (), located, problems) if node is not None else None
    if problems:
        raise_problem(problems[0], error_cls) if len(problems) == 1 else _raise_all(
            problems, error_cls
        )
    return located


def _raise_all(problems, error_cls):
    from .errors import DataError

    raise (error_cls or DataError)(problems)


_REASONS = {
    "mapping values are not allowed here": (
        "此处不能出现“键: 值”（多半是缩进不对，或值里有未加引号的冒号）"
    ),
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found undefined alias": "引用了未定义的锚点",
    "expected <block end>, but found '<block mapping start>'": "缩进层级不一致",
    "expected <block end>, but found '-'": "列表项“-”的缩进不一致",
    "expected ',' or ']'": (
        "方括号列表的写法有误（内容含 { } 或逗号时请加引号，或改用“- ”逐行列出）"
    ),
    "expected ',' or '}'": (
        "花括号映射的写法有误（内容含 { } 或逗号时请加引号，或改成逐行的“键: 值”）"
    ),
}


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, chinese in _REASONS.items():
        if problem.startswith(english):
            return chinese
    return problem or str(exc)


_scalar_constructor = yaml.SafeLoader(" ")


def _convert(node: yaml.Node, path: Path_, located: Located, problems: list[Problem]) -> Any:
    located.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, located, problems)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, path + (i,), located, problems) for i, child in enumerate(node.value)
        ]
    return _scalar_constructor.construct_object(node, deep=True)


def _convert_mapping(node, path, located, problems) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            problems.append(located.problem(path, "不支持 YAML 合并键“<<”"))
            continue
        key = _scalar_constructor.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        child = path + (key,)
        mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key in result:
            problems.append(
                Problem(
                    f"键“{key}”重复出现",
                    located.file,
                    *mark,
                    dotted(child),
                    hint="同一层级每个键只能写一次，请合并两处内容",
                )
            )
            continue
        located.key_marks[child] = mark
        result[key] = _convert(value_node, child, located, problems)
    return result
