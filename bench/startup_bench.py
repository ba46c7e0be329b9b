"""Start-up benchmark: `drafter --help` must not import the heavy libraries (target ≤ 0.3 s).

    python bench/startup_bench.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def main() -> None:
    command = [sys.executable, "-m", "drafter", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    heavy = subprocess.run([sys.executable, "-c", "import sys, drafter.cli; print(','.join(m for m in "
                            "('jinja2','docx','jieba','opencc','numpy','rapidfuzz','rich') if m in sys.modules))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    print(f"drafter --help: median {statistics.median(times):.3f} s, max {max(times):.3f} s over {RUNS} runs; "
          f"heavy modules imported by the CLI module: {heavy or 'none'}")


if __name__ == "__main__":
    main()
