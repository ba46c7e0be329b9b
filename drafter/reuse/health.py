"""`drafter corpus check` and `drafter corpus repair`, and the check made before any write.

The check runs SQLite's integrity_check and then the corpus's own invariants: every report's
paragraphs and sentences are where its row says, no sentence outlives its paragraph, the
segments cover consecutive sentence ranges, and each segment file is whole (size, checksum,
sorted keys, monotonic offsets) and indexes exactly the stored sentences of its range.
A database failing the check takes no writes; `repair` rebuilds the sentence split and the
index from the stored paragraphs (damaged SQLite pages themselves cannot be rebuilt).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from ..core.errors import UserError
from .database import corrupt, guarded, meta, set_meta, transaction
from .ingest import split_paragraph


@dataclass
class Health:
    """What `corpus check` found: problems (the corpus is damaged) and notes."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problems."""
        return not self.problems


@contextmanager
def writing(corpus):
    """A write transaction on a corpus that passed the pre-write check (once per session)."""
    with guarded(corpus.path), transaction(corpus.db):
        if not corpus._sound:
            found = _pages(corpus) + _files(corpus, full=False)
            if found:
                raise corrupt(corpus.path, "；".join(found[:3]) + "。已拒绝写入")
            corpus._sound = True
        yield


def check(corpus) -> Health:
    """Every check: SQLite's pages, the tables' invariants, the segment files."""
    health = Health()
    with guarded(corpus.path):
        health.problems += _pages(corpus)
        if health.problems:
            return health  # damaged pages make the rest unreliable
        health.problems += _tables(corpus) + _files(corpus, full=True)
        tail = corpus.db.execute(
            "SELECT COUNT(*) FROM sentences WHERE id >= ?", (corpus.store.indexed_upto(),)
        ).fetchone()[0]
    if tail:
        health.notes.append(f"{tail} 句尚未写入索引段（下次写入时补上；检查时在内存中索引）")
    health.notes.append(f"{corpus.count()} 份报告，{len(corpus.store.rows())} 个索引段")
    return health


def repair(corpus) -> Health:
    """Rebuild the sentence split and the index from the stored paragraphs."""
    with guarded(corpus.path):
        pages = _pages(corpus)
        if pages:
            raise corrupt(
                corpus.path,
                "；".join(pages[:3]),
                hint="SQLite 数据页损坏，drafter 无法重建；请从备份恢复，或用 --db 换用新的语料库",
            )
        with transaction(corpus.db):
            resplit(corpus)
            corpus.store.rebuild()
            corpus.store.collect_garbage()
        corpus.store.delete_doomed()
    corpus._pending, corpus._view, corpus._sound = [], None, False
    return check(corpus)


