"""Versions already sent to the board follow later decisions to make an item confidential:
the public copy is made again without the item (recorded in the version's history), and the
members' copy keeps it, marked confidential. Stored PDFs are keyed on the page they render,
so they follow the copies."""

from django.db import transaction
from django.db.models.signals import post_save

from meetings.models import AgendaItem, Paper

from .builder import marked_item, without_item
from .models import ReportVersion


def withdraw_from_sent_versions(*, item: AgendaItem) -> list[ReportVersion]:
    """Take a now-confidential item out of the public copy of every version of its board's
    reports that still shows it. Returns the versions changed."""
    url = item.get_absolute_url()
    changed = []
    versions = ReportVersion.objects.filter(report__programme__board_id=item.meeting.board_id)
    with transaction.atomic():
        for version in versions.select_for_update():
            public = without_item(version.public_content, item.pk, url)
            if public == version.public_content:
                continue
            version.public_content = public
            version.content = marked_item(version.content, item.pk, url, item.confidential_reason)
            version._change_reason = (
                f"Item {item.number} of the meeting of {item.meeting.date:%-d %B %Y} was made "
                "confidential: taken out of the public copy."
            )
            version.save()
            changed.append(version)
    return changed


def _known_open(sender, instance) -> bool:
    """The item, and its paper as read with it, are not confidential (no query)."""
    if sender is not AgendaItem or instance.is_confidential:
        return False
    paper_field = AgendaItem._meta.get_field("paper")
    if not paper_field.is_cached(instance):
        return False
    paper = paper_field.get_cached_value(instance)
    return paper is None or not paper.is_confidential


def _item_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    # A new item is in no version sent yet, and an item known to be open with its paper
    # has nothing to take out: nothing to read.
    if raw or (created and sender is AgendaItem) or _known_open(sender, instance):
        return
    item_id = instance.pk if sender is AgendaItem else instance.agenda_item_id
    item = (
        AgendaItem.objects.with_restricted_flag()
        .select_related("meeting__board")
        .filter(pk=item_id, is_restricted=True)
        .first()
    )
    if item is not None:
        withdraw_from_sent_versions(item=item)


def connect() -> None:
    for model in (AgendaItem, Paper):
        post_save.connect(
            _item_saved, sender=model, dispatch_uid=f"report-withdraw-{model.__name__}"
        )
