"""The corpus of past reports: an embedded SQLite database with its n-gram index.

Each report is added in one transaction — its row, sentences, paragraphs and its
own index segment — so a killed ingest leaves no half report. The same text twice
is stored once (SHA-256 of the normalised text). Segments are merged when there
are more than `max_segments`, like a small LSM tree.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.errors import Problem, UserError
from .index import NgramIndex
from .ingest import ParsedReport, parse_report
from .sentences import sentences_of
from .settings import ReuseSettings

if TYPE_CHECKING:
    from .segments import LoadedCorpus

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file TEXT NOT NULL, issuer TEXT NOT NULL,
    year INTEGER, title TEXT NOT NULL, kind TEXT NOT NULL, added TEXT NOT NULL,
    paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL, chars INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    section TEXT, heading TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, masked TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sentences_report ON sentences(report_id);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY, ids BLOB NOT NULL, grams BLOB NOT NULL);
"""


def default_db_path() -> Path:
    """$DRAFTER_DB, or corpus.sqlite in the user's data folder."""
    if os.environ.get("DRAFTER_DB"):
        return Path(os.environ["DRAFTER_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "drafter" / "corpus.sqlite"


@dataclass
class ReportRow:
    """One stored report, as listed."""

    id: int
    file: str
    issuer: str
    year: int | None
    title: str
    kind: str
    sentences: int
    chars: int
    added: str


class Corpus:
    """An open corpus database. Use as a context manager, or call close()."""

    def __init__(self, path: Path | str, settings: ReuseSettings | None = None, seed: bool = True):
        self.path = Path(path)
        self.settings = settings or ReuseSettings.load()
        fresh = not self.path.exists()
        if fresh:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise UserError(
                [
                    Problem(
                        f"无法打开语料库：{exc}",
                        str(self.path),
                        hint="文件可能不是 drafter 的语料库；请用 --db 指定其他路径",
                    )
                ]
            ) from None
        self._loaded = None
        if fresh and seed:
            self.add_seeds()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def _migrate(self) -> None:
        self.db.executescript(_SCHEMA)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise UserError(
                [
                    Problem(
                        f"语料库版本 {row[0]} 比本程序支持的 {SCHEMA_VERSION} 新",
                        str(self.path),
                        hint="请升级 drafter",
                    )
                ]
            )

    # ── ingest ─────────────────────────────────────────────────────────────

    def add_seeds(self) -> list[tuple[str, str]]:
        """Add the bundled seed reports."""
        from ..core.resources import seeds_dir

        # stored as seeds/<name>: the same on every machine, wherever drafter is installed
        return [
            self.add(path, label=f"seeds/{path.name}") for path in sorted(seeds_dir().glob("*.txt"))
        ]

    def add(
        self,
        path: Path | str,
        issuer: str | None = None,
        year: int | None = None,
        label: str | None = None,
    ) -> tuple[str, str]:
        """Ingest one report (stored under label, default its path); (status, message),
        status added | present."""
        report = parse_report(Path(path), issuer, year)
        report.file = label or report.file
        known = self.db.execute(
            "SELECT file FROM reports WHERE sha256 = ?", (report.sha256,)
        ).fetchone()
        if known:
            return "present", f"已在库中（与 {known[0]} 内容相同），跳过"
        self._store(report)
        self._loaded = None
        return "added", f"已入库：{report.issuer} {report.year or '年度未知'} {report.title}"

    def _store(self, report: ParsedReport) -> None:
        units = [
            (i, s)
            for i, (_, _, text) in enumerate(report.paragraphs)
            for s in sentences_of(text, i, normalised=True)
        ]
        usable = [(i, s) for i, s in units if self.settings.matchable(s.masked)]
        with self._transaction() as cursor:
            report_id = self._insert_report(cursor, report, len(usable))
            first = (cursor.execute("SELECT COALESCE(MAX(id), 0) FROM sentences").fetchone()[0]) + 1
            ids = np.arange(first, first + len(usable), dtype=np.int64)
            cursor.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
                [
                    (int(sid), report_id, s.paragraph, s.start, s.end, s.text, s.masked)
                    for sid, (_, s) in zip(ids, usable)
                ],
            )
            self._add_segment(cursor, ids, [s.masked for _, s in usable])

    @contextmanager
    def _transaction(self):
        """One write transaction: committed whole or rolled back whole."""
        cursor = self.db.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise

    def _insert_report(self, cursor, report: ParsedReport, sentences: int) -> int:
        """The report's row and its paragraphs; returns the new report id."""
        added = _dt.datetime.now().isoformat(timespec="seconds")
        chars = sum(len(t) for _, _, t in report.paragraphs)
        cursor.execute(
            "INSERT INTO reports (sha256, file, issuer, year, title, kind, added,"
            " paragraphs, sentences, chars) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                report.sha256,
                report.file,
                report.issuer,
                report.year,
                report.title,
                report.kind,
                added,
                len(report.paragraphs),
                sentences,
                chars,
            ),
        )
        report_id = cursor.lastrowid
        rows = [
            (report_id, i, sec, head, text) for i, (sec, head, text) in enumerate(report.paragraphs)
        ]
        cursor.executemany("INSERT INTO paragraphs VALUES (?,?,?,?,?)", rows)
        return report_id

    def _add_segment(self, cursor, ids: np.ndarray, masked: list[str]) -> None:
        if len(ids):
            index = NgramIndex.build(masked, self.settings.ngram)
            cursor.execute(
                "INSERT INTO segments (ids, grams) VALUES (?, ?)", (ids.tobytes(), index.to_bytes())
            )
        count = cursor.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
        if count > self.settings.max_segments:
            self._compact(cursor)

    def _compact(self, cursor) -> None:
        """Merge every segment into one (inside the caller's transaction)."""
        rows = cursor.execute("SELECT id, masked FROM sentences ORDER BY id").fetchall()
        cursor.execute("DELETE FROM segments")
        if rows:
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            index = NgramIndex.build([r[1] for r in rows], self.settings.ngram)
            cursor.execute(
                "INSERT INTO segments (ids, grams) VALUES (?, ?)", (ids.tobytes(), index.to_bytes())
            )

    def remove(self, key: str) -> list[ReportRow]:
        """Remove reports by id, file name or issuer; rebuilds the index in the same transaction."""
        doomed = [
            r for r in self.reports() if key in (str(r.id), r.file, Path(r.file).name, r.issuer)
        ]
        if not doomed:
            raise UserError(
                f"语料库中没有“{key}”（可用 drafter corpus list 查看编号、文件名和单位）"
            )
        with self._transaction() as cursor:
            cursor.executemany("DELETE FROM reports WHERE id = ?", [(r.id,) for r in doomed])
            self._compact(cursor)
        self._loaded = None
        return doomed

    # ── reading ────────────────────────────────────────────────────────────

    def reports(self) -> list[ReportRow]:
        """Every stored report, by issuer and year."""
        rows = self.db.execute(
            "SELECT id, file, issuer, year, title, kind, sentences, chars, added FROM reports"
            " ORDER BY issuer, year, id"
        ).fetchall()
        return [ReportRow(*row) for row in rows]

    def report_by_sha(self, sha256: str) -> int | None:
        """The id of the report with this content hash, or None."""
        row = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def loaded(self) -> "LoadedCorpus":
        """The corpus in memory, ready for matching (loaded once)."""
        from .segments import LoadedCorpus

        if self._loaded is None:
            self._loaded = LoadedCorpus.load(self.db, self.settings)
        return self._loaded

    def integrity(self) -> str:
        """SQLite's integrity_check result ('ok' when sound)."""
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]
