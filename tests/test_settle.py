"""A check verifies a stock phrase's best candidates first and stops there (rules/reuse.yaml
check_settle): the verdicts are those of verifying them all, with fewer sentences fetched."""

from __future__ import annotations

from dataclasses import replace

from drafter.api import check
from drafter.reuse.corpus import Corpus
from drafter.reuse.sentences import mask
from tests.test_reuse import OWN, STOCK, _write_report

UNITS = [f"{name}区" for name in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"]  # 15 units


def _corpus(tmp_path):
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        for number, unit in enumerate(UNITS):
            path = tmp_path / f"{unit}.txt"
            _write_report(path, unit, 2023, [STOCK, f"{unit}本年另有安排，编号{number}。"])
            corpus.add(path, issuer=unit, year=2023)
        for unit in ("明湖区", "青湖区"):  # OWN in two units' reports: not a stock phrase
            path = tmp_path / f"{unit}-own.txt"
            _write_report(path, unit, 2023, [OWN, f"{unit}另有一段各自的话。"])
            corpus.add(path, issuer=unit, year=2023)
    return db


def _matches(db, settle: int) -> tuple[list, list]:
    with Corpus(db, seed=None) as corpus:
        corpus.settings = replace(corpus.settings, check_settle=settle)
        view = corpus.view()
        view.settings = corpus.settings
        return view.match([mask(STOCK), mask(OWN)])


def test_a_stock_phrase_settles_early_and_others_get_every_source(tmp_path):
    db = _corpus(tmp_path)
    stock_all, own_all = _matches(db, settle=50)
    stock_first, own_first = _matches(db, settle=5)
    assert len(stock_all) == len(UNITS)
    assert 3 < len(stock_first) <= 5  # more units than stock_min_issuers: no more fetched
    assert sorted(own_first) == sorted(own_all) and len(own_all) == 2
    draft = tmp_path / "draft.txt"
    _write_report(draft, "明湖区", 2024, [STOCK, OWN])
    result = check(draft, reuse=True, db=db, region="明湖区", year=2024)
    kinds = {r.kind for r in result.reuse.sentences}
    assert kinds == {"stock", "self"}
