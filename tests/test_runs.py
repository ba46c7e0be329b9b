"""Shared runs inside sentences that otherwise differ, measured against brute force.

Brute force: every window of run_min_chars characters of every stored (masked) sentence goes
into one set; a draft character lies in a shared run exactly when a window of its sentence
(masked, run_skip left out) holding it is in the set. The reuse check must report (as a run or
a whole sentence) at least 99% of those characters, every run it reports must lie in them, and
each run's source must hold the same masked text at the span it names.
"""

from __future__ import annotations

import csv
import json
import random
import re

import pytest
import yaml

from drafter.api import check
from drafter.reuse.corpus import Corpus
from drafter.reuse.segments import masked_sentences
from drafter.reuse.sentences import mask, mask_offsets, sentences_of
from drafter.reuse.settings import ReuseSettings
from tests.conftest import ROOT, SHARED_CORPUS

SETTINGS = ReuseSettings.load()
SIZE = SETTINGS.run_min_chars
SKIP = re.compile("|".join(f"(?:{p})" for p in SETTINGS.run_skip))
GWR = SHARED_CORPUS / "state_council_gwr"
DEVSET = SHARED_CORPUS.parent / "devset"


def _truth(report, db) -> set[tuple[int, int]]:
    """(passage, character) of every draft character in a run shared with a stored sentence."""
    with Corpus(db, seed=False) as corpus:
        _, stored = masked_sentences(corpus.db, 0)
    windows = {text[a : a + SIZE] for text in stored for a in range(len(text) - SIZE + 1)}
    issuer = report.region or ""
    found = set()
    for index, passage in enumerate(report.passages):
        if passage.is_heading:
            continue
        for sentence in sentences_of(passage.norm, index, normalised=True, issuer=issuer):
            text, starts = mask_offsets(sentence.text, issuer)
            skipped = [0] * (len(text) + 1)
            for match in SKIP.finditer(text):
                skipped[match.start() : match.end()] = [1] * (match.end() - match.start())
            for a in range(len(text) - SIZE + 1):
                if not any(skipped[a : a + SIZE]) and text[a : a + SIZE] in windows:
                    chars = range(starts[a], starts[a + SIZE])
                    found.update((index, sentence.start + c) for c in chars)
    return found


def _measure(draft, db, region: str | None, year: int | None) -> tuple[set, set, list]:
    """(truth, what the check reported, its run results), the runs' spans verified."""
    result = check(draft, db=db, region=region, year=year)
    truth = _truth(result.report, db)
    reported = {(r.passage, c) for r in result.reuse.sentences for c in range(*r.span)}
    runs = [r for r in result.reuse.sentences if r.run]
    with Corpus(db, seed=False) as corpus:
        view = corpus.view()
        for run in runs:
            passage = result.report.passages[run.passage].norm
            assert passage[run.run[0] : run.run[1]] == run.text
            _, source = view.paragraph(run.best.paragraph_id)
            assert source[run.best.start : run.best.end] == run.best.text
            assert mask(run.text, result.report.region) == mask(
                run.best.text, run.best.report.issuer
            )
    return truth, reported, runs


def _assert_recall(truth: set, reported: set, runs: list) -> float:
    recall = len(truth & reported) / len(truth) if truth else 1.0
    outside = {(r.passage, c) for r in runs for c in range(*r.run)} - truth
    print(f"run characters reported {len(truth & reported)}/{len(truth)} = {recall:.4f}")
    assert recall >= 0.99 and not outside
    return recall


def _seed_sentences(name: str) -> list[str]:
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    return [
        s.text for s in sentences_of(text) if len(s.text) >= 30 and not re.search(r"\d", s.text)
    ]


def _report(unit: str, year: int, paragraphs: list[str]) -> str:
    body = "\n".join(paragraphs)
    return f"{unit}{year}年法治政府建设情况报告\n一、{year}年推进法治政府建设的主要举措和成效\n{body}\n"


def _planted(rng: random.Random, sources: dict[str, list[str]], filler: list[str], count: int):
    """Sentences each holding a run of SIZE–40 characters of a source sentence between new
    text: (sentence, run, source name)."""
    out = []
    for i in range(count):
        name = ("own", "other")[i % 2]
        source = rng.choice(sources[name])
        length = rng.randint(SIZE, min(40, len(source)))
        start = rng.randint(0, len(source) - length)
        run = source[start : start + length]
        before, after = (rng.choice(filler)[: rng.randint(8, 24)] for _ in range(2))
        out.append((f"{before}{run}{after}。", run, name))
    return out


def test_runs_planted_in_rewritten_sentences_are_found_like_brute_force(tmp_path):
    rng = random.Random(9)
    sources = {
        "own": _seed_sentences("001_d1cfad51e7d0ded7.txt"),
        "other": _seed_sentences("002_80de4b8a374a576b.txt"),
    }
    filler = _seed_sentences("003_3fdb355039b4e6e4.txt")
    planted = _planted(rng, sources, filler, 60)
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        for name, unit, year in (("own", "明湖区", 2023), ("other", "青湾县", 2024)):
            path = tmp_path / f"{name}.txt"
            path.write_text(_report(unit, year, sources[name]), encoding="utf-8")
            corpus.add(path, issuer=unit, year=year)
    draft = tmp_path / "draft.txt"
    paragraphs = ["".join(s for s, _, _ in planted[i : i + 4]) for i in range(0, len(planted), 4)]
    draft.write_text(_report("明湖区", 2024, paragraphs), encoding="utf-8")
    truth, reported, runs = _measure(draft, db, "明湖区", 2024)
    _assert_recall(truth, reported, runs)
    kinds = {}
    for r in runs:
        kinds.setdefault(r.text, set()).add(r.kind)
    only_in = {
        run: name
        for _, run, name in planted
        if sum(run in s for group in sources.values() for s in group) == 1
    }
    found = [run for run in only_in if any(run in text for text in kinds)]
    assert len(found) >= 0.9 * len(only_in), "most planted runs are reported as runs"
    expected = {"own": "self", "other": "cross"}
    assert all(
        kinds[text] == {expected[name]}
        for run, name in only_in.items()
        for text in kinds
        if run in text
    )


