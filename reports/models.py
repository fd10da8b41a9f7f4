"""The end-of-year report on a board's work programme: the officers' editable front matter
and paragraphs, and the versions frozen when it was sent to the board."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Person, TimeStampedModel, VersionedModel
from meetings.models import AgendaItem
from meetings.querysets import open_item_q, sees_restricted
from workplan.models import Activity, PriorityTheme, WorkProgramme


class EndOfYearReport(VersionedModel, TimeStampedModel):
    """The report for one programme year. Most of it is written from the records each time
    it is read; officers edit the front matter, the implications and any paragraph."""

    programme = models.OneToOneField(
        WorkProgramme, on_delete=models.PROTECT, related_name="end_of_year_report"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="meeting and agenda item",
        help_text="Where the report will be presented to the board.",
    )
    purpose = models.CharField(max_length=200, default="For direction.")
    summary = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    contact_officer = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The contact details the board's papers print under the contact officer: a work number
    # and address for this paper, not kept on the person (whose page the public reads).
    contact_phone = models.CharField(
        "phone number", max_length=40, blank=True, help_text="For example 07798 534781."
    )
    contact_email = models.EmailField("email address", blank=True)
    plan_theme = models.CharField(
        "organisation's plan theme",
        max_length=200,
        blank=True,
        help_text="For example, Championing climate change and local environments.",
    )
    wales_implications = models.TextField("implications for Wales", blank=True)
    financial_implications = models.TextField(blank=True)
    equalities_implications = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "end-of-year report"

    def __str__(self) -> str:
        return f"End-of-year report {self.programme.year}"

    @classmethod
    def for_programme(cls, programme: WorkProgramme) -> "EndOfYearReport":
        """The programme's report, or an unsaved first draft with the usual wording."""
        existing = (
            cls.objects.filter(programme=programme)
            .select_related("contact_officer", "agenda_item__meeting__board")
            .annotate(
                item_is_restricted=ExpressionWrapper(
                    ~open_item_q("agenda_item__"), output_field=BooleanField()
                )
            )
            .first()
        )
        if existing:
            existing.programme = programme  # already read, with its board and year
            return existing
        board = programme.board.name
        return cls(
            programme=programme,
            summary=f"This paper sets out the {board} end of year report for {programme.year}, "
            "including initial proposals for next year's work programme.",
            recommendation=f"That members of the {board} note the end of year report and consider "
            "the Board's work priorities for next year.",
            next_steps="Officers will develop a more detailed work plan for consideration at the "
            "first meeting of the next Board cycle in September.",
        )

    def get_absolute_url(self) -> str:
        """Needs programme__board and programme__year loaded (select_related)."""
        return reverse(
            "reports:report",
            kwargs={
                "board_slug": self.programme.board.slug,
                "start_year": self.programme.year.start_year,
            },
        )


class ActivityParagraph(TimeStampedModel):
    """An officer's own wording of an activity's paragraph, used instead of the text the
    report would write from the activity's progress updates. The updates are untouched."""

    report = models.ForeignKey(EndOfYearReport, on_delete=models.CASCADE, related_name="paragraphs")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    left_out = models.BooleanField(
        default=False,
        help_text="Deliberately left out of the report: its activity has nothing to report.",
    )
    generated_from = models.TextField(
        blank=True,
        help_text="The generated text the officer started from, to tell when the records moved on.",
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "activity"], name="one_paragraph_per_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"Paragraph on {self.activity}"


