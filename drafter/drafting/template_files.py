"""Files of a template folder (report.j2, what it includes, layout.yaml), never one outside it.

A template folder may come from another unit. A link inside it pointing at
/etc/passwd must not put that file into a report, so every file is resolved
(links followed) and refused unless it still lies inside the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from ..core.errors import Problem, TemplateProblem
from ..core.located import read_text
from ..core.yaml_tree import non_printable


def folder_file(folder: Path | str, name: str) -> Path:
    """folder/name, refused if it (or a link on its way) leads outside the folder."""
    root = Path(folder).resolve()
    path = Path(folder) / name
    real = path.resolve()
    if real != root and root not in real.parents:
        raise TemplateProblem(
            [
                Problem(
                    "模板目录中的这个文件是指向目录之外的链接，出于安全考虑不读取",
                    str(path),
                    hint=f"请把要用的文件复制到模板目录（{folder}）中，不要用链接",
                )
            ]
        )
    return path


def template_inputs(folder: Path | str | None) -> list[Path]:
    """The files of a custom template folder a build reads (an output must not replace them)."""
    if folder is None:
        return []
    return [Path(folder) / "report.j2", Path(folder) / "layout.yaml"]


def read_template(path: Path) -> str:
    """A template file's text (UTF-8) within the size limit and without control characters."""
    text = read_text(path, "模板文件", "template_file_mb")
    problems = non_printable(text, str(path), where="，无法写入 Word")
    if problems:
        raise TemplateProblem(problems)
    return text


class FolderLoader(jinja2.BaseLoader):
    """{% include %}/{% import %}/{% extends %} of files inside the template folder only."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def get_source(self, environment, template: str):
        """The source of a template named relative to the folder ("..": not found)."""
        path = folder_file(self.folder, os.path.join(*split_template_path(template)))
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return (
            read_template(path),
            str(path),
            lambda: path.is_file() and path.stat().st_mtime == mtime,
        )
