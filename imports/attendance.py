"""Who came to a meeting, as notes write it: in the first item's sentences ("Apologies were
received from Cllr A and Cllr B with Cllr C and Cllr D in attendance as substitution") and in
the attendance appendix (a role, the councillor, their authority; "(sub)" after a substitute).
"""

import re

from . import conventions as c
from .common import Line, check_time, unbullet
from .people import PeopleSeen, looks_like_name, split_name
from .recognisers import sentences

GROUPS = [
    (r"chair(?:man)?", "present", "chair"),
    (r"vice[- ]?chair(?:man)?", "present", "vice_chair"),
    (r"deputy[- ]?chair(?:man)?s?", "present", "deputy_chair"),
    (r"lead members?", "present", "lead_member"),
    (r"members?", "present", "member"),
    (r"substitutes?", "substitute", "substitute"),
    (r"apologies", "apologies", "member"),
    (r"in attendance|officers?|observers?|guests?", "in_attendance", ""),
]
TABLE_HEADINGS = {"position/role", "position", "role", "councillor", "authority", "name"}


def group_of(text: str) -> tuple[str, str, str] | None:
    for pattern, status, role in GROUPS:
        if re.fullmatch(pattern, text.strip(" :").lower()):
            return text, status, role
    return None


def appendix(lines: list[Line], people: PeopleSeen) -> list[dict]:
    """The attendance table: one dict a person with status, role, authority or job title."""
    rows: list[dict] = []
    group = None
    for line in lines:
        text = line.text.strip(" ·")
        if not text or text.lower() in TABLE_HEADINGS or text.lower().startswith("appendix"):
            continue
        found = group_of(text)
        if found:
            group = found
            continue
        if group is None:
            continue
        if split_name(text).honorific or (looks_like_name(text) and not _is_place(text)):
            written = split_name(text)
            status, role = group[1], group[2]
            if written.substitute:
                status, role = "substitute", "substitute"
            kind = "officer" if group[0].lower().startswith("officer") else ""
            name = people.add(text, kind=kind)
            rows.append({"person": name, "status": status, "role": role, "line": line.number})
        elif rows and "detail" not in rows[-1]:
            # The line under a person: their council, or an officer's job title.
            rows[-1]["detail"] = text
            field = "job_title" if group[0].lower().startswith("officer") else "authority"
            people.add(rows[-1]["person"], **{field: text})
    return rows


def _is_place(text: str) -> bool:
    return bool(re.search(r"\b(Council|Borough|County|Authority|Royal|City|District)\b", text))


NAME_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def names_in(text: str) -> list[str]:
    """ "Cllrs Morris Bright, Chris Pillai and Lisa Targowska" → three names as written."""
    text = text.strip(" .")
    shared = ""
    match = re.match(r"^(Cllrs|Councillors)\s+", text)
    if match:
        shared, text = "Cllr ", text[match.end() :]
    names = []
    for part in NAME_LIST_SPLIT.split(text):
        part = re.sub(
            r"^(?:Borough|County|District|Parish|Town|City|Community)\s+(?=(?:Cllr|Councillor))",
            "",
            part.strip(" ."),
        )
        written = split_name(part)
        surname_only = bool(
            (written.honorific or shared) and re.fullmatch(r"[A-Z][\w’'-]+", written.name)
        )
        if part and (looks_like_name(part) or surname_only):
            names.append(part if written.honorific else shared + part)
    return names


def from_sentences(paragraphs: list[str], people: PeopleSeen) -> list[dict]:
    """Apologies and substitutes from the welcome item's sentences."""
    rows: list[dict] = []
    for index, paragraph in enumerate(paragraphs):
        if index % 200 == 0:
            check_time()
        for sentence in sentences(paragraph):
            apologies = re.search(
                r"apologies\b(?:\s+for\s+(?:absence|non-attendance))?.*?\b(?:from|for|by)\s+(.+)$",
                sentence,
                re.IGNORECASE,
            )
            if apologies:
                rest = apologies.group(1)
                with_subs = re.search(
                    r"^(.+?)\s+with\s+(.+?)\s+(?:in attendance\s+)?as\s+(?:a\s+)?substitut", rest
                )
                given = names_in(with_subs.group(1) if with_subs else rest)
                subs = names_in(with_subs.group(2)) if with_subs else []
                away = [people.add(n) for n in given]
                rows += [{"person": n, "status": "apologies"} for n in away]
                # The notes list the substitutes in the order of the members they stood in for.
                paired = len(subs) == len(away)
                for index, written in enumerate(subs):
                    rows.append(
                        {
                            "person": people.add(written),
                            "status": "substitute",
                            "substitute_for": away[index] if paired else "",
                        }
                    )
                continue
            prose = prose_attendance(sentence, people)
            if prose:
                rows += prose
                continue
            sub = re.search(
                r"^(.+?)\s+(?:attended|was in attendance|were in attendance)\b.*\bas\s+(?:a\s+)?substitute",
                sentence,
            )
            if sub:
                for written in names_in(sub.group(1)):
                    rows.append({"person": people.add(written), "status": "substitute"})
    return rows


