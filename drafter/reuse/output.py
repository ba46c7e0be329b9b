"""The reuse check's terminal summary: 复制比 overall, by part and section, and the sources."""

from __future__ import annotations

from dataclasses import dataclass
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
    """Pairs of reports that share non-stock sentences, largest share first."""

    files: list[Path]
    pairs: list[dict]

    def json(self) -> dict:
        """The documented JSON form (version 1)."""
        from .crosscheck import crosscheck_json

        return crosscheck_json(len(self.files), self.pairs)

    def lines(self) -> list[str]:
        """The terminal listing."""
        head = f"互查 {len(self.files)} 份报告，{len(self.pairs)} 对有雷同内容（套话不计）："
        return [head] + [
            f"{p['share']:>6.1%}  {p['shared_chars']:>6} 字  {p['a']}  ←→  {p['b']}"
            for p in self.pairs
        ]

    def html(self) -> str:
        """The self-contained HTML table."""
        from .html import crosscheck_html

        return crosscheck_html(self.pairs)
