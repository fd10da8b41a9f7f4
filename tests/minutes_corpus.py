"""Minutes of made-up councils, parish councils and boards, written here for the importer's
tests, each in the conventions one kind of body uses, and each rendered five ways: plain
text, Markdown, a modern.gov-like web page, a Word document (styles and automatic
numbering) and a PDF (narrow pages, so lines wrap, with running headers and page numbers).
Every person, place and decision is invented.

A document is a list of blocks; the renderers know each format, the documents know nothing
of formats. Each document carries the records the importer should read from it.
"""

import html
import io
from dataclasses import dataclass, field

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


@dataclass
class Minutes:
    slug: str
    board: str
    blocks: list[tuple]
    expected: dict
    # How item numbers are printed: "written" in the text; "auto" by the format's own
    # numbering (HTML <ol start>, Word's numbering definitions); "own_line" alone on a line
    # above the title, as modern.gov's exports print them.
    numbering: str = "written"
    file_stem: str = ""
    short_name: str = ""
    formats: tuple = ("txt", "md", "html", "docx", "pdf")
    extra: dict = field(default_factory=dict)


# --- Renderers --------------------------------------------------------------------------


def _item_text(doc: Minutes, number: str, title: str) -> list[str]:
    if doc.numbering == "own_line":
        return [number, title]
    if doc.numbering == "auto":
        return [f"{number}. {title}"]
    return [f"{number} {title}"]


def to_text(doc: Minutes) -> bytes:
    lines: list[str] = []
    for block in doc.blocks:
        kind = block[0]
        if kind in ("h", "p", "furniture"):
            lines += [block[1], ""]
        elif kind == "label":
            lines += [f"{block[1]}: {block[2]}", ""]
        elif kind == "item":
            lines += [*_item_text(doc, block[1], block[2]), ""]
        elif kind == "list":
            lines += [f"- {entry}" for entry in block[1]] + [""]
        elif kind == "olist":
            lines += [f"{n}. {entry}" for n, entry in enumerate(block[1], start=1)] + [""]
        elif kind == "table":
            lines += ["\t".join(row) for row in block[1]] + [""]
        elif kind == "heading":
            # Plain text underlines its headings.
            lines += [block[1], "-" * len(block[1]), ""]
        elif kind == "bold":
            lines += [block[1].upper(), ""]  # text has no bold: a capitalised line
        elif kind == "above":
            lines += [block[2], "", block[1], ""]
        elif kind == "nlist":
            for group, names in block[1]:
                lines += [f"- {group}"] + [f"    - {name}" for name in names]
            lines.append("")
    return "\n".join(lines).encode()


def to_markdown(doc: Minutes) -> bytes:
    lines = ["---", f"title: {doc.slug.replace('-', ' ').title()}", "layout: minutes", "---", ""]
    for block in doc.blocks:
        kind = block[0]
        if kind == "h":
            lines += [f"# {block[1]}", ""]
        elif kind in ("p", "furniture"):
            lines += [block[1].replace("*", r"\*"), ""]
        elif kind == "label":
            lines += [f"**{block[1]}**: {block[2]}", ""]
        elif kind == "item":
            written = _item_text(doc, block[1], block[2])
            lines += ([f"## {written[0]}"] if len(written) == 1 else written) + [""]
        elif kind == "list":
            lines += [f"* {entry}" for entry in block[1]] + [""]
        elif kind == "olist":
            lines += [f"{n}. {entry}" for n, entry in enumerate(block[1], start=1)] + [""]
        elif kind == "heading":
            lines += [f"### {block[1]}", ""]
        elif kind == "bold":
            lines += [f"**{block[1]}**", ""]
        elif kind == "above":
            lines += [f"**{block[2]}**", "", block[1], ""]
        elif kind == "nlist":
            for group, names in block[1]:
                lines += [f"* {group}"] + [f"    * {name}" for name in names]
            lines.append("")
        elif kind == "table":
            head, *rows = block[1]
            lines.append("| " + " | ".join(head) + " |")
            lines.append("|" + "|".join("---" for _ in head) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in rows] + [""]
    return "\n".join(lines).encode()


def to_html(doc: Minutes, for_print: bool = False) -> bytes:
    parts: list[str] = []
    for block in doc.blocks:
        kind = block[0]
        text = html.escape(block[1]) if isinstance(block[1], str) else ""
        if kind == "h":
            parts.append(f"<h1>{text}</h1>")
        elif kind == "p":
            parts.append(f"<p>{text}</p>")
        elif kind == "furniture":
            parts.append(f'<p><a href="/documents/s1.pdf">{text}</a></p>')
        elif kind == "label":
            parts.append(f"<p><strong>{text}:</strong> {html.escape(block[2])}</p>")
        elif kind == "item":
            number, title = block[1], html.escape(block[2])
            if doc.numbering == "auto" and not for_print:
                parts.append(f'<ol start="{number}"><li><h2>{title}</h2></li></ol>')
            elif doc.numbering == "own_line":
                parts.append(f"<p>{html.escape(number)}</p><h2>{title}</h2>")
            elif doc.numbering == "auto":
                # Printed, the list's numbers are part of the page's text.
                parts.append(f"<h2>{html.escape(number)}. {title}</h2>")
            else:
                parts.append(f"<h2>{html.escape(number)} {title}</h2>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in block[1]) + "</ul>")
        elif kind == "olist":
            parts.append("<ol>" + "".join(f"<li>{html.escape(e)}</li>" for e in block[1]) + "</ol>")
        elif kind == "heading":
            parts.append(f"<h3>{text}</h3>")
        elif kind == "bold":
            parts.append(f"<p><strong>{text}</strong></p>")
        elif kind == "above":
            parts.append(f"<p><strong>{html.escape(block[2])}</strong></p><p>{text}</p>")
        elif kind == "nlist":
            groups = "".join(
                f"<li>{html.escape(group)}<ul>"
                + "".join(f"<li>{html.escape(name)}</li>" for name in names)
                + "</ul></li>"
                for group, names in block[1]
            )
            parts.append(f"<ul>{groups}</ul>")
        elif kind == "table":
            head, *rows = block[1]
            cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                for row in rows
            )
            parts.append(f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>")
    style = ""
    if for_print:
        running = html.escape(doc.board)
        style = (
            "<style>@page { size: A5; margin: 2cm 1.5cm;"
            f' @top-center {{ content: "{running} minutes"; font-size: 8pt }}'
            ' @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }'
            " body { font: 10pt/1.4 serif } h1 { font-size: 13pt } h2 { font-size: 11pt }"
            " p, li { margin: 0 0 0.8em } table { border-collapse: collapse }"
            " td, th { padding: 2pt 14pt 2pt 0; text-align: left; vertical-align: top }</style>"
        )
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(doc.board)}"
        f"</title>{style}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/mgListCommittees.aspx'>Committees</a></nav>"
        f"<div id='modgov'><div class='mgContent'>{''.join(parts)}"
        "<p class='mgShare'>Share this page</p></div></div>"
        "<footer>Council offices, High Street. Contact us</footer></body></html>"
    )
    return page.encode()


