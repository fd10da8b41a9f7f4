"""Notes or minutes of a meeting: the board, date and venue; attendance and declarations;
the numbered items (in any of the numbering schemes in conventions.py) with what was
presented, the points members made, the decisions and the actions; exempt business; the
agreement of the previous meeting's notes and the next meeting's date. Also a modern.gov
agenda-item page (mgAi.aspx), which is one item of a meeting: "Meeting: 09/11/2021 - Board
name (Item 4.)".

What is certain is imported; what is not (a board name that does not match, a year taken
from the file's name, an action owner nobody matches) becomes a warning on the review page.
"""

import itertools
import re
from pathlib import PurePath

from . import attendance, recognisers, structure
from . import conventions as c
from .common import (
    YEAR,
    DocumentError,
    Line,
    Parsed,
    board_year_label,
    check_time,
    find_date,
    find_dates,
    find_time,
    is_bullet,
    plain,
    same_board,
    unbullet,
    year_entry,
)
from .people import PeopleSeen
from .presenters import presenters_in

LABEL = re.compile(
    r"^(Title|Date and time|Date|Time|Location|Venue|Place|Meeting|Committee)\s*:\s*(.*)$", re.I
)
# "Minutes of the meeting of the Parish Council held on …", "Notes of the last Board",
# "Draft minutes of Cabinet": the body's name is what follows, up to "held", "on" or a date.
MINUTES_OF = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved|signed)\s+)?(?:notes?|minutes)\s+of\s+"
    r"(?:the\s+)?(?:last\s+|(?:an?\s+)?(?:extraordinary\s+|annual\s+|ordinary\s+)?"
    r"(?:general\s+)?(?:meeting|proceedings)\s+of\s+(?:the\s+)?)?(?P<body>.+)$",
    re.I,
)
HELD = re.compile(r"\s+(?:meeting\s+)?(?:held|which\s+took\s+place)\b.*$|\s+on\s+\S.*$", re.I)
# Where a heading says the meeting was: "held at the Village Hall on …", "held via Zoom",
# else "… at 7.00pm in the Church Rooms" (a capitalised place after "in the" or "at the").
VENUES = [
    re.compile(r"\bheld\s+(?:at|in|via)\s+(?:the\s+)?(?P<venue>[^,]+?)(?:\s+on\b|,|$)"),
    re.compile(r"\b(?:in|at|IN|AT)\s+(?:the|THE)\s+(?P<venue>[A-Z][\w'’ ]+?)\s*(?:,|\.|$)"),
]
MGAI = re.compile(r"^Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item\s+([\w.]+?)\.?\)$")
BLOCK = re.compile(r"^(Decisions?|Actions?|Minutes)\s*(?::\s*(.*))?$")
# "Members made the following comments:" starts the points members made; "Mark Norris
# highlighted the following key points:" starts what was presented, so is not matched.
COMMENTS = re.compile(
    r"\bcomments?\b.*:$|^members made the following|following (?:comments|points) were made", re.I
)
NOTES_AGREED = re.compile(
    r"agreed the (?:notes|minutes)|(?:notes|minutes) of the (?:previous |last )?meeting"
    r"(?: held on [^,.]+)? (?:were|be) (?:agreed|approved|confirmed|signed)"
    r"|(?:RESOLVED|AGREED)\b.*\bminutes of the (?:previous |last )?meeting",
    re.I,
)
AGREED_PREFIX = re.compile(r"^(?:And\s+)?(?:RESOLVED|Resolved|AGREED|Agreed)\s*[:\-–—.]?\s*(?=\S)")
APPENDIX = re.compile(r"^Appendix\s+A\b|^Position/Role$", re.I)
NEXT_MEETING = re.compile(
    r"^(?:Date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+meeting|Next\s+meeting)\s*[:\-–]?\s*(.*)$"
    r"|^The\s+next\s+meeting\s+(?:will\s+be|is|was\s+(?:set|agreed)\s+(?:as|for))\b(.*)$",
    re.I,
)
CONFIDENTIAL = re.compile(
    r"^Confidential\s*[:\-–]\s*|\s*[(\[](?:exempt|confidential|private)[)\]]", re.I
)
END_OF_MINUTES = re.compile(
    r"^(?:Supporting documents|Documents|Attachments)\s*:?$|^(?:The meeting|Meeting) closed\b"
    r"|^(?:Signed|Chair(?:man)?)\b.*[_.…]{3,}|^The (?:meeting|Chair) (?:ended|closed)",
    re.I,
)
# An action table's columns, however a body names them.
ACTION_TABLE = re.compile(
    r"\bactions?\b|^(?:task|tasks|what|to do|action point|description)$", re.I
)
OWNER_COLUMN = re.compile(
    r"^(?:owners?|who|by whom|responsible|(?:person|officer|people)\s+responsible|responsibility|"
    r"lead(?: officer| member)?|action by|actioned by|assigned to|assignee|initials|person|name|by)$",
    re.I,
)
DUE_COLUMN = re.compile(
    r"^(?:due(?: date| by)?|date due|deadline|by when|when|date|target(?: date)?|timescales?|"
    r"completion date|by date)$",
    re.I,
)
# A table of actions already set (the last meeting's, with their progress): a record of
# what was done, not new actions.
STATUS_COLUMN = re.compile(r"^(?:status|progress|update|outcome|complete[d]?|done|rag)$", re.I)


