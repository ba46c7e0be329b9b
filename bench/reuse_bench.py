"""Reuse benchmark: the n-gram index vs brute-force rapidfuzz cdist, same data and threshold.

Real official prose from ../shared/corpus (国务院政府工作报告 1954–2025 and others) is split into
masked sentences and scaled synthetically (figures changed, a few characters edited, clauses
reordered) to the sizes asked for. Prints build rate, query time, recall against brute force,
peak memory, and crosscheck's time with its pairs against brute force on a subset. Run under
the shared lock:

    flock /tmp/drafter-heavy.lock python bench/reuse_bench.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drafter.reuse.index import GramIndex  # noqa: E402
from drafter.reuse.matching import match_sentences  # noqa: E402
from drafter.reuse.sentences import sentences_of  # noqa: E402
from drafter.reuse.settings import ReuseSettings  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def real_sentences(settings: ReuseSettings) -> list[str]:
    out = []
    for path in sorted(CORPUS.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [
                s.masked for s in sentences_of(line) if len(s.masked) >= settings.min_sentence_chars
            ]
    return out


def mutate(sentence: str, rng: random.Random, alphabet: str) -> str:
    chars = list(sentence)
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    text = "".join(chars)
    clauses = text.split("，")
    if len(clauses) > 2 and rng.random() < 0.3:
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return "，".join(clauses)


def scaled(real: list[str], size: int, rng: random.Random) -> list[str]:
    alphabet = "".join(sorted(set("".join(real[:2000]))))
    if size <= len(real):
        return rng.sample(real, size)
    return real + [mutate(rng.choice(real), rng, alphabet) for _ in range(size - len(real))]


def queries(corpus: list[str], rng: random.Random, count: int = 200) -> list[str]:
    alphabet = "".join(sorted(set("".join(corpus[:2000]))))
    picked = [mutate(rng.choice(corpus), rng, alphabet) for _ in range(count // 2)]
    fresh = [
        mutate(mutate(rng.choice(corpus), rng, alphabet), rng, alphabet)[::-1]
        for _ in range(count - count // 2)
    ]
    return picked + fresh  # half should match, half (reversed text) should not


def brute_force(qs: list[str], corpus: list[str], cutoff: int) -> tuple[set, float]:
    start = time.perf_counter()
    pairs = set()
    chunk = 200_000
    for base in range(0, len(corpus), chunk):
        scores = process.cdist(
            qs,
            corpus[base : base + chunk],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=-1,
        )
        for qi, ci in zip(*np.nonzero(scores)):
            pairs.add((int(qi), int(ci) + base))
    return pairs, time.perf_counter() - start


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fastest(match, runs: int = 3) -> tuple[float, set]:
    """Best wall time of several runs of a matcher, and the (query, corpus) pairs it found."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        found = match()
        times.append(time.perf_counter() - start)
    return min(times), {(qi, ci) for qi, hits in enumerate(found) for ci, _ in hits}


def run(
    size: int, real: list[str], settings: ReuseSettings, rng: random.Random, brute: bool
) -> dict:
    corpus = scaled(real, size, rng)
    before = _rss_mb()
    tracemalloc.start()
    start = time.perf_counter()
    index = GramIndex.build(corpus, settings.ngram)
    build = time.perf_counter() - start
    build_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    qs = queries(corpus, rng)
    match_sentences(index, corpus, qs[:5], settings)  # warm up
    query_s, ours = fastest(lambda: match_sentences(index, corpus, qs, settings))
    row = {
        "size": size,
        "build_s": build,
        "build_rate": size / build,
        "query_s": query_s,
        "index_mb": index.nbytes / 1e6,
        "build_peak_mb": build_peak,
        "corpus_mb": before,
        "pairs": len(ours),
    }
    if brute:
        truth, brute_s = brute_force(qs, corpus, settings.ratio_threshold)
        row.update(
            brute_s=brute_s,
            truth=len(truth),
            recall=len(ours & truth) / len(truth) if truth else 1.0,
            speedup=brute_s / query_s,
            false_pos=len(ours - truth),
        )
    row["peak_mb"] = peak_mb()
    return row


