"""Turn a Word, HTML, text or PDF file into plain text lines, the one input every parser reads.

Conventions every reader keeps, so a parser never needs to know the file's format:
- one paragraph a line; a blank paragraph is a blank line;
- a table row is one line, its cells separated by tabs; a cell of several paragraphs keeps
  them as <p>…</p>, as the papers' own HTML exports do;
- a list item starts with "· ", as the notes print their bullets;
- a paragraph set wholly in italics is wrapped in <i>…</i>: the work plans mark their theme
  headings that way.
"""

import io
import re
import zipfile
from pathlib import PurePath

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".html", ".htm", ".aspx", ".txt", ".pdf")


class UnreadableDocument(Exception):
    """The file cannot be read as text; the message says which part and why."""


def read_lines(file_name: str, data: bytes) -> list[str]:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnreadableDocument(
            f"{file_name} is not a file the importer reads: use Word (.docx), HTML, text (.txt) or PDF"
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument("The file is larger than 10 MB")
    if not data.strip():
        raise UnreadableDocument(f"{file_name} is empty")
    reader = {
        ".docx": docx_lines,
        ".pdf": pdf_lines,
        ".txt": text_lines,
    }.get(suffix, html_lines)
    lines = [line.replace("\u00a0", " ").rstrip() for line in reader(data)]
    if not any(line.strip() for line in lines):
        raise UnreadableDocument(f"{file_name} has no text in it")
    return lines


def text_lines(data: bytes) -> list[str]:
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("This is not a text file: it holds binary data")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Word "Save as text" files are Windows-1252.
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def docx_lines(data: bytes) -> list[str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise UnreadableDocument(
            f"This is not a Word (.docx) document that opens: {error}"
        ) from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_docx_paragraph(Paragraph(child, document)).split("\n"))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen, cells = set(), []
                for cell in row.cells:
                    # Merged cells come back once for each grid column they span.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_cell([_docx_paragraph(p) for p in cell.paragraphs]))
                lines.append(_row(cells))
    return lines


def _docx_paragraph(paragraph) -> str:
    text = paragraph.text
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.italic for r in runs):
        return f"<i>{text.strip()}</i>"
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if "list" in style and text.strip() and not text.lstrip().startswith(("·", "•", "-")):
        return f"· {text.strip()}"
    return text


def _cell(paragraphs: list[str]) -> str:
    texts = [p.strip() for p in paragraphs if p.strip()]
    if len(texts) > 1:
        return " ".join(f"<p>{t}</p>" for t in texts)
    return texts[0] if texts else ""


def _row(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cell.replace("\t", " ") for cell in cells)


# Where modern.gov and most exported pages keep the document itself, best first; the rest of
# the page (menus, search, footers) is left out.
CONTENT_XPATHS = [
    "//*[@id='modgov']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' mgContent ')]",
    "//main",
    "//*[@role='main']",
    "//*[@id='content']",
    "//article",
]
SKIPPED = {"script", "style", "nav", "header", "footer", "noscript", "form", "button", "head"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption"}
CONTAINERS = {"div", "section", "article", "main", "body", "ul", "ol", "dl", "blockquote"}
CONTAINERS |= {"html", "aside", "figure", "tbody", "thead", "tfoot", "center", "span", "font"}


def html_lines(data: bytes) -> list[str]:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as error:
        raise UnreadableDocument(f"This HTML page cannot be read: {error}") from None
    content = root
    for xpath in CONTENT_XPATHS:
        found = root.xpath(xpath)
        if found:
            content = found[0]
            break
    lines: list[str] = []
    _html_walk(content, lines)
    return lines


def _html_walk(element, lines: list[str]) -> None:
    if element.text and element.text.strip() and element.tag not in BLOCKS:
        lines.append(_squash(element.text))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIPPED or not tag:
            pass
        elif tag == "table":
            for row in child.iter("tr"):
                cells = [_html_cell(cell) for cell in row if cell.tag in ("td", "th")]
                lines.append(_row(cells))
        elif tag in BLOCKS:
            lines.extend(_html_block(child))
        elif tag == "br":
            lines.append("")
        elif tag in CONTAINERS or len(child):
            _html_walk(child, lines)
        elif child.text_content().strip():
            lines.append(_squash(child.text_content()))
        if child.tail and child.tail.strip():
            lines.append(_squash(child.tail))


def _html_block(element) -> list[str]:
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = element.text_content()
    parts = [_squash(part) for part in text.split("\n")]
    children = [c for c in element if isinstance(c.tag, str)]
    whole_italic = (
        len(children) == 1
        and children[0].tag in ("i", "em")
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )
    if whole_italic and text.strip():
        return [f"<i>{_squash(text)}</i>"]
    if element.tag == "li":
        parts[0] = f"· {parts[0]}"
    return parts if any(parts) else [""]


def _html_cell(cell) -> str:
    paragraphs = cell.findall(".//p")
    if len(paragraphs) > 1:
        return _cell([p.text_content() for p in paragraphs])
    items = cell.findall(".//li")
    if items:
        return " ".join(f"· {_squash(li.text_content())}" for li in items)
    return _squash(cell.text_content())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_lines(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("The PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as error:
        raise UnreadableDocument(f"This PDF cannot be opened: {error}") from None
    lines: list[str] = []
    for number, text in enumerate(pages, start=1):
        # A page without text is a scan; garbled characters mean fonts without a text map.
        # Either way the words are not there to read, so say which page rather than guess.
        if not text.strip():
            raise UnreadableDocument(f"Page {number} of the PDF has no text (it may be a scan)")
        garbled = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\t"))
        if garbled > len(text) / 100:
            raise UnreadableDocument(f"Page {number} of the PDF does not read cleanly")
        lines.extend(text.split("\n"))
    return lines
