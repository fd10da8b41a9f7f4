"""Meetings of a board and their notes: attendance, declarations, agenda items, papers,
decisions and actions, and the link from an item to the activities it reported on."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from boards import versions
from boards.links import link
from boards.models import Board, Person, TimeStampedModel, VersionedModel
from boards.wording import changed_runs
from workplan.models import Activity

from .querysets import (
    PUBLIC_NOTES_STATUSES,
    ActionFollowUpQuerySet,
    ActionQuerySet,
    ActivityReportQuerySet,
    AgendaItemQuerySet,
    DecisionQuerySet,
    DeclarationQuerySet,
    MeetingQuerySet,
    MeetingRecordQuerySet,
    NotesCorrectionQuerySet,
    PaperQuerySet,
)


def agenda_number_key(number: str) -> tuple:
    """Sort key for item numbers as printed: "8", "8.a", "8.b", "9", "10"."""
    parts = re.split(r"[.\s)]+", number.strip().lower())
    return tuple((0, int(p), "") if p.isdecimal() else (1, 0, p) for p in parts if p)


class Meeting(VersionedModel, TimeStampedModel):
    """A meeting of a board (or of its lead members) and the state of its notes."""

    class Kind(models.TextChoices):
        BOARD = "board", "Board meeting"
        LEAD_MEMBERS = "lead_members", "Lead members meeting"

    class NotesStatus(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DRAFT = "draft", "Draft notes"
        PUBLISHED = "published", "Notes published"
        AGREED = "agreed", "Notes agreed"

    class ShownStatus(models.TextChoices):
        """What readers are told of a meeting (shown_status): its notes' status, read with
        the calendar."""

        SCHEDULED = "scheduled", "Scheduled"
        NOTES_TO_FOLLOW = "notes_to_follow", "Notes to follow"
        PUBLISHED = "published", "Notes published"
        AGREED = "agreed", "Notes agreed"
        CANCELLED = "cancelled", "Cancelled"

    PUBLIC_NOTES_STATUSES = PUBLIC_NOTES_STATUSES

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BOARD)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    notes_status = models.CharField(
        max_length=20, choices=NotesStatus.choices, default=NotesStatus.SCHEDULED
    )
    notes_agreed_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreed_notes_of",
        help_text="The later meeting that agreed these notes.",
    )
    notes_amendment = models.TextField(
        blank=True, help_text="Any change the meeting that agreed these notes asked for."
    )
    # A cancelled meeting stays on the site (it was announced) but expects nobody: it is left
    # out of attendance records and of the reminders to clerks.
    cancelled = models.BooleanField(default=False, help_text="The meeting did not take place.")
    # The agenda goes out with its papers before the meeting (meetings.services.publish_agenda);
    # the public reads an item's files from then on (meetings.querysets).
    agenda_published_on = models.DateField(
        "agenda published on", null=True, blank=True, help_text="The day the agenda went out."
    )
    supplementary_published_on = models.DateField(
        "supplementary agenda published on",
        null=True,
        blank=True,
        help_text="The day the latest supplementary agenda went out.",
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(fields=["board", "kind", "date"], name="one_meeting_a_day"),
            models.CheckConstraint(
                condition=Q(notes_agreed_at__isnull=True) | Q(notes_status="agreed"),
                name="notes_agreed_at_only_when_agreed",
            ),
            models.CheckConstraint(
                condition=Q(notes_amendment="") | Q(notes_status="agreed"),
                name="notes_amendment_only_when_agreed",
            ),
        ]
        indexes = [models.Index(fields=["board", "date"])]

    def __str__(self) -> str:
        return self.label_of(board=self.board, kind=self.kind, date=self.date)

    @classmethod
    def label_of(cls, *, board, kind: str, date) -> str:
        """How a meeting is named, from its columns (for lists read without instances)."""
        return f"{board.short_name or board} {cls.Kind(kind).label.lower()}, {date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        """Needs board loaded (select_related)."""
        name = "meeting_detail" if self.kind == self.Kind.BOARD else "lead_members_meeting_detail"
        return link(f"meetings:{name}", "date", board_slug=self.board.slug, date=self.date)

    def clean(self) -> None:
        if self.notes_agreed_at_id:
            if self.notes_agreed_at_id == self.pk:
                raise ValidationError({"notes_agreed_at": "A meeting cannot agree its own notes."})
            if self.notes_agreed_at.date <= self.date:
                raise ValidationError({"notes_agreed_at": "Notes are agreed at a later meeting."})

    @property
    def notes_are_public(self) -> bool:
        return self.notes_status in self.PUBLIC_NOTES_STATUSES

    @property
    def takes_supplementary_items(self) -> bool:
        """An item added now goes on a supplementary agenda: the agenda is out and the
        meeting is not yet being written up (an item added to the notes afterwards records
        what was discussed, not a late paper)."""
        return (
            self.agenda_published_on is not None and self.notes_status == self.NotesStatus.SCHEDULED
        )

    @property
    def notes_are_locked(self) -> bool:
        """Agreed as a correct record at a later meeting: from then on the notes change only
        by a correction that a later meeting agreed (NotesCorrection.agreed_at)."""
        return self.notes_status == self.NotesStatus.AGREED

    @property
    def notes_record_label(self) -> str:
        """Where the notes stand as a record, in the words minutes use."""
        return {
            self.NotesStatus.SCHEDULED: "Not started",
            self.NotesStatus.DRAFT: "Draft, not published",
            self.NotesStatus.PUBLISHED: "Published, subject to approval at the next meeting",
            self.NotesStatus.AGREED: "Agreed as a correct record, and locked",
        }[self.notes_status]

    def shown_status(self, today: datetime.date | None = None) -> str:
        """Where the meeting and its notes stand as every page, the API and the feeds tell
        it, by the calendar: once its day has passed, a meeting without published notes is
        "notes to follow", never still "scheduled"; a draft is not told apart before then."""
        if self.cancelled:
            return self.ShownStatus.CANCELLED
        if self.notes_status in self.PUBLIC_NOTES_STATUSES:
            return self.notes_status
        if self.date < (today or datetime.date.today()):
            return self.ShownStatus.NOTES_TO_FOLLOW
        return self.ShownStatus.SCHEDULED

    @property
    def notes_label(self) -> str:
        """shown_status in words, as of today: "Notes to follow", "Notes agreed"..."""
        return self.ShownStatus(self.shown_status()).label

    def recorded_counts(self) -> dict[str, int]:
        """How much of the meeting is written up, in one query: the three lists are one
        meeting's, so counting distinct rows over their joins stays small."""
        return Meeting.objects.filter(pk=self.pk).aggregate(
            attendance=models.Count("attendance", distinct=True),
            declarations=models.Count("declarations", distinct=True),
            follow_ups=models.Count("follow_ups", distinct=True),
        )

    def reorder_items(self) -> None:
        """Put the items in agenda order by their numbers: 2 before 10, 8 before 8.a."""
        items = sorted(self.items.all(), key=lambda item: agenda_number_key(item.number))
        for position, item in enumerate(items, start=1):
            item.order = position
        AgendaItem.objects.bulk_update(items, ["order"])
        versions.records_changed([self.board_id])

    def start_notes(self) -> None:
        """The clerk starts writing up the meeting: the notes are a draft, not public."""
        if self.notes_status != self.NotesStatus.SCHEDULED:
            raise ValidationError("Notes can only be started for a scheduled meeting.")
        self.notes_status = self.NotesStatus.DRAFT
        self.save(update_fields=["notes_status", "modified"])

    def publish_notes(self) -> None:
        if self.notes_status != self.NotesStatus.DRAFT:
            raise ValidationError("Only draft notes can be published.")
        self.notes_status = self.NotesStatus.PUBLISHED
        self.save(update_fields=["notes_status", "modified"])

    @transaction.atomic
    def record_attendance(
        self,
        statuses: dict[Person, str],
        *,
        substitutes: dict[Person, int | None] | None = None,
        in_attendance: list[int] | None = None,
        new_guests: list[Person] = (),
        remove: list[int] = (),
    ) -> None:
        """Record the register in one go. statuses: each member present, apologies, or blank
        for absent (no row). substitutes: for each member, the id of the person who stood in
        for them, or None. in_attendance: the ids of every officer and guest in attendance
        (None leaves them as they are); new_guests are created and added to them. remove:
        ids of other rows to delete. A part left as None is not touched."""
        rows = list(self.attendance.all())
        by_person = {row.person_id: row for row in rows}
        for row in rows:
            if row.pk in remove:
                row.delete()
        for person, status in statuses.items():
            row = by_person.get(person.pk)
            if not status:
                if row and row.status in (Attendance.Status.PRESENT, Attendance.Status.APOLOGIES):
                    row.delete()
            elif row is None:
                Attendance.objects.create(meeting=self, person=person, status=status)
            elif row.status != status:
                row.status, row.substitute_for = status, None
                row.save()
        # Read again from here on: the rows above may have changed.
        for member, substitute_id in (substitutes or {}).items():
            current = self.attendance.filter(substitute_for=member).first()
            if current and current.person_id == substitute_id:
                continue
            if current:
                current.delete()
            if substitute_id is not None:
                Attendance.objects.update_or_create(
                    meeting=self,
                    person_id=substitute_id,
                    defaults={"status": Attendance.Status.SUBSTITUTE, "substitute_for": member},
                )
        if in_attendance is not None:
            officers = self.attendance.filter(status=Attendance.Status.IN_ATTENDANCE)
            for row in officers.exclude(person_id__in=in_attendance):
                row.delete()  # one by one: each delete is in the history
            present = set(officers.values_list("person_id", flat=True))
            for person_id in dict.fromkeys(in_attendance):
                if person_id not in present:
                    Attendance.objects.update_or_create(
                        meeting=self,
                        person_id=person_id,
                        defaults={
                            "status": Attendance.Status.IN_ATTENDANCE,
                            "substitute_for": None,
                        },
                    )
        for guest in new_guests:
            guest.save()
            Attendance.objects.create(
                meeting=self, person=guest, status=Attendance.Status.IN_ATTENDANCE
            )

    def record_notes_agreed(self, *, at_meeting: "Meeting", amendment: str = "") -> None:
        """A later meeting agreed these notes, perhaps asking for an amendment."""
        if self.notes_status != self.NotesStatus.PUBLISHED:
            raise ValidationError("Only published notes can be agreed.")
        self.notes_status = self.NotesStatus.AGREED
        self.notes_agreed_at = at_meeting
        self.notes_amendment = amendment.strip()
        self.full_clean()
        self.save(update_fields=["notes_status", "notes_agreed_at", "notes_amendment", "modified"])


