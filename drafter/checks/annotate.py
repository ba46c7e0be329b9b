"""--annotate: a copy of the draft with a Word comment (批注) on each finding's paragraph.

The input is never modified; comments use python-docx 1.2's comments API.
"""

from __future__ import annotations

from pathlib import Path

from ..core.files import atomic_write
from ..core.findings import Finding
from ..core.normalize import normalize

AUTHOR, INITIALS = "drafter 检查", "DR"


def annotate_docx(
    source: Path,
    findings: list[Finding],
    anchors: dict[int, int],
    output: Path,
    force: bool = False,
) -> int:
    """Write output: source plus one comment per finding; return how many were attached."""
    from docx import Document as open_docx

    def write(tmp: Path) -> None:
        docx = open_docx(str(source))
        paragraphs = docx.paragraphs
        for index, finding in enumerate(findings):
            paragraph = _target(paragraphs, finding, anchors.get(index))
            runs = paragraph.runs or [paragraph.add_run("")]
            docx.add_comment(runs, text=_comment_text(finding), author=AUTHOR, initials=INITIALS)
        docx.save(str(tmp))

    atomic_write(output, write, force)
    return len(findings)


def _target(paragraphs, finding: Finding, anchor: int | None):
    if anchor is not None and 0 < anchor <= len(paragraphs):
        return paragraphs[anchor - 1]
    if finding.evidence:
        key = normalize(finding.evidence)[:24]
        for paragraph in paragraphs:
            if key and key in normalize(paragraph.text):
                return paragraph
    return next((p for p in paragraphs if p.text.strip()), paragraphs[0])


def _comment_text(finding: Finding) -> str:
    return f"{finding.severity.label}[{finding.rule}] {finding.message}"


def anchors(report, findings: list[Finding]) -> dict[int, int]:
    """Finding index -> paragraph number in the .docx, where the finding's location names one."""
    by_location: dict[str, int] = {}
    for passage in report.passages:
        if passage.anchor is not None:
            by_location.setdefault(passage.location, passage.anchor)
    if report.format is not None:  # format.* findings name paragraphs that are no passage (title …)
        for paragraph in report.format.paragraphs:
            by_location.setdefault(report.format.location(paragraph), paragraph.number)
    return {i: by_location[f.location] for i, f in enumerate(findings) if f.location in by_location}


def built_anchors(report, findings: list[Finding], docx: Path) -> dict[int, int]:
    """Finding index -> paragraph number in the .docx built from year data: the paragraph
    holding the text of the passage the finding is located at (YAML file:line:col)."""
    from docx import Document as open_docx

    texts = [normalize(p.text) for p in open_docx(str(docx)).paragraphs]
    by_location: dict[str, int] = {}
    if report.title_location and texts:
        by_location[report.title_location] = 1
    for passage in report.passages:
        key = passage.norm[:24]
        number = next((i for i, text in enumerate(texts, 1) if key and key in text), None)
        if number is not None:
            by_location.setdefault(passage.location, number)
    return {i: by_location[f.location] for i, f in enumerate(findings) if f.location in by_location}
