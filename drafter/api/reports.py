"""Reports and corpora: opening a report from either source, finding report files,
the corpus, and crosscheck."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..core.report import Report
from ..core.schema import Schema, load_schema
from ..drafting.keys import YEAR_DATA_SUFFIXES

if TYPE_CHECKING:  # the drafting model is loaded with year data only: checking a file needs none
    from ..drafting.model import YearData
    from ..reuse.corpus import Corpus
    from ..reuse.health import Health
    from ..reuse.output import CrosscheckResult


def load(data_path: Path | str, schema: Schema | None = None) -> YearData:
    """Load and validate a year-data file."""
    from ..drafting.loader import load_year_data

    return load_year_data(data_path, schema or load_schema())


def open_report(path: Path | str, schema: Schema | None = None) -> Report:
    """The report model of year-data YAML or of a report file (.docx/.txt/.md …)."""
    if Path(path).suffix.lower() in YEAR_DATA_SUFFIXES:
        from ..drafting.report import report_from_year_data_file

        return report_from_year_data_file(path, schema)
    from ..read.report import report_from_file

    return report_from_file(path, schema)


def report_files(paths: list[Path | str]) -> list[Path]:
    """The report files given, and every readable report under the folders given."""
    from ..read.formats import collect_report_files

    return collect_report_files([Path(p) for p in paths])


def crosscheck(paths: list[Path | str], top: int | None = None) -> "CrosscheckResult":
    """Every report file (folders and .zip are searched) against every other: each unordered
    pair once, the first `top` listed, stock phrases apart."""
    from ..reuse.crosscheck import crosscheck as _crosscheck

    if top is not None and top < 1:
        raise UserError(f"--top 应为正整数，收到 {top}")
    files = report_files(paths)
    if len(files) < 2:
        raise UserError("互查至少需要两份报告")
    from ..reuse.output import CrosscheckResult

    pairs, stock = _crosscheck(files)
    return CrosscheckResult(files, pairs, stock, top)


def open_corpus(db: Path | str | None = None, seed: bool | None = True) -> "Corpus":
    """The corpus of past reports (default: the user's, seeded with seeds/ on first use;
    seed=None leaves an unseeded corpus as it is); it also takes year-data YAML, as the
    report the data builds."""
    from ..reuse.lineage import ConvertingCorpus

    return ConvertingCorpus(corpus_path(db), seed=seed, convert=year_data_text)


def year_data_text(*args, **kwargs) -> str:
    """drafting.build.year_data_text, imported (with Jinja) only when a YAML file is read."""
    from ..drafting.build import year_data_text as build_text

    return build_text(*args, **kwargs)


def check_corpus(db: Path | str | None = None) -> "Health":
    """`corpus check`: SQLite's integrity check and the corpus's own invariants."""
    from ..reuse.health import check as check_health

    with open_corpus(db, seed=None) as corpus:
        return check_health(corpus)


def repair_corpus(db: Path | str | None = None) -> "Health":
    """`corpus repair`: rebuild the sentence split and the index from the stored text."""
    from ..reuse.health import repair

    with open_corpus(db, seed=None) as corpus:
        return repair(corpus)


def corpus_path(db: Path | str | None = None) -> Path:
    """The corpus database a command uses: --db, else DRAFTER_DB, else the user's."""
    from ..reuse.database import default_db_path  # no numpy: --no-reuse stays light

    return Path(db or default_db_path())
