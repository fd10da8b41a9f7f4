"""A board's work programme for a year: its priority themes, activities and progress updates."""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, Count, Max, OuterRef, Q, Subquery, Sum, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from boards import versions
from boards.links import link
from boards.models import Board, BoardYear, Person, TimeStampedModel, VersionedModel


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    NOT_PROGRESSED = "not_progressed", "Not progressed"
    CARRIED_FORWARD = "carried_forward", "Carried forward"
    DROPPED = "dropped", "Dropped"


class Rag(models.TextChoices):
    """Red, amber or green: how the lead officer rates the activity's progress."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    __empty__ = "Not rated"


class WorkProgrammeQuerySet(models.QuerySet):
    def with_budget_allocated(self) -> "WorkProgrammeQuerySet":
        return self.annotate(budget_allocated=Sum("themes__activities__budget_allocated"))

    def of_board_year(self, board_slug: str, start_year: int) -> "WorkProgrammeQuerySet":
        """The programme a page's URL names (boards/sscb/2022-23/), with what its pages show."""
        return self.filter(board__slug=board_slug, year__start_year=start_year).select_related(
            "board", "year"
        )

    def started_by(self, day: datetime.date) -> "WorkProgrammeQuerySet":
        """Programmes of years that had started by the day, latest first."""
        return (
            self.filter(year__starts_on__lte=day)
            .select_related("board", "year")
            .order_by("board_id", "-year__start_year")
        )

    def current_by_board(self, today: datetime.date) -> dict[int, "WorkProgramme"]:
        """The programme each board is working to, by board id, in one query whatever the
        boards' history: the latest agreed one of a year that has started, else the latest
        one at all (a first programme still being proposed)."""
        started = self.filter(board=OuterRef("pk"), year__starts_on__lte=today).order_by(
            "-year__start_year"
        )
        agreed = started.filter(status=WorkProgramme.Status.AGREED)
        current = Board.objects.filter(pk__in=self.values("board_id")).annotate(
            current=Coalesce(Subquery(agreed.values("pk")[:1]), Subquery(started.values("pk")[:1]))
        )
        programmes = WorkProgramme.objects.filter(pk__in=current.values("current"))
        return {p.board_id: p for p in programmes.select_related("board", "year")}

    def current(self, today: datetime.date) -> "WorkProgramme | None":
        """The current programme of one board's programmes, as current_by_board chooses it:
        its years that have started, the agreed ones first, each the latest first. (Asked of
        one board's few programmes, a sort is simpler for PostgreSQL to plan than the
        subqueries that choose for every board at once.)"""
        agreed_first = Case(When(status=WorkProgramme.Status.AGREED, then=0), default=1)
        return (
            self.filter(year__starts_on__lte=today)
            .select_related("board", "year")
            .order_by(agreed_first, "-year__start_year")
            .first()
        )

    @transaction.atomic
    def open_next(self, board: Board, today: datetime.date) -> tuple["WorkProgramme", bool]:
        """Open the year after the board's latest programme for proposals, with that
        programme's themes to start from. Returns the programme and whether it is new."""
        latest = self.filter(board=board).select_related("year").order_by("-year__start_year")
        latest = latest.first()
        start_year = (latest.year.start_year + 1) if latest else today.year
        year, _ = BoardYear.objects.get_or_create(
            start_year=start_year,
            defaults={
                "starts_on": datetime.date(start_year, 9, 1),
                "ends_on": datetime.date(start_year + 1, 8, 31),
            },
        )
        programme, created = self.get_or_create(board=board, year=year)
        if created and latest:
            PriorityTheme.objects.bulk_create(
                PriorityTheme(
                    programme=programme, title=t.title, description=t.description, order=t.order
                )
                for t in latest.themes.all()
            )
            # A bulk insert sends no signals: raise the board's version here, not by relying
            # on the programme's own save above.
            versions.records_changed([board.pk])
        return programme, created


