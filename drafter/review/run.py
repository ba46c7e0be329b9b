"""`drafter review`: a folder of reports read, identified, checked and compared, in parallel.

Two passes over a process pool (all cores by default): the files are read (the .doc/.wps/.odt
converted by one LibreOffice run meanwhile) and stored as a corpus of the folder's own — the
others while LibreOffice still converts, the converted ones after them — then
each report is checked and compared with the user's corpus and the folder — each worker
opening both read-only by its own connection, once. Progress is reported as (stage, done,
total) to a callback (the command line draws a bar).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..read.formats import collect_report_files
from ..read.office import convert_many, soffice
from .compare import folder_store
from .reading import Arrival, convertible
from .result import ReviewResult
from .tasks import check_task, read_task

Progress = Callable[[str, int, int], None]
_CHUNK = 4  # files a worker takes at a time: fewer round trips, still an even spread
_COLLECT = (20_000, 20, 20)  # a worker's garbage collector thresholds (Python's: 700, 10, 10)


def review(
    paths: list[Path],
    *,
    year: int | None = None,
    expect: list[str] | None = None,
    db: Path | None = None,
    jobs: int | None = None,
    slips: Path | None = None,
    progress: Progress | None = None,
) -> ReviewResult:
    """Every report under paths (folders, files, .zip) read, identified, checked and compared
    with the corpus at db and with each other; slips: a folder for each report's 查重报告单."""
    progress = progress or (lambda *_: None)
    with tempfile.TemporaryDirectory(prefix="drafter-review-") as tmp:
        work = Path(tmp)
        files = collect_report_files(paths, unpack_into=work)
        folder = work / "folder.sqlite"
        with _pool(jobs or os.cpu_count() or 1) as run:
            with folder_store(folder) as store:
                arrivals = _read_all(run, files, year, work, progress, store)
            order = json.dumps(_order(arrivals, db), ensure_ascii=False)
            (work / "order.json").write_text(order, encoding="utf-8")
            tasks = [(i, a, db, folder, slips) for i, a in enumerate(arrivals)]
            rows = _mapped(run, check_task, tasks, "检查比对", progress)
    if year is not None:  # the other years' reports were sources only
        rows = [r for r in rows if r["status"] != "checked" or r["year"] == year]
    result = ReviewResult(rows, year, _dt.date.today())
    result.add_missing(expect or [])
    if slips is not None:
        result.slip_pdfs = _slip_pdfs(slips, [r.get("slip") for r in rows])
    return result


def _read_all(
    run, files: list[Path], year, work: Path, progress: Progress, store: Callable
) -> list[Arrival]:
    """Every file read and stored; the LibreOffice conversions run beside the other files'
    reading and storing (the converted files' reports are stored after the others)."""
    slow = convertible(files)
    with ThreadPoolExecutor(1) as side:
        pending = side.submit(convert_many, slow, work / "lo") if slow else None
        converting = set(slow)
        plain = [f for f in files if f not in converting]
        read = _mapped(run, read_task, [(f, None, year) for f in plain], "读取", progress)
        store(read)
        done = dict(zip(plain, read))
        converted = pending.result() if pending else {}
        tasks = [(f, converted.get(f), year) for f in slow]
        late = _mapped(run, read_task, tasks, "读取（已转换）", progress)
        store(late)
        done |= dict(zip(slow, late))
    return [done[f] for f in files]


def _mapped(run, task, items: list, stage: str, progress: Progress) -> list:
    """task over items in the pool, results in the items' order, progress as they come."""
    out: list = [None] * len(items)
    progress(stage, 0, len(items))
    for done, (index, value) in enumerate(run(task, list(enumerate(items))), 1):
        out[index] = value
        progress(stage, done, len(items))
    return out


@contextmanager
def _pool(jobs: int) -> Iterator[Callable]:
    """A function mapping a task over (index, item) pairs, unordered: a process pool, or this
    process alone for one job."""
    if jobs <= 1:
        from .compare import close_all

        try:
            yield lambda task, items: map(task, items)
        finally:
            close_all()
        return
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs, initializer=_worker) as pool:
        yield lambda task, items: pool.imap_unordered(task, items, _CHUNK)


def _worker() -> None:
    """A worker keeps every corpus sentence it fetched (hundreds of thousands of rows by the end
    of a folder), and the collector's default rhythm walks them again and again: 4.4 s of a
    worker's 110 s over a thousand reports; collected less often, 0.3 s."""
    import gc

    gc.set_threshold(*_COLLECT)


def _order(arrivals: list[Arrival], db: Path | None) -> dict[str, list]:
    """file -> [year, 成文日期, whether the corpus holds it already] of each report read: which
    of two reports was written first (compare.written_before)."""
    from ..reuse.corpus import Corpus

    read = [a for a in arrivals if a.report is not None]
    held = set()
    if db is not None:
        with Corpus(db, seed=None) as corpus:
            held = {a.file for a in read if corpus.report_by_sha(a.parsed.sha256) is not None}
    return {
        a.file: [
            a.report.year,
            a.report.date.isoformat() if a.report.date else None,
            a.file in held,
        ]
        for a in read
    }


def _slip_pdfs(folder: Path, slips: list[str | None]) -> list[str]:
    """Each 查重报告单 also as PDF, by one LibreOffice run, when LibreOffice is installed."""
    from ..core.errors import UserError
    from .slip import slips_to_pdf

    made = [Path(s) for s in slips if s]
    try:
        soffice()
    except UserError:
        return []
    return [str(p) for p in slips_to_pdf(made, folder)]
