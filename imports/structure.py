"""Where a document's items start, from its structure rather than its numbers.

Minutes without item numbers still mark their items: as headings (Markdown's ##, HTML's h3,
Word's Heading 2), as paragraphs set wholly in bold, as capitalised lines, or, in plain
text, as a short line standing alone above its paragraphs. Which of these marks the items is
read from the document itself: the style that most often comes back, in one run, without a
larger heading between (a larger heading is a section, a smaller one a sub-heading).
"""

import re

from . import conventions as c
from .common import Line, find_dates

# Larger first: a style ranks above the ones after it.
RANKS = [("heading", n) for n in range(1, 10)] + [("strong", 0), ("caps", 0), ("line", 0)]

LABELLED = re.compile(
    r"^(?:Title|Date(?: and time)?|Time|Location|Venue|Place|Meeting|Committee|Chair|"
    r"Minute\s*taker|Clerk|Secretary|Attendees?|Zoom|Link|Recording)s?\s*[:\-–]",
    re.I,
)
SUMMARY = re.compile(
    r"^(?:Summary\s+of\s+)?(?:Decisions?|Actions?|Action\s+points|Action\s+items|"
    r"Resolutions|Minutes|Agenda(?:\s+and\s+minutes)?|Table\s+of\s+contents|Contents)"
    r"(?:\s+(?:log|summary|list|arising))?\s*:?$",
    re.I,
)


def style(line: Line, before: Line | None, after: Line | None) -> tuple[str, int] | None:
    """The line's heading style, or None when it is not heading-like."""
    text = line.text.strip()
    words = text.split()
    if not text or len(text) > 160 or not re.match(r"^[\w“\"'‘(]", text):
        return None
    if line.kind == "heading":
        return ("heading", line.level)
    if line.kind not in ("paragraph", "list") or len(words) > 18:
        return None
    if line.strong and not text.endswith((",", ";")):
        return ("strong", 0)  # bold lines, capitalised lines and lines alone are one family
    letters = re.sub(r"[^A-Za-z]", "", text)
    if (
        line.kind == "paragraph"
        and len(letters) >= 4
        and letters.isupper()
        and len(words) <= 14
        and not text.endswith((",", ";"))
    ):
        return ("strong", 0)
    if (
        line.kind == "paragraph"
        and len(words) <= 10
        and before is not None
        and not before.text
        and after is not None
        and not after.text
        and re.match(r"^(?:[A-Z]|[a-z]{1,3}-[A-Z]|[a-z]+\s[A-Z]|\d{4}\s[A-Z])", text)
        and not re.search(r"[.,;:!?]$", text)
    ):
        return ("line", 0)
    return None


def excluded(text: str, first: bool = True) -> bool:
    """A heading-like line that is no item: a label, an attendance list's heading, the
    minutes' own title ("Minutes" heads an item only after other items), a date line, a
    summary list's heading."""
    return bool(
        LABELLED.match(text)
        or c.ATTENDANCE_LABEL.match(text)
        or (SUMMARY.match(text) and not (not first and re.fullmatch(r"minutes:?", text, re.I)))
        or re.match(r"^(?:(?:draft|unconfirmed|approved)\s+)?(?:minutes|notes)\s+of\b", text, re.I)
        or (first and re.fullmatch(r"(?:draft\s+)?(?:minutes|notes)", text, re.I))
        or next(find_dates(text), None)
    )


