"""The report as a Word document (python-docx) and a PDF (WeasyPrint)."""

import re
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .builder import CONFIDENTIAL
from .charts import chart_alt_text, chart_png

PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "print.css"
# Laying out a long report takes seconds; the same page always gives the same PDF.


def as_docx(content: dict, status: str = "") -> bytes:
    """The report in the organisation's Word template (settings.REPORT_WORD_TEMPLATE): its
    page, its styles and its numbering, so nothing needs restyling. Paragraph numbers are
    Word's own (List Number), running through the report as the board's papers do. status
    says which copy it is ("Version 2, sent to ...", or a draft), under the title."""
    document = Document(str(settings.REPORT_WORD_TEMPLATE))
    _empty_body(document)
    _properties(document, content)
    _language(document, "en-GB")
    _header_and_footer(document, content)
    numbering = _fresh_numbering(document)
    document.add_paragraph(content["title"], style="Title")
    document.add_paragraph(f"{content['organisation']} · {content['board']}", style="Subtitle")
    if status:
        document.add_paragraph(status)
    if content.get("contains_confidential"):
        notice = document.add_paragraph()
        notice.add_run(
            f"{CONFIDENTIAL}. This copy contains confidential information; confidential "
            "paragraphs and links are marked, with the reason.",
            style="Confidential Marker",
        )
    for entry in content["front"]:
        if entry["text"]:
            document.add_paragraph(entry["label"], style="Furniture Label")
            document.add_paragraph(entry["text"])
    for section in content["sections"]:
        document.add_heading(section["heading"], level=1)
        _paragraphs(document, section.get("paragraphs", []), numbering)
        for subsection in section.get("subsections", []):
            document.add_heading(subsection["heading"], level=2)
            _paragraphs(document, subsection["paragraphs"], numbering)
        if section.get("table"):
            _proposals_table(document, section["table"])
    _figures(document, content)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _language(document, tag: str) -> None:
    """The document's language, as the PDF's: the default run language in its styles."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    run_props = run_defaults.find(qn("w:rPr"))
    if run_props is None:
        run_props = OxmlElement("w:rPr")
        run_defaults.append(run_props)
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)
    for style in styles.iter(qn("w:lang")):
        style.set(qn("w:val"), tag)
    document.core_properties.language = tag


def _empty_body(document) -> None:
    """A template may hold sample text: keep only its page settings (the last sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _properties(document, content: dict) -> None:
    properties = document.core_properties
    properties.title = content["title"]
    properties.author = properties.last_modified_by = content.get("organisation", "")
    meeting = content.get("meeting")
    properties.subject = meeting["label"] if meeting else content["board"]
    properties.category = "Board paper"
    properties.keywords = f"{content['board']}; end-of-year report; {content['year']}"
    properties.comments = ""
    # The organisation also goes in the extended properties, where Word shows "Company".
    for part in document.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            xml = part.blob.decode()
            company = f"<Company>{escape(content.get('organisation', ''))}</Company>"
            xml = re.sub(r"<Company\s*/>|<Company>.*?</Company>", "", xml, flags=re.S)
            xml = xml.replace("</Properties>", f"{company}</Properties>")
            part._blob = xml.encode()


def _header_and_footer(document, content: dict) -> None:
    meeting = content.get("meeting")
    parts = [content["board"]]
    if meeting:
        parts += [meeting["date"], f"Item {meeting['item']}"]
    if content.get("contains_confidential"):
        parts.append(CONFIDENTIAL)
    for section in document.sections:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.text = " · ".join(parts)
        paragraph.style = "Header"
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        paragraph.style = "Footer"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(f"{content['title']} · Page ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it lays out the pages."""
    for kind, text in (
        ("begin", None),
        (None, f" {instruction} "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip().isupper():
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _list_style_num_id(document) -> str | None:
    ppr = document.styles["List Number"].element.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
    return num_id.get(qn("w:val")) if num_id is not None else None


def _fresh_numbering(document) -> str:
    """A new list instance of the template's List Number numbering, starting at 1, so the
    report's numbers are Word's and match the web page's. Returns its numId."""
    numbering = document.part.numbering_part.element
    style_num = _list_style_num_id(document)
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == style_num:
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    if abstract_id is None:
        raise ValueError("The Word template's List Number style has no numbering.")
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    for level in (0, 1):
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(level))
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
    numbering.append(num)
    return num_id


def _number(paragraph, num_id: str, level: int) -> None:
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _marker(paragraph, reason: str) -> None:
    paragraph.add_run(CONFIDENTIAL, style="Confidential Marker")
    if reason:
        paragraph.add_run(f": {reason}")


def _paragraphs(document, paragraphs: list[dict], num_id: str) -> None:
    for paragraph in paragraphs:
        if paragraph.get("subheading"):
            document.add_heading(paragraph["subheading"], level=3)
        if paragraph.get("confidential"):
            _marker(
                document.add_paragraph(style="Report Note"),
                paragraph.get("confidential_reason", ""),
            )
        p = document.add_paragraph(paragraph["text"], style="List Number")
        _number(p, num_id, 0)
        for item in paragraph.get("subitems", []):
            _number(document.add_paragraph(item["text"], style="List Number 2"), num_id, 1)
        if paragraph.get("status") or paragraph.get("references"):
            note = document.add_paragraph(style="Report Note")
            if paragraph.get("status"):
                note.add_run(f"Status: {paragraph['status']}.")
            if paragraph.get("references"):
                note.add_run(" Reported at: " if paragraph.get("status") else "Reported at: ")
                for i, ref in enumerate(paragraph["references"]):
                    note.add_run(("; " if i else "") + ref["label"])
                    if ref.get("confidential"):
                        note.add_run(" (")
                        _marker(note, ref.get("confidential_reason", ""))
                        note.add_run(")")
                note.add_run(".")


def _table(document, columns: list[str], caption: str, widths_mm: list[float]):
    """A table in the template's grid style whose header row repeats on every page."""
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(_on("w:tblHeader"))
    for cell, text in zip(header.cells, columns, strict=True):
        cell.paragraphs[0].style = "Table Text"
        cell.paragraphs[0].add_run(text).bold = True
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _narrow_cell_margins(table) -> None:
    """1 mm either side, so a figures table's headings ("Not progressed") fit their columns."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _add_row(table, widths_mm: list[float]):
    """A body row that stays on one page, with the table's column widths."""
    row = table.add_row()
    row._tr.get_or_add_trPr().append(_on("w:cantSplit"))
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return row.cells


def _on(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _proposals_table(document, table_data: dict) -> None:
    widths = [55, 115]
    table = _table(document, table_data["columns"], table_data["caption"], widths)
    for row in table_data["rows"]:
        area, activities = _add_row(table, widths)
        area.text = row["area"]
        activities.paragraphs[0].text = row["activities"][0] if row["activities"] else ""
        activities.paragraphs[0].style = "List Bullet"
        for activity in row["activities"][1:]:
            activities.add_paragraph(activity, style="List Bullet")


def _figures(document, content: dict) -> None:
    figures = content.get("figures") or {}
    if not figures.get("rows"):
        return
    document.add_heading("Figures: activities by status", level=1)
    document.add_paragraph(
        "The chart shows the activities of each theme by status; the table after it gives "
        "the same figures."
    )
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    document.add_picture(BytesIO(chart_png(figures)), width=min(width, Mm(170)))
    picture = document.inline_shapes[-1]
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", chart_alt_text(figures, content["year"]))
    doc_pr.set("title", "Chart: activities by status for each theme")
    columns = ["Theme", *figures["statuses"], "Total"]
    widths = [30] + [140 / (len(columns) - 1)] * (len(columns) - 1)
    table = _table(document, columns, f"Activities by theme and status, {content['year']}", widths)
    _narrow_cell_margins(table)
    for cell in table.rows[0].cells[1:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in figures["rows"]:
        values = [row["theme"], *map(str, row["counts"]), str(row["total"])]
        for i, (cell, text) in enumerate(zip(_add_row(table, widths), values, strict=True)):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = "Table Text"
            if i:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def as_pdf(html: str, base_url: str) -> bytes:
    """The printable page (web/templates/reports/print.html, rendered with for_pdf) as PDF."""
    # Imported here: WeasyPrint loads Pango when imported, which only PDF requests need.
    from weasyprint import CSS, HTML

    # PDF/UA: tagged for screen readers, with the page's language and title; WeasyPrint makes
    # the bookmarks from the headings.
    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))],
        pdf_variant="pdf/ua-1",
        finisher=_table_header_scopes,
    )


def _table_header_scopes(document, pdf) -> None:
    """Give every table header (TH) the Scope PDF/UA asks for, which WeasyPrint leaves out:
    those of a table's first row head columns; the others are row headers, as every table
    of the report marks them (scope="row"). WeasyPrint names each header by its table, row
    and column ("12-0-3")."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH" and "A" in obj:
            where = getattr(obj.get("ID"), "string", "").split("-")
            obj["A"]["Scope"] = "/Column" if len(where) == 3 and where[1] == "0" else "/Row"
