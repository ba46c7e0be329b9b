"""Reading reports: encodings detected, .docx tracked changes and tables, bad files refused clearly."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document as new_docx
from docx.oxml import parse_xml

from drafter.core.errors import UserError
from drafter.core.normalize import normalize
from drafter.read.formats import read_document
from tests.conftest import ROOT

SAMPLE = "2024年明湖区法治政府建设情况报告\n一、主要举措和成效\n（一）行政复议\n收到行政复议申请37件，依法受理36件。\n"
TRADITIONAL = "2020年度下城區法治政府建設情況報告\n一、主要舉措和成效\n（一）行政複議\n收到行政複議申請37件，依法受理36件。\n"


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", SAMPLE),
        ("utf-8-sig", SAMPLE),
        ("gb18030", SAMPLE),
        ("gbk", SAMPLE),
        ("big5", TRADITIONAL),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, text):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == text.strip().split("\n")
    assert doc.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


def test_traditional_is_normalised_but_kept_for_display(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    first = read_document(path).paragraphs[3]
    assert first.text == "收到行政複議申請37件，依法受理36件。"
    assert first.norm == "收到行政复议申请37件，依法受理36件。"


def test_width_and_punctuation_are_normalised():
    assert normalize("(一)落實新舉措,依法全麵履行") == "（一）落实新举措，依法全面履行"
    assert normalize("ＡＢ１２３　人次") == "AB123 人次"
    assert (
        normalize("法治　政府") == "法治政府"
    )  # a gap between two Chinese characters is layout, not text
    assert normalize("共1,000件") == "共1,000件"  # a thousands separator is not Chinese punctuation


def test_markdown_markup_is_stripped(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(
        "# 明湖区2024年法治政府建设情况报告\n\n## 一、主要举措和成效\n\n**1.要点。**正文。\n",
        encoding="utf-8",
    )
    assert [p.text for p in read_document(path).paragraphs] == [
        "明湖区2024年法治政府建设情况报告",
        "一、主要举措和成效",
        "1.要点。正文。",
    ]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_table_and_tracked_changes(path):
    docx = new_docx()
    docx.add_paragraph("一、主要举措和成效")
    paragraph = docx.add_paragraph("收到行政复议申请")
    paragraph._p.append(
        parse_xml(f'<w:ins {W} w:id="1" w:author="审稿人"><w:r><w:t>37件</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="审稿人"><w:r><w:delText>35件</w:delText></w:r></w:del>'
        )
    )
    paragraph.add_run("。")
    table = docx.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "审结", "34"
    docx.add_paragraph("二、存在的不足和原因")
    docx.save(str(path))


def test_docx_keeps_insertions_drops_deletions_and_reads_tables_in_order(tmp_path):
    path = tmp_path / "tracked.docx"
    _docx_with_table_and_tracked_changes(path)
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == [
        "一、主要举措和成效",
        "收到行政复议申请37件。",
        "指标 | 数值",
        "审结 | 34",
        "二、存在的不足和原因",
    ]
    assert [p.kind for p in doc.paragraphs][2:4] == ["table", "table"]


def _error(path) -> str:
    with pytest.raises(UserError) as info:
        read_document(path)
    return str(info.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "文件是空的" in _error(path)


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert "不是文本文件" in _error(path)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "corrupt.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert "不是有效的 .docx 文件" in _error(path)


def test_zip_bomb_docx_is_refused_before_inflating(tmp_path, cli):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/huge.bin", "w", force_zip64=True) as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):  # 210 MB of zeros compresses to about 200 KB
                handle.write(chunk)
    assert path.stat().st_size < 2_000_000
    assert "疑似压缩炸弹" in _error(path)
    result = cli("outline", path)
    assert (
        result.returncode == 2
        and "疑似压缩炸弹" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_zip_without_word_body(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "没有 Word 正文" in _error(path)


def test_old_doc_and_unknown_types_get_advice(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    assert "另存为 .docx" in _error(doc)
    pdf = tmp_path / "report.pdf"  # read since issue 14; a PDF cut short is damaged
    pdf.write_bytes(b"%PDF-1.4")
    assert "无法读取 PDF" in _error(pdf)
    pages = tmp_path / "report.pages"
    pages.write_bytes(b"PK\x03\x04")
    assert "不支持的文件类型" in _error(pages)


def test_seed_in_traditional_script_reads():
    doc = read_document(ROOT / "seeds" / "003_3fdb355039b4e6e4.txt")
    assert any(p.norm.startswith("一、2020年度推进法治政府建设") for p in doc.paragraphs)


def test_paragraphs_going_on_after_a_yishi_item_are_read(tmp_path):
    """A paragraph opening with 一是 becomes a sub-heading; the paragraphs after it, up to the
    next item or heading, are still text of the report (checked, compared for reuse)."""
    from drafter.read.report import report_from_file

    path = tmp_path / "draft.txt"
    path.write_text(
        "2024年明湖区法治政府建设情况报告\n一、主要举措和成效\n（一）行政执法\n"
        "一是规范执法程序。全面推行行政执法三项制度，执法全过程记录覆盖全部执法单位。\n"
        "全年组织执法人员培训12期，培训覆盖率达到百分之百。\n"
        "二是加强执法监督。开展行政执法案卷评查，评查案卷120件。\n"
        "评查发现的问题逐案反馈整改，纳入年度考核。\n"
        "（二）行政复议\n收到行政复议申请37件。\n",
        encoding="utf-8",
    )
    texts = [p.norm for p in report_from_file(path).passages if not p.is_heading]
    assert any(t.startswith("全年组织执法人员培训") for t in texts)
    assert any(t.startswith("评查发现的问题逐案反馈整改") for t in texts)
    assert any(t.startswith("一是规范执法程序") or t.startswith("规范执法程序") for t in texts)
