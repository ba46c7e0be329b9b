"""Self-contained HTML for the reuse check and for crosscheck (Jinja2 templates in templates/):
no fonts or links to fetch, everything escaped; the only script (sorting a table by a column)
is inline, and every page reads without it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    loader = jinja2.FileSystemLoader(str(_TEMPLATES))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def _render(name: str, title: str, **context) -> str:
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _env().get_template(name).render(title=title, css=css, **context)


def highlight(text: str, spans: list[tuple[int, int, str]]):
    """text with <mark class=kind> around each (start, end, kind) span; overlaps keep the first."""
    from markupsafe import Markup, escape

    out, cursor = [], 0
    for start, end, kind in sorted(spans):
        if start < cursor:
            continue
        out += [
            escape(text[cursor:start]),
            Markup(f'<mark class="{kind}">'),
            escape(text[start:end]),
        ]
        out.append(Markup("</mark>"))
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def reuse_html(report, reuse) -> str:
    """The 查重 report of one draft: shares, sources, each reused paragraph beside its source."""
    titles = {s.id: s.title for s in report.schema.sections} | {"preamble": "导语"}
    by_passage = {p.passage_index: p for p in reuse.paragraphs}
    stock: dict[int, list] = {}
    for s in reuse.sentences:
        if s.kind == "stock":
            stock.setdefault(s.passage, []).append((*s.span, "stock run" if s.run else "stock"))
    rows = [
        _row(index, passage, by_passage.get(index), stock.get(index, []))
        for index, passage in enumerate(report.passages)
    ]
    return _render(
        "reuse.html.j2", "套话/复制检查", report=report, reuse=reuse, titles=titles, rows=rows
    )


def _row(index: int, passage, reused, stock_spans) -> dict:
    if passage.is_heading:
        return {"heading": passage.text}
    spans = list(stock_spans)
    source = None
    if reused is not None:
        spans += _marked(reused.spans, reused.runs, reused.kind)
        source = highlight(
            reused.source_text, _marked(reused.source_spans, reused.source_runs, reused.kind)
        )
    return {
        "heading": None,
        "location": passage.location,
        "draft": highlight(passage.norm, spans),
        "reused": reused,
        "source": source,
    }


def _marked(spans, runs, kind: str) -> list[tuple[int, int, str]]:
    """Spans with their mark class: the kind, and `run` for a run inside a rewritten sentence."""
    return [(a, b, f"{kind} run" if (a, b) in runs else kind) for a, b in spans]


def crosscheck_html(result) -> str:
    """The crosscheck table of report pairs, each with its shared sentences side by side."""
    return _render("crosscheck.html.j2", "报告互查", result=result, sortable=SORTABLE)


# A small script that sorts a table by the column header clicked; the table reads (in its
# original order) without it.
SORTABLE = (_TEMPLATES / "sortable.js").read_text(encoding="utf-8")
