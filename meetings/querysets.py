"""Reusable reads for meetings and their notes, including who may read them.

Two levels of content:
- the agenda (item numbers and titles, presenters, papers, the activities an item reported
  on) is public once a meeting is on the site, except for confidential items;
- the notes (attendance, declarations, what was said, decisions and actions) are public only
  once published, and never for confidential items.
People with access to a board (see boards.access.Reader) read both in full.
"""

import datetime

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q

from boards.access import Reader

PUBLIC_NOTES_STATUSES = ("published", "agreed")


def open_item_q(prefix: str = "") -> Q:
    """Items that are not confidential and whose paper is not confidential either."""
    return Q(**{f"{prefix}is_confidential": False}) & ~Q(
        **{f"{prefix}paper__is_confidential": True}
    )


def public_notes_q(meeting_path: str) -> Q:
    return Q(**{f"{meeting_path}__notes_status__in": PUBLIC_NOTES_STATUSES})


class MeetingQuerySet(models.QuerySet):
    def in_year(self, year) -> "MeetingQuerySet":
        return self.filter(date__range=(year.starts_on, year.ends_on))

    def with_public_notes(self) -> "MeetingQuerySet":
        return self.filter(notes_status__in=PUBLIC_NOTES_STATUSES)

    def upcoming(self, today: datetime.date) -> "MeetingQuerySet":
        return self.filter(date__gte=today).order_by("date", "start_time")

    def past(self, today: datetime.date) -> "MeetingQuerySet":
        return self.filter(date__lt=today).order_by("-date", "-start_time")

    def held(self, today: datetime.date) -> "MeetingQuerySet":
        """Meetings that took place: on or before today and not cancelled."""
        return self.filter(date__lte=today, cancelled=False)


class AgendaItemQuerySet(models.QuerySet):
    def with_restricted_flag(self) -> "AgendaItemQuerySet":
        """Annotate is_restricted: the item or its paper is confidential."""
        return self.annotate(
            is_restricted=ExpressionWrapper(~open_item_q(), output_field=BooleanField())
        )

    def in_year_of(self, activity) -> "AgendaItemQuerySet":
        """The items an update on the activity can say it was reported at: its board's
        meetings in its programme's year, latest first."""
        programme = activity.theme.programme
        year = programme.year
        return (
            self.filter(
                meeting__board_id=programme.board_id,
                meeting__date__range=(year.starts_on, year.ends_on),
            )
            .select_related("meeting")
            .order_by("-meeting__date", "order")
        )

    def readable_in_full_by(self, reader: Reader) -> "AgendaItemQuerySet":
        return self.filter(open_item_q() | reader.boards_q("meeting__board"))

    def for_meeting_page(self, reader: Reader) -> "AgendaItemQuerySet":
        from .models import Action, ActivityReport, Decision

        return (
            self.with_restricted_flag()
            .select_related("paper__contact_officer")
            .prefetch_related(
                "presenters",
                Prefetch("decisions", queryset=Decision.objects.visible_to(reader)),
                Prefetch(
                    "actions",
                    queryset=Action.objects.visible_to(reader).select_related(
                        "owner", "closed_at_meeting__board"
                    ),
                ),
                Prefetch(
                    "activity_reports",
                    queryset=ActivityReport.objects.visible_to(reader).select_related(
                        "activity__theme__programme__board", "activity__theme__programme__year"
                    ),
                ),
            )
        )


class NotesContentQuerySet(models.QuerySet):
    """Rows that belong to an item's notes: decisions and actions."""

    def visible_to(self, reader: Reader):
        return self.filter(
            (open_item_q("agenda_item__") & public_notes_q("agenda_item__meeting"))
            | reader.boards_q("agenda_item__meeting__board")
        )


class DecisionQuerySet(NotesContentQuerySet):
    pass


class ActionQuerySet(NotesContentQuerySet):
    def open(self) -> "ActionQuerySet":
        return self.filter(status="open")

    def overdue(self, today: datetime.date | None = None) -> "ActionQuerySet":
        return self.open().filter(due_date__lt=today or datetime.date.today())

    def for_board(self, board) -> "ActionQuerySet":
        return self.filter(agenda_item__meeting__board=board)

    def for_action_log(self) -> "ActionQuerySet":
        return self.select_related("agenda_item__meeting__board", "owner").order_by(
            "-agenda_item__meeting__date", "agenda_item__order", "order", "pk"
        )


class ActivityReportQuerySet(models.QuerySet):
    def visible_to(self, reader: Reader) -> "ActivityReportQuerySet":
        return self.filter(
            open_item_q("agenda_item__") | reader.boards_q("agenda_item__meeting__board")
        )


class MeetingRecordQuerySet(models.QuerySet):
    """Attendance and declarations: part of the notes, public once the notes are."""

    def visible_to(self, reader: Reader):
        return self.filter(public_notes_q("meeting") | reader.boards_q("meeting__board"))
