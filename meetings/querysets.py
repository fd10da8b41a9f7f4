"""Reusable reads for meetings and their notes, and the one place that decides what a reader
may see of them.

Two levels of content:
- the agenda (item numbers and titles, presenters, papers, the activities an item reported
  on) is public once a meeting is on the site, except for confidential items;
- the notes (attendance, declarations, what was said, decisions and actions) are public only
  once published, and never for confidential items.
An item is confidential when it or its paper is marked so. Its number stays public, and its
title unless that is withheld too; nothing else of it or of any record hanging off it does.
A declaration of interest on such an item shows who declared an interest in which item
number, never the interest itself. People with access to a board (boards.access.Reader) read
everything of that board.

Pages, templates, serializers, feeds, search and the report only read the answers given here:
rows filtered to what the reader may read (visible_to), and rows shaped for the reader
(shaped_for), which carry flags and shown values such as is_hidden and shown_title.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import BooleanField, Case, F, OuterRef, Prefetch, Q, Subquery, Value, When

from boards.access import Reader

if TYPE_CHECKING:
    from .models import Meeting

# How a confidential record is marked for the people allowed to read it (papers, e-mails,
# calendars).
CONFIDENTIAL = "Confidential – not for publication"

PUBLIC_NOTES_STATUSES = ("published", "agreed")

# The files whose words the importer reads: PDF and Word.
READABLE_PAPER_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)

# What of an item is its notes: hidden until they are published (AgendaItem.notes_visible).
# The API names the same things in its own words (api/serializers/meetings.py).
NOTES_FIELDS = ("introduction", "discussion_points", "decisions", "actions")


def sees_restricted(reader: Reader, board_id: int) -> bool:
    """Whether the reader may read the board's confidential items, draft notes, members' copy
    of the report and members' comments on it: the board's members and staff, and
    administrators."""
    return reader.all_boards or board_id in reader.board_ids


def board_visibility(reader: Reader, board_id: int) -> str:
    """What the reader may see of one board, as a word to key stored pages on: "full" or
    "public"; every reader with the same word sees the same of the board."""
    return "full" if sees_restricted(reader, board_id) else "public"


def open_item_q(prefix: str = "") -> Q:
    """Items that are not confidential and whose paper is not confidential either."""
    return Q(**{f"{prefix}is_confidential": False}) & ~Q(
        **{f"{prefix}paper__is_confidential": True}
    )


def restricted_item_q(prefix: str = "") -> Q:
    """Items that are confidential, or whose paper is."""
    return Q(**{f"{prefix}is_confidential": True}) | Q(**{f"{prefix}paper__is_confidential": True})


def public_notes_q(meeting_path: str) -> Q:
    return Q(**{f"{meeting_path}__notes_status__in": PUBLIC_NOTES_STATUSES})


def notes_readable_q(reader: Reader, meeting_path: str) -> Q:
    """Rows of notes the reader may read: published, or of a board the reader works with."""
    return public_notes_q(meeting_path) | reader.boards_q(f"{meeting_path}__board")


def _flag(condition: Q | None, *, where: bool = True) -> Case | Value:
    """A boolean annotation: `where` on the rows the condition matches, the opposite on the
    others. No condition (None) matches no row."""
    if condition is None:
        return Value(not where, output_field=BooleanField())
    return Case(
        When(condition, then=Value(where)), default=Value(not where), output_field=BooleanField()
    )


def _unless(condition: Q | None) -> Case | Value:
    """True where the condition does not hold (None: it holds nowhere)."""
    return _flag(condition, where=False)


def hidden_item_q(reader: Reader, prefix: str = "") -> Q | None:
    """Items (through prefix) the reader may see only the number of; None: no item is."""
    if reader.all_boards:
        return None
    restricted = restricted_item_q(prefix)
    if not reader.board_ids:
        return restricted
    return restricted & ~Q(**{f"{prefix}meeting__board_id__in": sorted(reader.board_ids)})


def notes_hidden_q(reader: Reader, prefix: str = "") -> Q | None:
    """Meetings (through prefix, e.g. "meeting__") whose notes the reader may not read;
    None: the reader may read every meeting's notes."""
    if reader.all_boards:
        return None
    unpublished = ~Q(**{f"{prefix}notes_status__in": PUBLIC_NOTES_STATUSES})
    if not reader.board_ids:
        return unpublished
    return unpublished & ~Q(**{f"{prefix}board_id__in": sorted(reader.board_ids)})


