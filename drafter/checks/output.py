"""The check's outputs: a Chinese terminal report grouped by official part, and JSON (version 1)."""

from __future__ import annotations

from collections import Counter

from ..core.findings import Finding, Severity
from ..core.report import Report
from ..core.schema import OFFICIAL_PARTS

JSON_VERSION = 1


def summary(report: Report, findings: list[Finding]) -> dict:
    """Counts by severity and by part, and which parts are present or missing."""
    by_severity = Counter(f.severity.name.lower() for f in findings)
    present = report.parts_present()
    return {
        "errors": by_severity.get("error", 0),
        "warnings": by_severity.get("warning", 0),
        "infos": by_severity.get("info", 0),
        "by_part": {part: sum(1 for f in findings if f.part == part) for part in OFFICIAL_PARTS},
        "parts_present": [p for p in OFFICIAL_PARTS if p in present],
        "parts_missing": [p for p in OFFICIAL_PARTS if p not in present],
    }


def to_json(report: Report, findings: list[Finding]) -> dict:
    """The documented JSON form (version 1) of a check."""
    return {
        "version": JSON_VERSION,
        "file": report.file,
        "kind": report.kind,
        "year": report.year,
        "region": report.region,
        "findings": [f.to_json() for f in findings],
        "summary": summary(report, findings),
    }


def report_lines(report: Report, findings: list[Finding]) -> list[tuple[str, str | None]]:
    """(line, style) pairs for the terminal; style is a severity name, "heading" or None."""
    kind = "规划" if report.kind == "plan" else "年度报告"
    lines: list[tuple[str, str | None]] = [
        (
            f"检查：{report.file}（{report.region or '地区未识别'} "
            f"{report.year or '年度未识别'} {kind}）",
            None,
        )
    ]
    groups = [(part, [f for f in findings if f.part == part]) for part in OFFICIAL_PARTS]
    groups.append((None, [f for f in findings if f.part not in OFFICIAL_PARTS]))
    titles = {s.id: s.title for s in report.schema.parts()}
    for part, items in groups:
        if not items:
            continue
        lines += [("", None), (f"【{titles[part]}】" if part else "【全文】", "heading")]
        for finding in items:
            first, *rest = f"  {finding.render()}".split("\n")
            lines += [(first, finding.severity.name.lower())] + [
                (f"  {line}", None) for line in rest
            ]
    s = summary(report, findings)
    missing = "、".join(titles[p] for p in s["parts_missing"]) or "无"
    lines += [
        ("", None),
        (
            f"共 {s['errors']} 个错误、{s['warnings']} 个警告、{s['infos']} 条提示；"
            f"缺少的法定部分：{missing}",
            None,
        ),
    ]
    if not findings:
        lines.append(("未发现问题。", None))
    return lines


def render_text(report: Report, findings: list[Finding]) -> str:
    """The terminal report as plain text."""
    return "\n".join(line for line, _ in report_lines(report, findings)) + "\n"


def worst(findings: list[Finding]) -> Severity | None:
    """The highest severity among the findings, or None."""
    return max((f.severity for f in findings), default=None)
