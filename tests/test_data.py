"""Year-data YAML: every problem reported at once, located, with a suggestion."""

from __future__ import annotations

import re

import pytest

from drafter.core.errors import DataError
from drafter.drafting.loader import load_year_data, parse_year_data
from tests.conftest import EXAMPLE, META, PREVIOUS


def problems_of(text: str) -> str:
    with pytest.raises(DataError) as info:
        parse_year_data(text, "年度.yaml")
    return str(info.value)


def test_examples_load():
    current, previous = load_year_data(EXAMPLE), load_year_data(PREVIOUS)
    assert len(current.sections) == 15, "the example covers every section"
    assert all(sd.has_content() for sd in current.sections.values())
    assert previous.meta.year == current.meta.year - 1
    assert {"shortcomings", "first_responsible", "next_year", "other"} <= set(previous.sections)


def test_ascii_ids_equal_chinese_keys():
    chinese = parse_year_data(
        META + "行政执法:\n  事项: [正文。]\n  指标:\n    行政执法: {执法人员: 10, 持证: 9}\n"
    )
    ascii_ = parse_year_data(
        "report: {region: 明湖区, level: 区县政府, year: 2024, signer: 明湖区人民政府}\n"
        "enforcement:\n  items: [正文。]\n  metrics:\n    enforcement: {officers_total: 10, officers_certified: 9}\n"
    )
    assert chinese.sections["enforcement"].metrics == ascii_.sections["enforcement"].metrics
    assert ascii_.meta.region == "明湖区"


def test_misspelled_section_suggests_the_right_one():
    message = problems_of(META + "行政执发:\n  - 正文。\n")
    assert "年度.yaml:7:1: 未知的键“行政执发”" in message
    assert "是否想写“行政执法”" in message


def test_misspelled_metric_and_typed_rate_are_both_reported():
    message = problems_of(META + "矛盾纠纷化解:\n  指标:\n    行政复议: {受里: 3, 纠错率: 20}\n")
    assert "没有“受里”" in message and "是否想写“受理”" in message
    assert "“纠错率”由工具按计数计算，不能手填" in message


def test_metric_in_the_wrong_section_names_its_home():
    message = problems_of(META + "党的领导:\n  指标:\n    行政复议: {收到: 3}\n")
    assert "指标组“行政复议”属于章节“矛盾纠纷化解”" in message


def test_wrong_types_and_missing_meta_are_all_reported_together():
    message = problems_of(
        "报告:\n  地区: 明湖区\n  层级: 区县\n  年度: 二〇二四\n行政执法:\n  指标:\n    行政执法: {执法人员: -3}\n"
    )
    lines = [line for line in message.splitlines() if re.match(r"年度\.yaml:\d+", line)]
    assert len(lines) >= 4, message
    assert "取值“区县”无效" in message
    assert "年度.yaml:4:7: 应当是整数，实际是文字“二〇二四”（键：报告.年度）" in message
    assert "缺少必填的键“署名”" in message
    assert "不小于 0 的数字" in message


def test_duplicate_key_is_an_error():
    message = problems_of(META + "行政执法: [甲。]\n行政执法: [乙。]\n")
    assert "键“行政执法”重复出现" in message


def test_same_section_under_two_names_is_an_error():
    message = problems_of(META + "行政执法: [甲。]\nenforcement: [乙。]\n")
    assert "只能写一处" in message


def test_malformed_yaml_is_located():
    message = problems_of(META + "行政执法:\n  事项:\n    - 要点: 甲\n     内容: 乙\n")
    assert re.search(r"年度\.yaml:\d+:\d+: YAML 格式错误", message)


def test_non_utf8_file_is_located(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(("# ascii first line\n" + META).encode("gbk"))
    with pytest.raises(DataError) as info:
        load_year_data(path)
    assert re.search(r"gbk\.yaml:2:\d+: 文件不是 UTF-8 编码", str(info.value))


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes((META + "导语: 正文。\n").encode("utf-8-sig"))
    assert load_year_data(path).preamble.value == "正文。"


def test_folded_lines_join_without_spaces_between_chinese():
    # Chinese is set without spaces, next to figures too (“事项中 1219项” was a folding artefact)
    data = parse_year_data(META + "导语: >-\n  第一行末尾\n  第二行开头 2024 年，ISO 9001 认证\n")
    assert data.preamble.paragraphs() == ["第一行末尾第二行开头2024年，ISO 9001认证"]


@pytest.mark.parametrize("written", ['"2025-03-06"', "2025年3月6日", "2025.3.6"])
def test_quoted_and_chinese_dates_are_dates(written):
    data = parse_year_data(
        META.replace("日期: 2025-03-06", f"日期: {written}") + "其他情况: [无。]\n"
    )
    assert str(data.meta.date) == "2025-03-06"


def test_impossible_date_is_located():
    message = problems_of(META.replace("日期: 2025-03-06", "日期: 2025年2月30日"))
    assert "应当是日期" in message