# "Board members present were supervisors A, B and C, treasurer D and clerk E.", "Also present
# were guests F and G.", "Present were …", "… were also in attendance."
PROSE_LIST = re.compile(
    r"^(?P<label>(?:(?:the\s+)?(?:board|council|committee)\s+)?members\s+present|present|"
    r"also\s+present|in\s+attendance|also\s+in\s+attendance|attending|absent)\s+(?:were|was|:)\s+"
    r"(?P<names>.+?)\.?$",
    re.I,
)
PROSE_LIST_AFTER = re.compile(
    r"^(?P<names>.+?)\s+(?:were|was)\s+(?:also\s+)?(?P<label>present|in\s+attendance|absent)\b",
    re.I,
)
# Roles that are staff or visitors rather than members: they attend, they are not present
# as members.
STAFF = re.compile(
    r"^(?:deputy\s+|assistant\s+|interim\s+|acting\s+)?(?:clerks?|treasurers?|secretar(?:y|ies)|"
    r"officers?|minute\s*takers?|administrators?|managers?|directors?|engineers?|guests?|"
    r"visitors?|observers?|speakers?|advisers?|advisors?|staff|consultants?|auditors?)$",
    re.I,
)


def prose_attendance(sentence: str, people: PeopleSeen) -> list[dict]:
    """Attendance written as a sentence, each name perhaps after its role in lower case
    ("supervisors A, B, and C, treasurer D"): members present, staff and guests in
    attendance."""
    found = PROSE_LIST.match(sentence.strip()) or PROSE_LIST_AFTER.match(sentence.strip())
    if not found:
        return []
    label = found.group("label").lower()
    if "absent" in label:
        return []
    status = "in_attendance" if ("also" in label or "attendance" in label) else "present"
    rows: list[dict] = []
    role = ""
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", found.group("names")):
        part = part.strip(" .;")
        said = re.match(r"^(?P<role>(?:[a-z][\w-]*\s+){1,3})(?P<name>[A-Z].*)$", part)
        if said:
            role = said.group("role").strip()
            role = re.sub(r"^(?:the|our|their)\s+", "", role)
            part = said.group("name")
        if not looks_like_name(part) and not split_name(part).honorific:
            continue
        this = "in_attendance" if STAFF.match(role) else status
        rows.append({"person": people.add(part), "status": this})
    return rows


DECLARED = re.compile(
    r"^(?P<who>(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
    r"\s+declared\s+(?:an?\s+)?(?P<kind>(?:[\w-]+\s+){0,2})interests?"
    r"(?:\s+in\s+(?:agenda\s+)?(?:item|minute)\s+(?P<item>[\w/]+(?:\.[\w/]+)*))?"
    r"(?:,?\s+(?P<why>(?:as|because|being|since|in\s+that)\b.+?))?\.?$"
)


def declared(paragraph: str, people: PeopleSeen, items: set[str]) -> list[dict]:
    """ "Cllr Erin Eff declared a pecuniary interest in minute 80/21 as the owner of …" →
    Erin Eff: "pecuniary interest as the owner of …", on item 80/21 (when the minutes
    have that item)."""
    found = []
    for sentence in re.split(r"(?<=\.)\s+", paragraph):
        match = DECLARED.match(sentence.strip())
        if not match or not looks_like_name(match.group("who")):
            continue
        interest = f"{match.group('kind')}interest".strip()
        if match.group("why"):
            interest += f" {match.group('why').strip()}"
        item = (match.group("item") or "").lower().rstrip(".")
        found.append(
            {
                "person": people.add(match.group("who")),
                "interest": interest[:1].upper() + interest[1:],
                "item": item if item in items else "",
            }
        )
    return found


