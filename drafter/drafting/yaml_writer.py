"""Write YAML by hand where comments matter (skeletons, imports): PyYAML drops them."""

from __future__ import annotations

import yaml


def scalar(value) -> str:
    """A YAML scalar on one line, quoted only when needed."""
    if value is None:
        return "~"
    if isinstance(value, str) and "\n" in value:
        value = value.replace("\n", " ")
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def comment_lines(text: str, indent: str, prefix: str = "") -> list[str]:
    """Text as YAML comment lines, one paragraph per line."""
    lines = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return [
        f"{indent}# {prefix}{line}" if i == 0 else f"{indent}#   {line}"
        for i, line in enumerate(lines)
    ]
