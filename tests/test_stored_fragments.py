"""Stored fragments for signed-in readers: the lists of the programme, meeting and activity
pages are rendered once per change of the board's records and per visibility class (what a
reader may see of the board, not who they are). A reader never gets a fragment made for a
wider class, any change to a record on the page replaces it, and a stored list saves the
queries that would read it."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import factories as f
from .forms_as_sent import form_values

SECRET = "Covert surveillance of the night-time economy"


@pytest.fixture(autouse=True)
def storing_fragments(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def meeting(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="published"
    )
    f.AgendaItemFactory(meeting=meeting, number="1", title="Apologies")
    secret = f.AgendaItemFactory(
        meeting=meeting,
        number="8.a",
        title=SECRET,
        is_confidential=True,
        title_is_confidential=True,
    )
    f.DecisionFactory(agenda_item=secret, text="Agreed the covert plan")
    return meeting


MEETING = "/boards/sscb/meetings/2022-11-08/"


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("first", ["member", "outsider"])
def test_a_reader_never_gets_a_fragment_made_for_a_wider_class(world, meeting, signed_in, first):
    readers = {"member": signed_in(world.member), "outsider": signed_in(world.outsider)}
    text_of(readers[first], MEETING)  # stores the list for the first reader's class
    assert SECRET in text_of(readers["member"], MEETING)
    assert "Agreed the covert plan" in text_of(readers["member"], MEETING)
    outsider_sees = text_of(readers["outsider"], MEETING)
    assert SECRET not in outsider_sees and "covert plan" not in outsider_sees
    assert "8.a Confidential item" in outsider_sees


def test_any_change_to_a_record_on_the_page_replaces_the_fragment(
    world, signed_in, django_capture_on_commit_callbacks
):
    officer = signed_in(world.officer)
    url = world.programme.get_absolute_url()
    assert "Tackle modern slavery" in text_of(officer, url)
    with django_capture_on_commit_callbacks(execute=True):
        world.activity.title = "Tackle modern slavery in supply chains"
        world.activity.save()
    assert "Tackle modern slavery in supply chains" in text_of(officer, url)
    with django_capture_on_commit_callbacks(execute=True):
        f.ProgressUpdateFactory(activity=world.activity, text="Guidance published for councils")
    assert "Guidance published for councils" in text_of(officer, world.activity.get_absolute_url())


def test_a_progress_update_keeps_the_stored_meeting_notes(
    world, meeting, signed_in, django_capture_on_commit_callbacks
):
    """Meeting notes show no progress, so an officer's update does not replace them; the
    programme's list, which shows each activity's status, is replaced."""
    member = signed_in(world.member)
    text_of(member, MEETING)
    programme_before = text_of(member, world.programme.get_absolute_url())
    with CaptureQueriesContext(connection) as stored:
        text_of(member, MEETING)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, status="complete")
    with CaptureQueriesContext(connection) as after:
        text_of(member, MEETING)
    assert len(after) == len(stored)
    assert text_of(member, world.programme.get_absolute_url()) != programme_before


def test_an_activitys_stored_progress_changes_with_its_own_updates_only(
    world, signed_in, django_capture_on_commit_callbacks
):
    """Its updates are keyed on the activity's own progress: another activity's update keeps
    them; an update of its own, changed or removed, replaces them at once."""
    member = signed_in(world.member)
    url = world.activity.get_absolute_url()
    text_of(member, url)
    with CaptureQueriesContext(connection) as stored:
        text_of(member, url)
    other = f.ActivityFactory(theme=world.theme)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(other, text="Elsewhere on the programme")
    with CaptureQueriesContext(connection) as after_other:
        assert "Elsewhere on the programme" not in text_of(member, url)
    assert len(after_other) == len(stored)
    with django_capture_on_commit_callbacks(execute=True):
        update = f.posted_update(world.activity, text="Statements collected from councils")
    assert "Statements collected from councils" in text_of(member, url)
    with django_capture_on_commit_callbacks(execute=True):
        update.text = "Statements collected from every council"
        update.save()
    assert "Statements collected from every council" in text_of(member, url)
    with django_capture_on_commit_callbacks(execute=True):
        update.delete()
    assert "Statements collected" not in text_of(member, url)


def test_a_continued_activity_shows_updates_to_the_one_it_continues(
    world, signed_in, django_capture_on_commit_callbacks
):
    later = f.ActivityFactory(
        theme__programme__board=world.board,
        theme__programme__year=f.BoardYearFactory(start_year=2023),
        carried_forward_from=world.activity,
    )
    member = signed_in(world.member)
    url = later.get_absolute_url()
    text_of(member, url)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, text="A late word on the earlier work")
    assert "A late word on the earlier work" in text_of(member, url)


def test_the_readers_own_parts_stay_fresh(world, signed_in):
    url = world.programme.get_absolute_url()
    officer_page = text_of(signed_in(world.officer), url)
    member_page = text_of(signed_in(world.member), url)  # same class, stored list
    assert "Propose an activity" in officer_page
    assert "Propose an activity" not in member_page
    assert "Tackle modern slavery" in member_page


DRAFT = "/boards/sscb/2022-23/report/draft/"


@pytest.mark.parametrize("page", ["programme", "meeting", "activity", "report draft"])
def test_a_stored_list_saves_the_queries_that_read_it(world, meeting, signed_in, page):
    url = {
        "programme": world.programme.get_absolute_url(),
        "meeting": MEETING,
        "activity": world.activity.get_absolute_url(),
        "report draft": DRAFT,
    }[page]
    member = signed_in(world.officer if page == "report draft" else world.member)
    with CaptureQueriesContext(connection) as cold:
        text_of(member, url)
    with CaptureQueriesContext(connection) as warm:
        text_of(member, url)
    assert len(warm) < len(cold)


def test_an_officers_stored_programme_page_is_three_queries(world, signed_in):
    """Their session, themselves with their roles, and the programme: the lists, the summary
    and whether a later year exists (for "Start next year's programme") are all stored."""
    officer = signed_in(world.officer)
    url = world.programme.get_absolute_url()
    text_of(officer, url)
    with CaptureQueriesContext(connection) as warm:
        page = text_of(officer, url)
    assert len(warm) == 3, [q["sql"] for q in warm]
    assert "Start next year's programme" in page


def test_each_years_programme_and_each_activity_keeps_its_own_list(world, signed_in):
    """One board, two years and two activities: every page's stored list is its own."""
    next_year = f.BoardYearFactory(start_year=2023)
    later = f.WorkProgrammeFactory(board=world.board, year=next_year)
    theme = f.PriorityThemeFactory(programme=later, title="Resilience")
    f.ActivityFactory(theme=theme, title="Exercise the flood plan")
    second = f.ActivityFactory(theme=world.theme, title="Map county lines")
    f.ProgressUpdateFactory(activity=second, text="Map drafted with police")
    member = signed_in(world.member)
    assert "Tackle modern slavery" in text_of(member, world.programme.get_absolute_url())
    later_page = text_of(member, later.get_absolute_url())
    assert "Exercise the flood plan" in later_page and "Tackle modern slavery" not in later_page
    text_of(member, world.activity.get_absolute_url())
    assert "Map drafted with police" in text_of(member, second.get_absolute_url())


