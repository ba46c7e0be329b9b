"""Corpus benchmark through the real commands: ingest, database size, check and crosscheck.

Generates units × years of realistic reports (bench/corpus_gen.py: real official prose from
../shared/corpus recombined, headings and stock phrases from seeds/, each report copying part of
its own previous year, a few paragraphs copied from other units), then measures subprocesses of

    drafter corpus add <200 files> --db …        (batch after batch, year by year)
    drafter check <new report> --db … -f json    (new reports with planted copies)
    drafter crosscheck <1,000 files> -f json

with wall time, CPU time and peak memory of each, the database's size against the text's, and
recall of the planted own-year and cross-unit copies. The brute-force baseline (rapidfuzz cdist
of a new report's sentences against every stored sentence, same threshold) is measured in the
same run: recall of the index against it, and the time ratio; so is brute force for shared runs
(bench/run_truth.py: every stored window of run_min_chars characters against the draft's), for
the recall of runs inside rewritten sentences and their verdicts. Run it under the shared lock:

    flock /tmp/drafter-heavy.lock python bench/corpus_bench.py --units 500 --years 4
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import Generator, units, write_report  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.inprocess import MEASURED  # noqa: E402


def run(args: list[str]) -> dict:
    """Run a drafter command; wall seconds, CPU seconds and peak memory (MB) of that process —
    its own VmHWM (tests/inprocess.MEASURED): wait4's ru_maxrss would also count this script's
    memory at fork time, ~700 MB during the brute-force stage."""
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_DB"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryDirectory() as tmp:
            peak = Path(tmp) / "peak"
            start = time.perf_counter()
            command = [sys.executable, "-c", MEASURED, str(peak), *args]
            process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            peak_mb = float(peak.read_text()) if peak.exists() else float("nan")
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8")
    if process.returncode not in (0, 1):
        raise SystemExit(f"drafter {' '.join(args[:2])} failed: {stderr[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": peak_mb,
        "stdout": stdout,
        "stderr": stderr,
    }


def generate(work: Path, unit_count: int, years: list[int], checks: int, seed: int) -> dict:
    """Every report (year by year), then next year's drafts for some units with planted copies."""
    gen = Generator(seed)
    names = units(unit_count, gen.rng)
    files, truth = [], {}
    for year in years:
        folder = work / "reports" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for unit in names:
            report = gen.report(unit, year)
            path = folder / f"{report.name}.txt"
            truth[str(path)] = write_report(report, path)
            files.append(path)
    drafts = work / "drafts"
    drafts.mkdir(exist_ok=True)
    gen.self_share, gen.cross_share = 0.4, 0.1
    gen.sources = set(gen.reports)  # drafts copy from stored reports only
    draft_truth = {}
    for unit in names[:checks]:
        report = gen.report(unit, years[-1] + 1)
        path = drafts / f"{report.name}.txt"
        draft_truth[str(path)] = (unit, report.year, write_report(report, path))
    return {"files": files, "truth": truth, "drafts": draft_truth, "years": years}


def ingest(files: list[Path], db: Path, batch: int) -> list[dict]:
    """`drafter corpus add` batch after batch; one row per batch."""
    rows = []
    for base in range(0, len(files), batch):
        part = [str(p) for p in files[base : base + batch]]
        result = run(["corpus", "add", *part, "--db", str(db)])
        added = result["stderr"].count("已入库")
        rows.append({**result, "files": len(part), "added": added})
        print(
            f"  corpus add batch {base // batch + 1:>2}: {len(part)} files, {added} added, "
            f"{result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, "
            f"{len(part) / result['wall']:.1f} reports/s",
            flush=True,
        )
    return rows


def disk_size(db: Path) -> int:
    """Bytes of the database, its WAL and its index folder."""
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    folder = db.with_name(db.name + "-index")
    return size + sum(p.stat().st_size for p in folder.iterdir()) if folder.is_dir() else size