def parse(lines: list[Line], board, file_name: str = "", **_options) -> Parsed:
    people = PeopleSeen()
    warnings: list[str] = []
    mgai = next((line for line in lines[:60] if MGAI.match(line.text)), None)
    if mgai:
        meeting, items, end = _mgai_header(lines, mgai, board, warnings)
        listed: list[dict] = []
        heads: list[int] = []
        table = None
    else:
        table = structure.item_table(lines)
        if table:
            heads = table[1]  # the minutes are a table, a row an item
        else:
            heads = [] if _numbered_run(lines) >= 3 else structure.heading_items(lines)
            if heads and _numbered_run(lines) >= len(heads):
                heads = []
        meeting, items, end, listed = _header(lines, board, file_name, warnings, people, heads)
    body = [line for line in lines if line.number > end]
    appendix_start = next((line.number for line in body if APPENDIX.match(line.text)), None)
    if appendix_start:
        body, tail = (
            [x for x in body if x.number < appendix_start],
            [x for x in body if x.number >= appendix_start],
        )
    else:
        tail = []
    reader = ItemReader(meeting, items, people, warnings, heads)
    reader.item_table = table[0] if table else None
    reader.legend = attendance.legend_in(lines)
    items = reader.read(body)
    if not items:
        # No numbers and no headings: the minutes are one item, for the clerk to divide.
        if not any(line.text for line in body):
            # Everything was read as the heading: the text starts after the date.
            body = [line for line in lines if line.number > (meeting.get("date_line") or 0)]
        start = next((line for line in body if line.text), None)
        if start is None:
            raise DocumentError(None, "the notes have no text after their heading")
        warnings.append(
            "No items were found (no numbered lines, no headings): the whole text is one "
            "item. Check it and divide it before accepting."
        )
        reader = ItemReader(meeting, [], people, warnings, [start.number])
        reader.whole = True
        items = reader.read(body)
    _keep_sure_findings(items, reader.marked)
    listed += reader.listed
    data = {"meeting": meeting, "item": []}
    rows_from_text, declarations = [], []
    for item in items:
        data["item"].append(_item_record(item, people, warnings))
        intro = item["paragraphs"]
        if item is items[0] or re.search(
            r"apolog|declaration|attendance|present", item["title"], re.I
        ):
            rows_from_text += attendance.from_sentences(intro, people)
            for paragraph in intro:
                if re.search(r"declarations? of interest", paragraph, re.I):
                    declarations += attendance.declarations(paragraph, people)
    numbers = {item["number"] for item in items}
    exempt = {record["number"] for record in data["item"] if record["confidential"]}
    for item, record in zip(items, data["item"], strict=True):
        for paragraph in item["paragraphs"]:
            found = attendance.declared(paragraph, people, numbers)
            declarations += found
            if any(d["item"] in exempt for d in found):
                # The declaration record keeps the interest, hidden as its item is; the open
                # item's own text must not repeat an interest in exempt business.
                record["introduction"] = _without(record["introduction"], plain(paragraph))
    table = attendance.appendix(tail, people)
    presenting = [
        {"person": name, "status": "in_attendance", "override": False}
        for record in data["item"]
        for name in record["presenters"]
    ]
    declared = [
        {"person": d["person"], "status": "present", "override": False} for d in declarations
    ]
    data["attendance"] = attendance.merge(listed, rows_from_text, table, presenting, declared)
    _owners(data, people, warnings)
    _doubts(data, warnings)
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


def _numbered_run(lines: list[Line]) -> int:
    """How many numbered items follow one another at most: 0 or 1 when the document does not
    number its items."""
    longest, chains = 0, []
    for line in lines[:3000]:
        if line.kind == "list" and line.level > 0:
            continue
        found = c.item_number(line.text) or c.run_in(line.text)
        if not found:
            continue
        following = next((x for x in lines[line.number : line.number + 8] if x.text), None)
        if following is not None and (c.item_number(following.text) or c.run_in(following.text)):
            continue  # a numbered list: items have their text between them
        number, trusted = found[0], len(found) == 3 and found[2] is True
        for chain in chains:
            if c.follows(chain[-1], number, trusted):
                chain.append(number)
                break
        else:
            chains.append([number])
        longest = max(longest, *(len(chain) for chain in chains))
    return longest


def _labelled(lines: list[Line], stop: int) -> dict[str, tuple[Line, str]]:
    found: dict[str, tuple[Line, str]] = {}
    for index, line in enumerate(lines[:stop]):
        if line.kind == "meta":
            continue
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


def _first_item(lines: list[Line], skip: set[int]) -> int:
    """Where item 1 (or whatever the first item is numbered) starts: the first line that
    could start an item and that a later one follows, so a stray "18 Smith Square" in the
    heading is not taken for an item."""
    candidates = []
    for index, line in enumerate(lines):
        if line.number in skip or not line.text:
            continue
        found = c.item_number(line.text)
        if not found and number_is_first((c.run_in(line.text) or ("",))[0]):
            found = (c.run_in(line.text)[0], "", False)  # "1. Election of Chair A was elected"
        if found:
            candidates.append((index, found))
    for position, (index, (number, _title, _trusted)) in enumerate(candidates):
        later = candidates[position + 1 : position + 12]
        if number_is_first(number) or any(c.follows(number, n, t) for _, (n, _x, t) in later):
            return index
    return candidates[0][0] if candidates else len(lines)


def number_is_first(number: str) -> bool:
    return number in {"1", "1.1"}


def _header(lines, board, file_name, warnings, people, heads) -> tuple[dict, list, int, list]:
    probe = _labelled(lines, min(len(lines), 80))
    skip = {at.number for at, _ in probe.values()}
    if heads:
        first_item = next(i for i, line in enumerate(lines) if line.number == heads[0])
    else:
        first_item = _first_item(lines, skip)
    heading = lines[:first_item]
    labels = _labelled(lines, first_item)
    title = labels.get("title") or labels.get("meeting") or labels.get("committee")
    heading = [line for line in heading if line.kind != "meta"]
    if title is None:
        for line in heading:
            match = MINUTES_OF.match(plain(line.text))
            if match:
                title = (line, HELD.sub("", match.group("body")).strip(" ,.-–"))
                break
    if title is None:
        # modern.gov's meeting pages: "Cabinet - Tuesday, 9th October 2012 10.00 a.m."
        for line in heading[:15]:
            dash = re.match(r"^(?P<body>[A-Z][^–—-]{2,80}?)\s+[-–—]\s+(?P<rest>.+)$", line.text)
            if dash and next(find_dates(dash.group("rest")), None):
                title = (line, dash.group("body").strip())
                break
    title = (title[0], re.sub(r"\s+meeting$", "", title[1], flags=re.I)) if title else None
    if title and not same_board(title[1], board):
        warnings.append(
            f"Line {title[0].number}: these read as the notes of “{title[1]}”, not of the "
            f"{board.name}. Check they are this board's before accepting."
        )
    meeting = {"date": None, "kind": "board", "venue": "", "notes_status": "draft"}
    dated = labels.get("date and time") or labels.get("date")
    context_year = _context_year(
        heading + [x for x in lines[:first_item] if x.kind == "meta"], file_name
    )
    doubts: list[str] = []
    day, at = _meeting_date(dated, heading, context_year, warnings, doubts)
    if day is None:
        said = next(
            (f for x in lines[:first_item] if x.kind == "meta" for f in find_dates(x.text)), None
        )
        if said:
            day, at = said.day, ""
            doubts.append("The date was taken from the file's details, not from the minutes")
            warnings.append(
                f"The minutes do not say the meeting's date; {day:%-d %B %Y} was taken from "
                "the file's own details (when it was posted, perhaps). Check it."
            )
    if day is None:
        named = next(find_dates(PurePath(file_name).stem.replace("_", "-")), None)
        if named:
            day, at = named.day, ""
            doubts.append("The date was taken from the file's name")
            warnings.append(
                f"The notes do not say the meeting's date; {day:%-d %B %Y} was taken from the "
                "file's name. Check it."
            )
    if day is None:
        raise DocumentError(
            dated[0].number if dated else None,
            "the notes do not give the meeting's date (looked for a date before the first item)",
        )
    meeting["date"] = day
    meeting["date_line"] = (dated[0].number if dated else 0) or _line_of(heading, at)
    if doubts:
        meeting["date_doubt"] = doubts[0]
    if title and re.search(r"lead members", title[1], re.I):
        meeting["kind"] = "lead_members"
    place = labels.get("location") or labels.get("venue") or labels.get("place")
    if place:
        meeting["venue"] = plain(place[1])[:300]
    else:
        held = next((found for x in heading for p in VENUES if (found := p.search(x.text))), None)
        if held:
            meeting["venue"] = held.group("venue").strip()[:300]
    after_date = at.split(str(day.year), 1)[-1] if str(day.year) in at else at
    start = find_time(after_date) or (find_time(labels["time"][1]) if "time" in labels else None)
    if start:
        meeting["start_time"] = start
    listed = attendance.listed(heading, people, attendance.legend_in(lines))
    listed += attendance.grid(heading, people, day)
    end = lines[first_item - 1].number if first_item else 0
    return meeting, [], end, listed


