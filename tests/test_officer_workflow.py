"""A policy officer's year, through the pages: sign in, see what needs updating, post
updates, edit an activity, open next year's programme and propose work for it. Bad input
gets clear errors next to the field and in the summary, saves nothing and is never a 500."""

import datetime
import re
from html import unescape
from types import SimpleNamespace

import pytest

from meetings.models import ActivityReport
from workplan.models import Activity, ProgressUpdate, WorkProgramme

from . import factories as f
from .factories import PASSWORD
from .reading import text

pytestmark = pytest.mark.django_db


def field_error(response, field_id: str) -> str:
    """The error message shown next to a field (GOV.UK: <p id="id_x_error">)."""
    found = re.search(rf'<p id="{field_id}_error"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    assert found, f"no error shown next to {field_id}"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def summary_errors(response) -> list[tuple[str, str]]:
    """The error summary's links: (target, message)."""
    html = response.content.decode()
    assert "There is a problem" in html
    links = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', html, re.S)
    return [(target, unescape(message).strip()) for target, message in links]


@pytest.fixture
def sscb(world):
    """The world's officer, Olu Adeyemi, leads five of the programme's activities in various
    states of being kept up to date; he and a colleague own actions from a March meeting."""
    board, year, programme, safety = world.board, world.year, world.programme, world.theme
    fire = f.PriorityThemeFactory(
        programme=programme, title="Fire and rescue", order=safety.order + 1
    )
    user, me = world.officer, world.lead
    colleague = f.OfficerFactory(name="Sam Colleague")

    def activity(title, **kwargs):
        return f.ActivityFactory(theme=safety, title=title, lead_officer=me, **kwargs)

    never = activity("Review the serious violence duty", status="agreed", rag="")
    recent = activity("Lobby on the Victims Bill")
    f.ProgressUpdateFactory(activity=recent, date=datetime.date(2023, 1, 10))
    stale = world.activity  # "Tackle modern slavery"
    stale.status, stale.rag = "agreed", "green"
    stale.save()
    f.ProgressUpdateFactory(activity=stale, date=datetime.date(2022, 10, 5), text="Scoped it.")
    activity("Publish hate crime guidance", status="complete")
    f.ActivityFactory(theme=safety, title="Someone else's work", lead_officer=colleague)

    meeting = f.MeetingFactory(board=board, date=datetime.date(2023, 3, 7))
    item = f.AgendaItemFactory(meeting=meeting, number="5", title="Modern slavery update")

    def action(text, **kwargs):
        return f.ActionFactory(agenda_item=item, text=text, owner_team="", **kwargs)

    action(
        "Write to the Home Office",
        owner=me,
        due_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    action(
        "Draft the annual letter",
        owner=me,
        due_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    action(
        "Circulate the briefing",
        owner=me,
        due_date=datetime.date.today() - datetime.timedelta(days=40),
        status="done",
        closed_at_meeting=meeting,
    )
    action(
        "Colleague's overdue task",
        owner=colleague,
        due_date=datetime.date.today() - datetime.timedelta(days=9),
    )
    return SimpleNamespace(**locals())


@pytest.fixture
def officer(signed_in, sscb):
    return signed_in(sscb.user)


def update_data(**changes) -> dict:
    data = {
        "text": "Met the Home Office to discuss the statutory guidance.",
        "date_day": "1",
        "date_month": "3",
        "date_year": "2023",
        "status": "in_progress",
        "rag": "amber",
        "reported_at": "",
    }
    return data | changes


def activity_data(activity, **changes) -> dict:
    data = {
        "theme": activity.theme_id,
        "title": activity.title,
        "description": activity.description,
        "lead_officer": activity.lead_officer_id or "",
        "indicative_timing": activity.indicative_timing,
        "target_date_day": "",
        "target_date_month": "",
        "target_date_year": "",
        "resource_requirement": activity.resource_requirement,
        "budget_allocated": "",
        "version": activity.version,
    }
    return data | changes


def test_sign_in_leads_to_my_work(client, sscb):
    assert "Sign in" in text(client.get("/accounts/login/?next=/my-work/"))
    response = client.post(
        "/accounts/login/", {"username": sscb.user.username, "password": "wrong"}
    )
    assert "There is a problem" in text(response)
    assert "_auth_user_id" not in client.session
    data = {"username": sscb.user.username, "password": PASSWORD, "next": "/my-work/"}
    response = client.post("/accounts/login/", data)
    assert response.url == "/my-work/"
    assert "Activities you lead" in text(client.get("/my-work/"))


def test_a_forgotten_password_is_reset_by_email(client, sscb, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.url == "/accounts/password_reset/done/"
    assert not mailoutbox  # the page does not say whether an account exists
    client.post("/accounts/password_reset/", {"email": sscb.user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    assert f"Your username is {sscb.user.username}." in mailoutbox[0].body
    form_url = client.get(link).url
    assert "Choose a new password" in text(client.get(form_url))
    new = {"new_password1": "a fresh long passphrase", "new_password2": "a fresh long passphrase"}
    assert client.post(form_url, new).url == "/accounts/reset/done/"
    assert "This link has expired" in text(client.get(link, follow=True))
    response = client.post(
        "/accounts/login/", {"username": sscb.user.username, "password": new["new_password1"]}
    )
    assert response.url == "/my-work/"


def test_sign_in_errors_say_which_box_and_what_to_do(client, sscb):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    assert field_error(response, "id_username") == "Error: Enter your username"
    assert field_error(response, "id_password") == "Error: Enter your password"
    assert summary_errors(response) == [
        ("id_username", "Enter your username"),
        ("id_password", "Enter your password"),
    ]
    response = client.post("/accounts/login/", {"username": sscb.user.username, "password": "x"})
    wrong = "Enter a correct username and password. Both are case-sensitive"
    assert field_error(response, "id_username") == f"Error: {wrong}"
    assert summary_errors(response) == [("id_username", wrong)]
    assert text(response).startswith("Error: Sign in")
    assert "_auth_user_id" not in client.session


def test_a_new_password_form_sent_with_mistakes_says_which_box(client, sscb, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": ""})
    assert field_error(response, "id_email") == "Error: Enter the email address of your account"
    response = client.post("/accounts/password_reset/", {"email": "not an address"})
    assert field_error(response, "id_email").startswith("Error: Enter an email address in the")
    client.post("/accounts/password_reset/", {"email": sscb.user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": "", "new_password2": ""})
    assert field_error(response, "id_new_password1") == "Error: Enter a new password"
    assert field_error(response, "id_new_password2") == "Error: Enter the new password again"
    different = {"new_password1": "a fresh long passphrase", "new_password2": "another one"}
    response = client.post(form_url, different)
    assert field_error(response, "id_new_password2") == (
        "Error: Enter the same new password in both boxes"
    )


def test_my_work_lists_never_updated_then_most_stale_first(officer, sscb):
    page = text(officer.get("/my-work/"))
    titles = [
        "Review the serious violence duty",
        "Tackle modern slavery",
        "Lobby on the Victims Bill",
    ]
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Never updated" in page
    assert "Publish hate crime guidance" not in page  # complete
    assert "Someone else's work" not in page


def test_my_work_lists_only_my_open_overdue_actions(officer, sscb):
    page = text(officer.get("/my-work/"))
    overdue = page[page.index("Your overdue actions") :]
    assert "Write to the Home Office" in overdue
    assert "Draft the annual letter" not in overdue  # not due yet
    assert "Circulate the briefing" not in overdue  # done
    assert "Colleague's overdue task" not in overdue


def test_my_work_for_an_account_without_an_officer_record(sscb, signed_in):
    client = signed_in(f.UserFactory())
    assert "not linked to an officer" in text(client.get("/my-work/"))


def test_posting_an_update_changes_the_activity_and_shows_in_date_order(officer, sscb):
    activity = sscb.stale
    response = officer.post(f"/manage/activities/{activity.pk}/update/", update_data())
    update = ProgressUpdate.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == activity.get_absolute_url()
    assert (update.author, update.date) == (sscb.me, datetime.date(2023, 3, 1))
    activity.refresh_from_db()
    assert (activity.status, activity.rag) == ("in_progress", "amber")
    page = text(officer.get(response.url))
    assert "Your progress update has been posted" in page
    assert "In progress" in page

    # A later posting about an earlier day goes between the two (latest first).
    officer.post(
        f"/manage/activities/{activity.pk}/update/",
        update_data(text="Wrote to the minister.", date_month="1", confirm_earlier="on"),
    )
    page = text(officer.get(activity.get_absolute_url()))
    order = [page.index(s) for s in ("Met the Home Office", "Wrote to the minister.", "Scoped it.")]
    assert order == sorted(order)
    assert "1 March 2023 – Olu Adeyemi" in page


def test_the_activity_page_offers_the_update_form_to_its_officers_only(
    officer, sscb, anonymous, signed_in
):
    url = sscb.stale.get_absolute_url()
    assert "Post a progress update" in text(officer.get(url))
    assert "Post a progress update" not in text(anonymous.get(url))
    member = signed_in(sscb.world.member)
    assert "Post a progress update" not in text(member.get(url))


def test_an_update_reported_at_a_meeting_links_both_pages(officer, sscb):
    activity = sscb.stale
    form = text(officer.get(f"/manage/activities/{activity.pk}/update/"))
    assert "7 March 2023, item 5: Modern slavery update" in form
    officer.post(f"/manage/activities/{activity.pk}/update/", update_data(reported_at=sscb.item.pk))
    assert ActivityReport.objects.filter(activity=activity, agenda_item=sscb.item).exists()
    activity_page = text(officer.get(activity.get_absolute_url()))
    reported = activity_page[activity_page.index("Reported at") :]
    assert "item 5, Modern slavery update" in reported
    meeting_page = text(officer.get(sscb.meeting.get_absolute_url()))
    assert "Work programme activities this item reported on Tackle modern slavery" in meeting_page


def test_only_items_of_the_boards_meetings_that_year_can_be_chosen(officer, sscb):
    elsewhere = f.AgendaItemFactory(meeting__date=datetime.date(2023, 3, 8), title="Elsewhere")
    next_year = f.AgendaItemFactory(
        meeting=f.MeetingFactory(board=sscb.board, date=datetime.date(2023, 10, 3)),
        title="Next year",
    )
    url = f"/manage/activities/{sscb.stale.pk}/update/"
    for item in (elsewhere, next_year):
        response = officer.post(url, update_data(reported_at=item.pk))
        assert response.status_code == 200
        assert "Select a valid choice" in field_error(response, "id_reported_at")
    assert not ActivityReport.objects.exists()


def test_editing_an_activity(officer, sscb):
    activity = sscb.stale
    page = officer.get(f"/manage/activities/{activity.pk}/edit/")
    assert page.status_code == 200
    assert f'name="version" value="{activity.version}"' in page.content.decode()
    response = officer.post(
        f"/manage/activities/{activity.pk}/edit/",
        activity_data(
            activity,
            title="Tackle modern slavery in supply chains",
            theme=sscb.fire.pk,
            target_date_day="31",
            target_date_month="7",
            target_date_year="2023",
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Tackle modern slavery in supply chains"
    assert activity.theme == sscb.fire
    assert activity.target_date == datetime.date(2023, 7, 31)
    page = text(officer.get(activity.get_absolute_url()))
    assert "The activity has been saved" in page
    assert "Target date 31 July 2023" in page


def test_a_title_already_in_the_programme_is_refused(officer, sscb):
    activity = sscb.stale
    response = officer.post(
        f"/manage/activities/{activity.pk}/edit/",
        activity_data(activity, title="lobby on the  Victims Bill", theme=sscb.fire.pk),
    )
    assert response.status_code == 200
    assert "already has an activity with this title" in field_error(response, "id_title")
    activity.refresh_from_db()
    assert activity.title == "Tackle modern slavery"


def test_starting_next_year_copies_the_themes_and_takes_proposals(officer, sscb):
    response = officer.post("/manage/boards/sscb/programmes/next/")
    assert response.status_code == 302
    assert response.url == "/boards/sscb/2023-24/"
    page = text(officer.get(response.url))
    assert "The 2023/24 work programme is open for proposals" in page
    assert "Community safety" in page
    assert "Fire and rescue" in page
    programme = WorkProgramme.objects.get(board=sscb.board, year__start_year=2023)
    new_theme = programme.themes.get(title="Community safety")

    form = text(officer.get(f"/manage/programmes/{programme.pk}/activities/new/"))
    assert "Propose an activity" in form
    response = officer.post(
        f"/manage/programmes/{programme.pk}/activities/new/",
        {
            "theme": new_theme.pk,
            "title": "Tackle modern slavery",  # the same title in another year is fine
            "description": "Year two of the work.",
            "lead_officer": sscb.me.pk,
            "indicative_timing": "Autumn",
        },
    )
    assert response.status_code == 302
    proposed = Activity.objects.get(theme=new_theme)
    assert proposed.status == "proposed"
    page = text(officer.get(response.url))
    assert "Tackle modern slavery" in page
    assert "Proposed" in page
    # Starting it again adds no second set of themes.
    officer.post("/manage/boards/sscb/programmes/next/")
    assert WorkProgramme.objects.filter(board=sscb.board).count() == 3
    assert programme.themes.count() == 2


def test_a_theme_of_another_programme_cannot_be_chosen(officer, sscb):
    other = f.PriorityThemeFactory(title="Elsewhere")
    response = officer.post(
        f"/manage/programmes/{sscb.programme.pk}/activities/new/",
        activity_data(sscb.stale, title="Anything", theme=other.pk),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response, "id_theme")
    assert not Activity.objects.filter(title="Anything").exists()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"text": ""}, "id_text", "Enter what has happened"),
        ({"text": "   "}, "id_text", "Enter what has happened"),
        ({"date_day": "31", "date_month": "2"}, "id_date", "Enter a real date"),
        ({"date_month": ""}, "id_date", "The date must include a month"),
        ({"date_day": "", "date_year": ""}, "id_date", "The date must include a day and year"),
        ({"date_day": "", "date_month": "", "date_year": ""}, "id_date", "Enter the date of"),
        ({"date_year": "99999"}, "id_date", "Enter a year between 1900 and 2200"),
        ({"date_day": "99999999999999999999"}, "id_date", "Enter a real date"),
        ({"date_day": "first"}, "id_date", "Enter the date as numbers"),
        ({"date_day": "1\x00"}, "id_date", "Enter the date as numbers"),
        ({"text": "x" * 30_000}, "id_text", "Must be 20,000 characters or fewer"),
        ({"text": "Null\x00byte"}, "id_text", "Null characters are not allowed."),
        ({"status": "finished"}, "id_status", "Select a valid choice"),
        ({"rag": "purple"}, "id_rag", "Select a valid choice"),
        ({"reported_at": "\x00"}, "id_reported_at", "Null characters are not allowed."),
        ({"reported_at": "99999999999999999999"}, "id_reported_at", "Select a valid choice"),
    ],
    ids=lambda value: repr(value)[:40] if isinstance(value, dict) else None,
)
def test_bad_updates_are_explained_and_save_nothing(officer, sscb, changes, field_id, message):
    activity = sscb.stale
    response = officer.post(f"/manage/activities/{activity.pk}/update/", update_data(**changes))
    assert response.status_code == 200
    assert message in field_error(response, field_id)
    assert any(
        target == field_id and message in error for target, error in summary_errors(response)
    )
    assert activity.updates.count() == 1
    activity.refresh_from_db()
    assert (activity.status, activity.rag) == ("agreed", "green")
    assert not ActivityReport.objects.exists()


def test_an_update_dated_tomorrow_is_refused(officer, sscb):
    # Worked out when the test runs, not when it is collected, so a run
    # that crosses midnight still posts tomorrow's date.
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = officer.post(
        f"/manage/activities/{sscb.stale.pk}/update/",
        update_data(date_day=tomorrow.day, date_month=tomorrow.month, date_year=tomorrow.year),
    )
    assert response.status_code == 200
    assert "The date of the update cannot be in the future" in field_error(response, "id_date")
    assert sscb.stale.updates.count() == 1


def test_what_was_typed_is_kept_after_an_error(officer, sscb):
    response = officer.post(
        f"/manage/activities/{sscb.stale.pk}/update/",
        update_data(text="Keep this text", date_month=""),
    )
    html = response.content.decode()
    assert "Keep this text</textarea>" in html
    assert 'name="date_day" type="text" inputmode="numeric" value="1"' in html


def test_script_is_shown_as_text_never_run(officer, sscb):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    activity = sscb.stale
    officer.post(f"/manage/activities/{activity.pk}/update/", update_data(text=attack))
    activity.refresh_from_db()
    officer.post(
        f"/manage/activities/{activity.pk}/edit/",
        activity_data(activity, title=f"Slavery {attack}", description=attack),
    )
    activity.refresh_from_db()
    assert activity.title == f"Slavery {attack}"
    for url in (activity.get_absolute_url(), "/my-work/", "/boards/sscb/2022-23/"):
        html = officer.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url
    # And on a form shown again with errors.
    response = officer.post(
        f"/manage/activities/{activity.pk}/update/", update_data(text=attack, date_year="")
    )
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
