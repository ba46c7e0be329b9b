"""Reading benchmark: `drafter outline` on a seed, whole process (target ≤ 0.4 s).

python bench/read_bench.py

Baselines measured in the same run: `drafter --help` (the start-up every command
pays) and what jieba's dictionary costs to load, which the mapper no longer does.
The first outline after a change of the division data builds the gazetteer's
cache; that cold run is timed too, with a fresh cache folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f45f303019acc275.txt"
TARGET = 0.4
JIEBA = "import jieba, logging; jieba.setLogLevel(60); jieba.lcut('法治政府建设')"


def _times(command: list[str], env: dict, runs: int = RUNS) -> list[float]:
    subprocess.run(command, capture_output=True, check=True, env=env)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def _cold(command: list[str], env: dict) -> float:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        subprocess.run(
            command, capture_output=True, check=True, env={**env, "DRAFTER_CACHE": cache}
        )
        return time.perf_counter() - start


def main() -> None:
    env = dict(os.environ)
    drafter = [sys.executable, "-m", "drafter"]
    outline = _times(drafter + ["outline", str(SEED)], env)
    help_ = _times(drafter + ["--help"], env)
    python = _times([sys.executable, "-c", "pass"], env)
    jieba = _times([sys.executable, "-c", JIEBA], env, runs=5)
    cold = _cold(drafter + ["outline", str(SEED)], env)
    median = statistics.median(outline)
    print(
        f"drafter outline {SEED.name}: median {median:.3f} s, max {max(outline):.3f} s over {RUNS}"
    )
    print(
        f"  baseline drafter --help: median {statistics.median(help_):.3f} s "
        f"(outline = {median / statistics.median(help_):.2f}× --help)"
    )
    print(f"  baseline python -c pass: median {statistics.median(python):.3f} s")
    print(
        f"  for comparison, loading jieba's dictionary alone: median "
        f"{statistics.median(jieba) - statistics.median(python):.3f} s (no longer paid)"
    )
    print(f"  first run with an empty cache (builds the gazetteer): {cold:.3f} s")
    print(f"  target ≤ {TARGET} s: {'met' if median <= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
