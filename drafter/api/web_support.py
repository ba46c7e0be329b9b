"""What the web app needs besides the command line's entries: starting a draft from last
year's report, whether PDF output is possible, and the corpus's rows and edits by id."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.files import atomic_write_text
from .reports import open_corpus

if TYPE_CHECKING:
    from ..reuse.database import ReportRow


def pdf_available() -> bool:
    """Whether `draft` can write a PDF here (LibreOffice is installed)."""
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def draft_from_year_data(previous: Path, output: Path) -> str:
    """This year's year data from last year's (`init --from`): 上年 figures kept for 同比,
    narrative to rewrite; written to output, its text returned."""
    from ..drafting.build import new_year_data

    text, _name = new_year_data(previous=previous, output=output)
    atomic_write_text(output, text, force=True)
    return text


def draft_from_report(report: Path, output: Path) -> str:
    """This year's year data from last year's report file (.docx/.doc/.wps/.pdf/.txt):
    imported beside output as last year's data, then carried forward as by `init --from`."""
    from ..drafting.importer import import_report

    text, _outline = import_report(report)
    previous = output.with_name("上年数据.yaml")
    atomic_write_text(previous, text, force=True)
    return draft_from_year_data(previous, output)


def corpus_rows(db: Path | str | None = None) -> list["ReportRow"]:
    """Every report in the corpus, by issuer and year."""
    with open_corpus(db) as corpus:
        return corpus.reports()


def corpus_add(
    db: Path | str | None,
    files: list[tuple[Path, str]],
    issuer: str | None = None,
    year: int | None = None,
) -> list[tuple[str, str]]:
    """Add (file, label) pairs to the corpus, each stored under its label (the name the user
    knows it by); (label, message) for each."""
    out = []
    with open_corpus(db) as corpus:
        for path, label in files:
            _status, message = corpus.add(path, issuer=issuer, year=year, label=label)
            out.append((label, message))
    return out


def corpus_remove(db: Path | str | None, report_id: int) -> "ReportRow":
    """Remove one report by its id; the row removed."""
    from ..core.errors import UserError

    with open_corpus(db) as corpus:
        rows = [r for r in corpus.reports() if r.id == report_id]
        if not rows:
            raise UserError(f"语料库中没有编号为 {report_id} 的报告（可能已被删除）")
        corpus.remove(rows)
        return rows[0]
