"""GB/T 9704 layout parameters, read from the template directory's layout.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import SchemaError
from ..core.located import load_located
from ..core.resources import default_template_dir
from ..core.validate import Field, check
from .template_files import folder_file

LAYOUT_FILE = "layout.yaml"
FONT_ROLES = ("body", "title", "level1", "level2", "level3", "page_number", "latin")

_FONT = {"name": Field(str, True), "fallback": Field(str)}
_SPEC = {
    "source": Field(str),
    "page": Field(
        dict,
        True,
        {
            k: Field(float, True)
            for k in (
                "width_mm",
                "height_mm",
                "margin_top_mm",
                "margin_left_mm",
                "margin_right_mm",
                "margin_bottom_mm",
                "footer_distance_mm",
            )
        },
    ),
    "body": Field(
        dict,
        True,
        {
            "size_pt": Field(float, True),
            "line_spacing_pt": Field(float, True),
            "first_line_chars": Field(float, True),
        },
    ),
    "title": Field(
        dict,
        True,
        {
            "size_pt": Field(float, True),
            "line_spacing_pt": Field(float, True),
            "space_after_lines": Field(float, True),
        },
    ),
    "headings": Field(dict, True, {"level3_bold": Field(bool, True)}),
    "page_number": Field(dict, True, {"size_pt": Field(float, True), "dash": Field(str, True)}),
    "fonts": Field(dict, True, {role: Field(dict, True, _FONT) for role in FONT_ROLES}),
}


@dataclass(frozen=True)
class Font:
    """A font role's preferred face and its fallback."""

    name: str
    fallback: str = ""


@dataclass(frozen=True)
class Layout:
    """The page, body, title, heading and page-number settings of layout.yaml."""

    page: dict
    body: dict
    title: dict
    headings: dict
    page_number: dict
    fonts: dict  # role -> Font

    def with_overrides(
        self, fonts: dict[str, str] | None = None, level3_bold: bool | None = None
    ) -> "Layout":
        """A copy with fonts replaced by role and level-3 boldness set."""
        new_fonts = dict(self.fonts)
        for role, name in (fonts or {}).items():
            if role not in FONT_ROLES:
                raise SchemaError(f"未知的字体角色“{role}”，可选：{'、'.join(FONT_ROLES)}")
            new_fonts[role] = Font(name, self.fonts[role].name)
        headings = dict(self.headings)
        if level3_bold is not None:
            headings["level3_bold"] = level3_bold
        return Layout(self.page, self.body, self.title, headings, self.page_number, new_fonts)


def load_layout(template_dir: Path | None = None) -> Layout:
    """The template directory's layout.yaml, or the default one when it has none."""
    path = folder_file(template_dir or default_template_dir(), LAYOUT_FILE)
    if not path.is_file():
        path = default_template_dir() / LAYOUT_FILE
    located = load_located(path, SchemaError, "版式文件")
    problems = check(located, (), located.data, _SPEC) or _out_of_range(located, located.data)
    if problems:
        raise SchemaError(problems)
    raw = located.data
    fonts = {role: Font(v["name"], v.get("fallback", "")) for role, v in raw["fonts"].items()}
    return Layout(
        raw["page"], raw["body"], raw["title"], raw["headings"], raw["page_number"], fonts
    )


_LARGEST = 1000  # mm or pt: larger than any paper size, font size or spacing


def _out_of_range(located, node, path=()) -> list:
    """Every number of layout.yaml is a size (mm, pt, characters, lines): 0 to 1,000."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _out_of_range(located, v, path + (k,))]
    if isinstance(node, (int, float)) and not isinstance(node, bool) and not 0 <= node <= _LARGEST:
        return [
            located.problem(
                path, f"应当是 0 到 {_LARGEST} 之间的数（毫米、磅或字数），实际是 {node}"
            )
        ]
    return []
