"""The files of an agenda item's paper: the paper itself and its appendices, as Word or PDF.

A file is a version: replacing one keeps the earlier row (superseded_by points to the one
that replaced it, superseded_at says when), and removing one keeps its row too (superseded_at
set, superseded_by empty), so the item's history shows every file it had. A file is confidential
alone or with its item; meetings.querysets decides who may read it.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from boards.models import TimeStampedModel

from .querysets import PaperFileQuerySet


class Schedule12A(models.IntegerChoices):
    """Why a paper is exempt: the paragraphs of Part 1 of Schedule 12A to the Local
    Government Act 1972, as clerks cite them."""

    INDIVIDUAL = 1, "1 – Information relating to any individual"
    IDENTITY = 2, "2 – Information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3 – Information relating to anyone's financial or business affairs"
    LABOUR_RELATIONS = 4, "4 – Consultations or negotiations on labour relations"
    LEGAL_PRIVILEGE = 5, "5 – Information covered by legal professional privilege"
    NOTICE_OR_ORDER = 6, "6 – A notice, order or direction the authority proposes to give or make"
    CRIME = 7, "7 – The prevention, investigation or prosecution of crime"


def stored_name(paper_file: "PaperFile", filename: str) -> str:
    """Where a file is kept: under a random folder, so no address can be guessed from the
    item or the file's name (every download goes through the app's permission check)."""
    name = PurePath(filename)
    stem = slugify(name.stem)[:80] or "paper"
    suffix = slugify(name.suffix.lstrip("."))[:8]
    return f"papers/{uuid.uuid4().hex}/{stem}{'.' + suffix if suffix else ''}"


class PaperFile(TimeStampedModel):
    """One file of an item's paper: the paper itself or an appendix."""

    class Role(models.TextChoices):
        PAPER = "paper", "Paper"
        APPENDIX = "appendix", "Appendix"

    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="files"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PAPER)
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=stored_name, max_length=200)
    original_name = models.CharField("file name as uploaded", max_length=255)
    # Found from the file's content, never from its name (see paper_checks).
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    sha1 = models.CharField(max_length=40)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # The file's words, read once on upload: what search looks in.
    text = models.TextField(blank=True)
    is_confidential = models.BooleanField("confidential", default=False)
    schedule_12a_paragraph = models.PositiveSmallIntegerField(
        "Schedule 12A paragraph", choices=Schedule12A.choices, null=True, blank=True
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="earlier_versions",
        help_text="The file that replaced this one.",
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = PaperFileQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "order", "pk"]
        indexes = [models.Index(fields=["agenda_item", "superseded_by"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(schedule_12a_paragraph__isnull=True)
                | models.Q(is_confidential=True),
                name="schedule_12a_paragraph_only_when_confidential",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        """Neither replaced nor removed (as PaperFile.objects.current())."""
        return self.superseded_by_id is None and self.superseded_at is None

    def get_absolute_url(self) -> str:
        """Its download, through the app's permission check: the only address it has."""
        return reverse("meetings:paper_file", kwargs={"pk": self.pk})

    @property
    def was_removed(self) -> bool:
        return self.superseded_at is not None and self.superseded_by_id is None

    @property
    def type_label(self) -> str:
        """The file's type as readers know it: "PDF", "Word"."""
        return settings.PAPER_FILE_TYPES.get(self.mime_type, self.mime_type)
