"""Agenda packs: one PDF of a meeting's agenda and every paper, for the public or for members."""

import uuid

from django.db import models
from django.utils import timezone


def pack_name(pack: "AgendaPack", filename: str) -> str:
    """Under a random folder: the members' pack holds exempt papers, so no address of it may
    be guessed (it is only ever served through the app's permission check)."""
    return f"packs/{uuid.uuid4().hex}/{pack.audience}-pack.pdf"


class AgendaPack(models.Model):
    """The stored pack of one meeting for one audience, with the key of everything it shows:
    when the key of the meeting's papers as they stand differs, the pack is built again."""

    class Audience(models.TextChoices):
        PUBLIC = "public", "Public pack"
        MEMBERS = "members", "Members' pack"

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_packs"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    key = models.CharField(max_length=64, help_text="Digest of everything the pack shows.")
    file = models.FileField(upload_to=pack_name, max_length=200)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    sha1 = models.CharField(max_length=40)
    page_count = models.PositiveIntegerField()
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "audience"], name="one_pack_per_audience")
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()}, {self.meeting}"