class WorkProgramme(TimeStampedModel):
    """The work programme a board proposes and then agrees for one board year."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="programmes")
    year = models.ForeignKey(BoardYear, on_delete=models.PROTECT, related_name="programmes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    agreed_on = models.DateField(
        null=True, blank=True, help_text="The date of the meeting that agreed the programme."
    )
    note = models.TextField(blank=True, help_text="How and when it was agreed, in words.")
    policy_budget = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The board's policy budget for the financial year of the same name (2023/24: April 2023 to March 2024).",
    )

    history = HistoricalRecords()
    objects = WorkProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_programme_per_board_year"),
            models.CheckConstraint(
                condition=Q(policy_budget__isnull=True) | Q(policy_budget__gte=0),
                name="programme_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True) | Q(status="agreed"),
                name="programme_agreed_on_only_when_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board.short_name or self.board} work programme {self.year}"

    def get_absolute_url(self) -> str:
        """Needs board and year loaded (select_related) to avoid extra queries."""
        return link(
            "pages:programme_detail",
            "board_slug",
            board_slug=self.board.slug,
            start_year=self.year.start_year,
        )

    def allocated_total(self) -> Decimal | None:
        """The budget allocated to the programme's activities, summed."""
        return self.themes.aggregate(total=Sum("activities__budget_allocated"))["total"]

    def budget_remaining(self, allocated: Decimal | None) -> Decimal | None:
        """What is left to allocate, given the total allocated to its activities."""
        if self.policy_budget is None:
            return None
        return self.policy_budget - (allocated or Decimal(0))

    def budget_position(self, allocated: Decimal | None) -> "BudgetPosition | None":
        """What is left to allocate, or how far the activities' allocations go beyond the
        budget: "£-500 is left to allocate" reads as a mistake in the figures."""
        remaining = self.budget_remaining(allocated)
        if remaining is None:
            return None
        return BudgetPosition(left=max(remaining, Decimal(0)), over=max(-remaining, Decimal(0)))


class BudgetPosition(NamedTuple):
    left: Decimal  # left to allocate; 0 when the allocations reach or pass the budget
    over: Decimal  # allocated beyond the budget; 0 within it


