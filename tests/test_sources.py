"""Which corpus sentences a check takes as sources: a stock phrase settles after its best
candidates (rules/reuse.yaml check_settle), and a later report of another unit is no source."""

from __future__ import annotations

from dataclasses import replace

from drafter.api import check
from drafter.reuse.corpus import Corpus
from drafter.reuse.sentences import mask
from tests.test_reuse import OWN, STOCK, _stored, _write_report

UNITS = [f"{name}区" for name in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"]  # 15 units


def _corpus(tmp_path):
    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        for number, unit in enumerate(UNITS):
            _stored(
                corpus, tmp_path, unit, 2023, [STOCK, f"{unit}本年另有安排，编号{number}。"], unit
            )
        for unit in ("明湖区", "青湖区"):  # OWN in two units' reports: not a stock phrase
            _stored(corpus, tmp_path, unit, 2023, [OWN, f"{unit}另有一段各自的话。"], f"{unit}-own")
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


def test_a_later_report_of_another_unit_is_not_a_source(tmp_path):
    """Copying runs from the earlier report to the later: a 2025 report of another unit that
    holds the draft's paragraph copied the 2024 draft, if anything; a 2023 one is a source."""
    from tests.test_reuse import OTHER

    db = tmp_path / "corpus.sqlite"
    with Corpus(db, seed=False) as corpus:
        _stored(corpus, tmp_path, "丁区", 2025, [OTHER], "丁区2025")
    draft = tmp_path / "draft.txt"
    _write_report(draft, "明湖区", 2024, [OTHER, "今年新写的一段话，与往年和他处都不相同。"])
    result = check(draft, reuse=True, db=db, region="明湖区", year=2024)
    assert not [f for f in result.findings if f.rule == "reuse.cross"]
    with Corpus(db, seed=False) as corpus:
        _stored(corpus, tmp_path, "戊区", 2023, [OTHER, "戊区自己的一段。"], "戊区2023")
    result = check(draft, reuse=True, db=db, region="明湖区", year=2024)
    cross = [f for f in result.findings if f.rule == "reuse.cross"]
    assert len(cross) == 1 and "戊区" in cross[0].message and "丁区" not in cross[0].message


def test_a_units_stored_reports_are_found_under_every_name_it_goes_by(tmp_path):
    """history.unit_rows reads only the issuers' names, then the unit's own rows: the same
    rows, in the same order, as filtering every stored report."""
    from drafter.read.unit import same_unit
    from drafter.reuse.history import unit_rows

    db = tmp_path / "corpus.sqlite"
    names = [("明湖区人民政府", 2023), ("明湖区", 2021), ("明湖区", 2022), ("青湖区", 2022)]
    with Corpus(db, seed=False) as corpus:
        for number, (issuer, year) in enumerate(names):
            _stored(
                corpus,
                tmp_path,
                issuer,
                year,
                [f"{issuer}{year}年的一段话，编号{number}。"],
                str(number),
            )
        every = corpus.reports()
        for unit in ("明湖区", "明湖区人民政府", "青湖区", "白湖区", ""):
            expected = [r for r in every if unit and same_unit(r.issuer, unit)]
            assert unit_rows(corpus, unit) == expected
        assert [r.year for r in unit_rows(corpus, "明湖区")] == [2021, 2022, 2023]
        assert corpus.reports_of(["明湖区", "青湖区"]) == [
            r for r in every if r.issuer != "明湖区人民政府"
        ]
