"""Section mapping on the seeds: every heading hand-labelled; accuracy printed and asserted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafter.core.normalize import normalize
from drafter.core.schema import Schema, load_schema
from drafter.read.report import outline_file
from tests.conftest import ROOT

# Every heading of every seed, in document order: the schema id a careful reader gives it,
# by the labelling convention of ../shared/devset (its README): numbered items and 一是 items
# under a thematic heading belong to it unless their own heading names another topic of the
# 纲要 (学法/普法 under 党的领导 is publicity, 疫情防控 is emergency, 行政复议 is disputes);
# everything under 不足 / 第一责任人 / 主要安排 / 其他 belongs to that part.
LABELS = {
    "000_f45f303019acc275.txt": """
        leadership  一、深入践行习近平法治思想
        leadership  （一）深入学习宣传贯彻习近平法治思想
        leadership  （二）加大法治政府建设统筹协调力度
        first_responsible  （三）切实履行法治政府建设第一责任人职责
        achievements  二、2023年法治政府建设主要举措和成效
        functions  （一）持续推进政府职能转变和优化
        functions  1.深化行政审批制度改革
        functions  2.提升政府整体服务效能
        functions  3.优化法治化营商环境
        decisions  （二）持续提升科学民主依法决策水平
        decisions  1.提升重大行政决策质量
        rules  2.加强依法行政制度建设
        enforcement  （三）持续推进严格规范公正文明执法
        enforcement  1.着力加强行政执法监督
        enforcement  2.不断提升行政执法效能
        enforcement  3.加大重点领域执法力度
        oversight  （四）持续加强行政权力制约监督力度
        oversight  1.推进重点领域政府信息公开
        disputes  2.发挥行政复议监督职能
        disputes  3.规范和加强行政应诉工作
        emergency  （五）持续健全完善突发事件应对制度机制
        emergency  1.健全区级层面应急管理体系
        emergency  2.提升突发事件处置能力
        disputes  （六）持续完善矛盾纠纷预防调处化解工作
        disputes  1.加强矛盾纠纷多元化解工作
        disputes  2.推动行政争议实质性化解
        shortcomings  三、2023年法治政府建设存在的不足和原因
        next_year  四、2024年推进法治政府建设的主要安排
        next_year  （一）持续推动习近平法治思想走深走实
        next_year  （二）持续加强法治政府建设统筹协调
        next_year  （三）深入推进政府职能转变和优化
        next_year  （四）推进严格规范公正文明执法
        next_year  （五）持续加强行政权力制约监督
    """,
    "001_d1cfad51e7d0ded7.txt": """
        achievements  一、工作开展情况
        functions  （一）政府职能依法全面履行
        functions  一是深入推进“放管服”改革
        functions  二是全面推行“双随机、一公开”监管
        functions  三是持续打造法治化营商环境
        rules  （二）依法行政程度显著增强
        rules  一是加强行政规范性文件制定监督管理
        decisions  二是健全完善行政决策制度体系
        rules  三是加大合法性审核改革力度
        enforcement  （三）公正文明执法蔚然成风
        enforcement  一是全面实行行政执法人员持证上岗和资格管理制度
        enforcement  二是着力提升行政执法人员法治素养和执法水平
        enforcement  三是加强行政执法监督
        enforcement  四是加大重点领域执法力度
        emergency  （四）突发事件应对体系健全完善
        emergency  一是完善突发事件应对制度
        emergency  二是提高突发事件依法处置能力
        emergency  三是提升全社会风险防范意识
        disputes  （五）矛盾纠纷行政预防调处化解发挥作用
        disputes  一是优化行政复议规范行政行为的职能作用
        disputes  二是畅通行政复议渠道
        disputes  三是加强行政纠纷调解力度
        disputes  四是规范行政机关负责人出庭应诉工作
        oversight  （六）行政权力制约监督体系顺畅运行
        oversight  一是规范政府督查工作
        oversight  二是全面主动落实政务公开
        oversight  三是加快推进政务诚信建设
        shortcomings  二、存在问题和不足
        next_year  三、下一步工作打算
    """,
    "002_80de4b8a374a576b.txt": """
        leadership  一、深入学习贯彻习近平法治思想
        leadership  （一）指导思想
        leadership  （二）主要原则
        leadership  （三）总体目标
        functions  二、健全高效便民、重心下沉的政府机构职能体系
        functions  （四）推进政府机构职能优化
        functions  （五）全面落实权责清单制度
        enforcement  （六）创新街镇执法管理体制
        enforcement  （七）深化区级行政执法体制改革
        enforcement  （八）健全行政执法与刑事司法衔接机制
        disputes  （九）完成行政复议体制改革
        functions  （十）加强新时代司法所建设
        functions  三、健全服务大局、优化环境的法治保障体系
        functions  （十一）持续优化法治化营商环境
        functions  （十二）强化开发园区法律服务
        enforcement  （十三）探索与创新创造相适应的包容审慎监管方式
        functions  （十四）深化“放管服”改革
        functions  （十五）提高涉外法律服务能力
        decisions  四、健全科学民主、程序规范的行政决策体系
        decisions  （十六）强化领导依法决策意识
        decisions  （十七）严格落实重大行政决策程序
        decisions  （十八）加强行政决策执行、评估与问责
        rules  （十九）加强行政规范性文件制定监督管理
        enforcement  五、健全严格规范、公正文明的行政执法体系
        enforcement  （二十）积极推行新型监管方式
        enforcement  （二十一）加大重点领域执法力度
        enforcement  （二十二）完善行政执法程序
        enforcement  （二十三）实行刚柔相济的行政执法方式
        enforcement  （二十四）健全非现场执法方式
        enforcement  （二十五）加强长三角跨区域执法协作
        emergency  六、健全依法处置、联防联控的突发事件应对体系
        emergency  （二十六）健全预防与应急准备体系
        emergency  （二十七）健全监测与预警体系
        emergency  （二十八）提高应急处置能力
        emergency  （二十九）健全联防联控、群防群控机制
        emergency  （三十）完善突发事件应对保障体系
        disputes  七、健全社会协同、多元化解的社会治理体系
        disputes  （三十一）推进多层次多领域依法治理
        disputes  （三十二）深化法治乡村建设实践
        disputes  （三十三）深化构建大调解工作格局
        disputes  （三十四）发挥人民团体和社会组织的作用
        disputes  （三十五）推进平安宝山建设
        disputes  （三十六）积极开展行政裁决改革试点
        disputes  （三十七）加强行政复议和行政诉讼工作
        disputes  （三十八）加强信访规范化建设
        publicity  （三十九）全面落实普法责任制
        publicity  （四十）开展“清单式”精准普法
        disputes  （四十一）依法攻克社会治理难题
        publicity  八、健全便捷高效、均等普惠的公共法律服务体系
        publicity  （四十二）加强公共法律服务平台建设
        publicity  （四十三）加大律师参与公共法律服务的力度
        decisions  （四十四）拓展法律顾问制度和公职律师制度的范围
        publicity  （四十五）做实法律援助和国家司法救助工作
        oversight  九、健全全面规范、透明运行的行政权力监督体系
        oversight  （四十六）充分发挥党内监督的关键性作用
        oversight  （四十七）加强和规范政府督查工作
        oversight  （四十八）完善行政执法监督机制
        oversight  （四十九）持续推进政务公开
        tech  十、健全科技赋能、数据共享的法治政府科技保障体系
        tech  （五十）加快服务政府数字平台建设
        tech  （五十一）推进公共数据有序开放、共享
        tech  （五十二）加快推进“互联网+”监管执法
        leadership  十一、坚持党的领导
        leadership  （五十三）坚持党对法治政府建设的全面领导
        leadership  （五十四）坚持法治政府与法治宝山、法治社会建设协调推进
        leadership  （五十五）完善法治政府建设推进机制
        publicity  （五十六）健全领导干部学法用法机制
        publicity  （五十七）加强德才兼备的高素质法治队伍建设
        leadership  （五十八）做好规划的任务分解与评估工作
    """,
    "003_3fdb355039b4e6e4.txt": """
        achievements  一、2020年度推进法治政府建设的主要举措和成效
        functions  （一）落实新举措，依法全面履行政府职能
        functions  一是深化“最多跑一次”改革
        functions  二是深入推进简政放权
        functions  三是优化法治化营商环境
        tech  四是推动政府数字化转型
        functions  五是提升公共服务质量
        rules  （二）适应新常态，完善依法行政制度体系
        decisions  一是强化重大行政决策规范化建设
        rules  二是加强行政规范性文件管理
        emergency  三是做好疫情防控等相关法律事务
        enforcement  （三）争取新作为，严格规范公正文明执法
        enforcement  一是推进行政执法体制改革
        enforcement  二是规范行政执法行为
        enforcement  三是优化行政执法方式
        oversight  （四）立足新形势，加强行政权力监督制约
        oversight  一是全面推进政务公开
        oversight  二是完善行政权力运行监督
        oversight  三是加快公共信用体系建设
        disputes  （五）运用新思维，依法化解社会矛盾纠纷
        disputes  一是培育行业性专业性调解组织
        disputes  二是健全依法化解纠纷机制
        disputes  三是推进行政复议和行政应诉工作
        leadership  （六）形成新气象，夯实法治政府建设保障
        publicity  一是加强法治宣传教育
        decisions  二是推进街道合法性审查全覆盖
        leadership  三是提升依法治理能力
        shortcomings  二、2020年度推进法治政府建设存在的不足和原因
        first_responsible  三、2020年度党政主要负责人履行推进法治建设第一责任人职责
        first_responsible  （一）注重高位推动
        first_responsible  （二）加强制度建设
        first_responsible  （三）强化法治监督
        next_year  四、2021年度推进法治政府建设的主要安排
        next_year  （一）凝科学发展之识
        next_year  （二）谋改革攻坚之策
        next_year  （三）务倾力干事之实
        next_year  （四）行群策群力之举
        next_year  （五）收优质服务之效
        other  五、其他需要报告的情况
    """,
    "004_a3845e6a491bb007.txt": """
        leadership  一、坚持党的领导
        functions  二、切实提高站位，探索国家战略法治保障新举措
        publicity  三、加强实践转化，提升社会治理法治新成效
        decisions  四、加强规范管理，不断完善依法决策制度体系
        oversight  五、加大监督力度，监管行政权力得到新提升
        enforcement  六、加强文明执法，推进行政执法呈现新生态
    """,
}


def _labels(seed: str) -> list[tuple[str, str]]:
    rows = [line.split(None, 1) for line in LABELS[seed].strip().splitlines()]
    return [(section, normalize(prefix)) for section, prefix in rows]


def _score(schema: Schema, seeds) -> tuple[int, int, list[str]]:
    right, total, misses = 0, 0, []
    for seed in seeds:
        headings = list(outline_file(ROOT / "seeds" / seed, schema).walk())
        labels = _labels(seed)
        assert len(headings) == len(labels), (
            f"{seed}: {len(headings)} headings found, {len(labels)} labelled"
        )
        for heading, (expected, prefix) in zip(headings, labels):
            assert normalize(heading.text).startswith(prefix), (
                f"{seed}: table out of step at {heading.text}"
            )
            total += 1
            if heading.section == expected:
                right += 1
            else:
                misses.append(
                    f"{seed} {heading.text[:30]}: 应为 {expected}，得到 {heading.section}（{heading.reason}）"
                )
    return right, total, misses


def test_mapping_accuracy_on_the_seeds():
    right, total, misses = _score(load_schema(), sorted(LABELS))
    print(f"\nmapping accuracy on the seeds: {right}/{total} = {right / total:.1%}")
    for miss in misses:
        print("  miss:", miss)
    assert right / total >= 0.97


def test_mapping_accuracy_leave_one_seed_out():
    """The same, with each seed's own heading aliases removed from sections.yaml while it is mapped."""
    full = load_schema()
    right = total = 0
    misses = []
    for seed in sorted(LABELS):
        schema = Schema(
            [
                replace(s, aliases=tuple(a for a in s.aliases if a.seed != seed))
                for s in full.sections
            ]
        )
        r, t, m = _score(schema, [seed])
        right, total, misses = right + r, total + t, misses + m
    print(f"\nleave-one-seed-out accuracy: {right}/{total} = {right / total:.1%}")
    for miss in misses:
        print("  miss:", miss)
    assert right / total >= 0.95


