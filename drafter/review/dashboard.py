"""The review as a self-contained HTML dashboard (Jinja2, templates/review.html.j2 on the
reuse report's base, styles and sorting script): a table of every report that sorts by any
column (and reads without the script), each row linking to the report's drill-down — its
findings and each copied paragraph beside its source, the copied spans highlighted."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..reuse.html import SORTABLE, highlight
from .output import cells
from .result import ReviewResult
from .rows import part_labels
from .settings import review_settings

_HERE = Path(__file__).resolve().parent / "templates"
_REUSE = Path(__file__).resolve().parent.parent / "reuse" / "templates"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    loader = jinja2.FileSystemLoader([str(_HERE), str(_REUSE)])
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def dashboard_html(result: ReviewResult) -> str:
    """The dashboard page."""
    css = (_REUSE / "report.css").read_text(encoding="utf-8")
    css += (_HERE / "review.css").read_text(encoding="utf-8")
    rows = [_row(i, r) for i, r in enumerate(result.rows, 1)]
    return (
        _env()
        .get_template("review.html.j2")
        .render(
            title="报告审查",
            css=css,
            result=result,
            rows=rows,
            counts=result.counts(),
            settings=review_settings(),
            labels=part_labels(),
            sortable=SORTABLE,
        )
    )


def _row(number: int, row: dict) -> dict:
    """What the template shows of a row: its cells, its class, its copies highlighted."""
    view = {"number": number, "row": row, "cells": cells(row), "copies": []}
    if row["status"] == "checked":
        share = row["reuse"]["share"]
        settings = review_settings()
        view["level"] = (
            "alarm"
            if share >= settings["share_alarm"]
            else "warn"
            if share >= settings["share_warn"]
            else ""
        )
        view["copies"] = [_copy(c) for c in row["copies"]]
    return view


def _copy(copy: dict) -> dict:
    return copy | {
        "draft": highlight(copy["text"], [(a, b, copy["kind"]) for a, b in copy["spans"]]),
        "source": highlight(
            copy["source_text"], [(a, b, copy["kind"]) for a, b in copy["source_spans"]]
        ),
    }