def declarations(paragraph: str, people: PeopleSeen) -> list[dict]:
    """ "Declarations of interest were made by Cllr A, who informed the Board he was X, and
    Cllr B who is Y" → A: X and B: Y."""
    if re.search(r"\bno declarations\b|\bnone\b", paragraph, re.IGNORECASE):
        return []
    named = list(
        re.finditer(
            r"(?:Cllr|Councillor)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}(?:\s+(?:MBE|OBE|CBE|JP))?",
            paragraph,
        )
    )
    found = []
    for index, match in enumerate(named):
        end = named[index + 1].start() if index + 1 < len(named) else len(paragraph)
        interest = paragraph[match.end() : end]
        interest = re.sub(r"\s*,?\s*and\s*$", "", interest.strip())
        interest = re.sub(
            r"^,?\s*(?:who\s+)?(?:informed the (?:Board|meeting)\s+(?:that\s+)?)?(?:(?:he|she|they)\s+(?:was|is|were|are)\s+|is\s+|was\s+)?",
            "",
            interest,
        ).strip(" ,.")
        if interest:
            found.append({"person": people.add(match.group(0)), "interest": interest, "item": ""})
    return found


STATUSES = {"present", "apologies", "substitute", "in_attendance"}
ROLL_STATUSES = {
    "present": "present",
    "yes": "present",
    "✓": "present",
    "✔": "present",
    "apologies": "apologies",
    "apologies received": "apologies",
    "substitute": "substitute",
    "in attendance": "in_attendance",
}


def legend_in(lines: list[Line]) -> str:
    """The mark a legend says shows who attended ('" + " indicates attending'), or ""."""
    return next((found.group("mark") for x in lines if (found := c.LEGEND.match(x.text))), "")


def marked_names(text: str, mark: str, people: PeopleSeen) -> tuple[list[dict], bool]:
    """Where a legend says a mark shows who attended, only the marked names on a list of
    everyone attended: "Company - A + / B" names A as present. (rows, whether the line
    was a line of the list)."""
    text = unbullet(text)
    text = re.sub(r"^[^-–—/]+?\s[-–—]\s(?=\S)", "", text)  # "Company - "
    parts = [p.strip() for p in re.split(r"\s*/\s*|,\s*", text) if p.strip()]
    rows = []
    for part in parts:
        if mark in part:
            written = part.replace(mark, " ").strip()
            rows += [
                {"person": people.add(n), "status": "present"} for n in c.names_listed(written)
            ]
    return rows, bool(re.search(r"[A-Z][a-z]+\s+[A-Z]", text))


GRID_PRESENT = re.compile(r"^(?:✓|✔|☑|y|yes|p|present|attended|1|x)$", re.I)
GRID_APOLOGIES = re.compile(
    r"^(?:a|ap|apol|apols|apologies|apologies\s+sent|sent\s+apologies)\.?$", re.I
)


def grid(lines: list[Line], people: PeopleSeen, day) -> list[dict]:
    """Attendance as a grid of members against meetings (a row a member, a column a date or
    month, a mark in each cell): the column of this meeting (its date, else its month, else
    the last), each member's mark read as present or apologies. A cross means present only
    where the grid marks no one with a tick."""
    rows: list[dict] = []
    tables: list[list[list[str]]] = []
    joined = False
    for line in lines:
        if not line.text:
            continue
        if "\t" in line.text:
            cells = [cell.strip() for cell in line.text.split("\t")]
            if joined and tables and len(cells) == len(tables[-1][0][1]):
                tables[-1].append((line.number, cells))
            else:
                tables.append([(line.number, cells)])
            joined = True
        else:
            joined = False
    for table in tables:
        if len(table) < 2:
            continue
        head = table[0][1]
        column = _meeting_column(head, day)
        if column is None:
            continue
        marks = [cells[column] for _, cells in table[1:] if column < len(cells)]
        ticks = any(re.match(r"^[✓✔☑]$", m) for m in marks)
        for number, cells in table[1:]:
            if column >= len(cells) or not c.names_listed(cells[0]):
                continue
            mark = cells[column].strip()
            if GRID_APOLOGIES.match(mark):
                status = "apologies"
            elif GRID_PRESENT.match(mark) and not (ticks and mark.lower() == "x"):
                status = "present"
            else:
                continue  # absent, or not a member yet
            name = c.names_listed(cells[0])[0]
            rows.append({"person": people.add(name), "status": status, "line": number})
    return rows


def _meeting_column(head: list[str], day) -> int | None:
    """Which column of a grid's heading row is this meeting's: its date, else its month;
    None when the heading row is not one of dates or months."""
    from .common import find_date

    if len(head) < 2 or day is None:
        return None
    months = [re.match(r"^([A-Za-z]{3})", cell) for cell in head[1:]]
    dates = [find_date(cell, day.year) for cell in head[1:]]
    for index, found in enumerate(dates, start=1):
        if found == day:
            return index
    if all(m and m.group(1).lower() in MONTHS for m in months):
        for index, m in enumerate(months, start=1):
            if MONTHS.index(m.group(1).lower()) + 1 == day.month:
                return index
    return None


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


