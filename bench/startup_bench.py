"""Start-up benchmark: `drafter --help` must not import the heavy libraries (target ≤ 0.3 s).

python bench/startup_bench.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15
# Run `drafter --help` in-process, then list the heavy libraries it imported (on stderr).
HEAVY_PROBE = (
    "import sys\nfrom drafter.cli import main\nsys.argv = ['drafter', '--help']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "heavy = ('jinja2', 'docx', 'jieba', 'opencc', 'numpy', 'rapidfuzz', 'rich')\n"
    "print(','.join(m for m in heavy if m in sys.modules), file=sys.stderr)"
)


def main() -> None:
    command = [sys.executable, "-m", "drafter", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    heavy = subprocess.run(
        [sys.executable, "-c", HEAVY_PROBE], capture_output=True, text=True, check=True
    ).stderr.strip()
    median, worst = statistics.median(times), max(times)
    print(
        f"drafter --help: median {median:.3f} s, max {worst:.3f} s over {RUNS} runs; "
        f"heavy modules imported: {heavy or 'none'}"
    )


if __name__ == "__main__":
    main()