def check_drafts(drafts: dict, db: Path) -> tuple[list[dict], dict]:
    """`drafter check` of each draft; recall of its planted copies by kind."""
    rows, found, planted = [], {"self": 0, "cross": 0}, {"self": 0, "cross": 0}
    for path, (unit, year, copies) in drafts.items():
        args = ["check", path, "--db", str(db), "-f", "json", "--fail-on", "never"]
        result = run(args + ["--region", unit, "--year", str(year)])
        result["plain"] = run(args + ["--region", unit, "--year", str(year), "--no-reuse"])
        findings = json.loads(result["stdout"])["findings"]
        flagged = {(f["rule"], _line(f["location"])) for f in findings}
        for copy in copies:
            planted[copy["kind"]] += 1
            found[copy["kind"]] += (f"reuse.{copy['kind']}", copy["line"]) in flagged
        rows.append(result)
    return rows, {k: (found[k], planted[k]) for k in planted}


def _line(location: str) -> int | None:
    tail = location.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def brute_force(drafts: dict, db: Path, limit: int) -> dict:
    """The index against rapidfuzz over every stored sentence, for a few drafts, in process:
    matched pairs (all, and those of sentences below the stock threshold) and each sentence's
    verdict (self / cross / stock / none) from the index's matches and from brute force's."""
    from run_truth import compare, shared_verdicts

    from drafter.api import open_report
    from drafter.reuse.analysis import analyse
    from drafter.reuse.corpus import Corpus
    from drafter.reuse.segments import masked_sentences

    keys = ("pairs", "found", "plain", "plain_found", "same", "verdicts")
    tally = dict.fromkeys(keys + ("run_chars", "run_found", "run_judged", "run_same"), 0)
    index_s = brute_s = runs_s = 0.0
    with Corpus(db, seed=None) as corpus:
        ids, texts = masked_sentences(corpus.db, 0)
        reports_of = _reports_of(corpus)
        for path, (unit, year, _) in list(drafts.items())[:limit]:
            report = open_report(path)
            report.region, report.year = unit, year
            view = corpus.view()
            match = view.match
            start = time.perf_counter()
            ours = analyse(report, corpus)
            index_s += time.perf_counter() - start
            start = time.perf_counter()
            compare(shared_verdicts(report, ids, texts, reports_of, corpus.settings), ours, tally)
            runs_s += time.perf_counter() - start
            queries, hits = [], []

            def recording(qs, match=match, queries=queries, hits=hits):
                found = match(qs)
                queries.extend(qs)
                hits.extend(found)
                return found

            view.match = recording
            analyse(report, corpus)  # the same queries, recorded
            start = time.perf_counter()
            truth = _brute_matches(queries, ids, texts, corpus.settings)
            brute_s += time.perf_counter() - start
            view.match = lambda qs, truth=truth: truth
            theirs = analyse(report, corpus)
            view.match = match
            _compare(tally, hits, truth, ours, theirs, corpus, report)
    return {
        "drafts": min(limit, len(drafts)),
        "sentences": len(texts),
        "index_s": index_s,
        "brute_s": brute_s,
        "runs_s": runs_s,
        "run_min": corpus.settings.run_min_chars,
        **tally,
    }


def _reports_of(corpus) -> dict:
    """Stored sentence id -> (issuer, year) of its report."""
    rows = corpus.db.execute(
        "SELECT s.id, r.issuer, r.year FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id"
        " JOIN reports r ON r.id = p.report_id"
    )
    return {sid: (issuer, year) for sid, issuer, year in rows}


def _brute_matches(queries, ids, texts, settings) -> list[list[tuple[int, float]]]:
    import numpy as np
    from rapidfuzz import fuzz, process

    scores = process.cdist(
        queries,
        texts,
        scorer=fuzz.ratio,
        score_cutoff=settings.ratio_threshold,
        dtype=np.uint8,
        workers=-1,
    )
    found: list[list[tuple[int, float]]] = [[] for _ in queries]
    for q, c in zip(*np.nonzero(scores)):
        if settings.matchable(queries[q]):
            found[q].append((int(ids[c]), float(scores[q, c])))
    return [sorted(f, key=lambda h: -h[1]) for f in found]


