"""Whose report it is: one canonical unit however it is written, and where it is read from."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.read.divisions import full_name, names_in, stem_of
from drafter.read.report import outline_file
from drafter.read.unit import resolve_unit, same_unit


@pytest.mark.parametrize(
    "written",
    ["上海市浦东新区", "浦东新区", "上海浦东新区", "浦东新区人民政府", "中共上海市浦东新区委员会"],
)
def test_every_way_of_writing_a_district_is_one_unit(written):
    unit = resolve_unit(written)
    assert (unit.name, unit.codes, unit.level) == ("浦东新区", ("310115",), "区县政府")


@pytest.mark.parametrize(
    "written, name, level",
    [
        ("北京市海淀区", "海淀区", "区县政府"),  # the most specific level wins
        ("北京市朝阳区", "北京市朝阳区", "区县政府"),  # 朝阳区 is two districts: qualified
        ("云南红河州金平县", "金平苗族瑶族傣族自治县", "区县政府"),  # short forms of 自治州/自治县
        ("宁夏中卫市中宁县宁安镇", "中宁县宁安镇", "乡镇街道"),
        (
            "宁夏固原市泾源县公安局",
            "泾源县公安局",
            "政府部门",
        ),  # a department keeps its own identity
        ("湖北省司法厅", "湖北省司法厅", "政府部门"),
        ("国家司法部", "司法部", "政府部门"),
        ("重庆市渝北区", "渝北区", "区县政府"),  # merged in 2025; older reports still use it
        ("明湖区", "明湖区", "区县政府"),  # unknown to the codes: kept as written
    ],
)
def test_canonical_names(written, name, level):
    unit = resolve_unit(written)
    assert (unit.name, unit.level) == (name, level)


def test_same_unit_matches_short_and_full_names_only():
    assert same_unit("上海市浦东新区", "浦东新区人民政府")
    assert same_unit("宁安镇", "中宁县宁安镇")  # ambiguous alone: matches each it may be
    assert same_unit("下城区", "杭州市下城区")  # a district since merged, written both ways
    assert not same_unit("海淀区", "朝阳区")
    assert not same_unit("泾源县", "泾源县公安局")
    assert not same_unit("", "浦东新区")


def test_a_department_knows_its_enclosing_division():
    unit = resolve_unit("泾源县公安局")
    assert full_name(unit.codes[0]) == "宁夏回族自治区固原市泾源县"


def test_bare_short_names_are_the_plain_forms_and_a_few_more():
    """The cache holds the plain forms once and only the bare names besides them: looked up
    together they are the forms built with bare names, and their lengths too."""
    from drafter.read import divisions as d
    from drafter.read.gazetteer import _by_start, _forms

    rows = [d.divisions()[code] for code in d.divisions().keys()]
    plain, bare = _forms(rows, False), _forms(rows, True)
    assert set(bare) > set(plain) and all(bare[k] == v for k, v in plain.items())
    for bare_too, forms in ((False, plain), (True, bare)):
        table = d.surface_forms(bare_too)
        assert set(table.keys()) == set(forms)
        assert all(
            table[k] == (tuple(v.split("|")[0].split(",")), v.split("|")[1])
            for k, v in forms.items()
        )
        assert d._with_bare("lengths-plain", "lengths-bare-only", bare_too) == _by_start(forms)
    assert [m.text for m in d.scan("上海与宁夏", bare=True)] == ["上海", "宁夏"]
    assert d.scan("上海与宁夏") == []


def test_the_gazetteers_cache_follows_the_code_that_builds_it():
    """A new drafter whose tables are built differently must not read the old tables."""
    import os

    from drafter.read import gazetteer

    source = Path(gazetteer.__file__)
    before, stat = gazetteer.gazetteer_key.__wrapped__(), source.stat()
    try:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert gazetteer.gazetteer_key.__wrapped__() != before
    finally:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert gazetteer.gazetteer_key.__wrapped__() == before


def test_towns_are_read_only_when_one_is_asked_for():
    from drafter.read import divisions as d

    table = d.divisions()
    levels = {table.level(code) for code in table.keys()}
    assert levels == {1, 2, 3, d.TOWN}
    towns = [code for code in table.keys() if table.level(code) == d.TOWN]
    assert all(table[code].level == d.TOWN and code in table for code in towns[:50])
    assert all(table[table[code].parent_code].level == 3 for code in towns[:50])
    fresh = d._Divisions()  # a table as a new process has it
    assert fresh.level("310115") == 3 and fresh._towns is None
    assert fresh[towns[0]].level == d.TOWN and fresh._towns is not None


def test_short_names_drop_suffixes_and_ethnic_names():
    assert [
        stem_of(n) for n in ("金平苗族瑶族傣族自治县", "宁夏回族自治区", "浦东新区", "大兴安岭地区")
    ] == ["金平", "宁夏", "浦东", "大兴安岭"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("加强金山区域合作", []),  # 区域 is a word: not 金山区
        ("临港新城区建设", []),  # 新城区 inside a longer name
        ("赴安化县考察学习", ["安化县"]),
        ("推进乡村振兴", []),
    ],
)
def test_names_stand_as_names(text, found):
    assert [m.text for m in names_in(text)] == found


@pytest.mark.parametrize(
    "text, unit, source",
    [
        (
            "北京市海淀区人民政府关于2022年法治政府建设情况的报告\n2022年，全区坚持依法行政。\n",
            "海淀区",
            "标题",
        ),
        (
            "关于2023年法治政府建设情况的报告\n县委、县政府：\n2023年，泾源县公安局坚持依法行政。\n",
            "泾源县公安局",
            "导语",
        ),
        (
            "现将有关情况报告如下。\n2024年，宁安镇在县委、县政府的领导下推进法治建设。\n",
            "中宁县宁安镇",
            "导语",
        ),
        ("2022年，全市坚持依法行政。\n上海各区积极推进，上海经验得到推广。\n", "上海市", "正文"),
    ],
)
def test_the_unit_is_read_from_title_opening_or_how_the_text_speaks_of_itself(
    write, text, unit, source
):
    outline = outline_file(write("report.txt", text))
    assert (outline.unit.name, outline.unit.source) == (unit, source)


def test_reuse_of_the_units_own_earlier_report_is_self_reuse_however_it_is_named(tmp_path):
    from drafter.api import check
    from drafter.reuse.corpus import Corpus

    sentence = (
        "区司法局牵头建立行政执法案卷季度评查通报机制，对评查发现的问题逐案反馈整改并纳入年度考核。"
    )
    earlier, draft = tmp_path / "2023.txt", tmp_path / "2024.txt"
    for path, year, other in (
        (earlier, 2023, "全年开展普法活动一千余场，覆盖全区各街镇。"),
        (draft, 2024, "今年首次组织街镇综合执法队开展交叉互评，评价结果向社会公开。"),
    ):
        path.write_text(
            f"浦东新区{year}年法治政府建设情况报告\n一、{year}年推进法治政府建设的主要举措和成效\n"
            f"{sentence}\n{other}\n",
            encoding="utf-8",
        )
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        corpus.add(earlier, issuer="上海市浦东新区", year=2023)  # typed in full
        assert [r.issuer for r in corpus.reports()] == ["浦东新区"]  # stored canonical
    inferred = check(draft, db=db)  # the unit read from the title: 浦东新区
    typed = check(draft, db=db, region="浦东新区人民政府")
    for result in (inferred, typed):
        assert {f.rule for f in result.findings if f.rule.startswith("reuse.")} == {"reuse.self"}
