"""How councils, parish councils and boards write their minutes: item numbers, resolutions,
actions, attendance lists and exempt business. The notes parser asks these questions of
each line; they know nothing of the file's format.
"""

import re

from .common import find_date

# --- Item numbers -------------------------------------------------------------------------

# "1", "39.", "8.a)", "7.1", "21.44", "77/21", "204/19", "15/03/1", each perhaps after
# "Item", "Agenda item" or "Minute" ("Minute 12", "Item 15/03/1").
NUMBER = r"\d{1,4}(?:/\d{1,4}){1,2}|\d{1,3}(?:\.\d{1,3})?(?:\.?[a-z](?![a-z]))?"
ITEM = re.compile(
    rf"^(?P<prefix>(?:Agenda\s+)?Item\s+(?:No\.?\s*)?|Minute\s+(?:No\.?\s*)?|Min\.?\s+|"
    # A committee's letters before the number: "PC 23/45", "FIN/12", "HWB.7", "P&R-3".
    rf"(?-i:[A-Z][A-Z&]{{0,5}})(?:\s|/|\.|-)(?=\d))?"
    rf"(?P<number>{NUMBER})(?:[.):]|\s*[-–—](?=\s))?"
    # A page's number and title in separate elements may come out with no space: "39.Apologies".
    rf"(?:(?:\s+|(?<=[.)])(?=[A-Z])|(?<=\d)(?=[A-Z][a-z]{{2}}))(?P<title>\S.*))?$",
    re.IGNORECASE,
)
SUB_LETTER = re.compile(r"^\(([a-z]|[ivx]{1,4})\)\s+(.*)$")


def item_number(text: str) -> tuple[str, str, bool] | None:
    """(number, title, whether "Item"/"Minute" said it is one) when the line could start an
    item; the title may be "" when it is printed on the next line."""
    match = ITEM.match(text)
    if not match:
        return None
    number = match.group("number").lower().rstrip(".")
    title = (match.group("title") or "").strip()
    if len(number) > 10:
        return None
    if title and not looks_like_title(title):
        return None
    if title and find_date(text[: match.end("number") + 12]) and not match.group("prefix"):
        return None  # "9 November 2021" is the meeting's date, not item 9
    return number, title, bool(match.group("prefix"))


SENTENCE_START = {"The", "A", "An", "It", "He", "She", "They", "This", "These", "There", "We"}
SMALL_WORDS = {"of", "and", "the", "for", "to", "on", "in", "a", "an", "at", "with", "from", "by"}
SMALL_WORDS |= {"&", "–", "-", "or", "re", "de", "le", "la", "upon", "into", "per", "vs"}


RUN_IN_MARK = re.compile(r"^(.{3,150}?)(?:\s*:\s+|\s{2,}|\s+[-–—]\s+)(\S.*)$")


