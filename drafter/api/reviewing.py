"""Reviewing a folder of units' reports (`drafter review`), and the printable 查重报告单 of one
checked report (`check --report`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..core.errors import UserError
from .reports import corpus_path, open_corpus

if TYPE_CHECKING:
    from ..review.result import ReviewResult
    from .checking import CheckResult


def review(
    paths: list[Path | str],
    *,
    year: int | None = None,
    expect: Path | str | None = None,
    db: Path | str | None = None,
    jobs: int | None = None,
    slips: Path | str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> "ReviewResult":
    """Every report under paths (folders, files, .zip) read, identified, checked and compared
    with the corpus (default: the user's) and with each other, on `jobs` processes (default:
    all cores); expect: a file of the units expected, one a line; slips: a folder for each
    report's 查重报告单 (.docx, and .pdf when LibreOffice is installed)."""
    from ..drafting.keys import FIRST_YEAR, LAST_YEAR
    from ..review.result import read_expected
    from ..review.run import review as _review

    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(f"--year“{year}”不合理，请写四位数年份，如 --year 2024")
    if jobs is not None and jobs < 1:
        raise UserError(f"--jobs 应为正整数，收到 {jobs}")
    names = read_expected(Path(expect)) if expect is not None else None
    if slips is not None:
        Path(slips).mkdir(parents=True, exist_ok=True)
    with open_corpus(db):  # seeded or upgraded here, once: the workers only read it
        pass
    return _review(
        [Path(p) for p in paths],
        year=year,
        expect=names,
        db=corpus_path(db),
        jobs=jobs,
        slips=Path(slips) if slips is not None else None,
        progress=progress,
    )


def write_slip(result: "CheckResult", output: Path | str, force: bool = False) -> Path:
    """The 查重报告单 of a checked report: .docx, or .pdf through LibreOffice (the suffix
    decides); never over an existing file without force."""
    from ..core.files import check_writable
    from ..review.slip import write_slip_file

    if result.reuse is None:
        raise UserError("查重报告单是复制检查的结果，不能与 --no-reuse 同用")
    output = Path(output)
    check_writable(output, force, [Path(result.report.file)])
    return write_slip_file(result.report, result.reuse, output, force)
