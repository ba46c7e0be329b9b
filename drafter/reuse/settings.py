"""The reuse check's settings (rules/reuse.yaml), read in one place."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "ngram": Field(int, True),
    "min_sentence_chars": Field(int, True),
    "ratio_threshold": Field(float, True),
    "min_shared_fraction": Field(float, True),
    "max_candidates": Field(int, True),
    "check_candidates": Field(int, True),
    "check_settle": Field(int, True),
    "run_candidates": Field(int, True),
    "stopgram_cap": Field(int, True),
    "check_stopgram_cap": Field(int, True),
    "crosscheck_stopgram_cap": Field(int, True),
    "min_grams": Field(int, True),
    "rare_postings": Field(int, True),
    "check_rare_postings": Field(int, True),
    "crosscheck_rare_postings": Field(int, True),
    "stock_min_issuers": Field(int, True),
    "merge_factor": Field(int, True),
    "merge_base": Field(int, True),
    "flush_sentences": Field(int, True),
    "resident_postings": Field(int, True),
    "resident_sentences": Field(int, True),
    "span_min_score": Field(float, True),
    "run_min_chars": Field(int, True),
    "run_skip": Field(list, True, item=str),
}


@dataclass(frozen=True)
class ReuseSettings:
    """Thresholds and sizes of the reuse check; see rules/reuse.yaml for what each means."""

    ngram: int
    min_sentence_chars: int
    ratio_threshold: float
    min_shared_fraction: float
    max_candidates: int
    check_candidates: int
    check_settle: int
    run_candidates: int
    stopgram_cap: int
    check_stopgram_cap: int
    crosscheck_stopgram_cap: int
    min_grams: int
    rare_postings: int  # the rarest grams expanded beyond the cap, in postings (0: none)
    check_rare_postings: int
    crosscheck_rare_postings: int
    stock_min_issuers: int
    merge_factor: int
    merge_base: int
    flush_sentences: int
    resident_postings: int  # review: segments merged in a worker's memory up to this many
    resident_sentences: int  # review: every sentence read at once up to this many
    span_min_score: float
    run_min_chars: int
    run_skip: tuple[str, ...]  # regular expressions: text a run leaves out (titles, 提法)

    def matchable(self, masked: str) -> bool:
        """Whether a masked sentence is long enough to be matched (the one length filter)."""
        return len(masked) >= self.min_sentence_chars

    @classmethod
    def load(cls) -> "ReuseSettings":
        """The settings of rules/reuse.yaml."""
        raw = load_rules("reuse.yaml", _SPEC)
        raw["run_skip"] = tuple(raw["run_skip"])  # hashable: the settings are a frozen value
        return cls(**{k: v for k, v in raw.items() if k != "source"})
