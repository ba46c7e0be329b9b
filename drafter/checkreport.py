"""The check's outputs: a Chinese terminal report grouped by official part, and JSON (version 1)."""
from __future__ import annotations

from collections import Counter

from .checkinput import CheckInput
from .findings import Finding, Severity
from .schema import OFFICIAL_PARTS

JSON_VERSION = 1


def summary(check: CheckInput, findings: list[Finding]) -> dict:
    by_severity = Counter(f.severity.name.lower() for f in findings)
    present = check.parts_present()
    return {
        "errors": by_severity.get("error", 0), "warnings": by_severity.get("warning", 0),
        "infos": by_severity.get("info", 0),
        "by_part": {part: sum(1 for f in findings if f.part == part) for part in OFFICIAL_PARTS},
        "parts_present": [p for p in OFFICIAL_PARTS if p in present],
        "parts_missing": [p for p in OFFICIAL_PARTS if p not in present],
    }


def to_json(check: CheckInput, findings: list[Finding]) -> dict:
    return {"version": JSON_VERSION, "file": check.file, "kind": check.kind, "year": check.year,
            "region": check.region, "findings": [f.to_json() for f in findings],
            "summary": summary(check, findings)}


def render_text(check: CheckInput, findings: list[Finding]) -> str:
    """Plain lines for the terminal; the CLI colours them when it writes to a console."""
    kind = "规划" if check.kind == "plan" else "年度报告"
    lines = [f"检查：{check.file}（{check.region or '地区未识别'} {check.year or '年度未识别'} {kind}）"]
    groups = [(part, [f for f in findings if f.part == part]) for part in OFFICIAL_PARTS]
    groups.append((None, [f for f in findings if f.part not in OFFICIAL_PARTS]))
    titles = {s.id: s.title for s in check.schema.parts()}
    for part, items in groups:
        if not items:
            continue
        lines.append("")
        lines.append(f"【{titles[part]}】" if part else "【全文】")
        lines += [f"  {f.render()}".replace("\n", "\n  ") for f in items]
    s = summary(check, findings)
    missing = "、".join(titles[p] for p in s["parts_missing"]) or "无"
    lines += ["", f"共 {s['errors']} 个错误、{s['warnings']} 个警告、{s['infos']} 条提示；缺少的法定部分：{missing}"]
    if not findings:
        lines.append("未发现问题。")
    return "\n".join(lines) + "\n"


def worst(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def render_reuse_summary(check: CheckInput, reuse) -> str:
    """The part of a 查重 report people recognise: 复制比 overall, by part and section, and the sources."""
    titles = {s.id: s.title for s in check.schema.sections}
    titles["preamble"] = "导语"
    lines = ["", f"【复制比】全文 {reuse.share:.1%}（{reuse.reused_chars}/{reuse.total_chars} 字；"
                 f"套话 {reuse.stock_chars} 字不计入；比对库 {reuse.corpus_reports} 份报告）"]
    parts = [f"{titles.get(k, k)} {v:.1%}" for k, v in reuse.by_part.items() if v]
    if parts:
        lines.append("  按部分：" + "；".join(parts))
    sections = [f"{titles.get(k, k)} {v:.1%}" for k, v in reuse.by_section.items() if v]
    if sections:
        lines.append("  按章节：" + "；".join(sections))
    for source in reuse.sources[:10]:
        lines.append(f"  来源：{source['year'] or '年度未知'}年 {source['issuer']}《{source['title']}》"
                     f" {source['chars']} 字（{source['share']:.1%}） {source['file']}")
    return "\n".join(lines) + "\n"
