"""The public pages as an anonymous visitor reads them: content, filters, 404s and bad input.
Query counts are in test_query_counts.py."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import set_script_prefix

from web.context_processors import navigation

from . import factories as f
from .reading import plain
from .reading import text as page_text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
PROGRAMME = "/boards/sscb/2022-23/"
MEETING = "/boards/sscb/meetings/2022-11-08/"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def summary_row(response, key: str) -> str:
    """The text of the summary list row with this key, e.g. "Apologies"."""
    html = response.content.decode()
    pattern = rf'__key">{re.escape(key)}</dt><dd class="govuk-summary-list__value">(.*?)</dd>'
    found = re.search(pattern, html, flags=re.S)
    assert found, key
    return plain(found.group(1))


@pytest.fixture
def sscb(world):
    """The world's board with its 2022/23 programme agreed, a second theme, and three meetings:
    20 September (notes agreed at 8 November), 8 November (agreed at 24 January, with an
    amendment) and 24 January."""
    board, year, programme, safety = world.board, world.year, world.programme, world.theme
    programme.agreed_on, programme.policy_budget = datetime.date(2022, 9, 20), 80000
    programme.save()
    cohesion = f.PriorityThemeFactory(programme=programme, title="Cohesion", order=safety.order + 1)
    officer, prevent = world.lead, world.activity  # in progress
    prevent.rag = "amber"
    prevent.save()
    slavery = f.ActivityFactory(
        theme=cohesion, title="Run the modern slavery network", status="complete", rag="green"
    )
    update = f.ProgressUpdateFactory(activity=prevent, text="Councils met the Home Office.")
    chair = f.PersonFactory(name="Nesil Caliskan", authority=f.AuthorityFactory(name="Enfield"))
    member = f.PersonFactory(name="Heather Kidd", authority=None)
    absent = f.PersonFactory(name="Gillian Brown")
    substitute = f.PersonFactory(name="Hugh Pryce")
    guest = f.OfficerFactory(name="Sam Tolley", job_title="Head of Prevent", organisation="DfE")
    for person, role in [(chair, "chair"), (member, "member"), (absent, "member")]:
        f.MembershipFactory(person=person, board=board, year=year, role=role)
    later = f.MeetingFactory(board=board, date=datetime.date(2023, 1, 24))
    meeting = f.MeetingFactory(
        board=board,
        date=datetime.date(2022, 11, 8),
        notes_status="agreed",
        notes_agreed_at=later,
        notes_amendment="Cllr Kidd left before item 9.",
    )
    earlier = f.MeetingFactory(
        board=board, date=datetime.date(2022, 9, 20), notes_status="agreed", notes_agreed_at=meeting
    )
    upcoming = f.MeetingFactory(
        board=board, date=datetime.date.today() + 14 * DAY, notes_status="scheduled"
    )
    item = f.AgendaItemFactory(
        meeting=meeting,
        number="8.a",
        title="Prevent update",
        introduction="Olu Adeyemi introduced the report.",
        discussion_points="Training should reach districts.\nFunding is short.",
    )
    item.presenters.add(officer)
    f.PaperFactory(agenda_item=item, title="Prevent: an update", recommendation="Note it.")
    f.DecisionFactory(agenda_item=item, text="Members noted the Prevent update.")
    overdue = f.ActionFactory(
        agenda_item=item,
        text="Circulate training dates",
        owner=officer,
        owner_team="",
        due_date=datetime.date.today() - DAY,
    )
    done = f.ActionFactory(
        agenda_item=item,
        text="Write to the Home Office",
        status="done",
        closed_at_meeting=later,
        closing_note="Letter sent in December.",
    )
    f.ActivityReportFactory(agenda_item=item, activity=prevent, note="Six-monthly report")
    pending = f.ActionFactory(
        agenda_item=f.AgendaItemFactory(meeting=earlier, number="3"),
        text="Publish the work programme",
        owner_team="Board members",
        due_date=datetime.date.today() + 30 * DAY,
    )
    for person, status in [(chair, "present"), (member, "present"), (absent, "apologies")]:
        f.AttendanceFactory(meeting=meeting, person=person, status=status)
    f.AttendanceFactory(
        meeting=meeting, person=substitute, status="substitute", substitute_for=absent
    )
    f.AttendanceFactory(meeting=meeting, person=guest, status="in_attendance")
    f.DeclarationFactory(meeting=meeting, person=member, agenda_item=item, interest="Panel member")
    f.ActionFollowUpFactory(action=pending, meeting=meeting, note="A draft is out.")
    fire = f.ActionFactory(
        agenda_item__meeting__board=f.BoardFactory(slug="fsmc"), text="Review fire standards"
    )
    return SimpleNamespace(**locals())


def test_home_lists_boards_with_current_programme_and_next_meeting(client, sscb):
    response = get(client, "/")
    text = page_text(response)
    assert "Safer and Stronger Communities Board Current work programme 2022/23" in text
    assert f'href="{PROGRAMME}"' in response.content.decode()
    assert "In progress 1 Complete 1" in text
    assert f"Next meeting {sscb.upcoming.date:%A %-d %B %Y}" in text


def test_board_page(client, sscb):
    text = page_text(get(client, "/boards/sscb/"))
    assert "Work programme 2022/23" in text
    assert "Community safety In progress 1 1" in text
    assert "2 open actions, of which 1 overdue." in text
    assert "Circulate training dates – Olu Adeyemi, due" in text and "Overdue" in text
    assert "Write to the Home Office" not in text
    assert f"Next {sscb.upcoming.date:%A %-d %B %Y}" in text
    assert "Recent 24 January 2023 8 November 2022 20 September 2022" in text
    assert "Cllr Nesil Caliskan – Chair Enfield" in text


def test_programme_page(client, sscb):
    response = get(client, PROGRAMME)
    text = page_text(response)
    assert "Work programme 2022/23" in text and "Agreed on 20 September 2022" in text
    assert "£80,000, of which £80,000 is left to allocate" in text
    assert (
        "Community safety Tackle modern slavery In progress RAG: Amber"
        " Lead officer Olu Adeyemi" in text
    )
    assert "Latest update 15 January 2023: Councils met the Home Office." in text
    assert f'href="{MEETING}#item-8-a">8 November 2022, item 8.a</a>' in response.content.decode()
    assert "Run the modern slavery network Complete RAG: Green" in text
    assert "Not yet reported to the board" in text


@pytest.mark.parametrize(
    ("field", "value", "shown", "hidden"),
    [
        ("status", "complete", "slavery", "prevent"),
        ("rag", "amber", "prevent", "slavery"),
        ("theme", "cohesion", "slavery", "prevent"),
        ("lead_officer", "officer", "prevent", "slavery"),
    ],
)
def test_programme_filters(client, sscb, field, value, shown, hidden):
    if field in ("theme", "lead_officer"):
        value = getattr(sscb, value).pk
    text = page_text(get(client, f"{PROGRAMME}?{field}={value}"))
    assert "1 activity matches the filters." in text
    assert getattr(sscb, shown).title in text
    assert getattr(sscb, hidden).title not in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=bogus", "Choose a status from the list"),
        ("rag=purple", "Choose a RAG rating from the list"),
        ("theme=abc", "Choose one of this programme’s themes"),
        ("theme=99999999999999999999", "Choose one of this programme’s themes"),
        ("lead_officer=-1", "Choose one of this programme’s lead officers"),
    ],
)
def test_bad_programme_filters_explain_the_problem(client, sscb, query, message):
    response = client.get(f"{PROGRAMME}?{query}")
    assert response.status_code in (200, 400)
    # In the page's title, the summary, and beside the filter.
    assert response.content.decode().count("<title>Error: Work programme") == 1
    assert f"There is a problem {message}" in page_text(response)
    assert f"Error: {message}" in page_text(response)


def test_a_theme_or_lead_officer_of_another_programme_is_not_a_choice(client, sscb):
    other_theme = f.PriorityThemeFactory()
    other_lead = f.ActivityFactory(theme=other_theme).lead_officer
    for query in (f"theme={other_theme.pk}", f"lead_officer={other_lead.pk}"):
        assert "There is a problem Choose one of this programme" in page_text(
            client.get(f"{PROGRAMME}?{query}")
        )


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/", "(proposed, not yet agreed)"),
        ("/boards/ypb/", "Proposed This programme has not yet been agreed by the board."),
        ("/boards/ypb/2022-23/", "Proposed: the board has not yet agreed this programme."),
    ],
)
def test_a_proposed_programme_is_labelled_as_such(client, url, label):
    f.WorkProgrammeFactory(board=f.BoardFactory(slug="ypb"), status="proposed")
    assert label in page_text(get(client, url))


def test_activity_page_with_updates_and_where_it_was_reported(client, sscb):
    response = get(client, f"{PROGRAMME}activities/{sscb.prevent.pk}/")
    html, text = response.content.decode(), page_text(response)
    assert "Tackle modern slavery In progress RAG: Amber" in text
    assert "Lead officer Olu Adeyemi, Senior Adviser" in text
    assert f'id="update-{sscb.update.pk}"' in html
    assert "15 January 2023 – Olu Adeyemi In progress RAG: Amber Councils met" in text
    assert f'href="{MEETING}#item-8-a">SSCB board meeting, 8 November 2022: item 8.a' in html
    assert "Six-monthly report Paper: Prevent: an update (for direction)" in text
    assert "Decisions Members noted the Prevent update." in text
    assert "Actions Circulate training dates – Olu Adeyemi, open Write to the Home Office" in text


def test_an_activity_is_found_only_at_its_own_board_and_year(client, sscb):
    """The page checks the address's board and year against the activity's own programme."""
    f.WorkProgrammeFactory(board=f.BoardFactory(slug="ypb"), year=sscb.prevent.theme.programme.year)
    pk = sscb.prevent.pk
    get(client, f"{PROGRAMME}activities/{pk}/")
    get(client, f"/boards/ypb/2022-23/activities/{pk}/", status=404)
    get(client, f"/boards/sscb/2023-24/activities/{pk}/", status=404)


def test_meeting_list(client, sscb):
    f.MeetingFactory(board=sscb.board, date=datetime.date(2023, 3, 14), notes_status="draft")
    text = page_text(get(client, "/boards/sscb/meetings/"))
    assert "14 March 2023 Board meeting 18 Smith Square, London Notes to follow" in text
    assert "24 January 2023 Board meeting 18 Smith Square, London Notes published" in text
    assert "8 November 2022 Board meeting 18 Smith Square, London Notes agreed" in text


def test_meeting_page_attendance_and_declarations(client, sscb):
    response = get(client, MEETING)
    # The chair first, then by surname.
    assert (
        summary_row(response, "Present") == "Cllr Nesil Caliskan (Chair) Enfield Cllr Heather Kidd"
    )
    assert summary_row(response, "Apologies").startswith("Cllr Gillian Brown")
    assert summary_row(response, "Substitutes").startswith("Cllr Hugh Pryce for Cllr Gillian Brown")
    assert summary_row(response, "In attendance") == "Sam Tolley, Head of Prevent DfE"
    assert "Declarations of interest Cllr Heather Kidd: Panel member (item 8.a)" in page_text(
        response
    )


def test_meeting_page_items_and_links_to_other_meetings(client, sscb):
    response = get(client, MEETING)
    html, text = response.content.decode(), page_text(response)
    assert summary_row(response, "Notes") == (
        "Agreed as a correct record at the meeting of 24 January 2023, with this amendment: "
        "Cllr Kidd left before item 9."
    )
    assert 'href="/boards/sscb/meetings/2023-01-24/">meeting of 24 January 2023' in html
    assert 'href="/boards/sscb/meetings/2022-09-20/" rel="prev"' in html
    assert 'href="/boards/sscb/meetings/2023-01-24/" rel="next"' in html
    assert 'id="item-8-a"' in html
    assert "8.a Prevent update Presented by Olu Adeyemi, Senior Adviser" in text
    assert "Recommendation: Note it." in text and "Olu Adeyemi introduced the report." in text
    assert "comments Training should reach districts. Funding is short." in text
    assert "Decision Members noted the Prevent update." in text
    assert "Letter sent in December. (24 January 2023)" in text
    assert "reported on Tackle modern slavery (2022/23) Six-monthly" in text
    assert (
        "Matters arising Publish the work programme (from 20 September 2022, item 3): "
        "carried forward. A draft is out." in text
    )
    later = get(client, "/boards/sscb/meetings/2023-01-24/")
    assert summary_row(later, "Agreed the notes of").endswith("8 November 2022, with an amendment")
    assert summary_row(get(client, "/boards/sscb/meetings/2022-09-20/"), "Notes") == (
        "Agreed as a correct record at the meeting of 8 November 2022."
    )


def test_draft_notes_are_not_public_but_the_agenda_is(client, sscb):
    draft = f.MeetingFactory(
        board=sscb.board, date=datetime.date(2023, 3, 14), notes_status="draft"
    )
    item = f.AgendaItemFactory(
        meeting=draft, number="4", title="Serious violence duty", introduction="Unagreed words"
    )
    f.DecisionFactory(agenda_item=item, text="Unagreed decision")
    f.ActionFactory(agenda_item=item, text="Unagreed action")
    f.AttendanceFactory(meeting=draft, person=sscb.member)
    f.DeclarationFactory(meeting=draft, person=sscb.member, interest="Unagreed interest")
    f.ActivityReportFactory(agenda_item=item, activity=sscb.slavery)
    text = page_text(get(client, "/boards/sscb/meetings/2023-03-14/"))
    assert "Draft: not yet published." in text and "Agenda 4 Serious violence duty" in text
    assert "Attendance" not in text and "Declarations of interest" not in text
    pages = ["/actions/", "/boards/sscb/", f"{PROGRAMME}activities/{sscb.slavery.pk}/"]
    for url in ["/boards/sscb/meetings/2023-03-14/", "/people/heather-kidd/", *pages]:
        assert "Unagreed" not in page_text(get(client, url)), url
    assert "14 March 2023: item 4, Serious violence duty" in page_text(get(client, pages[2]))
    client.force_login(get_user_model().objects.create_superuser("admin", "a@b.c", "pw"))
    assert "Unagreed decision" in page_text(get(client, "/boards/sscb/meetings/2023-03-14/"))


def test_action_log(client, sscb):
    response = get(client, "/actions/")
    html, text = response.content.decode(), page_text(response)
    assert "4 actions" in text
    assert "Circulate training dates Olu Adeyemi" in text and "Open Overdue" in text
    assert f'href="{MEETING}#item-8-a">SSCB, 8 Nov 2022, item 8.a' in html
    assert f'href="/people/{sscb.officer.slug}/">Olu Adeyemi' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("board=sscb", {"overdue", "done", "pending"}),
        ("board=fsmc", {"fire"}),
        ("status=done", {"done"}),
        ("owner=adeyemi", {"overdue"}),
        ("owner=+officers+", {"done", "fire"}),
        ("meeting=2022-09-20", {"pending"}),
        ("overdue=on", {"overdue"}),
        ("status=open&board=sscb&overdue=on", {"overdue"}),
        ("status=&board=&owner=&meeting=", {"overdue", "done", "pending", "fire"}),
    ],
)
def test_action_log_filters(client, sscb, query, expected):
    text = page_text(get(client, f"/actions/?{query}"))
    shown = {
        name for name in ("overdue", "done", "pending", "fire") if getattr(sscb, name).text in text
    }
    assert shown == expected
    assert f"{len(expected)} action" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=bogus", "Select a valid choice"),
        ("board=nope", "Choose a board from the list"),
        ("board=%00", ""),
        ("meeting=not-a-date", "Enter a valid date"),
        ("meeting=2021-13-45", "Enter a valid date"),
        ("owner=%00", "Null characters are not allowed"),
    ],
)
def test_bad_action_log_filters_explain_the_problem(client, sscb, query, message):
    response = client.get(f"/actions/?{query}")
    assert response.status_code in (200, 400)
    assert f"There is a problem {message}" in page_text(response)
    assert "<title>Error: Action log" in response.content.decode()


@pytest.mark.parametrize("number", ["-1", "0", "999999", "abc", "1.5", "%00"])
@pytest.mark.parametrize("url", ["/actions/", "/boards/sscb/meetings/"])
def test_bad_page_numbers_give_the_nearest_page(client, sscb, url, number):
    text = page_text(get(client, f"{url}?page={number}"))
    assert "8 November 2022" in text or "8 Nov 2022" in text


def test_person_pages(client, sscb):
    text = page_text(get(client, "/people/heather-kidd/"))
    assert "Role 2022/23 Safer and Stronger Communities Board Member" in text
    assert "Present: 1 meeting" in text and "SSCB board meeting, 8 November 2022 Present" in text
    assert "SSCB board meeting, 8 November 2022 8.a Panel member" in text
    text = page_text(get(client, "/people/hugh-pryce/"))
    assert "SSCB board meeting, 8 November 2022 Substitute for Cllr Gillian Brown" in text
    text = page_text(get(client, "/people/olu-adeyemi/"))
    assert "Activities led Tackle modern slavery – SSCB 2022/23" in text
    assert "Items presented 8.a Prevent update – SSCB board meeting, 8 November 2022" in text


@pytest.mark.parametrize(
    "url",
    [
        "/boards/nope/",
        "/boards/nope/2022-23/",
        "/boards/sscb/2022-24/",
        "/boards/sscb/2021-22/",
        "/boards/sscb/2022-24/activities/{prevent}/",
        "/boards/sscb/2023-24/activities/{prevent}/",
        "/boards/sscb/2022-23/activities/{elsewhere}/",
        "/boards/sscb/2022-23/activities/{next_year}/",
        "/boards/sscb/2022-23/activities/999999/",
        "/boards/nope/meetings/",
        "/boards/nope/meetings/2022-11-08/",
        "/boards/sscb/meetings/2021-13-45/",
        "/boards/sscb/meetings/2022-02-30/",
        "/boards/sscb/meetings/2022-11-09/",
        "/boards/sscb/meetings/2022-11-08/lead-members/",
        "/people/nobody/",
    ],
)
def test_unknown_addresses_are_not_found(client, sscb, url):
    ids = {
        "prevent": sscb.prevent.pk,
        "elsewhere": f.ActivityFactory(theme__programme__year=sscb.year).pk,
        "next_year": f.ActivityFactory(
            theme__programme__board=sscb.board,
            theme__programme__year=f.BoardYearFactory(start_year=2023),
        ).pk,
    }
    assert "Page not found" in page_text(get(client, url.format(**ids), status=404))


def test_the_home_page_lists_boards_a_page_at_a_time(client):
    for n in range(25):
        f.BoardFactory(name=f"Board {n:02d}", slug=f"board-{n:02d}")
    first = page_text(get(client, "/"))
    assert "Board 00" in first and "Board 19" in first and "Board 20" not in first
    second = page_text(get(client, "/?page=2"))
    assert "Board 20" in second and "Board 24" in second and "Board 19" not in second


def test_the_header_links_follow_the_address_the_site_is_served_under():
    """The header's links are worked out once per process, for each address prefix the
    site is served under (SCRIPT_NAME): those for one prefix are never used under another."""
    try:
        set_script_prefix("/boards-app/")
        prefixed = navigation(None)["navigation"]
    finally:
        set_script_prefix("/")
    plain = navigation(None)["navigation"]
    assert (prefixed["action_log"], prefixed["search"]) == (
        "/boards-app/actions/",
        "/boards-app/search/",
    )
    assert (plain["action_log"], plain["search"], plain["home"]) == ("/actions/", "/search/", "/")


def test_an_activitys_updates_are_listed_latest_first(client, sscb):
    f.ProgressUpdateFactory(
        activity=sscb.prevent, date=datetime.date(2023, 3, 1), text="The latest of all."
    )
    text = page_text(get(client, f"{PROGRAMME}activities/{sscb.prevent.pk}/"))
    updates = text[text.index("Progress updates") :]
    assert "Latest first." in updates
    assert updates.index("The latest of all.") < updates.index("15 January 2023")


def test_the_action_logs_board_filter_shows_the_board_chosen(client, sscb):
    html = client.get("/actions/?board=sscb").content.decode()
    select = re.search(r'<select name="board".*?</select>', html, re.S).group(0)
    assert select.count(" selected") == 1
    assert f'<option value="sscb" selected>{sscb.board.name}</option>' in select
    assert '<option value="">All boards</option>' in select


def test_every_page_names_the_sites_own_icon_and_favicon_ico_leads_to_it(client, sscb):
    icon = re.search(r'<link rel="icon" href="([^"]+)"', get(client, "/").content.decode())
    assert icon and icon.group(1).endswith("images/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url == icon.group(1)
    assert "<svg" in Path(finders.find("images/favicon.svg")).read_text()
