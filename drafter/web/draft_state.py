"""The session's draft on disk and what the library says about it: the year data read back
(bounded, located), written as YAML, built into a text preview with every problem and
warning placed beside the field it concerns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DataError, Problem, UserError
from ..core.files import atomic_write_text
from ..core.located import Located, dotted, load_located

DRAFT_NAME = "草稿.yaml"


@dataclass
class Verdict:
    """What the library said of the draft: messages by field, the rest, and the preview."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    preview: str = ""

    def json(self) -> dict:
        """The form's live update: messages and preview."""
        return {"problems": self.by_field, "general": self.general, "preview": self.preview}


def read_data(path: Path) -> tuple[dict, Located]:
    """The draft's data, read as the library reads it (size, node and depth limits)."""
    located = load_located(path, DataError, "年度数据")
    data = located.data if isinstance(located.data, dict) else {}
    return data, located


def write_data(path: Path, data: dict) -> str:
    """Write the draft as YAML (keys in the order the form shows them); its text."""
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    atomic_write_text(path, text, force=True)
    return text


def shown(text: str, path: Path) -> str:
    """A message with the session's file path replaced by the name the user downloads."""
    return text.replace(str(path), DRAFT_NAME)


def evaluate(path: Path) -> Verdict:
    """Build the draft's text preview; place each problem or warning at its field."""
    from ..api import draft

    verdict = Verdict()
    try:
        result = draft(path, None, fmt="txt")
    except UserError as exc:
        for problem in exc.problems:
            _place(verdict, problem.path, _problem_text(problem, path))
        return verdict
    verdict.preview = result.text
    lines = _lines_to_paths(path)
    for finding in result.warnings:
        line = _line_of(finding.location)
        _place(verdict, lines.get(line, ""), shown(finding.render(), path))
    return verdict


def _problem_text(problem: Problem, path: Path) -> str:
    return shown(problem.render(), path)


def _place(verdict: Verdict, where: str, text: str) -> None:
    if where:
        verdict.by_field.setdefault(where, []).append(text)
    verdict.general.append(text)


def _line_of(location: str) -> int | None:
    parts = location.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return int(parts[1])
    return None


def _lines_to_paths(path: Path) -> dict[int, str]:
    """The deepest key path written on each line of the draft."""
    try:
        _data, located = read_data(path)
    except UserError:
        return {}
    out: dict[int, tuple] = {}
    for key_path, (line, _col) in located.marks.items():
        if len(key_path) >= len(out.get(line, ())):
            out[line] = key_path
    return {line: dotted(p) for line, p in out.items()}
