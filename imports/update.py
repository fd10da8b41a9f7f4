"""Update papers: the issues of interest to the board not covered by the other items, each
under a heading of its own. The paper becomes an item of its meeting, with the paper's front
matter, and each headed section a sub-item for information ("4.a", "4.b" under item 4), so a
section can be linked to the activity it reports on.
"""

import re
import string

from meetings.models import AgendaItem

from .common import (
    DocumentError,
    Line,
    Parsed,
    board_year_label,
    plain,
    same_board,
    words_key,
    year_entry,
)
from .papers import (
    PARAGRAPH_NUMBER,
    SECTION_HEADINGS,
    front_matter,
    heading_key,
    labelled,
    paper_date,
)
from .people import PeopleSeen

FRONT_MATTER_END = re.compile(r"^(Email|E-mail|Phone no|Position|Contact officer)\s*:", re.I)


def parse(lines: list[Line], board, meeting_date=None, item_number: str = "", **_options) -> Parsed:
    people = PeopleSeen()
    warnings: list[str] = []
    title_line = next((x for x in lines if x.text), None)
    title = plain(title_line.text) if title_line else "Update paper"
    meeting = labelled(lines[:40], "Meeting")
    if meeting and not same_board(meeting[1], board):
        raise DocumentError(
            meeting[0].number, f"this paper went to “{meeting[1]}”, not the {board.name}"
        )
    day = paper_date(lines) or meeting_date
    if day is None:
        raise DocumentError(
            None,
            "the paper does not say the date of its meeting (a “Date:” line): give the meeting date",
        )
    paper = front_matter(lines, people, board)
    paper["title"] = title
    paper["purpose"] = paper["purpose"] or "information"
    action = _front_section(lines, "action")
    if action:
        paper["next_steps"] = paper["next_steps"] or " ".join(plain(x.text) for x in action)
    del paper["plan_theme"]
    sections = _sections(lines, title)
    if not sections:
        raise DocumentError(None, "no headed sections were found after the front matter")
    if len(sections) > len(string.ascii_lowercase):
        raise DocumentError(sections[26]["line"], "an update paper of more than 26 sections")
    number = item_number or _item_number(board, day, title, warnings)
    items = [{"number": number, "title": title, "line": title_line.number, "paper": paper}]
    for letter, section in zip(string.ascii_lowercase, sections, strict=False):
        items.append(
            {
                "number": f"{number}.{letter}",
                "title": section["title"],
                "line": section["line"],
                "paper": {
                    "title": section["title"],
                    "purpose": "information",
                    "body": "\n\n".join(section["paragraphs"]),
                },
            }
        )
    return Parsed(
        {
            "year": [year_entry(board_year_label(day))],
            "meeting": {"date": day, "kind": "board", "notes_status": "draft"},
            "item": items,
            "person": people.as_list(),
        },
        warnings,
    )


def _front_section(lines: list[Line], name: str) -> list[Line]:
    out, inside = [], False
    for line in lines:
        key = heading_key(line.text)
        if key in SECTION_HEADINGS:
            inside = key == name
        elif inside and line.text:
            out.append(line)
    return out


def _body_start(lines: list[Line], title: str) -> int:
    """The body starts where the title is printed again, else after the contact details."""
    repeats = [i for i, x in enumerate(lines) if x.text and words_key(x.text) == words_key(title)]
    if len(repeats) > 1:
        return repeats[1] + 1
    ends = [i for i, x in enumerate(lines) if FRONT_MATTER_END.match(x.text)]
    return ends[-1] + 1 if ends else 0


ENDINGS = (".", ":", ";", ")", "”", '"', "?")


def _sections(lines: list[Line], title: str) -> list[dict]:
    """Headings are the unnumbered lines just before a numbered paragraph ("1. The LGA …");
    other unnumbered lines carry on the paragraph above, as a PDF's wrapped lines do, up to
    the last one that ends a sentence. A heading wrapped over two lines is one heading."""
    body = [x for x in lines[_body_start(lines, title) :] if x.text]
    found: list[dict] = []
    pending: list[Line] = []
    for line in [*body, None]:
        if line is not None and not PARAGRAPH_NUMBER.match(line.text):
            pending.append(line)
            continue
        cut = max(
            (i + 1 for i, x in enumerate(pending) if plain(x.text).endswith(ENDINGS)), default=0
        )
        carried, heading = pending[:cut], pending[cut:]
        pending = []
        if found:
            _carry_on(found[-1]["paragraphs"], carried)
        text = " ".join(plain(x.text) for x in heading)
        ended = (
            not found
            or not found[-1]["paragraphs"]
            or found[-1]["paragraphs"][-1].endswith(ENDINGS)
        )
        if (
            heading
            and line is not None
            and ended
            and text[:1].isupper()
            and len(text.split()) <= 20
        ):
            found.append({"title": text, "line": heading[0].number, "paragraphs": []})
        elif found:
            _carry_on(found[-1]["paragraphs"], heading)
        if found and line is not None:
            found[-1]["paragraphs"].append(plain(line.text))
    return found


def _carry_on(paragraphs: list[str], lines: list[Line]) -> None:
    if not lines:
        return
    text = " ".join(plain(x.text) for x in lines)
    if paragraphs:
        paragraphs[-1] += " " + text
    else:
        paragraphs.append(text)


def _item_number(board, day, title: str, warnings: list[str]) -> str:
    """The paper does not print its agenda number: use the meeting's item of the same title,
    else the next number free, and say so."""
    items = AgendaItem.objects.filter(meeting__board=board, meeting__date=day).values_list(
        "number", "title"
    )
    for number, existing in items:
        if words_key(existing) == words_key(title):
            return number
    mains = [int(n.split(".")[0]) for n, _ in items if n.split(".")[0].isdigit()]
    number = str(max(mains, default=0) + 1)
    warnings.append(
        f"The paper does not give its agenda item number: it is recorded as item {number}. "
        "Give the number when importing if the agenda numbered it differently."
    )
    return number