@dataclass
class LinkedMeetings:
    """What MeetingQuerySet.linked_from reads."""

    previous: "Meeting | None"
    next: "Meeting | None"
    agreed_notes_of: "list[Meeting]"
    notes_agreed_at: "Meeting | None"


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

    def shaped_for(self, reader: Reader) -> "MeetingQuerySet":
        """Annotate notes_visible: whether the reader may read the meeting's notes."""
        return self.annotate(notes_visible=_unless(notes_hidden_q(reader)))

    def linked_from(self, meeting) -> "LinkedMeetings":
        """The meetings a meeting's page links to, read in one query where there were four
        (three round trips fewer; the ORM builds this one in about the time it built those):
        the one before and the one after it of its board and kind, those whose notes it
        agreed, and the one that agreed its notes."""
        same_kind = self.model.objects.filter(board=meeting.board_id, kind=meeting.kind)
        before = same_kind.filter(date__lt=meeting.date).order_by("-date").values("pk")[:1]
        after = same_kind.filter(date__gt=meeting.date).order_by("date").values("pk")[:1]
        # Each part by an index of its own (PostgreSQL ORs the four).
        wanted = Q(pk=Subquery(before)) | Q(pk=Subquery(after)) | Q(notes_agreed_at=meeting.pk)
        if meeting.notes_agreed_at_id:
            wanted |= Q(pk=meeting.notes_agreed_at_id)
        rows = list(self.filter(wanted).select_related("board").order_by("date"))
        # The nearest earlier and later of its kind are among the rows, so they are the
        # nearest of those read.
        others = [m for m in rows if m.board_id == meeting.board_id and m.kind == meeting.kind]
        earlier = [m for m in others if m.date < meeting.date]
        return LinkedMeetings(
            previous=earlier[-1] if earlier else None,
            next=next((m for m in others if m.date > meeting.date), None),
            agreed_notes_of=[m for m in rows if m.notes_agreed_at_id == meeting.pk],
            notes_agreed_at=next((m for m in rows if m.pk == meeting.notes_agreed_at_id), None),
        )


class AgendaItemQuerySet(models.QuerySet):
    def gone_out(self) -> "AgendaItemQuerySet":
        """Items the public may read the papers of (see gone_out_q)."""
        return self.filter(gone_out_q(prefix=""))

    def with_restricted_flag(self) -> "AgendaItemQuerySet":
        """Annotate is_restricted: the item or its paper is confidential."""
        return self.annotate(is_restricted=_flag(restricted_item_q()))

    def shaped_for(self, reader: Reader) -> "AgendaItemQuerySet":
        """Annotate, for the reader: is_restricted (the item or its paper is confidential),
        is_hidden (the reader sees only its number and shown_title), shown_title (its title,
        or blank where the title is withheld from the reader) and notes_visible."""
        hidden = hidden_item_q(reader)
        withheld = None if hidden is None else hidden & Q(title_is_confidential=True)
        return self.with_restricted_flag().annotate(
            is_hidden=_flag(hidden),
            shown_title=_title(withheld),
            notes_visible=_unless(notes_hidden_q(reader, "meeting__")),
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
        """Items whose agenda content (title, paper, links) the reader may read."""
        return self.filter(open_item_q() | reader.boards_q("meeting__board"))

    def notes_readable_by(self, reader: Reader) -> "AgendaItemQuerySet":
        """Items whose notes (what was presented and said) the reader may read."""
        return self.filter(
            (open_item_q() & public_notes_q("meeting")) | reader.boards_q("meeting__board")
        )

    def for_meeting_page(self, reader: Reader, *, corrections: bool = True) -> "AgendaItemQuerySet":
        """Items with what the meeting's notes show of them. corrections=False leaves out
        their corrections (shown_corrections), for a caller that has read them already."""
        from .models import Action, ActivityReport, Decision, NotesCorrection, PaperFile

        prefetch = [
            Prefetch(
                "corrections",
                queryset=NotesCorrection.objects.visible_to(reader).select_related(
                    "agreed_at__board"
                ),
                to_attr="shown_corrections",
            )
        ]
        return (
            self.shaped_for(reader)
            .select_related("paper__contact_officer")
            .prefetch_related(
                "presenters",
                Prefetch(
                    "files", queryset=PaperFile.objects.shaped_for(reader), to_attr="shown_files"
                ),
                # Each item's rows in their own order. The models' orderings start with the
                # item, which sorts by its meeting: joins and sorting for nothing here.
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.visible_to(reader).order_by("order", "pk"),
                ),
                Prefetch(
                    "actions",
                    queryset=Action.objects.visible_to(reader)
                    .select_related("owner", "closed_at_meeting__board")
                    .order_by("order", "pk"),
                ),
                Prefetch(
                    "activity_reports",
                    queryset=ActivityReport.objects.shaped_for(reader)
                    .select_related(
                        "activity__theme__programme__board", "activity__theme__programme__year"
                    )
                    .order_by("pk"),
                ),
                *(prefetch if corrections else []),
            )
        )


