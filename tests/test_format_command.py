"""`drafter format` (一键排版) and the format.* checks on whole drafts.

Each seed is turned into the kind of .docx staff write (宋体 小四, Word's default
margins, spaces typed for indents); a mis-formatted draft plants one error of each
kind. Formatting either must leave no format.* finding and every word in place.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from docx import Document as new_docx
from docx.shared import Mm, Pt

from drafter.read.formats import read_document
from tests import docx_fixtures as fx
from tests.conftest import ROOT, require_tools

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PLANTS = (
    fx.body_in_songti,
    fx.title_in_heiti,
    fx.level1_in_fangsong,
    fx.single_spacing,
    fx.no_first_line_indent,
    fx.page_number_centred,
    fx.signature_shifted,
    fx.top_and_bottom_margins,
)
# (rule, paragraph the finding names: None for the whole document)
PLANTED = {
    ("format.body_font", "全年完成法治政府建设"),
    ("format.title_font", "明湖区2024年法治政府建设情况报告"),
    ("format.heading_font", "一、2024年推进法治政府建设的主要举措和成效"),
    ("format.line_spacing", "2024年，明湖区持续推进法治政府建设"),
    ("format.first_line", "全年完成法治政府建设"),
    ("format.page_number", None),
    ("format.signature", "2025年3月6日"),
    ("format.margins", None),
}


def plain_docx(text: str, path) -> None:
    """A draft as typed in Word: 宋体 小四, default margins, indents made of spaces."""
    docx = new_docx()
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for line in text.splitlines():
        if line.strip():
            run = docx.add_paragraph().add_run("　　" + line.strip())
            fx.east_asian(run, "宋体")
            run.font.size = Pt(12)
    docx.save(str(path))


def texts(path) -> list[str]:
    """The text dump: every paragraph and table row, in order."""
    return [p.text for p in read_document(path).paragraphs]


def format_findings(cli, path) -> list[dict]:
    result = cli("check", path, "-f", "json", "--no-reuse", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("format.")]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_each_seed_comes_out_clean_with_its_text(cli, tmp_path, seed):
    draft, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    plain_docx(seed.read_text(encoding="utf-8"), draft)
    result = cli("format", draft, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "已排版" in result.stderr
    assert format_findings(cli, out) == []
    assert texts(out) == texts(draft)


def test_plain_seed_draft_is_flagged_before_formatting(cli, tmp_path):
    draft = tmp_path / "draft.docx"
    plain_docx((ROOT / "seeds" / "003_3fdb355039b4e6e4.txt").read_text(encoding="utf-8"), draft)
    rules = {f["rule"] for f in format_findings(cli, draft)}
    assert {"format.margins", "format.body_font", "format.line_spacing"} <= rules


def test_each_planted_error_is_reported_once_with_its_paragraph(cli, tmp_path):
    draft = tmp_path / "draft.docx"
    fx.planted(*PLANTS)(draft)
    paragraphs = {p.line: p.text for p in read_document(draft).paragraphs}
    found = []
    for finding in format_findings(cli, draft):
        where = finding["location"].rsplit(":段落", 1)
        text = paragraphs[int(where[1])] if len(where) == 2 else None
        found.append((finding["rule"], text))
    expected = sorted(
        (rule, next(t for t in paragraphs.values() if t.startswith(start)) if start else None)
        for rule, start in PLANTED
    )
    assert sorted(found) == expected


def test_formatting_the_misformatted_draft_fixes_every_layout_error(cli, tmp_path):
    draft, out = tmp_path / "draft.docx", tmp_path / "排版.docx"
    fx.planted(*PLANTS)(draft)
    before = draft.read_bytes()
    result = cli("format", draft, "-o", out)
    assert result.returncode == 0, result.stderr
    assert draft.read_bytes() == before  # the author's file is never touched
    assert format_findings(cli, out) == []
    assert texts(out) == texts(draft)
    assert cli("format", draft, "-o", out).returncode == 2  # no overwrite without --force


def test_annotate_marks_format_findings_at_their_paragraph(cli, tmp_path):
    draft, annotated = tmp_path / "draft.docx", tmp_path / "批注稿.docx"
    fx.planted(*PLANTS)(draft)
    result = cli("check", draft, "--no-reuse", "--fail-on", "never", "--annotate", annotated)
    assert result.returncode == 0, result.stderr
    docx = new_docx(str(annotated))
    marked = {}
    for paragraph in docx.paragraphs:
        for comment_id in paragraph._p.xpath(".//w:commentRangeStart/@w:id"):
            marked[comment_id] = paragraph.text
    comments = {str(c.comment_id): c.text for c in docx.comments}
    title = next(i for i, text in comments.items() if "format.title_font" in text)
    body = next(i for i, text in comments.items() if "format.body_font" in text)
    assert marked[title] == "明湖区2024年法治政府建设情况报告"
    assert marked[body].startswith("全年完成法治政府建设")


def test_a_date_cannot_be_fixed_by_layout_and_is_said_so(cli, tmp_path):
    draft, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    fx.planted(fx.date_with_leading_zeros)(draft)
    result = cli("format", draft, "-o", out)
    assert result.returncode == 0 and "排版后仍需人工处理" in result.stdout
    assert "format.date" in result.stdout and texts(out) == texts(draft)


def test_format_refuses_other_inputs_and_its_own_input_as_output(cli, tmp_path):
    text = tmp_path / "draft.txt"
    text.write_text("报告\n", encoding="utf-8")
    assert "一键排版需要 Word/WPS 文件" in cli("format", text).stderr
    draft = tmp_path / "draft.docx"
    fx.good_docx(draft)
    result = cli("format", draft, "-o", draft, "--force")
    assert result.returncode == 2 and "输出文件就是输入文件" in result.stderr


def test_default_output_name_sits_beside_the_draft(cli, tmp_path):
    draft = tmp_path / "草稿.docx"
    fx.planted(fx.body_in_songti)(draft)
    assert cli("format", draft).returncode == 0
    assert (tmp_path / "草稿_排版.docx").is_file()


def test_tables_are_kept(cli, tmp_path):
    draft, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    docx = new_docx()
    docx.add_paragraph("明湖区2024年法治政府建设情况报告")
    docx.add_paragraph("一、主要举措和成效")
    table = docx.add_table(rows=2, cols=2)
    for (row, col), value in {
        (0, 0): "指标",
        (0, 1): "数量",
        (1, 0): "行政复议",
        (1, 1): "40件",
    }.items():
        table.cell(row, col).text = value
    docx.add_paragraph("全年办理行政复议案件40件。")
    docx.save(str(draft))
    assert cli("format", draft, "-o", out).returncode == 0
    assert texts(out) == texts(draft) and "行政复议 | 40件" in texts(out)


@pytest.mark.slow
def test_a_doc_file_is_read_through_libreoffice(cli, tmp_path):
    require_tools("soffice")
    draft = tmp_path / "draft.docx"
    fx.planted(fx.body_in_songti, fx.top_and_bottom_margins)(draft)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless"]
        + ["--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(draft)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    doc, out = tmp_path / "doc" / "draft.doc", tmp_path / "out.docx"
    rules = {f["rule"] for f in format_findings(cli, doc)}  # check reads a .doc's format too
    assert {"format.body_font", "format.margins"} <= rules
    result = cli("format", doc, "-o", out)
    assert result.returncode == 0, result.stderr
    assert format_findings(cli, out) == []
    assert texts(out) == texts(draft)