def to_pdf(doc: Minutes) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(doc, for_print=True).decode()).write_pdf()


def to_docx(doc: Minutes) -> bytes:
    document = Document()
    numbered = _WordNumbering(document) if doc.numbering == "auto" else None
    for block in doc.blocks:
        kind = block[0]
        if kind == "h":
            document.add_heading(block[1], level=1)
        elif kind in ("p", "furniture"):
            document.add_paragraph(block[1])
        elif kind == "label":
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{block[1]}:").bold = True
            paragraph.add_run(f" {block[2]}")
        elif kind == "item":
            if numbered:
                numbered.add(block[2], int(block[1]))
            else:
                for line in _item_text(doc, block[1], block[2]):
                    document.add_heading(line, level=2)
        elif kind == "list":
            for entry in block[1]:
                document.add_paragraph(entry, style="List Bullet")
        elif kind == "olist":
            for entry in block[1]:
                document.add_paragraph(entry, style="List Number")
        elif kind == "heading":
            document.add_heading(block[1], level=2)
        elif kind == "bold":
            document.add_paragraph().add_run(block[1]).bold = True
        elif kind == "above":
            document.add_paragraph().add_run(block[2]).bold = True
            document.add_paragraph(block[1])
        elif kind == "nlist":
            for group, names in block[1]:
                document.add_paragraph(group, style="List Bullet")
                for name in names:
                    document.add_paragraph(name, style="List Bullet 2")
        elif kind == "table":
            table = document.add_table(rows=len(block[1]), cols=len(block[1][0]))
            for row, cells in zip(table.rows, block[1], strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _WordNumbering:
    """Item headings numbered by Word itself: one list definition ("%1." in decimal) whose
    first number is the first item's, so the numbers are not in the text at all."""

    def __init__(self, document) -> None:
        self.document = document
        self.num_id = None

    def add(self, title: str, number: int) -> None:
        if self.num_id is None:
            self.num_id = self._define(start=number)
        paragraph = self.document.add_paragraph(title, style="Heading 2")
        properties = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", str(self.num_id))):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            num_pr.append(element)
        properties.append(num_pr)

    def _define(self, start: int) -> int:
        numbering = self.document.part.numbering_part.element
        abstract_id = 90
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", str(start)), ("w:numFmt", "decimal"), ("w:lvlText", "%1.")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        abstract.append(level)
        # Definitions come before the lists that use them.
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), "90")
        reference = OxmlElement("w:abstractNumId")
        reference.set(qn("w:val"), str(abstract_id))
        num.append(reference)
        numbering.append(num)
        return 90


RENDERERS = {
    "txt": to_text,
    "md": to_markdown,
    "html": to_html,
    "docx": to_docx,
    "pdf": to_pdf,
}


def rendered(doc: Minutes, fmt: str) -> tuple[str, bytes]:
    stem = doc.file_stem or doc.slug
    return f"{stem}.{fmt}", RENDERERS[fmt](doc)


# --- The documents ------------------------------------------------------------------------
# Each expected entry: "date", "start_time", "venue", "items" [(number, title)], "decisions"
# and "actions" by item number (actions as (text, owner, due)), "attendance" {(person,
# status, substitute for)}, "confidential" {number: words of the reason}, "next_meeting_on",
# "agrees_notes_of", "warnings" (words each warning must contain).

PARISH = Minutes(
    slug="ashby-parva-parish-council-2021-05-05",
    board="Ashby Parva Parish Council",
    blocks=[
        ("h", "Ashby Parva Parish Council"),
        (
            "p",
            "Minutes of the Meeting of Ashby Parva Parish Council held at the Village Hall on "
            "Wednesday 5 May 2021 at 7.30pm",
        ),
        ("p", "Present: Cllr Anne Bee (Chair), Cllr Colin Dee, Cllr Erin Eff and Cllr Gary Ho"),
        ("p", "In attendance: Mrs Helen Ivy (Clerk) and two members of the public"),
        ("item", "77/21", "Apologies for absence"),
        ("p", "Apologies were received from Cllr Jack Kay."),
        ("item", "78/21", "Declarations of interest"),
        (
            "p",
            "Cllr Erin Eff declared a pecuniary interest in minute 80/21 as the owner of a "
            "neighbouring property.",
        ),
        ("item", "79/21", "Minutes of the previous meeting"),
        (
            "p",
            "RESOLVED: That the minutes of the meeting held on 7 April 2021 be approved and "
            "signed by the Chair.",
        ),
        ("item", "80/21", "Planning applications"),
        ("p", "Application 21/0456 for an extension at 4 Mill Lane was considered."),
        ("p", "RESOLVED: To raise no objection to the application."),
        ("p", "ACTION CD – Inform the planning authority of the council's response."),
        ("item", "81/21", "Finance"),
        ("p", "RESOLVED:"),
        (
            "list",
            [
                "That the accounts for April be approved.",
                "That the grass cutting contract be renewed.",
            ],
        ),
        ("p", "Action item: Clerk to pay the invoices by 31 May 2021."),
        ("item", "82/21", "Date of next meeting"),
        ("p", "The next meeting will be held on Wednesday 2 June 2021 at 7.30pm."),
    ],
    expected={
        "date": "2021-05-05",
        "start_time": "19:30:00",
        "venue": "Village Hall",
        "items": [
            ("77/21", "Apologies for absence"),
            ("78/21", "Declarations of interest"),
            ("79/21", "Minutes of the previous meeting"),
            ("80/21", "Planning applications"),
            ("81/21", "Finance"),
            ("82/21", "Date of next meeting"),
        ],
        "decisions": {
            "79/21": [
                "That the minutes of the meeting held on 7 April 2021 be approved and signed by "
                "the Chair."
            ],
            "80/21": ["To raise no objection to the application."],
            "81/21": [
                "That the accounts for April be approved.",
                "That the grass cutting contract be renewed.",
            ],
        },
        "actions": {
            "80/21": [
                ("Inform the planning authority of the council's response.", "Colin Dee", None)
            ],
            "81/21": [("Clerk to pay the invoices", "Clerk", "2021-05-31")],
        },
        "attendance": {
            ("Anne Bee", "present", ""),
            ("Colin Dee", "present", ""),
            ("Erin Eff", "present", ""),
            ("Gary Ho", "present", ""),
            ("Helen Ivy", "in_attendance", ""),
            ("Jack Kay", "apologies", ""),
        },
        "next_meeting_on": "2021-06-02",
        "agrees_notes_of": "2021-04-07",
        "declarations": {
            ("Erin Eff", "80/21", "Pecuniary interest as the owner of a neighbouring property")
        },
    },
)