class PriorityTheme(TimeStampedModel):
    """One of the priority themes a programme is organised under, e.g. Community safety."""

    programme = models.ForeignKey(WorkProgramme, on_delete=models.PROTECT, related_name="themes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="unique_theme_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityQuerySet(models.QuerySet):
    def for_year(self, year: BoardYear) -> "ActivityQuerySet":
        return self.filter(theme__programme__year=year)

    def for_programme(self, programme: WorkProgramme) -> "ActivityQuerySet":
        return self.filter(theme__programme=programme)

    def with_last_update(self) -> "ActivityQuerySet":
        """Annotate last_update_on: the date of the latest progress update, or None."""
        return self.annotate(last_update_on=Max("updates__date"))

    def with_latest_update(self) -> "ActivityQuerySet":
        """Annotate last_update_on and latest_update_text, in the same query. Each is the
        first row of the activity's updates, latest first, read through their index: an
        activity with a long history costs no more than a new one."""
        latest = ProgressUpdate.objects.filter(activity=OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(
            last_update_on=Subquery(latest.values("date")[:1]),
            latest_update_text=Subquery(latest.values("text")[:1]),
        )

    def with_progress_stamp(self) -> "ActivityQuerySet":
        """Annotate updates_stamp (see progress_stamp), in the same query: how many updates
        the activity and the one it continues have, and when one of them last changed. Plain
        SQL: it is built for every view of an activity page, and building it through the ORM
        took longer than the database took to run it."""
        quote = connection.ops.quote_name
        activity_table = quote(Activity._meta.db_table)
        update_table = quote(ProgressUpdate._meta.db_table)
        return self.annotate(
            updates_stamp=RawSQL(
                f"SELECT COUNT(*) || ':' || MAX(modified) FROM {update_table} WHERE activity_id"
                f" IN ({activity_table}.id, {activity_table}.carried_forward_from_id)",
                [],
            )
        )

    def for_programme_page(self) -> "ActivityQuerySet":
        return self.select_related("lead_officer", "theme").with_latest_update()

    def status_counts(self) -> dict[str, int]:
        rows = self.order_by().values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}

    def unfinished(self) -> "ActivityQuerySet":
        return self.filter(status__in=Activity.UNFINISHED_STATUSES)


class Activity(VersionedModel, TimeStampedModel):
    """A piece of work in a programme that a lead officer delivers and reports on."""

    UNFINISHED_STATUSES = (
        ActivityStatus.PROPOSED,
        ActivityStatus.AGREED,
        ActivityStatus.IN_PROGRESS,
    )
    # The progress update carry_forward posts; the end-of-year report recognises it.
    CARRIED_FORWARD_NOTE = "Carried forward to the {year} work programme."

    theme = models.ForeignKey(PriorityTheme, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_activities",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    status = models.CharField(
        max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    indicative_timing = models.CharField(max_length=300, blank=True)
    target_date = models.DateField(null=True, blank=True)
    resource_requirement = models.TextField(blank=True)
    budget_allocated = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    carried_forward_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_forward_to",
        help_text="The activity of an earlier year that this one continues.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["theme__programme", "theme__order", "order", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["theme", "title"], name="unique_activity_title"),
            models.CheckConstraint(
                condition=Q(budget_allocated__isnull=True) | Q(budget_allocated__gte=0),
                name="activity_budget_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["rag"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Needs theme__programme__board and __year loaded (select_related)."""
        programme = self.theme.programme
        return link(
            "pages:activity_detail",
            "pk",
            board_slug=programme.board.slug,
            start_year=programme.year.start_year,
            pk=self.pk,
        )

    @property
    def progress_stamp(self) -> str:
        """Changes whenever the progress the activity's page shows does: the activity saved
        (its status and RAG rating come with each update), or its updates, or those of the
        activity it continues, added, changed or removed (see with_progress_stamp)."""
        return f"{self.modified.isoformat()}:{self.updates_stamp}"

    def post_update(self, update: "ProgressUpdate") -> None:
        """Save a progress update; the activity's status and RAG rating are those of its
        latest update by date (ties by the order entered), so a back-dated update is history
        and does not undo a later one."""
        with transaction.atomic():
            # Lock the activity so that updates posted at the same moment each move its
            # version on, rather than one overwriting the other's.
            current = Activity.objects.select_for_update().only("version").get(pk=self.pk)
            update.activity = self
            update.save()
            latest = self.updates.order_by("-date", "-pk").only("status", "rag").first()
            self.status, self.rag = latest.status, latest.rag
            self.version = current.version + 1
            self.save(update_fields=["status", "rag", "version", "modified"])

    def latest_update_date(self) -> datetime.date | None:
        return self.updates.aggregate(latest=Max("date"))["latest"]

    def default_update_date(self, today: datetime.date) -> datetime.date:
        """Today, or the last day of the programme's year once that year is over: an update
        on last year's work is dated within it."""
        year = self.theme.programme.year
        return min(today, year.ends_on)

    def carry_forward(self, *, into: WorkProgramme, author: Person | None = None) -> "Activity":
        """Continue this unfinished activity in a later programme, as a proposal there, and
        mark this one carried forward."""
        if into.year.start_year <= self.theme.programme.year.start_year:
            raise ValidationError("Carry work forward into a later year's programme.")
        with transaction.atomic():
            theme, _ = PriorityTheme.objects.get_or_create(
                programme=into, title=self.theme.title, defaults={"order": self.theme.order}
            )
            if Activity.objects.filter(theme=theme, title=self.title).exists():
                raise ValidationError(f"{into} already has “{self.title}”.")
            later = Activity.objects.create(
                theme=theme,
                title=self.title,
                description=self.description,
                lead_officer=self.lead_officer,
                indicative_timing=self.indicative_timing,
                resource_requirement=self.resource_requirement,
                status=ActivityStatus.PROPOSED,
                carried_forward_from=self,
                order=Activity.objects.filter(theme=theme).count() + 1,
            )
            self.post_update(
                ProgressUpdate(
                    text=self.CARRIED_FORWARD_NOTE.format(year=into.year),
                    date=datetime.date.today(),
                    author=author,
                    status=ActivityStatus.CARRIED_FORWARD,
                    rag=self.rag,
                )
            )
        return later

    def clean(self) -> None:
        if self.carried_forward_from_id and self.theme_id:
            earlier = self.carried_forward_from
            if earlier.theme.programme.year.start_year >= self.theme.programme.year.start_year:
                raise ValidationError(
                    {
                        "carried_forward_from": "An activity can only continue one from an earlier year."
                    }
                )


class ProgressUpdate(VersionedModel, TimeStampedModel):
    """A dated note of progress on an activity, with its status and RAG rating at that time."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="updates")
    date = models.DateField(default=datetime.date.today)
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="progress_updates"
    )
    text = models.TextField()
    status = models.CharField(max_length=20, choices=ActivityStatus.choices)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "date", "pk"]
        # With the key: the latest update (by date, then as entered) is the index's last.
        indexes = [models.Index(fields=["activity", "date", "id"])]

    def __str__(self) -> str:
        return f"Update on {self.activity} ({self.date:%d %B %Y})"
