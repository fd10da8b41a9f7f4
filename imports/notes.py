"""Notes of a meeting: the board, date and venue; attendance and declarations; the numbered
items ("3", "8.a)") with what was presented, the points members made, the decisions and the
actions; the agreement of the previous meeting's notes. Also a modern.gov agenda-item page
(mgAi.aspx), which is one item of a meeting: "Meeting: 09/11/2021 - Board name (Item 4.)".
"""

import re

from . import attendance
from .common import (
    DocumentError,
    Line,
    Parsed,
    board_year_label,
    check_time,
    find_date,
    find_time,
    is_bullet,
    plain,
    same_board,
    unbullet,
    year_entry,
)
from .people import PeopleSeen
from .presenters import presenters_in

LABEL = re.compile(r"^(Title|Date and time|Date|Time|Location|Venue|Meeting)\s*:\s*(.*)$", re.I)
ITEM = re.compile(r"^(?P<number>\d{1,2}(?:\.[a-z0-9]{1,2})?)\)?(?:\s+|\.?$)(?P<title>.*)$")
MGAI = re.compile(r"^Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item\s+([\w.]+?)\.?\)$")
BLOCK = re.compile(r"^(Decisions?|Actions?|Minutes)\s*(?::\s*(.*))?$")
# "Members made the following comments:" starts the points members made; "Mark Norris
# highlighted the following key points:" starts what was presented, so is not matched.
COMMENTS = re.compile(
    r"\bcomments?\b.*:$|^members made the following|following (?:comments|points) were made", re.I
)
NOTES_AGREED = re.compile(
    r"agreed the (?:notes|minutes)|(?:notes|minutes) of the (?:previous|last) meeting were agreed",
    re.I,
)
APPENDIX = re.compile(r"^Appendix\s+A\b|^Position/Role$", re.I)
NEXT_MEETING = re.compile(r"^Date of (?:the )?next meeting\s*:?\s*(.*)$", re.I)
CONFIDENTIAL = re.compile(r"^Confidential\s*[:\-–]\s*", re.I)
END_OF_MINUTES = re.compile(r"^(Supporting documents|Documents|Attachments)\s*:?$", re.I)


def parse(lines: list[Line], board, **_options) -> Parsed:
    people = PeopleSeen()
    warnings: list[str] = []
    mgai = next((line for line in lines[:60] if MGAI.match(line.text)), None)
    if mgai:
        meeting, items, end = _mgai_header(lines, mgai, board)
    else:
        meeting, items, end = _header(lines, board)
    body = [line for line in lines if line.number > end]
    appendix_start = next((line.number for line in body if APPENDIX.match(line.text)), None)
    if appendix_start:
        body, tail = (
            [x for x in body if x.number < appendix_start],
            [x for x in body if x.number >= appendix_start],
        )
    else:
        tail = []
    items = _items(body, items, meeting)
    if not items:
        raise DocumentError(
            None, "no numbered items were found (looked for lines such as “3 Title”)"
        )
    data = {"meeting": meeting, "item": []}
    rows_from_text, declarations = [], []
    for item in items:
        data["item"].append(_item_record(item, people, warnings))
        intro = item["paragraphs"]
        if item is items[0] or re.search(r"apolog|declaration", item["title"], re.I):
            rows_from_text += attendance.from_sentences(intro, people)
            for paragraph in intro:
                if re.search(r"declarations? of interest", paragraph, re.I):
                    declarations += attendance.declarations(paragraph, people)
    table = attendance.appendix(tail, people)
    extra = [
        {"person": name, "status": "in_attendance", "override": False}
        for record in data["item"]
        for name in record["presenters"]
    ] + [{"person": d["person"], "status": "present", "override": False} for d in declarations]
    data["attendance"] = attendance.merge(rows_from_text, table, extra)
    data["declaration"] = declarations
    label = board_year_label(meeting["date"])
    members = [row for row in table if row["role"]]
    if members:
        data["year"] = [year_entry(label)]
        data["membership"] = [
            {"person": row["person"], "year": label, "role": row["role"]} for row in members
        ]
    data["person"] = people.as_list()
    authorities = sorted({p["authority"] for p in data["person"] if p["authority"]})
    data["authority"] = [{"name": name} for name in authorities]
    return Parsed(data, warnings)


