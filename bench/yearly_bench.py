"""Year-over-year benchmark: what last year's report and the unit's plan add to `drafter check`.

python bench/yearly_bench.py

Whole-process medians, each beside its baseline measured in the same run:
  - year data carried over by `init --from` (its 上年数据 names last year's file, which the
    corpus lacks: last year's report is built and matched in a temporary corpus) against
    the same data without that line;
  - a report checked against the 宝山 plan (PLAN.yaml, and the plan document read each
    time) against the same check without a plan.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "明湖区2024.yaml"
PLAN = ROOT / "seeds" / "002_80de4b8a374a576b.txt"


def _median(args: list, env: dict) -> float:
    command = [sys.executable, "-m", "drafter", *map(str, args)]
    subprocess.run(command, capture_output=True, env=env)  # warm the file cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _carried_over(folder: Path, env: dict) -> tuple[Path, Path]:
    """This year's data from last year's by init --from, one item pasted from last year."""
    last = folder / "明湖区2024.yaml"
    last.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    this = folder / "明湖区2025.yaml"
    subprocess.run(
        [sys.executable, "-m", "drafter", "init", "--from", last, "-o", this],
        env=env,
        check=True,
        capture_output=True,
    )
    text = this.read_text(encoding="utf-8")
    pasted = (
        "区委理论学习中心组安排习近平法治思想专题学习2次，"
        "重点学习新修订的《中华人民共和国行政复议法》。"
    )
    text = text.replace('      内容: ""', f"      内容: {pasted}", 1)
    this.write_text(text, encoding="utf-8")
    plain = folder / "无上年数据.yaml"
    plain.write_text(re.sub(r"\n  上年数据: .*", "", text), encoding="utf-8")
    return this, plain


def _plan_report(folder: Path) -> Path:
    """A 2025 report of 宝山区 in the plan's own words for every other task."""
    paragraphs = re.findall(
        r"^[(（][一二三四五六七八九十]+[)）][^。]+。(.+)$", PLAN.read_text(encoding="utf-8"), re.M
    )
    body = "\n".join(paragraphs[3::2])
    assert len(paragraphs) == 58, len(paragraphs)
    report = folder / "宝山区2025.txt"
    report.write_text(
        f"宝山区2025年法治政府建设情况报告\n一、2025年推进法治政府建设的主要举措和成效\n{body}\n",
        encoding="utf-8",
    )
    return report


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "DRAFTER_DB": str(folder / "corpus.sqlite")}
        this, plain = _carried_over(folder, env)
        lineage, baseline = _median(["check", this], env), _median(["check", plain], env)
        print(
            f"check of carried-over data: {lineage:.3f} s; without 上年数据: {baseline:.3f} s "
            f"(last year's report in the comparison costs {lineage / baseline:.2f}×)"
        )
        form = folder / "PLAN.yaml"
        plan = [sys.executable, "-m", "drafter", "plan", PLAN, "-o", form]
        subprocess.run(plan, env=env, check=True, capture_output=True)
        report = _plan_report(folder)
        base = _median(["check", report, "--no-reuse"], env)
        with_form = _median(["check", report, "--no-reuse", "--plan", form], env)
        with_doc = _median(["check", report, "--no-reuse", "--plan", PLAN], env)
        print(
            f"check --no-reuse: {base:.3f} s; --plan PLAN.yaml: {with_form:.3f} s "
            f"({with_form / base:.2f}×); --plan 规划原文: {with_doc:.3f} s ({with_doc / base:.2f}×)"
        )


if __name__ == "__main__":
    main()
