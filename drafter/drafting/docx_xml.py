"""The few raw-XML operations python-docx has no API for, kept in one place.

- East Asian fonts: Font.name sets only w:ascii/w:hAnsi; Chinese text uses
  w:eastAsia, and theme attributes (w:eastAsiaTheme …) silently override it.
- Character-based first-line indent (w:firstLineChars), the document grid,
  PAGE fields, document language, font-table fallbacks (w:altName).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr, east_asian: str, latin: str) -> None:
    """Set every script's font on a w:rPr and drop theme fonts that would win over them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_language(rpr, lang: str = "zh-CN") -> None:
    """Set the run properties' language (Latin and East Asian)."""
    node = rpr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        rpr.append(node)
    node.set(qn("w:val"), lang)
    node.set(qn("w:eastAsia"), lang)


def doc_defaults_rpr(styles_element):
    """The w:rPr inside w:docDefaults/w:rPrDefault, created when absent."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = _child(defaults, "w:rPrDefault")
    return _child(rpr_default, "w:rPr")


def set_first_line_chars(ppr, chars: float) -> None:
    """A first-line indent in characters (w:firstLineChars)."""
    ind = _child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(int(round(chars * 100))))


def clear_first_line(ppr) -> None:
    """Remove any first-line or hanging indent."""
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        for attr in ("w:firstLineChars", "w:firstLine", "w:hanging", "w:hangingChars"):
            ind.attrib.pop(qn(attr), None)


def set_doc_grid(sect_pr, line_pitch_twips: int) -> None:
    """A line grid of the given pitch for the section."""
    grid = _child(sect_pr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def add_page_field(paragraph) -> None:
    """Append a PAGE field (begin/instr/separate/result/end) to a paragraph."""
    run = paragraph.add_run()
    run._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    run._r.append(_fld_char("separate"))
    result = paragraph.add_run("1")
    end = paragraph.add_run()
    end._r.append(_fld_char("end"))
    return run, result, end


def add_font_fallbacks(document, fallbacks: dict[str, str]) -> None:
    """Record w:altName fallbacks in word/fontTable.xml so Word can substitute."""
    part = next(
        (p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"),
        None,
    )
    if part is None or not fallbacks:
        return
    root = etree.fromstring(part.blob)
    for name, alt in fallbacks.items():
        if not alt or alt == name:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_name = etree.SubElement(font, qn("w:altName"))
        alt_name.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fld_char(kind: str):
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    return node


def _child(parent, tag: str):
    node = parent.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        parent.append(node)
    return node
