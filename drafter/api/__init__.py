"""The one library entry: what the CLI (and anyone scripting drafter) calls.

It composes the packages — a report from either source (read for files, drafting for
year data), the completeness check, the reuse check and plan reconciliation side by
side — with the same defaults as the command line. Its modules: `reports` (opening
reports, files, the corpus, crosscheck), `checking` (check, annotate), `formatting`
(一键排版), `reviewing` (a folder of units' reports; the 查重报告单).

Imports: every package below it (core, read, drafting, checks, reuse, plans, review); never cli.
"""

from importlib import import_module

# name -> (module, attribute): loaded on first use, so that a command pays only for what it
# calls (checking a draft does not import jinja2; building does not import numpy)
_EXPORTS = {
    "DrafterError": ("..core.errors", "DrafterError"),
    "UserError": ("..core.errors", "UserError"),
    "Finding": ("..core.findings", "Finding"),
    "Report": ("..core.report", "Report"),
    "Schema": ("..core.schema", "Schema"),
    "load_schema": ("..core.schema", "load_schema"),
    "BuildResult": ("..drafting.build", "BuildResult"),
    "draft": ("..drafting.build", "build"),
    "init": ("..drafting.build", "new_year_data"),
    "install_font_aliases": ("..drafting.fonts", "install_aliases"),
    "role_fonts": ("..drafting.fonts", "role_fonts"),
    "import_report": ("..drafting.importer", "import_report"),
    "Layout": ("..drafting.layout", "Layout"),
    "load_layout": ("..drafting.layout", "load_layout"),
    "read_plan": ("..plans.form", "open_plan"),
    "plan_yaml": ("..plans.form", "plan_yaml"),
    "outline_json": ("..read.report", "heading_records"),
    "outline": ("..read.report", "outline_file"),
    "outline_lines": ("..read.report", "outline_lines"),
    "outline_notes": ("..read.report", "outline_notes"),
    "CheckResult": (".checking", "CheckResult"),
    "annotate": (".checking", "annotate"),
    "check": (".checking", "check"),
    "ReviewResult": ("..review.result", "ReviewResult"),
    "review": (".reviewing", "review"),
    "write_slip": (".reviewing", "write_slip"),
    "FormatResult": (".formatting", "FormatResult"),
    "format_draft": (".formatting", "format_draft"),
    "CrosscheckResult": ("..reuse.output", "CrosscheckResult"),
    "check_corpus": (".reports", "check_corpus"),
    "corpus_path": (".reports", "corpus_path"),
    "crosscheck": (".reports", "crosscheck"),
    "load": (".reports", "load"),
    "open_corpus": (".reports", "open_corpus"),
    "open_report": (".reports", "open_report"),
    "repair_corpus": (".reports", "repair_corpus"),
    "report_files": (".reports", "report_files"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Load an exported name on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(import_module(module, __name__), attribute)
    globals()[name] = value
    return value
