"""Each board's content and progress versions, raised when its records change.

A board carries two numbers in the database. Saving or deleting any of its records raises its
content version once the transaction commits; a change that only moves progress (an officer's
update, and the status and RAG rating it gives its activity) raises its progress version
instead. Records that appear on every board's pages (people, authorities, board years) raise
every board's version. Which models count, and through which lookup they reach their board, is
registered by the web layer (web/caching.py), which keys its stored pages on these numbers:
every server process sees a change on its next request and nothing needs deleting.
"""

from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

# Model → the lookup from it to its board's id, as web/caching.py registers them.
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
    uid = f"board-versions-{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def track_links(field: models.ManyToManyField) -> None:
    """Raise the versions when records are linked or unlinked through `field`."""
    m2m_changed.connect(
        _linked, sender=field.remote_field.through, dispatch_uid=f"board-versions-{field}"
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
    instance._versioned_boards = _board_ids(instance)


def _deleted(sender, instance, **kwargs) -> None:
    records_changed(
        getattr(instance, "_versioned_boards", None), progress_only=_progress_only(instance)
    )
