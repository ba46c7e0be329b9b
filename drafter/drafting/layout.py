"""GB/T 9704 layout parameters, read from the template directory's layout.yaml."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.docstyles import FONT_ROLE_NAMES
from ..core.errors import SchemaError
from ..core.located import load_located
from ..core.resources import default_template_dir
from ..core.validate import Field, check
from .template_files import folder_file

LAYOUT_FILE = "layout.yaml"
MM_PT = 72 / 25.4
FONT_ROLES = ("body", "title", "level1", "level2", "level3", "page_number", "latin")
ROLE_NAMES = FONT_ROLE_NAMES  # what staff call the roles (accepted by --font 正文=仿宋)

_FONT = {"name": Field(str, True), "fallback": Field(str), "package": Field(str)}
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
            "chars_per_line": Field(int, True),
            "align": Field(str, True, choices=("justify", "left")),
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
    "signature": Field(
        dict,
        True,
        {
            "right_chars": Field(float, True),
            "date_offset_chars": Field(float, True),
            "script_gap_em": Field(float, True),
        },
    ),
    "headings": Field(dict, True, {"level3_bold": Field(bool, True)}),
    "page_number": Field(dict, True, {"size_pt": Field(float, True), "dash": Field(str, True)}),
    "fonts": Field(dict, True, {role: Field(dict, True, _FONT) for role in FONT_ROLES}),
}


@dataclass(frozen=True)
class Font:
    """A font role's face in Word, its free fallback and the Debian package that has it."""

    name: str
    fallback: str = ""
    package: str = ""


@dataclass(frozen=True)
class Layout:
    """The page, body, title, heading and page-number settings of layout.yaml."""

    page: dict
    body: dict
    title: dict
    signature: dict
    headings: dict
    page_number: dict
    fonts: dict  # role -> Font

    def with_overrides(
        self, fonts: dict[str, str] | None = None, level3_bold: bool | None = None
    ) -> "Layout":
        """A copy with fonts replaced by role (English or Chinese name) and level-3 boldness set."""
        new_fonts = dict(self.fonts)
        for role, name in (fonts or {}).items():
            role = ROLE_NAMES.get(role, role)
            if role not in FONT_ROLES:
                raise SchemaError(f"未知的字体角色“{role}”，可选：{role_choices()}")
            old = self.fonts[role]
            new_fonts[role] = Font(name, old.fallback, old.package)
        headings = dict(self.headings)
        if level3_bold is not None:
            headings["level3_bold"] = level3_bold
        return replace(self, headings=headings, fonts=new_fonts)

    def type_area_pt(self) -> tuple[float, float]:
        """Width and height of the type area (版心) in points."""
        page = self.page
        width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
        height = page["height_mm"] - page["margin_top_mm"] - page["margin_bottom_mm"]
        return width * MM_PT, height * MM_PT

    def char_spacing_twentieths(self) -> int:
        """Character spacing (1/20 pt, ≤ 0) that fits chars_per_line body characters a line."""
        pitch = self.type_area_pt()[0] / self.body["chars_per_line"]
        return min(0, math.floor((pitch - self.body["size_pt"]) * 20))

    def char_pitch_pt(self) -> float:
        """The advance of one body character: its size plus the character spacing."""
        return self.body["size_pt"] + self.char_spacing_twentieths() / 20


def role_choices() -> str:
    """The font roles for messages and help: 正文(body)、标题(title) …"""
    return "、".join(f"{cn}({en})" for cn, en in ROLE_NAMES.items())


def load_layout(template_dir: Path | None = None) -> Layout:
    """The template directory's layout.yaml, or the default one when it has none."""
    path = folder_file(template_dir or default_template_dir(), LAYOUT_FILE)
    if not path.is_file():
        path = default_template_dir() / LAYOUT_FILE
    located = load_located(path, SchemaError, "版式文件", cached=True)
    problems = check(located, (), located.data, _SPEC) or _out_of_range(located, located.data)
    if problems:
        raise SchemaError(problems)
    raw = located.data
    fonts = {
        role: Font(v["name"], v.get("fallback", ""), v.get("package", ""))
        for role, v in raw["fonts"].items()
    }
    return Layout(
        raw["page"],
        raw["body"],
        raw["title"],
        raw["signature"],
        raw["headings"],
        raw["page_number"],
        fonts,
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
