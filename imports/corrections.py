"""Putting right the structure of a draft of notes from the review page: splitting an item in
two at a paragraph, merging an item into the one before it, and marking a paragraph as a
decision, an action or attendance. Each change is one correction, counted on the document.

The page names what it changes by the item's number, the paragraph's place in the item and
a short fingerprint of the paragraph's words, so a page shown before another change (a
second tab, the back button) changes nothing rather than the wrong paragraph."""

import copy
import hashlib
import re

from django.db import transaction

from .attendance import from_sentences, listed, listed_line, merge
from .common import Line, Parsed, plain, words_key
from .models import ImportedDocument
from .people import PeopleSeen, match_people
from .recognisers import action_in, sentences
from .services import ImportFailed, trial

STALE = (
    "The draft has changed since the page was shown, so nothing was changed. Check the page again."
)
# A paragraph this short, on one line and not ending a sentence, is a heading the importer
# read as text: splitting there makes it the new item's title.
HEADING_LENGTH = 120
MARKS = {"decision", "action", "attendance"}


def paragraphs(item: dict) -> list[str]:
    return [p for p in item.get("introduction", "").split("\n\n") if p.strip()]


def paragraph_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def split_item(document: ImportedDocument, number: str, index: int, key: str) -> str:
    """The item split before its paragraph `index`; returns the new item's number."""

    def change(data: dict, source: list[str]) -> str:
        at, parts = _paragraph(data, number, index, key)
        if index == 0:
            raise ImportFailed("An item cannot be split at its first paragraph: merge it instead.")
        items = data["item"]
        item = items[at]
        first = parts[index]
        line = _line_of(first, source, item["line"])
        if len(first) <= HEADING_LENGTH and "\n" not in first and not first.endswith("."):
            title, body = plain(first), parts[index + 1 :]
        else:
            title, body = sentences(plain(first))[0][:300], parts[index:]
        new = {
            **_empty_item(item),
            "number": _new_number(item["number"], {i["number"] for i in items}),
            "title": title,
            "line": line,
            "introduction": "\n\n".join(body),
        }
        item["introduction"] = "\n\n".join(parts[:index])
        # Decisions and actions read from lines after the split go with the new item.
        kept, moved = _by_line(item, line)
        item.update(kept)
        new.update(moved)
        items.insert(at + 1, new)
        return new["number"]

    return _correct(document, change)


def merge_item(document: ImportedDocument, number: str) -> str:
    """The item joined to the end of the one before it; returns that item's number."""

    def change(data: dict, source: list[str]) -> str:
        items = data["item"]
        at = next((i for i, item in enumerate(items) if item["number"] == number), None)
        if at is None:
            raise ImportFailed(STALE)
        if at == 0:
            raise ImportFailed("The first item has no item before it to merge into.")
        before, item = items[at - 1], items.pop(at)
        text = [p for p in (before.get("introduction", ""), item["title"]) if p]
        text += paragraphs(item)
        before["introduction"] = "\n\n".join(text)
        for name, filler in (("decision_lines", None), ("decision_doubts", "")):
            before[name] = _padded(before, name, filler) + _padded(item, name, filler)
        for name in ("discussion_points", "decisions", "actions"):
            before[name] = before.get(name, []) + item.get(name, [])
        before["presenters"] = list(dict.fromkeys(before["presenters"] + item["presenters"]))
        if item.get("confidential") and not before.get("confidential"):
            before["confidential"] = True
            before["confidential_reason"] = item.get("confidential_reason", "")
        return before["number"]

    return _correct(document, change)


def mark_paragraph(document: ImportedDocument, number: str, index: int, key: str, kind: str) -> str:
    """The paragraph taken out of the item's text and kept as a decision, an action or
    attendance; returns what it became, in words."""
    if kind not in MARKS:
        raise ImportFailed("Choose whether the paragraph is a decision, an action or attendance.")

    def change(data: dict, source: list[str]) -> str:
        at, parts = _paragraph(data, number, index, key)
        item = data["item"][at]
        text = plain(parts[index])
        line = _line_of(parts[index], source, item["line"])
        if kind == "decision":
            item["decision_lines"] = [*_padded(item, "decision_lines", None), line]
            item["decision_doubts"] = [*_padded(item, "decision_doubts", ""), ""]
            item["decisions"] = item["decisions"] + [text]
            done = "a decision"
        elif kind == "action":
            item["actions"] = item["actions"] + [_action(text, line, data)]
            done = "an action"
        else:
            _attendance(data, parts[index], line, document.board)
            done = "attendance"
        item["introduction"] = "\n\n".join(parts[:index] + parts[index + 1 :])
        return done

    return _correct(document, change)


