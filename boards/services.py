"""Writes across several of a board's records, kept in one transaction."""

from django.db import transaction

from .models import Membership


@transaction.atomic
def save_membership(*, seats: list[Membership], ended: list[Membership]) -> None:
    """Save a year's membership of a board as the clerk left it: delete the memberships
    taken off it, then save the new and changed ones."""
    for seat in ended:
        seat.delete()
    for seat in seats:
        seat.save()
