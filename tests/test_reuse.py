"""The reuse half of the check: units, matching, classification, the corpus store, crosscheck, HTML."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.api import check
from drafter.read.unit import same_unit
from drafter.reuse.corpus import Corpus
from drafter.reuse.index import GramIndex
from drafter.reuse.matching import match_sentences
from drafter.reuse.sentences import _NUMBER as NUMBER
from drafter.reuse.sentences import changed_numbers, mask_numbers, sentences_of
from drafter.reuse.settings import ReuseSettings
from tests.conftest import EXAMPLE, ROOT, SHARED_CORPUS

GWR = SHARED_CORPUS / "state_council_gwr"


def test_numbers_are_masked_and_changes_listed():
    this, last = (
        sentences_of("2024年收到行政复议申请41件，纠错率26.5%。")[0],
        sentences_of("2023年收到行政复议申请37件，纠错率30%。")[0],
    )
    assert this.masked == last.masked == "#年收到行政复议申请#件，纠错率#。"
    assert changed_numbers(this, last) == [("2023", "2024"), ("37", "41"), ("30%", "26.5%")]
    assert mask_numbers("二〇二三年处理一百二十件") == "#年处理#件"


def test_sentences_split_on_chinese_stops_and_keep_offsets():
    text = "第一句。第二句；第三句！第四句？\n第五句"
    units = sentences_of(text, normalised=True)
    assert [u.text for u in units] == ["第一句。", "第二句；", "第三句！", "第四句？", "第五句"]
    assert all(text[u.start : u.end] == u.text for u in units)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet="法治政府建设行政复议执法监督推进全面依法治区落实年件项",
            min_size=12,
            max_size=40,
        ),
        min_size=1,
        max_size=30,
    )
)
def test_every_sentence_finds_itself(corpus):
    """The index never loses an exact copy: a sentence matched against a corpus containing it scores 100."""
    reuse = ReuseSettings.load()
    index = GramIndex.build(corpus, reuse.ngram)
    found = match_sentences(index, corpus, corpus, reuse)
    for i, hits in enumerate(found):
        assert any(corpus[cid] == corpus[i] and score == 100 for cid, score in hits)


def test_a_common_sentence_with_typos_is_found_by_its_rarest_present_grams():
    """Every gram of a much-copied sentence is over the stopgram cap; the draft's typos make
    grams found nowhere. The rarest grams expanded are the present ones, so the copies are
    still found (ranking absent grams first left none to expand)."""
    reuse = dataclasses.replace(ReuseSettings.load(), min_grams=3)
    sentence = "国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件"
    corpus = [sentence] * 40 + ["其他无关的句子用来凑数而已没有共同的字"] * 5
    draft = sentence.replace("命令", "绝令").replace("文件", "文顽")
    index = GramIndex.build(corpus, reuse.ngram)
    hits = match_sentences(index, corpus, [draft], reuse, cap=10)[0]
    assert sorted(cid for cid, _ in hits) == list(range(40))


def test_near_copies_missing_the_rarest_grams_are_found_within_rare_postings():
    """Every gram of the sentence is over the cap and its three rarest sit together at the end,
    which most copies changed: those copies share none of them. Expanding the rarest grams up
    to rare_postings postings proposes them too; the shared grams needed stay those of the
    three, so nothing else changes."""
    reuse = dataclasses.replace(ReuseSettings.load(), min_grams=3)
    sentence = "各级行政机关要严格依照法定权限和程序履行职责并及时公开结果"
    changed = sentence[:-4] + "公布情况"  # ratio with the sentence ≥ 82, end grams gone
    corpus = [changed] * 20 + [sentence] * 10
    index = GramIndex.build(corpus, reuse.ngram)
    only_rarest = match_sentences(index, corpus, [sentence], reuse, cap=5, rare=0)[0]
    assert sorted(cid for cid, _ in only_rarest) == list(range(20, 30))
    within = match_sentences(index, corpus, [sentence], reuse, cap=5, rare=100)[0]
    assert sorted(cid for cid, _ in within) == list(range(30))


needs_corpus = pytest.mark.skipif(
    not GWR.is_dir() and not os.environ.get("CI"), reason="../shared/corpus not present"
)


@needs_corpus
def test_consecutive_government_work_reports_show_self_reuse(tmp_path):
    db = tmp_path / "gwr.sqlite"
    with Corpus(db, seed=False) as corpus:
        for year in (2022, 2023):
            assert corpus.add(GWR / f"gwr_{year}.txt", issuer="国务院", year=year)[0] == "added"
    result = check(GWR / "gwr_2024.txt", reuse=True, db=db, region="国务院", year=2024)
    reused = [f for f in result.findings if f.rule == "reuse.self"]
    assert len(reused) >= 10
    assert {s["year"] for s in result.reuse.sources} == {2022, 2023}
    opening = next(f for f in reused if "向大会报告政府工作" in f.evidence)
    assert "2023年国务院《政府工作报告》" in opening.message
    employment = next(p for p in result.reuse.paragraphs if "城镇新增就业" in p.passage.norm)
    assert ("1269", "1244") in employment.changed or ("1206", "1244") in employment.changed
    assert not [f for f in result.findings if f.rule == "reuse.cross"]


def _numbers_bumped(text: str) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text)


def test_last_years_report_with_new_numbers_is_over_90_percent(cli, tmp_path):
    db = tmp_path / "corpus.sqlite"
    last = tmp_path / "明湖区2024年法治政府建设情况报告.txt"
    assert cli("build", EXAMPLE, "-f", "txt", "-o", last).returncode == 0
    assert cli("corpus", "add", last, "--db", db).returncode == 0
    this = tmp_path / "明湖区2025年法治政府建设情况报告.txt"
    original = last.read_text(encoding="utf-8")
    this.write_text(_numbers_bumped(original), encoding="utf-8")
    result = cli("check", this, "--db", db, "-f", "json", "--fail-on", "never")
    report = json.loads(result.stdout)
    share = report["summary"]["reuse"]["share"]
    assert share >= 0.9, share
    messages = " ".join(f["message"] for f in report["findings"] if f["rule"] == "reuse.self")
    before, after = _body_paragraphs(original), _body_paragraphs(this.read_text(encoding="utf-8"))
    expected = {(a, b) for a, b in zip(NUMBER.findall(before), NUMBER.findall(after)) if a != b}
    assert len(expected) > 50
    for old, new in expected:
        assert f"{old}→{new}" in messages, f"changed figure {old}→{new} not listed"


def _body_paragraphs(text: str) -> str:
    """The paragraphs reuse compares: not the title, headings, numbering labels or signature lines."""
    lines = [line.strip() for line in text.splitlines()[1:] if line.strip()][:-2]
    heading = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
    return "\n".join(re.sub(r"^\d+\.", "", line) for line in lines if not heading.match(line))


def _write_report(path, issuer: str, year: int, paragraphs: list[str]) -> None:
    body = "\n".join(paragraphs)
    path.write_text(
        f"{issuer}{year}年法治政府建设情况报告\n一、{year}年推进法治政府建设的主要举措和成效\n{body}\n",
        encoding="utf-8",
    )


def _stored(corpus, folder: Path, issuer: str, year: int, paragraphs: list[str], name: str):
    """A report written as folder/name.txt and added to the corpus under its issuer and year."""
    path = folder / f"{name}.txt"
    _write_report(path, issuer, year, paragraphs)
    corpus.add(path, issuer=issuer, year=year)


STOCK = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政。"
)
OWN = "区司法局牵头建立行政执法案卷季度评查通报机制，对评查发现的问题逐案反馈整改并纳入年度考核。"
OTHER = (
    "建立涉企行政检查统筹平台，推行综合查一次，对同一企业的多项检查事项合并实施并向社会公开结果。"
)


def test_stock_self_and_cross_are_told_apart(tmp_path):
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        for issuer in ("甲区", "乙区", "丙区"):
            rest = f"{issuer}其余内容各不相同，编号{len(issuer) * 7}号。"
            _stored(corpus, tmp_path, issuer, 2023, [STOCK, rest], issuer)
        _stored(corpus, tmp_path, "明湖区", 2023, [OWN], "明湖区2023")
        _stored(corpus, tmp_path, "丁区", 2023, [OTHER], "丁区2023")
    draft = tmp_path / "draft.txt"
    _write_report(
        draft,
        "明湖区",
        2024,
        [STOCK, OWN, OTHER, "今年新写的一段话，与往年和他处都不相同，不应被标出。"],
    )
    result = check(draft, reuse=True, db=db, region="明湖区", year=2024)
    by_rule = {f.rule: f for f in result.findings if f.rule.startswith("reuse.")}
    assert set(by_rule) == {"reuse.stock", "reuse.self", "reuse.cross"}
    assert "明湖区" in by_rule["reuse.self"].message and OWN[:10] in by_rule["reuse.self"].evidence
    assert (
        "丁区" in by_rule["reuse.cross"].message and OTHER[:10] in by_rule["reuse.cross"].evidence
    )
    assert (
        STOCK[:10] in by_rule["reuse.stock"].evidence
        and by_rule["reuse.stock"].severity.name == "INFO"
    )
    total = result.reuse.total_chars
    assert result.reuse.reused_chars == len(OWN) + len(OTHER)  # the stock phrase is not reuse
    assert result.reuse.stock_chars == len(STOCK)
    assert abs(result.reuse.share - (len(OWN) + len(OTHER)) / total) < 1e-9


def test_a_report_is_not_reuse_of_itself(tmp_path):
    db = tmp_path / "corpus.sqlite"
    seed = ROOT / "seeds" / "000_f45f303019acc275.txt"
    with Corpus(db) as corpus:
        assert corpus.add(seed)[0] == "present"  # the seeds are the default corpus
    result = check(seed, reuse=True, db=db)
    assert not any(same_unit(r.best.report.issuer, "杨浦区") for r in result.reuse.sentences)
    # no sentence of another seed whole: only runs of shared policy wording (杨浦区 is its own)
    assert result.reuse.reused_chars == result.reuse.run_chars > 0


def test_the_same_text_is_stored_once(cli, tmp_path):
    db = tmp_path / "corpus.sqlite"
    copy = tmp_path / "copy.txt"
    copy.write_text(
        (ROOT / "seeds" / "004_a3845e6a491bb007.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = cli("corpus", "add", copy, "--db", db)
    assert result.returncode == 0 and "已在库中" in result.stderr
    listing = cli("corpus", "list", "--db", db)
    assert (
        "（5 份）" in listing.stdout
        and sum("青浦区" in line for line in listing.stdout.splitlines()) == 1
    )


def test_crosscheck_lists_each_pair_once_by_unit_and_year(cli, tmp_path):
    directory = tmp_path / "reports"
    directory.mkdir()
    _write_report(
        directory / "a1.txt",
        "甲区",
        2024,
        [OWN, OTHER, STOCK, "甲区独有的一段内容，记录本区特色做法和具体数字。"],
    )
    _write_report(
        directory / "b2.txt",
        "乙区",
        2024,
        [OWN, STOCK, "乙区独有的内容很多很多，写了本区三项改革的详细过程和成效。" * 3],
    )
    _write_report(directory / "c3.txt", "丙区", 2023, [STOCK, OTHER])
    _write_report(
        directory / "d4.txt",
        "丁区",
        2024,
        [STOCK, "丁区的报告与别人毫无雷同之处，完全是本区自己的表述。"],
    )
    result = cli("crosscheck", directory, "-f", "json", "--html", tmp_path / "pairs.html")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    pairs = data["pairs"]
    assert data["version"] == 2 and data["pairs_found"] == 2
    by_units = {frozenset((p["a_unit"], p["b_unit"])): p for p in pairs}
    assert len(by_units) == len(pairs) == 2  # each unordered pair once; 乙区/丙区 share only 套话
    assert set(by_units) == {frozenset(("甲区", "乙区")), frozenset(("甲区", "丙区"))}
    jia_yi = by_units[frozenset(("甲区", "乙区"))]
    assert jia_yi["a_chars"] == jia_yi["b_chars"] == len(OWN)  # the stock phrase is not counted
    assert jia_yi["sentences"] == [{"a": OWN, "b": OWN, "score": 100.0}]
    jia_bing = by_units[frozenset(("甲区", "丙区"))]
    assert (jia_bing["a_unit"], jia_bing["a_year"]) == ("丙区", 2023)  # the larger share first
    assert [p["share"] for p in pairs] == sorted((p["share"] for p in pairs), reverse=True)
    assert data["stock"][0]["text"] == STOCK and data["stock"][0]["units"] == 4
    html = (tmp_path / "pairs.html").read_text(encoding="utf-8")
    assert '<table id="pairs" class="sortable">' in html and OWN in html
    top = json.loads(cli("crosscheck", directory, "-f", "json", "--top", "1").stdout)
    assert top["pairs"] == pairs[:1] and top["pairs_found"] == 2
    text = cli("crosscheck", directory, "--top", "1").stdout
    assert "2 对有雷同内容" in text and "列出前 1 对" in text and "丙区 2023年" in text
    assert "套话" in text and STOCK in text


def test_no_reuse_skips_the_corpus(cli):
    report = json.loads(cli("check", EXAMPLE, "-f", "json", "--no-reuse").stdout)
    assert "reuse" not in report["summary"]
    reuse = json.loads(cli("check", EXAMPLE, "-f", "json").stdout)["summary"]["reuse"]
    # the example repeats no seed's sentence, only short runs of common wording
    assert reuse["corpus_reports"] == 5 and reuse["reused_chars"] == reuse["run_chars"] > 0


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium():
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("needs chromium")
    return found


def _next_year_copy(seed: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Last year's report (a seed, dated a year back) and this year's: the same text, new figures."""
    text = seed.read_text(encoding="utf-8")
    last = tmp_path / "杨浦区2022.txt"
    last.write_text(text.replace("2023", "2022"), encoding="utf-8")
    bumped = re.sub(
        r"(?<![\d.])(\d{1,3})(?=[件项个次名人家条])", lambda m: str(int(m.group(1)) + 7), text
    )
    this = tmp_path / "杨浦区2023.txt"
    this.write_text(bumped, encoding="utf-8")
    return last, this