class Attendance(models.Model):
    """Who was at a meeting, who sent apologies, and who came as a substitute for whom."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    substitute_for = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_by",
        help_text="The member this person stood in for, when the notes say.",
    )

    history = HistoricalRecords()
    objects = MeetingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "status", "person__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_a_person"),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(status="substitute"),
                name="substitute_for_only_substitutes",
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=F("person")), name="no_substituting_for_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class DeclarationOfInterest(models.Model):
    """An interest a member declared at a meeting, for the whole meeting or one item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
    )
    interest = models.TextField()

    history = HistoricalRecords()
    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = "declaration of interest"
        verbose_name_plural = "declarations of interest"

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:60]}"

    def clean(self) -> None:
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": "Choose an item of the same meeting."})


# Named so that save_with_notes can write an item's history once, after its presenters are
# set, rather than once for the item and again when its presenters change.
ITEM_HISTORY = HistoricalRecords(m2m_fields=["presenters"])


class AgendaItem(VersionedModel, TimeStampedModel):
    """A numbered item of a meeting's agenda and what the notes record about it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    number = models.CharField(max_length=10, help_text='As printed, e.g. "8.a".')
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    presenters = models.ManyToManyField(Person, blank=True, related_name="items_presented")
    is_confidential = models.BooleanField("confidential", default=False)
    confidential_reason = models.CharField(max_length=300, blank=True)
    title_is_confidential = models.BooleanField(
        "title is confidential too",
        default=False,
        help_text="Withhold the title as well as the content from people not allowed to see it.",
    )
    introduction = models.TextField(blank=True, help_text="What was presented.")
    discussion_points = models.TextField(
        blank=True, help_text="The points members made, one a line."
    )
    activities = models.ManyToManyField(
        Activity, through="ActivityReport", blank=True, related_name="agenda_items"
    )
    # An item added once the agenda is out goes on a supplementary agenda, and the law asks
    # why it could not wait for the next meeting.
    is_supplementary = models.BooleanField(
        "on a supplementary agenda",
        default=False,
        help_text="Added after the agenda was published.",
    )
    urgency_reason = models.TextField(
        "reason for urgency", blank=True, help_text="Why a supplementary item cannot wait."
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the item went out, on the agenda or a supplementary agenda.",
    )

    history = ITEM_HISTORY
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_item_number_a_meeting"),
            models.CheckConstraint(
                condition=Q(title_is_confidential=False) | Q(is_confidential=True),
                name="confidential_title_only_on_confidential_items",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        """The item in its meeting's notes. Needs meeting__board loaded (select_related)."""
        return f"{self.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def awaits_publication(self) -> bool:
        """A supplementary item not yet sent out on a supplementary agenda."""
        return self.is_supplementary and self.published_on is None

    @property
    def anchor(self) -> str:
        return "item-" + "".join(c if c.isalnum() else "-" for c in self.number.lower())

    def discussion_point_list(self) -> list[str]:
        return [line.strip() for line in self.discussion_points.splitlines() if line.strip()]

    def record_text(self) -> str:
        """The item as its notes record it, in plain text (see record_text): what a
        correction keeps from before and after. Reads presenters, decisions and actions with
        their owners (prefetched, or three queries)."""
        return record_text(
            number=self.number,
            title=self.title,
            presenters=[str(p) for p in self.presenters.all()],
            introduction=self.introduction,
            discussion_points=self.discussion_points,
            decisions=[d.text for d in self.decisions.all()],
            actions=[action_line(a.text, a.owner_label, a.due_date) for a in self.actions.all()],
        )

    # No savepoint of its own: it is all or nothing with the transaction it is called in.
    @transaction.atomic(savepoint=False)
    def save_with_notes(
        self,
        *,
        version: int | None,
        paper: "Paper | None",
        decisions: tuple[list["Decision"], list["Decision"]],
        actions: tuple[list["Action"], list["Action"]],
        presenters: list[Person] | None = None,
        presenters_before: set[int] | None = None,
        paper_changed: bool = True,
        other_items: list["AgendaItem"] | None = None,
    ) -> None:
        """Save the item with its paper (None removes it), presenters (None leaves them),
        decisions and actions, all or nothing, in the same number of queries for one decision
        as for ten. version is the one the clerk's edit started from (None for a new item);
        decisions and actions are each (rows to save, rows to delete); presenters_before, the
        ids of the presenters the edit started from, when the caller has read them (the
        version claimed makes sure nobody changed them since); paper_changed False when the
        paper is as it was read, not to be written again; other_items, the meeting's other
        items (pk, number and order), when the caller has read them."""
        is_new = version is None
        moved = self._place_in_agenda(other_items)
        # The item's history is written once below, with its presenters as saved.
        self.skip_history_when_saving = True
        try:
            if is_new:
                self.save()
            else:
                self.save_unless_changed(version)
        finally:
            del self.skip_history_when_saving
        if moved:
            AgendaItem.objects.bulk_update(moved, ["order"])
        if presenters is not None:
            before = set() if is_new else presenters_before
            self._set_presenters(presenters, before=before)
        ITEM_HISTORY.create_historical_record(self, "+" if is_new else "~")
        if paper is None:
            # A new item has no paper to remove; an edited one is read with its paper.
            if not is_new and getattr(self, "paper", None) is not None:
                self.paper.delete()
        elif paper_changed:
            paper.agenda_item = self
            paper.save()
        # In bulk, each kind of row with its history (boards.versions hears of them through
        # the item's own save above).
        now = timezone.now()
        for (saved, deleted), model, fields in (
            (decisions, Decision, ["text", "order", "modified"]),
            (actions, Action, ["text", "owner", "owner_team", "due_date", "order", "modified"]),
        ):
            for row in deleted:
                row.delete()
            for position, row in enumerate(saved, start=1):
                row.agenda_item = self
                row.order = row.order or position
                row.modified = now
            new = [row for row in saved if row.pk is None]
            changed = [row for row in saved if row.pk is not None]
            if new:
                bulk_create_with_history(new, model)
            if changed:
                bulk_update_with_history(changed, model, fields)

    def _place_in_agenda(self, others: list["AgendaItem"] | None) -> list["AgendaItem"]:
        """Give the item its place in agenda order by number (as reorder_items does) before
        it is saved, so that its own save writes it: returns the meeting's other items whose
        place moved, to save (none when an item is added last). others: the meeting's other
        items, or None to read them."""
        if others is None:
            others = list(self.other_items_of_meeting())
        placed = sorted([*others, self], key=lambda item: agenda_number_key(item.number))
        moved = []
        for position, item in enumerate(placed, start=1):
            if item.order != position:
                item.order = position
                if item is not self:
                    moved.append(item)
        return moved

    def other_items_of_meeting(self) -> models.QuerySet:
        """The meeting's other items, with what agenda order and a new number need."""
        items = AgendaItem.objects.filter(meeting=self.meeting_id).exclude(pk=self.pk)
        return items.order_by().only("pk", "meeting_id", "number", "order")

    def _set_presenters(self, presenters: list[Person], *, before: set[int] | None) -> None:
        """Exactly these presenters, through the link table directly: Django's set() would
        read them twice and write the item's history again for the change. before: the ids
        linked now (None: read them)."""
        through = AgendaItem.presenters.through
        wanted = {person.pk for person in presenters}
        current = before
        if current is None:
            current = set(
                through.objects.filter(agendaitem=self).values_list("person_id", flat=True)
            )
        if current - wanted:
            through.objects.filter(agendaitem=self, person_id__in=current - wanted).delete()
        if wanted - current:
            through.objects.bulk_create(
                [through(agendaitem=self, person_id=pk) for pk in sorted(wanted - current)]
            )

    @transaction.atomic(savepoint=False)
    def set_activity_links(
        self, activity_ids: set[int], *, linked: set[int] | None = None, item_saved: bool = False
    ) -> None:
        """The item reported on exactly these activities: links are added and removed, and a
        kept link keeps its note. linked: the ids linked now, when the caller has read them;
        item_saved: the item was saved in this transaction, which raised its board's version
        already (one update of the board when it commits, not two)."""
        if linked is None:
            linked = set(self.activity_reports.values_list("activity_id", flat=True))
        if linked - activity_ids:
            self.activity_reports.filter(activity_id__in=linked - activity_ids).delete()
        new = [
            ActivityReport(agenda_item=self, activity_id=activity_id)
            for activity_id in sorted(activity_ids - linked)
        ]
        if new:  # in one go, each link in the history
            bulk_create_with_history(new, ActivityReport)
            if not item_saved:
                versions.records_changed([self.meeting.board_id])


