"""The printable 查重报告单 of one report, as a Word file (python-docx) in the GB/T 9704 page
and fonts of templates/default/layout.yaml; as PDF through LibreOffice with the same font
substitution `build` uses. Header (report, unit, year, date checked, corpus size), the three
figures, the part and section tables, the numbered sources, then the report's text with the
copied spans shaded by kind and each changed figure marked with the one it replaced."""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..core.files import atomic_write
from ..core.numerals import date_cn
from ..core.report import Report
from ..drafting.docx_xml import set_fonts, shade_run, write_font_table
from ..drafting.layout import Layout, load_layout
from ..reuse.analysis import ReuseReport
from .slip_text import KIND_NAMES, figures, part_rows, passage_runs

TITLE = "法治政府建设年度报告查重报告单"
_SHADES = {"self": "FFE08A", "cross": "F4A6A6", "stock": "D9D9D9"}
_TABLE_PT, _TEXT_PT = 10.5, 12  # 五号 in tables, 小四 in the text: a slip is read, not filed


def write_slip(report: Report, reuse: ReuseReport, path: Path, shown: str = "", force=True) -> None:
    """The 查重报告单 as .docx at path (written whole, or not at all)."""
    document = slip_document(report, reuse, shown or report.file, load_layout())
    atomic_write(Path(path), lambda tmp: document.save(str(tmp)), force)


def write_slip_file(report: Report, reuse: ReuseReport, path: Path, force: bool = False) -> Path:
    """The 查重报告单 at path: .docx, or .pdf (through LibreOffice) by the suffix."""
    if path.suffix.lower() not in (".docx", ".pdf"):
        from ..core.errors import UserError

        raise UserError(f"查重报告单只能存为 .docx 或 .pdf，收到“{path.name}”")
    if path.suffix.lower() == ".docx":
        write_slip(report, reuse, path, force=force)
        return path
    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        docx = Path(tmp) / "slip.docx"
        write_slip(report, reuse, docx)
        pdf = slips_to_pdf([docx], Path(tmp))[0]
        atomic_write(path, lambda out: shutil.copyfile(pdf, out), force)
    return path


def slips_to_pdf(slips: list[Path], folder: Path) -> list[Path]:
    """PDF copies of many slips by one LibreOffice run, beside them in folder."""
    import subprocess

    from ..drafting.fonts import substitution_env
    from ..read.office import TIMEOUT_S, soffice

    if not slips:
        return []
    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        env = substitution_env(load_layout(), Path(tmp))
        profile = (Path(tmp) / "lo-profile").resolve().as_uri()
        command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        command += ["--convert-to", "pdf", "--outdir", str(folder)] + [str(s) for s in slips]
        subprocess.run(
            command,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **env},
            timeout=TIMEOUT_S + 10 * len(slips),
        )
    return [p for p in (folder / f"{s.stem}.pdf" for s in slips) if p.is_file()]


def slip_name(number: int, report: Report) -> str:
    """The slip's file name in a review's folder: number, unit, year."""
    unit = re.sub(r"[\\/:*?\"<>|\s]", "", report.region or "单位未识别")
    return f"{number + 1:04d}_{unit}{report.year or ''}_查重报告单.docx"


def slip_document(report: Report, reuse: ReuseReport, shown: str, layout: Layout):
    """The slip as a python-docx Document."""
    from docx import Document

    document = Document()
    _page(document, layout)
    _styles(document, layout)
    _title(document)
    _header(document, report, reuse, shown)
    _figures(document, reuse)
    for caption, key in (("按部分", "part"), ("按章节", "section")):
        rows = [(t, str(n), f"{s:.1%}") for t, n, s in part_rows(report, reuse, key)]
        _heading(document, f"{caption}的复制比")
        _table(document, ("范围", "字数", "复制比"), rows, (10.6, 2.5, 2.5))
    _sources(document, reuse)
    _text(document, report, reuse)
    fonts = {f.name: f.fallback for f in layout.fonts.values()}
    write_font_table(document, fonts, {layout.fonts["latin"].name})
    return document


def _page(document, layout: Layout) -> None:
    from docx.shared import Mm

    page, section = layout.page, document.sections[0]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin = Mm(page["margin_top_mm"])
    section.bottom_margin = Mm(page["margin_bottom_mm"])
    section.left_margin = Mm(page["margin_left_mm"])
    section.right_margin = Mm(page["margin_right_mm"])


