"""The one library entry: what the CLI (and anyone scripting drafter) calls.

It composes the packages — a report from either source (read for files, draft for
year data), the completeness check and the reuse check side by side — with the
same defaults as the command line.
"""

from __future__ import annotations

import tempfile
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
from .drafting.keys import YEAR_DATA_SUFFIXES
from .drafting.layout import Layout, load_layout
from .drafting.model import YearData

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
    "report_files",
    "crosscheck",
    "open_corpus",
    "check_corpus",
    "repair_corpus",
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
    from .read.outline import Outline
    from .reuse.analysis import ReuseReport
    from .reuse.corpus import Corpus
    from .reuse.health import Health


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
    """One report checked: the report model, every finding, and the reuse analysis when it ran."""

    report: Report
    findings: list[Finding]
    reuse: "ReuseReport | None" = None

    def json(self) -> dict:
        """The documented JSON form (version 1)."""
        from .checks.output import to_json

        data = to_json(self.report, self.findings)
        if self.reuse is not None:
            data["summary"]["reuse"] = self.reuse.summary()
        return data

    def lines(self) -> list[tuple[str, str | None]]:
        """The terminal report as (line, style) pairs; style: a severity name, "heading", None."""
        from .checks.output import report_lines

        lines = report_lines(self.report, self.findings)
        if self.reuse is not None:
            from .reuse.output import reuse_summary_text

            lines += [
                (line, None)
                for line in reuse_summary_text(self.report, self.reuse).rstrip("\n").split("\n")
            ]
        return lines

    def text(self) -> str:
        """The terminal report as plain text."""
        return "\n".join(line for line, _ in self.lines()) + "\n"

    def html(self) -> str:
        """The self-contained HTML 查重 report (needs the reuse analysis)."""
        from .reuse.html import reuse_html

        if self.reuse is None:
            raise UserError("HTML 报告是复制检查的结果，本次检查没有做复制检查")
        return reuse_html(self.report, self.reuse)


def check(
    path: Path | str,
    schema: Schema | None = None,
    *,
    reuse: bool = True,
    db: Path | str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> CheckResult:
    """Check year-data YAML or a draft (.docx/.txt/.md): every completeness rule, and the reuse
    check against the corpus of past reports (default: the user's corpus, seeded with seeds/)."""
    from .checks.run import run_checks

    report = open_report(path, schema)
    report.region = region or report.region
    report.year = year or report.year
    findings = run_checks(report)
    analysis = None
    if reuse:
        from .reuse.analysis import analyse
        from .reuse.analysis import findings as reuse_findings

        with open_corpus(db) as corpus:
            analysis = analyse(report, corpus)
        findings = findings + reuse_findings(analysis)
    return CheckResult(report, findings, analysis)


def annotate(result: CheckResult, output: Path, force: bool = False) -> int:
    """Write a .docx copy of the draft (or of the one built from YAML), a comment per finding."""
    from .checks.annotate import anchors, annotate_docx

    if result.report.source == "yaml":
        with tempfile.TemporaryDirectory() as tmp:
            built = Path(tmp) / "draft.docx"
            draft(result.report.file, built)
            return annotate_docx(built, result.findings, {}, output, force)
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


def outline(path: Path | str, schema: Schema | None = None) -> "Outline":
    """Read a report file and map each heading onto the section schema."""
    from .read.report import outline_file

    return outline_file(path, schema)


def outline_notes(result: "Outline") -> list[str]:
    """What a reader should know before trusting an outline: a plan, a body printed twice."""
    from .read.report import outline_notes as notes

    return notes(result)


def outline_lines(result: "Outline") -> list[str]:
    """The terminal form of an outline: one line per heading with its section and reason."""
    from .read.report import outline_lines as lines

    return lines(result)


def outline_json(result: "Outline") -> list[dict]:
    """The documented JSON form of an outline: one object per heading."""
    from .read.report import heading_records

    return heading_records(result)


def import_report(path: Path | str, **meta) -> tuple[str, "Outline"]:
    """Year-data YAML text for an existing report, and the mapped outline it came from.

    meta: region, year, level, signer — each inferred from the report when not given."""
    from .drafting.importer import import_report as _import

    return _import(path, **meta)


def report_files(paths: list[Path | str]) -> list[Path]:
    """The report files given, and every readable report under the folders given."""
    from .read.formats import collect_report_files

    return collect_report_files([Path(p) for p in paths])


@dataclass
class CrosscheckResult:
    """Pairs of reports that share non-stock sentences, largest share first."""

    files: list[Path]
    pairs: list[dict]

    def json(self) -> dict:
        """The documented JSON form (version 1)."""
        from .reuse.crosscheck import crosscheck_json

        return crosscheck_json(len(self.files), self.pairs)

    def lines(self) -> list[str]:
        """The terminal listing."""
        head = f"互查 {len(self.files)} 份报告，{len(self.pairs)} 对有雷同内容（套话不计）："
        return [head] + [
            f"{p['share']:>6.1%}  {p['shared_chars']:>6} 字  {p['a']}  ←→  {p['b']}"
            for p in self.pairs
        ]

    def html(self) -> str:
        """The self-contained HTML table."""
        from .reuse.html import crosscheck_html

        return crosscheck_html(self.pairs)


def crosscheck(paths: list[Path | str]) -> CrosscheckResult:
    """Every report file (folders are searched) against every other."""
    from .reuse.crosscheck import crosscheck as _crosscheck

    files = report_files(paths)
    if len(files) < 2:
        raise UserError("互查至少需要两份报告")
    return CrosscheckResult(files, _crosscheck(files))


def open_corpus(db: Path | str | None = None, seed: bool | None = True) -> "Corpus":
    """The corpus of past reports (default: the user's, seeded with seeds/ on first use;
    seed=None leaves an unseeded corpus as it is)."""
    from .reuse.corpus import Corpus, default_db_path

    return Corpus(db or default_db_path(), seed=seed)


def check_corpus(db: Path | str | None = None) -> "Health":
    """`corpus check`: SQLite's integrity check and the corpus's own invariants."""
    from .reuse.health import check as check_health

    with open_corpus(db, seed=None) as corpus:
        return check_health(corpus)


def repair_corpus(db: Path | str | None = None) -> "Health":
    """`corpus repair`: rebuild the sentence split and the index from the stored text."""
    from .reuse.health import repair

    with open_corpus(db, seed=None) as corpus:
        return repair(corpus)
