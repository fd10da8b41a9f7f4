"""Writes across a meeting's records, and across meetings' and the work programme's, each
in one transaction."""

from django.db import transaction

from workplan.models import Activity, ProgressUpdate

from .models import Action, ActivityReport, AgendaItem, Meeting


@transaction.atomic
def post_progress_update(
    *, activity: Activity, update: ProgressUpdate, reported_at: AgendaItem | None
) -> None:
    """Post an update on an activity and, when the officer names the meeting item where it
    was reported, link the item to the activity ("reported at")."""
    activity.post_update(update)
    if reported_at is not None:
        ActivityReport.objects.get_or_create(agenda_item=reported_at, activity=activity)


@transaction.atomic
def post_round(*, updates: list[tuple[Activity, ProgressUpdate]]) -> None:
    """Post an officer's round of updates before a board meeting, one on each activity
    named: all of them or none. A round names no meeting item, so it links none."""
    for activity, update in updates:
        post_progress_update(activity=activity, update=update, reported_at=None)


@transaction.atomic
def record_matters_arising(
    *, meeting: Meeting, outcomes: list[tuple[Action, str, str]], by=None
) -> int:
    """Record what became of earlier meetings' open actions at this meeting: each (action,
    outcome, note) a follow-up (Action.follow_up), unless the meeting already has one for
    that action (the same form sent twice). Returns how many were recorded."""
    recorded = 0
    for action, outcome, note in outcomes:
        if not meeting.follow_ups.filter(action=action).exists():
            action.follow_up(at_meeting=meeting, outcome=outcome, note=note, by=by)
            recorded += 1
    return recorded


@transaction.atomic
def publish_notes(*, meeting: Meeting) -> None:
    """Publish the meeting's notes (Meeting.publish_notes); notes never started as a draft
    were written up in one sitting, so they are started first, with no separate step. Raises
    ValidationError, with nothing changed, when they cannot be published."""
    if meeting.notes_status == Meeting.NotesStatus.SCHEDULED:
        meeting.start_notes()
    meeting.publish_notes()