def _pages(corpus) -> list[str]:
    rows = [r[0] for r in corpus.db.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else [f"SQLite 完整性检查：{r}" for r in rows[:5]]


_SENTENCE_PARAGRAPH = "FROM sentences s LEFT JOIN paragraphs p ON p.id = s.paragraph_id"
_INVARIANTS = {
    "段落不属于任何报告": "SELECT COUNT(*) FROM paragraphs p"
    " LEFT JOIN reports r ON r.id = p.report_id WHERE r.id IS NULL",
    "句子不属于任何段落": f"SELECT COUNT(*) {_SENTENCE_PARAGRAPH} WHERE p.id IS NULL",
    "报告的段落数与记录不符": "SELECT COUNT(*) FROM reports r WHERE r.paragraphs !="
    " (SELECT COUNT(*) FROM paragraphs p WHERE p.report_id = r.id AND p.id >= r.first_paragraph"
    " AND p.id < r.first_paragraph + r.paragraphs)",
    "报告的句子数与记录不符": "SELECT COUNT(*) FROM reports r WHERE r.sentences !="
    " (SELECT COUNT(*) FROM sentences s WHERE s.id >= r.first_sentence"
    " AND s.id < r.first_sentence + r.sentences)",
    "句子位置超出段落": f"SELECT COUNT(*) {_SENTENCE_PARAGRAPH}"
    " WHERE s.start < 0 OR s.end <= s.start OR s.end > length(p.text)",
}


def _tables(corpus) -> list[str]:
    found = []
    for what, query in _INVARIANTS.items():
        count = corpus.db.execute(query).fetchone()[0]
        if count:
            found.append(f"{what}（{count} 处）")
    rows = corpus.store.rows()
    for before, after in zip(rows, rows[1:]):
        if after.lo != before.hi:
            found.append(f"索引段的句子范围不连续（{before.hi} 与 {after.lo}）")
    return found


def _files(corpus, full: bool) -> list[str]:
    """Each segment file: header and size, checksum, and (full) its arrays and sentences."""
    found = []
    for row in corpus.store.rows():
        try:
            segment = corpus.store.open(row)
        except UserError as exc:
            found.append(
                f"索引段 {row.file}：{exc.problems[0].message.removeprefix('语料库损坏：')}"
            )
            continue
        if segment.checksum() != row.crc32:
            found.append(f"索引段 {row.file}：校验和不符（文件内容已改变）")
        elif full:
            found += [f"索引段 {row.file}：{p}" for p in _segment_problems(corpus, row, segment)]
    return found


def _segment_problems(corpus, row, segment) -> list[str]:
    index, problems = segment.index, []
    if index.keys.size and np.any(index.keys[1:] <= index.keys[:-1]):
        problems.append("键未严格递增")
    offsets = index.offsets.astype(np.int64)
    if offsets[0] != 0 or offsets[-1] != index.postings.size or np.any(np.diff(offsets) <= 0):
        problems.append("偏移量不单调")
    span = row.hi - row.lo
    local = index.postings.astype(np.int64) - row.lo
    if local.size and (local.min() < 0 or local.max() >= span):
        return problems + ["索引了范围以外的句子"]
    indexed = np.zeros(span, dtype=bool)
    indexed[local] = True
    live = np.zeros(span, dtype=bool)
    query = "SELECT id FROM sentences WHERE id >= ? AND id < ?"
    ids = np.fromiter((r[0] for r in corpus.db.execute(query, (row.lo, row.hi))), dtype=np.int64)
    live[ids - row.lo] = True
    if np.any(indexed != live):
        problems.append(
            f"索引的句子（{int(indexed.sum())} 句）与库中该范围的句子（{ids.size} 句）不一致"
        )
    return problems


def resplit(corpus) -> None:
    """Split every stored paragraph into sentences again, with new ids, in report order."""
    db, settings = corpus.db, corpus.settings
    db.execute("DELETE FROM paragraphs WHERE report_id NOT IN (SELECT id FROM reports)")
    db.execute("DELETE FROM sentences")
    next_id = int(meta(db, "next_sentence") or 1)  # ids only grow: no reader mixes two splits
    for report_id, issuer in db.execute("SELECT id, issuer FROM reports ORDER BY id").fetchall():
        rows = db.execute(
            "SELECT id, idx, text FROM paragraphs WHERE report_id = ? ORDER BY idx", (report_id,)
        ).fetchall()
        sentences = [
            (pid, start, end)
            for pid, idx, text in rows
            for start, end, _ in split_paragraph(text, settings, issuer)
        ]
        ids = range(next_id, next_id + len(sentences))
        db.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?)", [(i, *s) for i, s in zip(ids, sentences)]
        )
        db.execute(
            "UPDATE reports SET sentences = ?, first_sentence = ?, paragraphs = ?,"
            " first_paragraph = COALESCE((SELECT MIN(id) FROM paragraphs WHERE report_id = ?), 0)"
            " WHERE id = ?",
            (len(sentences), next_id, len(rows), report_id, report_id),
        )
        next_id += len(sentences)
    set_meta(db, "next_sentence", str(next_id))
