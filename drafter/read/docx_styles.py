"""Effective formatting in a .docx, resolved the way Word shows it.

Each property is looked up from the nearest place that sets it: the run's own
w:rPr, its character style chain, the paragraph's own w:pPr, its paragraph style
chain (w:basedOn), then w:docDefaults. Theme fonts (w:eastAsiaTheme) are resolved
through word/theme. Attributes of w:ind and w:spacing inherit one by one.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TRUE = ("", "1", "true", "on")


class Styles:
    """A document's styles, defaults and theme fonts, for resolving effective values."""

    def __init__(self, docx):
        root = docx.styles.element
        self._by_id = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
        self._default_para = next(
            (
                s
                for s in self._by_id.values()
                if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")
            ),
            None,
        )
        defaults = root.find(f"{W}docDefaults")
        self._rpr_default = _find(defaults, f"{W}rPrDefault/{W}rPr")
        self._ppr_default = _find(defaults, f"{W}pPrDefault/{W}pPr")
        self._theme = _theme_fonts(docx)

    # ── chains ────────────────────────────────────────────────────────────

    def _chain(self, style) -> list:
        chain, seen = [], set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            chain.append(style)
            based = style.find(f"{W}basedOn")
            style = self._by_id.get(based.get(f"{W}val")) if based is not None else None
        return chain

    def _para_style(self, p):
        node = _find(p, f"{W}pPr/{W}pStyle")
        style = self._by_id.get(node.get(f"{W}val")) if node is not None else None
        return style if style is not None else self._default_para

    def _ppr_sources(self, p) -> list:
        styles = [s.find(f"{W}pPr") for s in self._chain(self._para_style(p))]
        return [p.find(f"{W}pPr"), *styles, self._ppr_default]

    def _rpr_sources(self, p, r) -> list:
        own = r.find(f"{W}rPr") if r is not None else None
        run_style = _find(own, f"{W}rStyle")
        char_style = self._by_id.get(run_style.get(f"{W}val")) if run_style is not None else None
        char_chain = self._chain(char_style)
        para_chain = self._chain(self._para_style(p))
        styles = [s.find(f"{W}rPr") for s in char_chain + para_chain]
        return [own, *styles, self._rpr_default]

    # ── values ────────────────────────────────────────────────────────────

    def run_font(self, p, r) -> tuple[str, float | None, bool, float]:
        """(East Asian face, size in points, bold, character spacing in points) of a run."""
        sources = self._rpr_sources(p, r)
        face = ""
        for rpr in sources:
            fonts = _find(rpr, f"{W}rFonts")
            if fonts is None:
                continue
            theme = fonts.get(f"{W}eastAsiaTheme")
            if theme or fonts.get(f"{W}eastAsia"):
                face = self._theme.get(theme, "") if theme else fonts.get(f"{W}eastAsia")
                break
        size, bold, spacing = (_first(sources, tag) for tag in ("sz", "b", "spacing"))
        return (
            face,
            int(size) / 2 if size else None,
            bold in _TRUE if bold is not None else False,
            int(spacing) / 20 if spacing else 0.0,
        )

    def paragraph_attr(self, p, tag: str, attr: str) -> str | None:
        """An attribute of a w:pPr child (w:ind, w:spacing, w:jc …), inherited one by one."""
        for ppr in self._ppr_sources(p):
            node = _find(ppr, f"{W}{tag}")
            if node is not None and node.get(f"{W}{attr}") is not None:
                return node.get(f"{W}{attr}")
        return None


def _first(sources: list, tag: str) -> str | None:
    """The w:val of the nearest source that has the element (an absent w:val means on)."""
    for rpr in sources:
        node = _find(rpr, f"{W}{tag}")
        if node is not None:
            return node.get(f"{W}val", "")
    return None


def _find(node, path: str):
    return node.find(path) if node is not None else None


def _theme_fonts(docx) -> dict[str, str]:
    """minorEastAsia/majorEastAsia -> face: the theme's a:ea typeface, or its Hans script font."""
    part = next(
        (p for p in docx.part.package.iter_parts() if str(p.partname).startswith("/word/theme/")),
        None,
    )
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    fonts = {}
    for kind in ("minor", "major"):
        node = root.find(f".//{_A}{kind}Font")
        if node is None:
            continue
        ea = node.find(f"{_A}ea")
        hans = next((f for f in node.iter(f"{_A}font") if f.get("script") == "Hans"), None)
        face = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else ""
        )
        fonts[f"{kind}EastAsia"] = face
    return fonts
