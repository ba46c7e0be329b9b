"""Reading and checking as reports grow, and refusing what is past the limits.

    python bench/limits_bench.py        # about 30 s; run it alone on a shared machine

Each input goes through the real command (`python -m drafter check …`, the reuse check
against a fresh corpus seeded from seeds/, and with --no-reuse); wall time and peak
resident memory come from wait4. Growth is reported as seconds per 1,000 paragraphs and
as a ratio to the smallest input measured in the same run: near-linear reading and
checking keeps the ratio near 1. The inputs past the limits (rules/limits.yaml) show how
soon they are refused. Inputs are built from the seed reports: real prose and headings.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.inprocess import MEASURED  # noqa: E402  (one runner measuring peak memory)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SIZES = (500, 1000, 2000, 4000)  # 4,000 lines of up to 60 characters: inside both limits


def seed_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    return [line for line in lines if line]


def report_lines(count: int) -> list[str]:
    """A title and count-1 lines of real prose and headings, each made distinct."""
    pool = seed_lines()
    body = [f"{pool[i % len(pool)][:52]}（{i}）" for i in range(count - 1)]
    return ["明湖区2024年法治政府建设情况报告", *body]


def write_docx(path: Path, lines: list[str]) -> None:
    escaped = (line.replace("&", "&amp;").replace("<", "&lt;") for line in lines)
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in escaped)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        )


def run(args: list, env: dict, tmp: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak MB of one `python -m drafter`."""
    peak = tmp / "peak"
    started = time.monotonic()
    code = subprocess.call(
        [sys.executable, "-c", MEASURED, peak, *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    return code, time.monotonic() - started, float(peak.read_text())


def growth(tmp: Path, env: dict) -> None:
    print("reading and checking as the report grows (python -m drafter check FILE …)")
    print("marginal s/1k para: (time - time of a 20-paragraph report) per 1,000 paragraphs;")
    print("ratio: that cost against the smallest size, measured in the same run (1.00 = linear)")
    print(
        f"{'input':<18}{'paragraphs':>11}{'exit':>5}{'s':>7}{'s/1k para':>11}{'ratio':>7}{'MB':>6}"
    )
    for kind in ("txt --no-reuse", "txt", "docx --no-reuse", "docx"):
        suffix, *flags = kind.split()
        base = _check(tmp, suffix, 20, flags, env)[1]
        first = None
        for count in SIZES:
            code, seconds, peak = _check(tmp, suffix, count, flags, env)
            marginal = (seconds - base) / count * 1000
            first = first or marginal
            print(
                f"{kind:<18}{count:>11,}{code:>5}{seconds:>7.2f}{marginal:>11.2f}"
                f"{marginal / first:>7.2f}{peak:>6.0f}"
            )


def _check(tmp: Path, suffix: str, count: int, flags: list, env: dict):
    path = tmp / f"r{count}.{suffix}"
    lines = report_lines(count)
    if suffix == "txt":
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        write_docx(path, lines)
    return run(["check", path, "--format", "json", *flags], env, tmp)


def refusals(tmp: Path, env: dict) -> None:
    print("\ninputs past the limits (exit 2 expected)")
    big = tmp / "50mb.txt"
    line = "　　全年办理行政复议案件186件，依法受理171件，审结164件。\n".encode()
    big.write_bytes(line * (50_000_000 // len(line)))
    long_docx = tmp / "100k.docx"
    write_docx(long_docx, [f"第{i}段。" for i in range(100_000)])
    bomb = tmp / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body/></w:document>')
        archive.writestr("word/media/x.bin", b"\0" * 300_000_000)
    bomb.write_bytes(buffer.getvalue())
    laughs = tmp / "laughs.yaml"
    lol = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lol += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    laughs.write_text("\n".join(lol) + "\n", encoding="utf-8")
    cases = [
        ("50 MB .txt", big, "check"),
        ("100,000-paragraph .docx", long_docx, "check"),
        ("300 MB zip bomb .docx", bomb, "check"),
        ("billion laughs .yaml", laughs, "build"),
    ]
    print(f"{'input':<26}{'file MB':>8}{'exit':>6}{'s':>7}{'MB':>6}")
    for name, path, command in cases:
        args = (
            [command, path, "--format", "json"]
            if command == "check"
            else [command, path, "--format", "txt"]
        )
        code, seconds, peak = run(args, env, tmp)
        print(f"{name:<26}{path.stat().st_size / 2**20:>8.1f}{code:>6}{seconds:>7.2f}{peak:>6.0f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "DRAFTER_DB": str(tmp / "corpus.sqlite")}
        run(["check", ROOT / "seeds" / "004_a3845e6a491bb007.txt"], env, tmp)  # seeds the corpus
        growth(tmp, env)
        refusals(tmp, env)


if __name__ == "__main__":
    main()
