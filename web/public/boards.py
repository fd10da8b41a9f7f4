"""The home page, a board's page and a person's page: each brings together the board's
programme, meetings, actions and people."""

import datetime
import functools

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from boards.access import can_record_meetings, is_staff_for, reader_for
from boards.models import Board, Membership, Person
from meetings.models import Action, Attendance, Meeting
from meetings.records import (
    attendance_records,
    board_attendance_records,
    board_declarations_register,
    declarations_register,
)
from reports.models import ReportReading
from web import caching
from web.caching import cached_for_public
from web.pagination import paginate
from workplan.models import Activity, ActivityStatus, WorkProgramme

BOARDS_PER_PAGE = 20


@cached_for_public
def home(request: HttpRequest) -> HttpResponse:
    """The boards, each with its current programme at a glance and its next meeting, a page
    at a time: a national body may have dozens."""

    reader = reader_for(request.user)

    # Queries: count; boards with next meeting; then, unless every board's part of the page is
    # stored, current programmes and activity counts. Signed in, every board's version (the
    # roles come with the user), then nothing else while the stored copy of the list lasts.
    def listing() -> dict:
        today = datetime.date.today()
        next_meeting = Meeting.objects.filter(board=OuterRef("pk"), date__gte=today).order_by(
            "date"
        )
        boards = Board.objects.annotate(next_meeting_on=Subquery(next_meeting.values("date")[:1]))
        page, page_range = paginate(request, boards.order_by("name"), per_page=BOARDS_PER_PAGE)
        boards = list(page.object_list)

        @functools.cache
        def programmes_and_counts() -> tuple[dict, dict]:
            """Read for every board on the page once one board's part is not stored: an
            officer's update replaces only that board's part (keyed on its versions)."""
            programmes = WorkProgramme.objects.filter(board__in=boards).current_by_board(today)
            counts: dict[int, dict[str, int]] = {}
            rows = (
                Activity.objects.filter(theme__programme__in=programmes.values())
                .values("theme__programme_id", "status")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                counts.setdefault(row["theme__programme_id"], {})[row["status"]] = row["n"]
            return programmes, counts

        def at_a_glance(board: Board) -> dict:
            programmes, counts = programmes_and_counts()
            programme = programmes.get(board.pk)
            return {
                "programme": programme,
                "counts": counts.get(getattr(programme, "pk", None), {}),
            }

        for board in boards:
            board.at_a_glance = functools.partial(at_a_glance, board)
        return {"boards": boards, "page_obj": page, "page_range": page_range}

    context = {
        "listing": listing,
        "fragment": caching.fragment_of_every_board(request, reader),
        "reader_class": caching.reader_class(reader),
        "statuses": ActivityStatus.choices,
    }
    return render(request, "pages/home.html", context)


@cached_for_public
def board_detail(request: HttpRequest, board_slug: str) -> HttpResponse:
    # Queries: board; programme; theme counts; next meetings; recent meetings; action
    # counts; open actions; attendance and declarations; members. Stored parts save all but
    # the first two, and progress replaces only the theme counts.
    board = get_object_or_404(Board, slug=board_slug)
    reader = reader_for(request.user)
    today = datetime.date.today()
    programme = (
        WorkProgramme.objects.filter(board=board).select_related("board", "year").current(today)
    )
    meetings = Meeting.objects.filter(board=board).select_related("board")
    actions = Action.objects.for_board(board).visible_to(reader).open()

    def themes() -> list:
        """The programme's themes with their activities counted by status: read only when
        the stored copy (caching.fragment) is missing or out of date."""
        if not programme:
            return []
        return programme.themes.annotate(
            **{
                status: Count("activities", filter=Q(activities__status=status))
                for status in ActivityStatus.values
            },
            total=Count("activities"),
        )

    def records() -> dict:
        """Actions, attendance and declarations: they show no progress, so their stored copy
        is kept through officers' updates."""
        year = programme.year if programme else None
        return {
            "action_counts": actions.aggregate(
                open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
            ),
            "open_actions": actions.listed()[:10],
            # The current year's attendance record and register of declarations.
            "attendance_records": board_attendance_records(board, year, reader=reader, today=today)
            if year
            else [],
            "register": board_declarations_register(board, year, reader=reader) if year else [],
        }

    members = []
    if programme:
        members = (
            Membership.objects.filter(board=board, year=programme.year)
            .select_related("person__authority")
            .order_by("role", "person__name")
        )
    context = {
        "board": board,
        "programme": programme,
        "themes": themes,
        "records": records,
        "fragment": caching.fragment(request, board, reader),
        "records_fragment": caching.fragment(request, board, reader, shows_progress=False),
        "statuses": ActivityStatus.choices,
        "upcoming_meetings": meetings.upcoming(today)[:3],
        "recent_meetings": meetings.past(today)[:5],
        "members": members,
        "today": today,
        "can_record": can_record_meetings(request.user, board),
    }
    if is_staff_for(request.user, board):
        # Who of the board's members and staff has opened which version of its end-of-year
        # reports (one more query, for its staff only).
        context["report_readings"] = list(
            ReportReading.objects.filter(version__report__programme__board=board)
            .select_related(
                "reader", "version__report__programme__year", "version__report__programme__board"
            )
            .order_by("-version__report__programme__year__start_year", "-version__number", "pk")
        )
    return render(request, "pages/board_detail.html", context)


@cached_for_public
def person_detail(request: HttpRequest, person_slug: str) -> HttpResponse:
    # Queries: person; memberships; attendance; attendance counts; declarations;
    # activities led; items presented.
    person = get_object_or_404(Person.objects.select_related("authority"), slug=person_slug)
    reader = reader_for(request.user)
    attendance = Attendance.objects.filter(person=person).visible_to(reader)
    context = {
        "person": person,
        "memberships": person.memberships.select_related("board", "year").order_by(
            "-year__start_year", "board__name", "role"
        ),
        "attendance": attendance.select_related("meeting__board", "substitute_for").order_by(
            "-meeting__date"
        )[:50],
        "attendance_counts": dict(
            attendance.order_by().values_list("status").annotate(n=Count("pk"))
        ),
        "attendance_statuses": Attendance.Status.choices,
        "attendance_records": attendance_records(
            person.memberships.all(), reader=reader, today=datetime.date.today()
        ).order_by("-year__start_year", "board__name", "role"),
        # The register of the person's declarations: every one, as few as they are.
        "register": declarations_register(reader).filter(person=person),
        "activities": person.led_activities.select_related(
            "theme__programme__board", "theme__programme__year"
        ).order_by("-theme__programme__year__start_year", "theme__order", "order")[:100],
        "items_presented": person.items_presented.shaped_for(reader)
        .select_related("meeting__board")
        .order_by("-meeting__date", "order")[:50],
    }
    return render(request, "pages/person_detail.html", context)
