"""The corpus database: opening it safely, its schema, transactions, and faults in Chinese.

The database holds what cannot be derived — reports and their paragraphs — plus the sentence
split (positions only, no text) and the list of index segments. The segment files live in a
folder beside it (`<name>-index`). Every fault a user can meet — a file that is not a corpus,
damaged pages, a folder that is a file, no write permission, a newer version — is a UserError
that says what to do; never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import Problem, UserError

SCHEMA_VERSION = 2
TABLES = {"meta", "reports", "paragraphs", "sentences", "segments"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file TEXT NOT NULL, issuer TEXT NOT NULL,
    year INTEGER, title TEXT NOT NULL, kind TEXT NOT NULL, added TEXT NOT NULL,
    paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL, chars INTEGER NOT NULL,
    first_paragraph INTEGER NOT NULL, first_sentence INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    heading TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY, paragraph_id INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    sentences INTEGER NOT NULL, postings INTEGER NOT NULL, bytes INTEGER NOT NULL,
    crc32 INTEGER NOT NULL);
"""
HINT = "可用 `drafter corpus check` 检查、`drafter corpus repair` 修复，或用 --db 换用其他语料库"


def default_db_path() -> Path:
    """$DRAFTER_DB, or corpus.sqlite in the user's data folder."""
    if os.environ.get("DRAFTER_DB"):
        return Path(os.environ["DRAFTER_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "drafter" / "corpus.sqlite"


def corrupt(path: Path | str, what: str, hint: str = HINT) -> UserError:
    """The one wording of a damaged corpus."""
    return UserError([Problem(f"语料库损坏：{what}", str(path), hint=hint)])


def fault(path: Path | str, exc: sqlite3.Error) -> UserError:
    """A SQLite error met while using the corpus, worded for the user."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return UserError(
            [
                Problem(
                    "语料库不可写（只读文件或目录）",
                    str(path),
                    hint="请检查权限，或用 --db 换用其他位置",
                )
            ]
        )
    if "locked" in text or "busy" in text:
        return UserError([Problem("语料库正被其他程序长时间占用", str(path), hint="请稍后再试")])
    if "unable to open" in text:
        return UserError(
            [
                Problem(
                    "无法打开语料库文件", str(path), hint="请检查路径和权限，或用 --db 换用其他位置"
                )
            ]
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return corrupt(path, f"SQLite 报告“{text}”")
    return corrupt(path, f"SQLite 报告“{text}”")


@contextmanager
def guarded(path: Path | str):
    """Turn SQLite errors inside the block into UserErrors naming the corpus file."""
    try:
        yield
    except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise  # misuse of the API: a defect of ours, not of the file
    except sqlite3.Error as exc:
        raise fault(path, exc) from None


def index_folder(path: Path) -> Path:
    """Where the segment files of a database live."""
    return path.with_name(path.name + "-index")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database file, refusing paths that cannot be one."""
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UserError(
                    [
                        Problem(
                            f"语料库路径无效：{parent} 是文件而不是目录",
                            str(path),
                            hint="请用 --db 指定一个目录中的文件",
                        )
                    ]
                )
            break
    if path.is_dir():
        raise UserError([Problem("语料库路径是一个目录", str(path), hint="请用 --db 指定文件名")])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            [Problem(f"无法创建语料库目录（{exc.strerror}）", str(path.parent))]
        ) from None
    with guarded(path):
        db = sqlite3.connect(str(path), isolation_level=None, timeout=60)
        db.execute("PRAGMA busy_timeout = 60000")
        # WAL with synchronous=NORMAL: a killed process or a power cut never leaves a torn
        # database; a power cut may lose the last commits, which the next `corpus add` redoes.
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def prepare(db: sqlite3.Connection, path: Path) -> None:
    """Create the schema in an empty database (under the write lock: two processes opening a
    new corpus at once create it once); an existing file must be a drafter corpus."""
    with guarded(path):
        tables = _tables(db)
        if tables and "meta" not in tables:
            raise _foreign(path, tables)
        if tables:
            return
        _use_wal(db)
        with transaction(db):
            if _tables(db):
                return  # another process created it while we waited for the lock
            create_tables(db)
            db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def create_tables(db: sqlite3.Connection) -> None:
    """The current schema's tables (inside the caller's transaction)."""
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new, empty database to UTF-16 and WAL. The switch takes an exclusive lock, and
    two processes making it at once deadlock: SQLite answers one of them "locked" at once,
    without waiting, so that one tries again."""
    for attempt in range(100):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            db.execute("PRAGMA encoding = 'UTF-16le'")  # CJK text in 2 bytes, not 3
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.01 + 0.01 * attempt)


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def schema_version(db: sqlite3.Connection, path: Path) -> int:
    """The schema version recorded in the database (a damaged record is a corrupt corpus)."""
    with guarded(path):
        missing = TABLES - _tables(db)
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise corrupt(path, "没有版本记录")
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise corrupt(path, f"版本记录“{row[0]}”不是整数") from None
    if version > SCHEMA_VERSION:
        raise UserError(
            [
                Problem(
                    f"语料库版本 {version} 比本程序支持的 {SCHEMA_VERSION} 新",
                    str(path),
                    hint="请升级 drafter",
                )
            ]
        )
    if version == SCHEMA_VERSION and missing:
        raise corrupt(path, f"缺少数据表 {'、'.join(sorted(missing))}")
    return version


def meta(db: sqlite3.Connection, key: str) -> str | None:
    """A value of the meta table, or None."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    """Set a value of the meta table (inside the caller's transaction)."""
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _foreign(path: Path, tables: set[str]) -> UserError:
    names = "、".join(sorted(tables)[:5])
    return UserError(
        [
            Problem(
                f"这不是 drafter 的语料库（其中的表：{names}）",
                str(path),
                hint="请用 --db 指定 drafter 的语料库文件或一个新文件名",
            )
        ]
    )


@contextmanager
def transaction(db: sqlite3.Connection):
    """One write transaction: committed whole or rolled back whole (BEGIN IMMEDIATE takes the
    write lock first, so checks made inside it hold until the commit)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


REPORT_COLUMNS = "id, file, issuer, year, title, kind, sentences, chars, added"
MAX_PARAMETERS = 900  # bound parameters per statement (older SQLite allows 999)


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
