"""One journey a role, in Chromium, through the real sign-in page."""

import datetime

from playwright.sync_api import Page, expect

from boards.models import Board, BoardRole, Person
from meetings.models import Meeting
from tests import factories as f
from tests.factories import PASSWORD
from workplan.models import Activity


def sign_in(page: Page, role: str, person_name: str | None = None) -> None:
    """Through the sign-in page, as someone new in this role on the demo board."""
    user = f.BoardRoleFactory(board=Board.objects.get(slug="sscb"), role=role).user
    if person_name:
        Person.objects.filter(name=person_name).update(user=user)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_officer_posts_an_update(page: Page):
    sign_in(page, BoardRole.Role.POLICY_OFFICER, "Mark Norris")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    activity = Activity.objects.filter(
        theme__programme__year__start_year=2022, status="in_progress"
    ).first()
    page.goto(f"/manage/activities/{activity.pk}/update/")
    page.get_by_label("What has happened").fill("Held a webinar for forty councils.")
    page.get_by_label("Status now").select_option("complete")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Your progress update has been posted.")).to_be_visible()
    expect(page.get_by_text("Held a webinar for forty councils.")).to_be_visible()
    assert Activity.objects.get(pk=activity.pk).status == "complete"


def test_clerk_records_and_publishes_a_meeting(page: Page):
    sign_in(page, BoardRole.Role.CLERK)
    page.goto("/manage/boards/sscb/meetings/new/")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2023")
    page.get_by_label("Venue").fill("18 Smith Square, London")
    page.get_by_role("button", name="Save meeting").click()
    meeting = Meeting.objects.get(date=datetime.date(2023, 3, 14))

    page.goto(f"/manage/meetings/{meeting.pk}/attendance/")
    woodbridge = Person.objects.get(name="Clive Woodbridge")
    page.locator(f"#id_member_{woodbridge.pk}_0").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()

    page.goto(f"/manage/meetings/{meeting.pk}/items/new/")
    page.get_by_label("Item number").fill("4")
    page.get_by_label("Title", exact=True).fill("Modern slavery update")
    page.locator("#id_decisions-0-text").fill("Members noted the update.")
    page.locator("#id_actions-0-text").fill("Officers to circulate the council guide.")
    page.locator("#id_actions-0-owner_team").fill("Officers")
    page.get_by_role("button", name="Save item").click()
    expect(page.get_by_text("Item 4 saved.")).to_be_visible()

    item = meeting.items.get(number="4")
    page.goto(f"/manage/items/{item.pk}/activities/")
    # The activity is picked by typing into the autocomplete over the first row's select.
    page.locator("input#id_activities").fill("Modern slavery")
    page.locator("#id_activities__listbox li", has_text="Modern slavery").first.click()
    page.get_by_role("button", name="Save links").click()
    expect(page.get_by_text("Links from item 4 saved.")).to_be_visible()
    assert item.activities.filter(title__icontains="modern slavery").exists()

    page.get_by_role("button", name="Start the notes").click()
    page.get_by_role("button", name="Check and publish the notes").click()
    page.get_by_role("button", name="Publish the notes").click()
    expect(page.get_by_text("The notes are now published.")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/boards/sscb/meetings/2023-03-14/")
    expect(page.get_by_text("Members noted the update.")).to_be_visible()
    expect(page.get_by_text("Officers to circulate the council guide.")).to_be_visible()


def test_board_member_reads_a_confidential_item_the_public_cannot(page: Page):
    page.goto("/boards/sscb/meetings/2021-11-09/")
    expect(page.get_by_text("8.a Confidential item: Building Safety Funding")).to_be_visible()
    expect(page.get_by_text("Charles Loft introduced the report which detailed")).to_have_count(0)

    sign_in(page, BoardRole.Role.BOARD_MEMBER)
    page.goto("/boards/sscb/meetings/2021-11-09/")
    expect(page.get_by_text("Charles Loft introduced the report which detailed")).to_be_visible()
    response = page.goto("/manage/boards/sscb/meetings/new/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot make this change")).to_be_visible()


def test_clerk_names_a_councillor_from_another_council_by_typing(page: Page):
    """The register's other substitutes: any councillor, listed by the server as the clerk
    types (the page does not hold them all). A name is shown as text, never as markup."""
    f.PersonFactory(name="Ann <i>Odd</i> Evans", authority__name="Eden District Council")
    wanted = f.PersonFactory(name="Annika Stand-in", authority__name="Carlisle City Council")
    meeting = f.MeetingFactory(
        board=Board.objects.get(slug="sscb"), date=datetime.date(2023, 3, 14), notes_status="draft"
    )
    sign_in(page, BoardRole.Role.CLERK)
    page.goto(f"/manage/meetings/{meeting.pk}/attendance/")
    member = page.locator(".app-register input[type=radio][value=apologies]").first
    member.check()
    page.get_by_role("button", name="Add another substitute").click()
    box = page.locator("input#id_subs-0-person")
    box.fill("ann")
    options = page.locator("#id_subs-0-person__listbox li")
    expect(options.first).to_be_visible()
    expect(options).to_have_text(
        [
            "Cllr Ann <i>Odd</i> Evans, Eden District Council",
            "Cllr Annika Stand-in, Carlisle City Council",
        ]
    )
    assert page.locator("#id_subs-0-person__listbox i").count() == 0
    options.nth(1).click()
    expect(box).to_have_value("Cllr Annika Stand-in, Carlisle City Council")
    absent = member.get_attribute("name").removeprefix("member_")
    page.locator("select#id_subs-0-substitute_for").select_option(absent)
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    assert meeting.attendance.get(person=wanted).substitute_for_id == int(absent)
