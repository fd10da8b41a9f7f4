"""An agenda item in one form: the item, its paper (asked about only when it had one),
several decisions and actions (added and removed without JavaScript by submit buttons),
presenters picked one per row from the people at the meeting, and its activity links picked
one per row from a list grouped by theme with suggestions first, saved together or not at
all."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from meetings.models import Action, ActivityReport, AgendaItem, Decision, Paper

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def meeting(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="draft"
    )
    f.AttendanceFactory(meeting=meeting, person=world.councillor, status="present")
    f.AttendanceFactory(meeting=meeting, person=world.lead, status="in_attendance")
    other_theme = f.PriorityThemeFactory(programme=world.programme, title="Fire and rescue")
    f.ActivityFactory(theme=other_theme, title="Review fire inspections")
    return meeting


@pytest.fixture
def clerk(world, signed_in):
    return signed_in(world.clerk)


def new_item(meeting) -> str:
    return f"/manage/meetings/{meeting.pk}/items/new/"


def blank(**fields) -> dict:
    data = {
        "number": "",
        "title": "",
        "introduction": "",
        "discussion_points": "",
        "confidential_reason": "",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
    }
    return data | fields


def action(i: int, text: str, team="Officers", day="") -> dict:
    return {
        f"actions-{i}-text": text,
        f"actions-{i}-owner": "",
        f"actions-{i}-owner_team": team,
        f"actions-{i}-due_date_day": day,
        f"actions-{i}-due_date_month": "12" if day else "",
        f"actions-{i}-due_date_year": "2022" if day else "",
    }


def full_item(world) -> dict:
    data = blank(
        number="8",
        title="Modern slavery",
        is_confidential="on",
        confidential_reason="Commercially sensitive",
        presenters=[str(world.lead.pk)],
        **{
            "paper-has_paper": "on",
            "paper-title": "Statutory guidance",
            "paper-purpose": "direction",
            "decisions-TOTAL_FORMS": "3",
            "actions-TOTAL_FORMS": "3",
            "links-activities": [str(world.activity.pk)],
        },
    )
    for i, decision in enumerate(["Agreed the approach.", "Noted the risks.", "Thanked Olu."]):
        data[f"decisions-{i}-text"] = decision
    for i, todo in enumerate(["Draft a response", "Write to councils", "Report back"]):
        data |= action(i, todo, day="20")
    return data


def test_an_item_with_paper_decisions_actions_and_links_in_one_save(world, meeting, clerk):
    response = clerk.post(new_item(meeting), full_item(world))
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.number, item.is_confidential, item.confidential_reason) == (
        "8",
        True,
        "Commercially sensitive",
    )
    assert list(item.presenters.all()) == [world.lead]
    assert item.paper.title == "Statutory guidance"
    assert [d.text for d in item.decisions.order_by("order")] == [
        "Agreed the approach.",
        "Noted the risks.",
        "Thanked Olu.",
    ]
    assert item.actions.count() == 3
    assert [r.activity for r in item.activity_reports.all()] == [world.activity]

    # The hub shows the item's links.
    hub = text(clerk.get(f"/manage/meetings/{meeting.pk}/"))
    assert "3 decisions, 3 actions Reported on: Tackle modern slavery" in hub

    # The edit form sent back unchanged saves and changes nothing.
    url = f"/manage/items/{item.pk}/edit/"
    values = form_values(clerk.get(url).content.decode())
    assert clerk.post(url, values).status_code == 302
    item.refresh_from_db()
    assert item.decisions.count() == 3 and item.actions.count() == 3
    assert item.paper.title == "Statutory guidance"
    assert item.activity_reports.count() == 1 and item.presenters.count() == 1


def test_one_bad_action_saves_nothing_at_all(world, meeting, clerk):
    data = full_item(world) | action(2, "Report back", day="1") | {"actions-2-due_date_month": "1"}
    response = clerk.post(new_item(meeting), data)
    assert response.status_code == 200
    assert "An action cannot be due before the meeting that agreed it" in text(response)
    for model in (AgendaItem, Paper, Decision, Action, ActivityReport):
        assert not model.objects.exists()
    # What was typed is still there.
    values = form_values(response.content.decode())
    assert values["decisions-2-text"] == "Thanked Olu."
    assert values["links-activities"] == [str(world.activity.pk), ""]


def test_add_another_and_remove_without_javascript_keep_the_input(meeting, clerk):
    data = blank(number="5", **{"decisions-0-text": "First decision"}, add_decisions="1")
    response = clerk.post(new_item(meeting), data)
    assert response.status_code == 200
    assert "There is a problem" not in text(response)
    values = form_values(response.content.decode())
    assert values["decisions-TOTAL_FORMS"] == "2"
    assert values["decisions-0-text"] == "First decision" and values["decisions-1-text"] == ""
    assert values["number"] == "5"

    values |= {"decisions-1-text": "Second decision", "remove_decisions": "0"}
    values = form_values(clerk.post(new_item(meeting), values).content.decode())
    assert values["decisions-TOTAL_FORMS"] == "1"
    assert values["decisions-0-text"] == "Second decision"
    assert not AgendaItem.objects.exists()


def test_the_paper_questions_count_only_when_there_is_a_paper(meeting, clerk):
    data = blank(number="6", title="Any other business", **{"paper-title": "Left behind"})
    assert clerk.post(new_item(meeting), data).status_code == 302
    assert not Paper.objects.exists()
    response = clerk.post(
        new_item(meeting), blank(number="7", title="X", **{"paper-has_paper": "on"})
    )
    page = text(response)
    assert page.count("Enter the title of the paper") == 2
    assert page.count("Choose the purpose of the paper") == 2
    # A title too long is told so, and not also that it is missing.
    data = blank(number="7", title="X", **{"paper-has_paper": "on", "paper-title": "T" * 301})
    page = text(clerk.post(new_item(meeting), data))
    assert page.count("Must be 300 characters or fewer") == 2
    assert "Enter the title of the paper" not in page


def test_presenters_are_picked_from_the_meeting_and_links_are_grouped(world, meeting, clerk):
    early = f.OfficerFactory(name="Aaron Early")  # first by name, but not at the meeting
    f.ActivityFactory(theme=world.theme, lead_officer=early)
    html = clerk.get(new_item(meeting)).content.decode()
    picker = html[
        html.index('<select name="presenters"') : html.index(
            "</select>", html.index('<select name="presenters"')
        )
    ]
    assert '<optgroup label="At this meeting">' in picker
    # Names are escaped in the page (the shared world's names may hold an apostrophe).
    assert escape(world.councillor.name) in picker and "Olu Adeyemi" in picker
    assert "Aaron Early" not in picker  # not at the meeting: no presenter
    assert "Aaron Early" in html  # but an action's owner may be anyone working with the board
    assert "checkbox" not in html[html.index("Presented by") : html.index("The paper")]
    links = html[html.index('<select name="links-activities"') :]
    assert links.index('<optgroup label="Community safety">') < links.index(
        '<optgroup label="Fire and rescue">'
    )
    assert links.index("Tackle modern slavery") < links.index("Review fire inspections")


def test_add_another_presenter_without_javascript(world, meeting, clerk):
    data = blank(number="5", presenters=[str(world.lead.pk)], add_presenters="1")
    html = clerk.post(new_item(meeting), data).content.decode()
    rows = re.findall(r'<select name="presenters" id="(id_presenters(?:_\d+)?)"', html)
    assert rows == ["id_presenters", "id_presenters_2", "id_presenters_3"]
    assert "There is a problem" not in html
    values = form_values(html)
    assert values["presenters"] == [str(world.lead.pk), "", ""]
    data = values | {"title": "Welcome"}
    data.pop("add_presenters", None)
    assert clerk.post(new_item(meeting), data).status_code == 302
    assert list(AgendaItem.objects.get().presenters.all()) == [world.lead]


def test_the_pickers_offer_the_boards_people_not_every_officer(world, meeting, clerk):
    """Officers who lead the board's activities or hold a role on it, guests who came to
    its meetings, and whoever the item already names; not another board's officers."""
    earlier = f.MeetingFactory(board=world.board, date=datetime.date(2022, 6, 1))
    f.AttendanceFactory(meeting=earlier, person=f.PersonFactory(name="Gita Guest", kind="guest"))
    elsewhere = f.MeetingFactory(board=world.other_board, date=datetime.date(2022, 6, 1))
    f.AttendanceFactory(meeting=elsewhere, person=f.OfficerFactory(name="Otto Other"))
    named = f.OfficerFactory(name="Nora Named")
    item = f.AgendaItemFactory(meeting=meeting, number="4")
    f.ActionFactory(agenda_item=item, owner=named)
    page = text(clerk.get(f"/manage/items/{item.pk}/edit/"))
    for name in ("Olu Adeyemi", "Gita Guest", "Nora Named"):
        assert name in page
    assert "Otto Other" not in page
    form = form_values(clerk.get(f"/manage/items/{item.pk}/edit/").content.decode())
    assert clerk.post(f"/manage/items/{item.pk}/edit/", form).status_code == 302
    assert Action.objects.get(agenda_item=item).owner == named