def _compare(tally, hits, truth, ours, theirs, corpus, report) -> None:
    """Add one draft's pair recall and verdict agreement to the tally."""
    rows = corpus.view().sentence_rows(sorted({c for t in truth for c, _ in t}))
    reports = corpus.view().reports({r.report_id for r in rows.values()})
    k = corpus.settings.stock_min_issuers
    for mine, real in zip(hits, truth):
        found = {c for c, _ in mine} & {c for c, _ in real}
        issuers = {reports[rows[c].report_id].issuer for c, _ in real if c in rows}
        tally["pairs"] += len(real)
        tally["found"] += len(found)
        if len(issuers) < k:  # not a stock phrase: every source must be found
            tally["plain"] += len(real)
            tally["plain_found"] += len(found)
    a, b = _verdicts(ours), _verdicts(theirs)
    tally["verdicts"] += len(set(a) | set(b))
    tally["same"] += sum(a.get(key) == b.get(key) for key in set(a) | set(b))


def _verdicts(result) -> dict:
    """Each whole sentence's verdict (runs inside the others are compared in run_truth)."""
    return {(s.passage, s.sentence.start): s.kind for s in result.sentences if s.run is None}


def crosscheck(files: list[Path], truth: dict, count: int) -> dict:
    """`drafter crosscheck` of the last `count` files; recall of the planted copies among them."""
    chosen = [str(p) for p in files[-count:]]
    result = run(["crosscheck", *chosen, "-f", "json"])
    pairs = {(p["a"], p["b"]) for p in json.loads(result["stdout"])["pairs"]}
    by_name = {Path(p).stem: p for p in chosen}
    planted = [
        (path, by_name[copy["source"]])
        for path in chosen
        for copy in truth[path]
        if copy["source"] in by_name
    ]
    found = sum((a, b) in pairs or (b, a) in pairs for a, b in planted)
    return {**result, "files": len(chosen), "planted": len(planted), "found": found}


def seed_check(work: Path, runs: int = 7) -> None:
    """`drafter check` of a seed against the seeded default corpus, with and without the reuse
    check, and `drafter outline` of it: median whole-process time and peak memory."""
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_f45f303019acc275.txt"
    db = work / "seeds.sqlite"
    run(["corpus", "list", "--db", str(db)])  # first use: the seeds are added
    for label, args in (
        ("check", ["check", str(seed), "--db", str(db), "--fail-on", "never"]),
        ("check --no-reuse", ["check", str(seed), "--no-reuse", "--fail-on", "never"]),
        ("outline", ["outline", str(seed)]),
    ):
        rows = [run(args) for _ in range(runs)]
        print(
            f"drafter {label} seeds/{seed.name}: median "
            f"{statistics.median(r['wall'] for r in rows):.3f} s over {runs} runs, "
            f"peak {max(r['peak_mb'] for r in rows):.0f} MB"
        )


