"""Must-flag and must-pass examples for every rule in drafter/rules/checks.yaml.

Each example is (file name, content) or (file name, content, setting): YAML
examples start from BASE, a small report that passes every rule, and change one
thing. A setting gives the reuse rules a corpus to compare with — (file name,
content, unit, year) reports added first — and the unit and year of the draft.
"""

from __future__ import annotations

import copy

import yaml

from tests import docx_fixtures as fx

BASE = {
    "报告": {
        "地区": "明湖区",
        "层级": "区县政府",
        "年度": 2024,
        "署名": "明湖区人民政府",
        "日期": "2025-03-06",
        "党委主要负责人": "区委书记",
        "政府主要负责人": "区长",
    },
    "导语": "2024年，明湖区持续推进法治政府建设，现将有关情况报告如下。",
    "主要举措和成效": {
        "概述": "全年完成法治政府建设年度任务46项，各项工作有序推进，取得较好成效。"
    },
    "党的领导": ["区政府常务会议会前学法11次，举办领导干部依法行政专题培训班3期。"],
    "职能履行": ["保留行政许可事项238项，推行证明事项告知承诺制。"],
    "制度建设": {
        "事项": ["制定行政规范性文件{{ 规范性文件.制定 }}件，全部报送备案。"],
        "指标": {"规范性文件": {"制定": 17, "合法性审核": 17, "备案": 17}},
    },
    "依法决策": ["公布重大行政决策事项目录，列入事项9项。"],
    "行政执法": {
        "事项": ["全区行政执法人员{{ 行政执法.执法人员 }}名，持证率{{ 行政执法.持证率 }}。"],
        "指标": {"行政执法": {"执法人员": 1136, "持证": 1109}},
    },
    "突发事件应对": ["修订专项应急预案11件，组织应急演练56次。"],
    "矛盾纠纷化解": {
        "事项": [
            "收到行政复议申请{{ 行政复议.收到 }}件，受理{{ 行政复议.受理 }}件，审结{{ 行政复议.审结 }}件，"
            "纠错{{ 行政复议.纠错 }}件，纠错率{{ 行政复议.纠错率 }}。一审行政应诉案件{{ 行政诉讼.应诉 }}件。"
        ],
        "指标": {
            "行政复议": {"收到": 40, "受理": 36, "审结": 34, "纠错": 9},
            "行政诉讼": {"应诉": 20, "审结": 18, "败诉": 1},
        },
    },
    "制约监督": ["办理人大代表建议146件，政协提案183件。"],
    "科技保障": ["上线区行政执法监督平台，运用电子证照87类。"],
    "普法和队伍": ["开展普法活动1320场。"],
    "不足和原因": [
        "一是部分领域执法规范化程度不高，主要是新入职执法人员培训不足。二是行政争议源头预防仍有短板，原因在于风险研判不到位。"
    ],
    "第一责任人": [
        "区委书记主持区委常委会会议听取法治政府建设汇报；区长主持区政府常务会议研究法治议题。"
    ],
    "下一年度安排": ["2025年，我区将继续抓好执法队伍培训，推进行政争议源头治理。"],
    "其他情况": ["本年度无其他需要报告的情况。"],
}


