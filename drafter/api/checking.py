"""Checking one report: completeness, 同比, reuse and plan reconciliation composed, and
its annotated copy."""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Problem, UserError
from ..core.findings import Finding
from ..core.report import Report
from ..core.schema import Schema
from .reports import open_corpus, open_report, year_data_text

if TYPE_CHECKING:  # these pull in numpy and the corpus: imported where used
    from ..plans.reconcile import Reconciliation
    from ..reuse.analysis import ReuseReport


@dataclass
class CheckResult:
    """One report checked: the report model, every finding, the reuse analysis and the plan
    reconciliation when they ran."""

    report: Report
    findings: list[Finding]
    reuse: "ReuseReport | None" = None
    plan: "Reconciliation | None" = None

    def json(self) -> dict:
        """The documented JSON form (version 1)."""
        from ..checks.output import to_json

        data = to_json(self.report, self.findings)
        for key, part in (("reuse", self.reuse), ("plan", self.plan)):
            if part is not None:
                data["summary"][key] = part.summary()
        if self.reuse is not None:  # the 查重报告单's three figures, as it prints them
            from ..review.slip_text import figures

            data["summary"]["reuse"] |= figures(self.reuse)
        return data

    def lines(self) -> list[tuple[str, str | None]]:
        """The terminal report as (line, style) pairs; style: a severity name, "heading", None."""
        from ..checks.output import report_lines

        lines = report_lines(self.report, self.findings)
        if self.reuse is not None:
            from ..reuse.output import reuse_summary_text

            text = reuse_summary_text(self.report, self.reuse).rstrip("\n")
            lines += [(line, None) for line in text.split("\n")]
        return lines + [(line, None) for line in (self.plan.lines() if self.plan else [])]

    def text(self) -> str:
        """The terminal report as plain text."""
        return "\n".join(line for line, _ in self.lines()) + "\n"

    def html(self) -> str:
        """The self-contained HTML 查重 report (needs the reuse analysis)."""
        from ..reuse.html import reuse_html

        if self.reuse is None:
            raise UserError("HTML 报告是复制检查的结果，本次检查没有做复制检查")
        return reuse_html(self.report, self.reuse)

    def plan_html(self) -> str:
        """The self-contained HTML table of the plan reconciliation (规划对账)."""
        from ..plans.output import html

        if self.plan is None:
            raise UserError(
                "本次检查没有做规划对账：请用 --plan 指定规划，或把本单位的规划收入语料库"
            )
        return html(self.plan)


def check(
    path: Path | str,
    schema: Schema | None = None,
    *,
    reuse: bool = True,
    db: Path | str | None = None,
    region: str | None = None,
    year: int | None = None,
    plan: Path | str | None = None,
) -> CheckResult:
    """Check year-data YAML or a draft (.docx/.txt/.md): every completeness rule, 同比 claims
    against last year's figures, the reuse check against the corpus of past reports (default:
    the user's, seeded with seeds/; last year's report always in it when the data names it),
    and 规划对账 against plan (a PLAN.yaml or plan document) or the unit's plan in the corpus."""
    from ..checks.run import run_checks
    from ..drafting.keys import FIRST_YEAR, LAST_YEAR

    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(f"--year“{year}”不合理，请写四位数年份，如 --year 2024")
    report = _identified(open_report(path, schema), region, year)
    analysis = None
    with open_corpus(db) if reuse else nullcontext() as corpus:
        if corpus is not None:  # last year's figures and report are looked up in the corpus
            from ..reuse.lineage import compare_with_past

            analysis = compare_with_past(report, corpus, year_data_text)
        reconciled = _reconcile(report, plan, corpus)
    findings = run_checks(report)
    if analysis is not None:
        from ..reuse.analysis import findings as reuse_findings

        findings += reuse_findings(analysis)
    findings += reconciled.findings() if reconciled else []
    return CheckResult(report, findings, analysis, reconciled)


def _identified(report: Report, region: str | None, year: int | None) -> Report:
    """The report with the unit and year the user typed, if any (a unit typed in full or
    short means the same unit: 上海市浦东新区 = 浦东新区)."""
    if region:
        from ..read.unit import resolve_unit

        unit = resolve_unit(region)
        report.region = unit.name
        report.level = unit.level if report.source != "yaml" else report.level
    report.year = year or report.year
    return report


def _reconcile(report: Report, plan, corpus) -> "Reconciliation | None":
    """The report against the plan given, or else the unit's plan in the corpus covering its
    year, with the unit's other reports of the plan period."""
    found = None
    if plan is not None:
        from ..plans.form import open_plan

        found = open_plan(plan)
    if corpus is not None:  # the corpus modules load numpy: only when there is a corpus
        from ..reuse.history import period_reports, stored_plans

        stored = stored_plans(corpus, report.region) if found is None else []
        if stored:  # the plan modules are loaded only when there is a plan
            from ..plans.extract import plan_covering

            found = plan_covering(stored, report.year)
    if found is None:
        return None
    from ..plans.reconcile import reconcile

    rows = period_reports(corpus, found.unit, found.start, found.end, report.year) if corpus else []
    return reconcile(found, report, [(r.year, r.file, paragraphs) for r, paragraphs in rows])


def annotate(result: CheckResult, output: Path, force: bool = False) -> int:
    """Write a .docx copy of the draft (or of the one built from YAML), a comment per finding."""
    from ..checks.annotate import anchors, annotate_docx, built_anchors
    from ..core.files import check_writable

    check_writable(Path(output), force, [result.report.file])  # never the draft itself
    if result.report.source == "yaml":
        from ..drafting.build import build as draft

        with tempfile.TemporaryDirectory() as tmp:
            built = Path(tmp) / "draft.docx"
            draft(result.report.file, built)
            where = built_anchors(result.report, result.findings, built)
            return annotate_docx(built, result.findings, where, output, force)
    if not result.report.file.lower().endswith(".docx"):
        raise UserError(
            [
                Problem(
                    "--annotate 需要 .docx 草稿或年度数据 YAML（文本草稿没有可加批注的 Word 文件）",
                    result.report.file,
                )
            ]
        )
    from ..read.docx_files import cannot_annotate, python_docx_errors

    draft_file = Path(result.report.file)
    try:
        return annotate_docx(
            draft_file, result.findings, anchors(result.report, result.findings), output, force
        )
    except UserError:
        raise
    except python_docx_errors() as exc:
        raise cannot_annotate(draft_file, exc) from None