def run_in(text: str) -> tuple[str, str, str] | None:
    """(number, title, text) for a numbered line whose title runs on into its text: "6. Approval
    of Minutes The minutes of the meeting … were confirmed", "7.1 Chairman's Report: The
    Chairman had …". The title ends at a colon, a dash or a wide space; else where the words
    stop being a title's (the first lower-case word that is not a small one, less a word that
    starts a sentence); else it is the whole first sentence."""
    match = ITEM.match(text)
    if not match or not match.group("title"):
        return None
    number = match.group("number").lower().rstrip(".")
    body = match.group("title").strip()
    if len(number) > 10 or not re.match(r"^(?:[A-Z“\"'‘(]|(?:19|20)\d\d\s+[A-Z])", body):
        return None
    if find_date(text[: match.end("number") + 12]) and not match.group("prefix"):
        return None
    split = RUN_IN_MARK.match(body)
    if split and len(split.group(1).split()) <= 14:
        return number, split.group(1).strip(), split.group(2).strip()
    words = body.split()
    capitalised = [w for w in words[:4] if w.lower() not in SMALL_WORDS]
    if len([w for w in capitalised if w[:1].isupper()]) < min(2, len(capitalised)):
        # A title in sentence case ("Adjourn the meeting to allow for comments The Chair …"):
        # it ends where a new sentence or a person starts.
        end = re.search(
            r"\s(?=(?:The|A|An|It|He|She|They|This|There|We|Cllrs?\.?|Councillors?|Mr|Mrs|Ms)\s)"
            r"|(?<=[.!?])\s",
            body,
        )
        if end and 2 <= len(body[: end.start()].split()) <= 20:
            return number, body[: end.start()].rstrip(" .,;"), body[end.start() :].strip()
    title: list[str] = []
    sentence_starts = False
    for index, word in enumerate(words):
        bare = word.strip("“”\"'‘’(),")
        if bare[:1].islower() and bare not in SMALL_WORDS:
            if title and title[-1] in SENTENCE_START:
                title.pop()
                sentence_starts = True
            elif len(title) < 2:
                title = []
            break
        title.append(word)
        if index >= 20:
            title = []
            break
    else:
        title = []  # all title-like: the line is its title
    if title and not sentence_starts:
        # "… on Mill Lane The Clerk agreed to …": a new sentence starts at "The".
        starts = [i for i, word in enumerate(title) if i >= 2 and word in SENTENCE_START]
        if starts:
            title, sentence_starts = title[: starts[-1]], True
    if title:
        # The text keeps the title's words unless a new sentence starts after them: "Election
        # of Chairman David Smith was elected" reads on.
        rest = body[len(" ".join(title)) :].strip() if sentence_starts else body
        return number, " ".join(title).rstrip(",;"), rest
    sentence = re.match(r"^(.+?[.!?])(?:\s+(?=[A-Z])(.*))?$", body)
    if sentence and len(sentence.group(1)) <= 250:
        return number, sentence.group(1).rstrip("."), body
    return None


def looks_like_title(title: str) -> bool:
    """An item's title is short and starts with a capital; a sentence in the minutes ("45
    people attended.", "1. The Board noted the report and agreed to …") is not one."""
    words = title.split()
    if not re.match(r"^[A-Z“\"'(‘]", title) or len(title) > 200:
        return False
    if title.endswith(".") and len(words) > 8:
        return False
    if re.match(r"^(?:am|pm|a\.m\.|p\.m\.)\b", title, re.I):
        return False
    return not re.match(r"^[A-Z][a-z]+ (?:\d{4}|\d{1,2}(?:st|nd|rd|th)?,? \d{4})\b", title)


def number_key(number: str) -> tuple:
    """For comparing numbers: "77/21" < "78/21", "8" < "8.a" < "8.b" < "9", "21.44" < "21.45"."""
    return tuple(
        int(part) if part.isdigit() else ord(part) for part in re.findall(r"\d+|[a-z]", number)
    )


def follows(previous: str, number: str, trusted: bool) -> bool:
    """Item numbers only go up, and not by much: "4" cannot follow "6", so a "4 …" line in
    the text of item 6 is not an item, nor is "45 Members …" after item 3. Gaps of several
    happen (items withdrawn, exempt items left out); "Item"/"Minute" may jump further."""
    before, after = number_key(previous), number_key(number)
    if not after or after <= before:
        return False
    # For minute/year numbering ("77/21") the first part is the minute, which goes up too.
    return after[0] - before[0] <= (30 if trusted else 10)


# --- Decisions and actions ------------------------------------------------------------------

DECISION = re.compile(
    r"^(?:And\s+)?(?:It\s+was\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decisions?|"
    r"Decided|DECIDED)\b\s*(?:unanimously\s*)?(?P<mark>[:\-–—.]\s*)?(?P<rest>.*)$"
)
# "The Board agreed to …", "Members agreed that …", "The Committee RESOLVED that …".
AGREED_SENTENCE = re.compile(
    r"^(?:The\s+)?(?:Board|Committee|Council|Members|Cabinet|Panel|Sub-Committee|Meeting|"
    r"Parish Council|Town Council|Partnership|Trustees|Directors)\s+(?:unanimously\s+)?"
    r"(?:agreed|resolved|approved|decided)\b",
    re.IGNORECASE,
)
MOTION = re.compile(r"^(?:A\s+)?Motion\b.*\b(?:carried|CARRIED|agreed|approved)\b", re.I)
ACTION = re.compile(
    r"^(?:Action\s+(?:item|point)s?|ACTIONS?|Actions?)\b\s*"
    r"(?:(?:\(|\bby\s+)?(?P<owner>[A-Z]{2,4}(?:\s*(?:/|&|,|and)\s*[A-Z]{2,4})*)\)?(?=\s*[:\-–—]))?"
    r"\s*[:\-–—]?\s*(?P<rest>.*)$"
)
OWNER_SENTENCE = re.compile(
    r"^(?P<owner>(?:The\s+)?(?:Cllr\.?\s+|Councillor\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
    r"\s+to\s+(?=[a-z])"
)
DUE = re.compile(
    r"(?:\bby\b|\bdue\b:?|\bdeadline\b:?|\bbefore\b)\s+(?P<when>[^.;]{3,40})$", re.IGNORECASE
)
LIST_ITEM = re.compile(r"^(?:[·•▪◦\-–*]\s*|\(?[a-z][.)]\s+|\(?[ivx]{1,4}[.)]\s+|\d{1,2}[.)]\s+)")