def base_yaml(**changes) -> str:
    """BASE with changes: a key set to None is deleted; a callable receives the data to edit."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if callable(value):
            value(data)
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _set(path: str, value):
    def edit(data):
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        if value is None:
            node.pop(last)
        else:
            node[last] = value

    return edit


DRAFT_OK = """明湖区2024年法治政府建设情况报告
2024年，明湖区持续推进法治政府建设。
一、2024年推进法治政府建设的主要举措和成效
全年完成法治政府建设年度任务46项，收到行政复议申请40件，受理36件，审结34件，纠错9件，纠错率26.5%。
二、2024年推进法治政府建设存在的不足和原因
一是执法规范化程度不高，主要是培训不足。
三、2024年党政主要负责人履行推进法治建设第一责任人职责情况
区委书记、区长认真履行第一责任人职责。
四、2025年推进法治政府建设的主要安排
2025年，我区将继续推进执法规范化。
五、其他需要报告的情况
无。
"""


def _draft_with(*paragraphs: str) -> str:
    """DRAFT_OK with paragraphs added to its first part."""
    first = "全年完成法治政府建设年度任务46项，"
    return DRAFT_OK.replace(first, "\n".join(paragraphs) + "\n" + first, 1)


UMBRELLA_FIRST_RESPONSIBLE = """明湖区2024年法治政府建设情况报告
一、2024年主要工作和成效
（一）党政主要负责人履行推进法治建设第一责任人职责
区委书记、区长认真履行第一责任人职责。
（二）提高依法决策水平
1.严格落实重大行政决策程序
2.强化合法性审查
二、2024年推进法治政府建设存在的不足和原因
一是执法规范化程度不高，主要是培训不足。
三、2025年推进法治政府建设的主要安排
2025年，我区将继续推进执法规范化。
四、其他需要报告的情况
无。
"""


def _report(unit: str, year: int, paragraphs: list[str]) -> str:
    body = "\n".join(paragraphs)
    return f"{unit}{year}年法治政府建设情况报告\n一、{year}年推进法治政府建设的主要举措和成效\n{body}\n"


def _corpus(*reports) -> dict:
    return {"corpus": list(reports), "region": "明湖区", "year": 2024}


OWN_2023 = (
    "区司法局牵头建立行政执法案卷季度评查通报机制，全年评查案卷31个，"
    "对评查发现的问题逐案反馈整改并纳入年度考核。"
)
FRESH = "今年首次组织街镇综合执法队开展交叉互评，由执法对象现场打分，评价结果向社会公开。"
STOCK = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政。"
)
STOCK_CORPUS = tuple(
    (f"{u}2023.txt", _report(u, 2023, [STOCK, f"{u}全年办理行政复议案件{n}件。"]), u, 2023)
    for n, u in enumerate(("青湾县", "东港区", "南川市"), 10)
)

# a sentence rewritten around 23 characters of OWN_2023 (a run; the sentences differ as wholes)
REWRITTEN = "今年区司法局牵头建立行政执法案卷季度评查通报机制，由执法对象现场打分。"
REWRITTEN_FIGURE = "今年全年评查案卷36个，对评查发现的问题逐案反馈，由执法对象现场打分。"
SHORT_RUN = (
    "今年首次建立行政执法案卷季度评查制度，由执法对象现场打分。"  # 建立行政执法案卷季度评查: 12
)
CITED_2023 = "认真贯彻《法治政府建设实施纲要（2021－2025年）》，制定本区实施方案。"
CITED = "对照《法治政府建设实施纲要（2021－2025年）》逐项梳理，形成年度任务清单。"
STOCK_RUN = "全面落实行政裁量权基准制度，细化量化裁量范围"
STOCK_RUN_DRAFT = f"今年{STOCK_RUN}并在执法平台上线。"
STOCK_RUN_CORPUS = tuple(
    (f"{u}2023.txt", _report(u, 2023, [f"{u}{STOCK_RUN}{tail}。"]), u, 2023)
    for u, tail in (
        ("青湾县", "，规范执法"),
        ("东港区", "，公开裁量基准"),
        ("南川市", "，开展案卷评查"),
    )
)

STOCK_BOTH_CORPUS = tuple(
    (name, _report(unit, 2023, [STOCK, f"{unit}{STOCK_RUN}，规范执法。"]), unit, 2023)
    for name, _, unit, _ in STOCK_RUN_CORPUS
)


def _own_2023_and(draft: str, earlier: str = OWN_2023):
    earlier_report = _report("明湖区", 2023, [earlier])
    return (
        "draft.txt",
        _report("明湖区", 2024, [draft]),
        _corpus(("明湖区2023.txt", earlier_report, "明湖区", 2023)),
    )


def _with_previous(claim: str, last_year: dict | None = None):
    """BASE with last year's 收到 (上年: 38) and a typed comparison after this year's (40)."""

    def edit(data):
        data["矛盾纠纷化解"]["事项"] = [f"收到行政复议申请{{{{ 行政复议.收到 }}}}件，{claim}。"]
        data["矛盾纠纷化解"]["指标"]["行政复议"]["上年"] = last_year or {"收到": 38}

    return edit


LAST_YEAR = _corpus(
    (
        "明湖区2023.txt",
        _report("明湖区", 2023, ["收到行政复议申请38件，审结36件。"]),
        "明湖区",
        2023,
    )
)

PLAN_YAML = """\
规划:
  标题: 明湖区法治政府建设“十四五”规划
  单位: 明湖区
  起始年度: 2021
  结束年度: 2025
