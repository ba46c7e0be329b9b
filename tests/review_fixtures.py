"""A folder as an upper-level office receives it: the four annual-report seeds, and planted
copies with the truth about them — 杨浦区's 2024 report is its 2023 report (seed 000) with
new figures; 泾源县's 2024 report is its own text (the example's, under its name) with a
section copied from 青浦区's 2024 report (seed 004)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
ANNUAL = {  # the seeds that are annual reports (002 is a plan), by unit
    "杨浦区": "000_f45f303019acc275.txt",
    "元宝山区": "001_d1cfad51e7d0ded7.txt",
    "下城区": "003_3fdb355039b4e6e4.txt",
    "青浦区": "004_a3845e6a491bb007.txt",
}
SELF_COPY = "杨浦区2024年法治政府建设情况报告.txt"
CROSS_COPY = "泾源县2024年法治政府建设情况报告.txt"


def bumped(text: str) -> str:
    """This year's figures: counts before a measure word up by 7 (years untouched)."""
    return re.sub(
        r"(?<![\d.])(\d{1,3})(?=[件项个次名人家条])", lambda m: str(int(m.group(1)) + 7), text
    )


def yangpu_2024() -> str:
    """Seed 000 (杨浦区 2023) as its 2024 report: the years moved on, the figures changed."""
    text = (SEEDS / ANNUAL["杨浦区"]).read_text(encoding="utf-8")
    text = (
        text.replace("2024年", "2025年").replace("2023", "2024").replace("2024-01-05", "2025-01-06")
    )
    return bumped(text)


def qingpu_section() -> list[str]:
    """Section 二 of seed 004 (青浦区 2024): its heading and three paragraphs."""
    lines = [x.strip() for x in (SEEDS / ANNUAL["青浦区"]).read_text(encoding="utf-8").splitlines()]
    start = lines.index(next(x for x in lines if x.startswith("二、切实提高站位")))
    body = [x for x in lines[start + 1 :] if x][:3]
    return body


def jingyuan_2024(example_text: str) -> str:
    """The example's report as 泾源县's, with 青浦区's section pasted in as one of its own."""
    lines = example_text.replace("明湖区", "泾源县").splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("（二）"))
    pasted = ["（二）探索国家战略法治保障新举措"] + qingpu_section()
    lines[at:at] = pasted
    return "\n".join(lines).replace("（二）依法全面履行", "（三）依法全面履行", 1) + "\n"


def planted_folder(folder: Path, example_text: str) -> Path:
    """The four annual seeds and the two planted copies in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ANNUAL.values():
        shutil.copy(SEEDS / name, folder / name)
    (folder / SELF_COPY).write_text(yangpu_2024(), encoding="utf-8")
    (folder / CROSS_COPY).write_text(jingyuan_2024(example_text), encoding="utf-8")
    return folder