def decision_text(text: str) -> str | None:
    """What was decided, when the line records a decision; "" when it only opens a list."""
    match = DECISION.match(text)
    if match and not re.match(r"^Agreed\s+the\s+(?:notes|minutes)\b", text, re.I):
        rest = match.group("rest").strip()
        if re.fullmatch(r"[\w./()-]*\d[\w./()-]*:?", rest):
            return ""  # "Resolved 15/03/13.04": the resolution's number, its words below
        marked = (match.group("mark") or "").strip() in (":", "-", "–", "—")
        if (
            re.match(r"^[a-z]", rest)
            and not marked
            and not re.match(r"^(?:that|to|unanimously)\b", rest)
        ):
            return None  # "Agreed actions were …" is a sentence about something else
        return rest[:1].upper() + rest[1:]  # "RESOLVED that the …" → "That the …"
    if AGREED_SENTENCE.match(text) and text.endswith(":") and len(text.split()) <= 6:
        return ""  # "The Committee RESOLVED:" opens the list of what was resolved
    if AGREED_SENTENCE.match(text) or MOTION.match(text):
        return text
    return None


# "The Clerk will write to the highways team. ACTION: Clerk" — the owner after the words.
TRAILING_ACTION = re.compile(
    r"^(?P<rest>.{10,}?[.;])\s+(?:ACTION|Action)\s*(?:by\s*)?[:\-–—]\s*(?P<owner>[A-Z][\w’' &/,-]{0,40}?)\.?$"
)


def action_parts(text: str) -> tuple[str, str] | None:
    """(owner as written, what is to be done) when the line records an action."""
    trailing = TRAILING_ACTION.match(text)
    if trailing:
        return trailing.group("owner").strip(), trailing.group("rest").strip()
    match = ACTION.match(text)
    if not match or (not match.group("owner") and not re.search(r"[:\-–—]|^ACTION", text)):
        return None
    return (match.group("owner") or "").strip(), match.group("rest").strip()


def owner_in(text: str) -> str:
    """ "Clerk to write to …" → "Clerk"; "Cllr Smith to …" → "Cllr Smith"."""
    match = OWNER_SENTENCE.match(text)
    return match.group("owner") if match else ""


def due_in(text: str, default_year: int | None) -> tuple[str, object]:
    """The text without its "by 30 June 2021", and that date; or the text and None."""
    match = DUE.search(text.rstrip(". "))
    if match:
        day = find_date(match.group("when"), default_year)
        if day:
            return text[: match.start()].rstrip(" ,;"), day
    return text, None


def initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Z][\w’'-]*", name)).upper()


# --- Exempt business ------------------------------------------------------------------------

EXEMPT = re.compile(
    r"Schedule\s+12A|exempt\s+information|exclusion\s+of\s+(?:the\s+)?press|"
    r"press\s+and\s+(?:the\s+)?public\s+(?:be|were)\s+excluded|exclude\s+the\s+press|"
    r"\bPart\s+(?:B|2|II)\b|"
    r"\bprivate\s+(?:and\s+confidential|session|business)\b|^Confidential\b|\(confidential\)|"
    r"\bin\s+camera\b",
    re.IGNORECASE,
)
# A resolution, under any item, that the rest of the meeting is held in private.
EXCLUDED = re.compile(
    r"press\s+and\s+(?:the\s+)?public\s+be\s+excluded|exclude\s+the\s+press\s+and\s+(?:the\s+)?public",
    re.I,
)
EXCLUSION = re.compile(r"exclusion\s+of\s+(?:the\s+)?press|press\s+and\s+(?:the\s+)?public", re.I)
PART_HEADING = re.compile(
    r"^(?:PART\s+(?:B|2|II)\b|Part\s+(?:B|2|II)\b|Private\s+business|Confidential\s+business|"
    r"Exempt\s+(?:items|business))",
    re.IGNORECASE,
)


def exempt_reason(texts: list[str]) -> str:
    """Why an item is exempt, in the minutes' words: the sentence naming Schedule 12A and
    its paragraph if there is one."""
    for text in texts:
        match = re.search(r"[^.]*Schedule\s+12A[^.]*\.?", text, re.I)
        if match:
            return match.group(0).strip()[:300]
    for text in texts:
        if EXEMPT.search(text):
            return text.strip()[:300]
    return ""


# --- Attendance -------------------------------------------------------------------------------

ATTENDANCE_LABEL = re.compile(
    r"^(?P<label>(?:Members|Councillors|Trustees|Directors|Board\s+members)\s+present|"
    r"Present\s+in\s+the\s+chair|In\s+the\s+chair|Present|"
    r"Officials(?:\s+(?:present|in\s+attendance))?|Staff(?:\s+present|\s+in\s+attendance)?|"
    # "The following members were present:", "Those present were:", "Apologies were received
    # from:" - a sentence that introduces the list under it.
    r"The\s+following\s+(?:[\w-]+\s+){0,3}(?:were|was)\s+(?:present|in\s+attendance|absent)|"
    r"The\s+following\s+(?:[\w-]+\s+){0,3}(?:sent|gave|offered)\s+(?:their\s+)?apologies|"
    r"Those\s+(?:present|in\s+attendance)\s+were|Apologies\s+were\s+received\s+from|"
    r"Those\s+attending|Attending|Persons\s+present|(?:Councillors|Members)\s+attending|"
    r"In\s+attendance|Also,?\s+(?:present|in\s+attendance)|Officers(?:\s+(?:present|in\s+attendance))?|"
    r"Apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received(?:\s+from)?)?|"
    r"Apologies\s+from|Substitutes?|Substitute\s+members?|Absent|"
    r"(?:Other|Additional|Also)\s+(?:attendees|attending|participants)|Attendees|Participants|"
    r"Roll\s+call(?:\s*/\s*attendance)?|Attendance(?:\s*/\s*roll\s+call)?|"
    r"Voting\s+members(?:\s+present|\s+of\s+(?:the\s+)?[A-Z][\w&]*)?|Members(?:\s+of\s+the\s+\w+)?\s+present)\s*(?::|[-–—]\s|$|(?=\s+(?:(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Dr)\.?\s+)?"
    r"[A-Z][\w’'-]+\s+[A-Z][\w’'-]+\s*,))\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A second list run on into the first: "Present: A, B In attendance: C."
EMBEDDED_LABEL = re.compile(
    r"(?<=[\w).,;])\s+(?=(?:In\s+attendance|Also,?\s+(?:present|in\s+attendance)|Apologies"
    r"(?:\s+for\s+absence)?|Absent|Officers\s+present|Substitutes?)\s*:)"
)


def attendance_status(label: str) -> str:
    label = label.lower()
    if label.startswith(("the following", "those", "apologies were")) and "attending" not in label:
        for word, status in (("apolog", "apologies"), ("attendance", "in_attendance")):
            if word in label:
                return status
        return "absent" if "absent" in label else "present"
    if label.startswith("apolog"):
        return "apologies"
    if label.startswith("substitut"):
        return "substitute"
    if label.startswith(
        ("in attendance", "also", "officer", "official", "staff", "other", "additional")
    ):
        return "in_attendance"
    if label.startswith("absent"):
        return "absent"
    if label.startswith("roll"):
        return "roll_call"
    return "present"


ROLL_STATUS = re.compile(
    r"^(?P<name>.+?)\s*(?:\t+|\s[-–—:]\s|\s{2,})\s*(?P<status>present|absent|apologies|"
    r"apologies\s+received|yes|no|substitute|in\s+attendance|✓|✔|x)\.?$",
    re.IGNORECASE,
)
SUBSTITUTED = re.compile(
    r"^(?P<member>.+?)\s+[-–—]\s+(?P<sub>.+?)\s+(?:substituted|substituting|as\s+substitute)\.?$",
    re.IGNORECASE,
)
SUBSTITUTE_FOR = re.compile(
    r"^(?P<sub>.+?)\s+(?:was|were|attended)\s+(?:present\s+)?as\s+(?:a\s+)?substitutes?\s+for\s+"
    r"(?P<member>.+?)\.?$",
    re.IGNORECASE,
)
# "A, B & C" as "A, B and C".
NAME_SPLIT = re.compile(r"\s*[;,]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+|\s*\t+\s*")
HONORIFIC = r"(?:Cllrs?\.?|Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Sir|Dame|Lord|Lady|Rev(?:erend)?)"
NAME_WORD = r"[A-Z][\w’'-]*\.?"
PERSON = re.compile(
    rf"^(?:{HONORIFIC}\s+(?:{NAME_WORD}\s+){{0,3}}|(?:{NAME_WORD}\s+){{1,3}})[A-Z][\w’'-]+"
    r"(?:\s+(?:MBE|OBE|CBE|JP|DL))?$"
)


# Organisations and roles on attendance lists, beside the names: "Sam Ure, Riverside Council".
NOT_A_PERSON = re.compile(
    r"\b(?:Council|Police|Service|Services|Board|Authority|Partnership|Trust|NHS|Association|"
    r"Borough|County|District|Fire|Rescue|Group|Team|Department|Agency|Office|Ltd|Limited|"
    r"Members?|Officers?|Public|Present|Apologies|Absent|Attendance|Government|University|"
    r"College|School|Hospital|Society|Institute|Foundation|Company|Network|Commission|"
    r"Ministry|Consortium|Committee|Centre|Center|Library|Housing|Health|Care|UHB|CCG|PCC|"
    # Roles written where names are: "Executive Engineer", "Administrative Officer".
    r"Engineer|Director|Manager|Administrative|Executive|Assistant|Secretary|Treasurer|Clerk|"
    r"Chairman|Chairperson|Mayor|Coordinator|Co-ordinator|Adviser|Advisor|Inspector|Warden)\b"
)


NAME_AND_ORGANISATION = re.compile(
    r"^(?P<a>[^,;]+?)\s*(?:\t+\s*[-–—]?\s*|\s+[-–—]\s+)(?P<b>[^\t,;]+)$"
)


def _person_side(text: str) -> str:
    """ "Name - organisation" or "Organisation - Name": the side that names a person."""
    pair = NAME_AND_ORGANISATION.match(text.strip())
    if not pair:
        return text
    a, b = pair.group("a").strip(), pair.group("b").strip(" -–—\t")
    a_person = bool(PERSON.match(a)) and not NOT_A_PERSON.search(a)
    b_person = bool(PERSON.match(b)) and not NOT_A_PERSON.search(b)
    if a_person and not b_person:
        return a
    if b_person and not a_person:
        return b
    if a_person and b_person and re.search(r"\b(?:UHB|Ltd|Inc|plc|LLP|CIC)\b|^[A-Z]{2,}$", b):
        return a
    return text


STAFF_ROLE = re.compile(
    r"\b(?:clerk|secretary|treasurer|officer|minute[- ]?taker|administrator|RFO|"
    r"responsible (?:financial )?(?:officer|person)|manager|director)\b",
    re.I,
)


# A councillor of another council than the one meeting ("County Councillor A Bee" at a
# parish council): they attend and report, they are not its members.
OTHER_COUNCIL = r"(?:County|District|Borough|City|Regional)"


# The council someone comes from, after their name: "Cllr M Storey - NCC", "Cllr A Bee
# (District Council)": a councillor of another council, who attends.
COUNCIL_ROLE = re.compile(
    rf"^(?:[A-Z]{{2,5}}C|{OTHER_COUNCIL}\s+Council(?:lor)?|[\w ]{{2,40}}\s+(?:County|District|"
    r"Borough)\s+Council)\.?$"
)


def staff_named(text: str) -> set[str]:
    """The names in a list who attend without being members: those whose role, in brackets
    or after a dash, is a staff one ("Helen Richardson (Parish Clerk)", "Jo Bloggs - Clerk",
    "Mrs J A Taylor (Clerk)") and councillors of another council ("County Councillor A
    Bee"). Each listed name is looked for with what follows it, so names
    run together without commas and names written with initials are read alike."""
    staff = set()
    for written in names_listed(text):
        role = re.search(re.escape(written) + r"\s*(?:\(([^)]*)\)|[-–—]\s*([^,;()]+))", text)
        said = role and (role.group(1) or role.group(2) or "")
        bare = re.sub(rf"^{HONORIFIC}\.?\s+", "", written)
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w’'-]*", bare))
        council = said and COUNCIL_ROLE.match(said.strip())
        if council and not initials.endswith(said.strip().rstrip(".")):
            staff.add(written)  # a councillor of another council, not the person's initials
        staff_role = said and STAFF_ROLE.search(said)
        if staff_role or re.search(rf"\b{OTHER_COUNCIL}\s+{re.escape(written)}", text):
            staff.add(written)
    return staff


# A legend that marks who attended in a list of everyone: '" + " indicates attending',
# "✓ = present", "* denotes attended".
LEGEND = re.compile(
    r"^[\"“']?\s*(?P<mark>[^\w\s\"“”']{1,2}|\([a-z]\))\s*[\"”']?\s*(?:indicates|denotes|=|means|:)\s+"
    r"(?:attending|attended|present|in\s+attendance)\b",
    re.I,
)


def names_listed(text: str) -> list[str]:
    """ "Cllr A Bee (Chair), Cllr C Dee and Mrs E Eff (Clerk)" → the three names as written,
    without the roles in brackets. Anything that is not a name is left out."""
    # "Executive Engineer (Mr. M. Collins)": the name is in the brackets, the role before.
    text = re.sub(
        rf"(?:^|(?<=,))[^,(]*\(\s*({HONORIFIC}\.?\s[^)]*)\)",
        lambda m: " " + m.group(1),
        text,
    )
    # "… and 3 members of the public", "Borough Councillor A Bee": not names, not titles.
    text = re.sub(
        r"\b(?:and\s+)?(?:\d+|one|two|three|four|five|six|several)\s+members?\s+of\s+the\s+public\b",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(
        rf"\b(?:Borough|County|District|Parish|Town|City|Community)\s+(?={HONORIFIC}\s)", "", text
    )
    stripped = re.sub(r"\([^)]*\)", "", text).strip(" .;:")
    side = _person_side(stripped)
    if side != stripped:
        text = side
    else:
        # A role in brackets ends a name: "Cllr A Bee (Chair) Cllr C Dee".
        text = re.sub(r"\([^)]*\)", ",", text).strip(" .;:,")
        text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", text)
    shared = ""
    plural = re.match(r"^(Cllrs|Councillors)\s+", text)
    if plural:
        shared, text = "Cllr ", text[plural.end() :]
    names = []
    if len(re.findall(rf"(?:^|\s){HONORIFIC}\s", text)) >= 2:
        # "Cllr A Bee Cllr C Dee Cllr E Eff": each honorific starts a name.
        text = re.sub(rf"(?<!\band)(?<=[\w.)])\s+(?={HONORIFIC}\s)", ", ", text)
    # "Cllr Janet Taylor Helen Richardson": a second name run on after a first.
    text = re.sub(
        rf"\b({HONORIFIC}\.?\s+[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)\s+(?=[A-Z][a-z][\w’'-]*\s+[A-Z][\w’'-]+\b)",
        r"\1, ",
        text,
    )
    for part in NAME_SPLIT.split(text):
        # An organisation's letters before or after a name: "NCC Chris Philpott", "Ann Bee NCC".
        part = re.sub(r"^(?:[A-Z]{2,8}\s+)+(?=[A-Z][a-z])|(?:\s+[A-Z]{2,8})+$", "", part.strip())
        part = re.sub(r"\s+", " ", part).strip(" .;:-–")
        part = re.sub(r"\s+[-–—]\s*.*$", "", part)  # a role after a dash, spaced or not
        if part and PERSON.match(shared + part) and not NOT_A_PERSON.search(part):
            names.append(part if re.match(HONORIFIC, part) else shared + part)
    return names