def action_line(text: str, owner: str, due: datetime.date | None) -> str:
    return f"{text.strip()} – {owner}" + (f", due {due:%-d %B %Y}" if due else "")


def record_text(
    *,
    number: str,
    title: str,
    presenters: list[str],
    introduction: str,
    discussion_points: str,
    decisions: list[str],
    actions: list[str],
) -> str:
    """An item's notes as one plain text, the same whether read from the records or from the
    clerk's form: a correction compares two of these word by word."""
    lines = [f"{number} {title.strip()}"]
    if presenters:
        lines.append("Presented by " + "; ".join(presenters) + ".")
    lines += [line.strip() for line in introduction.splitlines() if line.strip()]
    lines += [f"Comment: {line.strip()}" for line in discussion_points.splitlines() if line.strip()]
    lines += [f"Decision: {text.strip()}" for text in decisions]
    lines += [f"Action: {line}" for line in actions]
    return "\n".join(lines)


class Paper(TimeStampedModel):
    """The report behind an agenda item, with its purpose, recommendation and implications."""

    class Purpose(models.TextChoices):
        DECISION = "decision", "For decision"
        DIRECTION = "direction", "For direction"
        INFORMATION = "information", "For information"
        DISCUSSION = "discussion", "For discussion"

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="paper")
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    summary = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    contact_officer = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="papers"
    )
    is_confidential = models.BooleanField("confidential", default=False)
    body = models.TextField(blank=True)
    wales_implications = models.TextField("implications for Wales", blank=True)
    financial_implications = models.TextField(blank=True)
    equalities_implications = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item"]

    def __str__(self) -> str:
        return self.title


