"""The reading machinery of year data: located problems, canonical keys, narrative text."""

from __future__ import annotations

from ..core.located import Located
from ..core.schema import Schema
from ..core.validate import describe, unknown_hint
from . import keys as K
from .model import Text


class KeyedReading:
    """Holds the located data and the problems found; maps ascii aliases onto Chinese keys."""

    def __init__(self, located: Located, schema: Schema):
        self.located, self.schema, self.problems = located, schema, []

    def problem(self, path, message, hint="", at_key=False):
        """Record a problem at a key path."""
        self.problems.append(self.located.problem(path, message, hint, at_key))

    def section_aliases(self) -> dict[str, str]:
        """Every name a section may be written as at the top level."""
        return {name: name for name in self.schema.names()}

    def canonical(self, mapping: dict, path: tuple, keys: dict[str, str]) -> dict:
        """Map ascii aliases onto canonical keys; report unknown and doubled keys."""
        ascii_to_cn = {v: k for k, v in keys.items()}
        out, origin = {}, {}
        for key, value in mapping.items():
            canon = key if key in keys else ascii_to_cn.get(key)
            if canon is None:
                self.problem(
                    path + (key,), f"未知的键“{key}”", unknown_hint(key, keys), at_key=True
                )
                continue
            if path == () and canon not in K.TOP_KEYS:
                canon = self.schema.get(canon).key if self.schema.get(canon) else canon
            if canon in out:
                self.problem(
                    path + (key,), f"“{key}”与“{origin[canon]}”指同一项，只能写一处", at_key=True
                )
                continue
            self.relocate(path + (key,), path + (canon,))
            out[canon], origin[canon] = value, key
        return out

    def relocate(self, old: tuple, new: tuple) -> None:
        """Copy the locations of an aliased key path to its canonical path."""
        if old == new:
            return
        for table in (self.located.marks, self.located.key_marks):
            for p in [p for p in table if p[: len(old)] == old]:
                table[new + p[len(old) :]] = table[p]

    def text(self, value, path: tuple) -> Text | None:
        """A narrative value (numbers become text); None and a problem for anything else."""
        if value is None:
            return Text("", path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(path, f"这里应当是一段文字，实际是{describe(value)}")
            return None
        return Text(value, path)

    def string(self, raw: dict, key: str, path: tuple) -> str:
        """An optional plain string value, stripped."""
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            self.problem(path + (key,), f"“{key}”应当是文字，实际是{describe(value)}")
            return ""
        return (value or "").strip()
