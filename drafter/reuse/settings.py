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
    "stopgram_share": Field(float, True),
    "stopgram_min_df": Field(int, True),
    "stock_min_issuers": Field(int, True),
    "max_segments": Field(int, True),
    "span_min_score": Field(float, True),
}


@dataclass(frozen=True)
class ReuseSettings:
    """Thresholds and sizes of the reuse check; see rules/reuse.yaml for what each means."""

    ngram: int
    min_sentence_chars: int
    ratio_threshold: float
    min_shared_fraction: float
    max_candidates: int
    stopgram_share: float
    stopgram_min_df: int
    stock_min_issuers: int
    max_segments: int
    span_min_score: float

    def stopgram_df(self, index_size: int) -> int:
        """Grams in more sentences than this recall too much to be worth expanding."""
        return max(self.stopgram_min_df, int(self.stopgram_share * index_size))

    def matchable(self, masked: str) -> bool:
        """Whether a masked sentence is long enough to be matched (the one length filter)."""
        return len(masked) >= self.min_sentence_chars

    @classmethod
    def load(cls) -> "ReuseSettings":
        """The settings of rules/reuse.yaml."""
        raw = load_rules("reuse.yaml", _SPEC)
        return cls(**{k: v for k, v in raw.items() if k != "source"})
