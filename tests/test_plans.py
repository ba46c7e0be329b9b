"""规划对账: a plan's goals, tasks and targets read from the document, its editable PLAN.yaml,
and which tasks and targets the unit's reports cover — this year and over the plan period."""

from __future__ import annotations

import json
import subprocess

import pytest

from drafter.api import check, plan_yaml, read_plan
from drafter.core.errors import DataError
from drafter.core.normalize import normalize
from drafter.plans.form import parse_plan
from tests.conftest import ROOT
from tests.plan_fixtures import COVERED, GOALS, PLAN_SEED, TARGETS, TASKS, report_2025
from tests.test_reuse import CHROMIUM_FLAGS, _chromium

SEED = ROOT / PLAN_SEED


@pytest.fixture(scope="module")
def plan():
    return read_plan(SEED)


def test_the_seed_plans_tasks_are_read_with_their_chapter_and_title(plan):
    read = {t.label: t for t in plan.tasks}
    right = [
        label
        for label, (chapter, title) in TASKS.items()
        if label in read
        and read[label].chapter.startswith(f"{chapter}、")
        and normalize(read[label].title) == normalize(title)
        and len(read[label].text) > 20
    ]
    assert len(right) >= 0.9 * len(TASKS), sorted(set(TASKS) - set(right))
    assert set(read) <= set(TASKS)  # nothing read as a task that is not one
    assert {g.label: g.title for g in plan.goals} == GOALS
    assert (plan.unit, plan.start, plan.end) == ("上海市宝山区", 2021, 2025)


def test_every_quantified_target_of_the_seed_plan_is_read(plan):
    read = [(t.item, t.kind, t.year if t.kind == "时限" else t.value, t.unit) for t in plan.targets]
    assert sorted(read) == sorted(TARGETS)


def test_a_report_covering_half_the_tasks_leaves_exactly_the_other_half(tmp_path, plan):
    form = tmp_path / "PLAN.yaml"
    form.write_text(plan_yaml(plan), encoding="utf-8")
    report = tmp_path / "宝山区2025.txt"
    report.write_text(report_2025(), encoding="utf-8")
    result = check(report, reuse=False, plan=form)
    not_covered = {
        f.message.split("规划任务")[1].split("）")[0] + "）"
        for f in _rule(result, "plan.not_covered")
    }
    assert not_covered == set(TASKS) - set(COVERED)
    rows = {row.task.label: row for row in result.plan.tasks}
    for label, paragraph in COVERED.items():
        assert rows[label].passage.text == paragraph  # with the paragraph that covers it
    assert all(f.location.startswith(f"{form}:") for f in _rule(result, "plan.not_covered"))


def _rule(result, rule_id: str) -> list:
    return [f for f in result.findings if f.rule == rule_id]


def test_targets_reported_or_not_and_final_year_warnings(tmp_path, plan):
    form = tmp_path / "PLAN.yaml"
    form.write_text(plan_yaml(plan), encoding="utf-8")
    report = tmp_path / "宝山区2025.txt"
    report.write_text(report_2025(), encoding="utf-8")
    result = check(report, reuse=False, plan=form)
    reported = {
        (r.target.item, r.target.unit or r.target.year) for r in result.plan.targets if r.passage
    }
    # 4人 (司法所), 2024年底前 (执法监督体系), 2期 (专题讲座), 2023年 (中期评估) are written about
    assert reported == {
        ("（十）", "人"),
        ("（四十八）", 2024),
        ("（五十六）", "期"),
        ("（五十八）", 2023),
    }
    unreported = _rule(result, "plan.target_unreported")
    assert len(unreported) == len(TARGETS) - 4
    assert {f.severity.name for f in unreported} == {"WARNING"}  # 2025: the plan's final year
    earlier = tmp_path / "宝山区2023.txt"
    earlier.write_text(
        report_2025().replace("2025", "2023").replace("2026", "2024"), encoding="utf-8"
    )
    result = check(earlier, reuse=False, plan=form)
    assert {f.severity.name for f in _rule(result, "plan.target_unreported")} == {"INFO"}


