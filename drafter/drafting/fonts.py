"""Font substitution for LibreOffice: each role's Word font -> its free fallback.

LibreOffice ignores the font table's w:altName and asks fontconfig for the font by
name; on a machine without the Windows fonts every role then falls back to one sans
face. A fontconfig file with an alias per role (the fallback is *accepted* after the
named font, so a real 仿宋_GB2312 still wins where it is installed) gives four faces.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from .layout import Layout

SYSTEM_CONFIG = "/etc/fonts/fonts.conf"


def fontconfig_xml(layout: Layout) -> str:
    """A fontconfig file: the system configuration plus one alias per role's font."""
    base = os.environ.get("FONTCONFIG_FILE") or SYSTEM_CONFIG
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        f'  <include ignore_missing="yes">{escape(base)}</include>',
    ]
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
