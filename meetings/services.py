"""Writes across a meeting's records, and across meetings' and the work programme's, each
in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from boards import versions
from workplan.models import Activity, ProgressUpdate

from .models import Action, ActivityReport, AgendaItem, Meeting, Paper


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


def check_publication_date(meeting: Meeting, on: datetime.date, today: datetime.date) -> None:
    """An agenda is published on a day that has come, no later than its meeting, and a
    supplementary agenda (once the agenda is out) no earlier than the agenda."""
    if on > today:
        raise ValidationError("The date of publication must be today or in the past")
    if on > meeting.date:
        raise ValidationError("The date of publication must be on or before the meeting")
    if meeting.agenda_published_on and on < meeting.agenda_published_on:
        raise ValidationError(
            "The date of publication must be on or after the agenda's, "
            f"{meeting.agenda_published_on:%-d %B %Y}"
        )


@transaction.atomic
def publish_agenda(*, meeting: Meeting, on: datetime.date, today: datetime.date) -> int:
    """Publish the meeting's agenda on a day: every item on it goes out, and from then on the
    public reads their files (meetings.querysets). Returns how many items went out. Raises
    ValidationError, with nothing changed, when it cannot be published."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_published_on is not None:
        raise ValidationError("The agenda is already published.")
    check_publication_date(meeting, on, today)
    meeting.agenda_published_on = on
    meeting.save(update_fields=["agenda_published_on", "modified"])
    sent = meeting.items.filter(published_on__isnull=True).update(published_on=on)
    # The items' dates are written in one statement, which sends no signal: the stored
    # pages that show them are made again from the board's next version.
    versions.records_changed([meeting.board_id])
    return sent


@transaction.atomic
def publish_supplementary_agenda(
    *, meeting: Meeting, on: datetime.date, today: datetime.date
) -> int:
    """Publish the items added since the agenda went out, as a supplementary agenda, each
    with its reason for urgency. Returns how many items went out."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_published_on is None:
        raise ValidationError("Publish the agenda first.")
    check_publication_date(meeting, on, today)
    waiting = AgendaItem.objects.filter(meeting=meeting, is_supplementary=True, published_on=None)
    if waiting.filter(urgency_reason="").exists():
        raise ValidationError("Give each new item its reason for urgency first.")
    sent = waiting.update(published_on=on)
    if not sent:
        raise ValidationError("There are no new items to publish.")
    meeting.supplementary_published_on = on
    meeting.save(update_fields=["supplementary_published_on", "modified"])
    versions.records_changed([meeting.board_id])
    return sent


# The fields of a paper that can be filled in from its file (imports.paper_fields).
FIELDS_FROM_FILE = ("title", "purpose", "summary", "recommendation", "contact_officer")


@transaction.atomic
def fill_in_paper(*, item: AgendaItem, values: dict) -> Paper:
    """Save the parts of the paper the clerk accepted from its file into the item's paper,
    creating the paper (titled as the item unless the file's title was accepted) when the
    item has none. Raises ValidationError, with nothing saved, when a new paper would have
    no purpose."""
    unknown = set(values) - set(FIELDS_FROM_FILE)
    if unknown:
        raise ValueError(f"Not a field filled in from a file: {', '.join(sorted(unknown))}")
    paper = Paper.objects.select_for_update().filter(agenda_item=item).first()
    if paper is None:
        paper = Paper(agenda_item=item, title=item.title)
    for name, value in values.items():
        setattr(paper, name, value)
    if not paper.purpose:
        raise ValidationError(
            "The item has no paper yet, and a paper needs its purpose: choose the purpose "
            "the file gives too, or add the paper on the item's form"
        )
    paper.save()
    return paper