def _title(withheld: Q | None):
    if withheld is None:
        return F("title")
    return Case(When(withheld, then=Value("")), default=F("title"), output_field=models.CharField())


class PaperQuerySet(models.QuerySet):
    def visible_to(self, reader: Reader) -> "PaperQuerySet":
        return self.filter(
            open_item_q("agenda_item__") | reader.boards_q("agenda_item__meeting__board")
        )


def exempt_file_q() -> Q:
    """Papers' files that are confidential, alone or with their item (or its paper)."""
    return Q(is_confidential=True) | restricted_item_q("agenda_item__")


def gone_out_q(prefix: str = "agenda_item__") -> Q:
    """Items (by default, the items of files) that have gone out to the public: on the
    agenda or a supplementary agenda, or in notes made public (a meeting recorded without
    publishing its agenda first). Until then the public reads no paper's file of them."""
    return Q(**{f"{prefix}published_on__isnull": False}) | public_notes_q(f"{prefix}meeting")


def agenda_has_gone_out(meeting) -> bool:
    """Whether the public may read the meeting's papers (and so its public pack)."""
    return meeting.agenda_published_on is not None or meeting.notes_status in PUBLIC_NOTES_STATUSES


class PaperFileQuerySet(models.QuerySet):
    def current(self) -> "PaperFileQuerySet":
        """Files in use: neither replaced by a later one nor removed (a removed file keeps
        the time it was taken out, superseded_at, with no later version)."""
        return self.filter(superseded_by__isnull=True, superseded_at__isnull=True)

    def earlier(self) -> "PaperFileQuerySet":
        """Files out of use, replaced or removed: the item's history."""
        return self.filter(superseded_at__isnull=False)

    def downloadable_by(self, reader: Reader) -> "PaperFileQuerySet":
        """Files the reader may download: the current files they may see, and, for the
        board's members and staff, earlier versions too (a replaced file may have been
        replaced for what it wrongly said). Each is annotated is_exempt (see shaped_for), so
        that a download of one is never kept by a shared cache."""
        board = reader.boards_q("agenda_item__meeting__board")
        return (
            self.visible_to(reader)
            .filter(Q(superseded_by__isnull=True, superseded_at__isnull=True) | board)
            .annotate(is_exempt=_flag(exempt_file_q()))
        )

    def shaped_for(self, reader: Reader) -> "PaperFileQuerySet":
        """The current files of the items the reader may read, each annotated is_exempt
        (confidential, alone or with its item: left out of the public pack) and is_hidden
        (exempt and the reader may not read it: shown as "Not for publication" with its
        Schedule 12A paragraph, never its title)."""
        hidden_items = hidden_item_q(reader, "agenda_item__")
        files = self.current()
        if hidden_items is not None:
            files = files.exclude(hidden_items)
        if not reader.all_boards:
            files = files.filter(gone_out_q() | reader.boards_q("agenda_item__meeting__board"))
        exempt = exempt_file_q()
        hidden = (
            None if reader.all_boards else exempt & ~reader.boards_q("agenda_item__meeting__board")
        )
        return files.annotate(is_exempt=_flag(exempt), is_hidden=_flag(hidden)).order_by(
            "order", "pk"
        )

    def visible_to(self, reader: Reader) -> "PaperFileQuerySet":
        """Files the reader may download: on a board they read in full; otherwise neither
        the file nor its item (nor the item's paper) is confidential, and the item has gone
        out, on the agenda or a supplementary agenda, or the meeting's notes are public (a
        meeting recorded without publishing its agenda first)."""
        return self.filter(
            (Q(is_confidential=False) & open_item_q("agenda_item__") & gone_out_q())
            | reader.boards_q("agenda_item__meeting__board")
        )

    def readable_papers(self, agenda_item) -> "PaperFileQuerySet":
        """The item's current paper in a format whose words can be read to fill in its
        paper's fields (imports.paper_fields). agenda_item may be an OuterRef."""
        return self.current().filter(
            agenda_item=agenda_item, role="paper", mime_type__in=READABLE_PAPER_TYPES
        )

    def exempt(self) -> "PaperFileQuerySet":
        """Files left out of the public pack: confidential, alone or with their item."""
        return self.filter(exempt_file_q())


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

    def with_item_restricted(self) -> "ActionQuerySet":
        """Annotate item_is_restricted: the action's item, or its paper, is confidential, so
        the action is too; its owner reads it, marked so."""
        return self.annotate(item_is_restricted=_flag(restricted_item_q("agenda_item__")))

    def for_board(self, board) -> "ActionQuerySet":
        return self.filter(agenda_item__meeting__board=board)

    def owned_by(self, user) -> "ActionQuerySet":
        """The user's own actions: those of the person they sign in as, and those a team owns
        on the boards where they are a policy officer. An owner reads their own actions,
        draft or confidential, as they were at the meeting that agreed them."""
        from boards.models import BoardRole

        boards = BoardRole.objects.filter(user=user, role=BoardRole.Role.POLICY_OFFICER).values(
            "board_id"
        )
        return self.filter(
            Q(owner__user=user) | Q(owner__isnull=True, agenda_item__meeting__board_id__in=boards)
        )

    def listed(self) -> "ActionQuerySet":
        """With what a list of open actions shows (its item, meeting, board and owner), the
        latest meeting's first. An open action has no closing to show: joining who closed it
        and where as well made PostgreSQL plan eight tables, 5 ms for a board's ten open
        actions at scale L, where reading them takes 0.3 ms."""
        return self.select_related("agenda_item__meeting__board", "owner").order_by(
            "-agenda_item__meeting__date", "agenda_item__order", "order", "pk"
        )

    def for_action_log(self) -> "ActionQuerySet":
        """listed(), with who closed each closed action and at which meeting."""
        return self.listed().select_related("closed_by", "closed_at_meeting")