def _correct(document: ImportedDocument, change) -> str:
    """Make one change to the draft, in a transaction, once a trial shows it would save."""
    with transaction.atomic():
        locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != ImportedDocument.Status.DRAFT or "meeting" not in locked.parsed:
            raise ImportFailed("Only a draft of notes can be corrected.")
        data = copy.deepcopy(locked.parsed)
        result = change(data, locked.source_lines)
        locked.would_create = trial(locked.board, data)
        locked.parsed = data
        locked.corrections += 1
        locked.save(update_fields=["parsed", "would_create", "corrections", "modified"])
    document.refresh_from_db()
    return result


def _paragraph(data: dict, number: str, index: int, key: str) -> tuple[int, list[str]]:
    """Where the page's paragraph is, or STALE when the draft no longer has it there."""
    for at, item in enumerate(data["item"]):
        if item["number"] == number:
            parts = paragraphs(item)
            if 0 <= index < len(parts) and paragraph_key(parts[index]) == key:
                return at, parts
            break
    raise ImportFailed(STALE)


def _line_of(paragraph: str, source: list[str], after: int) -> int:
    """The line of the file a paragraph starts on: the first line from its item's heading on
    that holds its opening words."""
    opening = words_key(plain(paragraph))[:40]
    for number, text in enumerate(source, start=1):
        if number >= after and opening and opening in words_key(plain(text)):
            return number
    return after


def _by_line(item: dict, line: int) -> tuple[dict, dict]:
    """An item's decisions and actions, as those read before `line` and those from it on."""
    lines = _padded(item, "decision_lines", None)
    doubts = _padded(item, "decision_doubts", "")
    decided = list(zip(item["decisions"], lines, doubts, strict=True))
    later = [d for d in decided if d[1] and d[1] >= line]
    earlier = [d for d in decided if d not in later]
    actions = item["actions"]
    after = [a for a in actions if a.get("line") and a["line"] >= line]

    def decisions(rows: list[tuple]) -> dict:
        return {
            "decisions": [r[0] for r in rows],
            "decision_lines": [r[1] for r in rows],
            "decision_doubts": [r[2] for r in rows],
        }

    return (
        {**decisions(earlier), "actions": [a for a in actions if a not in after]},
        {**decisions(later), "actions": after},
    )


def _padded(item: dict, name: str, filler) -> list:
    """A list kept beside the item's decisions, as long as they are (older drafts kept none)."""
    values = list(item.get(name) or [])
    count = len(item.get("decisions", []))
    return (values + [filler] * count)[:count]


def _empty_item(like: dict) -> dict:
    return {
        "presenters": [],
        "confidential": like.get("confidential", False),
        "confidential_reason": like.get("confidential_reason", ""),
        "title_confidential": False,
        "discussion_points": [],
        "decisions": [],
        "decision_lines": [],
        "decision_doubts": [],
        "doubt": "",
        "actions": [],
    }


def _new_number(number: str, taken: set[str]) -> str:
    """The split-off item's number: the item's own with the next free letter ("4" gives "4a",
    "4a" gives "4b")."""
    stem = re.sub(r"[a-z]$", "", number) if re.search(r"\d[a-z]$", number) else number
    for letter in "abcdefghijklmnopqrstuvwxyz":
        candidate = f"{stem}{letter}"[:10]
        if candidate not in taken:
            return candidate
    raise ImportFailed(f"Item {number} cannot be split again: correct its numbers first.")


def _action(text: str, line: int, data: dict) -> dict:
    """The paragraph as an action, its owner read from the sentence ("The clerk will…",
    "Jo Bloggs to…"): a person at the meeting when the name is theirs, else as written;
    failing that the one person at the meeting the paragraph names, else officers."""
    found = action_in(text)
    written = found.owner if found else ""
    attending = [row["person"] for row in data.get("attendance", [])]
    if written:
        same = [n for n in attending if n.split()[-1] == written.split()[-1]]
    else:
        # No one is the sentence's subject: the one person at the meeting it names acts.
        same = [n for n in attending if re.search(rf"\b{re.escape(n)}\b", text)]
    owner = same[0] if len(same) == 1 else (written or "Officers")
    return {"text": text, "owner": owner[:100], "line": line}


def _attendance(data: dict, paragraph: str, line: int, board) -> None:
    """The people the paragraph names, with how they attended: a labelled list ("Apologies:
    …"), a sentence ("Apologies were received from …"), or else names, read as present."""
    people = PeopleSeen()
    people.entries = {words_key(p["name"]): p for p in data.get("person", [])}
    text = plain(paragraph)
    rows = (
        listed([Line(line, text)], people)
        or from_sentences([text], people)
        or listed_line(text, "present", people)
    )
    if not rows:
        raise ImportFailed("No names were found in the paragraph: correct attendance instead.")
    rows = [{**row, "line": line} for row in rows]
    data["attendance"] = merge(data.get("attendance", []), rows)
    data["person"] = people.as_list()
    match_people(Parsed(data, []), board)
