"""`drafter review` of 1,000 reports, through the real command, with its progress bar.

Generates units × 2 years of realistic reports (bench/corpus_gen.py: real official prose from
../shared/corpus recombined, headings and stock phrases from seeds/, each report copying part of
its own previous year and now and then another unit's paragraph, with the truth of every
planted copy). The first year goes into a corpus (with the seeds); the second year is the
folder under review, a tenth of it as .doc and .pdf made by LibreOffice (as units publish
them). Then, under a pseudo-terminal so that the progress bar is drawn,

    drafter review <folder> --db <corpus> --xlsx review.xlsx --html review.html -f json

is timed (wall, CPU of the process tree, peak memory), the workbook is opened with openpyxl
(one row a report), the dashboard is opened in headless Chromium (rows and drill-downs in
the DOM, a screenshot), and the planted copies are looked for in the rows (recall of the source
unit and year). The baseline, measured in the same run: `drafter check` of a sample of the
same files one process at a time, scaled to the folder. Run it under the shared lock:

    flock /tmp/drafter-heavy.lock python bench/review_bench.py --units 1000
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import pty
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus_gen import generate  # noqa: E402

from tests.terminal import drained  # noqa: E402

DRAFTER = [sys.executable, "-m", "drafter"]


def dated(folder: Path, year: int, names: list[str]) -> None:
    """Each report signed in the order the generator wrote them (a copy's source is written
    before it): 成文日期 from January 2 on, a dozen reports a day."""
    for index, name in enumerate(names):
        path = folder / f"{name}.txt"
        day = _dt.date(year + 1, 1, 2) + _dt.timedelta(days=index // 12)
        text = re.sub(
            r"\d{4}年3月1日\n*$", f"{day.year}年{day.month}月{day.day}日\n", path.read_text("utf-8")
        )
        path.write_text(text, encoding="utf-8")


def office_copies(folder: Path, every: int) -> dict[str, str]:
    """Every `every`-th report as .doc or .pdf (alternately) by LibreOffice, through a .docx
    with first-line indents; the .txt removed. {report name: new file name}."""
    import docx
    from docx.shared import Pt

    chosen = sorted(folder.glob("*.txt"))[::every]
    work = folder.parent / "office"
    work.mkdir(exist_ok=True)
    groups: dict[str, list[Path]] = {"doc": [], "pdf": []}
    for index, path in enumerate(chosen):
        document = docx.Document()
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document.add_paragraph(line.strip()).paragraph_format.first_line_indent = Pt(21)
        target = work / f"{path.stem}.docx"
        document.save(target)
        groups["doc" if index % 2 == 0 else "pdf"].append(target)
        path.unlink()
    made = {}
    for kind, files in groups.items():
        profile = f"-env:UserInstallation=file://{work}/lo-{kind}"
        command = ["soffice", profile, "--headless", "--convert-to", kind, "--outdir", str(folder)]
        subprocess.run(command + [str(f) for f in files], check=True, capture_output=True)
        made |= {f.stem: f"{f.stem}.{kind}" for f in files}
    shutil.rmtree(work)
    return made


def build_corpus(files: list[Path], db: Path) -> float:
    """Last year's reports (and the seeds) into the corpus; seconds taken."""
    from drafter.reuse.corpus import Corpus

    start = time.perf_counter()
    with Corpus(db) as corpus:
        for path in files:
            corpus.add(path)
    return time.perf_counter() - start


def run_on_pty(args: list[str]) -> dict:
    """A drafter command with stderr on a pseudo-terminal (the progress bar is drawn there);
    wall and CPU seconds of its process tree, peak memory, stdout and what the bar printed."""
    primary, secondary = pty.openpty()
    out = open(Path(os.environ.get("TMPDIR", "/tmp")) / "review-bench.out", "w+b")
    start = time.perf_counter()
    process = subprocess.Popen(
        DRAFTER + args, stdout=out, stderr=secondary, stdin=subprocess.DEVNULL
    )
    os.close(secondary)
    bar = drained(primary)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out.seek(0)
    stdout = out.read().decode("utf-8")
    out.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"review failed ({code}): {bar.decode('utf-8', 'replace')[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "stdout": stdout,
        "bar": bar.decode("utf-8", "replace"),
    }


