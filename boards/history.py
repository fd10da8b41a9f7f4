"""Readable change history (from django-simple-history) for staff, and the "changed
meanwhile" report shown when a save is refused because someone else saved first."""

import itertools
from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst

IGNORED_FIELDS = ["created", "modified", "version"]


@dataclass
class Change:
    label: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    record: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def change_log(history: models.QuerySet, limit: int = 20) -> list[HistoryEntry]:
    """The latest changes, newest first: who, when, and each field's old and new value."""
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    by_object: dict = {}
    for record in reversed(records):
        by_object.setdefault(record.id, []).append(record)
    previous = {}
    for versions in by_object.values():
        for older, newer in itertools.pairwise(versions):
            previous[newer.history_id] = older
    entries = []
    for record in records[:limit]:
        older = previous.get(record.history_id)
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, excluded_fields=IGNORED_FIELDS)
            changes = [_change(record, c.field, c.old, c.new) for c in delta.changes]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "The system",
                kind={"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                record=record.instance_type._meta.verbose_name.capitalize(),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def changed_meanwhile(current: models.Model, since_version: int, fields: list[str]) -> list[Change]:
    """The fields someone else changed after the given version was read."""
    then = current.history.filter(version=since_version).order_by("-history_date").first()
    if then is None:
        return []
    changes = []
    for name in fields:
        model_field = current._meta.get_field(name)
        if model_field.many_to_many:
            continue
        old = getattr(then, model_field.attname)
        new = getattr(current, model_field.attname)
        if old != new:
            changes.append(_change(current, name, old, new))
    return changes


def _change(obj, name: str, old, new) -> Change:
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        related = model_field.related_model._base_manager.in_bulk([v for v in (old, new) if v])
        old, new = related.get(old, "none"), related.get(new, "none")
    elif model_field.choices:
        labels = dict(model_field.flatchoices)
        old, new = labels.get(old, old), labels.get(new, new)
    # capfirst, not str.capitalize(), which would turn "RAG rating" into "Rag rating".
    return Change(label=capfirst(model_field.verbose_name), old=old, new=new)