def test_plan_yaml_reads_back_and_reports_every_mistake_located(plan):
    again = parse_plan(plan_yaml(plan), "PLAN.yaml")
    assert [(t.label, t.chapter, t.title) for t in again.tasks] == [
        (t.label, t.chapter, t.title) for t in plan.tasks
    ]
    assert [(t.item, t.kind, t.value, t.unit, t.year) for t in again.targets] == [
        (t.item, t.kind, t.value, t.unit, t.year) for t in plan.targets
    ]
    broken = (
        plan_yaml(plan)
        .replace("条目: （十）", "条目: （一百）")
        .replace("结束年度: 2025", "结束年度: 2020")
    )
    with pytest.raises(DataError) as caught:
        parse_plan(broken, "PLAN.yaml")
    text = str(caught.value)
    assert "结束年度早于起始年度" in text and "“（一百）”不在“任务”或“目标”中" in text
    assert text.count("PLAN.yaml:") >= 2
    with pytest.raises(DataError, match=r"PLAN\.yaml:\d+:\d+: 取值“数字”无效"):
        parse_plan(plan_yaml(plan).replace("类型: 数值", "类型: 数字", 1), "PLAN.yaml")


def test_plan_stored_in_the_corpus_is_reconciled_over_the_period(cli, tmp_path, plan):
    db = tmp_path / "corpus.sqlite"
    assert cli("corpus", "add", SEED, "--region", "宝山区", "--db", db).returncode == 0
    last = (
        tmp_path / "宝山区2024.txt"
    )  # last year's report covered the tasks this year's leaves out
    odd = [label for label in TASKS if label not in COVERED][:5]
    wording = {t.label: t.text for t in plan.tasks}  # a lazy report: the plan's own words
    text = report_2025({label: wording[label] for label in odd})
    last.write_text(text.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")
    assert cli("corpus", "add", last, "--db", db).returncode == 0
    this = tmp_path / "宝山区2025.txt"
    this.write_text(report_2025(), encoding="utf-8")
    html = tmp_path / "对账.html"
    result = cli("check", this, "--db", db, "-f", "json", "--fail-on", "never", "--plan-html", html)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    summary = report["summary"]["plan"]  # found in the corpus: no --plan given
    assert summary["final_year"] and [c["year"] for c in summary["compared"]] == [2024]
    by_label = {t["label"]: t for t in summary["tasks"]}
    assert all(
        by_label[label]["years"] == [2024] and not by_label[label]["covered"] for label in odd
    )
    findings = {
        f["message"]: f["severity"] for f in report["findings"] if f["rule"] == "plan.not_covered"
    }
    assert sum("2024年的报告写到过" in m for m in findings) == len(odd)
    never = [s for m, s in findings.items() if "仍没有任何一年的报告写到" in m]
    assert len(never) == len(TASKS) - len(COVERED) - len(odd) and set(never) == {"warning"}
    assert html.read_text(encoding="utf-8").count("<tr class=") == len(TASKS) + len(TARGETS)


@pytest.mark.slow
def test_plan_table_in_a_real_browser(tmp_path, plan):
    chromium = _chromium()
    form = tmp_path / "PLAN.yaml"
    form.write_text(plan_yaml(plan), encoding="utf-8")
    report = tmp_path / "宝山区2025.txt"
    report.write_text(report_2025(), encoding="utf-8")
    html = tmp_path / "plan.html"
    html.write_text(check(report, reuse=False, plan=form).plan_html(), encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert dom.count('<tr class="yes">') == len(COVERED) + 4
    assert dom.count('<tr class="no">') == len(TASKS) - len(COVERED) + len(TARGETS) - 4
    assert (
        "厘清政府与市场、政府与社会的边界" in dom and "规划对账：宝山区全面推进法治政府建设" in dom
    )