CABINET = Minutes(
    slug="cabinet-2012-10-09",
    board="Cabinet",
    numbering="auto",
    blocks=[
        ("h", "Minutes"),
        ("p", "Cabinet - Tuesday, 9th October 2012 10.00 a.m."),
        ("furniture", "Printed minutes pdf icon PDF 212 KB"),
        ("p", "Attendance"),
        (
            "p",
            "Members present: Councillor Rhona Sand (Leader), Councillor Tom Vale, "
            "Councillor Uma West",
        ),
        ("p", "Councillor Paul Quinn - Councillor Rita Stone substituted"),
        ("p", "Also present: Councillor Yusuf Zane"),
        ("p", "Officers in attendance: Gill Hart (Chief Executive)"),
        ("item", "39", "Apologies for absence"),
        ("p", "Apologies were received from Councillor Paul Quinn."),
        ("furniture", "Share this item"),
        ("item", "40", "Minutes of the previous meeting"),
        (
            "p",
            "RESOLVED: That the minutes of the meeting held on 11 September 2012 be confirmed "
            "as a correct record.",
        ),
        ("item", "41", "Budget monitoring 2012/13"),
        ("furniture", "Report pdf icon PDF 107 KB"),
        ("furniture", "Additional documents:"),
        (
            "p",
            "The Cabinet considered the report of the Director of Finance on the revenue budget.",
        ),
        ("p", "RESOLVED:"),
        (
            "list",
            [
                "That the forecast position be noted.",
                "That the virements set out in the appendix be approved.",
            ],
        ),
        ("item", "42", "Exclusion of the press and public"),
        (
            "p",
            "RESOLVED: That the press and public be excluded from the meeting for the following "
            "item of business on the grounds that it involves the likely disclosure of exempt "
            "information as defined in paragraph 3 of Part 1 of Schedule 12A to the Local "
            "Government Act 1972.",
        ),
        ("item", "43", "Disposal of land at Mill Lane"),
        ("p", "The Cabinet considered the exempt report of the Director of Place."),
        ("p", "RESOLVED: That the land be sold to the preferred bidder."),
    ],
    expected={
        "date": "2012-10-09",
        "start_time": "10:00:00",
        "items": [
            ("39", "Apologies for absence"),
            ("40", "Minutes of the previous meeting"),
            ("41", "Budget monitoring 2012/13"),
            ("42", "Exclusion of the press and public"),
            ("43", "Disposal of land at Mill Lane"),
        ],
        "decisions": {
            "40": [
                "That the minutes of the meeting held on 11 September 2012 be confirmed as a "
                "correct record."
            ],
            "41": [
                "That the forecast position be noted.",
                "That the virements set out in the appendix be approved.",
            ],
            "42": [
                "That the press and public be excluded from the meeting for the following item "
                "of business on the grounds that it involves the likely disclosure of exempt "
                "information as defined in paragraph 3 of Part 1 of Schedule 12A to the Local "
                "Government Act 1972."
            ],
            "43": ["That the land be sold to the preferred bidder."],
        },
        "attendance": {
            ("Rhona Sand", "present", ""),
            ("Tom Vale", "present", ""),
            ("Uma West", "present", ""),
            ("Paul Quinn", "apologies", ""),
            ("Rita Stone", "substitute", "Paul Quinn"),
            ("Yusuf Zane", "in_attendance", ""),
            ("Gill Hart", "in_attendance", ""),
        },
        "confidential": {"43": "paragraph 3 of Part 1 of Schedule 12A"},
        "agrees_notes_of": "2012-09-11",
    },
)

PARTNERSHIP = Minutes(
    slug="riverside-csp-2023-10-19",
    board="Riverside Community Safety Partnership",
    numbering="auto",
    blocks=[
        ("h", "Riverside Community Safety Partnership"),
        ("label", "Date", "October 19, 2023"),
        ("label", "Time", "2.00pm"),
        ("label", "Venue", "Committee Room 2, Riverside House"),
        ("p", "Present:"),
        (
            "list",
            [
                "Sam Ure (Chair), Riverside Council",
                "Priya Nair, Riverside Police",
                "Owen Price, Fire and Rescue Service",
            ],
        ),
        ("p", "Apologies: Dana Lowe, Probation Service"),
        ("item", "1", "Welcome and introductions"),
        ("p", "The Chair welcomed members to the meeting."),
        ("item", "2", "ACTIONS FROM THE LAST MEETING"),
        ("p", "All actions from the meeting on 20 July 2023 were complete."),
        ("item", "3", "Anti-social behaviour hotspots"),
        ("p", "Priya Nair presented the quarterly hotspot analysis."),
        ("p", "The Board agreed to fund two additional patrols over the winter."),
        (
            "table",
            [
                ["Action", "Owner", "Due"],
                ["Circulate the hotspot maps", "PN", "3 November 2023"],
                ["Draft the winter patrol plan", "Owen Price", "1 December 2023"],
            ],
        ),
        ("item", "4", "ANY OTHER BUSINESS"),
        ("p", "None."),
        ("label", "Date of next meeting", "18 January 2024"),
    ],
    expected={
        "date": "2023-10-19",
        "start_time": "14:00:00",
        "venue": "Committee Room 2, Riverside House",
        "items": [
            ("1", "Welcome and introductions"),
            ("2", "ACTIONS FROM THE LAST MEETING"),
            ("3", "Anti-social behaviour hotspots"),
            ("4", "ANY OTHER BUSINESS"),
        ],
        "decisions": {"3": ["The Board agreed to fund two additional patrols over the winter."]},
        "actions": {
            "3": [
                ("Circulate the hotspot maps", "Priya Nair", "2023-11-03"),
                ("Draft the winter patrol plan", "Owen Price", "2023-12-01"),
            ]
        },
        "attendance": {
            ("Sam Ure", "present", ""),
            ("Priya Nair", "present", ""),
            ("Owen Price", "present", ""),
            ("Dana Lowe", "apologies", ""),
        },
        "next_meeting_on": "2024-01-18",
    },
)

HEALTH = Minutes(
    slug="northfield-hwb-2018-03-15",
    board="Northfield Health and Wellbeing Board",
    blocks=[
        ("h", "Northfield Health and Wellbeing Board"),
        (
            "p",
            "Minutes of the Northfield Health and Wellbeing Board held on Thursday 15 March "
            "2018 at Northfield Town Hall",
        ),
        ("p", "Members present:"),
        ("p", "Cllr Abel Frost (Chair)"),
        ("p", "Dr Bina Shah"),
        ("p", "Carl Webb"),
        ("p", "Cllr Dev Patel was present as a substitute for Cllr Ellen Moss."),
        ("item", "Item 15/03/1", "Welcome and apologies"),
        ("p", "Apologies were received from Cllr Ellen Moss and Fay Gold."),
        ("item", "Item 15/03/2", "Minutes of the last meeting"),
        (
            "p",
            "AGREED: the minutes of the meeting held on 18 January 2018 were agreed as a "
            "correct record.",
        ),
        ("item", "Item 15/03/3", "Primary care strategy"),
        ("p", "Carl Webb introduced the draft strategy."),
        ("p", "AGREED: That the strategy be endorsed for consultation."),
        ("p", "Action: CW to publish the consultation by 30 April 2018."),
        ("item", "Item 15/03/4", "ANY OTHER BUSINESS"),
        ("p", "Next meeting: Thursday 17 May 2018"),
    ],
    expected={
        "date": "2018-03-15",
        "items": [
            ("15/03/1", "Welcome and apologies"),
            ("15/03/2", "Minutes of the last meeting"),
            ("15/03/3", "Primary care strategy"),
            ("15/03/4", "ANY OTHER BUSINESS"),
        ],
        "decisions": {
            "15/03/2": [
                "The minutes of the meeting held on 18 January 2018 were agreed as a correct "
                "record."
            ],
            "15/03/3": ["That the strategy be endorsed for consultation."],
        },
        "actions": {"15/03/3": [("CW to publish the consultation", "Carl Webb", "2018-04-30")]},
        "attendance": {
            ("Abel Frost", "present", ""),
            ("Bina Shah", "present", ""),
            ("Carl Webb", "present", ""),
            ("Dev Patel", "substitute", "Ellen Moss"),
            ("Ellen Moss", "apologies", ""),
            ("Fay Gold", "apologies", ""),
        },
        "next_meeting_on": "2018-05-17",
        "agrees_notes_of": "2018-01-18",
    },
)