def _labelled(lines: list[Line], stop: int) -> dict[str, tuple[Line, str]]:
    found: dict[str, tuple[Line, str]] = {}
    for index, line in enumerate(lines[:stop]):
        match = LABEL.match(line.text)
        if not match:
            continue
        value, at = match.group(2).strip(), line
        if not value:
            at = next((x for x in lines[index + 1 : stop] if x.text), None)
            if at is None or LABEL.match(at.text):
                continue
            value = at.text
        # Errors point at the line with the value, which is what a clerk would correct.
        found.setdefault(match.group(1).lower(), (at, value))
    return found


def _header(lines: list[Line], board) -> tuple[dict, list, int]:
    # Notes start at item 1; an earlier "20 January 2022" is the date they were published.
    first_item = next(
        (
            i
            for i, line in enumerate(lines)
            if (_item_start(line, lines[i + 1 : i + 4]) or ("",))[0] == "1"
        ),
        len(lines),
    )
    labels = _labelled(lines, first_item)
    title = labels.get("title") or labels.get("meeting")
    if title is None:
        heading = next(
            (x for x in lines[:first_item] if re.match(r"^notes? of", x.text, re.I)), None
        )
        if heading:
            title = (
                heading,
                re.sub(r"^notes? of (?:the )?(?:last )?", "", heading.text, flags=re.I),
            )
    if title and not same_board(title[1], board):
        raise DocumentError(
            title[0].number, f"these are the notes of “{title[1]}”, not of the {board.name}"
        )
    dated = labels.get("date and time") or labels.get("date")
    day = find_date(dated[1]) if dated else None
    if day is None:
        raise DocumentError(
            dated[0].number if dated else None,
            "the notes do not give the meeting's date (looked for a “Date:” line before item 1)",
        )
    meeting = {"date": day, "kind": "board", "venue": "", "notes_status": "draft"}
    if title and re.search(r"lead members", title[1], re.I):
        meeting["kind"] = "lead_members"
    place = labels.get("location") or labels.get("venue")
    if place:
        meeting["venue"] = plain(place[1])[:300]
    start = find_time(dated[1].split(str(day.year), 1)[-1]) or (
        find_time(labels["time"][1]) if "time" in labels else None
    )
    if start:
        meeting["start_time"] = start
    end = lines[first_item - 1].number if first_item else 0
    return meeting, [], end


def _mgai_header(lines: list[Line], line: Line, board) -> tuple[dict, list, int]:
    day_text, board_name, number = MGAI.match(line.text).groups()
    if not same_board(board_name, board):
        raise DocumentError(line.number, f"this item is of “{board_name}”, not of the {board.name}")
    before = [x for x in lines if x.number < line.number and x.text]
    title = next((x for x in reversed(before) if x.text.lower() != "agenda item"), None)
    if title is None:
        raise DocumentError(line.number, f"item {number} has no title above the “Meeting:” line")
    meeting = {"date": find_date(day_text), "kind": "board", "venue": "", "notes_status": "draft"}
    minutes = next((x for x in lines if x.number > line.number and BLOCK.match(x.text)), line)
    item = _new_item(number, title.text, title)
    return meeting, [item], minutes.number


def _item_start(line: Line, following: list[Line]) -> tuple[str, str] | None:
    match = ITEM.match(line.text)
    if not match or re.match(r"^\d+\.\s", line.text):
        return None
    title = match.group("title").strip()
    if not title:
        title = next((x.text for x in following if x.text), "")
        if BLOCK.match(title) or ITEM.match(title):
            return match.group("number"), ""
    if title and not re.match(r"^[A-Z]", title):
        return None
    return match.group("number"), title


def _new_item(number: str, title: str, line: Line) -> dict:
    return {
        "number": number.lower(),
        "title": title,
        "line": line.number,
        "paragraphs": [],
        "comments": [],
        "decisions": [],
        "actions": [],
        "agreed": [],
    }


def _main_number(number: str) -> int:
    return int(number.split(".")[0])


