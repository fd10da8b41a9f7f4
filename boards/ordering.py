"""The one order people are listed in notes and registers, as minutes list them: the chair
first, then by surname (not by first name, as a plain sort of full names gives)."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import Exists, OuterRef

from .models import Membership, Person

T = TypeVar("T")


def surname(name: str) -> str:
    """The last word of a full name (post-nominals are kept apart, in their own field)."""
    words = name.split()
    return words[-1] if words else ""


def minutes_order(
    rows: Iterable[T],
    *,
    person: Callable[[T], Person] = lambda row: row,
    is_chair: Callable[[T], bool] = lambda row: bool(getattr(row, "is_chair", False)),
) -> list[T]:
    """The rows with the chair first, then by surname, then by full name."""

    def key(row: T) -> tuple:
        name = person(row).name
        return (not is_chair(row), surname(name).casefold(), name.casefold())

    return sorted(rows, key=key)


def chaired(*, board: OuterRef | int, date: OuterRef, person: OuterRef) -> Exists:
    """Whether the person chaired the board in the board year of the date (an annotation)."""
    return Exists(
        Membership.objects.filter(
            board=board,
            person=person,
            role=Membership.Role.CHAIR,
            year__starts_on__lte=date,
            year__ends_on__gte=date,
        )
    )
