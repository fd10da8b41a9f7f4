"""The front matter every board paper has: purpose, summary, recommendation, contact
officer, and the closing implications, each under its usual heading."""

import re

from .common import Line, find_date, plain
from .people import PeopleSeen

SECTION_HEADINGS = {
    "purpose of report",
    "summary",
    "recommendation",
    "recommendations",
    "action",
    "actions",
    "contact details",
    "background",
    "issues",
    "implications for wales",
    "financial implications",
    "equalities implications",
    "equality implications",
    "next steps",
    "summary of key issues and work",
}
PURPOSES = {"decision", "direction", "information", "discussion"}
PARAGRAPH_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s*(?=\S)")
LABELLED = re.compile(r"^([A-Z][\w /]{1,40}?)\s*:\s*(.*)$")


def heading_key(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip(" :").lower()


def sections(lines: list[Line], stop_at: set[str] = frozenset()) -> dict[str, list[Line]]:
    """The lines under each usual heading (first time it appears), up to the next heading."""
    found: dict[str, list[Line]] = {}
    current = None
    for line in lines:
        key = heading_key(line.text)
        if key in SECTION_HEADINGS or key in stop_at:
            current = None if key in found else found.setdefault(key, [])
            continue
        if current is not None and line.text:
            current.append(line)
    return found


def text_of(lines: list[Line]) -> str:
    """Paragraphs without their paragraph numbers ("61. We will …" → "We will …")."""
    return "\n\n".join(PARAGRAPH_NUMBER.sub("", plain(line.text)) for line in lines if line.text)


def labelled(lines: list[Line], name: str) -> tuple[Line, str] | None:
    for line in lines:
        match = LABELLED.match(line.text)
        if match and match.group(1).strip().lower() == name.lower() and match.group(2).strip():
            return line, plain(match.group(2))
    return None


def paper_date(lines: list[Line]):
    found = labelled(lines[:40], "Date")
    return find_date(found[1]) if found else None


def purpose_of(text: str) -> str:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in PURPOSES:
            return word
    return ""


def front_matter(lines: list[Line], people: PeopleSeen, board) -> dict:
    """What the top of the paper says, in the Paper and EndOfYearReport field names."""
    found = sections(lines)
    values = {
        "purpose": purpose_of(text_of(found.get("purpose of report", []))),
        "summary": text_of(found.get("summary", [])),
        "recommendation": text_of(found.get("recommendation", found.get("recommendations", []))),
        "wales_implications": text_of(found.get("implications for wales", [])),
        "financial_implications": text_of(found.get("financial implications", [])),
        "equalities_implications": text_of(
            found.get("equalities implications", found.get("equality implications", []))
        ),
        "next_steps": text_of(found.get("next steps", [])),
        "contact_officer": "",
    }
    # The summary is one paragraph, often broken across lines by the page width; the
    # organisation's plan theme is printed under it but is a field of its own.
    for key in ("summary", "recommendation"):
        values[key] = re.sub(r"\s*LGA Plan Theme:.*$", "", values[key], flags=re.S)
    values["summary"] = values["summary"].replace("\n\n", " ")
    officer = labelled(lines, "Contact officer")
    if officer:
        position = labelled(lines, "Position")
        values["contact_officer"] = people.add(
            officer[1],
            kind="officer",
            job_title=position[1] if position else "",
            organisation=board.parent_organisation,
        )
    theme = labelled(lines, "LGA Plan Theme")
    values["plan_theme"] = theme[1] if theme else ""
    return values
