"""Year over year: one verdict for YAML and the .docx it builds, lineage from `init --from`,
last year's report always in the comparison, 同比 from data, figures written as reports
write them."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.api import check, open_corpus
from drafter.core.comparison import large_number
from drafter.core.schema import load_schema
from drafter.drafting.build import build
from drafter.read.report import report_from_file
from drafter.reuse.analysis import analyse
from drafter.reuse.analysis import findings as reuse_findings
from drafter.reuse.corpus import Corpus
from drafter.reuse.sentences import changed_numbers
from tests.check_examples import base_yaml
from tests.conftest import EXAMPLE

# sections filled by pasting last year's text (with this year's figures); the last two parts
# are left as init wrote them
FILLED = ("党的领导", "职能履行", "矛盾纠纷化解", "不足和原因", "第一责任人")


def _init_from_example(cli, tmp_path) -> tuple[dict, dict]:
    """`drafter init --from` last year's file (copied beside the new one): (this year, last)."""
    last_path = tmp_path / "明湖区2024.yaml"
    last_path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("init", "--from", last_path, "-o", tmp_path / "明湖区2025.yaml")
    assert result.returncode == 0, result.stderr
    this = yaml.safe_load((tmp_path / "明湖区2025.yaml").read_text(encoding="utf-8"))
    return this, yaml.safe_load(last_path.read_text(encoding="utf-8"))


def _fill_part(this: dict, last: dict) -> dict:
    """Paste last year's items into some sections and give their counts new values."""
    for key in FILLED:
        old = last[key]
        items = old["事项"] if isinstance(old, dict) else old
        this[key]["事项"] = items
        for group, counts in (old.get("指标") or {}).items() if isinstance(old, dict) else []:
            this[key]["指标"][group].update({k: v + 3 for k, v in counts.items()})
    this["报告"]["日期"] = "2026-03-06"
    return this


def test_round_trip_one_verdict_and_last_years_report_compared(cli, tmp_path):
    this, last = _init_from_example(cli, tmp_path)
    data = tmp_path / "明湖区2025.yaml"
    data.write_text(yaml.safe_dump(_fill_part(this, last), allow_unicode=True), encoding="utf-8")
    db = tmp_path / "corpus.sqlite"  # a fresh corpus: the seeds only, no `corpus add`
    from_yaml = json.loads(
        cli("check", data, "-f", "json", "--db", db, "--fail-on", "never").stdout
    )
    built = tmp_path / "明湖区2025.docx"
    assert cli("build", data, "-o", built).returncode == 0
    from_docx = json.loads(
        cli("check", built, "-f", "json", "--no-reuse", "--fail-on", "never").stdout
    )
    assert from_yaml["summary"]["parts_missing"] == ["next_year", "other"]
    assert from_yaml["summary"]["parts_missing"] == from_docx["summary"]["parts_missing"]
    assert _structure(from_yaml) == _structure(from_docx)
    reuse = from_yaml["summary"]["reuse"]
    assert reuse["share"] >= 0.8, reuse
    assert (
        reuse["sources"][0]["file"].endswith("明湖区2024.yaml")
        and reuse["sources"][0]["year"] == 2024
    )
    changes = " ".join(f["message"] for f in from_yaml["findings"] if f["rule"] == "reuse.self")
    assert "186→189" in changes  # 收到行政复议申请: last year's figure beside this year's


def _structure(report: dict) -> set:
    return {
        (f["rule"], f["part"]) for f in report["findings"] if f["rule"].startswith("structure.")
    }


def test_a_skeleton_checks_listing_everything_to_fill(cli, tmp_path):
    data = tmp_path / "明湖区2025.yaml"
    assert cli("init", "--region", "明湖区", "--year", "2025", "-o", data).returncode == 0
    result = cli("check", data, "-f", "json", "--no-reuse")
    assert result.returncode == 1, result.stderr  # findings, not "cannot build"
    report = json.loads(result.stdout)
    assert report["summary"]["parts_present"] == []
    missing = {f["part"] for f in report["findings"] if f["rule"] == "structure.missing"}
    assert missing == {"achievements", "shortcomings", "first_responsible", "next_year", "other"}
    empty = [f for f in report["findings"] if f["rule"] == "text.empty"]
    assert len(empty) >= 15
    assert all(re.fullmatch(r".*明湖区2025\.yaml:\d+:\d+", f["location"]) for f in empty)
    assert any(f["rule"] == "meta.date_missing" for f in report["findings"])