class Decision(TimeStampedModel):
    """What the board decided (or noted) on an item."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Action(VersionedModel, TimeStampedModel):
    """Something a person or team agreed to do at a meeting, followed up at later meetings."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    text = models.TextField()
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    owner_team = models.CharField(
        max_length=100, blank=True, help_text='When a team owns it, e.g. "Officers".'
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_closed",
        help_text="The meeting where the action was followed up and closed.",
    )
    closing_note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # The owner may say an action is done, or propose dropping it; the clerk confirms it as a
    # matter arising at the next meeting, and until then the action stays open.
    proposed_outcome = models.CharField(
        max_length=10,
        choices=[(Status.DONE, "Done"), (Status.DROPPED, "Drop")],
        blank=True,
    )
    proposed_note = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who closed the action: the owner who proposed it, or the clerk.",
    )
    closed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | ~Q(owner_team=""), name="action_has_owner"
            ),
            models.CheckConstraint(
                condition=Q(closed_at_meeting__isnull=True) | ~Q(status="open"),
                name="open_action_not_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # A board's open actions are found through its meetings' items: this finds an
            # item's open ones without reading the rest (at scale L, 40 of a board's 2,900).
            models.Index(
                fields=["agenda_item"], condition=Q(status="open"), name="action_open_by_item"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        # The due date lives on this row and the meeting date on another table, so the rule
        # is checked here rather than by a database constraint.
        if not self.agenda_item_id:
            return
        meeting_date = self.agenda_item.meeting.date
        if self.due_date and self.due_date < meeting_date:
            raise ValidationError(
                {"due_date": "An action cannot be due before the meeting that agreed it."}
            )
        if self.closed_at_meeting_id and self.closed_at_meeting.date < meeting_date:
            raise ValidationError(
                {"closed_at_meeting": "An action is closed at the same or a later meeting."}
            )

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id else self.owner_team

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.OPEN and bool(self.due_date and self.due_date < today)

    def propose_closing(self, *, outcome: str, note: str, by, today: datetime.date) -> None:
        """The owner says the action is done or proposes dropping it; it stays open until
        the clerk records it at the next meeting."""
        if self.status != self.Status.OPEN:
            raise ValidationError("This action is already closed.")
        self.proposed_outcome = outcome
        self.proposed_note = note.strip()
        self.proposed_by = by
        self.proposed_on = today
        self.version += 1
        self.save()

    def follow_up(
        self, *, at_meeting: "Meeting", outcome: str, note: str = "", by=None
    ) -> "ActionFollowUp":
        """Matters arising: record what became of an open action at a later meeting. by is
        the clerk recording it; an outcome the owner proposed is closed in the owner's name."""
        if self.status != self.Status.OPEN:
            raise ValidationError("This action is already closed.")
        if (
            at_meeting.board_id != self.agenda_item.meeting.board_id
            or at_meeting.date < self.agenda_item.meeting.date
        ):
            raise ValidationError("Follow an action up at a later meeting of the same board.")
        with transaction.atomic():
            follow_up = ActionFollowUp.objects.create(
                action=self, meeting=at_meeting, outcome=outcome, note=note.strip()
            )
            if outcome != ActionFollowUp.Outcome.CARRIED_FORWARD:
                self.status = outcome
                self.closed_at_meeting = at_meeting
                self.closing_note = note.strip()
                proposed = self.proposed_outcome == outcome and self.proposed_by_id
                self.closed_by_id = self.proposed_by_id if proposed else getattr(by, "pk", None)
                self.closed_on = self.proposed_on if proposed else datetime.date.today()
            else:  # carried forward: what the owner proposed was not agreed
                self.proposed_outcome, self.proposed_note = "", ""
                self.proposed_by, self.proposed_on = None, None
            self.version += 1
            self.save()
        return follow_up


class ActivityReport(TimeStampedModel):
    """The link between an agenda item and an activity it reported on ("reported at")."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="activity_reports"
    )
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="reports")
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = ActivityReportQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "activity"], name="one_report_link_per_item_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} reported at {self.agenda_item}"


class ActionFollowUp(TimeStampedModel):
    """What a meeting recorded about an earlier meeting's open action (matters arising)."""

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"
        CARRIED_FORWARD = "carried_forward", "Carried forward"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="follow_ups")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="follow_ups")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = ActionFollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "meeting"], name="one_follow_up_a_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_outcome_display()} at {self.meeting}"