def _line_of(heading: list[Line], text: str) -> int:
    return next((line.number for line in heading if line.text == text), 0)


def _context_year(heading: list[Line], file_name: str) -> int | None:
    """The year the file is about when a date leaves it out: from the heading, else the
    file's name ("minutes-2021-05-05.md")."""
    for line in heading:
        found = YEAR.search(line.text)
        if found:
            return int(found.group(1))
    found = YEAR.search(PurePath(file_name).stem)
    return int(found.group(1)) if found else None


def _meeting_date(dated, heading, context_year, warnings, doubts):
    texts = ([dated] if dated else []) + [(line, line.text) for line in heading[:40]]
    # A heading wrapped over lines may split its date: "… ON WEDNESDAY, 2ND" / "JULY, 2014".
    written = [line for line in heading[:60] if line.text]
    texts += [(a, f"{a.text} {b.text}") for a, b in itertools.pairwise(written)]
    for with_year in (True, False):
        for line, text in texts:
            for found in find_dates(text, context_year):
                if found.year_given != with_year:
                    continue
                if not with_year:
                    doubts.append(f"The year {found.day.year} was taken from the file")
                    warnings.append(
                        f"Line {line.number}: the meeting's date “{found.written}” gives no "
                        f"year; {found.day.year} was taken from the file. Check it."
                    )
                return found.day, text
    return None, ""


def _mgai_header(lines: list[Line], line: Line, board, warnings) -> tuple[dict, list, int]:
    day_text, board_name, number = MGAI.match(line.text).groups()
    if not same_board(board_name, board):
        warnings.append(
            f"Line {line.number}: this item is of “{board_name}”, not of the {board.name}. "
            "Check it is this board's before accepting."
        )
    before = [x for x in lines if x.number < line.number and x.text]
    title = next((x for x in reversed(before) if x.text.lower() != "agenda item"), None)
    if title is None:
        raise DocumentError(line.number, f"item {number} has no title above the “Meeting:” line")
    meeting = {"date": find_date(day_text), "kind": "board", "venue": "", "notes_status": "draft"}
    minutes = next((x for x in lines if x.number > line.number and BLOCK.match(x.text)), line)
    item = _new_item(number.lower().rstrip("."), title.text, title)
    return meeting, [item], minutes.number


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
        "decisions_lines": [],
        "decision_doubts": [],
        "recognised": set(),
        "actions_lines": [],
        "agreed_lines": [],
        "exempt": "",
    }


