"""Where the bundled schema, templates and seeds live.

In a source checkout (or an editable install) they sit at the project root, the
layout users asked for; a wheel carries them in drafter/_data.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # drafter/


def data_root() -> Path:
    """The folder holding sections.yaml, templates/ and seeds/."""
    bundled = _PACKAGE / "_data"
    return bundled if bundled.is_dir() else _PACKAGE.parent


def sections_path() -> Path:
    """The bundled sections.yaml."""
    return data_root() / "sections.yaml"


def templates_dir() -> Path:
    """The bundled templates folder."""
    return data_root() / "templates"


def default_template_dir() -> Path:
    """The default report template folder."""
    return templates_dir() / "default"


def seeds_dir() -> Path:
    """The bundled seed reports (the corpus starts with them)."""
    return data_root() / "seeds"
