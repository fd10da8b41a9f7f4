"""Make the default Word template for the end-of-year report (reports/word/report-template.docx).

Run it again after changing the house style here, and commit the .docx:

    .venv/bin/python scripts/make_report_template.py

An organisation with its own template points REPORT_WORD_TEMPLATE at it instead. The export
uses these styles by name: Title, Heading 1-3, Normal, List Number (with its numbering),
List Number 2, List Bullet, Subtitle, Caption, Header, Footer, Table Grid, and the three made here:
Furniture Label, Report Note, Table Text and Confidential Marker.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "reports" / "word" / "report-template.docx"
FONT = "Arial"
TEXT = RGBColor(0x0B, 0x0C, 0x0C)
GREY = RGBColor(0x48, 0x49, 0x49)
RED = RGBColor(0xAA, 0x20, 0x10)


def set_font(
    style,
    size: float,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    colour: RGBColor = TEXT,
) -> None:
    font = style.font
    font.name, font.size, font.color.rgb = FONT, Pt(size), colour
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    # Built-in headings name the theme's fonts, which win over a named font: drop them.
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), FONT)


def numbering(document) -> int:
    """One two-level list: "1." for the report's paragraphs, "1.1" for their sub-items, the
    sub-items starting again under each paragraph as in the board's papers. Returns numId."""
    part = document.part.numbering_part.element
    abstract_id = (
        max(
            (int(a.get(qn("w:abstractNumId"))) for a in part.findall(qn("w:abstractNum"))),
            default=0,
        )
        + 1
    )
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for level, (text, indent) in enumerate((("%1.", 567), ("%1.%2", 1134))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (
            ("w:start", "1"),
            ("w:numFmt", "decimal"),
            ("w:lvlText", text),
            ("w:lvlJc", "left"),
        ):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent))
        ind.set(qn("w:hanging"), "567")
        ppr.append(ind)
        lvl.append(ppr)
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        lvl.append(rpr)
        abstract.append(lvl)
    # abstractNum elements come before num elements in numbering.xml.
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    num_id = max((int(n.get(qn("w:numId"))) for n in part.findall(qn("w:num"))), default=0) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    part.append(num)
    return num_id


def link_style_to_list(style, num_id: int, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.insert(0, num_pr)


def make() -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(10)

    styles = document.styles
    set_font(styles["Normal"], 11)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    set_font(styles["Title"], 20, bold=True)
    set_font(styles["Subtitle"], 12, italic=False, colour=GREY)
    for name, size in (("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11.5)):
        set_font(styles[name], size, bold=True, italic=False)
        styles[name].paragraph_format.space_before = Pt(12)
        styles[name].paragraph_format.keep_with_next = True
    for name in ("List Number", "List Number 2", "List Bullet", "Caption"):
        set_font(styles[name], 11 if name != "Caption" else 10, bold=name == "Caption")
    for name in ("Header", "Footer"):
        set_font(styles[name], 9, colour=GREY)

    label = styles.add_style("Furniture Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    set_font(label, 11, bold=True)
    label.paragraph_format.space_before = Pt(6)
    label.paragraph_format.space_after = Pt(0)
    label.paragraph_format.keep_with_next = True
    note = styles.add_style("Report Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    set_font(note, 9, italic=True, colour=GREY)
    note.paragraph_format.left_indent = Mm(10)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    set_font(table_text, 9)
    table_text.paragraph_format.space_after = Pt(0)
    marker = styles.add_style("Confidential Marker", WD_STYLE_TYPE.CHARACTER)
    set_font(marker, 10, bold=True, colour=RED)

    # Numbered paragraphs keep the space between them that the board's papers have.
    for name in ("List Number", "List Number 2", "List Bullet"):
        ppr = styles[name].element.pPr
        spacing = ppr.find(qn("w:contextualSpacing")) if ppr is not None else None
        if spacing is not None:
            ppr.remove(spacing)
    styles["List Number"].paragraph_format.space_after = Pt(6)
    styles["List Number 2"].paragraph_format.space_after = Pt(2)
    styles["List Bullet"].paragraph_format.space_after = Pt(2)

    num_id = numbering(document)
    link_style_to_list(styles["List Number"], num_id, 0)
    link_style_to_list(styles["List Number 2"], num_id, 1)

    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = "End-of-year report"
    properties.comments = "Default template for the board's end-of-year report."

    from io import BytesIO

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(make())
    sys.stdout.write(f"Wrote {OUT}\n")
