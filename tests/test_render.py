"""Narrative metric references, numbering, templates and the markup parser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.core.errors import DataError, TemplateProblem
from drafter.core.metrics import format_percent
from drafter.core.numerals import cn_number, date_cn
from drafter.drafting.loader import parse_year_data
from drafter.drafting.markup import escape_line, parse_markup
from drafter.drafting.render import render
from tests.conftest import META


def rendered_text(yaml_text: str, template_dir=None) -> list[str]:
    return render(parse_year_data(yaml_text), template_dir).document.plain_lines()


def test_rates_are_computed_from_counts_and_written_once():
    lines = rendered_text(
        META
        + "矛盾纠纷化解:\n  事项:\n    - 审结{{ 行政复议.审结 }}件，纠错率{{ 行政复议.纠错率 }}。\n"
        "  指标:\n    行政复议: {收到: 40, 受理: 36, 审结: 34, 纠错: 9}\n"
    )
    assert "审结34件，纠错率26.5%。" in lines


def test_missing_metric_is_named_with_location_before_rendering():
    text = (
        META
        + "矛盾纠纷化解:\n  事项:\n    - 纠错率{{ 行政复议.纠错率 }}，受理{{ 行政复议.受理 }}件。\n"
    )
    with pytest.raises(DataError) as info:
        render(parse_year_data(text, "数据.yaml"))
    message = str(info.value)
    assert "数据.yaml:9:7" in message
    assert "“行政复议.纠错率”" in message and "纠错、审结" in message
    assert "“行政复议.受理”" in message and "尚未填写" in message


def test_zero_denominator_is_explained():
    text = (
        META
        + "矛盾纠纷化解:\n  事项:\n    - 纠错率{{ 行政复议.纠错率 }}。\n  指标:\n    行政复议: {审结: 0, 纠错: 0}\n"
    )
    with pytest.raises(DataError, match="分母“审结”为 0"):
        render(parse_year_data(text))


def test_headings_are_numbered_by_the_tool():
    lines = rendered_text(
        META
        + "行政执法:\n  事项:\n    - {要点: 甲, 内容: 甲文。}\n    - {要点: 乙！, 内容: 乙文。}\n"
        "下一年度安排:\n  事项:\n    - 小标题: 分组\n      事项: [{要点: 丙, 内容: 丙文。}]\n"
    )
    assert "一、2024年推进法治政府建设的主要举措和成效" in lines
    assert "（一）深化行政执法体制改革，推进严格规范公正文明执法" in lines
    assert "1.甲。甲文。" in lines and "2.乙！乙文。" in lines
    assert "二、2025年推进法治政府建设的主要安排" in lines
    assert "（一）分组" in lines and "1.丙。丙文。" in lines


def test_ordinal_styles():
    lines = rendered_text(
        META
        + "不足和原因:\n  编号: 一是\n  事项:\n    - {要点: 甲, 内容: 原因甲。}\n    - {要点: 乙, 内容: 原因乙。}\n"
        "第一责任人:\n  编号: 一是分段\n  事项:\n    - {要点: 书记, 内容: 甲。}\n    - {要点: 区长, 内容: 乙。}\n"
    )
    assert "一是甲。原因甲。二是乙。原因乙。" in lines
    assert "一是书记。甲。" in lines and "二是区长。乙。" in lines


def test_markup_characters_in_narrative_stay_text():
    lines = rendered_text(META + '其他情况:\n  - "#1号楼和@站点均已完工。"\n')
    assert "#1号楼和@站点均已完工。" in lines


def test_custom_template_missing_variable_is_reported_by_name(tmp_path):
    (tmp_path / "report.j2").write_text(
        "# {{ report.title }}\n{{ 行政复议.收到 }}\n{{ report.motto }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateProblem) as info:
        render(parse_year_data(META + "其他情况: [无。]\n"), tmp_path)
    message = str(info.value)
    assert "report.j2:2" in message and "“行政复议.收到”" in message
    assert "report.j2:3" in message and "“report.motto”" in message


def test_custom_template_is_used(tmp_path):
    (tmp_path / "report.j2").write_text(
        "# 自定义：{{ report.title }}\n{% for p in parts %}## {{ p.heading }}\n{% endfor %}",
        encoding="utf-8",
    )
    lines = rendered_text(META + "其他情况: [无。]\n", tmp_path)
    assert lines[0] == "自定义：明湖区2024年法治政府建设情况报告"
    assert lines[-1] == "五、其他需要报告的情况"


def test_template_syntax_error_is_located(tmp_path):
    (tmp_path / "report.j2").write_text("# 标题\n{% for x in parts %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"report\.j2:\d+: 模板语法错误"):
        render(parse_year_data(META + "其他情况: [无。]\n"), tmp_path)


def test_report_with_no_content_is_refused():
    with pytest.raises(DataError, match="各章节都还没有内容"):
        render(parse_year_data(META + '行政执法:\n  事项:\n    - {要点: 甲, 内容: ""}\n'))


def test_date_has_no_leading_zeros():
    assert date_cn(dt.date(2025, 3, 5)) == "2025年3月5日"


def _read_chinese_number(text: str) -> int:
    digits, units = "零一二三四五六七八九", {"十": 10, "百": 100, "千": 1000}

    def below_10000(part: str) -> int:
        total = current = 0
        for ch in part:
            if ch in units:
                total, current = total + (current or 1) * units[ch], 0
            else:
                current = digits.index(ch)
        return total + current

    high, _, low = text.rpartition("万")
    return below_10000(high) * 10000 + below_10000(low)


@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_cn_number_round_trips(n):
    text = cn_number(n)
    assert _read_chinese_number(text) == n
    assert not text.startswith("一十")  # 十二, not 一十二
    assert "零零" not in text and not text.endswith("零")


def test_cn_number_spellings():
    spelled = {n: cn_number(n) for n in (10, 12, 100, 101, 110, 1010, 10010, 100200)}
    assert spelled == {
        10: "十",
        12: "十二",
        100: "一百",
        101: "一百零一",
        110: "一百一十",
        1010: "一千零一十",
        10010: "一万零一十",
        100200: "十万零二百",
    }


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_percent_is_within_range_and_well_formed(numerator, denominator):
    numerator = min(numerator, denominator)
    text = format_percent(numerator * 100 / denominator)
    assert re.fullmatch(r"\d{1,3}(\.\d)?%", text)
    assert 0 <= float(text[:-1]) <= 100


@given(
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s)
)
def test_escaped_narrative_is_never_markup(text):
    blocks = parse_markup(escape_line(text.strip())).blocks
    assert blocks and blocks[0].kind == "paragraph"
    assert blocks[0].text == text.strip()