class ActivityReportQuerySet(models.QuerySet):
    def visible_to(self, reader: Reader) -> "ActivityReportQuerySet":
        """Links from items whose agenda content the reader may read."""
        return self.filter(
            open_item_q("agenda_item__") | reader.boards_q("agenda_item__meeting__board")
        )

    def shaped_for(self, reader: Reader) -> "ActivityReportQuerySet":
        """The links the reader may see, with shown_note: the link's note, which is part of
        the notes, blank until the reader may read them."""
        hidden = notes_hidden_q(reader, "agenda_item__meeting__")
        note = F("note")
        if hidden is not None:
            note = Case(
                When(hidden, then=Value("")), default=F("note"), output_field=models.TextField()
            )
        return self.visible_to(reader).annotate(shown_note=note)


class MeetingRecordQuerySet(models.QuerySet):
    """Attendance and declarations: part of the notes, public once the notes are."""

    def visible_to(self, reader: Reader):
        return self.filter(notes_readable_q(reader, "meeting"))

    def with_chair_flag(self):
        """Annotate is_chair: the person chaired the board in the meeting's board year (for
        boards.ordering.minutes_order)."""
        from boards.ordering import chaired

        return self.annotate(
            is_chair=chaired(
                board=OuterRef("meeting__board"),
                date=OuterRef("meeting__date"),
                person=OuterRef("person"),
            )
        )


class DeclarationQuerySet(MeetingRecordQuerySet):
    def shaped_for(self, reader: Reader) -> "DeclarationQuerySet":
        """The declarations the reader may read, with shown_interest: the interest, or
        blank where it was declared on an item hidden from the reader; and item_number."""
        hidden = hidden_item_q(reader, "agenda_item__")
        interest = F("interest")
        if hidden is not None:
            interest = Case(
                When(hidden, then=Value("")), default=F("interest"), output_field=models.TextField()
            )
        return self.visible_to(reader).annotate(
            shown_interest=interest, item_number=F("agenda_item__number")
        )


class ActionFollowUpQuerySet(MeetingRecordQuerySet):
    def visible_to(self, reader: Reader):
        """Follow-ups in notes the reader may read, of actions the reader may read."""
        from .models import Action

        return super().visible_to(reader).filter(action__in=Action.objects.visible_to(reader))


class NotesCorrectionQuerySet(models.QuerySet):
    def visible_to(self, reader: Reader) -> "NotesCorrectionQuerySet":
        """Corrections are part of the notes, and of their item: public once the notes are,
        never for an item that is (or whose paper is) confidential. The register's and the
        declarations' (no item) are written to be public (meetings.corrections)."""
        of_open_part = Q(agenda_item__isnull=True) | open_item_q("agenda_item__")
        return self.filter(
            (of_open_part & public_notes_q("meeting")) | reader.boards_q("meeting__board")
        )