TOWN = Minutes(
    slug="brackley-vale-2021-05-05",
    board="Brackley Vale Town Council",
    blocks=[
        ("h", "Minutes of Brackley Vale Town Council"),
        ("p", "Meeting held via Zoom on Wednesday 5 May 2021 at 7pm"),
        ("p", "Roll call"),
        (
            "table",
            [
                ["Member", "Attendance"],
                ["Cllr Hana Ito", "Present"],
                ["Cllr Ivan Jukes", "Present"],
                ["Cllr Kay Lund", "Apologies"],
                ["Cllr Leo Marsh", "Absent"],
            ],
        ),
        ("item", "21.44", "Apologies"),
        ("p", "Apologies were received from Cllr Kay Lund."),
        ("item", "21.45", "Public participation"),
        ("p", "Two residents spoke about parking on Station Road."),
        ("item", "21.46", "Parking review"),
        (
            "p",
            "A Motion by Cllr Hana Ito, seconded by Cllr Ivan Jukes, to ask the county council "
            "for a parking review was carried.",
        ),
        ("item", "21.47", "Allotments"),
        ("p", "And Resolved: That the allotment rents remain unchanged for 2021/22."),
        ("p", "ACTION IJ – Write to the allotment holders."),
    ],
    expected={
        "date": "2021-05-05",
        "start_time": "19:00:00",
        "venue": "Zoom",
        "items": [
            ("21.44", "Apologies"),
            ("21.45", "Public participation"),
            ("21.46", "Parking review"),
            ("21.47", "Allotments"),
        ],
        "decisions": {
            "21.46": [
                "A Motion by Cllr Hana Ito, seconded by Cllr Ivan Jukes, to ask the county "
                "council for a parking review was carried."
            ],
            "21.47": ["That the allotment rents remain unchanged for 2021/22."],
        },
        "actions": {"21.47": [("Write to the allotment holders.", "Ivan Jukes", None)]},
        "attendance": {
            ("Hana Ito", "present", ""),
            ("Ivan Jukes", "present", ""),
            ("Kay Lund", "apologies", ""),
        },
    },
)

TRUST = Minutes(
    slug="westmoor-village-hall-2022-03-03",
    board="Westmoor Village Hall Trust",
    blocks=[
        ("h", "Westmoor Village Hall Trust"),
        ("p", "Minutes of the meeting of Westmoor Village Hall Trust held on 3 March 2022"),
        ("p", "Trustees present: Mary Noble (Chair), Neil Oakes, Olive Page"),
        ("item", "Minute 12", "Apologies"),
        ("p", "Apologies: Peter Quill"),
        ("item", "Minute 13", "Reports"),
        ("item", "13.1", "Treasurer's report"),
        ("p", "The Trustees agreed the accounts for the year."),
        ("item", "13.2", "Bookings report"),
        ("p", "Bookings were up by a fifth on last year."),
        ("p", "Part B – Confidential business"),
        ("item", "Minute 14", "Caretaker's contract"),
        ("p", "RESOLVED: To extend the caretaker's contract by one year."),
    ],
    expected={
        "date": "2022-03-03",
        "items": [
            ("12", "Apologies"),
            ("13", "Reports"),
            ("13.1", "Treasurer's report"),
            ("13.2", "Bookings report"),
            ("14", "Caretaker's contract"),
        ],
        "decisions": {
            "13.1": ["The Trustees agreed the accounts for the year."],
            "14": ["To extend the caretaker's contract by one year."],
        },
        "attendance": {
            ("Mary Noble", "present", ""),
            ("Neil Oakes", "present", ""),
            ("Olive Page", "present", ""),
            ("Peter Quill", "apologies", ""),
        },
        "confidential": {"14": "Part B"},
    },
)

SCRUTINY = Minutes(
    slug="overview-scrutiny-2021-06-07",
    board="Overview and Scrutiny Committee",
    numbering="own_line",
    blocks=[
        ("h", "Overview and Scrutiny Committee"),
        ("label", "Date", "Monday, 7 June 2021"),
        ("label", "Venue", "Council Chamber"),
        ("p", "Present: Councillors Amy Bell, Ben Cole and Cara Dunn"),
        ("p", "Apologies for absence: Councillor Dan Ede"),
        ("p", "In attendance: Ed Fox – Scrutiny Officer"),
        ("item", "1", "Apologies for absence"),
        ("p", "As listed above."),
        ("item", "2", "Declarations of interest"),
        ("p", "There were no declarations of interest."),
        ("item", "3", "Housing repairs performance"),
        ("p", "The committee received a report on repairs performance."),
        ("p", "RESOLVED: That the Cabinet be asked to review the repairs contract."),
        ("p", "Action point: Officers to report back in September."),
        ("item", "4", "Work programme"),
        ("p", "The committee agreed its work programme for the year."),
        ("item", "5", "Property acquisition (exempt)"),
        (
            "p",
            "This item was considered in private under paragraph 3 of Schedule 12A to the "
            "Local Government Act 1972.",
        ),
    ],
    expected={
        "date": "2021-06-07",
        "venue": "Council Chamber",
        "items": [
            ("1", "Apologies for absence"),
            ("2", "Declarations of interest"),
            ("3", "Housing repairs performance"),
            ("4", "Work programme"),
            ("5", "Property acquisition"),
        ],
        "decisions": {
            "3": ["That the Cabinet be asked to review the repairs contract."],
            "4": ["The committee agreed its work programme for the year."],
        },
        "actions": {"3": [("Officers to report back in September.", "Officers", None)]},
        "attendance": {
            ("Amy Bell", "present", ""),
            ("Ben Cole", "present", ""),
            ("Cara Dunn", "present", ""),
            ("Dan Ede", "apologies", ""),
            ("Ed Fox", "in_attendance", ""),
        },
        "confidential": {"5": "paragraph 3 of Schedule 12A"},
    },
)

