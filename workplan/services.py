"""Writes across several activities of the work programme, kept in one transaction."""

from django.db import transaction

from boards.models import Person

from .models import Activity, WorkProgramme


@transaction.atomic
def carry_forward_activities(
    *, activities: list[Activity], into: WorkProgramme, author: Person | None
) -> None:
    """Carry each unfinished activity into a later year's programme (Activity.carry_forward:
    a proposal there, with its theme, and this one marked carried forward): all of them, or,
    when one cannot be carried (a ValidationError), none."""
    for activity in activities:
        activity.carry_forward(into=into, author=author)
