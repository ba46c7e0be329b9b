"""`drafter review`: a folder of units' reports — the seed verdicts, the planted copies with the
right source unit and year, missing units, the workbook and the dashboard in a real browser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import EXAMPLE, ROOT, run_cli
from tests.review_fixtures import ANNUAL, CROSS_COPY, SELF_COPY, planted_folder
from tests.terminal import drained
from tests.test_reuse import CHROMIUM_FLAGS, _chromium


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The planted folder reviewed once (two processes) against a fresh seeded corpus."""
    work = tmp_path_factory.mktemp("review")
    example = work / "example.txt"
    assert run_cli("build", EXAMPLE, "-f", "txt", "-o", example).returncode == 0
    folder = planted_folder(work / "reports", example.read_text(encoding="utf-8"))
    db = work / "corpus.sqlite"
    expect = work / "units.txt"
    expect.write_text(
        "# 应报送单位\n上海市杨浦区\n宁夏泾源县\n青浦区\n元宝山区\n下城区\n浦东新区\n", "utf-8"
    )
    outputs = {"xlsx": work / "review.xlsx", "html": work / "review.html"}
    args = ["review", folder, "-f", "json", "--db", db, "--expect", expect, "--jobs", "2"]
    args += ["--xlsx", outputs["xlsx"], "--html", outputs["html"], "--reports", work / "slips"]
    result = run_cli(*args)
    assert result.returncode == 1, result.stderr  # findings, and a unit that sent nothing
    data = json.loads(result.stdout)
    by_file = {r["file"].rsplit("/", 1)[-1]: r for r in data["rows"] if r["file"]}
    return {"data": data, "rows": by_file, "db": db, "folder": folder, "work": work, **outputs}


@pytest.mark.parametrize("unit", sorted(ANNUAL))
def test_each_seed_row_is_the_seeds_own_verdict(planted, unit):
    name = ANNUAL[unit]
    row = planted["rows"][name]
    alone = run_cli("check", planted["folder"] / name, "-f", "json", "--db", planted["db"])
    check = json.loads(alone.stdout)
    assert (row["unit"], row["year"]) == (check["region"], check["year"]) and row["unit"] == unit
    summary = check["summary"]
    for key in ("errors", "warnings", "infos", "parts_missing"):
        assert row[key] == summary[key], (unit, key)
    assert row["reuse"]["share"] == summary["reuse"]["share"]  # no planted copy counts against it
    assert sorted(f["rule"] for f in row["findings"]) == sorted(
        f["rule"] for f in check["findings"]
    )


def test_planted_self_copy_names_the_units_last_year(planted):
    row = planted["rows"][SELF_COPY]
    reuse = row["reuse"]
    assert (row["unit"], row["year"]) == ("杨浦区", 2024)
    assert reuse["self_share"] > 0.9 and reuse["cross_share"] == 0
    assert (reuse["largest"]["issuer"], reuse["largest"]["year"]) == ("杨浦区", 2023)
    changed = [c for copy in row["copies"] for c in copy["changed"]]
    assert len(changed) > 20
    assert all(int(new) - int(old) == (1 if len(old) == 4 else 7) for old, new in changed)


def test_planted_cross_copy_names_the_unit_copied(planted):
    row = planted["rows"][CROSS_COPY]
    reuse = row["reuse"]
    assert (row["unit"], row["year"], row["level"]) == ("泾源县", 2024, "区县政府")
    assert reuse["self_share"] == 0 and 0.1 < reuse["cross_share"] < 0.5
    assert (reuse["largest"]["issuer"], reuse["largest"]["year"]) == ("青浦区", 2024)
    # the planted section: three paragraphs; beside them only short runs (13+ characters of
    # common phrasing shared with the seeds, counted as CNKI counts them)
    copies = [c for c in row["copies"] if c["kind"] == "cross" and c["reused_chars"] >= 50]
    assert len(copies) == 3 and {c["source_unit"] for c in copies} == {"青浦区"}
    pairs = [
        (p["unit"], p["kind"], p["source_unit"], p["source_year"]) for p in planted["data"]["pairs"]
    ]
    assert ("泾源县", "cross", "青浦区", 2024) in pairs and (
        "杨浦区",
        "self",
        "杨浦区",
        2023,
    ) in pairs
    assert not any(
        p[0] == "青浦区" and p[2] == "泾源县" for p in pairs
    )  # the earlier one copied nobody


