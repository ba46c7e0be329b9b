"""`drafter build` and `drafter init`: year data to a written report, and new year-data files."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import Problem, UserError
from ..core.files import atomic_write, atomic_write_text, check_writable
from ..core.findings import Finding
from ..core.schema import Schema, load_schema
from .keys import YEAR_DATA_SUFFIXES
from .layout import Layout, load_layout
from .loader import load_year_data
from .previews import to_markdown, to_text
from .render import Rendered, render
from .skeleton import carry_over, skeleton
from .template_files import template_inputs

FORMATS = ("docx", "pdf", "md", "txt")
OUTPUT_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".txt": "txt"}


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
    fmt: str | None = None,
    template_dir: Path | None = None,
    schema: Schema | None = None,
    layout: Layout | None = None,
    force: bool = False,
) -> BuildResult:
    """Build a report from year data: a .docx, .pdf, .md or .txt file (the output's suffix
    decides), or preview text when output is None."""
    inputs = [Path(data_path), *template_inputs(template_dir)]
    if output is not None:  # fail before any work, not after: an input, a folder, no --force
        check_writable(Path(output), force, inputs)
    fmt = output_format(output, fmt)
    if fmt == "pdf":
        from ..read.office import soffice

        soffice()  # LibreOffice missing: say so (and what to install) before any work
    data = load_year_data(data_path, schema or load_schema())
    rendered = render(data, template_dir)
    if fmt in ("docx", "pdf"):
        layout = layout or load_layout(template_dir)
        write = _write_docx if fmt == "docx" else _write_pdf
        atomic_write(Path(output), lambda tmp: write(rendered, layout, tmp), force, inputs)
        return BuildResult(rendered, Path(output))
    text = to_markdown(rendered.document) if fmt == "md" else to_text(rendered.document)
    if output is not None:
        atomic_write_text(Path(output), text, force, inputs)
    return BuildResult(rendered, Path(output) if output else None, text)


def output_format(output: Path | str | None, fmt: str | None) -> str:
    """The output format: the output file's suffix decides; without a file, fmt (default docx)."""
    if fmt is not None and fmt not in FORMATS:
        raise UserError(f"未知的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if output is None:
        if fmt in ("docx", "pdf", None):
            raise UserError("生成 Word 或 PDF 文件需要用 -o 指定输出文件（如 -o 报告.docx）")
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UserError(
            [
                Problem(
                    f"不支持的输出格式“{suffix or '无扩展名'}”",
                    str(output),
                    hint=f"输出文件的扩展名决定格式：{'、'.join(OUTPUT_SUFFIXES)}",
                )
            ]
        )
    if fmt is not None and fmt != OUTPUT_SUFFIXES[suffix]:
        raise UserError(f"--format {fmt} 与输出文件的扩展名 {suffix} 不一致")
    return OUTPUT_SUFFIXES[suffix]


def _write_docx(rendered: Rendered, layout: Layout, path: Path) -> None:
    from .docx_writer import write_docx

    write_docx(rendered.document, layout, path)


def _write_pdf(rendered: Rendered, layout: Layout, path: Path) -> None:
    """The .docx through LibreOffice, with the fallback fonts substituted by role."""
    import shutil
    import tempfile

    from ..read.office import convert
    from .fonts import substitution_env

    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        work = Path(tmp)
        docx = work / "report.docx"
        _write_docx(rendered, layout, docx)
        pdf = convert(docx, "pdf", work, substitution_env(layout, work))
        shutil.copyfile(pdf, path)


def new_year_data(
    *,
    region: str | None = None,
    year: int | None = None,
    level: str = "区县政府",
    signer: str = "",
    previous: Path | str | None = None,
    output: Path | str | None = None,
) -> tuple[str, str]:
    """(YAML text, default file name) of a new year-data file: a skeleton or last year's
    (which the new file names, relative to output's folder — the current one by default)."""
    if previous is not None:
        if region or year:
            raise UserError("--from 会沿用上年的地区并把年度加一，不能同时给 --region/--year")
        data = load_year_data(previous)
        folder = Path(output).parent if output else Path(".")
        lineage = Path(os.path.relpath(Path(previous).resolve(), folder.resolve())).as_posix()
        return carry_over(data, lineage), f"{data.meta.region}{data.meta.year + 1}.yaml"
    if not region or year is None:
        raise UserError("请给出 --region 和 --year（或用 --from 上年数据文件）")
    return skeleton(region, year, level, signer), f"{region}{year}.yaml"


def year_data_text(path: Path):
    """For a year-data file: a context manager giving (the report it builds, as a text file in
    a temporary folder; its region; its year) — how the corpus takes year data. None for any
    other file."""
    return _built_text(Path(path)) if Path(path).suffix.lower() in YEAR_DATA_SUFFIXES else None


@contextmanager
def _built_text(path: Path):
    meta = load_year_data(path).meta
    with tempfile.TemporaryDirectory(prefix="drafter-") as tmp:
        text = Path(tmp) / f"{path.stem}.txt"
        build(path, text)
        yield text, meta.region, meta.year
