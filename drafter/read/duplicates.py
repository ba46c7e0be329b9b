"""A body printed twice (web pages often print the whole report twice): found and dropped."""

from __future__ import annotations

from ..core.report import Duplicate
from .source import Para, reader_rules


def drop_duplicates(paragraphs: list[Para]) -> tuple[list[Para], list[Duplicate]]:
    """Remove a block of consecutive paragraphs that repeats an earlier block exactly."""
    minimum = reader_rules()["duplicate_min_paragraphs"]
    seen: dict[str, int] = {}
    keep, duplicates, i = [], [], 0
    while i < len(paragraphs):
        j = seen.get(paragraphs[i].norm)
        run = _run_length(paragraphs, j, i) if j is not None else 0
        if run >= minimum:
            chars = sum(len(p.norm) for p in paragraphs[i : i + run])
            duplicates.append(Duplicate(paragraphs[j].line, paragraphs[i].line, run, chars))
            i += run
            continue
        seen.setdefault(paragraphs[i].norm, i)
        keep.append(paragraphs[i])
        i += 1
    return keep, duplicates


def _run_length(paragraphs: list[Para], first: int, second: int) -> int:
    run = 0
    while (
        second + run < len(paragraphs)
        and first + run < second
        and paragraphs[first + run].norm == paragraphs[second + run].norm
    ):
        run += 1
    return run
