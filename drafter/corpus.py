"""The corpus of past reports: an embedded SQLite database with its n-gram index.

Each report is added in one transaction — its row, sentences, paragraphs and its
own index segment — so a killed ingest leaves no half report. The same text twice
is stored once (SHA-256 of the normalised text). Segments are merged when there
are more than `max_segments`, like a small LSM tree.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import Problem, UserError
from .ngram_index import NgramIndex
from .normalize import normalize
from .reuse import ReuseSettings
from .units import sentences_of

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
CREATE TABLE IF NOT EXISTS segments (id INTEGER PRIMARY KEY, ids BLOB NOT NULL, grams BLOB NOT NULL);
"""
_YEAR_IN_NAME = re.compile(r"(20\d{2})")


def default_db_path() -> Path:
    if os.environ.get("DRAFTER_DB"):
        return Path(os.environ["DRAFTER_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "drafter" / "corpus.sqlite"


@dataclass
class ReportRow:
    id: int
    file: str
    issuer: str
    year: int | None
    title: str
    kind: str
    sentences: int
    chars: int
    added: str


@dataclass
class ParsedReport:
    """A report ready to store: what the reader and mapper made of one file."""

    sha256: str
    file: str
    issuer: str
    year: int | None
    title: str
    kind: str
    paragraphs: list[tuple[str | None, str, str]]  # (section, heading, normalised text)


def parse_report(path: Path, issuer: str | None = None, year: int | None = None) -> ParsedReport:
    from .reading import outline_file

    outline = outline_file(path)
    paragraphs = [(None, "", p.norm) for p in outline.preamble]
    for heading in outline.walk():
        runin = [normalize(heading.runin_body)] if heading.runin and heading.runin_body else []
        paragraphs += [(heading.section, heading.text, text) for text in runin + [p.norm for p in heading.body]]
    body = "\n".join(t for _, _, t in paragraphs)
    if not body.strip():
        raise UserError([Problem("没有可入库的正文", str(path))])
    name_year = _YEAR_IN_NAME.search(path.stem)
    return ParsedReport(
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(), file=str(path),
        issuer=issuer or outline.region or path.stem, year=year or outline.year or (int(name_year.group(1)) if name_year else None),
        title=outline.title or path.stem, kind=outline.kind, paragraphs=paragraphs)


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
            raise UserError([Problem(f"无法打开语料库：{exc}", str(self.path),
                                     hint="文件可能不是 drafter 的语料库；请用 --db 指定其他路径")]) from None
        self._loaded = None
        if fresh and seed:
            self.add_seeds()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        self.db.executescript(_SCHEMA)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise UserError([Problem(f"语料库版本 {row[0]} 比本程序支持的 {SCHEMA_VERSION} 新", str(self.path),
                                     hint="请升级 drafter")])

    # ── ingest ─────────────────────────────────────────────────────────────

    def add_seeds(self) -> list[tuple[str, str]]:
        from .resources import seeds_dir

        return [self.add(path) for path in sorted(seeds_dir().glob("*.txt"))]

    def add(self, path: Path | str, issuer: str | None = None, year: int | None = None) -> tuple[str, str]:
        """Ingest one report; returns (status, message) with status added | present."""
        report = parse_report(Path(path), issuer, year)
        known = self.db.execute("SELECT file FROM reports WHERE sha256 = ?", (report.sha256,)).fetchone()
        if known:
            return "present", f"已在库中（与 {known[0]} 内容相同），跳过"
        self._store(report)
        self._loaded = None
        return "added", f"已入库：{report.issuer} {report.year or '年度未知'} {report.title}"

    def _store(self, report: ParsedReport) -> None:
        units = [(i, s) for i, (_, _, text) in enumerate(report.paragraphs) for s in sentences_of(text, i, normalised=True)]
        usable = [(i, s) for i, s in units if len(s.masked) >= self.settings.min_sentence_chars]
        chars = sum(len(t) for _, _, t in report.paragraphs)
        cursor = self.db.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            cursor.execute(
                "INSERT INTO reports (sha256, file, issuer, year, title, kind, added, paragraphs, sentences, chars)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (report.sha256, report.file, report.issuer, report.year, report.title, report.kind,
                 _dt.datetime.now().isoformat(timespec="seconds"), len(report.paragraphs), len(usable), chars))
            report_id = cursor.lastrowid
            cursor.executemany("INSERT INTO paragraphs VALUES (?,?,?,?,?)",
                               [(report_id, i, sec, head, text) for i, (sec, head, text) in enumerate(report.paragraphs)])
            first = (cursor.execute("SELECT COALESCE(MAX(id), 0) FROM sentences").fetchone()[0]) + 1
            ids = np.arange(first, first + len(usable), dtype=np.int64)
            cursor.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
                               [(int(sid), report_id, s.paragraph, s.start, s.end, s.text, s.masked)
                                for sid, (_, s) in zip(ids, usable)])
            self._add_segment(cursor, ids, [s.masked for _, s in usable])
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise

    def _add_segment(self, cursor, ids: np.ndarray, masked: list[str]) -> None:
        if len(ids):
            index = NgramIndex.build(masked, self.settings.ngram)
            cursor.execute("INSERT INTO segments (ids, grams) VALUES (?, ?)", (ids.tobytes(), index.to_bytes()))
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
            cursor.execute("INSERT INTO segments (ids, grams) VALUES (?, ?)", (ids.tobytes(), index.to_bytes()))

    def remove(self, key: str) -> list[ReportRow]:
        """Remove reports by id, file name or issuer; rebuilds the index in the same transaction."""
        doomed = [r for r in self.reports() if key in (str(r.id), r.file, Path(r.file).name, r.issuer)]
        if not doomed:
            raise UserError(f"语料库中没有“{key}”（可用 drafter corpus list 查看编号、文件名和单位）")
        cursor = self.db.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            cursor.executemany("DELETE FROM reports WHERE id = ?", [(r.id,) for r in doomed])
            self._compact(cursor)
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        self._loaded = None
        return doomed

    # ── reading ────────────────────────────────────────────────────────────

    def reports(self) -> list[ReportRow]:
        rows = self.db.execute("SELECT id, file, issuer, year, title, kind, sentences, chars, added FROM reports"
                               " ORDER BY issuer, year, id").fetchall()
        return [ReportRow(*row) for row in rows]

    def report_by_sha(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def loaded(self) -> "LoadedCorpus":
        if self._loaded is None:
            self._loaded = LoadedCorpus.load(self)
        return self._loaded

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]