def heading_items(lines: list[Line]) -> list[int]:
    """The line numbers of the items' headings, when the document marks its items by style;
    [] when no style comes back often enough to be the items'."""
    styled: list[tuple[int, tuple[str, int], str]] = []
    texts = list(lines)
    for index, line in enumerate(texts):
        before = _neighbour(texts, index, -1)
        after = _neighbour(texts, index, 1)
        found = style(line, before, after)
        if found is None:
            continue
        if found == ("line", 0) and not _paragraph_follows(texts, index):
            continue
        if found[0] in ("line", "caps"):
            found = ("strong", 0)  # a line alone, in capitals or in bold: one family
        styled.append((line.number, found, line.text))
    rank = {s: r for r, s in enumerate(RANKS)}
    best: tuple[int, int, tuple] | None = None  # (run length, -rank, style)
    best_start = 0
    for candidate in {s for _, s, _ in styled}:
        run, start, longest, longest_start = 0, None, 0, 0
        for number, found, text in styled:
            if found == candidate and not excluded(text, run == 0):
                if run == 0:
                    start = number
                run += 1
                if run > longest:
                    longest, longest_start = run, start
            elif rank.get(found, 99) < rank.get(candidate, 99) and found[0] != "line":
                run = 0  # a larger heading: a new section
        key = (longest, -rank.get(candidate, 99), candidate)
        if longest >= 2 and (best is None or key[:2] > best[:2]):
            best, best_start = key, longest_start
    if best is None:
        return []
    chosen = best[2]
    heads: list[int] = []
    for number, found, text in styled:
        if found == chosen and number >= best_start and not excluded(text, not heads):
            heads.append(number)
    return heads


def _neighbour(lines: list[Line], index: int, step: int) -> Line | None:
    at = index + step
    return lines[at] if 0 <= at < len(lines) else None


def _paragraph_follows(lines: list[Line], index: int) -> bool:
    """A short line standing alone is a heading when what follows is text: a paragraph longer
    than itself or a list."""
    own = len(lines[index].text.split())
    for line in lines[index + 1 : index + 6]:
        if line.text:
            words = len(line.text.split())
            return (
                line.kind == "list"
                or words > 12
                or (words > own + 2 and bool(re.search(r"[.!?]$", line.text)))
            )
    return False


# Minutes kept in a table, a row an item: the item's number or title, what was said, and what
# is to be done (and by whom).
ITEM_COLUMN = re.compile(
    r"^(?:item|agenda\s+item|no\.?|number|#|minute|ref\.?|item\s+no\.?)$", re.I
)
SUBJECT_COLUMN = re.compile(
    r"^(?:subject|topic|title|heading|agenda(?:\s+item)?|item|business)$", re.I
)
NOTES_COLUMN = re.compile(
    r"^(?:notes?|discussion|minutes?|summary|comments?|details?|update|points?\s+discussed|"
    r"key\s+points|discussion\s+(?:and|&)\s+decisions?|report|narrative|record)$",
    re.I,
)
ACTION_COLUMN = re.compile(
    r"^(?:actions?|action\s+(?:points?|required|agreed)|next\s+steps|to\s+do)$", re.I
)
DECISION_COLUMN = re.compile(r"^(?:decisions?|outcomes?|resolutions?|agreed)$", re.I)
OWNER_COLUMN = re.compile(
    r"^(?:owners?|who|by\s+whom|responsible|lead|action\s+by|initials|person)$", re.I
)


def item_table(lines: list[Line]) -> tuple[dict, list[int]] | None:
    """The columns of a table of items and the line numbers of its rows, when the minutes are
    kept in one: a heading row naming an item (or subject) column and a notes column."""
    for index, line in enumerate(lines):
        if "\t" not in line.text:
            continue
        cells = [cell.strip().rstrip(":").strip() for cell in line.text.split("\t")]
        notes = _column(cells, NOTES_COLUMN)
        number = _column(cells, ITEM_COLUMN)
        subject = _column(cells, SUBJECT_COLUMN, skip=number)
        if notes is None or (number is None and subject is None):
            continue
        columns = {
            "number": number,
            "subject": subject,
            "notes": notes,
            "action": _column(cells, ACTION_COLUMN),
            "decision": _column(cells, DECISION_COLUMN),
            "owner": _column(cells, OWNER_COLUMN),
            "header": cells,
        }
        rows = []
        for row in lines[index + 1 :]:
            if not row.text:
                continue
            if "\t" not in row.text:
                break
            if [cell.strip() for cell in row.text.split("\t")] != cells:
                rows.append(row.number)
        if len(rows) >= 2:
            return columns, rows
    return None


def _column(cells: list[str], pattern: re.Pattern, skip: int | None = None) -> int | None:
    return next((i for i, cell in enumerate(cells) if i != skip and pattern.match(cell)), None)
