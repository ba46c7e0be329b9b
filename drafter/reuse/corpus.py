"""The corpus of past reports: an embedded SQLite database and its n-gram index.

Each report is added in one transaction — its row, paragraphs and sentence positions, after
the duplicate check (SHA-256 of the normalised text) made inside that same transaction — so
a killed ingest leaves no half report and two processes never store one text twice. The
index follows: the sentences added by a command become one segment when it ends (or every
`flush_sentences`), and segments merge in tiers (see segments.py). The bundled seeds are
added with the row that records them, in one transaction: a corpus killed during first use
gets them on its next run.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np

from ..core.errors import Problem, UserError
from .database import (
    MAX_PARAMETERS,
    REPORT_COLUMNS,
    SCHEMA_VERSION,
    ReportRow,
    connect,
    guarded,
    meta,
    prepare,
    schema_version,
    set_meta,
)
from .ingest import ParsedReport, parse_report, sentence_rows
from .segments import SegmentStore
from .settings import ReuseSettings
from .view import CorpusView


class Corpus:
    """An open corpus database. Use as a context manager, or call close()."""

    def __init__(
        self, path: Path | str, settings: ReuseSettings | None = None, seed: bool | None = True
    ):
        """Open (creating if needed) the corpus at path. seed: add the bundled seeds unless they
        were added before (True), record that this corpus has none (False), or neither (None)."""
        self.path = Path(path)
        self.settings = settings or ReuseSettings.load()
        self.db = connect(self.path)
        try:
            prepare(self.db, self.path)
            self.store = SegmentStore(self.db, self.path, self.settings)
            self._pending: list[tuple[np.ndarray, list[str]]] = []
            self._sound = False
            self._view: CorpusView | None = None
            if schema_version(self.db, self.path) < SCHEMA_VERSION:
                from .upgrade import upgrade

                upgrade(self)
            with guarded(self.path):
                seeds = meta(self.db, "seeds")
            if seeds is None and seed is not None:
                self.add_seeds() if seed else self._write_meta("seeds", "skipped")
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Index what this session added, then close the database."""
        try:
            if self._pending:
                self.flush()
        finally:
            self.db.close()

    # ── writing ───────────────────────────────────────────────────────────

    def add_seeds(self) -> list[tuple[str, str]]:
        """Add the bundled seed reports with the row that says so, in one transaction."""
        from ..core.resources import seeds_dir

        # stored as seeds/<name>: the same on every machine, wherever drafter is installed
        parsed = [parse_report(p) for p in sorted(seeds_dir().glob("*.txt"))]
        for report in parsed:
            report.file = f"seeds/{Path(report.file).name}"
        with self._writing():
            if meta(self.db, "seeds") is not None:
                return []  # another process seeded it while we read the files
            results = [self._store(report) for report in parsed]
            set_meta(self.db, "seeds", "added")
        self.flush()
        return results

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
        return self.add_parsed(report)

    def add_parsed(self, report: ParsedReport) -> tuple[str, str]:
        """Ingest a report already read (review stores a folder's reports as it read them)."""
        with self._writing():
            status, message = self._store(report)
        if sum(ids.size for ids, _ in self._pending) >= self.settings.flush_sentences:
            self.flush()
        return status, message

    def _store(self, report: ParsedReport) -> tuple[str, str]:
        """Insert one report inside the caller's transaction, unless its text is already in."""
        known = self.db.execute(
            "SELECT file FROM reports WHERE sha256 = ?", (report.sha256,)
        ).fetchone()
        if known:
            return "present", f"已在库中（与 {known[0]} 内容相同），跳过"
        sentences = sentence_rows(report, self.settings)
        first = int(meta(self.db, "next_sentence") or 1)
        ids = np.arange(first, first + len(sentences), dtype=np.int64)
        paragraph_ids = self._insert_report(report, first, len(sentences))
        self.db.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?)",
            [(int(i), paragraph_ids[p], a, b) for i, (p, a, b, _) in zip(ids, sentences)],
        )
        set_meta(self.db, "next_sentence", str(first + len(sentences)))
        self._pending.append((ids, [masked for *_, masked in sentences]))
        self._view = None
        return "added", f"已入库：{report.issuer} {report.year or '年度未知'} {report.title}"

    def _insert_report(self, report: ParsedReport, first_sentence: int, sentences: int) -> list:
        """The report's row and its paragraphs; returns the paragraphs' ids."""
        added = _dt.datetime.now().isoformat(timespec="seconds")
        first_paragraph = self.db.execute(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM paragraphs"
        ).fetchone()[0]
        chars = sum(len(t) for _, t in report.paragraphs)
        self.db.execute(
            "INSERT INTO reports (sha256, file, issuer, year, title, kind, added, paragraphs,"
            " sentences, chars, first_paragraph, first_sentence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
                first_paragraph,
                first_sentence,
            ),
        )
        report_id = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        ids = list(range(first_paragraph, first_paragraph + len(report.paragraphs)))
        self.db.executemany(
            "INSERT INTO paragraphs VALUES (?,?,?,?,?)",
            [
                (pid, report_id, i, head, text)
                for pid, (i, (head, text)) in zip(ids, enumerate(report.paragraphs))
            ],
        )
        return ids

    def flush(self) -> None:
        """Index the sentences not yet in a segment (this session's from memory), merge tiers."""
        pending = self._pending
        together = (
            (np.concatenate([i for i, _ in pending]), [t for _, ts in pending for t in ts])
            if pending
            else None
        )
        with self._writing():
            self.store.flush(together)
            self.store.collect_garbage()
        self._pending = []
        self.store.delete_doomed()
        self._view = None

    def matching(self, key: str) -> list[ReportRow]:
        """The reports a `corpus remove` key names: an id, a file name or an issuer."""
        rows = [
            r for r in self.reports() if key in (str(r.id), r.file, Path(r.file).name, r.issuer)
        ]
        if not rows:
            raise UserError(
                [
                    Problem(
                        f"语料库中没有“{key}”",
                        str(self.path),
                        hint="可用 drafter corpus list 查看编号、文件名和单位",
                    )
                ]
            )
        return rows

    def remove(self, reports: list[ReportRow]) -> None:
        """Remove reports, their paragraphs and sentences, and their postings in the index."""
        with self._writing():
            dead = []
            for report in reports:
                first, count, pfirst, pcount = self.db.execute(
                    "SELECT first_sentence, sentences, first_paragraph, paragraphs FROM reports"
                    " WHERE id = ?",
                    (report.id,),
                ).fetchone()
                self.db.execute(
                    "DELETE FROM sentences WHERE id >= ? AND id < ?", (first, first + count)
                )
                self.db.execute(
                    "DELETE FROM paragraphs WHERE id >= ? AND id < ?", (pfirst, pfirst + pcount)
                )
                self.db.execute("DELETE FROM reports WHERE id = ?", (report.id,))
                dead.append(np.arange(first, first + count, dtype=np.int64))
            self.store.purge(np.sort(np.concatenate(dead)) if dead else np.empty(0, np.int64))
        self.store.delete_doomed()
        self._view = None

    def _writing(self):
        """A write transaction, refused while the database fails its check."""
        from .health import writing

        return writing(self)

    def _write_meta(self, key: str, value: str) -> None:
        with self._writing():
            set_meta(self.db, key, value)

    # ── reading ───────────────────────────────────────────────────────────

    def reports(self) -> list[ReportRow]:
        """Every stored report, by issuer and year."""
        with guarded(self.path):
            rows = self.db.execute(
                f"SELECT {REPORT_COLUMNS} FROM reports ORDER BY issuer, year, id"
            ).fetchall()
        return [ReportRow(*row) for row in rows]

    def issuers(self) -> list[str]:
        """The issuers of the stored documents, each once."""
        with guarded(self.path):
            return [r[0] for r in self.db.execute("SELECT DISTINCT issuer FROM reports")]

    def reports_of(self, issuers: list[str]) -> list[ReportRow]:
        """The stored documents of these issuers, by issuer and year (as reports() orders)."""
        if len(issuers) > MAX_PARAMETERS:
            wanted = set(issuers)
            return [r for r in self.reports() if r.issuer in wanted]
        marks = ",".join("?" * len(issuers))
        with guarded(self.path):
            rows = self.db.execute(
                f"SELECT {REPORT_COLUMNS} FROM reports WHERE issuer IN ({marks})"
                " ORDER BY issuer, year, id",
                issuers,
            ).fetchall()
        return [ReportRow(*row) for row in rows]

    def count(self) -> int:
        """How many reports are stored."""
        with guarded(self.path):
            return self.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def report_by_sha(self, sha256: str) -> int | None:
        """The id of the report with this content hash, or None."""
        with guarded(self.path):
            row = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def view(self) -> CorpusView:
        """The corpus ready for matching: segments mapped, the tail indexed (opened once)."""
        if self._view is None:
            self._view = CorpusView.open(self.store)
        return self._view

    def integrity(self) -> str:
        """SQLite's integrity_check result ('ok' when sound)."""
        with guarded(self.path):
            return self.db.execute("PRAGMA integrity_check").fetchone()[0]