GREENWAY = Minutes(
    slug="greenway-notes",
    file_stem="greenway-notes-2022-03-03",
    board="Greenway Trust",
    blocks=[
        ("h", "Notes of the Greenway Trust Board meeting"),
        ("p", "Thursday 3rd March, 6pm, Greenway Centre"),
        ("p", "Attendees: Jane Smith (Chair), Kofi Mensah, Lara Novak"),
        ("item", "1.  ", "Apologies"),
        ("p", "Apologies: Mo Patel"),
        ("item", "2.  ", "Matters arising"),
        ("p", "The website refresh is complete."),
        ("item", "3.  ", "Finance"),
        ("p", "Agreed: to move the reserves to the community bank."),
        ("p", "Action: JS to sign the account forms by 31 March."),
        ("item", "4.  ", "Confidential: Staffing"),
        ("p", "The board discussed a staffing matter."),
    ],
    expected={
        "date": "2022-03-03",
        "start_time": "18:00:00",
        "items": [
            ("1", "Apologies"),
            ("2", "Matters arising"),
            ("3", "Finance"),
            ("4", "Staffing"),
        ],
        "decisions": {"3": ["To move the reserves to the community bank."]},
        "actions": {"3": [("JS to sign the account forms", "Jane Smith", "2022-03-31")]},
        "attendance": {
            ("Jane Smith", "present", ""),
            ("Kofi Mensah", "present", ""),
            ("Lara Novak", "present", ""),
            ("Mo Patel", "apologies", ""),
        },
        "confidential": {"4": "Confidential"},
        "warnings": ["gives no year; 2022 was taken from the file"],
    },
)

DOCUMENTS = [PARISH, CABINET, PARTNERSHIP, HEALTH, TOWN, TRUST, SCRUTINY, GREENWAY]

HILLTOP = Minutes(
    slug="hilltop-parish-2022-02-14",
    board="Hilltop Parish Council",
    blocks=[
        ("h", "HILLTOP PARISH COUNCIL"),
        (
            "p",
            "Minutes of the Parish Council meeting held on Monday 14th February 2022 at 7.00pm "
            "in the Church Rooms",
        ),
        ("p", "Present: Councillors P Ross (Chairman), S Tait, U Vine"),
        ("p", "In attendance: Mrs W Xu (Clerk), Yves Zola (PCSO) and 3 members of the public"),
        ("item", "1.", "To receive apologies for absence"),
        ("p", "Apologies were received from Cllr R Sykes."),
        ("item", "2.", "Declarations of interest"),
        ("p", "None were declared."),
        ("item", "3.", "Minutes"),
        ("p", "The minutes of the meeting held on 10th January 2022 were approved and signed."),
        ("item", "4.", "Finance"),
        ("p", "The Council RESOLVED:"),
        ("p", "1. That the payments listed be approved."),
        ("p", "2. That the precept for 2022/23 be set at £12,500."),
        ("p", "The Clerk will ask the highways team to repair the footpath. ACTION: Clerk"),
        ("item", "5.", "Date of next meeting"),
        ("p", "Monday 14th March 2022 at 7.00pm."),
        ("p", "Signed ............................ Chairman"),
    ],
    expected={
        "date": "2022-02-14",
        "start_time": "19:00:00",
        "venue": "Church Rooms",
        "items": [
            ("1", "To receive apologies for absence"),
            ("2", "Declarations of interest"),
            ("3", "Minutes"),
            ("4", "Finance"),
            ("5", "Date of next meeting"),
        ],
        "decisions": {
            "3": ["The minutes of the meeting held on 10th January 2022 were approved and signed."],
            "4": [
                "That the payments listed be approved.",
                "That the precept for 2022/23 be set at £12,500.",
            ],
        },
        "actions": {
            "4": [("The Clerk will ask the highways team to repair the footpath.", "Clerk", None)]
        },
        "attendance": {
            ("P Ross", "present", ""),
            ("S Tait", "present", ""),
            ("U Vine", "present", ""),
            ("W Xu", "in_attendance", ""),
            ("Yves Zola", "in_attendance", ""),
            ("R Sykes", "apologies", ""),
        },
        "next_meeting_on": "2022-03-14",
        "agrees_notes_of": "2022-01-10",
    },
)

DOCUMENTS.append(HILLTOP)


# --- Minutes whose structure is not numbered items (issue 28) ------------------------------
# Each is one of the ways real minutes from other bodies are kept, made up here: items as
# headings without numbers, attendance written as a sentence, motions and votes; items as bold
# (in text, capitalised) lines, a numbered list inside an item, attendance as a sentence and
# a bullet list of "Name - organisation", the last meeting's actions in a table, an action
# table with its own column names, a "Name: task" list; minutes kept in a table of items.

TOWNSHIP = Minutes(
    slug="millbrook-township-2022-03-14",
    board="Millbrook Township Board",
    blocks=[
        ("h", "Millbrook Township Board"),
        ("p", "Regular meeting, March 14, 2022"),
        ("heading", "CALL TO ORDER"),
        (
            "p",
            "Chair Rosa Lind called the meeting to order at 7:00 pm. Board members present were "
            "supervisors Rosa Lind, Tom Baker and Ann Cole, and clerk Dee Fox. Also present were "
            "guests Sam Ives and Jo Kerr.",
        ),
        ("heading", "MINUTES"),
        (
            "p",
            "Motion by Tom Baker, second by Ann Cole to approve the February minutes. Motion carried.",
        ),
        ("heading", "ROADS"),
        ("p", "Tom Baker reported on the spring grading."),
        ("p", "Tom Baker will ask the county for a gravel quote."),
        (
            "p",
            "Motion by Ann Cole, second by Rosa Lind to adopt the snow plan. Votes: 3 for, 0 against.",
        ),
        ("heading", "CEMETERY"),
        ("p", "The cemetery rules were adopted as presented."),
        ("p", "Clerk Dee Fox to post the rules at the town hall."),
        ("heading", "ADJOURNMENT"),
        ("p", "There being no further business the chair adjourned the meeting at 8:10 pm."),
    ],
    expected={
        "date": "2022-03-14",
        "items": [
            ("1", "CALL TO ORDER"),
            ("2", "MINUTES"),
            ("3", "ROADS"),
            ("4", "CEMETERY"),
            ("5", "ADJOURNMENT"),
        ],
        "decisions": {
            "2": [
                "Motion by Tom Baker, second by Ann Cole to approve the February minutes. "
                "Motion carried."
            ],
            "3": [
                "Motion by Ann Cole, second by Rosa Lind to adopt the snow plan. Votes: 3 for, "
                "0 against."
            ],
            "4": ["The cemetery rules were adopted as presented."],
        },
        "actions": {
            "3": [("Tom Baker will ask the county for a gravel quote.", "Tom Baker", None)],
            "4": [("Clerk Dee Fox to post the rules at the town hall.", "Dee Fox", None)],
        },
        "attendance": {
            ("Rosa Lind", "present", ""),
            ("Tom Baker", "present", ""),
            ("Ann Cole", "present", ""),
            ("Dee Fox", "in_attendance", ""),
            ("Sam Ives", "in_attendance", ""),
            ("Jo Kerr", "in_attendance", ""),
        },
    },
)

