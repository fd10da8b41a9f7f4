"""A paper's own words for its fields: read from the Word or PDF file attached to an item,
offered to the clerk beside what the item's paper says now.

Board papers open the same way whoever writes them: a title, then "Purpose of report" (For
decision, direction, information or discussion), "Summary", "Recommendation(s)" and a
contact officer. Authors set those headings in many ways: as Word headings or bold lines,
numbered ("1. Purpose of report") or not, as a label with its text on the same line
("Summary: This report…"), or as the rows of a table. The readers (imports.reading) give
every format as the same blocks; this module reads the headings from those blocks, so a
new shape of paper is a new heading word here, not a new reader.
"""

import re
from dataclasses import dataclass

from boards.models import Person

from .common import Line, numbered, plain, unbullet
from .papers import PARAGRAPH_NUMBER, purpose_of
from .reading import UnreadableDocument, read_lines

# The fields offered, in the order the clerk reads them, with their headings' words
# (lower case, without numbers or a closing colon).
HEADINGS = {
    "purpose": (
        "purpose of report",
        "purpose of the report",
        "purpose of paper",
        "purpose of the paper",
        "purpose",
    ),
    "summary": ("summary", "executive summary", "summary of report", "report summary"),
    "recommendation": (
        "recommendation",
        "recommendations",
        "recommendation(s)",
        "recommended action",
        "recommended actions",
        "recommended decision",
    ),
}
FIELD_BY_HEADING = {words: name for name, headings in HEADINGS.items() for words in headings}

# Headings that end a section without being one of the fields.
OTHER_HEADINGS = {
    "action",
    "actions",
    "background",
    "issues",
    "introduction",
    "proposal",
    "proposals",
    "contact details",
    "contact",
    "next steps",
    "implications",
    "implications for wales",
    "financial implications",
    "equalities implications",
    "equality implications",
    "legal implications",
    "appendices",
    "appendix",
    "annex",
    "key issues",
    "discussion",
}
# A line that is a label of the front matter, not text of a section.
FRONT_LABEL = re.compile(
    r"^(?:contact\s+officer|position|phone(?:\s+no\.?)?|telephone|e-?mail|meeting|date|"
    r"is\s+this\s+report\s+confidential|report\s+(?:of|by|author)|author|ward|wards\s+affected|"
    r"lga\s+plan\s+theme|agenda\s+item|item)\b",
    re.I,
)
HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[A-Z]|[ivxIVX]+)[.)]?\s+(?=\S)")
INLINE_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ()]{2,40}?)\s*[:–-]\s+(?P<text>\S.*)$")
RUN_IN = re.compile(
    r"^(?P<label>(?i:"
    + "|".join(re.escape(words) for words in sorted(FIELD_BY_HEADING, key=len, reverse=True))
    + r"))\s+(?P<text>[A-Z].*)$"
)
CONTACT = re.compile(r"^contact\s+officer\s*[:–-]?\s*(?P<name>.+)$", re.I)
NOT_TITLES = re.compile(
    r"^(?:(?:agenda\s+)?item\s+\S+|appendix\b.*|not\s+for\s+publication.*|confidential|"
    r"local government association|report|paper)$",
    re.I,
)
# The longest text taken for a field: a section that runs on is a heading missed.
MOST_CHARS = 5000

MIME_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


@dataclass(frozen=True)
class PaperFields:
    """What the file says, each blank where it says nothing recognisable."""

    title: str = ""
    purpose: str = ""  # a Paper.Purpose value
    summary: str = ""
    recommendation: str = ""
    contact_officer: str = ""  # the name as printed

    def found(self) -> dict[str, str]:
        return {name: value for name, value in self.__dict__.items() if value}


def read_paper_file(paper_file) -> PaperFields:
    """Read an item's paper file (meetings.PaperFile) through its storage. Raises
    UnreadableDocument when its words cannot be read."""
    suffix = MIME_SUFFIXES.get(paper_file.mime_type)
    if suffix is None:
        raise UnreadableDocument("Only a Word or PDF paper can be read")
    with paper_file.file.open("rb") as handle:
        data = handle.read()
    return paper_fields(read_lines(f"paper{suffix}", data))