def test_the_pickers_offer_people_of_the_years_around_the_meeting(world, meeting, clerk):
    """A guest who came to the board two years before the meeting is offered; one who came
    six years before is not, unless the item names them (twenty years of a board's guests
    and officers were hundreds of names, and a thousand rows read)."""
    recent = f.MeetingFactory(board=world.board, date=datetime.date(2021, 1, 20))
    f.AttendanceFactory(meeting=recent, person=f.PersonFactory(name="Rhea Recent", kind="guest"))
    long_ago = f.MeetingFactory(board=world.board, date=datetime.date(2016, 11, 8))
    gone = f.PersonFactory(name="Lorna Longago", kind="guest")
    f.AttendanceFactory(meeting=long_ago, person=gone)
    item = f.AgendaItemFactory(meeting=meeting, number="4")
    page = text(clerk.get(f"/manage/items/{item.pk}/edit/"))
    assert "Rhea Recent" in page and "Lorna Longago" not in page
    item.presenters.add(gone)
    assert "Lorna Longago" in text(clerk.get(f"/manage/items/{item.pk}/edit/"))


def test_the_pickers_offer_role_holders_and_the_papers_contact_and_name_councils(
    world, meeting, clerk
):
    """An officer with a role on the board is offered, and one with a role on another board
    is not; a paper's contact officer who works with no board is kept; a councillor is named
    with their council, an officer with their post."""
    holder = f.OfficerFactory(name="Rolf Role", user=f.UserFactory(username="rolf"))
    f.BoardRoleFactory(user=holder.user, board=world.board)
    stranger = f.OfficerFactory(name="Stan Stranger", user=f.UserFactory(username="stan"))
    f.BoardRoleFactory(user=stranger.user, board=world.other_board)
    contact = f.OfficerFactory(name="Cora Contact", job_title="Analyst", organisation="ONS")
    item = f.AgendaItemFactory(meeting=meeting, number="4")
    f.PaperFactory(agenda_item=item, contact_officer=contact)
    page = text(clerk.get(f"/manage/items/{item.pk}/edit/"))
    assert "Rolf Role" in page and "Stan Stranger" not in page
    assert "Cora Contact, Analyst, ONS" in page
    assert f"{world.councillor.display_name}, {world.councillor.authority.name}" in page
    form = form_values(clerk.get(f"/manage/items/{item.pk}/edit/").content.decode())
    assert clerk.post(f"/manage/items/{item.pk}/edit/", form).status_code == 302
    assert Paper.objects.get(agenda_item=item).contact_officer == contact


