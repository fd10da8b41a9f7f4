"""Boards, the yearly board cycle, councils and the people who sit on or serve a board."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .links import link


class TimeStampedModel(models.Model):
    """Adds when a record was created and last changed (used for open-data sync)."""

    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone else saved the record after this edit started."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current} was changed by someone else")
        self.current = current


class VersionedModel(models.Model):
    """Refuses a save based on an out-of-date copy, so nobody silently overwrites another
    person's edit. Edit forms carry the version they started from."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_unless_changed(self, expected_version: int, **kwargs) -> None:
        # Claim the next version with one conditional UPDATE: it is atomic on every database,
        # where reading and comparing first would let two saves both pass. No savepoint of
        # its own: a conflict is raised, and the caller's transaction undoes it all.
        with transaction.atomic(savepoint=False):
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=expected_version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise EditConflict(type(self)._base_manager.get(pk=self.pk))
            self.version = expected_version + 1
            self.save(**kwargs)


class Board(TimeStampedModel):
    """A board or committee of councillors with officers who support it, such as the SSCB."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True, help_text="For example SSCB.")
    slug = models.SlugField(max_length=50, unique=True)
    description = models.TextField(blank=True)
    parent_organisation = models.CharField(
        max_length=200, blank=True, help_text="For example Local Government Association."
    )
    # Raised whenever any of the board's records change; keys its stored pages (boards/versions.py, web/caching.py).
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    # Raised instead when only progress moves (an officer's update and the status and RAG
    # rating it gives): pages that show no progress, such as meeting notes, stay stored.
    progress_version = models.PositiveBigIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["content_version", "progress_version"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return link("pages:board_detail", "board_slug", board_slug=self.slug)


class BoardYearQuerySet(models.QuerySet):
    def containing(self, day: datetime.date) -> "BoardYearQuerySet":
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class BoardYear(models.Model):
    """A board cycle such as 2022/23: from the first meeting in September to the summer.

    The organisation's financial year (April to March) cuts across two board years.
    """

    start_year = models.PositiveSmallIntegerField(unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    objects = BoardYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="board_year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """As the papers write it: 2022/23."""
        return self.label_for(self.start_year)

    @staticmethod
    def label_for(start_year: int) -> str:
        return f"{start_year}/{(start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """As URLs write it: 2022-23."""
        return self.slug_for(self.start_year)

    @staticmethod
    def slug_for(start_year: int) -> str:
        return f"{start_year}-{(start_year + 1) % 100:02d}"

    @classmethod
    def start_year_from_slug(cls, slug: str) -> int | None:
        """2022-23 gives 2022; anything else gives None."""
        first, _, second = slug.partition("-")
        if not (first.isdigit() and second.isdigit() and len(first) == 4 and len(second) == 2):
            return None
        start = int(first)
        return start if (start + 1) % 100 == int(second) else None


class Authority(TimeStampedModel):
    """A council (or fire authority) that a councillor represents."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """A councillor, an officer who supports a board, or a guest speaker."""

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        GUEST = "guest", "Guest"

    honorific = models.CharField(max_length=30, blank=True, help_text="For example Cllr or DCC.")
    name = models.CharField(max_length=200, help_text="Full name without honorific.")
    post_nominals = models.CharField(max_length=50, blank=True, help_text="For example MBE.")
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCILLOR)
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="For officers and guests, e.g. Home Office."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The sign-in account of this person, if they have one.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["kind", "name"]),
            # A name typed into a people picker is found whatever its case (meetings.lookups).
            models.Index(Upper("name"), name="boards_person_upper_name"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return link("pages:person_detail", "person_slug", person_slug=self.slug)

    @property
    def display_name(self) -> str:
        """The name as the notes print it: Cllr Morris Bright MBE."""
        return self.name_as_printed(self.honorific, self.name, self.post_nominals)

    @staticmethod
    def name_as_printed(honorific: str, name: str, post_nominals: str) -> str:
        """display_name from the columns, for lists read as rows rather than as people."""
        return " ".join(part for part in (honorific, name, post_nominals) if part)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:200] or "person"
        slug, n = base, 1
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class MembershipQuerySet(models.QuerySet):
    def copy_to(self, year: BoardYear) -> int:
        """Give these memberships' people the same seats in another year (a new year starts
        with last year's board); seats already there are kept. Returns how many were added."""
        existing = set(
            Membership.objects.filter(year=year).values_list("person_id", "board_id", "role")
        )
        new = [
            Membership(person_id=m.person_id, board_id=m.board_id, year=year, role=m.role)
            for m in self
            if (m.person_id, m.board_id, m.role) not in existing
        ]
        for membership in new:  # one by one: each is in the history
            membership.save()
        return len(new)


class Membership(TimeStampedModel):
    """A person's seat on a board for one board year, in a given role."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
        LEAD_MEMBER = "lead_member", "Lead member"
        MEMBER = "member", "Member"
        SUBSTITUTE = "substitute", "Substitute"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    year = models.ForeignKey(BoardYear, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-year__start_year", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "board", "year", "role"], name="unique_membership_role"
            ),
        ]
        indexes = [models.Index(fields=["board", "year", "role"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.board.short_name or self.board} {self.year}"


class BoardRole(TimeStampedModel):
    """What a signed-in user may do on one board. Administrators (superusers) may do
    everything on every board."""

    class Role(models.TextChoices):
        POLICY_OFFICER = "policy_officer", "Policy officer"
        CLERK = "clerk", "Clerk"
        BOARD_MEMBER = "board_member", "Board member"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_roles"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "board", "role"], name="one_role_per_board"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.board}"
