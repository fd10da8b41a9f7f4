"""Each signed-in person's start page: their work as an officer, a clerk and a member."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boards.models import BoardRole
from meetings.models import Action
from web.account.start_lists import (
    boards_where,
    clerk_lists,
    member_lists,
    officer_rows,
    open_review_comments,
)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The start page: what each of the user's roles needs next. Officers: their activities
    and which updates are due; clerks: meetings by what they need and open actions; board
    members: the next meeting's agenda and papers, and the reports sent to the board."""
    # Queries: session, user, person, clerk's boards, member's
    # boards; then per role shown: officer 2 (activities, meetings), overdue actions 1,
    # clerk 3 (meetings, next meetings' items, actions), member 3 (meetings, items, reports); policy officer's
    # boards 1, and their reports' open comments 1 when there are such boards.
    today = datetime.date.today()
    person = getattr(request.user, "person", None)
    clerk_boards = boards_where(request.user, BoardRole.Role.CLERK)
    member_boards = boards_where(request.user, BoardRole.Role.BOARD_MEMBER)
    officer_boards = boards_where(request.user, BoardRole.Role.POLICY_OFFICER)
    context = {
        "person": person,
        "today": today,
        "required_days": settings.AGENDA_CLEAR_DAYS,
        "officer_rows": officer_rows(person, today) if person else [],
        "overdue": Action.objects.filter(owner=person).overdue(today).listed() if person else [],
        "clerk_boards": clerk_boards,
        "clerk": clerk_lists(clerk_boards, today) if clerk_boards else None,
        "member": member_lists(member_boards, today) if member_boards else None,
        "review_comments": open_review_comments(officer_boards) if officer_boards else [],
    }
    return render(request, "pages/manage/my_work.html", context)