def _items(body: list[Line], items: list, meeting: dict) -> list[dict]:
    current = items[-1] if items else None
    state, title_pending = "intro", None
    seen = {i["number"]: i["line"] for i in items}
    for index, line in enumerate(body):
        if index % 200 == 0:
            check_time()
        text = line.text
        if not text:
            continue
        if title_pending is not None:
            title_pending["title"] = text
            title_pending = None
            continue
        following = body[index + 1 : index + 6]
        start = _item_start(line, following)
        if start and (
            (current is None and start[0] == "1")
            or (current is not None and _follows(current["number"], start[0]))
        ):
            number, title = start
            if number in seen:
                raise DocumentError(
                    line.number, f"item {number} appears twice (first at line {seen[number]})"
                )
            if not title:
                block = next((x for x in following if x.text), None)
                kind = BLOCK.match(block.text) if block else None
                if kind:
                    has = (
                        "a decision"
                        if kind.group(1).lower().startswith("decision")
                        else "an action"
                    )
                    raise DocumentError(line.number, f"item {number} has {has} but no title")
                raise DocumentError(line.number, f"item {number} has no title")
            seen[number] = line.number
            current = _new_item(number, "", line)
            items.append(current)
            state = "intro"
            if ITEM.match(text).group("title").strip():
                current["title"] = title
            else:
                title_pending = current  # printed on the next line, as modern.gov exports do
            continue
        next_meeting = NEXT_MEETING.match(text)
        if next_meeting:
            day = find_date(next_meeting.group(1))
            if day and day > meeting["date"]:
                meeting["next_meeting_on"] = day
            continue
        if END_OF_MINUTES.match(text):
            break
        block = BLOCK.match(text)
        if block:
            word = block.group(1).lower()
            if word == "minutes":
                continue
            if current is None:
                raise DocumentError(
                    line.number, f"{block.group(1)} comes before the first numbered item"
                )
            state = "decisions" if word.startswith("decision") else "actions"
            if block.group(2):
                current[state].append(unbullet(block.group(2)))
            continue
        if current is None:
            continue
        if state in ("decisions", "actions"):
            current[state].append(unbullet(text))
        elif is_bullet(text):
            target = "comments" if state == "comments" else "paragraphs"
            current[target].append(
                unbullet(text) if target == "comments" else f"- {unbullet(text)}"
            )
        elif COMMENTS.search(text):
            state = "comments"
        elif NOTES_AGREED.search(text):
            current["agreed"].append(text)
            _notes_agreed(text, meeting)
        else:
            state = "intro"
            current["paragraphs"].append(text)
    for item in items:
        if not item["title"]:
            raise DocumentError(item["line"], f"item {item['number']} has no title")
    return items


def _follows(previous: str, number: str) -> bool:
    """Item numbers only go up: "4" cannot follow "6", so a "4 …" line in the text of item 6
    is not an item. "8.a" follows "8"."""
    if "." in number:
        return _main_number(number) == _main_number(previous)
    return _main_number(number) > _main_number(previous)


def _notes_agreed(text: str, meeting: dict) -> None:
    day = find_date(text)
    amendment = re.search(r"\b(?:requested|asked for|subject to)\b\s+(.+)$", text)
    meeting["agrees_notes_of"] = {
        "date": day if day and day < meeting["date"] else None,
        "amendment": amendment.group(1).strip() if amendment else "",
    }


def _item_record(item: dict, people: PeopleSeen, warnings: list[str]) -> dict:
    title = plain(item["title"])
    confidential = bool(CONFIDENTIAL.match(title))
    if confidential:
        title = CONFIDENTIAL.sub("", title).strip()
    if len(title) > 300:
        raise DocumentError(item["line"], f"item {item['number']}'s title is over 300 characters")
    narrative = [plain(p) if not p.startswith("- ") else p for p in item["paragraphs"]]
    decisions = [plain(d) for d in item["agreed"] + item["decisions"] if plain(d)]
    actions = [_action(plain(a)) for a in item["actions"] if plain(a)]
    return {
        "number": item["number"],
        "title": title,
        "line": item["line"],
        "presenters": presenters_in(narrative, people),
        "confidential": confidential,
        "confidential_reason": "Marked “Confidential” in the notes" if confidential else "",
        "title_confidential": False,
        "introduction": "\n\n".join(_join_bullets(narrative)),
        "discussion_points": [plain(c) for c in item["comments"] if plain(c)],
        "decisions": decisions,
        "actions": actions,
    }


def _join_bullets(paragraphs: list[str]) -> list[str]:
    """Keep a list's bullets together under the sentence that introduces them."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith("- ") and joined:
            joined[-1] += "\n" + paragraph
        else:
            joined.append(paragraph)
    return joined


TEAMS = r"Officers?|The Chair|Chair|Lead [Mm]embers|Members|The LGA|LGA|The Board|Board"


def _action(text: str) -> dict:
    owner = re.match(rf"^({TEAMS})\s+to\b", text)
    return {"text": text, "owner": owner.group(1) if owner else "Officers"}
