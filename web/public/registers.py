"""A board's members' attendance records and register of declarations, year by year."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from boards.access import reader_for
from boards.models import Board, BoardYear
from meetings.records import (
    ATTENDANCE_CSV_HEADER,
    attendance_csv_rows,
    board_attendance_records,
    board_declarations_register,
)
from web.caching import cached_for_public
from web.csv_export import csv_response


def board_and_year(board_slug: str, start_year: int) -> tuple[Board, BoardYear]:
    board = get_object_or_404(Board, slug=board_slug)
    return board, get_object_or_404(BoardYear, start_year=start_year)


@cached_for_public(shows_progress=False)
def board_records(request: HttpRequest, board_slug: str, start_year: int) -> HttpResponse:
    # Queries: board; year; years with members; attendance records; declarations.
    board, year = board_and_year(board_slug, start_year)
    reader = reader_for(request.user)
    today = datetime.date.today()
    context = {
        "board": board,
        "year": year,
        "years": BoardYear.objects.filter(memberships__board=board).distinct(),
        "attendance_records": board_attendance_records(board, year, reader=reader, today=today),
        "register": board_declarations_register(board, year, reader=reader),
    }
    return render(request, "pages/board_records.html", context)


def board_attendance_csv(request: HttpRequest, board_slug: str, start_year: int):
    board, year = board_and_year(board_slug, start_year)
    records = board_attendance_records(
        board, year, reader=reader_for(request.user), today=datetime.date.today()
    )
    return csv_response(
        f"{board.slug}-attendance-{year.slug}.csv",
        ATTENDANCE_CSV_HEADER,
        attendance_csv_rows(records),
    )
