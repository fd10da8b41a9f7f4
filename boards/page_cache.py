"""Stored copies of the public pages, for readers who are not signed in.

Most readers are the public and board members reading, and most pages change a few times a
week, so rendering each page once per change saves the database a great deal of work.

Each board carries a content version in the database. Saving or deleting any of its records
raises it once the transaction commits; a stored page's key includes the version, so every
server process sees the change on its next request and nothing needs deleting. Records that
appear on every board's pages (people, authorities, board years) raise every board's version.
Pages that span boards (home, people, the action log) key on all the versions together.

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


def track(model: type[models.Model], board_lookup: str | None) -> None:
    """Raise the version of `model`'s board when one of its records changes; with no lookup,
    the record is shared between boards and every board's version is raised."""
    if board_lookup is None:
        _SHARED.add(model)
    else:
        _BOARD_LOOKUPS[model] = board_lookup
    uid = f"page-cache-{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def track_links(field: models.ManyToManyField) -> None:
    """Raise the versions when records are linked or unlinked through `field`."""
    m2m_changed.connect(
        _linked, sender=field.remote_field.through, dispatch_uid=f"page-cache-{field}"
    )


def records_changed(board_ids: Iterable[int] | None) -> None:
    """Raise the given boards' versions (None: every board's) once the transaction commits,
    so no reader can store the old content under the new version."""
    from .models import Board

    boards = Board.objects.all() if board_ids is None else Board.objects.filter(pk__in=board_ids)
    transaction.on_commit(
        lambda: boards.update(content_version=F("content_version") + 1),
    )


def _board_ids(instance: models.Model) -> list[int] | None:
    model = type(instance)
    if model in _SHARED:
        return None
    lookup = _BOARD_LOOKUPS[model]
    if "__" not in lookup:  # on the record itself: no query
        return [getattr(instance, lookup)]
    return [
        pk
        for pk in model._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True)
        if pk is not None
    ]


def _saved(sender, instance, raw=False, **kwargs) -> None:
    # A fixture load (raw) may save a record before the ones it points to: raise them all.
    records_changed(None if raw else _board_ids(instance))


def _linked(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        records_changed(_board_ids(instance))


def _deleting(sender, instance, **kwargs) -> None:
    # After the delete the row cannot say which board it belonged to.
    instance._page_cache_boards = _board_ids(instance)


def _deleted(sender, instance, **kwargs) -> None:
    records_changed(getattr(instance, "_page_cache_boards", None))


@dataclass(frozen=True)
class Fragment:
    """How long a stored part of a board's page may be kept, and what it depends on (for the
    template's {% cache fragment.seconds "name" fragment.vary %})."""

    seconds: int
    vary: str


def fragment(request: HttpRequest, board, reader) -> Fragment:
    """The shared, expensive part of a board's page (its lists), stored for signed-in readers
    too. It depends on the board's records (their content version), on what the reader may
    see of the board (not on who they are), on the page and its filters and on today's
    date; the parts that are the reader's own (header, edit links, forms) are rendered
    outside it."""
    visibility = "full" if reader.can_see_restricted(board.pk) else "public"
    # The path as well as the filters: one board has a programme page for every year.
    page = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    vary = f"{board.pk}:{board.content_version}:{visibility}:{datetime.date.today()}:{page}"
    return Fragment(seconds=settings.PAGE_CACHE_SECONDS, vary=vary)


def fragment_of_every_board(request: HttpRequest, reader) -> Fragment:
    """The same for a page that lists every board's records (the action log): it depends on
    all the boards' versions, and on which boards' restricted records the reader may see."""
    if reader.all_boards:
        visibility = "all"
    else:
        visibility = ",".join(str(pk) for pk in sorted(reader.board_ids)) or "public"
    page = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    vary = f"{_version(None)}:{visibility}:{datetime.date.today()}:{page}"
    return Fragment(seconds=settings.PAGE_CACHE_SECONDS, vary=vary)


def _version(board_slug: str | None) -> str | None:
    """The version a stored copy is keyed on. Plain SQL: this runs on every public request,
    and building the ORM's SQL took longer than the database took to answer."""
    from .models import Board

    table = connection.ops.quote_name(Board._meta.db_table)
    with connection.cursor() as cursor:
        if board_slug is None:
            # Counted as well as summed: a deleted board must not bring back an old sum.
            cursor.execute(f"SELECT COUNT(*), SUM(content_version) FROM {table}")
            count, total = cursor.fetchone()
            return f"all:{count}:{total}"
        cursor.execute(f"SELECT content_version FROM {table} WHERE slug = %s", [board_slug])
        row = cursor.fetchone()
    return None if row is None else f"{board_slug}:{row[0]}"


def _may_store(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cached_for_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous readers a stored copy of the page until its board's records change.
    Pages under /boards/<slug>/ key on that board; others on every board."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_store(request):
            return view(request, *args, **kwargs)
        version = _version(kwargs.get("board_slug"))
        if version is None:  # no such board: the view answers 404
            return view(request, *args, **kwargs)
        # Today's date is in the key because "overdue" and "next meeting" depend on it.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{datetime.date.today().isoformat()}:{path}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        ):
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
        return response

    return wrapper
