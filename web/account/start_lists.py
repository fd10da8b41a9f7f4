"""What each role's start page lists: the reads behind account/start.py."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from boards.models import Board
from meetings.agenda import latest_day_for_notice
from meetings.models import Action, AgendaItem, Meeting
from reports.models import ReportVersion, ReviewComment
from workplan.models import Activity


@dataclass
class OfficerRow:
    """One of the officer's activities, and whether an update is due for the next meeting."""

    activity: Activity
    next_meeting: Meeting | None
    update_due: bool


def boards_where(user, role: str) -> list[Board]:
    return list(Board.objects.filter(roles__user=user, roles__role=role).distinct())


def officer_rows(person, today: datetime.date) -> list[OfficerRow]:
    """The officer's unfinished activities, least recently updated first. An update is due
    when the activity has not been updated since its board last met: the next board meeting
    should hear something new."""
    activities = list(
        Activity.objects.filter(lead_officer=person, status__in=Activity.UNFINISHED_STATUSES)
        .select_related("theme__programme__board", "theme__programme__year")
        .with_last_update()
        .order_by(F("last_update_on").asc(nulls_first=True), "pk")
    )
    board_ids = {a.theme.programme.board_id for a in activities}
    meetings = Meeting.objects.filter(board_id__in=board_ids, kind=Meeting.Kind.BOARD)
    next_meeting, last_met = {}, {}
    for meeting in meetings.order_by("date"):
        if meeting.date >= today:
            next_meeting.setdefault(meeting.board_id, meeting)
        else:
            last_met[meeting.board_id] = meeting.date
    rows = []
    for activity in activities:
        board_id = activity.theme.programme.board_id
        since = last_met.get(board_id)
        due = activity.last_update_on is None or (
            since is not None and activity.last_update_on < since
        )
        rows.append(OfficerRow(activity, next_meeting.get(board_id), due))
    return rows


def clerk_lists(boards: list[Board], today: datetime.date) -> dict:
    """The clerk's boards' meetings by what they need next, and their open actions."""
    meetings = list(
        Meeting.objects.filter(board__in=boards).select_related("board").order_by("date")
    )
    # A cancelled meeting has nothing to prepare and no notes to write.
    scheduled = [
        m for m in meetings if m.notes_status == Meeting.NotesStatus.SCHEDULED and not m.cancelled
    ]
    to_prepare = [m for m in scheduled if m.date >= today]
    return {
        "to_prepare": to_prepare,
        "next_papers": next_meetings_papers(to_prepare),
        "without_notes": [m for m in scheduled if m.date < today],
        "drafts": [m for m in meetings if m.notes_status == Meeting.NotesStatus.DRAFT],
        "awaiting_agreement": [
            m for m in meetings if m.notes_status == Meeting.NotesStatus.PUBLISHED
        ],
        "open_actions": Action.objects.filter(agenda_item__meeting__board__in=boards)
        .open()
        .select_related("agenda_item__meeting__board", "owner")
        .order_by(F("due_date").asc(nulls_last=True), "pk"),
    }


@dataclass
class MeetingPapers:
    """A meeting to prepare, its items (each with files_count, its current files) and the
    last day its agenda can go out with the clear days the law asks for."""

    meeting: Meeting
    items: list[AgendaItem]
    publish_by: datetime.date


def next_meetings_papers(to_prepare: list[Meeting]) -> list[MeetingPapers]:
    """Each board's next meeting to prepare with its items, so that the clerk goes from here
    straight to an item's papers and on to publishing the agenda. One query."""
    next_meetings: dict[int, Meeting] = {}
    for meeting in to_prepare:
        next_meetings.setdefault(meeting.board_id, meeting)
    if not next_meetings:
        return []
    current = Q(files__superseded_by__isnull=True, files__superseded_at__isnull=True)
    items = (
        AgendaItem.objects.filter(meeting__in=list(next_meetings.values()))
        .with_restricted_flag()
        .annotate(files_count=Count("files", filter=current))
        .order_by("meeting", "order", "pk")
    )
    agenda: dict[int, list[AgendaItem]] = {}
    for item in items:
        agenda.setdefault(item.meeting_id, []).append(item)
    return [
        MeetingPapers(m, agenda.get(m.pk, []), latest_day_for_notice(m.date))
        for m in next_meetings.values()
    ]


def member_lists(boards: list[Board], today: datetime.date) -> dict:
    """The next meeting of each of the member's boards with its agenda and papers, and the
    end-of-year reports sent to the board. A member may read everything of their own
    boards (boards.access), so nothing here is left out for them."""
    upcoming = Meeting.objects.filter(board__in=boards).upcoming(today).select_related("board")
    next_meetings: dict[int, Meeting] = {}
    for meeting in upcoming:
        next_meetings.setdefault(meeting.board_id, meeting)
    items = (
        AgendaItem.objects.filter(meeting__in=list(next_meetings.values()))
        .with_restricted_flag()
        .select_related("paper")
        .order_by("meeting", "order", "pk")
    )
    agenda: dict[int, list[AgendaItem]] = {}
    for item in items:
        agenda.setdefault(item.meeting_id, []).append(item)
    reports = (
        ReportVersion.objects.filter(report__programme__board__in=boards)
        .select_related("report__programme__board", "report__programme__year")
        .order_by("-published_at")
    )
    latest_reports = {}
    for version in reports:
        latest_reports.setdefault(version.report_id, version)
    return {
        "next_meetings": [(m, agenda.get(m.pk, [])) for m in next_meetings.values()],
        "reports": list(latest_reports.values()),
    }


def open_review_comments(boards: list[Board]) -> list[ReviewComment]:
    """Board members' comments still open on the end-of-year reports of the officer's
    boards, by report, version and paragraph."""
    comments = (
        ReviewComment.objects.filter(
            version__report__programme__board__in=boards,
            in_reply_to=None,
            resolved_at__isnull=True,
        )
        .select_related(
            "version__report__programme__board", "version__report__programme__year", "author"
        )
        .order_by("version__report", "-version__number", "created", "pk")
    )
    # Paragraph numbers are strings: order them as numbers.
    return sorted(
        comments, key=lambda c: (c.version.report_id, -c.version.number, int(c.paragraph))
    )
