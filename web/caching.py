"""Every stored thing in the site, in one place (README, Performance: "What is stored").

Most readers are the public and board members reading, and most pages change a few times a
week, so rendering each page once per change saves the database a great deal of work. Each
stored thing is keyed on its board's content version, and progress version if it shows
progress (boards/versions.py raises them when a record changes), so nothing is ever deleted:
a change makes a new key, and the old copy expires unread.

- Whole pages (@cached_for_public), for anonymous readers without a session, pending messages
  or credentials: anything personal (drafts, confidential items, history, forms) is never
  stored.
- Fragments of a board's page ({% cache fragment.seconds "name" fragment.vary %}), for every
  reader who may see the same of that board; the reader's own parts are rendered outside them.
  A list's parts, one a record, with {% cache_each %} (web/templatetags/fragments.py).
- Remembered values (Fragment.remember, EveryBoard.remember): what a part of a page that cannot
  be stored is worked out from, such as search results.
- Files made from a page (stored_file): the end-of-year report's PDF, keyed on the page.
- Which stored agenda pack a meeting has (found_pack), keyed on the board's content version;
  the packs themselves are files in Django's storage (papers.packs).
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from boards import versions
from boards.models import Board
from meetings.querysets import board_visibility


@dataclass(frozen=True)
class Fragment:
    """How long a stored part of a board's page may be kept, and what it depends on (for the
    template's {% cache fragment.seconds "name" fragment.vary %})."""

    seconds: int
    vary: str

    def remember(self, name: str, compute: Callable[[], object]) -> object:
        """A value worked out from the board's records for a part of the page that cannot be
        stored (it holds the reader's own form, say): kept as long as the stored parts are."""
        if self.seconds <= 0:
            return compute()
        key = f"fragment-value:{_digest(f'{name}:{self.vary}')}"
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = compute()
            cache.set(key, found, self.seconds)
        return found


_MISSING = object()


def fragment(request: HttpRequest, board, reader, *, shows_progress: bool = True) -> Fragment:
    """The shared, expensive part of a board's page (its lists), stored for signed-in readers
    too. It depends on the board's records (their content version, and progress version if
    the page shows progress), on what the reader may see of the board (not on who they are),
    on the page and its filters and on today's date; the parts that are the reader's own
    (header, edit links, forms) are rendered outside it."""
    visibility = board_visibility(reader, board.pk)
    # The path as well as the filters: one board has a programme page for every year.
    page = _digest(request.get_full_path())[:16]
    version = f"{board.content_version}"
    if shows_progress:
        version += f".{board.progress_version}"
    vary = f"{board.pk}:{version}:{visibility}:{datetime.date.today()}:{page}"
    return Fragment(seconds=settings.PAGE_CACHE_SECONDS, vary=vary)


def fragment_of_every_board(
    request: HttpRequest, reader, *, shows_progress: bool = True
) -> Fragment:
    """The same for a page that lists every board's records (the action log): it depends on
    all the boards' versions, and on which boards' restricted records the reader may see."""
    return every_board(reader).page_fragment(request, shows_progress=shows_progress)


def reader_class(reader) -> str:
    """What a stored part of a page that spans boards depends on besides the records: which
    boards' restricted records the reader may see, and today's date."""
    return f"{_visibility(reader)}:{datetime.date.today()}"


def _visibility(reader) -> str:
    """Which boards' restricted records the reader may see, as a key."""
    if reader.all_boards:
        return "all"
    return ",".join(str(pk) for pk in sorted(reader.board_ids)) or "public"


