"""The few raw-XML operations python-docx has no API for, kept in one place.

- East Asian fonts: Font.name sets only w:ascii/w:hAnsi; Chinese text uses
  w:eastAsia, and theme attributes (w:eastAsiaTheme …) silently override it.
- Character-based first-line indent (w:firstLineChars), which a style inherits
  from Normal unless it says 0 itself; character spacing; the document grid;
  PAGE fields; document language; the font table with w:altName fallbacks;
  the template's leftovers (app.xml naming Word for Mac, a blank thumbnail); run shading.
"""

from __future__ import annotations

import copy

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


def shade_run(run, fill: str) -> None:
    """A run's background shading (w:shd: Word and WPS show and print it; a highlight has
    only 16 colours)."""
    shade = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shade.set(qn(name), value)
    run._r.get_or_add_rPr().append(shade)


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
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(int(round(chars * 100))))


def clear_first_line(ppr) -> None:
    """No first-line or hanging indent, said explicitly: a style based on Normal would
    otherwise inherit Normal's w:firstLineChars (which wins over any w:firstLine)."""
    ind = ppr.get_or_add_ind()
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")


def no_hanging_punctuation(ppr) -> None:
    """w:overflowPunct on, said explicitly. Word's default anyway; LibreOffice maps the
    explicit value to “no hanging punctuation” and otherwise hangs a line-final comma
    into the margin of a justified line, where it is not drawn at all."""
    node = ppr.find(qn("w:overflowPunct"))
    if node is None:
        node = OxmlElement("w:overflowPunct")
        ppr.insert_element_before(node, *_AFTER_OVERFLOW_PUNCT)
    node.set(qn("w:val"), "1")


# w:pPr children after w:overflowPunct in the schema's sequence
_AFTER_OVERFLOW_PUNCT = tuple(
    "w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid "
    "w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
    "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
    "w:rPr w:sectPr w:pPrChange".split()
)

# w:rPr children that come after w:spacing in the schema's sequence
_AFTER_SPACING = (
    "w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText "
    "w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish w:oMath"
).split()


def set_char_spacing(rpr, twentieths: int) -> None:
    """Character spacing (w:spacing in w:rPr) in twentieths of a point, negative to condense."""
    node = rpr.find(qn("w:spacing"))
    if node is None:
        node = OxmlElement("w:spacing")
        later = next((c for c in rpr if c.tag in {qn(t) for t in _AFTER_SPACING}), None)
        if later is None:
            rpr.append(node)
        else:
            later.addprevious(node)
    node.set(qn("w:val"), str(twentieths))


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


def write_font_table(document, fonts: dict[str, str], latin: set[str]) -> None:
    """word/fontTable.xml lists exactly the fonts used (name -> w:altName fallback).

    The template's table (Cambria, ＭＳ 明朝 …) is replaced. Chinese fonts carry the
    GB2312 charset so Word picks a Chinese face when it has to substitute.
    """
    part = _part(document, "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for child in list(root):
        root.remove(child)
    for name, alt in fonts.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if alt and alt != name:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "00" if name in latin else "86")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "roman")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def clean_package(document, application: str) -> None:
    """Say which program wrote the file (not Word for Mac) and drop the blank thumbnail."""
    package = document.part.package
    _part(document, "/docProps/app.xml")._blob = _APP_XML.format(application=application).encode()
    for r_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[r_id]


def _part(document, name: str):
    return next(p for p in document.part.package.iter_parts() if str(p.partname) == name)


# What a copied table may not carry into another package: parts it points to by r:id.
_DROPPED_IN_TABLES = (
    "w:drawing w:pict w:object w:footnoteReference w:endnoteReference w:commentReference "
    "w:commentRangeStart w:commentRangeEnd w:bookmarkStart w:bookmarkEnd"
).split()
_RUN_TYPE = ("w:rFonts", "w:sz", "w:szCs", "w:b", "w:i", "w:color", "w:spacing")


def append_table(document, tbl, paragraph_style_id: str) -> None:
    """A copy of another document's w:tbl at the end of the body, text in one style.

    Pictures, notes and comments (which would point at parts this package lacks) are
    dropped, hyperlinks kept as their text, and the cells' own type formatting removed.
    """
    table = copy.deepcopy(tbl)
    for tag in _DROPPED_IN_TABLES:
        for node in list(table.iter(qn(tag))):
            node.getparent().remove(node)
    for link in list(table.iter(qn("w:hyperlink"))):
        for child in list(link):
            link.addprevious(child)
        link.getparent().remove(link)
    for p in table.iter(qn("w:p")):
        p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), paragraph_style_id)
    for rpr in table.iter(qn("w:rPr")):
        for tag in _RUN_TYPE:
            for node in rpr.findall(qn(tag)):
                rpr.remove(node)
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    if style is not None and style.get(qn("w:val")) not in {s.style_id for s in document.styles}:
        style.getparent().remove(style)
    document.element.body.insert_element_before(table, "w:sectPr")


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
