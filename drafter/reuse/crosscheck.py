"""Crosscheck: every report of a folder against every other (the upper-level office's view).

Each unordered pair of reports sharing non-stock sentences is listed once, named by unit,
year and title, with the characters each takes from the other and the shared sentences
side by side. A sentence found in reports of at least `stock_min_issuers` units is a stock
phrase (套话): it counts in no pair and is listed apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..read.archives import shown_name
from .index import GramIndex
from .ingest import ParsedReport, parse_report
from .matching import match_sentences
from .sentences import sentences_of
from .settings import ReuseSettings

JSON_VERSION = 2
STOCK_LISTED = 20  # stock phrases listed (the most widespread first)
FILES_PER_JOB = 100  # files below which a reading worker costs more than it saves
SENTENCES_PER_JOB = 20_000  # sentences below which a matching worker costs more than it saves
QUERY_CHUNK = 2048  # sentences matched at a time (match_sentences' chunk): a worker's task
BUILD_CHUNK = 10_000  # sentences indexed at a time: in cache, less memory than the default
_CHUNK = 8  # files a reading worker takes at a time: fewer round trips, still an even spread
_SHARED: dict = {}  # a matching worker's index, sentences and settings (see _share)


@dataclass
class Links:
    """The sentences of many documents, identical ones merged, and which resemble which."""

    texts: list[str]  # unique masked sentences
    holders: list[list[tuple[int, int]]]  # per unique sentence: (document, position) holding it
    matches: list[list[tuple[int, float]]]  # per unique sentence: (other unique sentence, score)
    stock: list[bool]  # per unique sentence: found in documents of k or more issuers


def sentence_links(
    documents: list[list[str]], settings: ReuseSettings, issuers: list[str] | None = None
) -> Links:
    """Every document's sentences against every other's, each pair of sentences compared once."""
    issuers = issuers or [str(i) for i in range(len(documents))]
    unique: dict[str, int] = {}
    holders: list[list[tuple[int, int]]] = []
    for doc_id, sentences in enumerate(documents):
        for position, sentence in enumerate(sentences):
            uid = unique.setdefault(sentence, len(unique))
            if uid == len(holders):
                holders.append([])
            holders[uid].append((doc_id, position))
    texts = list(unique)
    index = GramIndex.build(texts, settings.ngram, chunk=BUILD_CHUNK)
    matches = _matched(index, texts, settings)
    for uid, hits in enumerate(list(matches)):  # each pair was found once: mirror it
        for cid, score in hits:
            if cid > uid:
                matches[cid].append((uid, score))
    stock = []
    for uid, hits in enumerate(matches):
        docs = {d for d, _ in holders[uid]}.union(*({d for d, _ in holders[c]} for c, _ in hits))
        stock.append(len({issuers[d] for d in docs}) >= settings.stock_min_issuers)
    return Links(texts, holders, matches, stock)


def _matched(index: GramIndex, texts: list[str], settings: ReuseSettings) -> list[list]:
    """Each sentence's matches among the sentences after it, chunk by chunk: the chunks are
    independent, so a process pool (all cores) shares them out when there are many."""
    bases = range(0, len(texts), QUERY_CHUNK)
    jobs = min(os.cpu_count() or 1, len(texts) // SENTENCES_PER_JOB)
    if jobs <= 1:
        _share(index, texts, settings)
        parts = [_match_from(base) for base in bases]
    else:
        import multiprocessing

        context = multiprocessing.get_context()  # fork: the index is not copied, only shared
        with context.Pool(jobs, _share, (index, texts, settings)) as pool:
            parts = list(pool.imap(_match_from, bases, 1))  # the first chunks weigh most
    _SHARED.clear()
    return [hits for part in parts for hits in part]


def _share(index: GramIndex, texts: list[str], settings: ReuseSettings) -> None:
    _SHARED.update(index=index, texts=texts, settings=settings)


def _match_from(base: int) -> list[list[tuple[int, float]]]:
    """The matches of the chunk of sentences from base on, each pair from its lower id."""
    index, texts, settings = _SHARED["index"], _SHARED["texts"], _SHARED["settings"]
    own = np.arange(base, min(base + QUERY_CHUNK, len(texts)), dtype=np.int64)
    queries = texts[base : base + QUERY_CHUNK]
    cap, rare = settings.crosscheck_stopgram_cap, settings.crosscheck_rare_postings
    return match_sentences(
        index, texts, queries, settings, query_ids=own, cap=cap, rare=rare, chunk=QUERY_CHUNK
    )


def crosscheck_sentences(
    documents: list[list[str]], settings: ReuseSettings, issuers: list[str] | None = None
) -> dict[tuple[int, int], int]:
    """{(a, b): characters of a found again in b}, stock phrases not counted."""
    links = sentence_links(documents, settings, issuers)
    shared: dict[tuple[int, int], int] = {}
    for uid, holders in enumerate(links.holders):
        if links.stock[uid]:
            continue
        docs = {d for d, _ in holders}.union(
            *({d for d, _ in links.holders[c]} for c, _ in links.matches[uid])
        )
        for a, _ in holders:
            for b in docs - {a}:
                shared[(a, b)] = shared.get((a, b), 0) + len(links.texts[uid])
    return shared


def crosscheck(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    """Pairs of reports sharing non-stock sentences, largest share first, and the stock
    phrases the reports share."""
    settings = ReuseSettings.load()
    reports, units = _read_all(paths)
    documents = [[masked for masked, _ in doc] for doc in units]
    links = sentence_links(documents, settings, [r.issuer for r in reports])
    listed = sorted(
        (_pair_record(reports, units, key, found) for key, found in _pairs(links, units).items()),
        key=lambda p: (-p["share"], -p["a_chars"], p["a"], p["b"]),
    )
    return listed, _stock(links, units, reports)


def _read_all(paths: list[Path]) -> tuple[list[ParsedReport], list[list[tuple[str, str]]]]:
    """Each report parsed and cut into sentences, in order. Reading is about a third of a
    large crosscheck and each file stands alone: a process pool (all cores) shares it out."""
    jobs = min(os.cpu_count() or 1, len(paths) // FILES_PER_JOB)
    if jobs <= 1:
        read = [_read(p) for p in paths]
    else:
        import multiprocessing

        read = [_read(paths[0])]  # warms the caches (gazetteer, rules) forked workers inherit
        with multiprocessing.get_context().Pool(jobs) as pool:
            read += pool.imap(_read, paths[1:], _CHUNK)
    return [report for report, _ in read], [units for _, units in read]


def _read(path: Path) -> tuple[ParsedReport, list[tuple[str, str]]]:
    report = parse_report(Path(path))
    return report, _sentences(report, ReuseSettings.load())


def _sentences(report: ParsedReport, settings: ReuseSettings) -> list[tuple[str, str]]:
    """(masked, text) of each matchable sentence of a report."""
    return [
        (s.masked, s.text)
        for i, (_, text) in enumerate(report.paragraphs)
        for s in sentences_of(text, i, normalised=True, issuer=report.issuer)
        if settings.matchable(s.masked)
    ]


def _pairs(links: Links, units: list[list[tuple[str, str]]]) -> dict:
    """(a, b) with a < b -> {a's positions found in b, b's positions found in a, evidence}."""
    pairs: dict[tuple[int, int], dict] = {}
    for uid, holders in enumerate(links.holders):
        if links.stock[uid]:
            continue
        partners = [(uid, 100.0)] + links.matches[uid]
        for a, pos_a in holders:
            for cid, score in partners:
                for b, pos_b in links.holders[cid]:
                    if b == a:
                        continue
                    key = (min(a, b), max(a, b))
                    found = pairs.setdefault(key, {"a": set(), "b": set(), "sentences": {}})
                    found["a" if a < b else "b"].add(pos_a)
                    if a < b:
                        evidence = (units[a][pos_a][1], units[b][pos_b][1], round(score, 1))
                        found["sentences"].setdefault(pos_a, evidence)
    return pairs


def _pair_record(reports: list[ParsedReport], units, key, found: dict) -> dict:
    """One pair as listed: the report taking the larger share from the other comes first."""
    sides = []
    for side, doc in (("a", key[0]), ("b", key[1])):
        chars = sum(len(units[doc][p][1]) for p in found[side])
        size = sum(len(text) for _, text in units[doc])
        sides.append((doc, chars, round(chars / size, 4) if size else 0.0))
    sentences = [
        {"a": a, "b": b, "score": score} for _, (a, b, score) in sorted(found["sentences"].items())
    ]
    if sides[1][2] > sides[0][2]:
        sides.reverse()
        sentences = [{"a": s["b"], "b": s["a"], "score": s["score"]} for s in sentences]
    record = {}
    for name, (doc, chars, share) in zip("ab", sides):
        r = reports[doc]
        record |= {name: shown_name(r.file), f"{name}_unit": r.issuer, f"{name}_year": r.year}
        record |= {f"{name}_title": r.title, f"{name}_chars": chars, f"{name}_share": share}
    return record | {"share": sides[0][2], "sentences": sentences}


def _stock(links: Links, units, reports) -> list[dict]:
    """The stock phrases the reports share, the most widespread first."""
    found = []
    for uid, holders in enumerate(links.holders):
        if links.stock[uid]:
            doc, position = holders[0]
            docs = {d for d, _ in holders}.union(
                *({d for d, _ in links.holders[c]} for c, _ in links.matches[uid])
            )
            units_with = {reports[d].issuer for d in docs}
            found.append(
                {"text": units[doc][position][1], "reports": len(docs), "units": len(units_with)}
            )
    found.sort(key=lambda s: (-s["units"], -s["reports"], s["text"]))
    seen, out = set(), []
    for item in found:  # near-identical variants of one phrase are listed once
        if item["text"] not in seen:
            seen.add(item["text"])
            out.append(item)
    return out[:STOCK_LISTED]


def crosscheck_json(reports: int, pairs: list[dict], stock: list[dict], total: int) -> dict:
    """The documented JSON form (version 2) of `drafter crosscheck`: pairs_found counts every
    pair, pairs lists the first --top of them."""
    return {
        "version": JSON_VERSION,
        "reports": reports,
        "pairs_found": total,
        "pairs": pairs,
        "stock": stock,
    }