@pytest.mark.slow
def test_html_report_in_a_real_browser(tmp_path):
    """Built from the seeds alone, so it runs on a fresh clone."""
    chromium = _chromium()
    db = tmp_path / "seeds.sqlite"
    last, this = _next_year_copy(ROOT / "seeds" / "000_f45f303019acc275.txt", tmp_path)
    text = this.read_text(encoding="utf-8")
    long = next(s for s in re.findall(r"[^。\n]{60,}。", text) if not re.search(r"\d", s))
    rewritten = long[:25] + "，并请第三方机构逐项评估，评估结果向社会公开。"  # a run of 25
    this.write_text(text.replace(long, rewritten), encoding="utf-8")
    with Corpus(db, seed=False) as corpus:
        corpus.add(last, issuer="杨浦区", year=2022)
    html = tmp_path / "report.html"
    env = {**os.environ, "DRAFTER_DB": str(db)}
    args = ["check", str(this), "--region", "杨浦区", "--year", "2023", "--html", str(html)]
    made = subprocess.run(
        [sys.executable, "-m", "drafter", *args, "--fail-on", "never"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "全文复制比" in dom and "2022年 杨浦区《" in dom
    assert dom.count('<mark class="self">') >= 10
    assert '<mark class="self run">杨浦区全面深入学习贯彻党的二十大精神，并结合本区学</mark>' in dom
    assert "数字改动" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            *profile,
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 10_000


def test_copied_span_inside_a_longer_sentence_is_located(tmp_path):
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        _stored(corpus, tmp_path, "明湖区", 2023, [OWN], "明湖区2023")
    draft = tmp_path / "draft.txt"
    _write_report(draft, "明湖区", 2024, ["今年新增一句开头，" + OWN])
    result = check(draft, reuse=True, db=db, region="明湖区", year=2024)
    finding = next(f for f in result.findings if f.rule == "reuse.self")
    assert finding.evidence == OWN  # the span, not the new words in front of it
