"""Stored copies of the public pages, for readers who are not signed in.

Most readers are the public and board members reading, and most pages change a few times a
week, so rendering each page once per change saves the database a great deal of work.

Each board carries a content version in the database. Saving or deleting any of its records
raises it once the transaction commits; a stored page's key includes the version, so every
server process sees the change on its next request and nothing needs deleting. Records that
appear on every board's pages (people, authorities, board years) raise every board's version.
Pages that span boards (home, people, the action log) key on all the versions together.

Progress moves far more often than anything else (officers post updates many times a year),
and most pages do not show it. So a change that only moves progress (an update, and the
status and RAG rating it gives its activity) raises the board's progress version instead,
and pages that show no progress (meeting notes, the action log, calendars, registers) key on
the content version alone: posting an update does not replace them.

Only anonymous readers without a session or pending messages are served stored copies:
anything personal (drafts, confidential items, history, forms) is never stored.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpRequest, HttpResponse

# Model → the lookup from it to its board's id, as pages/stored_pages.py registers them.
_BOARD_LOOKUPS: dict[type[models.Model], str] = {}
_SHARED: set[type[models.Model]] = set()
# Model → whether a change to one of its records (given the fields saved, None for all) only
# moves progress.
_PROGRESS_ONLY: dict[type[models.Model], Callable[[models.Model, frozenset | None], bool]] = {}


def track(
    model: type[models.Model],
    board_lookup: str | None,
    progress_only: Callable[[models.Model, frozenset | None], bool] | None = None,
) -> None:
    """Raise the version of `model`'s board when one of its records changes; with no lookup,
    the record is shared between boards and every board's version is raised. When
    `progress_only` says a change only moves progress, the progress version is raised."""
    if board_lookup is None:
        _SHARED.add(model)
    else:
        _BOARD_LOOKUPS[model] = board_lookup
    if progress_only is not None:
        _PROGRESS_ONLY[model] = progress_only
    uid = f"page-cache-{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def track_links(field: models.ManyToManyField) -> None:
    """Raise the versions when records are linked or unlinked through `field`."""
    m2m_changed.connect(
        _linked, sender=field.remote_field.through, dispatch_uid=f"page-cache-{field}"
    )


def records_changed(board_ids: Iterable[int] | None, *, progress_only: bool = False) -> None:
    """Raise the given boards' versions (None: every board's) once the transaction commits,
    so no reader can store the old content under the new version."""
    from .models import Board

    boards = Board.objects.all() if board_ids is None else Board.objects.filter(pk__in=board_ids)
    version = "progress_version" if progress_only else "content_version"
    transaction.on_commit(lambda: boards.update(**{version: F(version) + 1}))


def _progress_only(instance: models.Model, update_fields=None) -> bool:
    rule = _PROGRESS_ONLY.get(type(instance))
    return rule is not None and rule(instance, update_fields)


def _board_ids(instance: models.Model) -> list[int] | None:
    model = type(instance)
    if model in _SHARED:
        return None
    lookup = _BOARD_LOOKUPS[model]
    if "__" not in lookup:  # on the record itself: no query
        return [getattr(instance, lookup)]
    loaded = _through_loaded_records(instance, lookup)
    if loaded is not None:  # the records it points to are in memory already: no query
        return [loaded]
    return [
        pk
        for pk in model._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True)
        if pk is not None
    ]


def _through_loaded_records(instance: models.Model, lookup: str) -> int | None:
    """The board id at the end of `lookup`, if every record on the way is already loaded
    (Django forgets a loaded record when the key pointing to it changes); else None."""
    *path, board_id = lookup.split("__")
    record = instance
    for name in path:
        field = record._meta.get_field(name)
        if not field.is_cached(record):
            return None
        record = field.get_cached_value(record)
        if record is None:
            return None
    return getattr(record, board_id)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    # A fixture load (raw) may save a record before the ones it points to: raise them all.
    if raw:
        records_changed(None)
    else:
        progress_only = _progress_only(instance, update_fields)
        records_changed(_board_ids(instance), progress_only=progress_only)


def _linked(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        records_changed(_board_ids(instance))


def _deleting(sender, instance, **kwargs) -> None:
    # After the delete the row cannot say which board it belonged to.
    instance._page_cache_boards = _board_ids(instance)


def _deleted(sender, instance, **kwargs) -> None:
    records_changed(
        getattr(instance, "_page_cache_boards", None), progress_only=_progress_only(instance)
    )


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
    visibility = "full" if reader.can_see_restricted(board.pk) else "public"
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
    page = _digest(request.get_full_path())[:16]
    vary = f"{_version(None, shows_progress)}:{_visibility(reader)}:{datetime.date.today()}:{page}"
    return Fragment(seconds=settings.PAGE_CACHE_SECONDS, vary=vary)


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
        version = self.content + (f".{self.progress}" if shows_progress else "")
        return Fragment(
            seconds=settings.PAGE_CACHE_SECONDS, vary=f"{version}:{self.visibility}"
        ).remember(name, compute)


def every_board(reader) -> EveryBoard:
    """Every board's versions, read once (one query) for several values (see EveryBoard)."""
    with_progress = _version(None, shows_progress=True)
    content, progress = with_progress.rsplit(".", 1)
    return EveryBoard(content=content, progress=progress, visibility=_visibility(reader))


def _version(board_slug: str | None, shows_progress: bool = True) -> str | None:
    """The version a stored copy is keyed on. Plain SQL: this runs on every public request,
    and building the ORM's SQL took longer than the database took to answer."""
    from .models import Board

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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
