"""Members' attendance records and the register of declarations, per board year.

Both are read through the rules in querysets.py: a meeting counts only once the reader may
read its notes (Meeting.shaped_for), attendance through Attendance.visible_to, declarations
through DeclarationOfInterest.shaped_for. Nothing here decides who may see what.
"""

import datetime

from django.db.models import Case, F, Func, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from boards.access import Reader
from boards.models import Board, BoardYear, Membership

from .models import Attendance, DeclarationOfInterest, Meeting


def _count(rows: QuerySet) -> Coalesce:
    """The number of rows of a correlated subquery, as one column."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _in_membership_year(prefix: str) -> dict:
    """Meetings (through prefix) of the outer membership's board in its board year."""
    return {
        f"{prefix}board": OuterRef("board"),
        f"{prefix}kind": Meeting.Kind.BOARD,
        f"{prefix}date__gte": OuterRef("year__starts_on"),
        f"{prefix}date__lte": OuterRef("year__ends_on"),
    }


def attendance_records(memberships: QuerySet, *, reader: Reader, today: datetime.date) -> QuerySet:
    """The memberships, each annotated: expected, the board meetings of its board and year
    that were held (not cancelled, not in the future) and whose notes the reader may read (none
    for a substitute member: nobody expects them); present, apologies and substitutes_sent
    (someone came as a substitute for the member) at those meetings.

    Lead members meetings are left out: only some members are expected at them."""
    held = (
        Meeting.objects.held(today)
        .shaped_for(reader)
        .filter(notes_visible=True, **_in_membership_year(""))
    )
    attendance = (
        Attendance.objects.visible_to(reader)
        .filter(meeting__cancelled=False, meeting__date__lte=today)
        .filter(**_in_membership_year("meeting__"))
    )
    mine = attendance.filter(person=OuterRef("person"))
    return memberships.select_related("person__authority", "board", "year").annotate(
        expected=Case(When(role=Membership.Role.SUBSTITUTE, then=Value(0)), default=_count(held)),
        present=_count(mine.filter(status=Attendance.Status.PRESENT)),
        apologies=_count(mine.filter(status=Attendance.Status.APOLOGIES)),
        substitutes_sent=_count(attendance.filter(substitute_for=OuterRef("person"))),
    )


def board_attendance_records(
    board: Board, year: BoardYear, *, reader: Reader, today: datetime.date
) -> QuerySet:
    memberships = Membership.objects.filter(board=board, year=year).exclude(
        role=Membership.Role.SUBSTITUTE
    )
    return attendance_records(memberships, reader=reader, today=today).order_by(
        "person__name", "role"
    )


def attendance_csv_rows(records) -> list:
    return [
        [
            str(record.person),
            str(record.person.authority or ""),
            record.get_role_display(),
            record.expected,
            record.present,
            record.apologies,
            record.substitutes_sent,
        ]
        for record in records
    ]


ATTENDANCE_CSV_HEADER = [
    "Member",
    "Authority",
    "Role",
    "Meetings expected",
    "Present",
    "Apologies",
    "Substitutes sent",
]


def declarations_register(reader: Reader) -> QuerySet:
    """Every declaration the reader may read, with its meeting, board and person, in date
    order; shown_interest and item_number as DeclarationOfInterest.shaped_for gives them."""
    return (
        DeclarationOfInterest.objects.shaped_for(reader)
        .select_related("meeting__board", "person")
        .order_by("-meeting__date", "person__name", "pk")
    )


def board_declarations_register(board: Board, year: BoardYear, *, reader: Reader) -> QuerySet:
    return declarations_register(reader).filter(
        meeting__board=board, meeting__date__range=(year.starts_on, year.ends_on)
    )