def paper_fields(blocks: list[str]) -> PaperFields:
    """The fields from a file's blocks (imports.reading.read_lines)."""
    lines = numbered(blocks)
    sections: dict[str, list[str]] = {}
    current: str | None = None
    first_section_at = len(lines)
    for index, line in enumerate(lines):
        if not line.text:
            continue
        field, rest = _opens_field(line.text)
        if field is not None:
            first_section_at = min(first_section_at, index)
            # The first time a heading comes is the front matter; later ones (a paper
            # restating its recommendations at the end) are not read.
            current = field if field not in sections else None
            if current is not None:
                sections[current] = [rest] if rest else []
            continue
        if current is not None and _ends_section(line):
            current = None
        if current is not None:
            sections[current].append(_cleaned(line.text))
    values = {name: _joined(texts) for name, texts in sections.items()}
    return PaperFields(
        title=_title(lines[:first_section_at]),
        purpose=purpose_of(values.get("purpose", "")),
        summary=values.get("summary", ""),
        recommendation=values.get("recommendation", ""),
        contact_officer=_contact(lines),
    )


def heading_words(text: str) -> str:
    """A heading as compared: "2. Recommendations:" → "recommendations"."""
    text = HEADING_NUMBER.sub("", plain(text))
    return re.sub(r"\s+", " ", text).strip(" :–-\t").lower()


def _opens_field(text: str) -> tuple[str | None, str]:
    """The field a line opens, and any text it carries after its heading: a heading alone,
    a table row (heading cell, then text), or a label ("Summary: This report…")."""
    if "\t" in text:
        first, *rest = [plain(cell) for cell in text.split("\t")]
        field = FIELD_BY_HEADING.get(heading_words(first))
        return field, " ".join(cell for cell in rest if cell).strip()
    field = FIELD_BY_HEADING.get(heading_words(text))
    if field is not None:
        return field, ""
    unnumbered = HEADING_NUMBER.sub("", plain(text))
    labelled = INLINE_LABEL.match(unnumbered)
    if labelled:
        field = FIELD_BY_HEADING.get(labelled.group("label").strip().lower())
        if field is not None:
            return field, labelled.group("text").strip()
    # A bordered table read from a PDF gives each row as one line: "Summary The paper …".
    run_in = RUN_IN.match(unnumbered)
    if run_in:
        return FIELD_BY_HEADING[run_in.group("label").lower()], run_in.group("text")
    return None, ""


def _ends_section(line: Line) -> bool:
    """A heading of another section, or a label of the front matter."""
    text = plain(line.text)
    words = heading_words(text)
    if words in OTHER_HEADINGS or FRONT_LABEL.match(text):
        return True
    if line.kind == "heading":
        return True
    # The next row of a table of the front matter ("Wards affected", "Key decision").
    if "\t" in line.text and len(line.text.split("\t")[0].split()) <= 4:
        return True
    short = len(text.split()) <= 8 and not re.search(r"[.;,]$", text)
    if line.kind == "paragraph" and line.strong and short:
        return True
    # "3. Proposals": a short numbered line without a full stop is a heading too.
    return bool(HEADING_NUMBER.match(text) and short and len(text.split()) <= 5)


def _cleaned(text: str) -> str:
    """A paragraph without its bullet or paragraph number ("61. We will…" → "We will…")."""
    return PARAGRAPH_NUMBER.sub("", unbullet(plain(text)))


def _joined(texts: list[str]) -> str:
    text = "\n\n".join(t for t in texts if t).strip()
    return text[:MOST_CHARS].rstrip()


def _title(lines: list[Line]) -> str:
    """The paper's title: above its first section, the largest heading, else the first
    line set in bold, else the first line that is neither a label nor a running head."""
    candidates = [
        line
        for line in lines
        if line.text
        and "\t" not in line.text
        and not FRONT_LABEL.match(plain(line.text))
        # "Meeting: Safer and Stronger Communities Board" is a label; a heading with a colon
        # in it ("Serious violence: the first year") is a title.
        and (line.kind == "heading" or not INLINE_LABEL.match(plain(line.text)))
        and not NOT_TITLES.match(plain(line.text))
        and len(plain(line.text)) <= 200
    ]
    headings = sorted(
        (line for line in candidates if line.kind == "heading"), key=lambda x: x.level
    )
    strong = [line for line in candidates if line.strong]
    for group in (headings, strong, candidates):
        if group:
            return plain(group[0].text).rstrip(".")
    return ""


def _contact(lines: list[Line]) -> str:
    for line in lines:
        text = plain(line.text.replace("\t", " "))
        found = CONTACT.match(text)
        if found:
            return found.group("name").strip(" :")
    return ""


def contact_officer_named(name: str) -> Person | None:
    """The officer a paper names as its contact, when exactly one officer has that name."""
    if not name:
        return None
    officers = list(Person.objects.filter(kind=Person.Kind.OFFICER, name__iexact=name)[:2])
    return officers[0] if len(officers) == 1 else None