@dataclass
class Segment:
    ids: np.ndarray  # sentence ids, by local position
    index: NgramIndex
    masked: list[str]


class LoadedCorpus:
    """Segments and sentence texts in memory, ready for matching."""

    def __init__(self, corpus: Corpus, segments: list[Segment]):
        self.corpus, self.segments = corpus, segments

    @classmethod
    def load(cls, corpus: Corpus) -> "LoadedCorpus":
        masked = dict(corpus.db.execute("SELECT id, masked FROM sentences"))
        segments = []
        for ids_blob, grams in corpus.db.execute("SELECT ids, grams FROM segments ORDER BY id"):
            ids = np.frombuffer(ids_blob, dtype=np.int64)
            segments.append(Segment(ids, NgramIndex.from_bytes(grams), [masked[int(i)] for i in ids]))
        return cls(corpus, segments)

    def match(self, queries: list[str]) -> list[list[tuple[int, float]]]:
        """For each masked query sentence: (sentence id, ratio) of every corpus sentence at the threshold."""
        from .reuse import match_sentences

        merged: list[list[tuple[int, float]]] = [[] for _ in queries]
        for segment in self.segments:
            found = match_sentences(segment.index, segment.masked, queries, self.corpus.settings)
            for hits, more in zip(merged, found):
                hits += [(int(segment.ids[local]), score) for local, score in more]
        return [sorted(h, key=lambda x: -x[1]) for h in merged]

    def sentence_info(self, ids: list[int]) -> dict[int, tuple]:
        """id -> (report_id, paragraph, start, end, text)."""
        out = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            marks = ",".join("?" * len(part))
            for row in self.corpus.db.execute(
                    f"SELECT id, report_id, paragraph, start, end, text FROM sentences WHERE id IN ({marks})", part):
                out[row[0]] = row[1:]
        return out

    def paragraph(self, report_id: int, idx: int) -> tuple[str | None, str, str]:
        return self.corpus.db.execute("SELECT section, heading, text FROM paragraphs WHERE report_id=? AND idx=?",
                                      (report_id, idx)).fetchone()
