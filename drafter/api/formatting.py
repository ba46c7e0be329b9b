"""一键排版: a Word/WPS draft laid out again, and the format.* findings left on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.findings import Finding
from ..drafting.layout import Layout, load_layout


@dataclass
class FormatResult:
    """`drafter format`: the file written, paragraphs per role, and the format.* findings
    still on it (what re-layout cannot fix, such as a date written 2025年03月06日)."""

    output: Path
    roles: dict[str, int]
    findings: list[Finding]


def format_draft(
    source: Path | str,
    output: Path | str | None = None,
    *,
    layout: Layout | None = None,
    force: bool = False,
) -> FormatResult:
    """一键排版: a Word/WPS draft (.docx/.doc/.wps/.odt) laid out again per GB/T 9704; its
    text, tables and numbering kept. Default output: 原名_排版.docx beside the source."""
    from ..checks.run import load_check_rules, run_checks
    from ..drafting.reformat import reformat
    from ..read.report import report_from_file

    source = Path(source)
    target = Path(output) if output else source.with_name(f"{source.stem}_排版.docx")
    done = reformat(source, target, layout or load_layout(), force)
    rules = [r for r in load_check_rules() if r.id.startswith("format.")]
    report = report_from_file(done.output)
    return FormatResult(done.output, dict(done.roles), run_checks(report, rules))