FENWICK = Minutes(
    slug="fenwick-parish-2022-03-08",
    board="Fenwick Parish Council",
    blocks=[
        ("h", "Fenwick Parish Council"),
        (
            "p",
            "Minutes of the meeting held on Tuesday 8 March 2022 at 7pm in the Reading Room",
        ),
        ("p", "The following members were present:"),
        ("list", ["Cllr Ada Moss (Chair)", "Cllr Ben Hart", "Cllr Cy Lowe"]),
        ("p", "In attendance:"),
        ("list", ["Eve Nash - Clerk", "Gus Orr - Fenwick Village Trust"]),
        ("bold", "APOLOGIES AND DECLARATIONS"),
        ("p", "Apologies were received from Cllr Ida Pike. No interests were declared."),
        ("bold", "ELECTION OF VICE-CHAIR"),
        ("p", "Cllr Ben Hart was appointed Vice-Chair for the year."),
        ("bold", "ACTIONS FROM THE LAST MEETING"),
        (
            "table",
            [
                ["Action", "Who", "Status"],
                ["Repair the bus shelter", "BH", "Done"],
                ["Order new bins", "Clerk", "Ongoing"],
            ],
        ),
        ("bold", "PLAY AREA"),
        ("p", "The council considered three quotes for the play area:"),
        (
            "olist",
            [
                "Swings from Parkline at £2,400",
                "A slide from Playco at £1,900",
                "A bench from Woodcraft at £600",
            ],
        ),
        ("p", "It was agreed to accept the Parkline quote."),
        (
            "table",
            [
                ["Task", "Person responsible", "By when"],
                ["Place the order with Parkline", "Eve Nash", "31 March 2022"],
            ],
        ),
        ("bold", "ANY OTHER BUSINESS"),
        ("p", "Actions:"),
        (
            "list",
            ["Ben Hart: speak to the school about parking", "Cy Lowe: check the footpath signs"],
        ),
    ],
    expected={
        "date": "2022-03-08",
        "start_time": "19:00:00",
        "venue": "Reading Room",
        "items": [
            ("1", "APOLOGIES AND DECLARATIONS"),
            ("2", "ELECTION OF VICE-CHAIR"),
            ("3", "ACTIONS FROM THE LAST MEETING"),
            ("4", "PLAY AREA"),
            ("5", "ANY OTHER BUSINESS"),
        ],
        "decisions": {
            "2": ["Cllr Ben Hart was appointed Vice-Chair for the year."],
            "4": ["It was agreed to accept the Parkline quote."],
        },
        "actions": {
            "4": [("Place the order with Parkline", "Eve Nash", "2022-03-31")],
            "5": [
                ("speak to the school about parking", "Ben Hart", None),
                ("check the footpath signs", "Cy Lowe", None),
            ],
        },
        "attendance": {
            ("Ada Moss", "present", ""),
            ("Ben Hart", "present", ""),
            ("Cy Lowe", "present", ""),
            ("Eve Nash", "in_attendance", ""),
            ("Gus Orr", "in_attendance", ""),
            ("Ida Pike", "apologies", ""),
        },
    },
)

KESTREL = Minutes(
    slug="kestrel-housing-forum-2022-04-12",
    board="Kestrel Housing Forum",
    blocks=[
        ("h", "Kestrel Housing Forum"),
        ("label", "Date", "12 April 2022"),
        ("p", "Present: Lena Quist (Chair), Mo Reed, Nia Shaw"),
        (
            "table",
            [
                ["Item", "Notes", "Action"],
                ["1. Welcome", "The Chair welcomed members.", ""],
                [
                    "2. Repairs backlog",
                    "Mo Reed reported 40 open repairs. The forum agreed to ask for monthly figures.",
                    "MR",
                ],
                ["3. Garden scheme", "The garden scheme was approved.", "NS"],
            ],
        ),
    ],
    expected={
        "date": "2022-04-12",
        "items": [("1", "Welcome"), ("2", "Repairs backlog"), ("3", "Garden scheme")],
        "decisions": {
            "2": ["The forum agreed to ask for monthly figures."],
            "3": ["The garden scheme was approved."],
        },
        "actions": {
            "2": [
                (
                    "Mo Reed reported 40 open repairs. The forum agreed to ask for monthly "
                    "figures.",
                    "Mo Reed",
                    None,
                )
            ],
            "3": [("The garden scheme was approved.", "Nia Shaw", None)],
        },
        "attendance": {
            ("Lena Quist", "present", ""),
            ("Mo Reed", "present", ""),
            ("Nia Shaw", "present", ""),
        },
    },
)

ASHDOWN = Minutes(
    slug="ashdown-allotments-2022-03-21",
    board="Ashdown Allotment Society",
    blocks=[
        ("h", "Ashdown Allotment Society"),
        ("p", "Minutes of the committee meeting held on 21 March 2022"),
        ("p", "Present:"),
        (
            "nlist",
            [("Committee", ["Kay Tate (Chair)", "Lou Vance"]), ("Plot holders", ["Max Webb"])],
        ),
        ("p", "Members' attendance this year:"),
        (
            "table",
            [
                ["Member", "Jan", "Feb", "Mar"],
                ["Kay Tate", "✓", "✓", "✓"],
                ["Lou Vance", "✓", "A", "✓"],
                ["Max Webb", "✓", "✓", "✓"],
                ["Ned York", "✓", "✓", "A"],
            ],
        ),
        ("item", "AS 14", "Apologies"),
        ("p", "As recorded above."),
        ("item", "AS 15", "Finance"),
        ("p", "The treasurer presented two quotes for new water butts:"),
        ("olist", ["Butts Direct at £300", "Garden World at £340"]),
        ("p", "RESOLVED: To buy the water butts from Butts Direct."),
        ("above", "AS 16", "Plot inspections"),
        ("p", "Members walked the plots on Saturday and found most of them well kept."),
        ("p", "Write to the holders of the two neglected plots."),
        ("p", "KT"),
        ("item", "AS 17", "Planning"),
        ("p", "The council has asked for comments on new sheds at the site:"),
        ("olist", ["A shed on plot 12", "A shed on plot 30", "A polytunnel on plot 41"]),
        ("p", "22/0456 - No objection"),
    ],
    expected={
        "date": "2022-03-21",
        "items": [
            ("14", "Apologies"),
            ("15", "Finance"),
            ("16", "Plot inspections"),
            ("17", "Planning"),
        ],
        "decisions": {
            "15": ["To buy the water butts from Butts Direct."],
            "17": ["22/0456 - No objection"],
        },
        "actions": {"16": [("Write to the holders of the two neglected plots.", "Kay Tate", None)]},
        "attendance": {
            ("Kay Tate", "present", ""),
            ("Lou Vance", "present", ""),
            ("Max Webb", "present", ""),
            ("Ned York", "apologies", ""),
        },
    },
)

DOCUMENTS += [TOWNSHIP, FENWICK, KESTREL, ASHDOWN]