def interpreter(runs: int = 7) -> float:
    """Median wall time of `python -c pass` in the same environment: the floor under every
    command's whole-process time (site hooks of the machine included)."""
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def compiled() -> None:
    """Byte-compile drafter first, as pip does when it installs a package: with
    PYTHONDONTWRITEBYTECODE set (this machine sets it) every subprocess would otherwise compile
    the modules it imports again, which no installed copy does (about 0.05 s a `check`)."""
    import compileall

    package = Path(__file__).resolve().parent.parent / "drafter"
    compileall.compile_dir(str(package), quiet=1)
    print(f"byte-compiled {package.name}/ (PYTHONDONTWRITEBYTECODE="
          f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--years", type=int, default=4, help="years of reports per unit")
    parser.add_argument("--batch", type=int, default=200, help="files per `corpus add`")
    parser.add_argument("--checks", type=int, default=20, help="new reports to check")
    parser.add_argument("--brute", type=int, default=3, help="drafts for the brute-force baseline")
    parser.add_argument("--crosscheck", type=int, default=1000, help="files to crosscheck")
    parser.add_argument("--work", type=Path, default=Path("/tmp/drafter-corpus-bench"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seed-check", action="store_true", help="also time check of a seed")
    args = parser.parse_args()
    compiled()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    years = list(range(2025 - args.years, 2025))
    start = time.perf_counter()
    data = generate(args.work, args.units, years, args.checks, args.seed)
    text = sum(p.stat().st_size for p in data["files"])
    print(
        f"generated {len(data['files'])} reports ({args.units} units × {args.years} years, "
        f"{text / 1e6:.1f} MB of text) and {len(data['drafts'])} new reports "
        f"in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    db = args.work / "corpus.sqlite"
    report(args, data, db, text)
    if args.seed_check:
        seed_check(args.work)


def report(args, data: dict, db: Path, text: int) -> None:
    """Run the measurements and print them."""
    rows = ingest(data["files"], db, args.batch)
    files = sum(r["files"] for r in rows)
    wall, cpu = sum(r["wall"] for r in rows), sum(r["cpu"] for r in rows)
    first, last = rows[0], rows[-1]
    print(
        f"ingest: {files} reports in {wall:.1f} s wall ({cpu:.1f} s CPU), {files / wall:.1f} "
        f"reports/s; first batch {first['wall']:.2f} s, last {last['wall']:.2f} s "
        f"(last/first {last['wall'] / first['wall']:.2f}); "
        f"peak {max(r['peak_mb'] for r in rows):.0f} MB"
    )
    size = disk_size(db)
    print(f"database: {size / 1e6:.1f} MB for {text / 1e6:.1f} MB of text ({size / text:.2f}×)")
    if hasattr(os, "sync"):  # the new database's pages go to disk now, not during the checks:
        os.sync()  # a user checks a draft long after the corpus was built
    checks, recall = check_drafts(data["drafts"], db)
    walls = [r["wall"] for r in checks]
    plain = [r["plain"]["wall"] for r in checks]
    print(
        f"check: {len(checks)} new reports, median {statistics.median(walls):.3f} s, "
        f"max {max(walls):.3f} s wall; peak {max(r['peak_mb'] for r in checks):.0f} MB; "
        f"the same with --no-reuse: median {statistics.median(plain):.3f} s, "
        f"peak {max(r['plain']['peak_mb'] for r in checks):.0f} MB "
        f"(the reuse check adds {statistics.median(w - p for w, p in zip(walls, plain)):.3f} s)"
    )
    print(f"  of which the interpreter starting (python -c pass): median {interpreter():.3f} s")
    for kind, (found, planted) in recall.items():
        print(
            f"  recall of planted {kind} copies: {found}/{planted} = {found / max(planted, 1):.3f}"
        )
    if args.brute:
        b = brute_force(data["drafts"], db, args.brute)
        print(
            f"brute force ({b['drafts']} drafts × {b['sentences']} stored sentences): "
            f"{b['brute_s']:.2f} s vs the reuse analysis {b['index_s']:.3f} s "
            f"({b['brute_s'] / b['index_s']:.0f}×)"
        )
        print(
            f"  against brute force: sentence verdicts (self/cross/stock/none) the same "
            f"{b['same']}/{b['verdicts']} = {b['same'] / max(b['verdicts'], 1):.4f}; "
            f"sources of non-stock sentences found {b['plain_found']}/{b['plain']} = "
            f"{b['plain_found'] / max(b['plain'], 1):.4f}; all matched pairs "
            f"{b['found']}/{b['pairs']} (a stock phrase is verified up to check_candidates)"
        )
        print(
            f"  shared runs ≥ {b['run_min']} characters (brute force over every stored window, "
            f"{b['runs_s']:.1f} s): characters reported {b['run_found']}/{b['run_chars']} = "
            f"{b['run_found'] / max(b['run_chars'], 1):.4f}; outside whole sentences, the same "
            f"verdict (self/cross/stock) {b['run_same']}/{b['run_judged']} = "
            f"{b['run_same'] / max(b['run_judged'], 1):.4f}"
        )
    if args.crosscheck:
        c = crosscheck(data["files"], data["truth"], args.crosscheck)
        print(
            f"crosscheck: {c['files']} files in {c['wall']:.1f} s wall ({c['cpu']:.1f} s CPU), "
            f"peak {c['peak_mb']:.0f} MB; planted copies found {c['found']}/{c['planted']} "
            f"= {c['found'] / max(c['planted'], 1):.3f}"
        )


if __name__ == "__main__":
    main()