def test_the_plan_is_recognised_as_a_plan():
    outline = outline_file(ROOT / "seeds" / "002_80de4b8a374a576b.txt")
    assert outline.kind == "plan"
    for seed in (
        "000_f45f303019acc275.txt",
        "001_d1cfad51e7d0ded7.txt",
        "003_3fdb355039b4e6e4.txt",
        "004_a3845e6a491bb007.txt",
    ):
        assert outline_file(ROOT / "seeds" / seed).kind == "report", seed


@pytest.mark.parametrize(
    "seed, region, year",
    [
        ("000_f45f303019acc275.txt", "杨浦区", 2023),
        ("001_d1cfad51e7d0ded7.txt", "元宝山区", 2023),
        ("003_3fdb355039b4e6e4.txt", "下城区", 2020),
        ("004_a3845e6a491bb007.txt", "青浦区", 2024),
    ],
)
def test_region_and_year_are_inferred(seed, region, year):
    outline = outline_file(ROOT / "seeds" / seed)
    assert (outline.region, outline.year) == (region, year)


def test_duplicated_body_is_reported_once():
    outline = outline_file(ROOT / "seeds" / "001_d1cfad51e7d0ded7.txt")
    assert len(outline.duplicates) == 1
    dup = outline.duplicates[0]
    assert (dup.first_line, dup.repeat_line) == (3, 21) and dup.paragraphs >= 15
    assert [h.section for h in outline.headings] == ["achievements", "shortcomings", "next_year"]


