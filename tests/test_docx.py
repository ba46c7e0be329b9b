"""The .docx: GB/T 9704 properties read back from the XML, and a golden text dump."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import drafter
from drafter.drafting.docx_dump import dump_docx
from drafter.drafting.docx_writer import signature_placements, text_width
from drafter.drafting.layout import load_layout
from tests.conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden" / "明湖区2024.txt"


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "example.docx"
    drafter.draft(EXAMPLE, out)
    return out


def test_golden_text_dump(example_docx, update_golden):
    dump = dump_docx(example_docx)
    if update_golden:
        GOLDEN.write_text(dump, encoding="utf-8")
    assert dump == GOLDEN.read_text(encoding="utf-8")


def test_page_is_a4_with_gbt9704_margins(example_docx):
    section = open_docx(str(example_docx)).sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in expected.items():  # Word stores twips: 1 twip ≈ 0.018 mm
        assert abs(getattr(section, name) - Mm(mm)) < Mm(0.05), name


def _rfonts(style):
    return style.element.rPr.find(qn("w:rFonts"))


def test_east_asian_fonts_are_really_set(example_docx):
    styles = open_docx(str(example_docx)).styles
    expected = {
        "公文正文": "仿宋_GB2312",
        "公文标题": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
        "Heading 4": "仿宋_GB2312",
        "Normal": "仿宋_GB2312",
    }
    for name, font in expected.items():
        rfonts = _rfonts(styles[name])
        assert rfonts.get(qn("w:eastAsia")) == font, name
        assert rfonts.get(qn("w:eastAsiaTheme")) is None, f"{name}: a theme font would override"


def test_sizes_spacing_and_indent(example_docx):
    styles = open_docx(str(example_docx)).styles
    body, title = styles["Normal"], styles["公文标题"]
    assert body.font.size == Pt(16) and title.font.size == Pt(22)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert (
        body.paragraph_format.line_spacing.pt * 22 <= 225 / 25.4 * 72
    )  # 22 lines fit the 225 mm type area
    assert round(body.paragraph_format.line_spacing.pt) == 29
    assert body.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert title.paragraph_format.alignment == 1  # centred
    assert not styles["Heading 3"].font.bold  # level-3 bold is opt-in


def test_page_numbers_odd_right_even_left(example_docx):
    docx = open_docx(str(example_docx))
    assert docx.settings.odd_and_even_pages_header_footer
    section = docx.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == "— 1 —" and even.text == "— 1 —"
    assert odd.paragraph_format.alignment == 2 and even.paragraph_format.alignment == 0
    assert odd.style.font.size == Pt(14)
    assert _rfonts(odd.style).get(qn("w:eastAsia")) == "宋体"
    with zipfile.ZipFile(example_docx) as archive:
        footers = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")
        ]
    assert all("PAGE" in xml for xml in footers if "w:p" in xml)


def test_language_and_core_properties(example_docx):
    with zipfile.ZipFile(example_docx) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles
    props = open_docx(str(example_docx)).core_properties
    assert props.title == "明湖区2024年法治政府建设情况报告" and props.author == "明湖区人民政府"


def test_level3_bold_option(tmp_path):
    layout = drafter.api.load_layout().with_overrides(level3_bold=True)
    out = tmp_path / "bold.docx"
    drafter.draft(EXAMPLE, out, layout=layout)
    assert open_docx(str(out)).styles["Heading 3"].font.bold


def _starts(name: str, date: str, layout) -> tuple[float, float]:
    """Where the name and date lines start, in points from the left margin."""
    width = layout.type_area_pt()[0]
    starts = []
    for text, (align, indent) in zip((name, date), signature_placements(name, date, layout)):
        starts.append(width - indent - text_width(text, layout) if align == "right" else indent)
    return starts[0], starts[1]


def test_signature_date_is_two_characters_right_of_the_name():
    layout = load_layout()
    unit = layout.char_pitch_pt()
    for name, date in (
        ("明湖区人民政府", "2025年3月6日"),
        ("明湖区人民政府办公室法治科", "2025年12月16日"),
        ("明湖区司法局", "2025年12月16日"),
    ):
        name_start, date_start = _starts(name, date, layout)
        assert date_start - name_start == pytest.approx(2 * unit), (name, date)
        ends = (name_start + text_width(name, layout), date_start + text_width(date, layout))
        assert max(ends) == pytest.approx(layout.type_area_pt()[0] - 2 * unit)  # 右空二字


def test_28_characters_fit_a_line_and_29_do_not():
    layout = load_layout()
    width = layout.type_area_pt()[0]
    assert 28 * layout.char_pitch_pt() <= width < 29 * layout.char_pitch_pt()


def test_no_inherited_first_line_indent_on_centred_or_placed_lines(example_docx):
    styles = open_docx(str(example_docx)).styles
    for name in ("公文标题", "页码", "署名", "成文日期"):
        ind = styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "0" and ind.get(qn("w:firstLine")) == "0", name


def test_body_is_justified_and_condensed_to_28_a_line(example_docx):
    docx = open_docx(str(example_docx))
    assert docx.styles["Normal"].paragraph_format.alignment == 3  # justify
    with zipfile.ZipFile(example_docx) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert '<w:spacing w:val="-5"/>' in styles.split("</w:docDefaults>")[0]


def test_package_has_no_template_leftovers(example_docx):
    with zipfile.ZipFile(example_docx) as archive:
        names = set(archive.namelist())
        app = archive.read("docProps/app.xml").decode()
        fonts = archive.read("word/fontTable.xml").decode()
    assert "docProps/thumbnail.jpeg" not in names
    assert "<Application>drafter</Application>" in app and "Macintosh" not in app
    assert "ＭＳ" not in fonts and "Cambria" not in fonts
    for font in load_layout().fonts.values():
        assert f'w:name="{font.name}"' in fonts
    assert '<w:altName w:val="Noto Serif CJK SC Light"/>' in fonts


def test_font_roles_by_their_chinese_names(cli, tmp_path):
    out = tmp_path / "fonts.docx"
    result = cli(
        "build", EXAMPLE, "-o", out, "--font", "正文=仿宋", "--font", "一级标题=方正黑体_GBK"
    )
    assert result.returncode == 0, result.stderr
    styles = open_docx(str(out)).styles
    assert _rfonts(styles["Normal"]).get(qn("w:eastAsia")) == "仿宋"
    assert _rfonts(styles["Heading 1"]).get(qn("w:eastAsia")) == "方正黑体_GBK"
    with zipfile.ZipFile(out) as archive:  # the role's free fallback stays in the font table
        assert '<w:font w:name="仿宋"><w:altName w:val="Noto Serif CJK SC Light"/>' in (
            archive.read("word/fontTable.xml").decode()
        )
    bad = cli("build", EXAMPLE, "-o", tmp_path / "bad.docx", "--font", "脚注=宋体")
    assert bad.returncode == 2 and "正文（body）" in cli("build", "--help").stdout
    assert "未知的字体角色“脚注”" in bad.stderr and "正文(body)" in bad.stderr