class ItemReader:
    """Reads the body line by line into items; what each line is depends on the line
    before (a list after "RESOLVED:" is decisions, after "Present:" names)."""

    def __init__(
        self, meeting: dict, items: list, people: PeopleSeen, warnings: list, heads=()
    ) -> None:
        self.meeting, self.items, self.people, self.warnings = meeting, items, people, warnings
        # The lines that start items when the document marks them by style, not number.
        self.heads = set(heads)
        self.whole = False  # the whole text is one item
        self.item_table: dict | None = None  # the columns, when the minutes are a table
        # How many decisions and actions the minutes mark themselves ("RESOLVED:", "Action:").
        self.marked = {"decisions": 0, "actions": 0}
        self.current = items[-1] if items else None
        self.state, self.title_pending = "intro", None
        self.seen = {i["number"]: i["line"] for i in items}
        self.exempt = ""  # the reason, once the minutes reach their exempt part
        self.listed: list[dict] = []
        self.list_status = ""
        self.table: dict | None = None
        self.nested = ""  # the last number of a numbered list inside the current item
        self.at = 0  # the number of the line being read
        self.blank = False  # whether a blank line came before this one
        self.legend = ""  # the mark that shows who attended, when a legend gives one
        self.previous: Line | None = None  # the last line with text
        self.in_block = 0  # entries read under "Decisions:" or "Actions:" so far
        self.label_alone = False  # the line before was "RESOLVED:" with nothing after it

    def read(self, body: list[Line]) -> list[dict]:
        for index, line in enumerate(body):
            if index % 200 == 0:
                check_time()
            if not line.text:
                if self.state in ("resolved", "actioned", "listing"):
                    self.state = "after_" + self.state
                self.blank = True
                continue
            if self.title_pending is not None:
                self.title_pending["title"] = line.text
                self.title_pending = None
                continue
            started = self.item_starts(line, body[index + 1 : index + 6])
            self.previous = line
            if started:
                continue
            if self.line(line) == "stop":
                break
        for item in self.items:
            if not item["title"]:
                raise DocumentError(item["line"], f"item {item['number']} has no title")
        return self.items

    def item_starts(self, line: Line, following: list[Line]) -> bool:
        if self.heads:
            if line.number not in self.heads:
                return False
            if self.item_table:
                self._table_item(line)
                return True
            title = "Minutes" if self.whole else plain(line.text).rstrip(":")
            self._start(str(len(self.items) + 1), title, line)
            if self.whole:
                self.current["doubt"] = "The minutes have no items the importer could find"
                return False  # the line is the item's text as well
            return True
        if line.kind == "list" and line.level > 0:
            return False  # an item of a list inside an item
        marked = line.kind == "heading" or line.strong
        alone = bool(c.item_number(line.text)) and not c.item_number(line.text)[1]
        if self.items and self.items[0].get("marked") and not marked and not alone:
            return False  # items are headings here: a numbered paragraph is the item's text
        found = c.item_number(line.text)
        split = c.run_in(line.text)
        if (
            found
            and split
            and split[1] != found[1]
            and len(found[1].split()) > 8
            and c.RUN_IN_MARK.match(found[1])
        ):
            found = None  # "7.1 Chairman's Report: The Chairman had …": the title runs on
        if not found:
            return self._run_in(line, split)
        number, title, trusted = found
        current = self.current
        if self.state in ("resolved", "after_resolved") and re.match(r"(?:That|To)\b", title):
            return False  # "2. That the budget be approved" is one of the resolutions
        same_style = (
            marked
            and current is not None
            and current.get("marked")
            and self.previous is not None
            and self.previous.kind != "list"
            and line.kind == current.get("kind")
            and bool(found[1])
        )
        if same_style:
            # Set as the items are, after the item's text rather than in a list: an item whose
            # number starts again (a page converted list by list), not a list inside the item.
            self.nested = ""
        elif self.nested and c.number_key(number) == (c.number_key(self.nested)[0] + 1,):
            self.nested = number  # the next line of a numbered list inside the item
            return False
        printed = current.get("printed", current["number"]) if current is not None else ""
        if current is not None and not trusted and ("/" in number) != ("/" in printed):
            return False  # "22/0456 - No objection" under item 17: a reference, not an item
        if current is not None and not same_style and not c.follows(printed, number, trusted):
            if re.fullmatch(r"\d+", number) and c.number_key(number) <= c.number_key(
                current["number"]
            ):
                self.nested = number  # a numbered list starts again inside the item
            return False
        above = self.previous
        below = next((x for x in following if x.text), None)
        if (
            not title
            and above is not None
            and below is not None
            and current is not None
            and current["paragraphs"]
            and plain(current["paragraphs"][-1]) == plain(above.text)
            and (above.strong or above.kind == "heading" or len(above.text.split()) <= 8)
            and not re.search(r"[.;:,]$", above.text)
            and len(below.text.split()) > 8
            and re.search(r"[.!?]$", below.text)
        ):
            # The title printed above its number, the number alone, the text under it.
            current["paragraphs"].pop()
            title = above.text
            found = (number, title, trusted)
        if not title:
            title = next((x.text for x in following if x.text), "")
            if BLOCK.match(title) or c.decision_text(title) is not None:
                kind = BLOCK.match(title)
                word = kind.group(1).lower() if kind else "decision"
                has = "a decision" if word.startswith("decision") else "an action"
                raise DocumentError(line.number, f"item {number} has {has} but no title")
            below = next((x for x in following if x.text), None)
            set_apart = below is not None and (below.strong or below.kind == "heading")
            if (
                not title
                or c.item_number(title)
                or not (c.looks_like_title(title) or (set_apart and len(title) <= 300))
            ):
                return False
        number = self._unique(number, line)
        self._start(number, found[1], line)
        self.current["marked"] = marked
        self.current["kind"] = line.kind
        if not found[1]:
            self.title_pending = self.current  # printed on the next line, as modern.gov does
        return True

    def _start(self, number: str, title: str, line: Line) -> None:
        current = self.current
        if current is not None and (
            c.EXCLUSION.search(current["title"])
            or any(c.EXCLUDED.search(d) for d in current["decisions"])
        ):
            self.exempt = self.exempt or (
                c.exempt_reason(
                    current["paragraphs"]
                    + current["decisions"]
                    + current["agreed"]
                    + [current["title"]]
                )
                or "The press and public were excluded"
            )
        self.current = _new_item(number, "", line)
        self.current["printed"] = re.sub(r"\(\d+\)$", "", number)
        self.current["exempt"] = self.exempt
        self.current["title"] = title
        self.nested = ""
        self.items.append(self.current)
        self.state, self.table = "intro", None

    def _table_item(self, line: Line) -> None:
        """A row of a table of items: its number and title, its notes read as the item's
        text, its decision and action columns as its decisions and actions."""
        columns = self.item_table
        cells = [cell.strip() for cell in line.text.split("\t")]

        def cell(name: str) -> str:
            at = columns[name]
            return plain(cells[at]) if at is not None and at < len(cells) else ""

        number, title = cell("number"), cell("subject")
        found = c.item_number(title) or c.item_number(f"{number} {title}".strip())
        if found and found[1]:
            number, title = found[0], found[1]
        elif number and not title:
            title = number
            number = ""
        number = number.rstrip(".") if re.fullmatch(r"[\w./]{1,10}", number.rstrip(".")) else ""
        number = self._unique(number or str(len(self.items) + 1), line)
        self._start(number, title or f"Item {number}", line)
        notes = cells[columns["notes"]] if columns["notes"] < len(cells) else ""
        for paragraph in re.split(r"</p>\s*", notes):
            paragraph = plain(paragraph)
            if paragraph:
                self.line(Line(line.number, paragraph))
        decided = cell("decision")
        if decided:
            self.record("decisions", decided)
        action, owner = cell("action"), cell("owner")
        if action:
            named = recognisers.owner_only(action)
            if named and not owner:
                # The action column holds only who acts: on what the notes say.
                self.record("actions", {"text": plain(notes) or title, "owner": named})
            else:
                self.record("actions", {"text": action, "owner": owner})
        elif owner and plain(notes):
            self.record("actions", {"text": plain(notes), "owner": owner})

    def _outcome_of(self, outcome):
        """ "No objections" under an application's lines ("E/40480", its description, its
        address): the decision is the application's response, so it names the application."""
        paragraphs = [plain(p.removeprefix("- ")) for p in self.current["paragraphs"][-8:]]
        for back in range(len(paragraphs) - 1, -1, -1):
            if re.match(r"^(?:[A-Z]{1,3}/\d[\w/.-]*|\d[\w.-]*/[\w/.-]+)\b", paragraphs[back]):
                about = " ".join(p for p in paragraphs[back:] if p)
                return recognisers.Finding(
                    "decision",
                    f"{about} – {outcome.text}",
                    confidence=recognisers.LIKELY,
                    evidence="an application and the response to it",
                )
        return outcome

    def _unique(self, number: str, line: Line) -> str:
        """The number as printed; printed twice, the second is kept apart ("11(2)") and
        flagged for the clerk."""
        if number not in self.seen:
            self.seen[number] = line.number
            return number
        again = 2
        while f"{number}({again})"[:10] in self.seen:
            again += 1
        kept = f"{number}({again})"[:10]
        self.seen[kept] = line.number
        self.warnings.append(
            f"Line {line.number}: item {number} appears twice (first at line "
            f"{self.seen[number]}); the second is kept as {kept}. Check its number."
        )
        return kept

    def _run_in(self, line: Line, split) -> bool:
        """A numbered line whose title runs on into its text, when its number is the next one."""
        if split is None:
            return False
        number, title, rest = split
        if self.state == "listing" and c.names_listed(title):
            return False  # "2. Cllr A Bee" in a numbered list of names
        current = self.current
        if current is None:
            if number not in ("1", "1.1") and not line.strong:
                return False
        elif not _next_number(current.get("printed", current["number"]), number) or (
            self.nested and line.kind == "list"
        ):
            if not self._out_of_order(line, number, title):
                return False
            self.warnings.append(
                f"Line {line.number}: item {number} is printed out of order, after item "
                f"{current.get('printed', current['number'])}. Check its number."
            )
        self._start(self._unique(number, line), title, line)
        self.current["doubt"] = RUN_ON
        if rest:
            self.line(Line(line.number, rest))
        return True

    def _out_of_order(self, line: Line, number: str, title: str) -> bool:
        """An item printed out of order ("11. Other Reports: …" after item 12, added late): a
        paragraph in the items' own shape (a whole number, a title ended by a colon or a dash)
        whose number is one the items have already passed. A list starting again ("1.", "2.")
        inside an item is not one."""
        printed = [i.get("printed", i["number"]) for i in self.items]
        run_on = sum(1 for i in self.items if i.get("doubt") == RUN_ON)
        if (
            run_on < 2  # the items themselves are printed with their text run on
            or line.kind not in ("paragraph", "list")
            or line.level
            or self.nested
            or len(printed) < 3
            or not re.fullmatch(r"\d+", number)
            or not all(re.fullmatch(r"\d+(?:\.\d+)?", p) for p in printed)
            or not c.looks_like_title(title)
        ):
            return False
        value = int(number)
        if not (int(printed[0].split(".")[0]) < value < int(printed[-1].split(".")[0])):
            return False
        after_title = line.text[line.text.find(title) + len(title) :]
        return bool(re.match(r"\s*(?::\s|[-–—]\s)", after_title))

    def record(self, kind: str, value, doubt: str = "") -> None:
        """A decision or action, with the line it came from for the review page, and why
        the clerk should check it when the recogniser was not sure."""
        if kind == "actions":
            text = plain(value if isinstance(value, str) else value["text"])
            for index, kept in enumerate(self.current["actions"]):
                if plain(kept if isinstance(kept, str) else kept["text"]) == text:
                    # Read twice (by its shape, then by its label): the label wins.
                    if isinstance(kept, dict) and kept.get("recognised"):
                        self.current["actions"][index] = value
                    return
            if not (isinstance(value, dict) and value.get("recognised")):
                self.marked["actions"] += 1
        elif kind == "decisions" and self.current is not None:
            self.marked["decisions"] += 1
        self.current[kind].append(value)
        self.current[f"{kind}_lines"].append(self.at)
        if kind == "decisions":
            self.current["decision_doubts"].append(doubt)

    def recognise(self, text: str) -> None:
        """Decisions and actions in a paragraph's sentences, by their shape."""
        text = c.LIST_ITEM.sub("", plain(text), count=1)
        text = re.sub(r"^(?:\d[\w.]{0,12}[.)]|\(?[ivx]{1,4}\))\s+(?=[A-Z])", "", text)  # "11i) …"
        labelled = re.match(r"^[^:.–—\d]{2,80}(?::\s+(?=[A-Za-z])|\s[–—-]\s+(?=[A-Z]))", text)
        if (
            labelled
            and not c.ATTENDANCE_LABEL.match(text)
            and not recognisers.OUTCOME_LINE.match(text[: labelled.end()].strip(" :–—-"))
        ):
            text = text[labelled.end() :]  # "Community Space: Hannah will come back to it"
        # Bullets run into one paragraph ("• Stumps … • Mesh …"): each a sentence.
        text = re.sub(r"\s+[•·▪]\s+", ". ", text)
        previous_decided = False
        said: list[str] = []
        for sentence in recognisers.sentences(text):
            who = recognisers.speaker(" ".join(said[-3:]), sentence)
            said.append(sentence)
            if previous_decided and (
                recognisers.OUTCOME_ONLY.match(sentence) or recognisers.VOTE.search(sentence)
            ):
                # "Motion carried." completes the motion before it.
                item = self.current
                item["decisions"][-1] = f"{item['decisions'][-1]} {sentence}"
                continue
            listed = recognisers.tasks_listed(sentence)
            if listed:
                for task in listed:
                    entry = {"text": task.text, "owner": task.owner, "doubt": task.doubt}
                    self.record("actions", {**entry, "recognised": True})
                previous_decided = False
                continue
            decided = recognisers.decision_in(sentence)
            previous_decided = bool(decided)
            if decided and decided.evidence == "a line giving an outcome":
                decided = self._outcome_of(decided)
            if (
                decided
                and len(said) >= 2
                and PROPOSAL_OUTCOME.match(sentence)
                and re.search(r"\b(?:proposed|moved|suggested)\b", said[-2])
                and not recognisers.decision_in(said[-2])
            ):
                # "Cllr Ash proposed the third Monday. This proposal was seconded and agreed.":
                # what was agreed is the proposal before.
                decided = recognisers.Finding(
                    "decision", f"{said[-2]} {sentence}", "", decided.confidence, decided.evidence
                )
            if decided:
                self.record("decisions", decided.text, decided.doubt or "")
                self.current["recognised"].add(len(self.current["decisions"]) - 1)
            reported = recognisers.reported_action(sentence)
            tasks = recognisers.tasks_in(sentence, who) or ([reported] if reported else [])
            for action in tasks:
                entry = {"text": action.text, "owner": action.owner, "doubt": action.doubt}
                self.record("actions", {**entry, "recognised": True})

    def line(self, line: Line) -> str | None:
        result = self._line(line)
        self.blank = False
        return result

    def _line(self, line: Line) -> str | None:
        text, item = line.text, self.current
        self.at = line.number
        if c.PART_HEADING.match(text) and len(text) < 120:
            self.exempt = plain(text)
            return None
        next_meeting = NEXT_MEETING.match(text)
        if next_meeting:
            written = next_meeting.group(1) or next_meeting.group(2) or ""
            day = find_date(written, self.meeting["date"].year)
            if day and day > self.meeting["date"]:
                self.meeting["next_meeting_on"] = day
            return None
        if END_OF_MINUTES.match(text):
            return "stop"
        if item and NEXT_MEETING.match(item["title"]) and "next_meeting_on" not in self.meeting:
            day = find_date(text, self.meeting["date"].year)
            if day and day > self.meeting["date"]:
                self.meeting["next_meeting_on"] = day  # under a "Date of next meeting" item
        listed = c.ATTENDANCE_LABEL.match(text)
        if listed and (item is None or self._about_attendance(item)):
            self.list_status = c.attendance_status(listed.group("label"))
            self.state = "listing"
            self.list_names(listed.group("rest"))
            return None
        if self.state in ("listing", "after_listing") and self.list_names(text):
            self.state = "listing"
            return None
        block = BLOCK.match(text)
        if block:
            word = block.group(1).lower()
            if word == "minutes":
                return None
            if item is None:
                raise DocumentError(
                    line.number, f"{block.group(1)} comes before the first numbered item"
                )
            self.state = "decisions" if word.startswith("decision") else "actions"
            self.in_block = 0
            if block.group(2):
                self.record(self.state, unbullet(block.group(2)))
            return None
        if item is None:
            return None
        if "\t" in text and self.table_row(text):
            return None
        if NOTES_AGREED.search(text):
            agreed = AGREED_PREFIX.sub("", text)
            self.record("agreed", agreed[:1].upper() + agreed[1:])
            _notes_agreed(text, self.meeting)
            return None
        owner = recognisers.owner_only(text)
        done = plain(item["paragraphs"][-1].removeprefix("- ")) if item["paragraphs"] else ""
        if (
            owner
            and len(done.split()) >= 5
            and re.search(r"[.!?)”\"]$", done)
            and self.state in ("intro", "actioned", "resolved")
        ):
            # "Clerk" under a paragraph, as a right-hand column prints who acts on it.
            self._owned(done, owner)
            return None
        action = c.action_parts(text)
        if action and self.state != "decisions":
            owner, rest = action
            if (
                not owner
                and re.fullmatch(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}\.?", rest)
                and self.state == "intro"
                and item["paragraphs"]
            ):
                # "ACTION: Clerk" on a line of its own, under the sentence it applies to.
                owner, rest = rest.rstrip("."), item["paragraphs"].pop()
            if rest:
                self.record("actions", {"text": rest, "owner": owner})
            self.state = "actioned"
            return None
        decided = c.decision_text(text) if self.state not in ("decisions", "actions") else None
        if (
            decided
            and decided == text
            and len(recognisers.sentences(text)) > 1
            and self.state not in ("resolved", "after_resolved")
        ):
            decided = None  # a paragraph of several: each sentence is read for itself
        if decided is not None:
            if decided:
                self.record("decisions", decided)
            self.state = "resolved"
            self.label_alone = not decided
            return None
        label_alone, self.label_alone = self.label_alone, False
        if self.state in ("decisions", "actions"):
            if self.blank and self.in_block and not is_bullet(text) and not c.LIST_ITEM.match(text):
                self.state = "intro"  # the list has ended: the text goes on
            else:
                self.record(self.state, unbullet(text))
                self.in_block += 1
                return None
        self.blank = False
        trailing = _trailing_owner(text)
        if trailing and self.state not in ("resolved", "after_resolved"):
            # "… the eligibility of the halls. Cllr J. Davies": the right-hand column that
            # names who acts, run into the paragraph's last line.
            words, owner = trailing
            self.narrative(words)
            self._owned(plain(unbullet(words)), owner)
            return None
        if self.state in ("resolved", "after_resolved") and (
            c.LIST_ITEM.match(text)
            or re.match(r"^(?:That|To)\b", text)
            or (label_alone and not is_bullet(text) and len(text.split()) >= 3)
        ):
            # After "RESOLVED:" (or "Resolved 15/03/4") alone on its line, the paragraph under
            # it is what was resolved, whatever its words.
            self.record("decisions", c.LIST_ITEM.sub("", text, count=1).strip())
            self.state = "resolved"
            return None
        if self.state in ("actioned", "after_actioned") and c.LIST_ITEM.match(text):
            self.record("actions", c.LIST_ITEM.sub("", text, count=1).strip())
            return None
        self.narrative(text)
        return None

    def _owned(self, done: str, owner: str) -> None:
        """The paragraph `done` is a task of `owner`: the action read from it takes the owner,
        or the paragraph becomes the action."""
        for kept in self.current["actions"]:
            if isinstance(kept, dict) and plain(kept["text"]) in done:
                kept["owner"], kept["doubt"] = owner, ""
                kept.pop("recognised", None)
                return
        self.record("actions", {"text": done, "owner": owner, "recognised": True})

    def _about_attendance(self, item: dict) -> bool:
        return item is self.items[0] or bool(
            re.search(r"apolog|attendance|present|substitut|welcome", item["title"], re.I)
        )

    def list_names(self, text: str) -> bool:
        """The names on a "Present:" line or the lines under it; False when the line is not
        a list of names (the list has ended). Where a legend says a mark shows who attended
        ('" + " indicates attending'), only the marked names on the list attended."""
        rows = attendance.listed_line(text, self.list_status, self.people, self.legend)
        self.listed += [{**row, "line": self.at} for row in rows]
        return bool(rows)

    def table_row(self, text: str) -> bool:
        """An action table: a header row naming the action and its owner, then one row an
        action. True when the row was read as part of one."""
        cells = [plain(cell) for cell in text.split("\t")]
        if self.table is None:
            owner = next((i for i, x in enumerate(cells) if OWNER_COLUMN.match(x)), None)
            action = next((i for i, x in enumerate(cells) if ACTION_TABLE.search(x)), None)
            if owner is None or action is None:
                return False
            due = next((i for i, x in enumerate(cells) if DUE_COLUMN.match(x)), None)
            past = any(STATUS_COLUMN.match(x) for x in cells) or bool(
                re.search(
                    r"\b(?:previous|last|outstanding|matters arising)\b",
                    self.current["title"],
                    re.I,
                )
            )
            self.table = {
                "action": action,
                "owner": owner,
                "due": due,
                "header": cells,
                "past": past,
            }
            return True
        columns = self.table
        if cells == columns["header"]:
            return True  # the header again, printed at the top of the next page
        if columns["past"]:
            # The last meeting's actions and their progress: kept as the item's text.
            self.current["paragraphs"].append(" – ".join(cell for cell in cells if cell))
            return True
        if len(cells) <= columns["action"] or not cells[columns["action"]]:
            return True
        entry = {
            "text": cells[columns["action"]],
            "owner": cells[columns["owner"]] if len(cells) > columns["owner"] else "",
        }
        if columns["due"] is not None and len(cells) > columns["due"]:
            entry["due_written"] = cells[columns["due"]]
        self.record("actions", entry)
        return True

    def narrative(self, text: str) -> None:
        item = self.current
        if self.state != "comments" or is_bullet(text):
            self.recognise(unbullet(text))
        if is_bullet(text):
            target = "comments" if self.state == "comments" else "paragraphs"
            item[target].append(unbullet(text) if target == "comments" else f"- {unbullet(text)}")
        elif COMMENTS.search(text):
            self.state = "comments"
        else:
            self.state = "intro"
            item["paragraphs"].append(text)