def test_the_report_draft_shows_a_rewritten_paragraph_at_once(
    world, signed_in, django_capture_on_commit_callbacks
):
    officer = signed_in(world.officer)
    assert "Tackle modern slavery" in text_of(officer, DRAFT)
    url = f"/manage/programmes/{world.programme.pk}/report/activities/{world.activity.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(url, {"text": "Our own account of the slavery work."})
    assert response.status_code == 302
    assert "Our own account of the slavery work." in text_of(officer, DRAFT)


@pytest.mark.parametrize("first", ["member", "outsider"])
def test_the_action_log_is_stored_per_set_of_boards_a_reader_sees_in_full(
    world, meeting, signed_in, django_capture_on_commit_callbacks, first
):
    secret = meeting.items.get(number="8.a")
    f.ActionFactory(agenda_item=secret, text="Brief the covert team", owner_team="Officers")
    readers = {"member": signed_in(world.member), "outsider": signed_in(world.outsider)}
    text_of(readers[first], "/actions/")
    assert "Brief the covert team" in text_of(readers["member"], "/actions/")
    assert "Brief the covert team" not in text_of(readers["outsider"], "/actions/")
    with django_capture_on_commit_callbacks(execute=True):
        f.ActionFactory(agenda_item=meeting.items.get(number="1"), text="Send the apologies")
    assert "Send the apologies" in text_of(readers["outsider"], "/actions/")
    with CaptureQueriesContext(connection) as warm:
        text_of(readers["outsider"], "/actions/")
    with CaptureQueriesContext(connection) as filtered:
        text_of(readers["outsider"], "/actions/?status=open")
    assert len(warm) < len(filtered)