# Who attends without being a member, in a parish council's list: the clerk written with
# initials and their role in brackets, a councillor of another council by their title, a
# role after a dash without a space. Tasks set in the shapes minutes use besides "X to …":
# "agreed that X write …", "X said that she will …", an aside between who and the task,
# "…, however, X will continue to …", a task under way, a numbered list of actions.
WILLOWMERE = Minutes(
    slug="willowmere-parish-council-2022-05-09",
    board="Willowmere Parish Council",
    blocks=[
        ("h", "Willowmere Parish Council"),
        ("p", "Minutes of the meeting held on Monday 9 May 2022"),
        (
            "p",
            "Present: Cllr Ada Nash (Chair), Cllr Ben Oakes, Cllr Cara Penn, "
            "District Councillor P Marsh, Mrs J K Lowe (Clerk)",
        ),
        ("p", "In attendance: Rhys Quill –Assistant Clerk"),
        ("item", "1", "Footpaths"),
        ("p", "The stile on the footpath to the church has broken again."),
        ("p", "It was agreed that Cllr Nash write to the landowner about the stile."),
        (
            "p",
            "The drain by the green is still blocked, however, Cllr Penn will continue to chase the contractor.",
        ),
        ("item", "2", "School parking"),
        ("p", "Parents park on the verges at the start and end of the school day."),
        ("p", "Cllr Oakes said that she will ask the school to remind parents."),
        ("item", "3", "Village green"),
        ("p", "The Clerk, with help from Cllr Penn, will order a new bench for the green."),
        ("p", "The Clerk was in the process of renewing the insurance for the play area."),
        ("heading", "Actions agreed"),
        (
            "olist",
            ["PM to send the footpath map to the Clerk.", "Clerk to book the hall for June."],
        ),
    ],
    expected={
        "date": "2022-05-09",
        "items": [("1", "Footpaths"), ("2", "School parking"), ("3", "Village green")],
        "decisions": {
            "1": ["It was agreed that Cllr Nash write to the landowner about the stile."]
        },
        "actions": {
            "1": [
                (
                    "It was agreed that Cllr Nash write to the landowner about the stile.",
                    "Ada Nash",
                    None,
                ),
                (
                    "The drain by the green is still blocked, however, Cllr Penn will continue "
                    "to chase the contractor.",
                    "Cara Penn",
                    None,
                ),
            ],
            "2": [
                (
                    "Cllr Oakes said that she will ask the school to remind parents.",
                    "Ben Oakes",
                    None,
                )
            ],
            "3": [
                (
                    "The Clerk, with help from Cllr Penn, will order a new bench for the green.",
                    "Clerk",
                    None,
                ),
                (
                    "The Clerk was in the process of renewing the insurance for the play area.",
                    "Clerk",
                    None,
                ),
                ("PM to send the footpath map to the Clerk.", "P Marsh", None),
                ("Clerk to book the hall for June.", "Clerk", None),
            ],
        },
        "attendance": {
            ("Ada Nash", "present", ""),
            ("Ben Oakes", "present", ""),
            ("Cara Penn", "present", ""),
            ("J K Lowe", "in_attendance", ""),
            ("P Marsh", "in_attendance", ""),
            ("Rhys Quill", "in_attendance", ""),
        },
    },
)

# A list of who does what in one sentence, each part a first name and a task, as small
# boards write their members' duties; and reports that read like it but set no task.
ALDER = Minutes(
    slug="alder-creek-township-2022-06-20",
    board="Alder Creek Township Board",
    blocks=[
        ("h", "Alder Creek Township Board"),
        ("p", "Minutes of the regular meeting, June 20, 2022"),
        ("heading", "CALL TO ORDER"),
        (
            "p",
            "Chair Ray Moss called the meeting to order at 7:00 pm. Board members present were "
            "supervisors Ray Moss, Sue Hart and Tim Vale, and clerk Ann Bly.",
        ),
        ("heading", "ROADS"),
        ("p", "Sue Hart said the grading was done, Tim Vale met the county engineer."),
        ("heading", "REVIEW OF DUTIES"),
        (
            "p",
            "Ray contact the grader, Sue check the culvert on Mill Road, Tim will order the "
            "salt, Ann post the notice at the hall",
        ),
        ("heading", "ADJOURNMENT"),
        ("p", "There being no further business the chair adjourned the meeting at 8:05 pm."),
    ],
    expected={
        "date": "2022-06-20",
        "items": [
            ("1", "CALL TO ORDER"),
            ("2", "ROADS"),
            ("3", "REVIEW OF DUTIES"),
            ("4", "ADJOURNMENT"),
        ],
        "actions": {
            "3": [
                ("Ray contact the grader", "Ray Moss", None),
                ("Sue check the culvert on Mill Road", "Sue Hart", None),
                ("Tim will order the salt", "Tim Vale", None),
                ("Ann post the notice at the hall", "Ann Bly", None),
            ]
        },
        "attendance": {
            ("Ray Moss", "present", ""),
            ("Sue Hart", "present", ""),
            ("Tim Vale", "present", ""),
            ("Ann Bly", "in_attendance", ""),
        },
    },
)

DOCUMENTS += [WILLOWMERE, ALDER]

# Decisions as a resolution in its own words ("That … be …") and as the members' vote
# ("all were in favour"), with no "RESOLVED" or "agreed" to mark them; apologies "for
# absence" from a councillor written by surname alone; work under way, said of the work or
# of someone in a later clause.
HOLLYBANK = Minutes(
    slug="hollybank-community-council-2022-07-04",
    board="Hollybank Community Council",
    blocks=[
        ("h", "Hollybank Community Council"),
        ("p", "Minutes of the meeting held on 4 July 2022"),
        ("p", "Present: Cllr Dan Ross (Chair), Cllr Eve Stone, Cllr Finn Todd"),
        ("item", "1", "Apologies"),
        ("p", "Apologies for absence were received from Cllr. Gale and Cllr Ivy Hunt."),
        ("item", "2", "Grass cutting"),
        ("p", "Two quotes for cutting the grass on the playing field were compared."),
        ("p", "“That the quote from Green Lanes be accepted.”"),
        ("item", "3", "Standing orders"),
        ("p", "The Chair suggested shortening public speaking to three minutes."),
        ("p", "The council was unanimously in favour."),
        ("item", "4", "Correspondence"),
        ("p", "A letter from the library about its summer opening hours was read."),
        ("p", "The survey of the hedges on Mill Lane is still ongoing."),
        (
            "p",
            "The verges were cut in June and Cllr Todd is still chasing the highways team "
            "about the signs.",
        ),
        ("item", "5", "Planning"),
        ("p", "22/0789 Extension at 4 Mill Lane"),
        ("p", "No objections but members asked for the hedge to be kept."),
        ("p", "22/0801 New garage at The Old Forge"),
        ("p", "No observations"),
    ],
    expected={
        "date": "2022-07-04",
        "items": [
            ("1", "Apologies"),
            ("2", "Grass cutting"),
            ("3", "Standing orders"),
            ("4", "Correspondence"),
            ("5", "Planning"),
        ],
        "decisions": {
            "2": ["“That the quote from Green Lanes be accepted.”"],
            "3": ["The council was unanimously in favour."],
            "5": [
                "22/0789 Extension at 4 Mill Lane – No objections but members asked for the "
                "hedge to be kept.",
                "22/0801 New garage at The Old Forge – No observations",
            ],
        },
        "actions": {
            "4": [
                ("The survey of the hedges on Mill Lane is still ongoing.", "Officers", None),
                (
                    "The verges were cut in June and Cllr Todd is still chasing the highways "
                    "team about the signs.",
                    "Finn Todd",
                    None,
                ),
            ]
        },
        "attendance": {
            ("Dan Ross", "present", ""),
            ("Eve Stone", "present", ""),
            ("Finn Todd", "present", ""),
            ("Gale", "apologies", ""),
            ("Ivy Hunt", "apologies", ""),
        },
    },
)