# A label for a group of the people listed ("Sectoral Interests:", "Co-opted members:").
GROUP_LABEL = re.compile(r"[A-Z][\w’' &/-]{2,40}:")


def listed(lines: list[Line], people: PeopleSeen, legend: str = "") -> list[dict]:
    """Attendance as lists in the minutes' heading: "Present:", "In attendance:",
    "Apologies:" and the names on the same line or the lines under it."""
    rows: list[dict] = []
    status = ""
    named_under_label = False
    split: list[Line] = []
    for line in lines:
        # "Present: A, B In attendance: C": each list on its own.
        parts = c.EMBEDDED_LABEL.split(line.text) if line.text else [line.text]
        split += [Line(line.number, part.strip(), line.kind, line.level) for part in parts]
    for at, line in enumerate(split):
        if not line.text:
            continue
        deeper = next((x for x in split[at + 1 :] if x.text), None)
        if (
            status
            and line.kind == "list"
            and deeper is not None
            and deeper.kind == "list"
            and deeper.level > line.level
            and not c.names_listed(line.text)
        ):
            continue  # a group of a nested list ("Committee", then its members under it)
        label = c.ATTENDANCE_LABEL.match(line.text)
        if label:
            status = c.attendance_status(label.group("label"))
            found = listed_line(label.group("rest"), status, people, legend)
            named_under_label = bool(found)
            rows += [{**r, "line": line.number} for r in found]
            continue
        if status and GROUP_LABEL.fullmatch(line.text):
            continue  # "Sectoral Interests:": a group's label inside the list, not a person
        if status:
            found = [
                {**r, "line": line.number} for r in listed_line(line.text, status, people, legend)
            ]
            # A roll call's table starts with its header row ("Member", "Attendance"); a note
            # may stand between a list's label and its names.
            table_header = status == "roll_call" and "\t" in line.text
            if not found and not table_header and (named_under_label or line.kind == "list"):
                status = ""
            named_under_label = named_under_label or bool(found)
            rows += found
    return rows


def listed_line(text: str, status: str, people: PeopleSeen, legend: str = "") -> list[dict]:
    """The people one line of an attendance list names, with their status."""
    text = unbullet(text).strip()
    if not text:
        return []
    if legend and status in ("present", "roll_call") and legend in text:
        return marked_names(text, legend, people)[0]
    if (
        legend
        and status in ("present", "roll_call")
        and (c.names_listed(text) or re.search(r"\s[-–—/]\s", text))
    ):
        return [{"person": "", "status": "absent"}]  # on the list, unmarked: not there
    substituted = c.SUBSTITUTED.match(text) or c.SUBSTITUTE_FOR.match(text)
    if substituted:
        members = c.names_listed(substituted.group("member"))
        subs = c.names_listed(substituted.group("sub"))
        if not members or not subs:
            return []
        member = people.add(members[0])
        rows = [{"person": member, "status": "apologies", "override": False}]
        rows += [
            {"person": people.add(sub), "status": "substitute", "substitute_for": member}
            for sub in subs
        ]
        return rows
    roll = c.ROLL_STATUS.match(text)
    if roll:
        names = c.names_listed(roll.group("name"))
        said = ROLL_STATUSES.get(roll.group("status").lower(), "absent")
        return [{"person": people.add(n), "status": said} for n in names[:1]]
    names = c.names_listed(text)
    if not names:
        return []
    if status == "roll_call":
        status = "present"
    staff = c.staff_named(text)
    return [
        {
            "person": people.add(n),
            "status": "in_attendance" if status == "present" and n in staff else status,
        }
        for n in names
    ]


def merge(*sources: list[dict]) -> list[dict]:
    """One row a person; later sources (the appendix) win, keeping who a substitute stood
    in for. Those marked absent are left out: the app records who came or sent apologies."""
    rows: dict[str, dict] = {}
    for source in sources:
        for row in source:
            if row["status"] not in STATUSES:
                continue
            current = rows.get(row["person"])
            if current is None:
                rows[row["person"]] = {
                    "person": row["person"],
                    "status": row["status"],
                    "substitute_for": row.get("substitute_for", ""),
                }
                if row.get("line"):
                    rows[row["person"]]["line"] = row["line"]
            elif row.get("override", True):
                current["status"] = row["status"]
                current["substitute_for"] = row.get("substitute_for") or current["substitute_for"]
    for row in rows.values():
        if row["status"] != "substitute":
            row["substitute_for"] = ""
    return list(rows.values())