class NotesCorrection(TimeStampedModel):
    """A change made to notes after they were published: to an item, to the register or to
    the declarations of interest (part); why, when, and that part's text before and after.
    Once the notes are agreed as a correct record, a change is made only as a correction a
    later meeting agreed (agreed_at)."""

    class Part(models.TextChoices):
        ITEM = "item", "An item"
        ATTENDANCE = "attendance", "Attendance"
        DECLARATIONS = "declarations", "Declarations of interest"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="corrections")
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.ITEM)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The item corrected, when the part is an item.",
    )
    reason = models.TextField(help_text="Why the published notes were changed.")
    corrected_on = models.DateField(default=datetime.date.today)
    before = models.TextField(help_text="The item's notes as published before the change.")
    after = models.TextField(help_text="The item's notes after the change.")
    agreed_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections_agreed",
        help_text="The later meeting that agreed the correction (needed once notes are agreed).",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = NotesCorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["corrected_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="notes_correction_has_reason"),
            models.CheckConstraint(
                condition=~Q(agreed_at=F("meeting")), name="notes_correction_agreed_later"
            ),
            # An item's correction names the item; the register's and declarations' none.
            models.CheckConstraint(
                condition=Q(part="item", agenda_item__isnull=False)
                | (~Q(part="item") & Q(agenda_item__isnull=True)),
                name="notes_correction_item_only_for_items",
            ),
        ]

    def __str__(self) -> str:
        return f"Correction to {self.part_label} of {self.meeting}: {self.reason[:60]}"

    @property
    def part_label(self) -> str:
        """What was corrected, in a sentence: "item 4", "the attendance"."""
        if self.part == self.Part.ITEM:
            return f"item {self.agenda_item.number}"
        return f"the {self.get_part_display().lower()}"

    def clean(self) -> None:
        meeting = self.meeting
        if self.agenda_item_id is not None and self.agenda_item.meeting_id != meeting.pk:
            raise ValidationError({"agenda_item": "Choose an item of the same meeting."})
        if not meeting.notes_are_public:
            raise ValidationError("Only published notes are corrected; a draft is just edited.")
        if self.before == self.after:
            raise ValidationError("The notes are unchanged: there is nothing to correct.")
        if meeting.notes_are_locked and self.agreed_at_id is None:
            raise ValidationError(
                {"agreed_at": "Agreed notes change only by a correction a later meeting agreed."}
            )
        if self.agreed_at_id is not None and (
            self.agreed_at.board_id != meeting.board_id or self.agreed_at.date <= meeting.date
        ):
            raise ValidationError(
                {"agreed_at": "A correction is agreed at a later meeting of the same board."}
            )

    def changes(self) -> list[dict]:
        """The words taken out and put in, with a few words around each (no query)."""
        return changed_runs(self.before, self.after)


# Kept in a module of its own; imported here so Django finds it with the app's models.
from .paper_files import PaperFile, Schedule12A  # noqa: E402, F401
