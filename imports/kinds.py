"""Which kind of document a file is, from how it starts, and the parser for each kind."""

import re

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
    if re.search(r"^(?:notes?|minutes) of (?:the )?(?:last )?", head, re.M | re.I):
        return "notes"
    if re.search(r"end[- ]of[- ]year report", head, re.I):
        return "report"
    if any(re.fullmatch(r"update paper", text, re.I) for text in texts[:5]):
        return "update"
    if re.search(r"work (?:programme|plan|projects)", head, re.I) or any(
        workplan._columns(text) for text in texts
    ):
        return "workplan"
    raise DocumentError(
        None,
        "the importer could not tell what kind of document this is: choose notes, work plan, "
        "end-of-year report or update paper",
    )
