"""Library entry point for `drafter check`."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .check import run_checks
from .checkinput import CheckInput, load_check_input
from .checkreport import render_text, to_json
from .findings import Finding
from .schema import Schema


@dataclass
class CheckResult:
    input: CheckInput
    findings: list[Finding]

    def json(self) -> dict:
        return to_json(self.input, self.findings)

    def text(self) -> str:
        return render_text(self.input, self.findings)


def check(path: Path | str, schema: Schema | None = None) -> CheckResult:
    """Run every completeness rule on year-data YAML or a draft (.docx/.txt/.md)."""
    check_input = load_check_input(path, schema)
    return CheckResult(check_input, run_checks(check_input))


def annotate(result: CheckResult, output: Path, force: bool = False) -> int:
    """Write a .docx copy of the draft (or of the draft built from YAML) with a comment per finding."""
    from .annotate import annotate_docx

    anchors = {i: f_anchor for i, f in enumerate(result.findings)
               if (f_anchor := _anchor(result.input, f)) is not None}
    if result.input.source == "yaml":
        from .api import draft

        with tempfile.TemporaryDirectory() as tmp:
            built = Path(tmp) / "draft.docx"
            draft(result.input.file, built)
            return annotate_docx(built, result.findings, {}, output, force)
    if not result.input.file.lower().endswith(".docx"):
        from .errors import UserError

        raise UserError("--annotate 需要 .docx 草稿或年度数据 YAML（文本草稿没有可加批注的 Word 文件）")
    return annotate_docx(Path(result.input.file), result.findings, anchors, output, force)


def _anchor(check_input: CheckInput, finding: Finding) -> int | None:
    for passage in check_input.passages:
        if passage.location == finding.location and passage.anchor is not None:
            return passage.anchor
    return None