def baseline(files: list[Path], db: Path, sample: int) -> float:
    """Seconds of `drafter check --db` one file at a time over a sample, the median."""
    times = []
    for path in files[:: max(1, len(files) // sample)][:sample]:
        start = time.perf_counter()
        subprocess.run(
            DRAFTER + ["check", str(path), "--db", str(db), "-f", "json", "--fail-on", "never"],
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync"]  # fmt: skip


def in_chromium(html: Path, work: Path) -> str:
    """The dashboard opened in headless Chromium: the rows of its table in the DOM, the
    seconds taken, and a screenshot's size."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return "chromium not installed"
    command = [chromium, *CHROMIUM, f"--user-data-dir={work / 'chromium'}"]
    start = time.perf_counter()
    dom = subprocess.run(
        command + ["--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=600
    ).stdout
    seconds = time.perf_counter() - start
    shot = work / "dashboard.png"
    subprocess.run(command + [f"--screenshot={shot}", "--window-size=1400,1000", html.as_uri()],
                   capture_output=True, timeout=600)  # fmt: skip
    size = shot.stat().st_size if shot.is_file() else 0
    rows, units = dom.count('<tr id="row-'), dom.count('<section class="unit"')
    return (f"{rows} rows and {units} drill-downs in the DOM ({seconds:.1f} s); "
            f"screenshot {size / 1e3:.0f} kB")  # fmt: skip


def recall(rows: list[dict], truth: dict) -> dict:
    """Planted copies whose source unit is among the row's sources, and whose source unit and
    year are (a paragraph copied from another unit's 2024 report that carried it over from
    its 2023 report is found in either: the corpus's 2023 report is named first)."""
    by_name = {Path(r["file"]).stem: r for r in rows if r["status"] == "checked"}
    found = {"self": [0, 0, 0], "cross": [0, 0, 0]}
    for name, planted in truth.items():
        row = by_name.get(name)
        if row is None:
            continue
        sources = {(s["issuer"], s["year"]) for s in row["reuse"]["sources"]}
        for copy in planted:
            unit, year = copy["source"][:-4], int(copy["source"][-4:])
            tally = found[copy["kind"]]
            tally[0] += any(u == unit for u, _ in sources)
            tally[1] += (unit, year) in sources
            tally[2] += 1
    return found


def prepare(args, folder: Path, db: Path) -> dict:
    """The reports generated, the folder dated and partly converted, the corpus built."""
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    start = time.perf_counter()
    truth = generate(args.work, args.units, [2023, 2024], args.seed)
    dated(folder, 2024, [name for name in truth if name.endswith("2024")])
    office_copies(folder, args.office_every)
    kinds = {s: len(list(folder.glob(f"*{s}"))) for s in (".txt", ".doc", ".pdf")}
    print(f"generated {args.units} units × 2 years; the folder holds {kinds} "
          f"({time.perf_counter() - start:.1f} s)", flush=True)  # fmt: skip
    seconds = build_corpus(sorted((args.work / "2023").glob("*.txt")), db)
    print(f"corpus: {args.units} reports of 2023 and the seeds in {seconds:.1f} s", flush=True)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--office-every", type=int, default=10, help="one report in N as .doc/.pdf")
    parser.add_argument("--baseline", type=int, default=12, help="files checked one at a time")
    parser.add_argument("--work", type=Path, default=Path("/tmp/drafter-review-bench"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--again", action="store_true", help="review the folder made last time")
    args = parser.parse_args()
    folder, db = args.work / "2024", args.work / "corpus.sqlite"
    if args.again:
        truth = json.loads((args.work / "truth.json").read_text(encoding="utf-8"))
    else:
        truth = prepare(args, folder, db)
    xlsx, html = args.work / "review.xlsx", args.work / "review.html"
    load = os.getloadavg()[0]  # the machine is shared: what else ran is part of the figure
    result = run_on_pty(["review", str(folder), "--db", str(db), "--xlsx", str(xlsx), "--force",
                         "--html", str(html), "-f", "json", "--fail-on", "never"])  # fmt: skip
    data = json.loads(result["stdout"])
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx, read_only=True)["单位"]
    rows_in_book = sum(1 for _ in sheet.iter_rows(min_row=2))  # a streamed sheet has no dimension
    bar = "检查比对" in result["bar"] and "读取" in result["bar"]
    print(f"review: {len(data['rows'])} reports in {result['wall']:.1f} s wall "
          f"({result['cpu']:.1f} s CPU, {os.cpu_count()} cores, load average {load:.1f} before and "
          f"{os.getloadavg()[0]:.1f} after), peak {result['peak_mb']:.0f} MB; "
          f"checked {data['checked']}, unreadable {data['unreadable']}; progress bar drawn: {bar}; "
          f"workbook rows {rows_in_book}; HTML {html.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    print(f"dashboard in headless Chromium: {in_chromium(html, args.work)}", flush=True)
    found = recall(data["rows"], {k: v for k, v in truth.items() if k.endswith("2024")})
    for kind, (unit, exact, total) in found.items():
        print(f"  planted {kind} copies: source unit named {unit}/{total} = "
              f"{unit / max(1, total):.3f}; unit and year {exact}/{total}")  # fmt: skip
    files = sorted(folder.iterdir())
    one = baseline(files, db, args.baseline)
    serial = one * len(files)
    print(f"baseline: `drafter check` one file at a time, median {one:.2f} s × {len(files)} "
          f"files = {serial:.0f} s; review is {serial / result['wall']:.1f}× faster")  # fmt: skip


if __name__ == "__main__":
    main()
