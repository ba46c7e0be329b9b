"""The corpus database under stress: killed at random points, written by two processes at once,
damaged in every way a user has met — always a consistent corpus or a Chinese message (exit 2),
never a traceback; `corpus check` finds the damage and `corpus repair` rebuilds the index.

The inputs are built from seeds/, so these tests run in a plain checkout.
DRAFTER_KILL_POINTS (default 30) sets how many kill points are tried.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.api import check_corpus, repair_corpus
from drafter.core.errors import UserError
from drafter.reuse.corpus import Corpus
from drafter.reuse.health import check as health_check
from tests.conftest import ROOT

KILL_POINTS = int(os.environ.get("DRAFTER_KILL_POINTS", "30"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def unit_reports(folder: Path, count: int) -> list[Path]:
    """Report files made from the seeds: each with its own unit name and figures."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = SEEDS[i % 4].read_text(encoding="utf-8")
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + i + 1), text)
        path = folder / f"测试{i:02d}区2024.txt"
        path.write_text(f"测试{i:02d}区2024年法治政府建设情况报告\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def drafter(*args, db: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_DB", "DRAFTER_DEBUG")}
    return subprocess.Popen(
        [sys.executable, "-m", "drafter", *map(str, args), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args, db: Path) -> subprocess.CompletedProcess:
    process = drafter(*args, db=db)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def writing_window(db: Path, reports: Path) -> tuple[float, float]:
    """When an uninterrupted `corpus add` starts and stops writing, in seconds from its start."""
    files = [db, db.with_name(db.name + "-wal")]

    def state():
        return [(f.stat().st_size, f.stat().st_mtime_ns) if f.exists() else None for f in files]

    before, start = state(), time.perf_counter()
    process, first = drafter("corpus", "add", reports, db=db), None
    while process.poll() is None:
        if first is None and state() != before:
            first = time.perf_counter() - start
        time.sleep(0.002)
    process.communicate()
    assert process.returncode == 0
    last = time.perf_counter() - start
    return (first if first is not None else 0.0), last


def seeds_in(corpus: Corpus) -> int:
    return sum(r.file.startswith("seeds/") for r in corpus.reports())


def assert_sound(db: Path) -> None:
    """Integrity and every invariant of the corpus hold (no half report, index consistent)."""
    with Corpus(db, seed=None) as corpus:
        health = health_check(corpus)
    assert health.ok, health.problems


# ── killed at random points ──────────────────────────────────────────────


@pytest.mark.parametrize("phase", ["first_use", "add"])
def test_kill_at_random_points_leaves_a_sound_corpus(tmp_path, phase):
    reports = unit_reports(tmp_path / "reports", 16)
    rng = random.Random(f"kill-{phase}")
    timing = tmp_path / "timing.sqlite"
    if phase == "add":
        Corpus(timing).close()
    first, last = writing_window(timing, tmp_path / "reports")
    caught = []  # reports already stored when the kill came, per trial
    for trial in range(max(1, KILL_POINTS // 2)):
        db = tmp_path / f"{phase}-{trial}.sqlite"
        if phase == "add":
            Corpus(db).close()
        process = drafter("corpus", "add", tmp_path / "reports", db=db)
        time.sleep(rng.uniform(first, last))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        if not db.exists():
            caught.append(-1)  # killed before the database was created: nothing to check
            continue
        assert_sound(db)
        with Corpus(db, seed=None) as corpus:
            caught.append(len(corpus.reports()))
        with Corpus(db) as corpus:  # the next run
            assert seeds_in(corpus) == len(SEEDS), (
                f"trial {trial}: seeds missing after the next run"
            )
            for path in reports:
                corpus.add(path)
        with Corpus(db, seed=None) as corpus:
            stored = [r for r in corpus.reports() if not r.file.startswith("seeds/")]
            assert sorted(Path(r.file).name for r in stored) == sorted(p.name for p in reports)
        assert_sound(db)
    print(f"{phase}: reports stored when killed: {caught}")
    full = len(SEEDS) + len(reports)
    assert any(0 < n < full for n in caught), f"no kill came during the writes: {caught}"


def test_two_processes_adding_to_a_new_corpus_store_each_report_once(tmp_path):
    reports = unit_reports(tmp_path / "reports", 3)
    for trial in range(10):
        db = tmp_path / f"concurrent-{trial}.sqlite"
        processes = [drafter("corpus", "add", *reports, db=db) for _ in range(2)]
        results = [(p.communicate(timeout=120)[1], p.returncode) for p in processes]
        assert [code for _, code in results] == [0, 0], results
        with Corpus(db, seed=None) as corpus:
            files = sorted(r.file for r in corpus.reports())
        assert files == sorted([f"seeds/{p.name}" for p in SEEDS] + [str(p) for p in reports])
        assert_sound(db)


# ── damage ───────────────────────────────────────────────────────────────


@pytest.fixture
def corpus_db(tmp_path) -> Path:
    db = tmp_path / "corpus.sqlite"
    with Corpus(db) as corpus:
        for path in unit_reports(tmp_path / "reports", 2):
            corpus.add(path)
    return db


def _refused(result, *words) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_damaged_pages(corpus_db):
    data = bytearray(corpus_db.read_bytes())
    for page in range(1, len(data) // 4096):  # every page header but the first (the schema)
        data[page * 4096 : page * 4096 + 12] = b"\xff" * 12
    corpus_db.write_bytes(bytes(data))
    for args in (["corpus", "list"], ["corpus", "add", SEEDS[0]], ["check", SEEDS[0]]):
        _refused(run(*args, db=corpus_db), "语料库损坏", str(corpus_db))
    assert run("corpus", "check", db=corpus_db).returncode in (1, 2)


def test_schema_version_that_is_not_a_number(corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        conn.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
    _refused(run("corpus", "list", db=corpus_db), "语料库损坏", "不是整数")


def test_newer_schema_is_refused(corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    _refused(run("corpus", "list", db=corpus_db), "版本 99")


def test_a_database_of_something_else_is_left_alone(tmp_path):
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    _refused(run("corpus", "add", SEEDS[0], db=db), "不是 drafter 的语料库")
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"users"}


def test_db_under_a_file(tmp_path):
    blocker = tmp_path / "a-file.txt"
    blocker.write_text("x", encoding="utf-8")
    _refused(run("corpus", "list", db=blocker / "corpus.sqlite"), "是文件而不是目录")


def test_read_only_database(corpus_db):
    corpus = Corpus(corpus_db)
    corpus.db.close()
    corpus.db = corpus.store.db = sqlite3.connect(
        f"file:{corpus_db}?mode=ro", uri=True, isolation_level=None
    )
    with pytest.raises(UserError, match="不可写"):
        corpus.add(_copy(corpus_db))
    corpus.db.close()


def _copy(db: Path) -> Path:
    path = db.parent / "新报告.txt"
    path.write_text(
        SEEDS[1].read_text(encoding="utf-8") + "\n新增的一段文字，用于检验只读。", "utf-8"
    )
    return path


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_read_only_database_file(corpus_db):
    corpus_db.chmod(0o444)
    _refused(run("corpus", "add", _copy(corpus_db), db=corpus_db), "不可写")


def _segments(db: Path) -> list[Path]:
    return sorted((db.parent / (db.name + "-index")).glob("*.seg"))


@pytest.mark.parametrize("damage", ["header", "body", "truncated", "missing"])
def test_damaged_index_segment_is_found_and_repaired(corpus_db, damage):
    segment = max(_segments(corpus_db), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    if damage == "header":
        data[:8] = b"garbage!"
    elif damage == "body":
        data[len(data) // 2 : len(data) // 2 + 64] = os.urandom(64)
    elif damage == "truncated":
        data = data[: len(data) // 2]
    if damage == "missing":
        segment.unlink()
    else:
        segment.write_bytes(bytes(data))
    found = run("corpus", "check", db=corpus_db)
    assert found.returncode == 1 and "问题：索引段" in found.stdout, found.stdout + found.stderr
    _refused(run("corpus", "add", _copy(corpus_db), db=corpus_db), "语料库损坏", "拒绝写入")
    if damage != "body":  # a changed body passes the header check: reads go on, writes do not
        _refused(run("check", SEEDS[0], db=corpus_db), "语料库损坏", "corpus repair")
    repaired = run("corpus", "repair", db=corpus_db)
    assert repaired.returncode == 0 and "语料库完好" in repaired.stdout, repaired.stderr
    assert check_corpus(corpus_db).ok
    assert run("corpus", "add", _copy(corpus_db), db=corpus_db).returncode == 0


def test_repair_rebuilds_the_same_matches(corpus_db):
    from drafter.api import check

    before = check(SEEDS[2], db=corpus_db).json()["summary"]["reuse"]
    assert repair_corpus(corpus_db).ok
    assert check(SEEDS[2], db=corpus_db).json()["summary"]["reuse"] == before


# ── remove ───────────────────────────────────────────────────────────────


def test_removing_several_reports_asks_first(tmp_path):
    db = tmp_path / "corpus.sqlite"
    reports = unit_reports(tmp_path / "reports", 2)
    with Corpus(db) as corpus:
        for path in reports:
            corpus.add(path, issuer="测试区")
    refused = run("corpus", "remove", "测试区", db=db)
    _refused(refused, "2 份报告", "--yes", str(db))
    with Corpus(db, seed=None) as corpus:
        assert len(corpus.reports()) == len(SEEDS) + 2
    done = run("corpus", "remove", "测试区", "--yes", db=db)
    assert done.returncode == 0 and done.stderr.count("已删除") == 2
    one = run("corpus", "remove", SEEDS[0].name, db=db)
    assert one.returncode == 0 and "已删除" in one.stderr
    missing = run("corpus", "remove", "不存在的单位", db=db)
    _refused(missing, "没有“不存在的单位”", str(db))
    with Corpus(db, seed=None) as corpus:
        assert len(corpus.reports()) == len(SEEDS) - 1
        assert corpus.view().sentences == sum(r.sentences for r in corpus.reports())
    assert check_corpus(db).ok


# ── version 1 ────────────────────────────────────────────────────────────

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file TEXT NOT NULL, issuer TEXT NOT NULL,
    year INTEGER, title TEXT NOT NULL, kind TEXT NOT NULL, added TEXT NOT NULL,
    paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL, chars INTEGER NOT NULL);
CREATE TABLE paragraphs (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    section TEXT, heading TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (report_id, idx));
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, masked TEXT NOT NULL);
CREATE INDEX sentences_report ON sentences(report_id);
CREATE TABLE segments (id INTEGER PRIMARY KEY, ids BLOB NOT NULL, grams BLOB NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def test_a_version_1_corpus_is_upgraded_in_place(tmp_path):
    """Reports and paragraphs of the old layout are kept; sentences and index are rebuilt."""
    from drafter.api import check
    from drafter.reuse.ingest import parse_report

    db = tmp_path / "v1.sqlite"
    last, this = tmp_path / "杨浦区2022.txt", tmp_path / "杨浦区2023.txt"
    text = SEEDS[0].read_text(encoding="utf-8")
    last.write_text(text.replace("2023", "2022"), encoding="utf-8")
    this.write_text(re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text), encoding="utf-8")
    report = parse_report(last, "杨浦区", 2022)
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
        conn.execute(
            "INSERT INTO reports VALUES (1,?,?,?,?,?,?,?,?,0,0)",
            (
                report.sha256,
                "杨浦区2022.txt",
                "杨浦区",
                2022,
                report.title,
                report.kind,
                "2023-01-01",
                len(report.paragraphs),
            ),
        )
        conn.executemany(
            "INSERT INTO paragraphs VALUES (1,?,NULL,?,?)",
            [(i, heading, body) for i, (heading, body) in enumerate(report.paragraphs)],
        )
        conn.execute("INSERT INTO segments VALUES (1, x'00', x'00')")
    with Corpus(db) as corpus:
        rows = corpus.reports()
        assert [(r.issuer, r.year, r.file) for r in rows] == [("杨浦区", 2022, "杨浦区2022.txt")]
        assert rows[0].sentences > 50 and seeds_in(corpus) == 0  # an old corpus is not re-seeded
    assert check_corpus(db).ok
    result = check(this, db=db, region="杨浦区", year=2023)
    assert result.reuse.share > 0.9 and {s["year"] for s in result.reuse.sources} == {2022}
