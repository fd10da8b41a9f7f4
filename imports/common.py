"""What every parser shares: numbered lines, errors that say where, dates, board years."""

import contextlib
import contextvars
import datetime
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder


class DocumentError(Exception):
    """The document cannot be read fully; nothing is created. The message names the line
    (of the text as read, which the review page numbers the same way) and the reason."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class OverBudget(Exception):
    """Reading a file took longer than the limit allows."""


class Budget:
    """The time one file may take to read and parse. The readers and parsers check it
    between paragraphs, so a file that would take long stops with a clear message."""

    _current: contextvars.ContextVar["Budget | None"] = contextvars.ContextVar(
        "import_budget", default=None
    )

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds if seconds > 0 else float("inf")

    @classmethod
    @contextlib.contextmanager
    def started(cls, seconds: float) -> Iterator["Budget"]:
        """A budget for the work inside, unless one is already running (the outer one counts)."""
        running = cls._current.get()
        if running is not None:
            yield running
            return
        budget = cls(seconds)
        token = cls._current.set(budget)
        try:
            yield budget
        finally:
            cls._current.reset(token)

    @classmethod
    def current(cls) -> "Budget":
        return cls._current.get() or cls(0)

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise OverBudget(
                f"The file took longer than {self.seconds:g} seconds to read, "
                "longer than the importer allows"
            )


def check_time() -> None:
    Budget.current().check()


class Block(str):
    """One block of a document as its reader found it: its text (a str, so every parser reads
    it as a line), and what kind of block it is. Every reader, whatever the format, gives
    the same kinds:
    - "heading", with its level (1 the largest; Markdown's #, HTML's h1, Word's Heading 1,
      a PDF line set larger than the text, a line underlined with ===/---);
    - "paragraph", `strong` when set wholly in bold (or underlined): a heading in all but name;
    - "list", an item of a list, with its depth in `level` (0 the outermost) and its number or
      bullet as printed at the start of the text;
    - "row", a table's row, cells separated by tabs, `header` for the table's heading row;
    - "meta", what a file says about itself rather than what it prints (a site generator's
      front matter): read last, and never as the minutes' own words.
    """

    kind: str
    level: int
    strong: bool
    header: bool

    def __new__(
        cls,
        text: str,
        kind: str = "paragraph",
        level: int = 0,
        strong: bool = False,
        header: bool = False,
    ) -> "Block":
        block = super().__new__(cls, text)
        block.kind, block.level, block.strong, block.header = kind, level, strong, header
        return block

    def again(self, text: str) -> "Block":
        """The same block with its text changed (cleaned, or its furniture taken off)."""
        return Block(text, self.kind, self.level, self.strong, self.header)


def as_block(text: str) -> Block:
    return text if isinstance(text, Block) else Block(text)


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: str = "paragraph"
    level: int = 0
    strong: bool = False
    header: bool = False


@dataclass
class Parsed:
    """A parser's result: the FORMAT.md shapes, plus what a reviewer should look at."""

    data: dict
    warnings: list[str] = field(default_factory=list)


# Word's "save as text" keeps image and bookmark names, and modern.gov's exports wrap each
# agenda item in <AI1>…</AI1>: none of it is the document's text.
MARKERS = re.compile(r"\[(?:image|bookmark): [^\]]*\]")
EXPORT_TAGS = re.compile(r"^</?(?:AI\d+|TRAILER_SECTION)>$")
INLINE_TAGS = re.compile(r"</?(?:i|em|b|strong|p|ul|ol|li|span|u)\b[^>]*>", re.IGNORECASE)
BULLET = re.compile(r"^[·•▪◦\-–]\s*")


def numbered(raw_lines: list[str]) -> list[Line]:
    """The lines cleaned and stripped, keeping their numbers (a removed line stays, blank)."""
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        text = MARKERS.sub("", raw).replace("\u200b", "").strip()
        text = "" if EXPORT_TAGS.match(text) else text
        if isinstance(raw, Block) and text:
            lines.append(Line(number, text, raw.kind, raw.level, raw.strong, raw.header))
        else:
            lines.append(Line(number, text))
    return lines


def plain(text: str) -> str:
    """The words without any markup the readers kept, on one line."""
    return re.sub(r"\s+", " ", INLINE_TAGS.sub(" ", text)).strip()


def unbullet(text: str) -> str:
    return BULLET.sub("", text, count=1).strip()


def is_bullet(text: str) -> bool:
    return bool(re.match(r"^[·•▪◦]\s*|^[-–]\s+", text))


MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
ORDINAL = r"(?:st|nd|rd|th)?"
# Where a date is written, so the date parser is given just that and not the words around
# it (a number in a title is not a day): "Tuesday, 9th October 2012", "5 May 2021",
# "May 5, 2021", "19/10/2023", "2023-10-19". Reading it is python-dateutil's job.
DATE_SPAN = re.compile(
    rf"\b{WEEKDAY}(?:\d{{1,2}}{ORDINAL}\s+(?:of\s+)?{MONTH}\b\.?,?(?:\s+\d{{4}}\b)?"
    rf"|{MONTH}\b\.?\s+\d{{1,2}}{ORDINAL}\b,?(?:\s+\d{{4}}\b)?)"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
TIME = re.compile(
    r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|\b(\d{1,2})[.:](\d{2})\b", re.I
)


@dataclass(frozen=True)
class FoundDate:
    day: datetime.date
    written: str
    year_given: bool


def find_dates(text: str, default_year: int | None = None) -> Iterator[FoundDate]:
    """Every date in the text, in UK or US style, with or without weekday and ordinal. A
    date without its year takes default_year (and says so), or is left out."""
    from dateutil import parser

    for match in DATE_SPAN.finditer(text):
        written = match.group(0)
        words = re.findall(r"[A-Za-z]+", written)
        if any(re.fullmatch(MONTH, w, re.I) and w[0].islower() for w in words):
            continue  # "may 5" in a sentence is not a date: papers capitalise months
        year_given = bool(YEAR.search(written)) or bool(re.search(r"[/.]\d{2}$", written))
        if not year_given and default_year is None:
            continue
        default = datetime.datetime(default_year or 2000, 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
            # ISO 8601 is year, month, day whatever the country.
            iso = _iso_date(written)
            if iso:
                yield FoundDate(iso, written, True)
            continue
        try:
            # Day first, as UK papers write 05/06/2021; dateutil still reads 12/31/2021.
            parsed = parser.parse(written, dayfirst=True, default=default, fuzzy=True)
        except (ValueError, OverflowError, parser.ParserError):
            continue
        yield FoundDate(parsed.date(), written, year_given)


def _iso_date(written: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(written)
    except ValueError:
        return None


def find_date(text: str, default_year: int | None = None) -> datetime.date | None:
    """The first date in the text (see find_dates)."""
    found = next(find_dates(text, default_year), None)
    return found.day if found else None


def find_time(text: str) -> datetime.time | None:
    match = TIME.search(text)
    if not match:
        return None
    hour, minute, half, hour24, minute24 = match.groups()
    if hour24 is not None:
        hour, minute = int(hour24), int(minute24)
    else:
        afternoon = half.lower().startswith("p")
        hour, minute = int(hour) % 12 + (12 if afternoon else 0), int(minute or 0)
    try:
        return datetime.time(hour, minute)
    except ValueError:
        return None


def board_year_label(day: datetime.date) -> str:
    """Board cycles run from September to the summer."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_entry(label: str) -> dict:
    start = int(label[:4])
    return {
        "label": label,
        "starts_on": datetime.date(start, 9, 1),
        "ends_on": datetime.date(start + 1, 8, 31),
    }


YEAR_LABEL = re.compile(r"\b(20\d\d)[/-](\d\d)\b")


def find_year_label(text: str) -> str | None:
    """A board or financial year as the papers write it: 2022/23 or 2022-23."""
    for first, second in YEAR_LABEL.findall(text):
        if (int(first) + 1) % 100 == int(second):
            return f"{first}/{second}"
    return None


def words_key(text: str) -> str:
    """For comparing names and titles as people read them: case, "&", quotes, dashes,
    hyphens and punctuation at the end do not matter."""
    text = plain(text).lower().replace("&", " and ")
    text = re.sub(r"[‘’`´]", "'", text)
    text = re.sub(r"[–—-]", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def same_board(written: str, board) -> bool:
    wanted = {words_key(board.name), words_key(board.short_name or board.name)}
    key = re.sub(r" meeting$", "", re.sub(r"^the ", "", words_key(written)))
    # "the Parish Council" in the minutes of Hilltop Parish Council is the same body.
    return (
        key in wanted
        or any(key.startswith(w) for w in wanted if w)
        or any(w.endswith(f" {key}") for w in wanted if key)
    )


def first_sentence(text: str) -> tuple[str, str]:
    """Split off the first sentence, when there is more than one: activities in the
    papers are a sentence of what will be done, then any explanation."""
    match = re.match(r"^(.{20,}?[.;])\s+(?=[A-Z(])(.+)$", text)
    if match and len(match.group(1).split()) >= 5:
        return match.group(1).strip(), match.group(2).strip()
    return text.strip(), ""


DATE_KEYS = {"date", "starts_on", "ends_on", "next_meeting_on", "due", "agreed_on"}


def to_json(data: dict) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def from_json(data):
    """Dates back from the ISO strings JSON keeps them as."""
    if isinstance(data, list):
        return [from_json(value) for value in data]
    if not isinstance(data, dict):
        return data
    revived = {}
    for key, value in data.items():
        if key in DATE_KEYS and isinstance(value, str) and value:
            revived[key] = datetime.date.fromisoformat(value)
        elif key == "start_time" and isinstance(value, str) and value:
            revived[key] = datetime.time.fromisoformat(value)
        else:
            revived[key] = from_json(value)
    return revived
