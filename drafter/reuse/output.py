"""The reuse check's terminal summary: 复制比 overall, by part and section, and the sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.report import Report
from .analysis import ReuseReport


def reuse_summary_text(target: Report, reuse: ReuseReport) -> str:
    """The part of a 查重 report people recognise, as terminal lines."""
    titles = {s.id: s.title for s in target.schema.sections}
    titles["preamble"] = "导语"
    lines = [
        "",
        f"【复制比】全文 {reuse.share:.1%}（{reuse.reused_chars}/{reuse.total_chars} 字；"
        f"套话 {reuse.stock_chars} 字不计入；比对库 {reuse.corpus_reports} 份报告）",
    ]
    parts = [f"{titles.get(k, k)} {v:.1%}" for k, v in reuse.by_part.items() if v]
    if parts:
        lines.append("  按部分：" + "；".join(parts))
    sections = [f"{titles.get(k, k)} {v:.1%}" for k, v in reuse.by_section.items() if v]
    if sections:
        lines.append("  按章节：" + "；".join(sections))
    for source in reuse.sources[:10]:
        lines.append(
            f"  来源：{source['year'] or '年度未知'}年 {source['issuer']}《{source['title']}》"
            f" {source['chars']} 字（{source['share']:.1%}） {source['file']}"
        )
    return "\n".join(lines) + "\n"


@dataclass
class CrosscheckResult:
    """Pairs of reports that share non-stock sentences, largest share first (each unordered
    pair once), the first `top` of them listed; and the stock phrases the reports share."""

    files: list[Path]
    found: list[dict]
    stock: list[dict] = field(default_factory=list)
    top: int | None = None

    @property
    def pairs(self) -> list[dict]:
        """The pairs listed: the first `top` (all without --top)."""
        return self.found[: self.top] if self.top else self.found

    def json(self) -> dict:
        """The documented JSON form (version 2)."""
        from .crosscheck import crosscheck_json

        return crosscheck_json(len(self.files), self.pairs, self.stock, len(self.found))

    def lines(self) -> list[str]:
        """The terminal listing: one line a pair, then the stock phrases set apart."""
        shown = f"，列出前 {len(self.pairs)} 对" if len(self.pairs) < len(self.found) else ""
        head = (
            f"互查 {len(self.files)} 份报告：{len(self.found)} 对有雷同内容"
            f"（每对只列一次，套话不计）{shown}："
        )
        lines = [head] + [_pair_line(p) for p in self.pairs]
        if self.stock:
            lines += ["", f"套话（{len(self.stock)} 句，多个单位共有，不计入雷同）："]
            lines += [f"  {s['units']:>4} 个单位  {s['text']}" for s in self.stock[:5]]
        return lines

    def html(self) -> str:
        """The self-contained HTML table, each pair's shared sentences in its drill-down."""
        from .html import crosscheck_html

        return crosscheck_html(self)


def _pair_line(p: dict) -> str:
    def name(side: str) -> str:
        return f"{p[side + '_unit']} {p[side + '_year'] or '年度未知'}年"

    return (
        f"{p['share']:>6.1%}  {name('a')} ←→ {name('b')}  "
        f"雷同 {p['a_chars']}/{p['b_chars']} 字（{p['a_share']:.1%}/{p['b_share']:.1%}）  "
        f"{p['a']}  {p['b']}"
    )