def test_a_run_shorter_than_the_minimum_is_not_reuse(tmp_path):
    source = "区司法局牵头建立行政执法案卷季度评查通报机制，对评查发现的问题逐案反馈整改。"
    db = tmp_path / "corpus.sqlite"
    earlier, draft = tmp_path / "2023.txt", tmp_path / "2024.txt"
    earlier.write_text(_report("明湖区", 2023, [source]), encoding="utf-8")
    short = source[3 : 3 + SIZE - 1]  # 建立行政执法案卷季度评查 (one character short)
    draft.write_text(
        _report("明湖区", 2024, [f"今年首次组织街镇综合执法队{short}，结果向社会公开。"]),
        encoding="utf-8",
    )
    with Corpus(db, seed=False) as corpus:
        corpus.add(earlier, issuer="明湖区", year=2023)
    assert check(draft, db=db).reuse.sentences == []
    longer = source[3 : 3 + SIZE]
    draft.write_text(
        _report("明湖区", 2024, [f"今年首次组织街镇综合执法队{longer}，结果向社会公开。"]),
        encoding="utf-8",
    )
    result = check(draft, db=db).reuse
    assert [(r.kind, r.text) for r in result.sentences] == [("self", longer)]
    assert result.reused_chars == result.run_chars == SIZE


@pytest.mark.skipif(not GWR.is_dir(), reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_consecutive_government_work_reports(tmp_path, year):
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        corpus.add(GWR / f"gwr_{year}.txt", issuer="国务院", year=year)
    truth, reported, runs = _measure(GWR / f"gwr_{year + 1}.txt", db, "国务院", year + 1)
    _assert_recall(truth, reported, runs)
    assert len(runs) > 20 and {r.kind for r in runs} == {"self"}


def _devset_pairs() -> list[tuple[str, str, str]]:
    """(region as INDEX.tsv writes it in full, earlier file, later file) of each unit's
    consecutive years in the devset."""
    if not (DEVSET / "INDEX.tsv").is_file():
        return []
    with open(DEVSET / "INDEX.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    years: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        years.setdefault(row["region"], []).append((int(row["year"]), row["file"]))
    return [
        (region, a[1], b[1])
        for region, found in years.items()
        for a, b in zip(sorted(found), sorted(found)[1:])
    ]


@pytest.mark.skipif(not _devset_pairs(), reason="../shared/devset is not beside the project")
def test_same_unit_year_pairs_are_self_reuse_however_the_unit_is_named(tmp_path):
    """Ingest the earlier year, check the later: with the unit read from the reports, and with
    it typed in full for both (甘肃定西市陇西县 for 陇西县), the same self-reuse, nothing else."""
    pairs, found = _devset_pairs(), 0
    for number, (region, earlier, later) in enumerate(pairs):
        verdicts = []
        for typed in (False, True):
            db = tmp_path / f"{number}-{typed}.sqlite"
            with Corpus(db, seed=False) as corpus:
                corpus.add(DEVSET / "reports" / earlier, **({"issuer": region} if typed else {}))
            draft = DEVSET / "reports" / later
            truth, reported, runs = _measure(draft, db, region if typed else None, None)
            _assert_recall(truth, reported, runs)
            verdicts.append(sorted((r.passage, r.span, r.kind) for r in runs))
        assert verdicts[0] == verdicts[1] and {kind for *_, kind in verdicts[0]} <= {"self"}
        found += bool(verdicts[0])
    print(f"same-unit pairs with self-reuse, inferred and typed in full: {found}/{len(pairs)}")
    assert found >= len(pairs) - 2


def test_a_run_of_last_years_report_built_from_its_data_is_self_reuse(cli, tmp_path):
    """Last year's report comes from 报告.上年数据 (a temporary corpus, merged with the user's)."""
    from tests.test_yearly import _init_from_example

    this, _ = _init_from_example(cli, tmp_path)
    run = "印发年度工作要点并逐项明确牵头单位和完成时限"  # a sentence of last year's 党的领导
    item = this["党的领导"]["事项"][1]
    item["内容"] = f"{run}，今年还首次邀请人大代表和政协委员参与年中评估。"
    data = tmp_path / "明湖区2025.yaml"
    data.write_text(yaml.safe_dump(this, allow_unicode=True), encoding="utf-8")
    db = tmp_path / "corpus.sqlite"  # the seeds only
    report = json.loads(cli("check", data, "-f", "json", "--db", db, "--fail-on", "never").stdout)
    own = [f for f in report["findings"] if f["rule"] == "reuse.self"]
    assert [(f["evidence"], "句子改写过" in f["message"]) for f in own] == [(run, True)]
    assert report["summary"]["reuse"]["run_chars"] >= len(run)
