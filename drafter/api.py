"""The one library entry: what the CLI (and anyone scripting drafter) calls.

It composes the packages — a report from either source (read for files, draft for
year data), the completeness check and the reuse check side by side — with the
same defaults as the command line.
"""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import DrafterError, UserError
from .core.findings import Finding
from .core.report import Report
from .core.schema import Schema, load_schema
from .drafting.build import BuildResult
from .drafting.build import build as draft
from .drafting.build import new_year_data as init
from .drafting.fonts import install_aliases as install_font_aliases
from .drafting.fonts import role_fonts
from .drafting.importer import import_report
from .drafting.keys import YEAR_DATA_SUFFIXES
from .drafting.layout import Layout, load_layout
from .drafting.model import YearData
from .plans.form import open_plan as read_plan
from .plans.form import plan_yaml
from .read.report import heading_records as outline_json
from .read.report import outline_file as outline
from .read.report import outline_lines, outline_notes

__all__ = [
    "draft",
    "load",
    "init",
    "open_report",
    "check",
    "annotate",
    "outline",
    "outline_notes",
    "outline_lines",
    "outline_json",
    "import_report",
    "format_draft",
    "FormatResult",
    "role_fonts",
    "install_font_aliases",
    "report_files",
    "crosscheck",
    "open_corpus",
    "read_plan",
    "plan_yaml",
    "BuildResult",
    "CheckResult",
    "CrosscheckResult",
    "Finding",
    "Report",
    "DrafterError",
    "UserError",
    "Layout",
    "load_layout",
    "Schema",
    "load_schema",
]

if TYPE_CHECKING:  # these pull in numpy, python-docx and the corpus: imported where used
    from .plans.reconcile import Reconciliation
    from .reuse.analysis import ReuseReport
    from .reuse.corpus import Corpus
    from .reuse.output import CrosscheckResult


def load(data_path: Path | str, schema: Schema | None = None) -> YearData:
    """Load and validate a year-data file."""
    from .drafting.loader import load_year_data

    return load_year_data(data_path, schema or load_schema())


def open_report(path: Path | str, schema: Schema | None = None) -> Report:
    """The report model of year-data YAML or of a report file (.docx/.txt/.md …)."""
    if Path(path).suffix.lower() in YEAR_DATA_SUFFIXES:
        from .drafting.report import report_from_year_data_file

        return report_from_year_data_file(path, schema)
    from .read.report import report_from_file

    return report_from_file(path, schema)


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
        from .checks.output import to_json

        data = to_json(self.report, self.findings)
        for key, part in (("reuse", self.reuse), ("plan", self.plan)):
            if part is not None:
                data["summary"][key] = part.summary()
        return data

    def lines(self) -> list[tuple[str, str | None]]:
        """The terminal report as (line, style) pairs; style: a severity name, "heading", None."""
        from .checks.output import report_lines

        lines = report_lines(self.report, self.findings)
        if self.reuse is not None:
            from .reuse.output import reuse_summary_text

            text = reuse_summary_text(self.report, self.reuse).rstrip("\n")
            lines += [(line, None) for line in text.split("\n")]
        return lines + [(line, None) for line in (self.plan.lines() if self.plan else [])]

    def text(self) -> str:
        """The terminal report as plain text."""
        return "\n".join(line for line, _ in self.lines()) + "\n"

    def html(self) -> str:
        """The self-contained HTML 查重 report (needs the reuse analysis)."""
        from .reuse.html import reuse_html

        if self.reuse is None:
            raise UserError("HTML 报告是复制检查的结果，本次检查没有做复制检查")
        return reuse_html(self.report, self.reuse)

    def plan_html(self) -> str:
        """The self-contained HTML table of the plan reconciliation (规划对账)."""
        from .plans.output import html

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
    from .checks.run import run_checks

    report = open_report(path, schema)
    if region:  # typed in full or short, it means the same unit: 上海市浦东新区 = 浦东新区
        from .read.unit import resolve_unit

        report.region = resolve_unit(region).name
        report.level = resolve_unit(region).level if report.source != "yaml" else report.level
    report.year = year or report.year
    analysis = None
    with open_corpus(db) if reuse else nullcontext() as corpus:
        if corpus is not None:  # last year's figures and report are looked up in the corpus
            from .drafting.build import year_data_text
            from .reuse.lineage import compare_with_past

            analysis = compare_with_past(report, corpus, year_data_text)
        reconciled = _reconcile(report, plan, corpus)
    findings = run_checks(report)
    if analysis is not None:
        from .reuse.analysis import findings as reuse_findings

        findings += reuse_findings(analysis)
    findings += reconciled.findings() if reconciled else []
    return CheckResult(report, findings, analysis, reconciled)