@dataclass(frozen=True)
class EveryBoard:
    """Values worked out from every board's records for what one reader may see (a search's
    results, say), kept until the records they depend on change: the content of any board,
    and its progress too if they show progress."""

    content: str
    progress: str
    visibility: str

    def remember(self, name: str, compute: Callable[[], object], *, shows_progress: bool):
        return Fragment(
            seconds=settings.PAGE_CACHE_SECONDS,
            vary=f"{self._version(shows_progress)}:{self.visibility}",
        ).remember(name, compute)

    def page_fragment(self, request: HttpRequest, *, shows_progress: bool) -> Fragment:
        """fragment_of_every_board, from versions already read."""
        page = _digest(request.get_full_path())[:16]
        vary = f"{self._version(shows_progress)}:{self.visibility}:{datetime.date.today()}:{page}"
        return Fragment(seconds=settings.PAGE_CACHE_SECONDS, vary=vary)

    def _version(self, shows_progress: bool) -> str:
        return self.content + (f".{self.progress}" if shows_progress else "")


def every_board(reader) -> EveryBoard:
    """Every board's versions, read once (one query) for several values (see EveryBoard)."""
    with_progress = _version(None, shows_progress=True)
    content, progress = with_progress.rsplit(".", 1)
    return EveryBoard(content=content, progress=progress, visibility=_visibility(reader))


def _version(board_slug: str | None, shows_progress: bool = True) -> str | None:
    """The version a stored copy is keyed on. Plain SQL: this runs on every public request,
    and building the ORM's SQL took longer than the database took to answer."""
    table = connection.ops.quote_name(Board._meta.db_table)
    with connection.cursor() as cursor:
        if board_slug is None:
            # Counted as well as summed: a deleted board must not bring back an old sum.
            cursor.execute(
                f"SELECT COUNT(*), SUM(content_version), SUM(progress_version) FROM {table}"
            )
            count, content, progress = cursor.fetchone()
            return f"all:{count}:{content}" + (f".{progress}" if shows_progress else "")
        cursor.execute(
            f"SELECT content_version, progress_version FROM {table} WHERE slug = %s",
            [board_slug],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return f"{board_slug}:{row[0]}" + (f".{row[1]}" if shows_progress else "")


def _may_store(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        # Whoever sends credentials some other way is not the public either.
        and "Authorization" not in request.headers
        and not request.user.is_authenticated
    )


def cached_for_public(view=None, *, shows_progress: bool = True):
    """Serve anonymous readers a stored copy of the page until its board's records change.
    Pages under /boards/<slug>/ key on that board; others on every board. A page that shows
    no progress says so (@cached_for_public(shows_progress=False)) and is kept through
    progress updates."""
    if view is None:
        return lambda view: cached_for_public(view, shows_progress=shows_progress)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_store(request):
            return view(request, *args, **kwargs)
        version = _version(kwargs.get("board_slug"), shows_progress)
        if version is None:  # no such board: the view answers 404
            return view(request, *args, **kwargs)
        # Today's date is in the key because "overdue" and "next meeting" depend on it. The
        # whole address (the API writes its links with the host) and what the reader accepts
        # (the API answers JSON or a browsable page) say which copy this is.
        asked = f"{request.build_absolute_uri()} {request.headers.get('Accept', '')}"
        key = f"page:{version}:{datetime.date.today().isoformat()}:{_digest(asked)}"
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)):
            # An API response, not yet written: write it now, since writing may use a CSRF
            # token (the browsable page does), and then it must not be stored.
            response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        ):
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


# The headers the view itself sets (the middleware adds the rest to every response).
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Vary", "Allow")


# A PDF is made afresh only when the page it is printed from changes.
FILE_SECONDS = 24 * 60 * 60


def stored_file(source: str, make: Callable[[], bytes]) -> bytes:
    """A file made from `source` (the end-of-year report's PDF from its printable page), kept
    under the digest of the source itself: a change to the records or to what the reader may
    see changes the page, and so the key."""
    key = f"file:{_digest(source)}"
    made = cache.get(key)
    if made is None:
        made = make()
        cache.set(key, made, FILE_SECONDS)
    return made


