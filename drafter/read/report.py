"""A report file as the analyses see it, and `drafter outline`'s outputs.

outline_file reads and maps a file; report_from_file turns it into the report model
(drafter.core.report) that check, reuse and plan reconciliation read.
"""

from __future__ import annotations

from pathlib import Path

from ..core.normalize import normalize
from ..core.report import Passage, Report
from ..core.schema import Schema, load_schema
from .figures import extract_figures
from .formats import FORMATS, read_document
from .identity import guess_level
from .mapping import map_outline, names_part
from .outline import Heading, Outline, build_outline
from .source import SourceDocument


def outline_file(path: Path | str, schema: Schema | None = None) -> Outline:
    """Read a report (.docx/.txt/.md …) and map each heading onto the section schema."""
    return map_outline(build_outline(read_document(path)), schema or load_schema())


def outline_text(text: str, name: str, schema: Schema | None = None) -> Outline:
    """The mapped outline of report text that is not in a file (a stored report read again)."""
    source = SourceDocument(name, "txt", "utf-8")
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            source.append(number, line.strip())
    return map_outline(build_outline(source), schema or load_schema())


def report_from_file(
    path: Path | str, schema: Schema | None = None, converted: Path | None = None
) -> Report:
    """The report model of a file: its passages located by line or paragraph number.
    converted: the .docx LibreOffice made of a .doc/.wps/.odt already (office.convert_many)."""
    schema = schema or load_schema()
    if converted is None:
        outline = outline_file(path, schema)
    else:
        from .office import read_converted_file

        fmt = FORMATS[Path(path).suffix.lower()].name
        outline = map_outline(
            build_outline(read_converted_file(Path(path), fmt, converted)), schema
        )
    report = report_from_outline(outline, schema)
    if outline.source.format in ("docx", "doc", "wps", "odt"):  # only Word files have one
        from .docx_format import read_format  # what Word shows, for the format.* checks

        report.format = read_format(path, outline, converted)
    return report


def report_from_outline(outline: Outline, schema: Schema) -> Report:
    """The report model of an already mapped outline."""
    source = outline.source
    report = Report(
        source.file,
        "draft",
        schema,
        outline.year,
        outline.region,
        guess_level(outline.region),
        outline.title,
        outline.date,
        outline.kind,
        duplicates=outline.duplicates,
    )
    docx = source.format == "docx"
    for para in outline.preamble:
        report.passages.append(_passage(source.file, para, None, None, docx))
    for heading in outline.walk():
        report.passages += _heading_passages(source.file, heading, docx, schema)
    for figure in extract_figures([(p.norm, p.text) for p in report.passages if not p.is_heading]):
        report.metrics.setdefault(figure.group, {})[figure.count] = figure.value
    return report


def _heading_passages(file: str, heading: Heading, docx: bool, schema: Schema) -> list[Passage]:
    """A heading and the text under it; a 一是 item is a heading and a sentence of the text alike.

    A combined heading (存在的问题及下一步打算) that no child splits stands for both its
    parts, and its paragraphs pass to the second part from the first that names it."""
    where = (file, heading.para, heading.section, heading.part, docx)
    if heading.item_text:  # and the paragraphs that go on with the item, up to the next one
        body = [_passage(file, p, heading.section, heading.part, docx) for p in heading.body]
        return [_passage(*where, False, heading.item_text), *body]
    out = [_passage(*where, True, heading.text)]
    second = heading.second_part if heading.split_child is None else None
    if second:
        out.append(_passage(file, heading.para, second, second, docx, True, heading.text))
    if heading.runin and heading.runin_body:
        out.append(_passage(*where, False, heading.runin_body))
    switched = False
    for para in heading.body:
        switched = switched or bool(second and names_part(para.norm, second))
        part = second if switched else heading.part
        section = second if switched else heading.section
        out.append(_passage(file, para, section, part, docx))
    return out


def _passage(file, para, section, part, docx, is_heading=False, text=None) -> Passage:
    text = text or para.text
    return Passage(
        text,
        normalize(text),
        _where(file, para.line, docx),
        section,
        part,
        is_heading,
        para.line if docx else None,
    )


def _where(file: str, line: int, docx: bool) -> str:
    return f"{file}:段落{line}" if docx else f"{file}:{line}"


# ── `drafter outline` ──────────────────────────────────────────────────────


def heading_records(outline: Outline) -> list[dict]:
    """The documented JSON form of `drafter outline --format json`: one object per heading."""
    records = []
    for heading in outline.walk():
        runner_up = heading.runner_up
        records.append(
            {
                "text": heading.text,
                "level": heading.level,
                "section": heading.section,
                "part": heading.part,
                "confidence": heading.confidence,
                "runner_up": {"section": runner_up[0], "confidence": runner_up[1]}
                if runner_up
                else None,
                "line": heading.para.line,
                "runin": heading.runin,
                "reason": heading.reason,
                "inline": [f"{i.label}{i.title}" for i in heading.inline],
            }
        )
    return records


def outline_notes(outline: Outline) -> list[str]:
    """What a reader should know before trusting the outline: a plan, a body printed twice."""
    notes = []
    if outline.kind == "plan":
        notes.append(f"注意：这是一份规划（{outline.title}），不是法治政府建设年度报告。")
    for dup in outline.duplicates:
        notes.append(
            f"注意：第{dup.repeat_line}行起的 {dup.paragraphs} 段（{dup.chars} 字）"
            f"与第{dup.first_line}行起的内容重复，只计一次。"
        )
    return notes


def outline_lines(outline: Outline, schema: Schema | None = None) -> list[str]:
    """The terminal form of `drafter outline`: one line per heading with its section and reason."""
    schema = schema or load_schema()
    kind = "规划" if outline.kind == "plan" else "年度报告"
    lines = [
        f"{outline.title or '（无标题）'}　[{kind}；地区：{outline.region or '未识别'}；"
        f"年度：{outline.year or '未识别'}]"
    ]
    for heading in outline.walk():
        part = schema.by_id(heading.part).title if heading.part else "—"
        second = (
            f"；次选 {heading.runner_up[0]} {heading.runner_up[1]:.2f}" if heading.runner_up else ""
        )
        text = heading.text if len(heading.text) <= 40 else heading.text[:39] + "…"
        lines.append(
            f"{'  ' * (heading.level - 1)}{text}  → {heading.section}（{part}）"
            f"{heading.confidence:.2f}{second}  第{heading.para.line}行  {heading.reason}"
        )
        for item in heading.inline:
            lines.append(f"{'  ' * heading.level}· {item.label}{item.title[:30]}")
    return lines
