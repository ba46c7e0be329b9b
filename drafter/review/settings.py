"""rules/review.yaml: part labels for the table, the share thresholds that colour it."""

from __future__ import annotations

from ..core.ruletable import load_rules
from ..core.validate import Field

_SPEC = {
    "source": Field(str, True),
    "part_labels": Field(dict, True),
    "share_warn": Field(float, True),
    "share_alarm": Field(float, True),
    "drilldown_paragraphs": Field(int, True),
}


def review_settings() -> dict:
    """The review settings, validated once."""
    return load_rules("review.yaml", _SPEC)