def crosscheck_bench(
    real: list[str], settings: ReuseSettings, rng: random.Random, reports: int, per: int, brute: int
) -> dict:
    from drafter.reuse.crosscheck import crosscheck_sentences

    alphabet = "".join(sorted(set("".join(real[:2000]))))
    # each report: real sentences, half of them lightly edited — near-duplicates across reports
    docs = [
        [mutate(s, rng, alphabet) if rng.random() < 0.5 else s for s in rng.sample(real, per)]
        for _ in range(reports)
    ]
    start = time.perf_counter()
    pairs = crosscheck_sentences(docs, settings)
    row = {
        "reports": reports,
        "sentences_each": per,
        "seconds": time.perf_counter() - start,
        "pairs": len(pairs),
    }
    if brute:
        subset = docs[:brute]
        start = time.perf_counter()
        ours = crosscheck_sentences(subset, settings)
        ours_s = time.perf_counter() - start
        truth, brute_s = brute_crosscheck(subset, settings)
        row.update(
            brute_reports=brute,
            brute_s=brute_s,
            speedup=brute_s / ours_s,
            pair_recall=len(set(ours) & set(truth)) / len(truth) if truth else 1.0,
            same_chars=sum(ours.get(k) == v for k, v in truth.items()) / max(len(truth), 1),
            extra_pairs=len(set(ours) - set(truth)),
        )
    return row


def brute_crosscheck(docs: list[list[str]], settings: ReuseSettings) -> tuple[dict, float]:
    """crosscheck_sentences with every sentence compared to every other by rapidfuzz."""
    start = time.perf_counter()
    unique: dict[str, int] = {}
    holders: list[list[int]] = []
    for doc_id, sentences in enumerate(docs):
        for sentence in sentences:
            uid = unique.setdefault(sentence, len(unique))
            if uid == len(holders):
                holders.append([])
            holders[uid].append(doc_id)
    texts = list(unique)
    scores = process.cdist(
        texts,
        texts,
        scorer=fuzz.ratio,
        score_cutoff=settings.ratio_threshold,
        dtype=np.uint8,
        workers=-1,
    )
    shared: dict[tuple[int, int], int] = {}
    for uid in range(len(texts)):
        matched = np.flatnonzero(scores[uid])
        docs_of = set(holders[uid]).union(*(holders[c] for c in matched.tolist() if c != uid))
        if len(docs_of) < 2 or len(docs_of) >= settings.stock_min_issuers:
            continue
        for a in holders[uid]:
            for b in docs_of - {a}:
                shared[(a, b)] = shared.get((a, b), 0) + len(texts[uid])
    return shared, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-brute", action="store_true", help="skip the brute-force comparison")
    parser.add_argument(
        "--crosscheck", type=int, default=1000, help="reports for the crosscheck timing (0: skip)"
    )
    parser.add_argument(
        "--crosscheck-brute", type=int, default=60, help="reports compared with brute force"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings = ReuseSettings.load()
    rng = random.Random(args.seed)
    real = real_sentences(settings)
    print(
        f"real sentences from {os.path.relpath(CORPUS)}: {len(real)} "
        f"(masked, ≥{settings.min_sentence_chars} chars)"
    )
    print(
        f"settings: n={settings.ngram} ratio≥{settings.ratio_threshold} "
        f"shared≥{settings.min_shared_fraction} max_candidates={settings.max_candidates} "
        f"stopgram_cap={settings.stopgram_cap} min_grams={settings.min_grams} "
        f"rare_postings={settings.rare_postings}"
    )
    for size in args.sizes:
        row = run(size, real, settings, rng, not args.no_brute)
        print(
            " ".join(
                f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
            ),
            flush=True,
        )
    if args.crosscheck:
        row = crosscheck_bench(real, settings, rng, args.crosscheck, 200, args.crosscheck_brute)
        print(
            "crosscheck "
            + " ".join(
                f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
            )
        )


if __name__ == "__main__":
    main()