def test_the_action_logs_board_filter_is_kept_until_a_board_changes(
    world, signed_in, django_capture_on_commit_callbacks
):
    """Its options are every board in the service: read once, not on every request, and
    read again once a board is added or renamed."""
    member = signed_in(world.member)
    text_of(member, "/actions/?status=open")
    with CaptureQueriesContext(connection) as warm:
        page = text_of(member, "/actions/?status=closed")
    assert not any('"boards_board"."slug"' in q["sql"] for q in warm), [q["sql"] for q in warm]
    assert world.board.name in page
    with django_capture_on_commit_callbacks(execute=True):
        f.BoardFactory(name="Fire Services Management Committee", slug="fsmc")
    assert "Fire Services Management Committee" in text_of(member, "/actions/?status=closed")
    with django_capture_on_commit_callbacks(execute=True):
        world.board.name = "Safer Communities Board"
        world.board.save()
    assert "Safer Communities Board" in text_of(member, "/actions/?status=closed")


def test_stored_history_and_update_form_reach_only_those_they_were_made_for(world, signed_in):
    """The activity's history (staff) and update form (its officers) are stored too; a board
    member, who may see everything else the officer sees, gets neither."""
    url = world.activity.get_absolute_url()
    officer_page = text_of(signed_in(world.officer), url)
    assert "Change history" in officer_page and "Post update" in officer_page
    member_page = text_of(signed_in(world.member), url)
    assert "Change history" not in member_page and "Post update" not in member_page


@pytest.mark.parametrize("page", ["activity", "update page"])
def test_a_stored_update_form_carries_each_officers_own_csrf_token(world, meeting, signed_in, page):
    """The form's fields are stored, its CSRF token never is: a second officer's post from
    the stored form is accepted."""
    url = {
        "activity": world.activity.get_absolute_url(),
        "update page": f"/manage/activities/{world.activity.pk}/update/",
    }[page]
    text_of(signed_in(world.officer), url)  # stores the form's fields
    second = f.BoardRoleFactory(board=world.board, role="policy_officer").user
    client = Client(enforce_csrf_checks=True)
    client.force_login(second)
    page = text_of(client, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = form_values(page) | {
        "text": "Guidance sent to every council",
        "csrfmiddlewaretoken": token,
    }
    response = client.post(f"/manage/activities/{world.activity.pk}/update/", data)
    assert response.status_code == 302
    assert world.activity.updates.filter(text="Guidance sent to every council").exists()


def test_the_stored_update_page_starts_from_the_activitys_latest_status(
    world, signed_in, django_capture_on_commit_callbacks
):
    officer = signed_in(world.officer)
    url = f"/manage/activities/{world.activity.pk}/update/"
    text_of(officer, url)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, status="complete", rag="green")
    assert form_values(text_of(officer, url))["status"] == "complete"
    # A form sent back with errors is the officer's own, never stored.
    response = officer.post(url, {"text": "", "status": "complete", "rag": "green"})
    assert response.status_code == 200 and "Enter" in response.content.decode()


def test_the_home_page_list_is_stored_and_replaced_on_change(
    world, signed_in, django_capture_on_commit_callbacks
):
    member = signed_in(world.member)
    assert "Safer and Stronger Communities Board" in text_of(member, "/")
    with CaptureQueriesContext(connection) as warm:
        text_of(member, "/")
    assert not any("workplan_workprogramme" in q["sql"] for q in warm.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        f.BoardFactory(name="Culture, Tourism and Sport Board", slug="ctsb")
    assert "Culture, Tourism and Sport Board" in text_of(member, "/")


def status_summary_of(page: str, board_name: str) -> str:
    """The status list in one board's section of the home page."""
    section = page.split(f">{board_name}</a></h2>", 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.split("app-status-summary")[1]))


