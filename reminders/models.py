"""Reminders by e-mail (what each person has turned off, and what was sent) and the secret
address of each person's calendar of actions."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


class Kind(models.TextChoices):
    """The kinds of reminder, each of which a person can turn off."""

    ACTIONS_DUE = "actions_due", "Your actions due within 14 days or overdue (weekly)"
    ACTIVITY_UPDATES = "activity_updates", "Activities to update before the next board meeting"
    NOTES_UNPUBLISHED = "notes_unpublished", "Meeting notes still unpublished"
    AGENDA_MISSING = "agenda_missing", "Meetings with no agenda a week before"
    REPORT_COMMENTS = "report_comments", "New comments on end-of-year reports"


class ReminderOptOutQuerySet(models.QuerySet):
    def turn_off(self, *, user_id: int, kind: str) -> None:
        """Turn one kind of reminder off for a person (repeating it changes nothing)."""
        self.get_or_create(user_id=user_id, kind=kind)

    def keep_only(self, *, user, wanted: set[str]) -> None:
        """Keep exactly the kinds in wanted turned on for the person, the others off."""
        self.filter(user=user, kind__in=wanted).delete()
        for kind in set(Kind.values) - wanted:
            self.get_or_create(user=user, kind=kind)


class ReminderOptOut(models.Model):
    """A kind of reminder a person has turned off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    created = models.DateTimeField(auto_now_add=True)

    objects = ReminderOptOutQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_a_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: no {self.get_kind_display().lower()}"


class ReminderQuerySet(models.QuerySet):
    def unsent(self) -> "ReminderQuerySet":
        return self.filter(sent_at__isnull=True)


class Reminder(models.Model):
    """One reminder to one person, written when it falls due and marked when it was sent.

    Its key says what it is about (a week, a meeting), so the same reminder is never written
    twice; one that could not be sent stays unsent and goes with the next run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=60, help_text="What it is about, e.g. 2026-W48.")
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_reminder_a_key"),
        ]
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(sent_at__isnull=True),
                name="reminder_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.user}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalFeed(models.Model):
    """The secret address of a person's calendar of action due dates."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created = models.DateField(default=datetime.date.today)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("reminders:action_calendar", kwargs={"token": self.token})

    def reset(self) -> None:
        """A new secret address: the old one stops working at once."""
        self.token = new_token()
        self.created = datetime.date.today()
        self.save(update_fields=["token", "created"])
