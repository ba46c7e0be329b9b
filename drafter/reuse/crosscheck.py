"""Crosscheck: every report of a folder against every other (the upper-level office's view)."""

from __future__ import annotations

from pathlib import Path

from .ingest import parse_report
from .matching import crosscheck_sentences
from .sentences import sentences_of
from .settings import ReuseSettings

JSON_VERSION = 1


def crosscheck(paths: list[Path]) -> list[dict]:
    """Pairs of reports sharing non-stock sentences, sorted by the shared share of the first."""
    settings = ReuseSettings.load()
    reports = [parse_report(Path(p)) for p in paths]
    documents = [
        [
            s.masked
            for i, (_, _, text) in enumerate(r.paragraphs)
            for s in sentences_of(text, i, normalised=True)
            if settings.matchable(s.masked)
        ]
        for r in reports
    ]
    sizes = [sum(len(s) for s in doc) for doc in documents]
    shared = crosscheck_sentences(documents, settings, [r.issuer for r in reports])
    pairs = [
        {
            "a": reports[a].file,
            "b": reports[b].file,
            "a_issuer": reports[a].issuer,
            "b_issuer": reports[b].issuer,
            "shared_chars": chars,
            "share": round(chars / sizes[a], 4) if sizes[a] else 0.0,
        }
        for (a, b), chars in shared.items()
    ]
    return sorted(pairs, key=lambda p: (-p["share"], p["a"], p["b"]))


def crosscheck_json(reports: int, pairs: list[dict]) -> dict:
    """The documented JSON form (version 1) of `drafter crosscheck`."""
    return {"version": JSON_VERSION, "reports": reports, "pairs": pairs}
