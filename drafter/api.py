"""The library entry points the CLI (and anyone scripting drafter) calls."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data import YearData, load_year_data
from .errors import UserError
from .findings import Finding
from .fsutil import atomic_write, atomic_write_text, check_writable
from .layout import Layout, load_layout
from .render import Rendered, render
from .schema import Schema, load_schema
from .textout import to_markdown, to_text

FORMATS = ("docx", "md", "txt")


@dataclass
class BuildResult:
    rendered: Rendered
    output: Path | None
    text: str = ""

    @property
    def warnings(self) -> list[Finding]:
        return self.rendered.warnings


def draft(data_path: Path | str, output: Path | str | None = None, *, fmt: str = "docx",
          template_dir: Path | None = None, schema: Schema | None = None,
          layout: Layout | None = None, force: bool = False) -> BuildResult:
    """Build a report from year data: a .docx (or .md/.txt) file, or text when output is None."""
    if fmt not in FORMATS:
        raise UserError(f"未知的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if output is not None:
        check_writable(Path(output), force)  # fail before any work, not after
    data = load_year_data(data_path, schema or load_schema())
    rendered = render(data, template_dir)
    if fmt == "docx":
        if output is None:
            raise UserError("生成 .docx 需要用 -o 指定输出文件")
        from .docx_writer import write_docx

        layout = layout or load_layout(template_dir)
        atomic_write(Path(output), lambda tmp: write_docx(rendered.document, layout, tmp), force)
        return BuildResult(rendered, Path(output))
    text = to_markdown(rendered.document) if fmt == "md" else to_text(rendered.document)
    if output is not None:
        atomic_write_text(Path(output), text, force)
    return BuildResult(rendered, Path(output) if output else None, text)


def load(data_path: Path | str, schema: Schema | None = None) -> YearData:
    return load_year_data(data_path, schema or load_schema())