def test_an_empty_part_is_missing_in_yaml_as_in_the_docx(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(base_yaml(其他情况=[""], 第一责任人={"事项": []}), encoding="utf-8")
    docx = tmp_path / "data.docx"
    build(data, docx)
    verdicts = [check(path, reuse=False) for path in (data, docx)]
    for result in verdicts:
        assert result.json()["summary"]["parts_missing"] == ["first_responsible", "other"]
    assert not any(f.rule == "structure.empty" for r in verdicts for f in r.findings)


def test_annotate_yaml_comments_only_paragraphs_that_exist(cli, tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(
        base_yaml(其他情况=None, 制约监督=["办理人大代表建议XX件、政协提案183件。"]),
        encoding="utf-8",
    )
    out = tmp_path / "annotated.docx"
    assert cli("check", data, "--annotate", out, "--fail-on", "never").returncode == 0
    docx = open_docx(str(out))
    anchored = {}
    for comment in docx.comments:
        anchored[comment.text] = comment
    texts = [p.text for p in docx.paragraphs]
    assert not any("只有标题" in text for text in anchored)
    placeholder = next(c for text, c in anchored.items() if "text.placeholder" in text)
    missing = next(c for text, c in anchored.items() if "structure.missing" in text)
    body = _commented_paragraphs(out)
    assert any("XX件" in texts[i] for i in body[placeholder.comment_id])
    assert body[missing.comment_id] == [0]  # the title: the missing part has no paragraph


def _commented_paragraphs(path) -> dict[int, list[int]]:
    """comment id -> indices of the paragraphs its range starts in."""
    docx = open_docx(str(path))
    out: dict[int, list[int]] = {}
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for i, paragraph in enumerate(docx.paragraphs):
        for start in paragraph._p.iter(f"{ns}commentRangeStart"):
            out.setdefault(int(start.get(f"{ns}id")), []).append(i)
    return out


def test_corpus_add_takes_year_data(cli, tmp_path):
    db = tmp_path / "corpus.sqlite"
    added = cli("corpus", "add", EXAMPLE, "--db", db)
    assert added.returncode == 0, added.stderr
    assert "已入库：明湖区 2024" in added.stderr
    listing = cli("corpus", "list", "--db", db).stdout
    assert re.search(r"明湖区\s+2024\s+报告.*明湖区2024\.yaml", listing), listing


# ── 同比 ────────────────────────────────────────────────────────────────────

# (last year, this year, the 同比 reports write): a percentage, the count for a small base, 持平
CASES = [(200, 250, "增长25%"), (160, 140, "下降12.5%"), (5, 8, "增长3{unit}"), (40, 40, "持平")]


def _every_group_yaml() -> tuple[str, list[str]]:
    """Year data with every count of every metric group, its 上年, and {{ x.y.同比 }} for each."""
    data = yaml.safe_load(base_yaml())
    expected, n = [], 0
    for group in load_schema().metric_groups():
        home = next(s for s in load_schema().sections if s.id == group.section).key
        section = data[home] if isinstance(data.get(home), dict) else {"事项": data.get(home) or []}
        section.setdefault("指标", {})[group.key] = counts = {"上年": {}}
        for count in group.counts:
            last, now, words = CASES[n % len(CASES)]
            counts[count.key], counts["上年"][count.key] = now, last
            section["事项"] = section["事项"] + [
                f"{count.title}{{{{ {group.key}.{count.key}.同比 }}}}。"
            ]
            expected.append(f"{count.title}{words.format(unit=count.unit)}。")
            n += 1
        data[home] = section
    return yaml.safe_dump(data, allow_unicode=True), expected


def test_yoy_for_every_metric_group(tmp_path):
    text, expected = _every_group_yaml()
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    rendered = build(data, fmt="txt").text
    for sentence in expected:
        assert sentence in rendered, sentence
    assert not [f for f in check(data, reuse=False).findings if f.rule == "numbers.yoy"]


def _claim_yaml(claim: str, year: int = 2025, received: int = 210, last: int | None = 200) -> str:
    def edit(data):
        data["报告"]["年度"], data["报告"]["日期"] = year, f"{year + 1}-03-06"
        data["矛盾纠纷化解"]["事项"] = [f"收到行政复议申请{{{{ 行政复议.收到 }}}}件，{claim}。"]
        counts = data["矛盾纠纷化解"]["指标"]["行政复议"]
        counts.update(收到=received, 受理=received - 4)
        if last is not None:
            counts["上年"] = {"收到": last}

    return base_yaml(x=edit)


def test_a_false_yoy_claim_in_year_data_is_flagged_where_it_is_written(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(_claim_yaml("同比增长20%"), encoding="utf-8")
    found = [f for f in check(data, reuse=False).findings if f.rule == "numbers.yoy"]
    assert len(found) == 1 and "应为增长5%" in found[0].message
    line = next(
        i
        for i, t in enumerate(data.read_text(encoding="utf-8").splitlines(), 1)
        if "同比增长20%" in t
    )
    assert found[0].location.startswith(f"{data}:{line}:")
    data.write_text(_claim_yaml("同比增长5%"), encoding="utf-8")
    assert not [f for f in check(data, reuse=False).findings if f.rule == "numbers.yoy"]


def test_a_false_yoy_claim_in_a_docx_is_flagged_from_last_years_report(cli, tmp_path):
    last = tmp_path / "明湖区2024.yaml"
    last.write_text(_claim_yaml("案件数量保持稳定", 2024, 200, None), encoding="utf-8")
    db = tmp_path / "corpus.sqlite"
    assert cli("corpus", "add", last, "--db", db).returncode == 0  # last year's, as year data
    this = tmp_path / "明湖区2025.yaml"
    this.write_text(_claim_yaml("同比增长20%", last=None), encoding="utf-8")
    docx = tmp_path / "明湖区2025.docx"
    build(this, docx)
    result = check(docx, db=db)
    found = [f for f in result.findings if f.rule == "numbers.yoy"]
    assert len(found) == 1, result.text()
    assert "上年 200件、今年 210件，应为增长5%" in found[0].message
    assert re.search(r"段落\d+$", found[0].location)
    assert "明湖区2024.yaml" in result.report.previous_source


def test_previous_figures_found_by_unit_identity(tmp_path):
    db = tmp_path / "corpus.sqlite"
    last = tmp_path / "last.txt"
    last.write_text(
        "上海市杨浦区2023年法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n"
        "全年收到行政复议申请38件，审结36件。\n",
        encoding="utf-8",
    )
    with open_corpus(db) as corpus:
        corpus.add(last)
    this = tmp_path / "this.txt"
    this.write_text(
        "杨浦区2024年法治政府建设情况报告\n一、2024年推进法治政府建设的主要举措和成效\n"
        "全年收到行政复议申请40件，同比增长20%。\n",
        encoding="utf-8",
    )
    result = check(this, db=db)
    assert result.report.previous == {"行政复议": {"收到": 38, "审结": 36}}
    assert [f.rule for f in result.findings].count("numbers.yoy") == 1


def test_large_figures_are_written_with_wan_and_yi():
    assert large_number(510000) == "51万"
    assert large_number(123456789) == "1.23亿"
    assert large_number(99999) is None  # below 10万: written in full
    assert large_number(1234567) == "123.46万"


# ── changed figures paired right ────────────────────────────────────────────

# phrases with one figure each (no two alike), and the kind of figure they hold
PHRASES = [
    ("收到行政复议申请{}件", "count"),
    ("依法受理{}件", "count"),
    ("审结{}件", "count"),
    ("纠错率{}", "rate"),
    ("自{}年起推行", "year"),
    ("办理人大代表建议{}件", "count"),
    ("持证率{}", "rate"),
    ("开展普法活动{}场", "count"),
    ("较{}年有所提高", "year"),
    ("法律顾问{}名", "count"),
]
INSERTED = "另新设街镇法律服务工作站{}个"


def _figures(kind: str):
    """Figures of a kind, as reports write them."""
    if kind == "year":
        return st.integers(2010, 2024).map(str)
    if kind == "rate":
        return st.sampled_from(["12.5%", "100%", "98.6%", "3%", "26.5%", "0.8%", "45%"])
    return st.integers(1, 99999).map(str)


@st.composite
def edits(draw):
    """(old sentence, new sentence, the changed pairs in order): k figures of a sentence
    changed, each to another figure of its kind; sometimes a figure added as well."""
    chosen = draw(st.lists(st.sampled_from(PHRASES), min_size=3, max_size=8, unique=True))
    old = [draw(_figures(kind)) for _, kind in chosen]
    changed = draw(st.sets(st.integers(0, len(chosen) - 1), min_size=1))
    new = list(old)
    for i in sorted(changed):
        new[i] = draw(_figures(chosen[i][1]).filter(lambda v, i=i: v != old[i]))
    texts = [[p.format(v) for (p, _), v in zip(chosen, values)] for values in (old, new)]
    if draw(st.booleans()):
        texts[1].insert(
            draw(st.integers(0, len(chosen))), INSERTED.format(draw(st.integers(1, 99)))
        )
    pairs = [(old[i], new[i]) for i in sorted(changed)]
    return "，".join(texts[0]) + "。", "，".join(texts[1]) + "。", pairs


@settings(max_examples=200, deadline=None)
@given(edits())
def test_changed_figures_are_exactly_the_changed_pairs(edit):
    old, new, pairs = edit
    assert changed_numbers(new, old) == pairs


OLD_PARAGRAPH = (
    "区政府收到行政复议申请152件，依法受理140件，审结133件，纠错率15.8%。"
    "全区行政执法人员1098名，持证1052名，持证率95.8%，2023年起全面推行执法全过程记录。"
    "办理人大代表建议146件、政协提案183件，开展普法活动1320场，受众51万人次。"
)
_FIGURES = list(re.finditer(r"\d+(?:\.\d+)?%?", OLD_PARAGRAPH))


@pytest.fixture(scope="module")
def last_years_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("changed")
    last = folder / "明湖区2023.txt"
    last.write_text(
        f"明湖区2023年法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n{OLD_PARAGRAPH}\n",
        encoding="utf-8",
    )
    corpus = Corpus(folder / "corpus.sqlite", seed=False)
    corpus.add(last, issuer="明湖区", year=2023)
    yield corpus, folder
    corpus.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_reuse_finding_lists_exactly_the_k_changed_figures(last_years_corpus, data):
    corpus, folder = last_years_corpus
    changed = sorted(data.draw(st.sets(st.integers(0, len(_FIGURES) - 1), min_size=1, max_size=6)))
    text, pairs, cursor = [], [], 0
    for i, match in enumerate(_FIGURES):
        old = match.group()
        new = old
        if i in changed:
            new = _bumped(old, data.draw(st.integers(1, 9)))
            pairs.append((old, new))
        text += [OLD_PARAGRAPH[cursor : match.start()], new]
        cursor = match.end()
    paragraph = "".join(text) + OLD_PARAGRAPH[cursor:]
    if data.draw(st.booleans()):  # a figure added this year pairs with nothing
        paragraph = re.sub(r"(审结\d+件)", rf"\1，纠错{data.draw(st.integers(1, 99))}件", paragraph)
    draft = folder / "明湖区2024.txt"
    draft.write_text(
        f"明湖区2024年法治政府建设情况报告\n一、2024年推进法治政府建设的主要举措和成效\n{paragraph}\n",
        encoding="utf-8",
    )
    report = report_from_file(draft)
    found = [f for f in reuse_findings(analyse(report, corpus)) if f.rule == "reuse.self"]
    assert len(found) == 1
    listed = found[0].message.split("数字改动：")[1].split("、")
    assert listed == [f"{a}→{b}" for a, b in pairs]


def _bumped(figure: str, step: int) -> str:
    """Another figure of the same kind: a year stays a plausible year, a rate a rate."""
    if figure.endswith("%"):
        return f"{float(figure[:-1]) - step / 10:g}%"
    if len(figure) == 4 and figure.startswith("20"):
        return str(int(figure) - step % 5 - 1)
    return str(int(figure) + step)
