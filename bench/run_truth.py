"""Brute force for shared runs, for bench/corpus_bench.py: which characters of a draft lie in a
run of at least run_min_chars (masked text, run_skip left out) that stored sentences share, and
the verdict those sentences give each character (stock: k issuers; self: the unit's earlier
report; cross: another unit).

Every window of that many characters of every stored sentence is hashed and looked up among the
draft's windows — no index, no candidates, no limit. A character lies in a run shared with a
sentence exactly when a shared window holding it is in that sentence, so this is the reuse
check's answer without its shortcuts.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from drafter.read.unit import same_unit
from drafter.reuse.sentences import mask_offsets, sentences_of
from drafter.reuse.substrings import window_hashes


def draft_windows(report, settings) -> tuple[list, list[str]]:
    """The draft's windows of run_min_chars outside run_skip: (passage, characters), texts."""
    size = settings.run_min_chars
    skip = re.compile("|".join(f"(?:{p})" for p in settings.run_skip))
    where, texts = [], []
    for index, passage in enumerate(report.passages):
        if passage.is_heading:
            continue
        for s in sentences_of(passage.norm, index, normalised=True, issuer=report.region or ""):
            text, starts = mask_offsets(s.text, report.region or "")
            skipped = np.zeros(len(text) + 1, dtype=np.int64)
            for m in skip.finditer(text):
                skipped[m.start() + 1 : m.end() + 1] = 1
            skipped = np.cumsum(skipped)  # skipped characters before each position
            for a in range(len(text) - size + 1):
                if skipped[a + size] == skipped[a]:
                    chars = range(s.start + starts[a], s.start + starts[a + size])
                    where.append((index, chars))
                    texts.append(text[a : a + size])
    return where, texts


def holders(wanted: np.ndarray, ids: np.ndarray, texts: list[str], size: int, chunk=50_000):
    """For each wanted window hash (sorted, distinct): the stored sentence ids holding it."""
    found = defaultdict(set)
    for base in range(0, len(texts), chunk):
        hashes, owners, _ = window_hashes(texts[base : base + chunk], size)
        where = np.searchsorted(wanted, hashes).clip(max=wanted.size - 1)
        hit = wanted[where] == hashes
        for w, sid in zip(where[hit].tolist(), ids[base + owners[hit]].tolist()):
            found[w].add(sid)
    return found


def shared_verdicts(report, ids, texts, reports_of: dict, settings) -> dict:
    """(passage, character) -> self | cross | stock for every draft character in a shared run;
    reports_of: stored sentence id -> (issuer, year)."""
    where, windows = draft_windows(report, settings)
    mine, _, _ = window_hashes(windows, settings.run_min_chars)
    wanted = np.unique(mine)
    if wanted.size == 0:
        return {}
    held = holders(wanted, ids, texts, settings.run_min_chars)
    sources = defaultdict(set)
    for (index, chars), key in zip(where, mine.tolist()):
        found = held.get(int(np.searchsorted(wanted, key)))
        for c in chars if found else ():
            sources[(index, c)] |= {reports_of[sid] for sid in found}
    return {key: _verdict(report, found, settings) for key, found in sources.items()}


def _verdict(report, sources: set, settings) -> str | None:
    issuers = {issuer for issuer, _ in sources}
    if len(issuers) >= settings.stock_min_issuers:
        return "stock"
    if any(same_unit(i, report.region) and (y or 0) < (report.year or 0) for i, y in sources):
        return "self"
    return "cross" if any(not same_unit(i, report.region) for i in issuers) else None


def compare(truth: dict, result, tally: dict) -> None:
    """Add to the tally: characters in shared runs (brute force), those the reuse check reports
    (in a run or a whole sentence), and, outside whole sentences, those given the same verdict."""
    ours = {(r.passage, c): r for r in result.sentences for c in range(*r.span)}
    for key, kind in truth.items():
        if kind is None:
            continue
        mine = ours.get(key)
        tally["run_chars"] += 1
        tally["run_found"] += mine is not None
        if mine is None or mine.run is not None:
            tally["run_judged"] += 1
            tally["run_same"] += mine is not None and mine.kind == kind
