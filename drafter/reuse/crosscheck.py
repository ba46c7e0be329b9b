"""Crosscheck: every report of a folder against every other (the upper-level office's view)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .index import GramIndex
from .ingest import parse_report
from .matching import match_sentences
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
            for i, (_, text) in enumerate(r.paragraphs)
            for s in sentences_of(text, i, normalised=True, issuer=r.issuer)
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


def crosscheck_sentences(
    documents: list[list[str]], settings: ReuseSettings, issuers: list[str] | None = None
) -> dict[tuple[int, int], int]:
    """Every document against every other: {(a, b): characters of a found again in b}.

    Identical sentences are matched once (stock phrases and copied paragraphs repeat verbatim);
    a sentence found in documents of at least `stock_min_issuers` issuers is a stock phrase and
    not counted.
    """
    issuers = issuers or [str(i) for i in range(len(documents))]
    unique: dict[str, int] = {}
    holders: list[list[int]] = []
    for doc_id, sentences in enumerate(documents):
        for sentence in sentences:
            uid = unique.setdefault(sentence, len(unique))
            if uid == len(holders):
                holders.append([])
            holders[uid].append(doc_id)
    texts = list(unique)
    index = GramIndex.build(texts, settings.ngram)
    own = np.arange(len(texts), dtype=np.int64)
    cap = settings.crosscheck_stopgram_cap
    matches = match_sentences(index, texts, texts, settings, query_ids=own, cap=cap)
    for uid, hits in enumerate(list(matches)):  # each pair was found once: mirror it
        for cid, score in hits:
            if cid > uid:
                matches[cid].append((uid, score))
    shared: dict[tuple[int, int], int] = {}
    for uid, hits in enumerate(matches):
        docs = set(holders[uid]).union(*(holders[cid] for cid, _ in hits))
        if len(docs) < 2 or len({issuers[d] for d in docs}) >= settings.stock_min_issuers:
            continue
        size = len(texts[uid])
        for a in holders[uid]:
            for b in docs - {a}:
                shared[(a, b)] = shared.get((a, b), 0) + size
    return shared


def crosscheck_json(reports: int, pairs: list[dict]) -> dict:
    """The documented JSON form (version 1) of `drafter crosscheck`."""
    return {"version": JSON_VERSION, "reports": reports, "pairs": pairs}
