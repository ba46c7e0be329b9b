"""`drafter build` and `drafter init`: year data to a written report, and new year-data files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.files import atomic_write, atomic_write_text, check_writable
from ..core.findings import Finding
from ..core.schema import Schema, load_schema
from .layout import Layout, load_layout
from .loader import load_year_data
from .previews import to_markdown, to_text
from .render import Rendered, render
from .skeleton import carry_over, skeleton
from .template_files import template_inputs

FORMATS = ("docx", "md", "txt")


@dataclass
class BuildResult:
    """What build produced: the rendered report, the file written (if any) and preview text."""

    rendered: Rendered
    output: Path | None
    text: str = ""

    @property
    def warnings(self) -> list[Finding]:
        """The builder's warnings (empty parts and items, impossible counts, no date)."""
        return self.rendered.warnings


def build(
    data_path: Path | str,
    output: Path | str | None = None,
    *,
    fmt: str = "docx",
    template_dir: Path | None = None,
    schema: Schema | None = None,
    layout: Layout | None = None,
    force: bool = False,
) -> BuildResult:
    """Build a report from year data: a .docx (or .md/.txt) file, or text when output is None."""
    if fmt not in FORMATS:
        raise UserError(f"未知的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    inputs = [Path(data_path), *template_inputs(template_dir)]
    if output is not None:
        check_writable(Path(output), force, inputs)  # fail before any work, not after
    data = load_year_data(data_path, schema or load_schema())
    rendered = render(data, template_dir)
    if fmt == "docx":
        if output is None:
            raise UserError("生成 .docx 需要用 -o 指定输出文件")
        from .docx_writer import write_docx

        layout = layout or load_layout(template_dir)
        atomic_write(
            Path(output), lambda tmp: write_docx(rendered.document, layout, tmp), force, inputs
        )
        return BuildResult(rendered, Path(output))
    text = to_markdown(rendered.document) if fmt == "md" else to_text(rendered.document)
    if output is not None:
        atomic_write_text(Path(output), text, force, inputs)
    return BuildResult(rendered, Path(output) if output else None, text)


def new_year_data(
    *,
    region: str | None = None,
    year: int | None = None,
    level: str = "区县政府",
    signer: str = "",
    previous: Path | str | None = None,
) -> tuple[str, str]:
    """(YAML text, default file name) of a new year-data file: a skeleton or last year's."""
    if previous is not None:
        if region or year:
            raise UserError("--from 会沿用上年的地区并把年度加一，不能同时给 --region/--year")
        data = load_year_data(previous)
        return carry_over(data), f"{data.meta.region}{data.meta.year + 1}.yaml"
    if not region or year is None:
        raise UserError("请给出 --region 和 --year（或用 --from 上年数据文件）")
    return skeleton(region, year, level, signer), f"{region}{year}.yaml"