RUN_ON = "The title runs on into the text: check where it ends"
PROPOSAL_OUTCOME = re.compile(
    r"^(?:This|The|That|Their|His|Her)\s+(?:proposal|motion|suggestion)\b", re.I
)


def _trailing_owner(text: str) -> tuple[str, str] | None:
    """(the paragraph's words, who acts) when its last sentence only names who acts."""
    said = recognisers.sentences(unbullet(plain(text)))
    if len(said) < 2:
        return None
    owner = recognisers.owner_only(said[-1])
    words = " ".join(said[:-1])
    if (
        not owner
        # Named as minutes name who acts, not any two capitalised words ("Carried Unanimously").
        or not re.match(
            rf"(?:{recognisers.HONORIFIC}|(?i:{recognisers.ROLE})\b|[A-Z]{{2,4}}\b|ALL\b|All\b)",
            owner,
        )
        or len(words.split()) < 5
        or not re.search(r"[.!?)”\"]$", words)
        or c.ATTENDANCE_LABEL.match(words)
    ):
        return None
    return words, owner


def _keep_sure_findings(items: list[dict], marked: dict) -> None:
    """Minutes that mark their decisions or actions ("RESOLVED:", "Action: Clerk") mark them
    all: what the recognisers only suspected there is left as text, not tagged Check."""
    recognised_decisions = sum(len(i["recognised"]) for i in items)
    for item in items:
        if marked["decisions"] > recognised_decisions:
            keep = [
                n
                for n, doubt in enumerate(item["decision_doubts"])
                if not (n in item["recognised"] and doubt)
            ]
            for name in ("decisions", "decisions_lines", "decision_doubts"):
                item[name] = [item[name][n] for n in keep]
        if marked["actions"] >= 2:
            keep = [
                n
                for n, a in enumerate(item["actions"])
                if not (isinstance(a, dict) and a.get("recognised") and a.get("doubt"))
            ]
            for name in ("actions", "actions_lines"):
                item[name] = [item[name][n] for n in keep]
        for action in item["actions"]:
            if isinstance(action, dict):
                action.pop("recognised", None)


