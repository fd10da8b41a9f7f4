"""Where clerks keep their board's membership for each year: add members, change roles,
end memberships, and start a year with last year's members."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from boards.access import can_record_meetings, require
from boards.forms import shown_unjudged, with_formset_row_added, with_formset_row_removed
from boards.models import Board, BoardYear, Membership
from boards.services import save_membership
from meetings.clerk_forms import MembershipFormSetClass
from web.clerk.meetings import posted_pk
from web.clerk.people import person_lookup


@login_required
def current_membership(request: HttpRequest, board_slug: str) -> HttpResponse:
    """This year's members (the board year containing today, else the latest): the link
    from a clerk's start page, which reads no year to make it."""
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_record_meetings)
    year = BoardYear.objects.containing(datetime.date.today()).first() or BoardYear.objects.first()
    if year is None:
        raise Http404("No board year has been set up.")
    return redirect("meetings:edit_membership", board_slug=board.slug, start_year=year.start_year)


@login_required
def edit_membership(request: HttpRequest, board_slug: str, start_year: int) -> HttpResponse:
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_record_meetings)
    year = get_object_or_404(BoardYear, start_year=start_year)
    seats = Membership.objects.filter(board=board, year=year).select_related("person")
    if request.method == "POST" and "copy" in request.POST:
        earlier = Membership.objects.filter(board=board, year__start_year=start_year - 1)
        added = earlier.copy_to(year)
        messages.success(
            request,
            f"{added} membership{'s' if added != 1 else ''} copied from {start_year - 1}/{start_year % 100:02d}.",
        )
        return redirect("meetings:edit_membership", board_slug=board.slug, start_year=start_year)
    data = request.POST or None
    if "add_row" in request.POST:
        data = with_formset_row_added(request.POST, "seats")
    elif "remove_row" in request.POST:
        data = with_formset_row_removed(request.POST, "seats", posted_pk(request, "remove_row"))
    formset = MembershipFormSetClass(
        data,
        queryset=seats.order_by("person__name"),
        prefix="seats",
        form_kwargs={
            "lookup": person_lookup(board, "councillors", data=data, names=r"seats-\d+-person"),
            "board": board,
            "year": year,
        },
    )
    if "add_row" in request.POST or "remove_row" in request.POST:
        shown_unjudged(formset)
    elif data is not None and formset.is_valid():
        seats_to_save = formset.save(commit=False)  # also finds the ones to delete
        save_membership(seats=seats_to_save, ended=formset.deleted_objects)
        messages.success(request, f"The {year} membership has been saved.")
        return redirect("meetings:edit_membership", board_slug=board.slug, start_year=start_year)
    context = {
        "board": board,
        "year": year,
        "formset": formset,
        "error_forms": [f for f in formset.forms if f.errors],
    }
    return render(request, "meetings/manage/membership.html", context)
