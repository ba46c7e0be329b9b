"""Load YAML while remembering where every key and value came from.

Semantic errors (unknown key, wrong type) must point at file:line:column just
like syntax errors do, so we build the data from parser events ourselves
(core/yaml_tree.py) and keep a path -> mark table beside the plain Python data.
Input is bounded by rules/limits.yaml: file size, values after alias expansion,
nesting depth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

    from .yaml_tree import TreeBuilder

from . import limits
from .errors import DataError, LimitExceeded, Problem
from .limits import check_size

# PyYAML is imported only to parse: drafter's own tables are read from the cache folder, and
# importing it (~15 ms with its patterns) is a tenth of a command's start-up.
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


def read_text(path: Path, what: str = "文件", limit_name: str | None = "yaml_file_mb") -> str:
    """Read a UTF-8 file (BOM allowed) or fail with a located Chinese message.

    limit_name: the size limit (rules/limits.yaml) checked before reading; None for our own files.
    """
    if limit_name is not None:
        check_size(path, limit_name)
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
    raise (cls or DataError)([problem])


def load_located(
    path: Path, error_cls=None, what: str = "YAML 文件", bounded: bool = True, cached: bool = False
) -> Located:
    """Read and parse a YAML file, keeping where every key and value came from.

    bounded: apply the size, node and depth limits (off only for drafter's own tables).
    cached: keep the parsed file in the cache folder (drafter's own tables, read by every
    command); a file that changed, or a new drafter, is parsed again."""
    if cached:
        return _cached_located(Path(path), error_cls, what, bounded)
    text = read_text(path, what, "yaml_file_mb" if bounded else None)
    return parse_located(text, str(path), error_cls, bounded)


def _cached_located(path: Path, error_cls, what: str, bounded: bool) -> Located:
    from . import cache

    def parse() -> tuple:
        found = load_located(path, error_cls, what, bounded)
        return found.data, found.marks, found.key_marks

    here = Path(__file__)
    parser = (here, here.with_name("yaml_tree.py"))  # their code makes what is stored
    key = cache.source_key(path, *parser, str(bounded))
    name = "yaml-" + cache.source_key(str(path.resolve()))[:8]  # one file's versions
    data, marks, key_marks = cache.cached(name, key, parse)
    return Located(data, str(path), marks, key_marks)


def parse_located(text: str, filename: str, error_cls=None, bounded: bool = True) -> Located:
    """Parse YAML text, keeping where every key and value came from."""
    import yaml

    from .yaml_tree import non_printable

    fast = fast_loader()
    if bounded and len(text) > limits.value("yaml_file_mb") * 1024 * 1024:
        raise limits.exceeded("yaml_file_mb", filename)
    problems = non_printable(text, filename)
    if problems:
        raise (error_cls or DataError)(problems)
    try:
        builder = _build(text, filename, bounded, fast)
    except yaml.YAMLError as fast_error:
        if fast is yaml.SafeLoader:
            _raise_syntax(fast_error, filename, error_cls)
        try:  # the pure-Python parser's messages are the ones we explain in Chinese
            builder = _build(text, filename, bounded, yaml.SafeLoader)
        except yaml.YAMLError as exc:
            _raise_syntax(exc, filename, error_cls)
    if builder.problems:
        raise (error_cls or DataError)(builder.problems)
    return Located(builder.data, filename, builder.marks, builder.key_marks)


def fast_loader():
    """libyaml's parser when PyYAML was built with it (several times faster; the same events),
    else PyYAML's own."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _build(text: str, filename: str, bounded: bool, loader) -> TreeBuilder:
    import yaml

    from .yaml_tree import TreeBuilder

    nodes = limits.value("yaml_nodes") if bounded else math.inf
    depth = limits.value("yaml_depth") if bounded else math.inf
    builder = TreeBuilder(filename, nodes, depth)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except limits.LimitHit as hit:
        raise LimitExceeded([hit.problem(filename)]) from None
    return builder


def _raise_syntax(exc: yaml.YAMLError, filename: str, error_cls) -> None:
    import yaml

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    reason = _yaml_reason(exc) if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
    raise_problem(
        Problem(
            f"YAML 格式错误：{reason}",
            filename,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            hint="检查缩进（只用空格）、冒号后的空格，以及引号是否成对",
        ),
        error_cls,
    )


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