DOCUMENTS += [HOLLYBANK]

# Headings that are themselves the outcome, as parish minutes often print them ("Payments
# were approved"): each heading is its item's decision, unless a decision below repeats it.
BRAMBLEDEN = Minutes(
    slug="brambleden-parish-council-2022-09-12",
    board="Brambleden Parish Council",
    blocks=[
        ("h", "Brambleden Parish Council"),
        ("p", "Minutes of the meeting held on 12 September 2022"),
        ("p", "Present: Cllr Rhea Moss (Chair), Cllr Seb Lund, Cllr Tom Vale"),
        ("item", "1", "Apologies"),
        ("p", "None were received."),
        ("item", "2", "Payments were approved for the month"),
        ("p", "Cheques for the hall hire and the mowing were signed at the meeting."),
        ("item", "3", "Tree survey"),
        ("p", "The survey of the oaks on the green was approved."),
        ("item", "4", "Bus shelter repairs were agreed"),
        ("p", "Three quotes had been sought for the glass."),
        ("item", "5", "Hall charges were approved"),
        ("p", "Hall charges were approved at twelve pounds an hour."),
    ],
    expected={
        "date": "2022-09-12",
        "items": [
            ("1", "Apologies"),
            ("2", "Payments were approved for the month"),
            ("3", "Tree survey"),
            ("4", "Bus shelter repairs were agreed"),
            ("5", "Hall charges were approved"),
        ],
        "decisions": {
            "2": ["Payments were approved for the month"],
            "3": ["The survey of the oaks on the green was approved."],
            "4": ["Bus shelter repairs were agreed"],
            "5": ["Hall charges were approved at twelve pounds an hour."],
        },
        "attendance": {
            ("Rhea Moss", "present", ""),
            ("Seb Lund", "present", ""),
            ("Tom Vale", "present", ""),
        },
        "warnings": ["2 decisions"],
    },
)

DOCUMENTS += [BRAMBLEDEN]

# Parish minutes as a clerk types them in one run: each item's number and title running on
# into its text ("4. Play area: …"), an item added late and printed out of order, tasks a
# pronoun takes on, two tasks in one sentence, a task no one is named for, "Resolved 4.1"
# with its words in the paragraph below, a proposal and its outcome in two sentences, the
# right-hand column of who acts run into the paragraph, and a councillor of another council
# named with the council's letters.
THORNLEY = Minutes(
    slug="thornley-marsh-parish-council-2022-10-10",
    board="Thornley Marsh Parish Council",
    blocks=[
        ("h", "Thornley Marsh Parish Council"),
        (
            "p",
            "Minutes of the meeting of Thornley Marsh Parish Council held on 10 October 2022 "
            "in the Reading Room",
        ),
        (
            "p",
            "Present: Cllr Ada Birch (Chair), Cllr Ben Cobb, Cllr Cara Dunn and Cllr Ed Fern - WDC",
        ),
        (
            "p",
            "1. Apologies: Apologies for absence were received from Cllr Gil Hart, who is "
            "away on holiday.",
        ),
        (
            "p",
            "2. Declarations of interest: No member declared an interest in any item on the "
            "agenda.",
        ),
        (
            "p",
            "3. Village hall: Cllr Cara Dunn reported that the roof had leaked again in the "
            "storm. She will ask two builders for quotes before the next meeting.",
        ),
        (
            "p",
            "Cllr Ben Cobb agreed to clear the gutters, and the Clerk agreed to order a skip for "
            "the rubbish.",
        ),
        (
            "p",
            "4. Play area: Following the complaint about litter the Parish Council will fit a "
            "new bin by the gate and a volunteer will be approached to empty it weekly.",
        ),
        ("p", "Resolved 4.1"),
        ("p", "The swings are to be repainted in the spring at a cost of no more than £400."),
        (
            "p",
            "5. Footpaths: The signs on Mill Lane are missing again and the county has been "
            "told twice. Clerk",
        ),
        (
            "p",
            "6. Meeting dates: Cllr Ben Cobb proposed the second Monday of each month for the "
            "council's meetings. This proposal was seconded by Cllr Ada Birch and agreed.",
        ),
        ("p", "7. Planning: 22/0612 Two storey extension at 9 Brook Lane – supported."),
        ("p", "22/0640 Garden room at 2 Orchard Close"),
        (
            "p",
            "NO OBJECTIONS BUT ONE COMMENT: the hedge along the lane should be kept as it is.",
        ),
        (
            "p",
            "4. Play area (continued): The new climbing frame will need a safety "
            "inspection. Consideration will be given to a yearly contract.",
        ),
    ],
    expected={
        "date": "2022-10-10",
        "venue": "Reading Room",
        "items": [
            ("1", "Apologies"),
            ("2", "Declarations of interest"),
            ("3", "Village hall"),
            ("4", "Play area"),
            ("5", "Footpaths"),
            ("6", "Meeting dates"),
            ("7", "Planning"),
            ("4(2)", "Play area (continued)"),
        ],
        "decisions": {
            "4": ["The swings are to be repainted in the spring at a cost of no more than £400."],
            "6": [
                "Cllr Ben Cobb proposed the second Monday of each month for the council's "
                "meetings. This proposal was seconded by Cllr Ada Birch and agreed."
            ],
            "7": [
                "22/0612 Two storey extension at 9 Brook Lane – supported.",
                "22/0640 Garden room at 2 Orchard Close – NO OBJECTIONS BUT ONE COMMENT: the "
                "hedge along the lane should be kept as it is.",
            ],
        },
        "actions": {
            "3": [
                (
                    "She will ask two builders for quotes before the next meeting.",
                    "Cara Dunn",
                    None,
                ),
                ("Cllr Ben Cobb agreed to clear the gutters", "Ben Cobb", None),
                ("the Clerk agreed to order a skip for the rubbish", "Clerk", None),
            ],
            "4": [
                (
                    "Following the complaint about litter the Parish Council will fit a new bin "
                    "by the gate",
                    "Parish Council",
                    None,
                ),
                ("a volunteer will be approached to empty it weekly", "Officers", None),
            ],
            "5": [
                (
                    "The signs on Mill Lane are missing again and the county has been told twice.",
                    "Clerk",
                    None,
                )
            ],
            "4(2)": [("Consideration will be given to a yearly contract.", "Officers", None)],
        },
        "attendance": {
            ("Ada Birch", "present", ""),
            ("Ben Cobb", "present", ""),
            ("Cara Dunn", "present", ""),
            ("Ed Fern", "in_attendance", ""),
            ("Gil Hart", "apologies", ""),
        },
        "warnings": ["printed out of order"],
    },
)

DOCUMENTS += [THORNLEY]
