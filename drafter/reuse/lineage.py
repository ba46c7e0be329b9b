"""Last year's report is always in the comparison: a draft that names its predecessor
(year data's 报告.上年数据, written by `drafter init --from`) is matched against last
year's report, whether or not the user added it to the corpus; and files the corpus
cannot read (year-data YAML) are added as the report text they convert to.

Nothing here changes the corpus or builds anything: the library entry (drafter.api)
hands in the converter that turns year data into report text. Last year's report,
when the corpus lacks it, goes into a temporary corpus of its own and the two
matchings are merged.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, ContextManager

from ..core.errors import DrafterError
from ..core.report import Report
from .analysis import (
    ReuseReport,
    SentenceResult,
    analyse,
    assemble,
    classify,
    in_draft_order,
    whole_sentences,
)
from .corpus import Corpus
from .history import last_year, previous_figures
from .partial import partial_results
from .sentences import draft_sentences

# path -> a context manager giving (report text file, issuer, year), or None for a file
# the corpus reads itself
Converter = Callable[[Path], "ContextManager[tuple[Path, str, int]] | None"]


class ConvertingCorpus(Corpus):
    """The corpus, also taking files a converter turns into report text (year-data YAML),
    stored under the original file's name."""

    def __init__(self, *args, convert: Converter | None = None, **kwargs):
        """As Corpus; convert turns a file the corpus cannot read into report text."""
        self.convert = convert
        super().__init__(*args, **kwargs)

    def add(self, path, issuer=None, year=None, label=None, **more) -> tuple[str, str]:
        """Ingest a report file, or a converted one; (status, message) as Corpus.add."""
        converted = self.convert(Path(path)) if self.convert else None
        if converted is None:
            return super().add(path, issuer, year, label, **more)
        with converted as (text, own_issuer, own_year):
            return super().add(
                text, issuer or own_issuer, year or own_year, label or str(path), **more
            )


def compare_with_past(target: Report, corpus: Corpus, convert: Converter) -> ReuseReport:
    """What the corpus adds to a check: last year's figures (for 同比) when the draft has none
    of its own, and the reuse analysis with last year's report in it."""
    if not target.previous:
        target.previous, target.previous_source = previous_figures(corpus, target)
    return analyse_with_lineage(target, corpus, convert)


def analyse_with_lineage(target: Report, corpus: Corpus, convert: Converter) -> ReuseReport:
    """The reuse analysis, with last year's report (target.lineage, converted) in it."""
    previous = Path(target.lineage) if target.lineage else None
    if previous is None or not previous.is_file() or last_year(corpus, target) is not None:
        return analyse(target, corpus)
    units = draft_sentences(target)
    results = whole_sentences(target, corpus, units)
    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        db = Path(tmp) / "lineage.sqlite"
        with ConvertingCorpus(db, corpus.settings, seed=False, convert=convert) as extra:
            try:
                extra.add(previous)
            except DrafterError:  # last year's file no longer builds: the corpus only
                return assemble(target, classify(target, corpus), len(corpus.reports()))
            merged = prefer_last_year(results, whole_sentences(target, extra, units))
            runs = partial_results(target, [corpus, extra], merged, units=units)  # judged by both
            return assemble(target, in_draft_order(merged + runs), len(corpus.reports()) + 1)


def prefer_last_year(
    results: list[SentenceResult], last: list[SentenceResult]
) -> list[SentenceResult]:
    """Sentences found in last year's report count as self-reuse of it, unless they are stock
    phrases or were found in a later report of the unit (whole sentences: runs inside the
    others are found against both corpora at once)."""
    by_key = {(r.passage, r.sentence.start): r for r in results}
    for result in last:
        key = (result.passage, result.sentence.start)
        old = by_key.get(key)
        if result.kind == "self" and (old is None or _weaker(old, result)):
            by_key[key] = result
    return sorted(by_key.values(), key=lambda r: (r.passage, r.sentence.start))


def _weaker(old: SentenceResult, new: SentenceResult) -> bool:
    if old.kind == "stock":
        return False
    return old.kind == "cross" or (old.best.report.year or 0) < (new.best.report.year or 0)
