"""The reuse check's terminal summary: 复制比 overall, by part and section, and the sources."""

from __future__ import annotations

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
