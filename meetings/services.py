"""Writes across a meeting's records, and across meetings' and the work programme's, each
in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards import versions
from workplan.models import Activity, ProgressUpdate

from .models import Action, ActivityReport, AgendaItem, Meeting, Paper
from .paper_checks import CheckedFile
from .paper_files import PaperFile


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


# The words of a file kept for search: PostgreSQL's search document of a row holds at most
# 1 MB, and the first few hundred pages of a paper say what it is about.
FILE_TEXT_CHARS = 300_000


class FileChanged(Exception):
    """The file was replaced or removed by someone else since the clerk's page was shown."""


@transaction.atomic
def attach_file(
    *,
    item: AgendaItem,
    upload,
    checked: CheckedFile,
    text: str,
    title: str,
    role: str,
    is_confidential: bool,
    schedule_12a_paragraph: int | None,
    by=None,
    replacing: PaperFile | None = None,
) -> PaperFile:
    """Attach a checked file (paper_checks.check_file) to the item; or, `replacing` one of its
    files, a new version of it, in its place in the list. The earlier version stays, marked
    superseded, in the item's history. Raises FileChanged, with nothing saved, when the file
    to replace is no longer in use."""
    if replacing is not None:
        replacing = current_file(replacing.pk)
        order = replacing.order
    else:
        order = (item.files.aggregate(last=Max("order"))["last"] or 0) + 1
    paper_file = PaperFile(
        agenda_item=item,
        role=role,
        title=title,
        order=order,
        original_name=upload.name[:255],
        mime_type=checked.mime_type,
        size=checked.size,
        sha1=checked.sha1,
        page_count=checked.page_count,
        text=text[:FILE_TEXT_CHARS],
        is_confidential=is_confidential,
        schedule_12a_paragraph=schedule_12a_paragraph if is_confidential else None,
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )
    upload.seek(0)
    paper_file.file.save(upload.name, upload, save=False)
    try:
        paper_file.save()
        if replacing is not None:
            replacing.superseded_by = paper_file
            replacing.superseded_at = timezone.now()
            replacing.save(update_fields=["superseded_by", "superseded_at", "modified"])
    except BaseException:
        # Storage is not part of the transaction: a file whose row is rolled back would be
        # kept for ever with nothing pointing to it.
        paper_file.file.storage.delete(paper_file.file.name)
        raise
    return paper_file


@transaction.atomic
def remove_file(*, paper_file: PaperFile) -> None:
    """Take a file out of the item's paper. Its row and stored file stay, in the item's
    history (superseded_at set, superseded_by empty), for the board's staff."""
    paper_file = current_file(paper_file.pk)
    paper_file.superseded_at = timezone.now()
    paper_file.save(update_fields=["superseded_at", "modified"])


def current_file(pk: int) -> PaperFile:
    """The file, locked until the transaction ends; FileChanged when it is not in use."""
    found = (
        PaperFile.objects.current()
        .select_for_update(of=("self",))
        .select_related("agenda_item__meeting")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise FileChanged
    return found


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