def _next_number(previous: str, number: str) -> bool:
    """The number is the one after (or the one after that): 6 after 5, 7.2 after 7.1, 8 after
    7.3, 210/19 after 208/19."""
    before, after = c.number_key(previous), c.number_key(number)
    if not before or not after:
        return False
    if "/" in number and "/" in previous:
        # Minute/year numbers: the minute goes up by one (or is printed twice).
        # ("15/03/3" after "15/03/2": the last part goes up, the meeting's part stays.)
        return (after[1:] == before[1:] and 0 <= after[0] - before[0] <= 2) or (
            after[:-1] == before[:-1] and 0 <= after[-1] - before[-1] <= 2
        )
    if len(after) == 1:
        return 1 <= after[0] - before[0] <= 2  # one item may be missing (withdrawn, exempt)
    return (after[:-1] == before[:-1] and after[-1] == before[-1] + 1) or (
        after[:-1] == before[:1] and after[-1] == 1
    )


def _notes_agreed(text: str, meeting: dict) -> None:
    day = next((f.day for f in find_dates(text) if f.day < meeting["date"]), None)
    amendment = re.search(r"\b(?:requested|asked for|subject to)\b\s+(.+)$", text)
    meeting["agrees_notes_of"] = {
        "date": day,
        "amendment": amendment.group(1).strip() if amendment else "",
    }