def test_saved_decisions_and_actions_are_read_closed_until_changed(world, meeting, clerk):
    item = f.AgendaItemFactory(meeting=meeting, number="5")
    f.DecisionFactory(agenda_item=item, text="Members agreed the guidance.")
    f.ActionFactory(
        agenda_item=item,
        text="Write to councils",
        owner=None,
        owner_team="Officers",
        due_date=datetime.date(2023, 1, 31),
    )
    f.ActionFactory(agenda_item=item, text="Brief the chair", owner=world.lead, owner_team="")
    url = f"/manage/items/{item.pk}/edit/"
    page = clerk.get(url).content.decode()
    # Each saved row shows its words and who does it, its boxes closed behind "Change".
    closed = re.findall(r'<details class="govuk-details app-saved-row__change">', page)
    assert len(closed) == 3
    shown = text(clerk.get(url))
    assert "Decision 1 Members agreed the guidance. Change or remove decision 1" in shown
    assert "Write to councils Owner: Officers, due 31 January 2023" in shown
    assert f"Brief the chair Owner: {world.lead.display_name} Change or remove" in shown
    # Sent back with one changed and the page shown again (one more blank action asked for
    # without JavaScript): the changed row is open, the others stay closed.
    data = form_values(page) | {"decisions-0-text": "Members agreed the final guidance."}
    again = clerk.post(url, data | {"add_actions": "1"}).content.decode()
    assert len(re.findall(r"app-saved-row__change\"\s+open", again)) == 1
    assert again.count('<details class="govuk-details app-saved-row__change">') == 2
    # Closed boxes are still sent: the form sent back unchanged saves, and keeps them.
    assert clerk.post(url, form_values(page)).status_code == 302
    assert list(item.decisions.values_list("text", flat=True)) == ["Members agreed the guidance."]
    assert item.actions.count() == 2


