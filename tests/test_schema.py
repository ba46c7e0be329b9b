"""sections.yaml: the canonical schema loads, is validated, and covers the seeds."""

from __future__ import annotations

import re

import pytest

from drafter.core.errors import SchemaError
from drafter.core.schema import OFFICIAL_PARTS, load_schema
from tests.conftest import ROOT

THEMATIC = (
    "leadership",
    "functions",
    "rules",
    "decisions",
    "enforcement",
    "emergency",
    "disputes",
    "oversight",
    "tech",
    "publicity",
)


def test_schema_has_exactly_the_stable_ids():
    schema = load_schema()
    assert [s.id for s in schema.parts()] == list(OFFICIAL_PARTS)
    assert [s.id for s in schema.children("achievements")] == list(THEMATIC)
    assert {s.id for s in schema.sections} == set(OFFICIAL_PARTS) | set(THEMATIC)


def test_every_section_records_source_aliases_and_keywords():
    for section in load_schema().sections:
        assert section.source, section.id
        assert section.keywords, section.id
        assert section.aliases or section.id in ("other",), section.id


def test_aliases_are_verbatim_headings_of_existing_seeds():
    for section in load_schema().sections:
        for alias in section.aliases:
            seed = ROOT / "seeds" / alias.seed
            assert seed.is_file(), f"{section.id}: unknown seed {alias.seed}"
            lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
            assert alias.text in lines, (
                f"{section.id}: alias not a heading line of {alias.seed}: {alias.text}"
            )


def test_rates_are_formulas_over_counts():
    for group in load_schema().metric_groups():
        counts = {c.key for c in group.counts}
        for rate in group.rates:
            assert {rate.numerator, rate.denominator} <= counts


def _broken(tmp_path, old: str, new: str):
    text = (ROOT / "sections.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "sections.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    return str(info.value)


def test_unknown_key_is_located(tmp_path):
    message = _broken(tmp_path, "    key: 党的领导\n", "    key: 党的领导\n    colour: red\n")
    assert re.search(r"sections\.yaml:\d+:\d+: 未知的键“colour”", message)


def test_duplicate_section_name_is_rejected(tmp_path):
    message = _broken(tmp_path, "    key: 职能履行\n", "    key: 党的领导\n")
    assert "章节名“党的领导”" in message and "重复" in message


def test_wrong_type_is_rejected(tmp_path):
    message = _broken(
        tmp_path,
        "    required: true\n    source: 纲要（2021—2025年）第二章",
        "    required: 是的\n    source: 纲要（2021—2025年）第二章",
    )
    assert "应当是是/否" in message


def test_rate_over_unknown_count_is_rejected(tmp_path):
    message = _broken(
        tmp_path, "numerator: 纠错, denominator: 审结", "numerator: 纠错, denominator: 结案"
    )
    assert "不存在的计数“结案”" in message


# Every top-level heading of every seed, hand-labelled with the schema id it belongs to.
SEED_TOP_HEADINGS = {
    "000_f45f303019acc275.txt": [  # 杨浦 2023
        ("一、深入践行习近平法治思想,加强法治政府建设统筹协调", "leadership"),
        ("二、2023年法治政府建设主要举措和成效", "achievements"),
        ("三、2023年法治政府建设存在的不足和原因", "shortcomings"),
        ("四、2024年推进法治政府建设的主要安排", "next_year"),
    ],
    "001_d1cfad51e7d0ded7.txt": [  # 元宝山 2023 (body printed twice)
        ("一、工作开展情况", "achievements"),
        ("二、存在问题和不足", "shortcomings"),
        ("三、下一步工作打算", "next_year"),
    ],
    "002_80de4b8a374a576b.txt": [  # 宝山 十四五规划 (a plan, mapped by theme)
        ("一、深入学习贯彻习近平法治思想,努力实现法治政府建设率先突破", "leadership"),
        ("二、健全高效便民、重心下沉的政府机构职能体系", "functions"),
        ("三、健全服务大局、优化环境的法治保障体系", "functions"),
        ("四、健全科学民主、程序规范的行政决策体系", "decisions"),
        ("五、健全严格规范、公正文明的行政执法体系", "enforcement"),
        ("六、健全依法处置、联防联控的突发事件应对体系", "emergency"),
        ("七、健全社会协同、多元化解的社会治理体系", "disputes"),
        ("八、健全便捷高效、均等普惠的公共法律服务体系", "publicity"),
        ("九、健全全面规范、透明运行的行政权力监督体系", "oversight"),
        ("十、健全科技赋能、数据共享的法治政府科技保障体系", "tech"),
        ("十一、坚持党的领导,完善规划实施的制度保障", "leadership"),
    ],
    "003_3fdb355039b4e6e4.txt": [  # 下城 2020 (traditional script)
        ("一、2020年度推進法治政府建設的主要舉措和成效", "achievements"),
        ("二、2020年度推進法治政府建設存在的不足和原因", "shortcomings"),
        (
            "三、2020年度黨政主要負責人履行推進法治建設第一責任人職責,加強法治政府建設的有關情況",
            "first_responsible",
        ),
        ("四、2021年度推進法治政府建設的主要安排", "next_year"),
        ("五、其他需要報告的情況", "other"),
    ],
    "004_a3845e6a491bb007.txt": [  # 青浦 2024
        ("一、坚持党的领导,推动法治政府建设再达新高度", "leadership"),
        ("二、切实提高站位,探索国家战略法治保障新举措", "functions"),
        ("三、加强实践转化,提升社会治理法治新成效", "publicity"),
        ("四、加强规范管理,不断完善依法决策制度体系", "decisions"),
        ("五、加大监督力度,监管行政权力得到新提升", "oversight"),
        ("六、加强文明执法,推进行政执法呈现新生态", "enforcement"),
    ],
}

_TOP = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.mark.parametrize("seed", sorted(SEED_TOP_HEADINGS))
def test_every_seed_top_level_heading_has_a_schema_id(seed):
    schema = load_schema()
    lines = (ROOT / "seeds" / seed).read_text(encoding="utf-8").splitlines()
    found = list(dict.fromkeys(line.strip() for line in lines if _TOP.match(line.strip())))
    labelled = dict(SEED_TOP_HEADINGS[seed])
    assert found == list(labelled), (
        f"{seed}: the hand-labelled table must list every top-level heading"
    )
    for heading, section_id in labelled.items():
        section = schema.by_id(section_id)
        assert heading in {a.text for a in section.aliases}, (
            f"{heading} not recorded as an alias of {section_id}"
        )