def _item_record(item: dict, people: PeopleSeen, warnings: list[str]) -> dict:
    title = c.SUB_LETTER.sub(r"\2", plain(item["title"]))
    marked = bool(CONFIDENTIAL.search(title))
    if marked:
        title = CONFIDENTIAL.sub("", title).strip()
    if len(title) > 300:
        raise DocumentError(item["line"], f"item {item['number']}'s title is over 300 characters")
    narrative = [plain(p) if not p.startswith("- ") else p for p in item["paragraphs"]]
    reason = item["exempt"]
    if not reason and not c.EXCLUSION.search(title):
        said = c.exempt_reason(narrative[:3])
        if said and re.search(r"Schedule\s+12A|exempt", said, re.I):
            reason = said
    if marked and not reason:
        reason = "Marked “Confidential” in the notes"
    decided = zip(
        item["agreed"] + item["decisions"],
        item["agreed_lines"] + item["decisions_lines"],
        strict=True,
    )
    doubts = [""] * len(item["agreed"]) + item["decision_doubts"]
    doubted = {
        plain(d): doubt for d, doubt in zip(item["agreed"] + item["decisions"], doubts, strict=True)
    }
    decisions = [(plain(d), at) for d, at in decided if plain(d)]
    titled = _title_decision(title, [text for text, _ in decisions])
    if titled:
        decisions.insert(0, (titled.text, item["line"]))
        doubted[titled.text] = titled.doubt
    actions = [
        {**_action(a), "line": at}
        for a, at in zip(item["actions"], item["actions_lines"], strict=True)
    ]
    return {
        "number": item["number"],
        "title": title,
        "line": item["line"],
        "presenters": presenters_in(narrative, people),
        "confidential": bool(reason),
        "confidential_reason": reason[:300],
        "title_confidential": False,
        "introduction": "\n\n".join(_join_bullets(narrative)),
        "discussion_points": [plain(x) for x in item["comments"] if plain(x)],
        "decisions": [text for text, _ in decisions],
        "decision_lines": [at for _, at in decisions],
        "decision_doubts": [doubted.get(text, "") for text, _ in decisions],
        "doubt": item.get("doubt", ""),
        "actions": [a for a in actions if a["text"]],
    }


