"""“是否想写……”: the closest known key to a misspelled one."""
from __future__ import annotations


def did_you_mean(word: str, candidates: list[str], cutoff: float = 50.0) -> str | None:
    if not candidates:
        return None
    from rapidfuzz import fuzz, process  # imported late: keeps `drafter --help` fast

    match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None