def _reconcile(report: Report, plan, corpus) -> "Reconciliation | None":
    """The report against the plan given, or else the unit's plan in the corpus covering its
    year, with the unit's other reports of the plan period."""
    from .plans.extract import plan_covering
    from .plans.reconcile import reconcile
    from .reuse.history import period_reports, stored_plans

    found = read_plan(plan) if plan is not None else None
    if found is None and corpus is not None:
        found = plan_covering(stored_plans(corpus, report.region), report.year)
    if found is None:
        return None
    rows = period_reports(corpus, found.unit, found.start, found.end, report.year) if corpus else []
    return reconcile(found, report, [(r.year, r.file, paragraphs) for r, paragraphs in rows])


def annotate(result: CheckResult, output: Path, force: bool = False) -> int:
    """Write a .docx copy of the draft (or of the one built from YAML), a comment per finding."""
    from .checks.annotate import anchors, annotate_docx, built_anchors

    if result.report.source == "yaml":
        with tempfile.TemporaryDirectory() as tmp:
            built = Path(tmp) / "draft.docx"
            draft(result.report.file, built)
            where = built_anchors(result.report, result.findings, built)
            return annotate_docx(built, result.findings, where, output, force)
    if not result.report.file.lower().endswith(".docx"):
        raise UserError(
            "--annotate 需要 .docx 草稿或年度数据 YAML（文本草稿没有可加批注的 Word 文件）"
        )
    return annotate_docx(
        Path(result.report.file),
        result.findings,
        anchors(result.report, result.findings),
        output,
        force,
    )


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
    from .checks.run import load_check_rules, run_checks
    from .drafting.reformat import reformat
    from .read.report import report_from_file

    source = Path(source)
    target = Path(output) if output else source.with_name(f"{source.stem}_排版.docx")
    done = reformat(source, target, layout or load_layout(), force)
    rules = [r for r in load_check_rules() if r.id.startswith("format.")]
    report = report_from_file(done.output)
    return FormatResult(done.output, dict(done.roles), run_checks(report, rules))


def report_files(paths: list[Path | str]) -> list[Path]:
    """The report files given, and every readable report under the folders given."""
    from .read.formats import collect_report_files

    return collect_report_files([Path(p) for p in paths])


def crosscheck(paths: list[Path | str]) -> "CrosscheckResult":
    """Every report file (folders are searched) against every other."""
    from .reuse.crosscheck import crosscheck as _crosscheck

    files = report_files(paths)
    if len(files) < 2:
        raise UserError("互查至少需要两份报告")
    from .reuse.output import CrosscheckResult

    return CrosscheckResult(files, _crosscheck(files))


def open_corpus(db: Path | str | None = None) -> "Corpus":
    """The corpus of past reports (default: the user's, seeded with seeds/ on first use); it
    also takes year-data YAML, as the report the data builds."""
    from .drafting.build import year_data_text
    from .reuse.corpus import default_db_path
    from .reuse.lineage import ConvertingCorpus

    return ConvertingCorpus(db or default_db_path(), convert=year_data_text)


def __getattr__(name: str):
    """CrosscheckResult is defined beside the reuse check and loaded on first use."""
    if name == "CrosscheckResult":
        from .reuse.output import CrosscheckResult

        return CrosscheckResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
