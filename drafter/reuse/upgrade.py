"""Upgrading a version 1 corpus (sentence text stored twice, index segments as blobs) to
version 2 in place: reports and paragraphs are kept, the sentence split and the index are
rebuilt from them, all in one transaction."""

from __future__ import annotations

from .database import guarded, set_meta, transaction
from .health import resplit

_STEPS = (
    "ALTER TABLE reports RENAME TO reports_v1",
    "ALTER TABLE paragraphs RENAME TO paragraphs_v1",
    "DROP TABLE IF EXISTS sentences",
    "DROP TABLE IF EXISTS segments",
)
_COPY = (
    "INSERT INTO reports (id, sha256, file, issuer, year, title, kind, added, paragraphs,"
    " sentences, chars, first_paragraph, first_sentence) SELECT id, sha256, file, issuer, year,"
    " title, kind, added, paragraphs, 0, chars, 0, 0 FROM reports_v1",
    "INSERT INTO paragraphs (report_id, idx, heading, text) SELECT report_id, idx, heading,"
    " text FROM paragraphs_v1 ORDER BY report_id, idx",
    "DROP TABLE reports_v1",
    "DROP TABLE paragraphs_v1",
)


def upgrade(corpus) -> None:
    """Bring a version 1 database to the current schema, then reclaim the space it freed."""
    from .database import SCHEMA_VERSION, create_tables

    db = corpus.db
    with guarded(corpus.path):
        with transaction(db):
            for step in _STEPS:
                db.execute(step)
            create_tables(db)
            for step in _COPY:
                db.execute(step)
            set_meta(db, "schema_version", str(SCHEMA_VERSION))
            if db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]:
                set_meta(db, "seeds", "added")  # a version 1 corpus was seeded when created
            resplit(corpus)
            corpus.store.rebuild()
        corpus.store.delete_doomed()
        db.execute("VACUUM")