def found_pack(meeting, audience: str, find: Callable[[], object]) -> object:
    """A meeting's agenda pack row (papers.packs.stored_pack) as last found for its board's
    content version: every change to what a pack shows raises that version, so a download
    of a stored pack reads only the meeting, as a stored page does. Needs meeting.board."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return find()
    key = f"agenda-pack:{meeting.pk}:{audience}:{meeting.board.content_version}"
    pack = cache.get(key)
    if pack is None:
        pack = find()
        cache.set(key, pack, settings.PAGE_CACHE_SECONDS)
    return pack


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# Which records the stored things show, and so which boards' versions a change to one of
# them raises. One list for every app: tests/test_page_cache.py fails when a model of the
# project is neither tracked here nor listed as not shown.

# Model → the lookup from one of its records to its board's id; None: the record appears on
# every board's pages (a person may sit on several boards), so every board's version rises.
TRACKED = {
    "boards.Board": "pk",
    "boards.Membership": "board_id",
    "boards.Authority": None,
    "boards.BoardYear": None,
    "boards.Person": None,
    "workplan.WorkProgramme": "board_id",
    "workplan.PriorityTheme": "programme__board_id",
    "workplan.Activity": "theme__programme__board_id",
    "workplan.ProgressUpdate": "activity__theme__programme__board_id",
    "meetings.Meeting": "board_id",
    "meetings.Attendance": "meeting__board_id",
    "meetings.DeclarationOfInterest": "meeting__board_id",
    "meetings.AgendaItem": "meeting__board_id",
    "meetings.ActionFollowUp": "meeting__board_id",
    "meetings.Paper": "agenda_item__meeting__board_id",
    "meetings.PaperFile": "agenda_item__meeting__board_id",
    "meetings.Decision": "agenda_item__meeting__board_id",
    "meetings.Action": "agenda_item__meeting__board_id",
    "meetings.ActivityReport": "agenda_item__meeting__board_id",
    "meetings.NotesCorrection": "meeting__board_id",
    "reports.EndOfYearReport": "programme__board_id",
    "reports.ActivityParagraph": "report__programme__board_id",
    "reports.ReportSection": "report__programme__board_id",
    "reports.ReportVersion": "report__programme__board_id",
    # The meeting page gives a built pack's size and pages.
    "papers.AgendaPack": "meeting__board_id",
}

# Changes that only move a board's progress (boards/versions.py raises its progress version, and
# pages that show no progress stay stored): an officer's update, and the status and RAG rating
# it gives its activity (Activity.post_update saves only those). Any other change to an
# activity, such as its title, which meeting notes show, is a change of content.
PROGRESS_FIELDS = frozenset({"status", "rag", "version", "modified"})
PROGRESS_ONLY = {
    "workplan.ProgressUpdate": lambda update, fields: True,
    "workplan.Activity": lambda activity, fields: (
        fields is not None and frozenset(fields) <= PROGRESS_FIELDS
    ),
}

# Many-to-many links shown on the pages: linking or unlinking raises the versions too.
TRACKED_LINKS = ["meetings.AgendaItem.presenters", "meetings.AgendaItem.activities"]

# Records of the project that no public page shows, and why.
NOT_SHOWN = {
    "boards.BoardRole": "who may change a board's records; only the signed-in reader's own",
    "imports.ImportedDocument": "a draft import, seen only by the board's staff until accepted",
    "reminders.Reminder": "an e-mail to one person; only its recipient sees it",
    "reminders.ReminderOptOut": "a person's own choice of reminders",
    "reminders.PersonalFeed": "the secret address of one person's calendar",
    "reports.ReviewComment": "board members' comments on a sent report: members and staff only",
    "reports.ReportReading": "who opened which version of a report: the board's staff only",
}


def register() -> None:
    for label, board_lookup in TRACKED.items():
        versions.track(apps.get_model(label), board_lookup, PROGRESS_ONLY.get(label))
    for path in TRACKED_LINKS:
        label, field_name = path.rsplit(".", 1)
        versions.track_links(apps.get_model(label)._meta.get_field(field_name))
