"""A paper or set of notes read from a file, kept as a draft until someone accepts it."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from boards.models import Board, TimeStampedModel


class DocumentKind(models.TextChoices):
    NOTES = "notes", "Notes of a meeting"
    WORKPLAN = "workplan", "Work plan"
    REPORT = "report", "End-of-year report"
    UPDATE = "update", "Update paper"


class ImportedDocument(TimeStampedModel):
    """What the importer read from one file. Nothing else in the database changes until
    someone accepts it; then the records are created as drafts (meetings with draft notes,
    proposed programmes) and this keeps the source for reference."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Waiting for review"
        ACCEPTED = "accepted", "Accepted"
        DISCARDED = "discarded", "Discarded"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="imported_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    original_name = models.CharField("original file name", max_length=255)
    sha256 = models.CharField(max_length=64, help_text="Of the file as uploaded.")
    source_text = models.TextField(help_text="The file's text as read, one line a line.")
    parsed = models.JSONField(help_text="The records read, in the shapes of the demo data.")
    would_create = models.JSONField(
        default=list, help_text="What accepting would create, worked out when it was read."
    )
    warnings = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # How much a clerk had to put right before accepting: a measure of how well the file
    # was read, shown on the review page.
    corrections = models.PositiveIntegerField(
        default=0, help_text="Changes a clerk made to what was read."
    )

    class Meta:
        ordering = ["-created"]
        constraints = [
            # The same file imported twice for a board is the same draft, not a second one.
            models.UniqueConstraint(fields=["board", "sha256"], name="one_import_per_file"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_kind_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:review", kwargs={"pk": self.pk})

    @property
    def source_lines(self) -> list[str]:
        return self.source_text.split("\n")