def test_web_residue_is_not_content():
    outline = outline_file(ROOT / "seeds" / "004_a3845e6a491bb007.txt")
    texts = [p.norm for p in outline.preamble] + [p.norm for h in outline.walk() for p in h.body]
    for residue in ("返回上一级", "字号", "打印", "主动公开", "2025.02.08"):
        assert residue not in texts


def test_items_opening_a_paragraph_are_sub_headings():
    outline = outline_file(ROOT / "seeds" / "001_d1cfad51e7d0ded7.txt")
    functions = outline.headings[0].children[0]
    assert [h.label for h in functions.children] == ["一是", "二是", "三是"]
    first = functions.children[0]
    assert (first.level, first.title, first.runin) == (
        functions.level + 1,
        "深入推进“放管服”改革",
        True,
    )
    assert first.runin_body.startswith("严格执行行政审批告知承诺制")


def test_items_inside_one_paragraph_split_into_sub_headings(write):
    path = write(
        "items.txt",
        """\
        明湖区2024年法治政府建设情况报告
        一、主要举措和成效
        （一）加强党的领导
        一是深入学习贯彻习近平法治思想。全年开展专题学习12次。二是健全推进机制。制定年度工作要点。
        （二）深化普法。一是落实普法责任制，二是开展宪法宣传周活动。
        """,
    )
    outline = outline_file(path)
    leadership, publicity = outline.headings[0].children
    assert [(h.label, h.title, h.runin_body) for h in leadership.children] == [
        ("一是", "深入学习贯彻习近平法治思想", "全年开展专题学习12次。"),
        ("二是", "健全推进机制", "制定年度工作要点。"),
    ]
    assert [h.section for h in leadership.children] == ["leadership", "leadership"]
    # a paragraph that already has a heading keeps its items as an inline list
    assert publicity.children == [] and [i.label for i in publicity.inline] == ["一是", "二是"]
