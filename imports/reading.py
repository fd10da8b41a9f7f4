"""Turn a Word, HTML, Markdown, text or PDF file into blocks, the one input every parser reads.

Every reader gives the same structure (common.Block): a block a line, each a heading (with its
level), a paragraph (strong when set wholly in bold), a list item (with its depth) or a table
row (the heading row marked), so the parsers read structure, not a format. Conventions every
reader keeps for the text itself, so a parser never needs to know the file's format:
- one paragraph a line; a blank paragraph is a blank line;
- a table row is one line, its cells separated by tabs; a cell of several paragraphs keeps
  them as <p>…</p>, as the papers' own HTML exports do;
- a list item starts with "· ", as the notes print their bullets; an item of a numbered
  list (HTML <ol>, Word's automatic numbering) starts with its number as printed;
- a paragraph set wholly in italics is wrapped in <i>…</i>: the work plans mark their theme
  headings that way.

Every file is read within the limits in settings (IMPORT_MAX_*), and every way a reader can
fail ends as UnreadableDocument with a message for the person who uploaded it.
"""

import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import PurePath

from django.conf import settings

from .common import Block, Budget, OverBudget, as_block

EXTENSIONS = (".docx", ".html", ".htm", ".aspx", ".txt", ".md", ".markdown", ".pdf")


class UnreadableDocument(Exception):
    """The file cannot be read as text; the message says which part and why."""


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    member_bytes: int
    unpacked_bytes: int
    lines: int
    line_chars: int
    seconds: float
    text_chars: int = 2_000_000

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            upload_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
            member_bytes=settings.IMPORT_MAX_MEMBER_BYTES,
            unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
            lines=settings.IMPORT_MAX_LINES,
            line_chars=settings.IMPORT_MAX_LINE_CHARS,
            seconds=settings.IMPORT_MAX_SECONDS,
            text_chars=settings.IMPORT_MAX_TEXT_CHARS,
        )


def megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(1, size // 1024)} KB"


def read_lines(file_name: str, data: bytes, limits: Limits | None = None) -> list[Block]:
    """The file's blocks (see common.Block); each is a str, the text of one line."""
    limits = limits or Limits.from_settings()
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnreadableDocument(
            f"{file_name} is not a file the importer reads: use Word (.docx), HTML, "
            "Markdown (.md), text (.txt) or PDF"
        )
    if len(data) > limits.upload_bytes:
        raise UnreadableDocument(f"The file is larger than {megabytes(limits.upload_bytes)}")
    if not data.strip():
        raise UnreadableDocument(f"{file_name} is empty")
    reader = {
        ".docx": docx_lines,
        ".pdf": pdf_lines,
        ".txt": text_lines,
        ".md": markdown_lines,
        ".markdown": markdown_lines,
    }.get(suffix, html_lines)
    try:
        with Budget.started(limits.seconds):
            lines = reader(data, limits)
    except OverBudget as error:
        raise UnreadableDocument(str(error)) from None
    except RecursionError:
        raise UnreadableDocument("The file is nested too deeply to read") from None
    except MemoryError:
        raise UnreadableDocument("The file needs more memory to read than is allowed") from None
    lines = [
        as_block(block).again(APOSTROPHES.sub("’", line.replace("\u00a0", " ").rstrip()))
        for block, line in zip(lines, drop_furniture(lines), strict=True)
    ]
    check_size(lines, limits)  # the file as it is, before any lines are joined
    if suffix in (".txt", ".md", ".markdown"):
        lines = join_broken_lines(lines)
    if not any(line.strip() for line in lines):
        raise UnreadableDocument(f"{file_name} has no text in it")
    return lines


# Marks used for an apostrophe between letters by converters and old encodings: "O‟Donnell".
APOSTROPHES = re.compile(r"(?<=\w)[‟‛ʼ`´](?=\w)")


def join_broken_lines(blocks: list[Block]) -> list[Block]:
    """Text converted from a PDF line by line, each line a paragraph of its own: a paragraph
    that stops mid-sentence and the next that carries on in lower case are one paragraph, and
    so are a long line that stops where no sentence ends ("… the election of the", a comma in a
    list of names, "Cllr J") and the next, whatever its first letter. The line count is kept
    (the joined line leaves a blank)."""
    out = list(blocks)
    last = None  # the index of the last paragraph with text
    end = None  # the index of the last line joined to it
    for index, block in enumerate(out):
        if not block:
            continue
        if (
            last is not None
            and index - end <= 2
            and block.kind == "paragraph"
            and out[last].kind == "paragraph"
            and not out[last].strong
            and not block.strong
            # Carried on in lower case, or after a word no sentence ends with ("for the").
            and (
                re.match(r"^[a-z(]", block)
                or (UNENDED.search(out[last]) and len(out[last].split()) >= 8)
            )
            and not re.search(r"[.:;!?]$", out[last])
            and "\t" not in block
            and "\t" not in out[last]
        ):
            out[last] = out[last].again(f"{out[last]} {block}")
            out[index] = Block("")
            end = index
            continue
        last = end = index
    return out


UNENDED = re.compile(
    r"\s(?:the|a|an|of|to|for|and|or|with|by|from|in|on|at|that|was|were|is|are|be|would|"
    r"will|as|than|this|their|its|his|her)$"
    # A list of names broken after a comma, or between a name's title or initial and the name.
    r"|,$|\s(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Dr|[A-Z])$"
)


def check_size(lines: list[str], limits: Limits) -> None:
    if len(lines) > limits.lines:
        raise UnreadableDocument(
            f"The file has more than {limits.lines:,} lines of text, more than the importer reads"
        )
    total = 0
    for number, line in enumerate(lines, start=1):
        total += len(line)
        if total > limits.text_chars:
            raise UnreadableDocument(
                f"The file has more than {limits.text_chars:,} characters of text, more than "
                "the importer reads"
            )
        if len(line) > limits.line_chars:
            raise UnreadableDocument(
                f"Line {number} is longer than {limits.line_chars:,} characters, "
                "longer than the importer reads"
            )


# What web pages and their PDFs print around the minutes: links to papers with their size
# ("Report pdf icon PDF 107 KB"), sharing and print links. Not part of any record.
FURNITURE_TAIL = re.compile(r"\s*(?:pdf|word|doc) icon\s+\w+\s+\d+(?:\.\d+)?\s*[KM]B\s*$", re.I)


def drop_furniture(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        stripped = FURNITURE_TAIL.sub("", line)
        if stripped != line and len(stripped.split()) <= 8:
            # A link to a paper ("Report pdf icon PDF 107 KB"): the whole line is the link.
            kept.append("")
            continue
        if re.fullmatch(
            r"\s*(?:Share this (?:item|page)|Additional documents:?|Print this (?:item|page)|"
            r"Back to top)\s*",
            stripped,
            re.IGNORECASE,
        ):
            kept.append("")
            continue
        if stripped.strip() == "" and line.strip():
            # The whole line was a document link ("Report PDF 107 KB"): keep the line count.
            kept.append("")
            continue
        kept.append(stripped)
    return kept


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("This is not a text file: it holds binary data")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Word "Save as text" files are Windows-1252; a byte it lacks is shown as �.
        return data.decode("cp1252", errors="replace")


def split_lines(text: str, limits: Limits) -> list[str]:
    # Counted before splitting, so a file of a million empty lines is refused cheaply.
    if text.count("\n") + text.count("\r") // 2 > limits.lines * 2:
        raise UnreadableDocument(
            f"The file has more than {limits.lines:,} lines of text, more than the importer reads"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


TEXT_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪◦–]\s+)")
ORDERED = re.compile(
    r"^(\s*)(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s+\S"
)
UNDERLINE = re.compile(r"^\s{0,3}(=+|-+|_+|~+)\s*$")


def text_lines(data: bytes, limits: Limits) -> list[Block]:
    """Plain text: a line underlined with ===, --- or ___ is a heading (=== the larger); a line
    starting with a bullet or a number is a list item, its depth from its indent. Markdown
    saved as text is read as Markdown."""
    text = decode(data)
    if looks_like_markdown(text):
        return markdown_lines(data, limits)
    lines = split_lines(text, limits)
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        underline = UNDERLINE.match(line)
        previous = blocks[-1] if blocks else None
        after = next((x for x in lines[index + 1 : index + 3] if x.strip()), "")
        if underline and re.fullmatch(r"\s*\d{1,3}\s*", after):
            blocks.append(Block(""))  # a rule and a page number: a page break
            continue
        if (
            blocks
            and re.fullmatch(r"\s*\d{1,3}\s*", line)
            and index
            and UNDERLINE.match(lines[index - 1] or lines[max(0, index - 2)])
        ):
            blocks.append(Block(""))  # the page's number under the rule
            continue
        if (
            underline
            and len(underline.group(1)) >= 3
            and previous is not None
            and previous.strip()
            and previous.kind == "paragraph"
            and len(previous.split()) <= 15
            and not re.search(r"[.,;:]$", previous.strip())
        ):
            blocks[-1] = Block(previous.strip(), "heading", 1 if "=" in line else 2)
            blocks.append(Block(""))
            continue
        blocks.append(_list_or_paragraph(line))
    return blocks


def _list_or_paragraph(line: str) -> Block:
    bullet = TEXT_BULLET.match(line) or ORDERED.match(line)
    if bullet:
        return Block(line, "list", len(bullet.group(1).expandtabs(4)) // 2)
    return Block(line)


# Markdown as people write minutes in it: front matter (a site generator's title and
# layout, which are not the meeting's), headings, emphasis, links, lists and tables.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*[-*+]\s+(?!\[[ xX]\]\s)")
MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")
# A paragraph set wholly in bold (or bold italic): "**Item 3: Finance**", "***Action: …***".
MD_STRONG_LINE = re.compile(
    r"^\s*(?:\*{2,3}|_{2,3})\s?(?=\S)(.+?)(?<=\S)\s?(?:\*{2,3}|_{2,3})\s*:?\s*$"
)
HTML_COMMENT = re.compile(r"<!--.*?-->")


def looks_like_markdown(text: str) -> bool:
    """Markdown saved as .txt (a site's source files often are): front matter, # headings,
    **bold** or escaped list numbers."""
    head = text[:20000]
    return bool(
        FRONT_MATTER.match(head)
        or len(re.findall(r"^#{1,6} \S", head, re.M)) >= 2
        or len(re.findall(r"\*\*\S[^*\n]*\*\*", head)) >= 2
        or len(re.findall(r"^\d{1,3}\\\. ", head, re.M)) >= 2
    )


def markdown_lines(data: bytes, limits: Limits) -> list[Block]:
    text = decode(data).replace("\r\n", "\n")
    front = FRONT_MATTER.match(text)
    blocks: list[Block] = []
    if front:
        # The front matter's date and title are the page's, not the meeting's, but the year
        # they give helps read a date written without one: kept as "meta" blocks.
        body_start = front.group(0).count("\n")
        blocks = [Block("")] * body_start
        said = 0
        for label in ("date", "title"):
            found = re.search(rf"^{label}\s*:\s*['\"]?([^'\"\n]+)", front.group(1), re.M | re.I)
            if found and said < body_start:
                blocks[said] = Block(f"{label.title()}: {found.group(1).strip()}", "meta")
                said += 1
        text = text[front.end() :]
    reader = MarkdownReader(blocks)
    for line in split_lines(HTML_COMMENT.sub("", text), limits):
        reader.line(line)
    reader.flush()
    return reader.blocks


class MarkdownReader:
    """Markdown's blocks: the lines of a paragraph (or of a list item) joined into one, as
    Markdown shows them, unless a line ends with a hard break."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.pending: list[str] = []
        self.kind, self.level = "paragraph", 0
        self.table_rows = 0
        self.hard_break = False
        self.after_rule = False

    def flush(self) -> None:
        if not self.pending:
            return
        raw = " ".join(part.strip() for part in self.pending)
        self.pending = []
        self.blocks.append(_markdown_block(raw, self.kind, self.level))
        self.kind, self.level = "paragraph", 0

    def start(self, line: str, kind: str, level: int = 0) -> None:
        self.flush()
        self.pending, self.kind, self.level = [line], kind, level

    def line(self, line: str) -> None:
        hard_break = self.hard_break
        self.hard_break = bool(re.search(r"(?<!\\)\\$| {2,}$", line))
        line = re.sub(r"(?<!\\)\\$", "", line)
        if not line.strip():
            self.flush()
            self.blocks.append(Block(""))
            self.table_rows = 0
            return
        if MD_TABLE_RULE.match(line) and "-" in line and "|" in line:
            self.flush()
            if self.table_rows == 1 and self.blocks and self.blocks[-1].kind == "row":
                self.blocks[-1] = Block(self.blocks[-1], "row", header=True)
            self.blocks.append(Block(""))
            return
        underline = UNDERLINE.match(line)
        if (
            underline
            and underline.group(1)[0] in "=-"
            and self.pending
            and self.kind == "paragraph"
            and len(" ".join(self.pending).split()) <= 15
            and not re.search(r"[.,;:]$", self.pending[-1].strip())
        ):
            raw = " ".join(part.strip() for part in self.pending)
            self.pending = []
            self.blocks.append(_markdown_block(raw, "heading", 1 if "=" in line else 2))
            self.blocks.append(Block(""))
            return
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", line):
            self.flush()
            self.blocks.append(Block(""))  # a rule between sections (or pages)
            self.after_rule = True
            return
        if self.after_rule and re.fullmatch(r"\s*\d{1,3}\s*", line):
            self.blocks.append(Block(""))  # a page's number under the rule between pages
            self.after_rule = False
            return
        self.after_rule = False
        heading = MD_HEADING.match(line)
        if heading:
            self.start(heading.group(2), "heading", len(heading.group(1)))
            self.flush()
            return
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            self.flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            self.blocks.append(Block("\t".join(_inline(c) for c in cells), "row"))
            self.table_rows += 1
            return
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if MD_BULLET.match(line):
            self.start("· " + MD_BULLET.sub("", line, count=1), "list", indent // 2)
            return
        if ORDERED.match(re.sub(r"\\([.)])", r"\1", line)):
            self.start(line.strip(), "list", indent // 2)
            return
        quoted = line.lstrip().startswith(">")
        line = re.sub(r"^\s*(?:>\s?)+", "", line)
        if not line.strip():
            self.flush()
            self.blocks.append(Block(""))
            return
        if hard_break or not self.pending or (self.kind == "list" and indent < 2 and not quoted):
            if self.kind == "list" and self.pending and not hard_break and indent >= 1:
                self.pending.append(line)  # a list item carried on
                return
            self.start(line, "paragraph")
            return
        self.pending.append(line)


def _markdown_block(raw: str, kind: str, level: int) -> Block:
    strong_line = MD_STRONG_LINE.match(raw.strip())
    strong = bool(strong_line and "**" not in strong_line.group(1).strip("*_"))
    if kind == "list":
        # "a) **Title**": the item's words are set in bold.
        marker = re.match(r"^(?:·|\(?\w{1,4}\\?[.)])\s+", raw)
        rest = raw[marker.end() :] if marker else raw
        bold = MD_STRONG_LINE.match(rest.strip())
        strong = bool(bold and "**" not in bold.group(1).strip("*_"))
    return Block(_inline(raw), kind, level, strong)


def _inline(line: str) -> str:
    line = MD_LINK.sub(r"\1", line.strip())
    for _ in range(2):  # bold inside italic: ***words***
        line = MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
    line = re.sub(r"\*{2,}", "", line)  # bold marks left unpaired
    line = re.sub(r"^\*(?=\S)|(?<=\S)\*$", "", line)
    line = re.sub(r"\^(\w{1,3})\^", r"\1", line)  # Pandoc's superscript: 4^th^
    line = re.sub(r"<[^>]{1,200}>", " ", line) if re.search(r"</?[a-z]+[^>]*>", line) else line
    line = re.sub(r"&nbsp;", " ", line)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", line).rstrip()


# --- Word -------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(archive: zipfile.ZipFile, name: str, limits: Limits):
    """A part of the Word file as XML, or None when the file has no such part. The parser
    resolves no entities and loads no DTD, so nothing in the file can make it expand."""
    import lxml.etree

    data = read_member(archive, name, limits)
    if data is None:
        return None
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:65536]:
        raise UnreadableDocument(
            f"The Word file's {name} declares entities, which Word never writes: it is not read"
        )
    parser = lxml.etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        return lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise UnreadableDocument(
            f"The Word file's {name} is damaged and cannot be read ({error})"
        ) from None


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The Word file's zip, once its directory shows that nothing in it unpacks beyond the
    limits. Python's zipfile never inflates a member past the size the directory declares,
    so checking the declared sizes bounds what reading can take."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnreadableDocument(
            f"This is not a Word (.docx) document that opens: {error}"
        ) from None
    total = 0
    for member in members:
        if member.file_size > limits.member_bytes:
            raise UnreadableDocument(
                f"The Word file's {member.filename} unpacks to more than "
                f"{megabytes(limits.member_bytes)}, more than the importer reads"
            )
        total += member.file_size
    if total > limits.unpacked_bytes:
        raise UnreadableDocument(
            f"The Word file unpacks to more than {megabytes(limits.unpacked_bytes)}, "
            "more than the importer reads"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes | None:
    """A member's bytes, read a piece at a time and never past its declared size or the
    limit. (zipfile's read() inflates a whole member at once, whatever its directory says,
    so a member that lies about its size would be inflated in full.)"""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    allowed = min(info.file_size, limits.member_bytes)
    pieces, total = [], 0
    with archive.open(info) as member:
        while piece := member.read(1024 * 1024):
            total += len(piece)
            if total > allowed:
                raise UnreadableDocument(
                    f"The Word file's {name} unpacks to more than it says it holds"
                )
            pieces.append(piece)
    return b"".join(pieces)


def docx_lines(data: bytes, limits: Limits) -> list[str]:
    archive = open_zip(data, limits)
    try:
        document = _xml(archive, "word/document.xml", limits)
        if document is None:
            raise UnreadableDocument(
                "This is not a Word (.docx) document that opens: it has no word/document.xml"
            )
        styles = WordStyles(_xml(archive, "word/styles.xml", limits))
        numbering = WordNumbering(_xml(archive, "word/numbering.xml", limits))
    # zipfile raises NotImplementedError for a member packed with a compression method it
    # cannot unpack (Deflate64, say): for the clerk that is one more file that will not open.
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as error:
        raise UnreadableDocument(f"The Word file is damaged and cannot be read ({error})") from None
    body = document.find(f"{W}body")
    if body is None:
        raise UnreadableDocument("The Word file has no body text")
    reader = WordReader(styles, numbering, limits)
    reader.blocks(body)
    return reader.lines


class WordStyles:
    """Paragraph style names and the numbering a style brings ("List Number")."""

    def __init__(self, root) -> None:
        self.names: dict[str, str] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        self.based_on: dict[str, str] = {}
        self.bold: set[str] = set()
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId", "")
            name = style.find(f"{W}name")
            self.names[style_id] = name.get(f"{W}val", "") if name is not None else style_id
            based = style.find(f"{W}basedOn")
            if based is not None:
                self.based_on[style_id] = based.get(f"{W}val", "")
            numbered = _num_pr(style.find(f"{W}pPr"))
            if numbered:
                self.numbering[style_id] = numbered
            bold = style.find(f"{W}rPr/{W}b")
            if bold is not None and bold.get(f"{W}val", "true") not in ("0", "false", "off"):
                self.bold.add(style_id)

    def name(self, style_id: str) -> str:
        return self.names.get(style_id, style_id)

    def numbering_of(self, style_id: str) -> tuple[str, int] | None:
        for _ in range(10):  # a loop of basedOn references ends here
            if style_id in self.numbering:
                return self.numbering[style_id]
            style_id = self.based_on.get(style_id, "")
            if not style_id:
                return None
        return None


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    level = num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None
    try:
        return num_id.get(f"{W}val", "0"), int(
            level.get(f"{W}val", "0")
        ) if level is not None else 0
    except ValueError:
        return None


class WordNumbering:
    """Word's automatic numbering: each list's levels, their format ("%1.", "(%2)") and
    start, and the counters as the document goes, so "3." comes out as Word shows it."""

    def __init__(self, root) -> None:
        self.abstract: dict[str, dict[int, dict]] = {}
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{W}lvl"):
                levels[_int(level.get(f"{W}ilvl"), 0)] = {
                    "start": _int(_val(level, "start"), 1),
                    "format": _val(level, "numFmt") or "decimal",
                    "text": _val(level, "lvlText") or "",
                }
            self.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            abstract_id = _val(num, "abstractNumId") or ""
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(start, 1)
            self.lists[num.get(f"{W}numId", "")] = (abstract_id, overrides)

    def label(self, num_id: str, level: int) -> str | None:
        """The number printed before this paragraph, counting it."""
        if num_id == "0" or num_id not in self.lists:
            return None
        abstract_id, overrides = self.lists[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels or not 0 <= level < 9:
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        start = overrides.get(level, levels[level]["start"])
        counters[level] = start if counters[level] == 0 else counters[level] + 1
        if levels[level]["format"] == "bullet":
            return "·"
        if levels[level]["format"] == "none":
            return None

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            if at not in levels or at > level:
                return ""
            value = counters[at] or overrides.get(at, levels[at]["start"])
            return _format_number(value, levels[at]["format"])

        return re.sub(r"%([1-9])", number, levels[level]["text"]).strip() or None


def _val(element, child: str) -> str | None:
    found = element.find(f"{W}{child}")
    return found.get(f"{W}val") if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format_number(value: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "lowerLetter" else letters.upper()
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if style == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    numerals += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for size, numeral in numerals:
        while value >= size:
            out, value = out + numeral, value - size
    return out


class WordReader:
    """The body's paragraphs and tables, in order, as lines."""

    def __init__(self, styles: WordStyles, numbering: WordNumbering, limits: Limits) -> None:
        self.styles, self.numbering, self.limits = styles, numbering, limits
        self.lines: list[str] = []
        self.budget = Budget.current()

    def blocks(self, parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                block = self.paragraph(child)
                first, *rest = block.split("\n")
                self.add([block.again(first), *rest])
            elif tag == f"{W}tbl":
                for index, row in enumerate(child.iterchildren(f"{W}tr")):
                    cells = [self.cell(tc) for tc in row.iterchildren(f"{W}tc")]
                    header = index == 0 or row.find(f"{W}trPr/{W}tblHeader") is not None
                    self.add([Block(_row(cells), "row", header=header)])
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
                self.blocks(child)

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        if len(self.lines) > self.limits.lines:
            raise UnreadableDocument(
                f"The file has more than {self.limits.lines:,} paragraphs, more than the "
                "importer reads"
            )
        if len(self.lines) % 200 < len(lines):
            self.budget.check()

    def cell(self, tc) -> str:
        merged = tc.find(f"{W}tcPr/{W}vMerge")
        if merged is not None and merged.get(f"{W}val", "continue") == "continue":
            return ""  # the cell above, merged down: its text is already in its own row
        paragraphs = []
        for child in tc.iter(f"{W}p"):
            paragraphs.append(self.paragraph(child))
        return _cell(paragraphs)

    def paragraph(self, p) -> str:
        text = self._paragraph_text(p)
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style = self.styles.name(style_id or "").lower()
        heading = re.fullmatch(r"heading (\d)", style)
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        if heading or style == "title" or (outline is not None and outline.isdigit()):
            level = (
                int(heading.group(1)) if heading else 1 if style == "title" else int(outline) + 1
            )
            return Block(text, "heading", min(level, 9))
        numbered = _num_pr(ppr) or (self.styles.numbering_of(style_id) if style_id else None)
        if numbered or "list" in style:
            return Block(text, "list", numbered[1] if numbered else 0, self._bold)
        return Block(text, strong=self._bold)

    def _paragraph_text(self, p) -> str:
        texts, italic, plain_runs = [], True, 0
        self._bold = True
        for run in p.iter(f"{W}r"):
            if _inside(run, p, f"{W}del") or _inside(run, p, f"{W}txbxContent"):
                continue
            run_text = []
            for part in run:
                if part.tag == f"{W}t":
                    run_text.append(part.text or "")
                elif part.tag == f"{W}tab":
                    run_text.append("\t")
                elif part.tag in (f"{W}br", f"{W}cr"):
                    run_text.append("\n")
            joined = "".join(run_text)
            if joined.strip():
                plain_runs += 1
                mark = run.find(f"{W}rPr/{W}i")
                if mark is None or mark.get(f"{W}val", "true") in ("0", "false", "off"):
                    italic = False
                if not _run_bold(run, p, self.styles):
                    self._bold = False
            texts.append(joined)
        text = "".join(texts)
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style = self.styles.name(style_id or "").lower()
        numbered = _num_pr(ppr) or (self.styles.numbering_of(style_id) if style_id else None)
        label = self.numbering.label(*numbered) if numbered and text.strip() else None
        if plain_runs and italic and not label:
            return f"<i>{text.strip()}</i>"
        if label:
            return f"{label} {text.strip()}"
        if "list" in style and text.strip() and not text.lstrip().startswith(("·", "•", "-")):
            return f"· {text.strip()}"
        return text


def _run_bold(run, p, styles: WordStyles) -> bool:
    """The run is set in bold (or underlined), by itself or by its paragraph's style."""
    for tag in ("b", "u"):
        mark = run.find(f"{W}rPr/{W}{tag}")
        if mark is not None:
            return mark.get(f"{W}val", "true") not in ("0", "false", "off", "none")
    ppr = p.find(f"{W}pPr")
    style_id = _val(ppr, "pStyle") if ppr is not None else None
    return style_id in styles.bold


def _inside(element, stop, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _cell(paragraphs: list[str]) -> str:
    texts = [p.strip() for p in paragraphs if p.strip()]
    if len(texts) > 1:
        return " ".join(f"<p>{t}</p>" for t in texts)
    return texts[0] if texts else ""


def _row(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells)


# --- HTML -------------------------------------------------------------------------------

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
SKIPPED |= {"template", "svg", "iframe", "object", "select", "textarea"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption"}
CONTAINERS = {"div", "section", "article", "main", "body", "ul", "ol", "dl", "blockquote"}
CONTAINERS |= {"html", "aside", "figure", "tbody", "thead", "tfoot", "center", "span", "font"}
# modern.gov's own furniture, by class: the links to papers, the sharing and print links.
FURNITURE_CLASSES = ("mgLinks", "mgActionList", "mgBreadcrumbs", "mgShare", "mgHelpLine")


def html_lines(data: bytes, limits: Limits) -> list[str]:
    import lxml.etree
    import lxml.html

    if b"\x00" in data[:4096]:
        raise UnreadableDocument("This is not a web page: it holds binary data")
    source: bytes | str = data
    if not re.search(rb"charset|encoding=", data[:4096], re.I):
        # Without a declared charset lxml guesses Latin-1; pages are UTF-8 far more often.
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            source = data
    try:
        root = lxml.html.document_fromstring(source)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableDocument(f"This HTML page cannot be read: {error}") from None
    content = root
    for xpath in CONTENT_XPATHS:
        found = root.xpath(xpath)
        if found:
            content = found[0]
            break
    for name in FURNITURE_CLASSES:
        for element in content.xpath(f".//*[contains(@class, '{name}')]"):
            element.drop_tree()
    reader = HtmlReader(limits)
    reader.walk(content)
    return reader.lines


class HtmlReader:
    def __init__(self, limits: Limits) -> None:
        self.lines: list[str] = []
        self.limits = limits
        self.budget = Budget.current()

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        if len(self.lines) > self.limits.lines:
            raise UnreadableDocument(
                f"The page has more than {self.limits.lines:,} paragraphs, more than the "
                "importer reads"
            )
        if len(self.lines) % 200 < len(lines):
            self.budget.check()

    def table(self, table) -> None:
        """A data table is a line a row; a table used for layout (a minutes page with the
        item's number in one cell and its heading and paragraphs in the next) is read as
        the text it lays out, the number before the first line of its cell."""
        laid_out: list = []
        for row in table.iter("tr"):
            if any(cell in row.iterancestors() for cell in laid_out):
                continue  # inside a cell already read as text
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            if not any(_holds_blocks(cell) for cell in cells):
                header = bool(cells) and (
                    all(cell.tag == "th" for cell in cells)
                    or any(a.tag == "thead" for a in row.iterancestors())
                )
                self.add([Block(_row([_html_cell(cell) for cell in cells]), "row", header=header)])
                continue
            prefix = []
            for cell in cells:
                if not _holds_blocks(cell):
                    if _squash(cell.text_content()):
                        prefix.append(_squash(cell.text_content()))
                    continue
                laid_out.append(cell)
                start = len(self.lines)
                self.walk(cell)
                first = next((i for i in range(start, len(self.lines)) if self.lines[i]), None)
                if prefix and first is not None:
                    self.lines[first] = f"{' '.join(prefix)} {self.lines[first]}"
                    prefix = []

    def walk(self, element, number: int | None = None) -> None:
        if element.text and element.text.strip() and element.tag not in BLOCKS:
            self.add([_squash(element.text)])
        ordered = element.tag == "ol"
        if ordered:
            number = _int(element.get("start"), 1)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in SKIPPED or not tag:
                pass
            elif tag == "table":
                self.table(child)
            elif tag == "li" and ordered:
                number = _int(child.get("value"), number)
                lines = _html_block(child, self.limits, label=_ol_label(element, number))
                self.add(_structured(child, lines))
                number += 1
            elif tag in BLOCKS:
                self.add(_structured(child, _html_block(child, self.limits)))
            elif tag == "br":
                self.add([""])
            elif tag in CONTAINERS or len(child):
                self.walk(child)
            elif child.text_content().strip():
                self.add([_squash(child.text_content())])
            if child.tail and child.tail.strip():
                self.add([_squash(child.tail)])


def _structured(element, lines: list[str]) -> list[str]:
    """The block's first line with what the element is: a heading and its level, a list
    item and its depth, a paragraph set wholly in bold or underlined."""
    if not lines or isinstance(lines[0], Block):
        return lines
    tag = element.tag
    first = lines[0]
    if re.fullmatch(r"h[1-6]", tag):
        block = Block(first, "heading", int(tag[1]))
    elif tag == "li":
        depth = sum(1 for a in element.iterancestors() if a.tag in ("ol", "ul")) - 1
        held = next((c for c in element if isinstance(c.tag, str)), None)
        if held is not None and re.fullmatch(r"h[1-6]", held.tag):
            # A list item that holds a heading (an item's number and title): a heading.
            block = Block(first, "heading", int(held.tag[1]))
        else:
            block = Block(first, "list", max(0, depth), strong=_wholly_strong(element))
    else:
        block = Block(first, strong=_wholly_strong(element))
    return [block, *lines[1:]]


STRONG_TAGS = ("strong", "b", "u")


def _wholly_strong(element) -> bool:
    """Every word of the element is inside <strong>, <b> or <u> (a heading in all but name)."""
    text = _squash(element.text_content())
    if not text or len(text) > 200:
        return False
    strong = " ".join(_squash(e.text_content()) for e in element.iter(*STRONG_TAGS))
    return len(re.sub(r"\W", "", strong)) >= len(re.sub(r"\W", "", text)) > 0


def _holds_blocks(cell) -> bool:
    # A heading in a cell: the page is laid out with the table. Cells of several paragraphs
    # are still data (the work plans' activity tables hold them).
    return bool(cell.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"))


def _ol_label(ol, number: int) -> str:
    kind = ol.get("type", "1")
    style = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    return f"{_format_number(number, style.get(kind, 'decimal'))}."


def _html_block(element, limits: Limits, label: str = "") -> list[str]:
    held = [c for c in element if isinstance(c.tag, str) and c.tag in BLOCKS | {"div"}]
    if element.tag == "li" and held:
        # A list item holding a heading and paragraphs (an item's title, then its minutes):
        # the first is the item's own line, each of the others a line of its own.
        inner = HtmlReader(limits)
        if element.text and element.text.strip():
            inner.add([_squash(element.text)])
        inner.walk(element)
        lines = inner.lines or [""]
        return [f"{label or '·'} {lines[0]}".strip(), *lines[1:]]
    nested = [c for c in element if isinstance(c.tag, str) and c.tag in ("ol", "ul")]
    if element.tag == "li" and nested:
        # A list inside a list item: the item's own words, then the inner list's items.
        own = _squash(
            (element.text or "")
            + " ".join(
                c.text_content() + (c.tail or "")
                for c in element
                if isinstance(c.tag, str) and c not in nested
            )
        )
        inner = HtmlReader(limits)
        for child in nested:
            inner.walk(child)
        return [f"{label or '·'} {own}".strip(), *inner.lines]
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
    if whole_italic and text.strip() and not label:
        return [f"<i>{_squash(text)}</i>"]
    if element.tag == "li":
        parts[0] = f"{label or '·'} {parts[0]}"
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


# --- PDF --------------------------------------------------------------------------------


# Each pattern starts with its literal, so the search skips ahead to the next bracket: one
# pattern of two alternatives tries every byte and takes seconds on a file of 10 MB.
DEEP_NESTING = [re.compile(rb"\[\s*(?:\[\s*){199}"), re.compile(rb"<<\s*(?:<<\s*){199}")]


# What one page may hold before it is laid out: its drawing instructions (the content
# stream, unpacked) and the characters, lines and shapes they draw. A page of minutes holds a
# few tens of kilobytes and a few thousand characters; a page past these is refused before
# pdfminer lays it out, since laying out takes time and memory in proportion.
PAGE_CONTENT_BYTES = 3 * 1024 * 1024
PAGE_OBJECTS = 20_000


def pdf_lines(data: bytes, limits: Limits) -> list[Block]:
    """A PDF's text layer, read with pdfplumber (pdfminer.six underneath): each line with its
    font size and weight, so a line set larger than the text is a heading and one set wholly
    in bold is strong; columns kept apart by wide gaps are a table's cells. pypdf opens the
    file first, within its own limits, to refuse what would be too big to lay out."""
    budget = Budget.current()
    # No real PDF nests arrays or dictionaries hundreds deep; parsers would recurse through
    # them until Python's limit, slowly. Refused before parsing.
    if any(pattern.search(data) for pattern in DEEP_NESTING):
        raise UnreadableDocument("The PDF is nested too deeply to read")
    count = _check_pdf(data, limits, budget)
    pages: list[list[Block]] = []
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            styles = _PdfStyles()
            raw_pages = []
            for number, page in enumerate(pdf.pages[:count], start=1):
                budget.check()
                _lay_out(pdf, page, number, budget)
                lines = _pdf_page_lines(page, number)
                styles.count(lines)
                raw_pages.append(lines)
                page.flush_cache()
                if sum(len(p) for p in raw_pages) > limits.lines:
                    raise UnreadableDocument(
                        f"The PDF has more than {limits.lines:,} lines, more than the importer reads"
                    )
            for number, lines in enumerate(raw_pages, start=1):
                pages.append(_pdf_page(styles.blocks(lines), number))
    except (UnreadableDocument, OverBudget):
        raise
    except RecursionError:
        raise UnreadableDocument("The PDF is nested too deeply to read") from None
    except Exception as error:
        # pdfminer reports a damaged file with its own errors but also, for hostile ones,
        # with KeyError, TypeError, ValueError and others; any of them means the same to
        # the person: it cannot be read.
        raise UnreadableDocument(
            f"This PDF cannot be opened: {error or type(error).__name__}"
        ) from None
    return join_pdf_lines(drop_running_lines(pages))


def _check_pdf(data: bytes, limits: Limits, budget) -> int:
    """The number of pages, once pypdf has opened the file within its limits and unpacked
    each page's drawing instructions without going past them."""
    from pypdf import PdfReader, apply_configuration

    stream_limit = max(1024, min(limits.unpacked_bytes, 100 * 1024 * 1024))
    # pypdf's own limits, lowered to ours: no stream inflates past them.
    config = {
        "maximum_declared_stream_length": stream_limit,
        "zlib_maximum_output_length": stream_limit,
        "array_based_stream_maximum_output_length": stream_limit,
        "lzw_maximum_output_length": stream_limit,
        "run_length_maximum_output_length": stream_limit,
        "stream_decoding_work_maximum_length": stream_limit * 4,
    }
    try:
        with apply_configuration(**config):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise UnreadableDocument("The PDF is password-protected")
            count = len(reader.pages)
            if count > limits.lines // 10:
                raise UnreadableDocument(
                    f"The PDF has {count:,} pages, more than the importer reads"
                )
            for number, page in enumerate(reader.pages, start=1):
                budget.check()
                contents = page.get_contents()
                size = len(contents.get_data()) if contents is not None else 0
                if size > PAGE_CONTENT_BYTES:
                    raise UnreadableDocument(
                        f"Page {number} of the PDF holds {megabytes(size)} of drawing "
                        f"instructions, more than the {megabytes(PAGE_CONTENT_BYTES)} the "
                        "importer reads on one page"
                    )
    except (UnreadableDocument, OverBudget):
        raise
    except RecursionError:
        raise UnreadableDocument("The PDF is nested too deeply to read") from None
    except Exception as error:
        # pypdf reports a damaged file with its own errors (PdfReadError, PdfStreamError,
        # LimitReachedError) but also, for hostile ones, with KeyError, TypeError, ValueError
        # and others; any of them means the same to the person: it cannot be read.
        name = type(error).__name__
        if name == "LimitReachedError":
            raise UnreadableDocument(
                f"The PDF holds more data than the importer reads ({error})"
            ) from None
        raise UnreadableDocument(f"This PDF cannot be opened: {error or name}") from None
    return count


def _lay_out(pdf, page, number: int, budget) -> None:
    """Lay the page out with a device that counts what it draws and checks the time as it
    goes, so one page cannot take the whole budget or unbounded memory. pdfplumber keeps the
    result as the page's layout."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counted(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def tally(self) -> None:
            self.drawn += 1
            if self.drawn > PAGE_OBJECTS:
                raise UnreadableDocument(
                    f"Page {number} of the PDF draws more than {PAGE_OBJECTS:,} characters and "
                    "shapes, more than the importer reads on one page"
                )
            if self.drawn % 500 == 0:
                budget.check()

        def render_char(self, *args, **kwargs):
            self.tally()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            self.tally()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args, **kwargs):
            self.tally()
            return super().render_image(*args, **kwargs)

    device = Counted(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    interpreter = _timed_interpreter(budget)(pdf.rsrcmgr, device)
    interpreter.process_page(page.page_obj)
    page._layout = device.get_result()


def _timed_interpreter(budget):
    """pdfminer's interpreter, checking the time every thousand instructions of the page
    (drawn or not), and refusing graphics states saved thousands deep."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    class Timed(PDFPageInterpreter):
        steps = 0

        def step(self) -> None:
            self.steps += 1
            if self.steps % 1000 == 0:
                budget.check()

        def push(self, *objs):
            self.step()
            return super().push(*objs)

        # Instructions without operands never push: each is counted as it runs. pdfminer
        # reads a method's operands from its signature, so each keeps its own.
        def do_q(self):
            self.step()
            if len(self.gstack) > 2000:
                raise UnreadableDocument("The PDF is nested too deeply to read")
            return super().do_q()

        def do_Q(self):
            self.step()
            return super().do_Q()

        def do_BT(self):
            self.step()
            return super().do_BT()

        def do_ET(self):
            self.step()
            return super().do_ET()

        def do_n(self):
            self.step()
            return super().do_n()

        def do_h(self):
            self.step()
            return super().do_h()

        def do_S(self):
            self.step()
            return super().do_S()

        def do_f(self):
            self.step()
            return super().do_f()

    return Timed


class _PdfStyles:
    """The text's own size (the size most characters are set in); a line set clearly
    larger is a heading, the largest size level 1."""

    def __init__(self) -> None:
        self.sizes: dict[float, int] = {}

    def count(self, lines: list[dict]) -> None:
        for line in lines:
            size = line["size"]
            self.sizes[size] = self.sizes.get(size, 0) + len(line["text"])

    def blocks(self, lines: list[dict]) -> list[Block]:
        body = max(self.sizes, key=self.sizes.get) if self.sizes else 0
        larger = sorted((s for s in self.sizes if s >= body * 1.12), reverse=True)
        out: list[Block] = []
        for line in lines:
            if line["text"] == "":
                out.append(Block(""))
            elif line.get("row"):
                out.append(Block(line["text"], "row"))
            elif line["size"] in larger and len(line["text"]) <= 200:
                out.append(Block(line["text"], "heading", larger.index(line["size"]) + 1))
            else:
                kind = (
                    "list"
                    if ORDERED.match(line["text"]) or TEXT_BULLET.match(line["text"])
                    else "paragraph"
                )
                out.append(Block(line["text"], kind, strong=line["bold"]))
        return out


BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)


def _pdf_page_lines(page, number: int) -> list[dict]:
    """The page's lines, top to bottom, each with its text, size and weight; a blank line
    where the gap above is wider than a line's; a table's rows with their cells apart."""
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, extra_attrs=["size", "fontname"]
    )
    if not words:
        raise UnreadableDocument(f"Page {number} of the PDF has no text (it may be a scan)")
    text = " ".join(w["text"] for w in words)
    garbled = text.count("(cid:") * 6 + sum(1 for ch in text if ch == "\ufffd")
    if garbled > len(text) / 100:
        raise UnreadableDocument(f"Page {number} of the PDF does not read cleanly")
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 2.5:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[dict] = []
    previous_bottom = None
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = round(max(w["size"] for w in row), 1)
        if previous_bottom is not None and row[0]["top"] - previous_bottom > size * 0.9:
            lines.append({"text": "", "size": 0, "bold": False, "chunks": []})
        previous_bottom = max(w["bottom"] for w in row)
        chunks: list[tuple[float, str]] = []
        for index, word in enumerate(row):
            gap = word["x0"] - row[index - 1]["x1"] if index else 0
            if index and gap <= max(3.0, word["size"] * 1.1):
                chunks[-1] = (chunks[-1][0], f"{chunks[-1][1]} {word['text']}")
            else:
                chunks.append((word["x0"], word["text"]))
        bold = sum(len(w["text"]) for w in row if BOLD_FONT.search(w["fontname"] or ""))
        lines.append(
            {
                "text": " ".join(t for _, t in chunks),
                "gap": row[0]["top"]
                - (lines[-1]["bottom"] if lines and lines[-1].get("bottom") else 0),
                "bottom": max(w["bottom"] for w in row),
                "size": size,
                "bold": bold >= 0.9 * sum(len(w["text"]) for w in row),
                "chunks": chunks,
            }
        )
    return _pdf_tables(lines)


def _pdf_tables(lines: list[dict]) -> list[dict]:
    """Runs of lines whose words stand in columns apart are a table: a row a line, its cells
    tab-separated (see layout_rows)."""
    out: list[dict] = []
    run: list[dict] = []

    def flush() -> None:
        if len(run) >= 2:
            tight = [line.get("gap", 99) < line["size"] * 0.55 for line in run]
            for text in _rows([line["chunks"] for line in run], tight):
                out.append({"text": text, "size": run[0]["size"], "bold": False, "row": True})
        else:
            out.extend(run)
        run.clear()

    for index, line in enumerate(lines):
        chunks = line["chunks"]
        if not chunks and len(run) >= 2 and _same_columns(run, lines[index + 1 : index + 2]):
            continue  # rows set apart by space: still the table
        continues = (
            bool(run)
            and bool(chunks)
            and (
                chunks[0][0] > run[0]["chunks"][0][0] + 8
                or line.get("gap", 99) < line["size"] * 0.55
            )
        )
        if len(chunks) >= 2 or (continues and len(chunks) == 1):
            run.append(line)
            continue
        flush()
        out.append(line)
    flush()
    return out


def _same_columns(run: list[dict], following: list[dict]) -> bool:
    """The next line's cells start where the table's header cells start: another row."""
    if not following or len(following[0]["chunks"]) < 2:
        return False
    starts = [start for start, _ in run[0]["chunks"]]
    return len(starts) >= 2 and all(
        any(abs(start - column) <= 4 for column in starts) for start, _ in following[0]["chunks"]
    )


def _pdf_page(lines: list[Block], number: int) -> list[Block]:
    # Blank lines top and bottom mean nothing.
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise UnreadableDocument(f"Page {number} of the PDF has no text (it may be a scan)")
    return lines


GAP = re.compile(r"\S(?:\S| {1,2}(?=\S))*")


def layout_rows(lines: list[str]) -> list[str]:
    """Text laid out in columns by runs of spaces (as a PDF's layout text is): see _rows."""
    out: list[str] = []
    run: list[list[tuple[int, str]]] = []
    for line in lines:
        chunks = [(m.start(), m.group(0)) for m in GAP.finditer(line)]
        if len(chunks) < 2 and not (run and chunks and chunks[0][0] > run[0][0][0] + 2):
            out.extend(_rows(run))
            run = []
            out.append(line.strip())
            continue
        run.append(chunks)
    out.extend(_rows(run))
    return out


def _rows(lines: list[list[tuple[float, str]]], tight: list[bool] | None = None) -> list[str]:
    """A run of lines whose words stand in columns is a table: its header row says where the
    columns start, and a line whose first column is empty or starts in lower case carries on
    the cells of the row above (a cell's words wrapped within it)."""
    columns: list[float] = []
    rows: list[list[str]] = []
    for index, chunks in enumerate(lines):
        if not rows:
            columns = [start for start, _ in chunks]
            rows.append([text for _, text in chunks])
            continue
        cells = [""] * len(columns)
        for start, text in chunks:
            # Words are placed near, not exactly at, their column's start: take the nearest.
            at = min(range(len(columns)), key=lambda i: abs(columns[i] - start))
            cells[at] = f"{cells[at]} {text}".strip()
        # A cell's words wrapped onto the next line: the first column empty or in lower case,
        # or only the first column carried on under a row that fills more of them.
        carries_on = (
            not cells[0]
            or cells[0][:1].islower()
            or (
                # Set close under the row above, with fewer of its cells filled: the same row.
                len(rows) > 1
                and tight is not None
                and tight[index]
                and sum(1 for cell in cells if cell) < sum(1 for cell in rows[-1] if cell)
            )
        )
        if carries_on:
            rows[-1] += [""] * (len(cells) - len(rows[-1]))
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=False)]
        else:
            rows.append(cells)
    return ["\t".join(row) for row in rows]


PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)


def drop_running_lines(pages: list[list[str]]) -> list[str]:
    """The pages' lines without page numbers and the headers and footers printed on most
    pages (the same words, perhaps with a different number, in the first or last lines)."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    edges: dict[str, int] = {}
    for lines in pages:
        for line in {key(x) for x in lines[:2] + lines[-2:] if x}:
            edges[line] = edges.get(line, 0) + 1
    running = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) * 0.6)}
    out: list[str] = []
    for lines in pages:
        for index, line in enumerate(lines):
            at_edge = index < 2 or index >= len(lines) - 2
            if at_edge and (PAGE_NUMBER.match(line.strip()) or key(line) in running):
                continue
            out.append(line)
        out.append("")
    return out


STARTS_BLOCK = re.compile(
    r"^(?:[·•▪◦\-–*]\s|\(?[a-z0-9]{1,3}[.)]\s|\d+(?:[./]\d+)*\.?\s+[A-Z(“\"]|[A-Z][\w ]{0,30}:|"
    r"Item\s|Minute\s|RESOLVED|AGREED|ACTION)",
)


def join_pdf_lines(lines: list[str]) -> list[str]:
    """A paragraph wrapped over several lines becomes one line again. Layout mode leaves a
    blank line between paragraphs; inside one, a line joins the one before unless it starts
    something of its own (a bullet, a number, a label) or the one before ends a sentence
    and this one starts a new one with a capital."""
    out: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            out.append("")
            joinable = False
            continue
        previous = out[-1] if out else ""
        if (
            joinable
            and "\t" not in line
            and "\t" not in previous
            and not STARTS_BLOCK.match(line)
            and (not re.search(r"[.:;!?]$", previous) or line[:1].islower())
            and _same_style(previous, line)
        ):
            out[-1] = as_block(previous).again(f"{previous} {line}")
            continue
        out.append(line)
        joinable = True
    return _collapse_joined(out)


def _same_style(previous: str, line: str) -> bool:
    """A heading, or a line in bold, does not run on into the text below it, nor text into
    it: "Finance" in bold above "The Clerk reported …" stays the item's title."""
    before, after = as_block(previous), as_block(line)
    if before.kind == "heading" or after.kind == "heading":
        return before.kind == after.kind and before.level == after.level
    return before.strong == after.strong


def _collapse_joined(lines: list[str]) -> list[str]:
    """Page breaks and layout leave runs of blank lines; one means the same."""
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return out


def words_of(file_name: str, data: bytes) -> str:
    """A paper's words, for search: its lines read within the importer's limits (time
    included), or "" when it cannot be read. The file is attached all the same; search only
    misses its words. Papers may be larger than an import, so the upload limit is the
    paper's own (settings.PAPER_FILE_MAX_BYTES, checked before this is called)."""
    limits = replace(Limits.from_settings(), upload_bytes=max(len(data), 1))
    try:
        lines = read_lines(file_name, data, limits)
    except UnreadableDocument:
        return ""
    return "\n".join(lines)[: limits.text_chars]