任务:
  - 编号: （一）
    章: 一、健全行政执法工作体系
    标题: 深化街镇综合行政执法改革
    内容: 整合组建街镇综合行政执法队伍，实现街镇“一支队伍管执法”，稳步下放执法事项。
  - 编号: （二）
    章: 一、健全行政执法工作体系
    标题: 加强行政执法队伍培训
    内容: 确保执法人员每人每年接受不少于60学时的业务知识和法律法规培训。
  - 编号: （三）
    章: 二、健全公共法律服务体系
    标题: 完善公共法律服务平台
    内容: 推进区、街镇、居村三级公共法律服务实体平台标准化建设，实体、热线、网络平台融合发展。
指标:
  - 条目: （二）
    类型: 数值
    内容: 确保执法人员每人每年接受不少于60学时的业务知识和法律法规培训
    数值: 60
    单位: 学时
"""
ON_ENFORCEMENT = "街镇综合行政执法队全部组建，实现“一支队伍管执法”，分两批向街镇下放执法事项。"
ON_TRAINING = "组织执法人员业务知识和法律法规培训，执法人员人均参加培训62学时。"
ON_LEGAL_SERVICE = (
    "区、街镇、居村三级公共法律服务实体平台全部完成标准化建设，实体、热线、网络平台融合发展。"
)


def _planned(*paragraphs: str) -> tuple:
    """A 2025 draft of 明湖区 holding paragraphs, to be checked against PLAN_YAML."""
    return ("draft.txt", _draft_with(*paragraphs).replace("2024", "2025"), {"plan": PLAN_YAML})


EXAMPLES = {
    "document.plan": {
        "flag": [
            (
                "plan.txt",
                "明湖区法治政府建设“十四五”规划\n一、指导思想\n坚持以习近平法治思想为指导。\n",
            )
        ],
        "pass": [("draft.txt", DRAFT_OK)],
    },
    "structure.missing": {
        "flag": [
            ("data.yaml", base_yaml(第一责任人=None)),
            ("draft.txt", DRAFT_OK.split("二、")[0]),
        ],
        "pass": [("data.yaml", base_yaml()), ("draft.txt", DRAFT_OK)],
    },
    "structure.empty": {
        "flag": [
            (
                "draft.txt",
                DRAFT_OK.replace("五、其他需要报告的情况\n无。\n", "五、其他需要报告的情况\n"),
            )
        ],
        "pass": [
            ("draft.txt", DRAFT_OK),
            # the umbrella part's first item is the 第一责任人 part; the rest is under the next item
            ("draft.txt", UMBRELLA_FIRST_RESPONSIBLE),
        ],
    },
    "structure.no_causes": {
        "flag": [
            (
                "data.yaml",
                base_yaml(
                    不足和原因=[
                        "一是执法规范化水平还需进一步提升。二是基层治理法治化需要进一步加强。"
                    ]
                ),
            )
        ],
        "pass": [("data.yaml", base_yaml())],
    },
    "structure.one_head": {
        "flag": [
            (
                "data.yaml",
                base_yaml(第一责任人=["区长主持区政府常务会议研究法治议题，带头出庭应诉。"]),
            )
        ],
        "pass": [
            ("data.yaml", base_yaml()),
            ("data.yaml", base_yaml(第一责任人=["区委、区政府主要负责人认真履行第一责任人职责。"])),
            (
                "data.yaml",
                base_yaml(第一责任人=["党政主要负责人带头学法，亲自部署法治建设重要工作。"]),
            ),
            (
                "data.yaml",
                base_yaml(
                    第一责任人=["区委常委会专题研究法治建设；区长主持常务会议研究法治议题。"]
                ),
            ),
            (
                "data.yaml",
                base_yaml(第一责任人=["园区党工委书记、管委会主任带头履行推进法治建设职责。"]),
            ),
        ],
    },
    "structure.thematic_missing": {
        "flag": [("data.yaml", base_yaml(科技保障=None))],
        "pass": [("data.yaml", base_yaml())],
    },
    "structure.thin": {
        "flag": [("data.yaml", base_yaml(不足和原因=["工作还存在一些差距，有待进一步提高。"]))],
        "pass": [("data.yaml", base_yaml())],
    },
    "numbers.missing": {
        "flag": [("data.yaml", base_yaml(矛盾纠纷化解=["健全行政复议工作机制。"]))],
        "pass": [("data.yaml", base_yaml())],
    },
    "numbers.impossible": {
        "flag": [("data.yaml", base_yaml(x=_set("矛盾纠纷化解.指标.行政复议.受理", 45)))],
        "pass": [("data.yaml", base_yaml())],
    },
    "numbers.inconsistent": {
        "flag": [
            (
                "data.yaml",
                base_yaml(
                    x=_set("矛盾纠纷化解.事项", ["收到行政复议申请40件，受理36件，审结35件。"])
                ),
            ),
            ("draft.txt", DRAFT_OK.replace("纠错率26.5%", "纠错率30%")),
            (
                "draft.txt",
                _draft_with("全区行政执法人员1136名，持有执法证件的1109人，持证率98.6%。"),
            ),
            ("draft.txt", _draft_with("评查执法案卷200卷，评为优良的176卷，优良率90%。")),
            ("draft.txt", _draft_with("一审行政应诉案件20件，审结18件，败诉2件，败诉率5.6%。")),
            (
                "draft.txt",
                _draft_with(
                    "开庭审理行政诉讼案件16件，行政机关负责人出庭应诉15件，出庭应诉率100%。"
                ),
            ),
        ],
        "pass": [
            ("data.yaml", base_yaml()),
            ("draft.txt", DRAFT_OK),
            (
                "draft.txt",
                _draft_with("全区行政执法人员1136名，持有执法证件的1109人，持证率97.6%。"),
            ),
            ("draft.txt", _draft_with("评查执法案卷200卷，评为优良的176卷，优良率88%。")),
            ("draft.txt", _draft_with("一审行政应诉案件20件，审结18件，败诉1件，败诉率5.6%。")),
            # 开庭审理 is not 应诉: 15 of the 15 hearings, not of the 20 cases
            (
                "draft.txt",
                _draft_with(
                    "一审行政应诉案件20件，开庭审理15件，行政机关负责人出庭应诉15件，出庭应诉率100%。"
                ),
            ),
        ],
    },
    "numbers.conflict": {
        "flag": [
            (
                "draft.txt",
                _draft_with(
                    "全年收到行政复议申请40件，受理36件。",
                    "行政复议规范化建设成效明显，收到行政复议申请38件，全部依法处理。",
                ),
            )
        ],
        "pass": [
            ("draft.txt", DRAFT_OK),
            (
                "draft.txt",
                _draft_with(
                    "全年收到行政复议申请40件，受理36件。",
                    "收到行政复议申请数比上年的38件增加2件。",
                ),
            ),
        ],
    },
    "numbers.yoy": {
        "flag": [
            ("data.yaml", base_yaml(x=_with_previous("同比增长20%"))),
            ("data.yaml", base_yaml(x=_with_previous("比上年增加5件"))),
            ("data.yaml", base_yaml(x=_with_previous("同比持平"))),
            # a ；-clause without the word 行政复议 is still about its figure
            (
                "data.yaml",
                base_yaml(
                    x=_with_previous(
                        "同比增长5.3%；受理36件，同比增长50%", {"收到": 38, "受理": 30}
                    )
                ),
            ),
            # last year's figures read from last year's report in the corpus
            ("draft.txt", _draft_with("收到行政复议申请40件，同比下降10%。"), LAST_YEAR),
        ],
        "pass": [
            ("data.yaml", base_yaml()),
            ("data.yaml", base_yaml(x=_with_previous("同比增长5.3%"))),
            ("data.yaml", base_yaml(x=_with_previous("比上年增加2件"))),
            ("data.yaml", base_yaml(x=_with_previous("同比{{ 行政复议.收到.同比 }}"))),
            ("data.yaml", base_yaml(x=_with_previous("同比增长约一成"))),
            # the comparison is about something else than the figure before it
            ("data.yaml", base_yaml(x=_with_previous("其中涉企案件同比增长30%"))),
            ("draft.txt", _draft_with("收到行政复议申请40件，同比增长5.3%。"), LAST_YEAR),
        ],
    },
    "years.title": {
        "flag": [
            ("data.yaml", base_yaml(x=_set("报告.标题", "明湖区2023年法治政府建设情况报告"))),
            # a text draft whose title was left at last year's
            (
                "draft.txt",
                DRAFT_OK.replace("明湖区2024年法治政府建设", "明湖区2023年法治政府建设", 1),
            ),
        ],
        "pass": [
            ("data.yaml", base_yaml(x=_set("报告.标题", "明湖区2024年法治政府建设情况报告"))),
            ("draft.txt", DRAFT_OK),
        ],
    },
    "years.stale": {
        "flag": [
            ("draft.txt", DRAFT_OK.replace("一、2024年推进", "一、2023年推进")),
            (
                "data.yaml",
                base_yaml(
                    导语="2023年，明湖区持续推进法治政府建设。",
                    x=_set("主要举措和成效.概述", "2023年，全区完成年度任务46项。"),
                ),
            ),
            # last year's year in the middle of a sentence, in a text draft and in year data
            ("draft.txt", _draft_with("全区持续深化改革，2023年共办理行政复议案件34件。")),
            (
                "data.yaml",
                base_yaml(制约监督=["办理人大代表建议146件，2023年政协提案183件全部办结。"]),
            ),
            # and a year two back
            ("draft.txt", _draft_with("全区行政执法人员2022年全部完成年度培训。")),
        ],
        "pass": [
            ("draft.txt", DRAFT_OK),
            (
                "data.yaml",
                base_yaml(
                    x=_set("主要举措和成效.概述", "全面完成《2021—2025年规划》确定的2024年任务。")
                ),
            ),
            # legitimate mentions: plan periods, titles, comparisons, a start, a past assessment
            (
                "draft.txt",
                _draft_with(
                    "落实《法治政府建设实施纲要（2021—2025年）》，执行《2023年度工作要点》。",
                    "收到行政复议申请40件，较2023年增长5%，与2023年相比纠错率下降。",
                    "2023年以来累计培训执法人员3000人次，在2023年度考核中获评优秀，高于2022年同期。",
                ),
            ),
        ],
    },
    "years.next_plan": {
        "flag": [
            ("data.yaml", base_yaml(下一年度安排=["2024年，我区将继续抓好执法队伍培训。"])),
            ("draft.txt", DRAFT_OK.replace("四、2025年推进", "四、2024年推进")),
        ],
        "pass": [("data.yaml", base_yaml()), ("draft.txt", DRAFT_OK)],
    },
    "text.placeholder": {
        "flag": [
            ("data.yaml", base_yaml(制约监督=["办理人大代表建议XX件、政协提案183件。"])),
            ("draft.txt", DRAFT_OK.replace("无。", "【待补充】")),
            ("draft.txt", _draft_with("办理人大代表建议X余件，政协提案183件。")),
            ("draft.txt", _draft_with("办理人大代表建议××件，政协提案183件。")),
            ("draft.txt", _draft_with("办理人大代表建议＿＿件，政协提案183件。")),
            ("draft.txt", _draft_with("某某街道开展法治宣传活动。")),
            ("draft.txt", _draft_with("办理人大代表建议【】件，政协提案183件。")),
            ("draft.txt", _draft_with("办理人大代表建议……件，政协提案183件。")),
        ],
        "pass": [
            ("data.yaml", base_yaml()),
            (
                "draft.txt",
                _draft_with("为执法车辆配备X光安检设备，推行“马上办、网上办、就近办……”。"),
            ),
        ],
    },
    "place.foreign": {
        "flag": [
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "平乐县"),
                    突发事件应对=["完善安化县小淹镇、平口镇等地的防汛预案。"],
                ),
            ),
            # a town of another county
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "上海市杨浦区"),
                    突发事件应对=["指导五角场街道、淀山湖镇完善预案。"],
                ),
            ),
            # another district's short name in a slogan
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "杨浦区"),
                    普法和队伍=["深入推进法治宝山建设，开展普法活动1320场。"],
                ),
            ),
        ],
        "pass": [
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "平乐县"), 突发事件应对=["按照桂林市部署完善防汛预案。"]
                ),
            ),
            # the unit's own name written in full, its parents and its towns
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "上海市杨浦区"),
                    突发事件应对=["上海市杨浦区五角场街道完善预案，推进法治杨浦、平安杨浦建设。"],
                ),
            ),
            # a division name inside a longer word is not that division
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "杨浦区"),
                    突发事件应对=["加强金山区域合作，推进临港新城区建设，深化法治公安建设。"],
                ),
            ),
            # a department's own county and city
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.地区", "泾源县公安局"),
                    y=_set("报告.层级", "政府部门"),
                    突发事件应对=["在泾源县委、固原市公安局指导下完善预案。"],
                ),
            ),
        ],
    },
    "text.duplicated": {
        "flag": [
            (
                "data.yaml",
                base_yaml(
                    依法决策=[
                        "公布重大行政决策事项目录，列入事项9项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。"
                    ],
                    普法和队伍=[
                        "公布重大行政决策事项目录，列入事项9项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。"
                    ],
                ),
            ),
            ("draft.txt", DRAFT_OK + DRAFT_OK.split("\n", 1)[1]),
        ],
        "pass": [("data.yaml", base_yaml()), ("draft.txt", DRAFT_OK)],
    },
    "date.late": {
        "flag": [
            ("data.yaml", base_yaml(x=_set("报告.日期", "2025-04-15"))),
            (
                "data.yaml",
                base_yaml(
                    x=_set("报告.日期", "2025-03-10"),
                    y=_set("报告.层级", "政府部门"),
                    z=_set("报告.地区", "明湖区司法局"),
                    w=_set("报告.署名", "明湖区司法局"),
                ),
            ),
        ],
        "pass": [
            ("data.yaml", base_yaml()),
            ("data.yaml", base_yaml(x=_set("报告.日期", "2025-03-31"))),
            # the date it was delivered to the 人大常委会 is not the date it was written
            (
                "draft.txt",
                DRAFT_OK.replace(
                    "2024年，明湖区持续推进法治政府建设。",
                    "（2025年6月20日在明湖区人大常委会第二十次会议上）\n2024年，明湖区持续推进法治政府建设。",
                ),
            ),
        ],
    },
    "plan.not_covered": {
        "flag": [_planned(ON_ENFORCEMENT, ON_TRAINING)],
        "pass": [_planned(ON_ENFORCEMENT, ON_TRAINING, ON_LEGAL_SERVICE)],
    },
    "plan.target_unreported": {
        "flag": [_planned(ON_ENFORCEMENT, "组织执法人员开展业务知识和法律法规培训。")],
        "pass": [_planned(ON_ENFORCEMENT, ON_TRAINING)],
    },
    "text.empty": {
        "flag": [
            ("data.yaml", base_yaml(制约监督={"事项": [{"要点": "办理建议提案", "内容": ""}]}))
        ],
        "pass": [("data.yaml", base_yaml())],
    },
    "meta.date_missing": {
        "flag": [("data.yaml", base_yaml(x=_set("报告.日期", None)))],
        "pass": [("data.yaml", base_yaml())],
    },
    "reuse.self": {
        "flag": [
            (
                "draft.txt",
                _report("明湖区", 2024, [OWN_2023.replace("31个", "36个")]),
                _corpus(("明湖区2023.txt", _report("明湖区", 2023, [OWN_2023]), "明湖区", 2023)),
            ),
            _own_2023_and(REWRITTEN),  # a run of 23 characters in a sentence that differs
            _own_2023_and(REWRITTEN_FIGURE),  # the run holds a changed figure
        ],
        "pass": [
            (
                "draft.txt",
                _report("明湖区", 2024, [FRESH]),
                _corpus(("明湖区2023.txt", _report("明湖区", 2023, [OWN_2023]), "明湖区", 2023)),
            ),
            _own_2023_and(SHORT_RUN),  # 12 characters in common: under run_min_chars
            _own_2023_and(CITED, earlier=CITED_2023),  # only a cited document's title in common
        ],
    },
    "reuse.cross": {
        "flag": [
            (
                "draft.txt",
                _report("明湖区", 2024, [FRESH, OWN_2023]),
                _corpus(("青湾县2024.txt", _report("青湾县", 2024, [OWN_2023]), "青湾县", 2024)),
            ),
            (
                "draft.txt",
                _report("明湖区", 2024, [REWRITTEN]),
                _corpus(("青湾县2024.txt", _report("青湾县", 2024, [OWN_2023]), "青湾县", 2024)),
            ),
        ],
        "pass": [
            (
                "draft.txt",
                _report("明湖区", 2024, [FRESH]),
                _corpus(("青湾县2024.txt", _report("青湾县", 2024, [OWN_2023]), "青湾县", 2024)),
            ),
            (
                "draft.txt",
                _report("明湖区", 2024, [SHORT_RUN]),
                _corpus(("青湾县2024.txt", _report("青湾县", 2024, [OWN_2023]), "青湾县", 2024)),
            ),
        ],
    },
    "reuse.stock": {
        "flag": [
            ("draft.txt", _report("明湖区", 2024, [STOCK + FRESH]), _corpus(*STOCK_CORPUS)),
            ("draft.txt", _report("明湖区", 2024, [STOCK_RUN_DRAFT]), _corpus(*STOCK_RUN_CORPUS)),
            (  # a stock sentence and a stock run in one paragraph
                "draft.txt",
                _report("明湖区", 2024, [STOCK + STOCK_RUN_DRAFT]),
                _corpus(*STOCK_BOTH_CORPUS),
            ),
        ],
        "pass": [
            ("draft.txt", _report("明湖区", 2024, [FRESH]), _corpus(*STOCK_CORPUS)),
            ("draft.txt", _report("明湖区", 2024, [FRESH]), _corpus(*STOCK_RUN_CORPUS)),
        ],
    },
    # ── Word drafts: (file name, builder) — the builder writes the .docx ──
    "format.paper": {
        "flag": [("draft.docx", fx.planted(fx.letter_paper))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.margins": {
        "flag": [("draft.docx", fx.planted(fx.word_default_margins))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.body_font": {
        "flag": [
            ("draft.docx", fx.planted(fx.body_in_songti)),
            ("draft.docx", fx.planted(fx.body_style_size)),
        ],
        "pass": [
            ("draft.docx", fx.good_docx),
            ("draft.docx", fx.planted(fx.body_in_plain_fangsong)),
        ],
    },
    "format.title_font": {
        "flag": [("draft.docx", fx.planted(fx.title_in_heiti_18pt_left))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.heading_font": {
        "flag": [("draft.docx", fx.planted(fx.level1_in_fangsong))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.line_spacing": {
        "flag": [("draft.docx", fx.planted(fx.single_spacing))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.first_line": {
        "flag": [("draft.docx", fx.planted(fx.no_first_line_indent))],
        "pass": [
            ("draft.docx", fx.good_docx),
            # no date: the issuer line alone closes the report, flush with its own indent
            ("draft.docx", fx.built(x=_set("报告.日期", None))),
        ],
    },
    "format.page_number": {
        "flag": [("draft.docx", fx.planted(fx.page_number_centred))],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.date": {
        "flag": [
            ("draft.docx", fx.planted(fx.date_with_leading_zeros)),
            ("draft.docx", fx.planted(fx.date_in_chinese_numerals)),
        ],
        "pass": [("draft.docx", fx.good_docx)],
    },
    "format.signature": {
        "flag": [
            ("draft.docx", fx.planted(fx.signature_shifted)),
            ("draft.docx", fx.planted(fx.date_flush_right)),
        ],
        "pass": [("draft.docx", fx.good_docx)],
    },
}
