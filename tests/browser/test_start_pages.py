"""The pages this round of work added, at a phone's width and a desktop's: each role's start
page, the officer's round of updates and earlier-update question, the clerk's membership,
check pages, and the styled 403. axe finds nothing and nothing scrolls
sideways (SCREENSHOT_DIR keeps a picture of each)."""

import datetime

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from boards.models import Board, BoardRole, Person
from meetings.models import Meeting
from tests.browser.test_accessibility import AXE_RUN, describe
from tests.browser.test_reminder_pages import PASSWORD, WIDTHS, check, sign_in
from workplan.models import Activity


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


def user_with(role: str, person_name: str | None = None) -> User:
    user = User.objects.create_user(f"{role}-start", password=PASSWORD)
    BoardRole.objects.create(user=user, board=Board.objects.get(slug="sscb"), role=role)
    if person_name:
        Person.objects.filter(name=person_name).update(user=user)
    return user


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_officer_pages(page: Page, axe_script, width):
    sign_in(page, user_with(BoardRole.Role.POLICY_OFFICER, "Mark Norris"))
    check(page, axe_script, "/my-work/", width, "start-officer")
    check(page, axe_script, "/my-work/updates/", width, "update-several")
    activity = Activity.objects.filter(
        updates__isnull=False, lead_officer__name="Mark Norris"
    ).first()
    if activity is None:
        activity = Activity.objects.filter(updates__isnull=False).first()
    url = f"/manage/activities/{activity.pk}/update/"
    check(page, axe_script, url, width, "post-update")
    # An update dated before the latest asks to confirm, in the error summary and by the box.
    page.get_by_label("What has happened").fill("An earlier note.")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2000")
    page.get_by_role("button", name="Post update").click()
    page.get_by_text("Is this an earlier update?").wait_for()
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(AXE_RUN)
    assert not results["violations"], describe(results["violations"])


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_clerk_and_member_pages(page: Page, axe_script, width):
    sign_in(page, user_with(BoardRole.Role.CLERK))
    check(page, axe_script, "/my-work/", width, "start-clerk")
    check(page, axe_script, "/manage/boards/sscb/2022-23/members/", width, "members")
    check(page, axe_script, "/manage/boards/sscb/2023-24/members/", width, "members-empty")
    meeting = Meeting.objects.filter(notes_status="published").order_by("-date").first()
    check(page, axe_script, f"/manage/meetings/{meeting.pk}/notes/check/", width, "check-notes")
    page.context.clear_cookies()
    member = user_with(BoardRole.Role.BOARD_MEMBER)
    Meeting.objects.create(
        board=Board.objects.get(slug="sscb"),
        date=datetime.date.today() + datetime.timedelta(days=9),
    )
    sign_in(page, member)
    check(page, axe_script, "/my-work/", width, "start-member")
    response = page.goto("/manage/boards/sscb/meetings/new/")
    assert response.status == 403
