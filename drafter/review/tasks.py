"""What a worker process does for one file: read it; check and compare one report (and write
its 查重报告单). Module-level functions of (index, arguments) pairs, so that a process pool
can send them; what they return is plain data."""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path

from ..core.errors import DrafterError
from ..core.schema import load_schema
from .reading import Arrival, read_arrival


def read_task(job: tuple[int, tuple]) -> tuple[int, Arrival]:
    """Read one file: (index, (path, its LibreOffice conversion or None, year under review))."""
    index, (path, converted, year) = job
    return index, read_arrival(path, converted, year)


def check_task(job: tuple[int, tuple]) -> tuple[int, dict]:
    """Check and compare one report that was read; its row (and its 查重报告单 if asked)."""
    from .rows import unreadable_row

    index, (number, arrival, user_db, folder_db, slips) = job
    if arrival.report is None:
        return index, unreadable_row(arrival.shown, arrival.error)
    try:
        return index, _checked(number, arrival, user_db, folder_db, slips)
    except DrafterError as exc:  # a corpus fault, a limit reached while checking
        return index, unreadable_row(arrival.shown, str(exc).strip())


def _checked(number: int, arrival: Arrival, user_db, folder_db: Path, slips) -> dict:
    from ..checks.run import run_checks
    from ..reuse.analysis import findings as reuse_findings
    from .compare import compare, corpora
    from .rows import report_row

    report = arrival.report
    report.schema = load_schema()
    user, folder = corpora(user_db, folder_db)
    reuse = compare(report, user, folder, _order(folder_db.parent / "order.json"))
    findings = run_checks(report) + reuse_findings(reuse)
    row = report_row(arrival.shown, report, findings, reuse)
    if slips is not None:
        from .slip import slip_name, write_slip

        where = Path(slips) / slip_name(number, report)
        write_slip(report, reuse, where, shown=arrival.shown)
        row["slip"] = str(where)
    return row


@lru_cache(maxsize=2)
def _order(path: Path) -> dict[str, tuple]:
    """file -> (year, 成文日期, held by the corpus) of every report of the folder, read once
    a process."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        file: (year, _dt.date.fromisoformat(day) if day else None, stored)
        for file, (year, day, stored) in raw.items()
    }
