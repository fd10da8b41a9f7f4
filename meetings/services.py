"""Writes that span the work programme and meetings' records, kept in one transaction."""

from django.db import transaction

from workplan.models import Activity, ProgressUpdate

from .models import ActivityReport, AgendaItem


@transaction.atomic
def post_progress_update(
    *, activity: Activity, update: ProgressUpdate, reported_at: AgendaItem | None
) -> None:
    """Post an update on an activity and, when the officer names the meeting item where it
    was reported, link the item to the activity ("reported at")."""
    activity.post_update(update)
    if reported_at is not None:
        ActivityReport.objects.get_or_create(agenda_item=reported_at, activity=activity)
