"""Font substitution for LibreOffice (and other fontconfig programs): each role's Word
font -> its free fallback.

LibreOffice ignores the font table's w:altName and asks fontconfig for the font by
name; on a machine without the Windows fonts every role then falls back to one sans
face. A fontconfig alias per role (the fallback is *accepted* after the named font,
so a real 仿宋_GB2312 still wins where it is installed) gives four faces: drafter's
PDF conversion passes one to LibreOffice, and `drafter fonts --install` puts one in
the user's fontconfig folder for documents opened by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from ..core.files import atomic_write_text
from .layout import Layout, load_layout

SYSTEM_CONFIG = "/etc/fonts/fonts.conf"
USER_FILE = "65-drafter-gbt9704.conf"  # read by the system's 50-user.conf


def fontconfig_xml(layout: Layout, include_system: bool = True) -> str:
    """A fontconfig file with one alias per role's font (and the system configuration)."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- drafter: GB/T 9704 公文字体的免费替代字体（templates/default/layout.yaml） -->",
        "<fontconfig>",
    ]
    if include_system:
        base = os.environ.get("FONTCONFIG_FILE") or SYSTEM_CONFIG
        lines.append(f'  <include ignore_missing="yes">{escape(base)}</include>')
    pairs = {(f.name, f.fallback) for f in layout.fonts.values() if f.fallback != f.name}
    for name, fallback in sorted(pairs):
        lines.append(
            f'  <alias binding="same"><family>{escape(name)}</family>'
            f"<accept><family>{escape(fallback)}</family></accept></alias>"
        )
    return "\n".join(lines + ["</fontconfig>", ""])


def substitution_env(layout: Layout, workdir: Path) -> dict[str, str]:
    """Environment for a LibreOffice run that substitutes each role's fallback font."""
    path = workdir / "fonts.conf"
    path.write_text(fontconfig_xml(layout), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(path)}


def user_config_path() -> Path:
    """Where fontconfig reads a user's own rules: $XDG_CONFIG_HOME/fontconfig/conf.d."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "fontconfig" / "conf.d" / USER_FILE


def install_aliases(layout: Layout | None = None) -> Path:
    """Let LibreOffice/WPS on Linux show each role's fallback face: write the aliases to
    the user's fontconfig folder (replacing drafter's own file there)."""
    layout = layout or load_layout()
    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, fontconfig_xml(layout, include_system=False), force=True)
    return path


@dataclass(frozen=True)
class RoleFont:
    """A role's Word font and fallback, and the face this machine would show for it."""

    role: str
    name: str
    fallback: str
    package: str
    shown: str  # what fontconfig picks for the Word font's name; "" without fc-match


def role_fonts(layout: Layout | None = None) -> list[RoleFont]:
    """Each role's Word font, free fallback and Debian package, and (where fontconfig is
    present) the face this machine shows for it."""
    layout = layout or load_layout()
    return [
        RoleFont(role, f.name, f.fallback, f.package, _shown(f.name))
        for role, f in layout.fonts.items()
    ]


def _shown(name: str) -> str:
    if shutil.which("fc-match") is None:
        return ""
    done = subprocess.run(
        ["fc-match", "-f", "%{family[0]} %{style[0]}", name], capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else ""