def test_expected_units_that_sent_nothing_are_rows(planted):
    data = planted["data"]
    missing = [r for r in data["rows"] if r["status"] == "missing"]
    assert [(r["unit"], r["level"]) for r in missing] == [("浦东新区", "区县政府")]
    assert (data["checked"], data["missing"], data["unreadable"]) == (6, 1, 0)


def test_the_workbook_has_a_row_a_report_filters_and_colours(planted):
    import openpyxl

    book = openpyxl.load_workbook(planted["xlsx"])
    assert book.sheetnames == ["单位", "问题", "雷同"]
    units = book["单位"]
    rows = list(units.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(planted["data"]["rows"]) == 7
    assert units.auto_filter.ref == "A1:S8" and units.freeze_panes == "A2"
    header = [c.value for c in units[1]]
    share = header.index("复制比")
    yangpu = next(r for r in rows if r[0] == "杨浦区" and r[2] == 2024)
    assert yangpu[share] > 0.9 and next(r for r in rows if r[0] == "浦东新区")[3] == "未报送"
    assert units["A1"].font.bold and units.cell(2, share + 1).number_format == "0.0%"
    ranges = [str(r.sqref) for r in units.conditional_formatting]
    assert "K2:K8" in ranges and "A2:S8" in ranges
    findings = list(book["问题"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == sum(len(r.get("findings", [])) for r in planted["data"]["rows"])
    pairs = list(book["雷同"].iter_rows(min_row=2, values_only=True))
    assert ("泾源县", 2024, "其他单位", "青浦区", 2024) in [p[:5] for p in pairs]


def _dom(tmp_path, html, *extra):
    chromium = _chromium()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, *extra, "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


@pytest.mark.slow
def test_the_dashboard_in_a_real_browser(planted, tmp_path):
    page = planted["html"]
    dom = _dom(tmp_path, page)
    assert dom.count('<tr id="row-') == 7 and '<b id="missing">1</b>' in dom
    assert 'href="#unit-' in dom and dom.count('<section class="unit"') == 6
    assert dom.count('<mark class="cross">') >= 3 and dom.count('<mark class="self">') >= 20
    assert "来源：2024年 青浦区《" in dom and "来源：2023年 杨浦区《" in dom
    source = page.read_text(encoding="utf-8")  # the table is in the page, not made by the script
    assert source.split('<table id="units"', 1)[1].split("</table>", 1)[0].count("<tr id=") == 7
    # the real script, a real click: sorted by 复制比, the largest first
    clicked = tmp_path / "clicked.html"
    script = "<script>document.querySelectorAll('#units th')[7].click()</script></body>"
    clicked.write_text(page.read_text(encoding="utf-8").replace("</body>", script), "utf-8")
    dom = _dom(tmp_path, clicked)
    body = dom.split('<table id="units"', 1)[1].split("</table>", 1)[0]
    first = body.split('<tr id="row-', 2)[1]
    assert "杨浦区" in first and "2024" in first and 'aria-sort="descending"' in dom
    shot = tmp_path / "dashboard.png"
    subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, "--user-data-dir=" + str(tmp_path / "profile"),
         f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri()],
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert shot.is_file() and shot.stat().st_size > 20_000


def test_a_zip_and_an_unreadable_file_in_the_folder(tmp_path, cli):
    folder = tmp_path / "reports"
    folder.mkdir()
    with zipfile.ZipFile(folder / "报送.zip", "w") as bundle:
        bundle.write(ROOT / "seeds" / ANNUAL["青浦区"], "青浦区.txt")
        bundle.write(ROOT / "seeds" / ANNUAL["下城区"], "下城区.txt")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a docx")
    result = cli("review", folder, "-f", "json", "--db", tmp_path / "c.sqlite", "--jobs", "1")
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [r["file"] for r in rows] == [
        f"{folder}/报送.zip/青浦区.txt",
        f"{folder}/报送.zip/下城区.txt",
        f"{folder}/损坏.docx",
    ]
    assert [r["status"] for r in rows] == ["checked", "checked", "unreadable"]
    assert "不是有效的 .docx" in rows[2]["error"] and [r["unit"] for r in rows[:2]] == [
        "青浦区",
        "下城区",
    ]
    text = cli("review", folder, "--db", tmp_path / "c.sqlite", "--year", "2024").stdout
    assert (
        "无法读取" in text and "2024年度，检查 1 份，无法读取 1 份" in text
    )  # 下城区 2020 only a source


def test_review_rejects_bad_options(tmp_path, cli):
    result = cli("review", ROOT / "seeds", "--year", "24")
    assert result.returncode == 2 and "--year" in result.stderr
    empty = tmp_path / "units.txt"
    empty.write_text("# nobody\n", encoding="utf-8")
    result = cli("review", ROOT / "seeds", "--expect", empty)
    assert result.returncode == 2 and "名单" in result.stderr


def test_review_in_process_equals_the_pool(tmp_path):
    """One process and two give the same rows (the pool changes nothing but the time)."""
    from drafter.api import review

    folder = tmp_path / "r"
    folder.mkdir()
    for name in list(ANNUAL.values())[:3]:
        (folder / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    db = tmp_path / "c.sqlite"
    one, two = review([folder], db=db, jobs=1), review([folder], db=db, jobs=2)
    assert one.json()["rows"] == two.json()["rows"]
    assert os.environ.get("DRAFTER_DB")  # the session's corpus, never the user's
    assert sys.modules.get("drafter.review.run") is not None


def _slip_tables(path):
    import docx

    document = docx.Document(str(path))
    return document, [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_the_slip_of_a_planted_copy_lists_its_source_first_with_the_checks_figures(
    planted, tmp_path
):
    slip = tmp_path / "查重报告单.docx"
    copy = planted["folder"] / SELF_COPY
    result = run_cli("check", copy, "-f", "json", "--db", planted["db"], "--report", slip)
    assert result.returncode in (0, 1), result.stderr
    reuse = json.loads(result.stdout)["summary"]["reuse"]
    document, tables = _slip_tables(slip)
    header, shares = dict(tables[0][1:]), tables[1]
    assert header["单位"] == "杨浦区" and header["年度"] == "2024年"
    assert header["比对库"] == f"{reuse['corpus_reports']} 份报告"
    expected = [f"{reuse[k]:.1%}" for k in ("total_share", "share", "largest_share")]
    assert shares == [["总文字复制比", "去除套话复制比", "单篇最大复制比"], expected]
    sources = next(t for t in tables if t[0][0] == "序号")
    assert sources[1][:3] == ["1", "杨浦区", "2023"] and sources[1][4] == str(
        reuse["sources"][0]["chars"]
    )
    runs = [r for p in document.paragraphs for r in p.runs]
    shaded = [r for r in runs if r._r.find(".//{*}shd") is not None]
    assert sum(len(r.text) for r in shaded) > 0.9 * reuse["reused_chars"]
    changed = [r for r in runs if r.underline and r.bold][1:]  # the legend's sample first
    assert len(changed) > 20 and all(r.text.strip("%").replace(".", "").isdigit() for r in changed)


@pytest.mark.slow
def test_the_slip_renders_in_libreoffice(planted, tmp_path):
    from tests.conftest import require_tools

    require_tools("soffice", "pdftotext")
    slip = tmp_path / "泾源县查重报告单.pdf"
    copy = planted["folder"] / CROSS_COPY
    result = run_cli("check", copy, "-f", "json", "--db", planted["db"], "--report", slip)
    assert result.returncode in (0, 1), result.stderr
    reuse = json.loads(result.stdout)["summary"]["reuse"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(slip), "-"], capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "法治政府建设年度报告查重报告单" in flat and "泾源县" in flat
    assert " ".join(f"{reuse[k]:.1%}" for k in ("total_share", "share", "largest_share")) in flat
    assert "1 青浦区 2024" in flat  # the right source, first
    pdfs = sorted((planted["work"] / "slips").glob("*.pdf"))
    docxs = sorted((planted["work"] / "slips").glob("*.docx"))
    assert len(docxs) == 6 and len(pdfs) == 6  # review: one a report, PDFs in one LibreOffice run


def test_a_progress_bar_on_a_console_only(tmp_path):
    """stderr a terminal: the bar is drawn (rich); a pipe: nothing but the messages."""
    import pty

    folder = tmp_path / "r"
    folder.mkdir()
    for name in list(ANNUAL.values())[:2]:
        (folder / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    args = [
        sys.executable,
        "-m",
        "drafter",
        "review",
        str(folder),
        "--db",
        str(tmp_path / "c.sqlite"),
    ]
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=secondary, stdin=subprocess.DEVNULL
    )
    os.close(secondary)
    drawn = drained(primary)
    out, _ = process.communicate(timeout=120)
    assert "检查比对" in drawn.decode("utf-8", "replace") and "读取" in drawn.decode(
        "utf-8", "replace"
    )
    assert "元宝山区" in out.decode("utf-8")
    piped = run_cli("review", folder, "--db", tmp_path / "c.sqlite")
    assert "检查比对" not in piped.stderr and "元宝山区" in piped.stdout


def test_a_workers_corpora_are_read_only(tmp_path):
    """Each worker opens the user's corpus and the folder's by its own connection, and SQLite
    refuses any write on them."""
    import sqlite3

    from drafter.api import open_corpus
    from drafter.review.compare import close_all, corpora

    user, folder = tmp_path / "user.sqlite", tmp_path / "folder.sqlite"
    for path in (user, folder):
        with open_corpus(path):
            pass
    try:
        for corpus in corpora(user, folder):
            assert corpus.count() >= 0
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                corpus.db.execute("DELETE FROM reports")
    finally:
        close_all()


def test_a_review_with_no_copy_pairs_still_gets_its_workbook(tmp_path):
    """No copy pair (here: only an expected unit that sent nothing) once ended in openpyxl's
    TypeError on the empty range "H2:H1"; the 雷同 sheet now has its header only."""
    import datetime

    import openpyxl

    from drafter import ReviewResult

    result = ReviewResult([], 2024, datetime.date(2025, 3, 1))
    result.add_missing(["某某区"])
    result.write_xlsx(tmp_path / "review.xlsx")
    book = openpyxl.load_workbook(tmp_path / "review.xlsx")
    assert book["雷同"].max_row == 1 and book["单位"]["D2"].value == "未报送"


def test_review_workers_collect_garbage_less_often():
    """Each worker of the pool is set up by run._worker: the collector's thresholds raised
    (its rows and texts would otherwise be walked again and again)."""
    import gc

    from drafter.review import run

    before = gc.get_threshold()
    try:
        run._worker()
        assert gc.get_threshold() == run._COLLECT and run._COLLECT[0] > before[0]
    finally:
        gc.set_threshold(*before)


def test_the_review_json_puts_a_report_on_a_line():
    """`review -f json` writes each report and each pair on a line of its own (json's C
    encoder item by item); parsed, it is the document itself."""
    from drafter.cli.review_commands import review_json_text

    rows = [{"unit": "杨浦区", "findings": [{"rule": "reuse.self"}]}, {"unit": "青浦区"}]
    data = {"version": 1, "checked": 2, "rows": rows, "pairs": []}
    text = review_json_text(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and '  "pairs": []' in lines
    assert '    {"unit": "杨浦区", "findings": [{"rule": "reuse.self"}]},' in lines


def test_workbook_text_stays_text(tmp_path):
    """A finding's words are written as they are: text starting with = or a web address is
    neither a formula nor a link in the workbook (must-pass), and the shares are coloured
    by the thresholds of rules/review.yaml (must-flag: 60% is past the alarm)."""
    import datetime
    import types

    import openpyxl

    from drafter.review.rows import unreadable_row
    from drafter.review.settings import review_settings
    from drafter.review.workbook import write_workbook

    row = unreadable_row("某区.docx", "无法读取")
    said = ["=SUM(A1:A9)", "https://example.gov.cn/a", "+86 10"]
    row["findings"] = [
        {"severity": "info", "rule": "r", "location": "", "message": m, "evidence": m} for m in said
    ]
    pair = {"unit": "某区", "year": 2024, "kind": "self", "source_unit": "某区", "source_year": 2023,
            "source_title": "t", "chars": 10, "share": 0.6, "file": "a", "source_file": "b"}  # fmt: skip
    result = types.SimpleNamespace(rows=[row], pairs=lambda: [pair], date=datetime.date.today())
    write_workbook(result, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [r[5] for r in book["问题"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == said and {c.data_type for c in cells} == {"s"}
    assert not any(c.hyperlink for c in cells)
    ranges = list(book["雷同"].conditional_formatting)
    assert [str(r.sqref) for r in ranges] == ["H2"]  # one row: one cell
    limits = [rule.formula[0] for rule in ranges[0].rules]
    settings = review_settings()
    assert [float(x) for x in limits] == [settings["share_alarm"], settings["share_warn"]]
    assert book["雷同"]["H2"].number_format == "0.0%"