def _styles(document, layout: Layout) -> None:
    from docx.shared import Pt

    latin = layout.fonts["latin"].name
    for name, role, size in (("Normal", "body", _TEXT_PT), ("Title", "title", 20)):
        style = document.styles[name]
        style.font.size = Pt(size)
        set_fonts(style.element.get_or_add_rPr(), layout.fonts[role].name, latin)
    heading = document.styles["Heading 1"]
    heading.font.size, heading.font.bold = Pt(14), False
    heading.font.color.rgb = None
    set_fonts(heading.element.get_or_add_rPr(), layout.fonts["level1"].name, latin)


def _title(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = document.add_paragraph(TITLE, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(document, text: str) -> None:
    document.add_paragraph(text, style="Heading 1")


def _header(document, report: Report, reuse: ReuseReport, shown: str) -> None:
    rows = [
        ("报告", report.title or "（无标题）"),
        ("文件", shown),
        ("单位", report.region or "未识别"),
        ("年度", f"{report.year}年" if report.year else "未识别"),
        ("检测日期", date_cn(_dt.date.today())),
        ("比对库", f"{reuse.corpus_reports} 份报告"),
        ("检测字数", f"{reuse.total_chars} 字（标题与小标题不计）"),
    ]
    _table(document, ("项目", "内容"), rows, (2.6, 13))


def _figures(document, reuse: ReuseReport) -> None:
    found = figures(reuse)
    _heading(document, "复制比")
    head = ("总文字复制比", "去除套话复制比", "单篇最大复制比")
    values = [f"{found[k]:.1%}" for k in ("total_share", "share", "largest_share")]
    _table(document, head, [tuple(values)])
    total, copied = reuse.total_chars, reuse.reused_chars
    note = (
        f"总文字复制比：雷同与套话共 {copied + reuse.stock_chars} 字 ÷ {total} 字；"
        f"去除套话复制比：雷同 {copied} 字（本单位往年与其他单位）÷ {total} 字；"
        "单篇最大复制比：取自同一份来源最多的字数 ÷ 全文字数。"
    )
    _small(document.add_paragraph(note))


def _sources(document, reuse: ReuseReport) -> None:
    _heading(document, "来源")
    rows = [
        (
            str(i),
            s["issuer"],
            str(s["year"] or "—"),
            s["title"],
            str(s["chars"]),
            f"{s['share']:.1%}",
        )
        for i, s in enumerate(reuse.sources, 1)
    ]
    if not rows:
        _small(document.add_paragraph("未发现与比对库中其他报告雷同的段落。"))
        return
    head = ("序号", "单位", "年度", "标题", "雷同字数", "占全文")
    _table(document, head, rows, (1.2, 2.6, 1.4, 6.6, 1.9, 1.9))


def _text(document, report: Report, reuse: ReuseReport) -> None:
    _heading(document, "全文对照")
    legend = document.add_paragraph()
    for kind in ("self", "cross", "stock"):
        _run(legend, KIND_NAMES[kind], kind)
        legend.add_run("　")
    _run(legend, "改动的数字", "changed", "〔原数〕")
    for heading, runs in passage_runs(report, reuse):
        paragraph = document.add_paragraph()
        for run in runs:
            _run(paragraph, run.text, run.kind, run.note, bold=heading)


def _run(paragraph, text: str, kind: str = "", note: str = "", bold: bool = False) -> None:
    from docx.enum.text import WD_UNDERLINE

    run = paragraph.add_run(text)
    run.bold = bold or None
    if kind in _SHADES:
        shade_run(run, _SHADES[kind])
    elif kind == "changed":
        run.bold, run.underline = True, WD_UNDERLINE.DOUBLE
    if note:
        marker = paragraph.add_run(note)
        marker.font.superscript = note.startswith("[")


def _small(paragraph) -> None:
    from docx.shared import Pt

    for run in paragraph.runs:
        run.font.size = Pt(_TABLE_PT)


def _table(document, head: tuple, rows: list[tuple], widths: tuple = ()) -> None:
    """A grid table in 五号; widths in cm (the type area is 15.6 cm wide)."""
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = not widths
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = str(text)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if widths:
                cell.width = Cm(widths[index])
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(_TABLE_PT)