def item_with_rows(world, meeting, number: str, rows: int) -> AgendaItem:
    item = f.AgendaItemFactory(meeting=meeting, number=number)
    for _n in range(rows):
        f.DecisionFactory(agenda_item=item)
        f.ActionFactory(agenda_item=item, owner=f.OfficerFactory())
        item.presenters.add(f.OfficerFactory())
    f.PaperFactory(agenda_item=item)
    f.ActivityReportFactory(agenda_item=item, activity=world.activity)
    return item


@pytest.mark.parametrize("rows", [1, 6])
def test_the_item_form_query_count(world, meeting, clerk, rows):
    item = item_with_rows(world, meeting, "3", rows)
    # Session, user with their roles, item with meeting, board and paper, the people for every
    # picker (with who presents the item), decisions, actions, the programme's activities with
    # those the item is linked to (the programme a subquery): the same however many rows and
    # pickers the form has.
    with CaptureQueriesContext(connection) as queries:
        assert clerk.get(f"/manage/items/{item.pk}/edit/").status_code == 200
    assert len(queries) == 7, [q["sql"][:90] for q in queries]


def test_a_half_filled_action_names_what_is_missing(meeting, clerk):
    data = blank(number="9", title="Any other business", **action(0, "", team="Officers"))
    page = text(clerk.post(new_item(meeting), data))
    assert page.count("Enter the action") == 2
    assert "This field is required" not in page


def test_editing_an_item_saves_back_to_the_meeting_first(clerk, meeting):
    item = f.AgendaItemFactory(meeting=meeting, number="3", title="Fire safety")
    page = clerk.get(f"/manage/items/{item.pk}/edit/").content.decode()
    buttons = re.findall(r'<button type="submit"([^>]*)>([^<]+)</button>', page)
    shown = [
        (label, "govuk-button--secondary" in attrs)
        for attrs, label in buttons
        if "hidden" not in attrs and "data-module" in attrs and "add_" not in attrs
    ]
    assert shown[-2:] == [("Save item", False), ("Save and add another item", True)]
    data = form_values(page)
    response = clerk.post(f"/manage/items/{item.pk}/edit/", data)
    assert response["Location"] == f"/manage/meetings/{meeting.pk}/"


