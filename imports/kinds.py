"""Which kind of document a file is, from how it starts, and the parser for each kind."""

import itertools
import re

from . import conventions as c
from . import notes, report, update, workplan
from .common import DocumentError, Line

PARSERS = {
    "notes": notes.parse,
    "workplan": workplan.parse,
    "report": report.parse,
    "update": update.parse,
}


def recognise(lines: list[Line]) -> str:
    """The kind, from what the first page says about the document. Checked in this order
    because an end-of-year report talks of next year's work plan, and notes of update papers."""
    texts = [line.text for line in lines if line.text]
    head = "\n".join(texts[:40])
    if re.search(r"^Meeting:\s*\d{1,2}/\d{1,2}/\d{4}\s*-.*\(Item", head, re.M | re.I):
        return "notes"
    # "Minutes", "Draft minutes", "Board meeting minutes", "Action notes, 3 March".
    minutes_heading = r"^(?:[A-Za-z’'&-]+ ){0,4}(?:notes|minutes)\b"
    if re.search(r"^(?:notes?|minutes) of (?:the )?(?:last )?", head, re.M | re.I):
        return "notes"
    if re.search(r"end[- ]of[- ]year report", head, re.I):
        return "report"
    if any(re.fullmatch(r"update paper", text, re.I) for text in texts[:5]):
        return "update"
    # Minutes titled otherwise ("Cabinet - Tuesday, 9th October 2012", "Parish Council
    # Meeting") still say who was present, or "Minutes", or record what was resolved.
    said_minutes = re.search(minutes_heading, head, re.M | re.I)
    attendance = any(c.ATTENDANCE_LABEL.match(text) for text in texts[:80])
    resolved = any(c.decision_text(text) is not None for text in texts[:400])
    if said_minutes or (attendance and resolved) or (attendance and _numbered(texts)):
        return "notes"
    if re.search(r"work (?:programme|plan|projects)", head, re.I) or any(
        workplan._columns(text) for text in texts
    ):
        return "workplan"
    if resolved and _numbered(texts):
        return "notes"
    raise DocumentError(
        None,
        "the importer could not tell what kind of document this is: choose notes, work plan, "
        "end-of-year report or update paper",
    )


def _numbered(texts: list[str]) -> bool:
    """Two or more lines that read as numbered items, one after the other."""
    numbers = [found[0] for text in texts[:400] if (found := c.item_number(text))]
    return any(c.follows(a, b, False) for a, b in itertools.pairwise(numbers))