def _title_decision(title: str, decisions: list[str]):
    """A heading written as the outcome ("Accounts were presented and accepted", "Minutes
    approved as a true record") is the item's decision, when no decision below repeats it.
    Only a passive outcome or the body's agreement counts: a heading naming a topic never."""
    found = recognisers.decision_in(title)
    if found is None or found.evidence not in (
        "records something adopted or approved",
        "says the body agreed",
    ):
        return None
    if any(title.lower() in d.lower() or d.lower() in title.lower() for d in decisions):
        return None
    return recognisers.Finding(
        "decision",
        title,
        confidence=recognisers.DOUBTFUL,
        evidence="the heading records the outcome",
    )


def _doubts(data: dict, warnings: list[str]) -> None:
    """One warning for all the records tagged Check, so the clerk knows to look for them."""
    items = data["item"]
    decisions = sum(1 for i in items for d in i.get("decision_doubts", []) if d)
    actions = sum(1 for i in items for a in i["actions"] if a.get("doubt"))
    titles = sum(1 for i in items if i.get("doubt"))
    parts = [
        f"{n} {what}"
        for n, what in (
            (titles, "item titles"),
            (decisions, "decisions"),
            (actions, "actions"),
        )
        if n
    ]
    if parts:
        warnings.append(
            f"{', '.join(parts)} were read from the shape of the text rather than marked in "
            "it: each is tagged Check with the reason. Check them before accepting."
        )


def _without(text: str, paragraph: str) -> str:
    return "\n\n".join(p for p in text.split("\n\n") if p.strip() != paragraph.strip())


def _join_bullets(paragraphs: list[str]) -> list[str]:
    """Keep a list's bullets together under the sentence that introduces them."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith("- ") and joined:
            joined[-1] += "\n" + paragraph
        else:
            joined.append(paragraph)
    return joined


TEAMS = (
    r"Officers?|The Chair|Chair|Lead [Mm]embers|Members|The LGA|LGA|The Board|Board|The Clerk|Clerk"
)


NAMED_TASK = re.compile(
    r"^(?P<owner>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"
    r"|[A-Z]{2,4}|(?i:the\s+)?(?i:clerk|chair|treasurer|secretary|officers?|all))\s*[:–-]\s+"
    r"(?P<task>[a-z].{5,})$"
)


def _action(entry) -> dict:
    """An action as written: its text, its owner as written (initials, a name, a team) and
    its due date as written; _owners resolves them once attendance is known."""
    if isinstance(entry, str):
        entry = {"text": entry, "owner": ""}
    text = plain(unbullet(entry["text"]))
    # An entry of a numbered list of actions: "2. JS to write to the school".
    text = re.sub(r"^\(?\d{1,2}[.)]\s+(?=[A-Z])", "", text)
    owner = entry.get("owner", "")
    named = NAMED_TASK.match(text)
    if not owner and named:
        # "Ben Hart: speak to the school", "Clerk - order the bins".
        owner, text = named.group("owner"), named.group("task")
    if not owner:
        team = re.match(rf"^({TEAMS})\s+to\b", text)
        owner = team.group(1) if team else c.owner_in(text)
    return {
        "text": text,
        "owner": owner,
        "due_written": entry.get("due_written", ""),
        "doubt": entry.get("doubt", ""),
    }


def _owners(data: dict, people: PeopleSeen, warnings: list[str]) -> None:
    """Each action's owner: a person when the initials or name match someone at the meeting,
    otherwise the team as written ("Officers", "Clerk"); and its due date."""
    attending = [row["person"] for row in data["attendance"]]
    by_initials: dict[str, list[str]] = {}
    for name in attending:
        by_initials.setdefault(c.initials(name), []).append(name)
    year = data["meeting"]["date"].year
    for item in data["item"]:
        for action in item["actions"]:
            written = action.pop("owner") or ""
            due_written = action.pop("due_written", "")
            action["text"], due = c.due_in(action["text"], year)
            if due_written:
                due = find_date(due_written, year) or due
            if due:
                action["due"] = due
            owner = ""
            if re.fullmatch(r"[A-Z]{2,4}", written):
                matches = by_initials.get(written, [])
                if len(matches) == 1:
                    owner = matches[0]
                else:
                    doubt = f"No one at the meeting has the initials “{written}”"
                    action["doubt"] = doubt
                    warnings.append(
                        f"Item {item['number']}: {doubt} for the action "
                        f"“{action['text'][:60]}”; check its owner."
                    )
            elif written and re.match(r"^(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\b", written):
                # "Cllr Nash" is the one Nash at the meeting, when there is one.
                surname = written.split()[-1]
                known = [n for n in attending if n.split()[-1] == surname]
                owner = known[0] if len(known) == 1 else people.add(written)
            elif written:
                known = [n for n in attending if n.split()[-1] == written.split()[-1]]
                if not known and re.fullmatch(r"[A-Z][a-z]+", written):
                    # Small boards write members by first name: "Ray contact the grader".
                    known = [n for n in attending if n.split()[0] == written]
                owner = known[0] if len(known) == 1 and len(written.split()) <= 3 else ""
            if owner:
                action["owner"] = owner
            else:
                action["owner"] = (written or "Officers")[:100]
            if not action.get("doubt"):
                action.pop("doubt", None)