def test_enter_in_a_text_box_does_what_the_main_button_does(clerk, meeting):
    """A browser's Enter presses the form's first submit button: adding items, it saves and
    opens the next; editing one, it saves back to the meeting."""

    def first_button(url: str) -> str:
        page = clerk.get(url).content.decode()
        form = page[page.index('<form method="post"') :]
        return re.search(r"<button type=\"submit\"([^>]*)>([^<]+)</button>", form).group(0)

    adding = first_button(new_item(meeting))
    assert 'name="continue" value="1"' in adding and "Save and add another item" in adding
    item = f.AgendaItemFactory(meeting=meeting, number="3", title="Fire safety")
    editing = first_button(f"/manage/items/{item.pk}/edit/")
    assert 'name="continue"' not in editing and ">Save item<" in editing


def item_with(world, n: int) -> dict:
    data = blank(
        number="8",
        title="Modern slavery",
        presenters=[str(world.lead.pk)],
        **{
            "decisions-TOTAL_FORMS": str(n),
            "actions-TOTAL_FORMS": str(n),
            "links-activities": [str(world.activity.pk)],
        },
    )
    for i in range(n):
        data[f"decisions-{i}-text"] = f"Decision {i}."
        data |= action(i, f"Action {i}", day="20")
    return data


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rows", [1, 10])
def test_saving_an_item_costs_the_same_queries_whatever_its_rows(
    world, meeting, clerk, rows, django_assert_num_queries
):
    data = item_with(world, rows)
    with django_assert_num_queries(SAVE_QUERIES):
        assert clerk.post(new_item(meeting), data).status_code == 302
    assert Decision.objects.count() == rows and Action.objects.count() == rows
    item = AgendaItem.objects.get()
    assert list(item.presenters.all()) == [world.lead]
    assert [h.presenters.count() for h in item.history.all()] == [1]  # one history, with them


# Counted as they run in production (the test is not inside a transaction of its own): session,
# user with roles, meeting, the people for the pickers (with who presents the item), the
# programme's activities with those linked, the meeting's other items (the number's uniqueness
# and the agenda order); then in one transaction: the item, its presenters, the item's history
# with its presenters (three), the decisions and the actions (each one insert, with one for
# their histories), the links and their history; and on commit the board's version raised.
SAVE_QUERIES = 20


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rows", [1, 10])
def test_saving_an_edited_item_costs_the_same_queries_whatever_its_rows(
    world, meeting, clerk, rows, django_assert_num_queries
):
    item = item_with_rows(world, meeting, "3", rows)
    data = form_values(clerk.get(f"/manage/items/{item.pk}/edit/").content.decode())
    for i in range(rows):
        data[f"decisions-{i}-text"] = f"Decision {i}, reworded."
        data[f"actions-{i}-text"] = f"Action {i}, reworded."
    histories = item.history.count()
    with django_assert_num_queries(EDIT_QUERIES):
        assert clerk.post(f"/manage/items/{item.pk}/edit/", data).status_code == 302
    assert sorted(item.decisions.values_list("text", flat=True)) == sorted(
        f"Decision {i}, reworded." for i in range(rows)
    )
    assert sorted(item.actions.values_list("text", flat=True)) == sorted(
        f"Action {i}, reworded." for i in range(rows)
    )
    # One more version of the item in its history, with its presenters.
    assert item.history.count() == histories + 1
    assert item.history.first().presenters.count() == rows


# As production runs them: session, user with roles, the item with its meeting, board and paper,
# the people for the pickers (with who presents the item), the activities, the meeting's other
# items, the decisions and actions; then in one transaction: the version claimed and the item
# saved, its history with its presenters (three), the decisions and actions updated with their
# histories (four); and on commit the board's version raised. A change of presenters adds two
# (those removed, those added); an unchanged paper is not written again.
EDIT_QUERIES = 20
