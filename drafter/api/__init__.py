"""The one library entry: what the CLI (and anyone scripting drafter) calls.

It composes the packages — a report from either source (read for files, drafting for
year data), the completeness check, the reuse check and plan reconciliation side by
side — with the same defaults as the command line. Its modules: `reports` (opening
reports, files, the corpus, crosscheck), `checking` (check, annotate), `formatting`
(一键排版).

Imports: every package below it (core, read, drafting, checks, reuse, plans); never cli.
"""

from __future__ import annotations

from ..core.errors import DrafterError, UserError
from ..core.findings import Finding
from ..core.report import Report
from ..core.schema import Schema, load_schema
from ..drafting.build import BuildResult
from ..drafting.build import build as draft
from ..drafting.build import new_year_data as init
from ..drafting.fonts import install_aliases as install_font_aliases
from ..drafting.fonts import role_fonts
from ..drafting.importer import import_report
from ..drafting.layout import Layout, load_layout
from ..plans.form import open_plan as read_plan
from ..plans.form import plan_yaml
from ..read.report import heading_records as outline_json
from ..read.report import outline_file as outline
from ..read.report import outline_lines, outline_notes
from .checking import CheckResult, annotate, check
from .formatting import FormatResult, format_draft
from .reports import (
    check_corpus,
    corpus_path,
    crosscheck,
    load,
    open_corpus,
    open_report,
    repair_corpus,
    report_files,
)

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
    "check_corpus",
    "repair_corpus",
    "read_plan",
    "plan_yaml",
    "corpus_path",
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


def __getattr__(name: str):
    """CrosscheckResult is defined beside the reuse check and loaded on first use."""
    if name == "CrosscheckResult":
        from ...reuse.output import CrosscheckResult

        return CrosscheckResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