class ReportSection(VersionedModel, TimeStampedModel):
    """A part of the report the officers write themselves: work that belongs to no activity or
    agenda item, such as a section on building safety or a sub-heading under a theme."""

    class Place(models.TextChoices):
        BACKGROUND = "background", "In the background, after the themes agreed"
        THEME = "theme", "Under a theme, after its activities"
        AREA = "area", "An area of work of its own, after the themes"
        SECTION = "section", "A section of its own, before the proposals for next year"
        PROPOSALS = "proposals", "The introduction to the proposals for next year"

    report = models.ForeignKey(EndOfYearReport, on_delete=models.CASCADE, related_name="sections")
    place = models.CharField("where it goes in the report", max_length=20, choices=Place.choices)
    theme = models.ForeignKey(
        PriorityTheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Only for a part under a theme.",
    )
    heading = models.CharField(
        max_length=200,
        blank=True,
        help_text="Printed as a heading (a sub-heading under a theme). Optional in the "
        "background and under a theme.",
    )
    text = models.TextField(
        help_text="Separate paragraphs with a blank line; each is numbered in the report."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place="theme", theme__isnull=False)
                | (~Q(place="theme") & Q(theme__isnull=True)),
                name="only_parts_under_a_theme_name_one",
            ),
        ]

    def __str__(self) -> str:
        return self.heading or f"{self.get_place_display()} ({self.text[:40]})"

    def clean(self) -> None:
        # The theme must be one of the report's own programme.
        if self.theme_id and self.theme.programme_id != self.report.programme_id:
            raise ValidationError({"theme": "Choose a theme of this year's programme"})
        if self.place in (self.Place.AREA, self.Place.SECTION) and not self.heading.strip():
            raise ValidationError({"heading": "Enter a heading for the section"})


class ReportVersion(models.Model):
    """A frozen copy of the report as sent to the board: later changes to the records do
    not alter it. The public copy leaves out confidential items."""

    report = models.ForeignKey(EndOfYearReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content = models.JSONField(
        help_text="The whole report, for people who may see confidential items."
    )
    public_content = models.JSONField(help_text="The report without confidential items.")

    # Records each time the public copy is made again without an item made confidential later.
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="one_version_number_per_report"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}, version {self.number}"

    @staticmethod
    def copy_field(reader, board_id: int) -> str:
        """Which copy a reader reads: the members' copy for those who may see the board's
        confidential items (meetings.querysets decides who), the public copy for others."""
        return "content" if sees_restricted(reader, board_id) else "public_content"

    def copy_for(self, reader) -> dict:
        return getattr(self, self.copy_field(reader, self.report.programme.board_id))

    def changes_since_sent(self):
        """What happened to this version after it was sent (reports.confidentiality)."""
        return self.history.exclude(history_change_reason__isnull=True).order_by("history_date")


class ReviewComment(TimeStampedModel):
    """A board member's question or suggested change on one paragraph of a version sent to
    the board, or an officer's reply to one. Seen only by the board's members and staff."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        SUGGESTION = "suggestion", "Suggested change"
        REPLY = "reply", "Reply"

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="comments")
    paragraph = models.CharField(
        max_length=10, help_text="The paragraph's number in the members' copy of the version."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    # A comment outlives its author's account: the board's record of the review stays whole,
    # and the page says the account was deleted.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    # An open comment moves to the next version sent, onto the paragraph it was about.
    moved_from = models.CharField(
        max_length=60, blank=True, help_text="Where it was made, e.g. version 1, paragraph 12."
    )
    text_changed = models.BooleanField(
        default=False, help_text="The paragraph's text changed when the comment moved to it."
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="reply") & Q(in_reply_to__isnull=False))
                | (~Q(kind="reply") & Q(in_reply_to__isnull=True)),
                name="replies_and_only_replies_answer_a_comment",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(in_reply_to__isnull=True),
                name="only_comments_are_resolved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on paragraph {self.paragraph} of {self.version}"

    def resolve(self, *, by) -> None:
        self.resolved_at, self.resolved_by = timezone.now(), by
        self.save(update_fields=["resolved_at", "resolved_by", "modified"])


class ReportReading(models.Model):
    """That a signed-in reader opened a version sent to the board: "changes since the version
    you read" compares with the last one they opened, and the board's staff see who has read
    which version."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="readings")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_readings"
    )
    first_opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "reader"], name="one_reading_per_reader"),
        ]

    def __str__(self) -> str:
        return f"{self.reader} opened {self.version}"