def test_an_update_on_one_board_changes_its_part_of_the_home_page(
    world, signed_in, django_capture_on_commit_callbacks
):
    """Each board's part of the home page is stored on its own versions: an officer's update
    shows in its board's part at once, and the other boards' parts stay as they were."""
    f.ActivityFactory(
        theme__programme__board=world.other_board,
        theme__programme__year=world.year,
        status="in_progress",
    )
    member = signed_in(world.member)
    before = text_of(member, "/")
    name = world.board.name
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, status="complete")
    after = text_of(member, "/")
    assert status_summary_of(after, name) != status_summary_of(before, name)
    assert "Complete 1" in status_summary_of(after, name)
    other = world.other_board.name
    assert status_summary_of(after, other) == status_summary_of(before, other)


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_cards_are_made_again_only_for_activities_whose_progress_changed(
    world, signed_in, django_capture_on_commit_callbacks
):
    """An update elsewhere on the board (last year's work, here) re-reads this programme's
    list, but its cards are stored, so the meetings they were reported at are not read; the
    card of an activity that was updated is made again, links and all."""
    f.ActivityReportFactory(
        agenda_item=f.AgendaItemFactory(meeting__board=world.board), activity=world.activity
    )
    last_year = f.ActivityFactory(
        theme__programme__board=world.board,
        theme__programme__year=f.BoardYearFactory(start_year=2021),
    )
    member = signed_in(world.member)
    url = world.programme.get_absolute_url()
    before = text_of(member, url)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(last_year, date=datetime.date(2022, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        assert without_tokens(text_of(member, url)) == without_tokens(before)
    assert any("workplan_activity" in q["sql"] for q in queries)  # the list, read again
    assert not any("meetings_activityreport" in q["sql"] for q in queries)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, status="complete")
    with CaptureQueriesContext(connection) as queries:
        after = text_of(member, url)
    assert any("meetings_activityreport" in q["sql"] for q in queries)
    assert after.count("Not yet reported to the board") == before.count(
        "Not yet reported to the board"
    )


class CountedStore:
    """Each call to the store for the stored parts whose keys hold `part` (by default the
    programme's cards): the call, and how many of those keys it asked for or wrote."""

    def __init__(self, part='"programme-activity"'):
        self.part = part
        self.calls = []
        self.inside = 0

    def __enter__(self):
        def counted(name, method):
            def call(keys, *args, **kwargs):
                many = keys if name.endswith("_many") else [keys]
                cards = [k for k in many if self.part in k]
                if cards and not self.inside:  # not the calls get_many makes of get
                    self.calls.append((name, len(cards)))
                self.inside += 1
                try:
                    return method(keys, *args, **kwargs)
                finally:
                    self.inside -= 1

            return call

        for name in ["get", "set", "get_many", "set_many"]:
            setattr(cache, name, counted(name, getattr(cache, name)))
        return self

    def __exit__(self, *exc):
        for name in ["get", "set", "get_many", "set_many"]:
            delattr(cache, name)


def test_a_themes_cards_are_read_from_the_store_in_one_go(
    world, signed_in, django_capture_on_commit_callbacks
):
    """{% cache_each %}: one read of the store for a theme's cards, one write for those it
    made (with Redis, a round trip each, where a loop of {% cache %} made two a card)."""
    f.ActivityFactory(theme=world.activity.theme, title="Night-time economy pilot")
    f.ActivityFactory(theme=world.activity.theme, title="Safer streets bid")
    member = signed_in(world.member)
    url = world.programme.get_absolute_url()
    with CountedStore() as store:
        first = text_of(member, url)
    assert store.calls == [("get_many", 3), ("set_many", 3)]
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(world.activity, status="complete")
    with CountedStore() as store:
        after = text_of(member, url)
    assert store.calls == [("get_many", 3), ("set_many", 1)]  # only the updated card is made
    for title in ["Night-time economy pilot", "Safer streets bid", world.activity.title]:
        assert title in first and title in after
    assert "Complete" in after


def test_a_theme_without_activities_says_so(world, signed_in):
    theme = f.PriorityThemeFactory(programme=world.programme, title="Serious violence duty")
    text = text_of(signed_in(world.member), world.programme.get_absolute_url())
    section = text.split(f'id="theme-{theme.pk}"')[1].split("</section>")[0]
    assert "No activities under this theme." in section


@pytest.mark.parametrize(
    "tag",
    [
        "{% cache_each 60 'cards' for a in b %}",
        "{% cache_each 60 'cards' for a b by a.pk %}",
        "{% cache_each 60 for a in b by a.pk %}",
    ],
)
def test_cache_each_says_how_it_reads_when_written_wrongly(tag):
    with pytest.raises(TemplateSyntaxError, match="for record in records by own"):
        Template("{% load fragments %}" + tag + "{% endcache_each %}")


def test_with_storing_off_the_pages_parts_never_ask_the_store(world, signed_in, settings):
    """PAGE_CACHE_SECONDS=0: every part of the page is made afresh, and the store is neither
    read nor written (Django's own {% cache %} still reads and writes it with a timeout of 0:
    a call for every card, and a round trip each to Redis)."""
    settings.PAGE_CACHE_SECONDS = 0
    f.ActivityFactory(theme=world.activity.theme, title="Night-time economy pilot")
    member = signed_in(world.member)
    with CountedStore(part="template.cache.") as store:
        assert "Night-time economy pilot" in text_of(member, world.programme.get_absolute_url())
        assert world.activity.title in text_of(member, world.activity.get_absolute_url())
        assert "Boards" in text_of(member, "/")
    assert store.calls == []
