"""Search: every kind of record is found, each result links to the exact place, matches are
marked, and hostile input never breaks the page. Runs on SQLite and on PostgreSQL."""

import dataclasses
import datetime
import re
from html import escape
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Decision, Meeting
from meetings.search import KINDS, KINDS_BY_KEY

from . import factories as f

pytestmark = pytest.mark.django_db

MEETING = "/boards/sscb/meetings/2022-11-08/"


def search(client, status=200, **params):
    response = client.get("/search/", params)
    assert response.status_code == status, params
    return response.content.decode()


def result_links(html: str) -> list[tuple[str, str]]:
    """(address, title) of each result, in order."""
    return re.findall(
        r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]*)">([^<]*)</a>', html
    )


@pytest.fixture
def records(world):
    """The world's activity (Tackle modern slavery) with an update, and a published meeting
    of its board whose one item has a paper with a file, a decision and an action, all about
    slavery."""
    board, activity = world.board, world.activity
    activity.description = "Work with the council on supply chains."
    activity.save()
    update = f.ProgressUpdateFactory(
        activity=activity, text="The network met in Leeds to share slavery statements."
    )
    meeting = f.MeetingFactory(
        board=board, date=datetime.date(2022, 11, 8), venue="Westminster Hall"
    )
    item = f.AgendaItemFactory(
        meeting=meeting,
        number="8.a",
        title="Modern slavery update",
        introduction="The adviser described a new protocol.",
        discussion_points="Slavery training should be free.",
    )
    f.PaperFactory(agenda_item=item, title="Progress on slavery", summary="A protocol.")
    f.PaperFileFactory(
        agenda_item=item, title="Appendix: referrals", text="Slavery referrals by region."
    )
    f.DecisionFactory(agenda_item=item, text="Members agreed the slavery protocol.")
    f.ActionFactory(agenda_item=item, text="Circulate the slavery protocol", owner_team="Officers")
    activity_url = f"/boards/sscb/2022-23/activities/{activity.pk}/"
    return SimpleNamespace(board=board, activity_url=activity_url, update=update)


@pytest.mark.parametrize(
    ("kind", "terms", "title"),
    [
        ("activities", "slavery", "Tackle modern slavery"),
        ("updates", "slavery", "Update on: Tackle modern slavery"),
        ("items", "slavery", "8.a Modern slavery update"),
        ("notes", "training", "8.a Modern slavery update"),
        ("decisions", "agreed slavery", "Decision on 8.a Modern slavery update"),
        ("actions", "circulate", "Action from 8.a Modern slavery update"),
        ("meetings", "westminster", "SSCB board meeting, 8 November 2022"),
        ("papers", "slavery", "Progress on slavery"),
        ("files", "referrals", "Appendix: referrals"),
    ],
)
def test_each_kind_of_record_is_found_and_links_to_its_place(client, records, kind, terms, title):
    html = search(client, q=terms, kind=kind)
    assert "1 result." in html
    [(url, shown)] = result_links(html)
    assert shown == escape(title)
    expected = {
        "activities": records.activity_url,
        "updates": f"{records.activity_url}#update-{records.update.pk}",
        "meetings": MEETING,
    }.get(kind, f"{MEETING}#item-8-a")
    assert url == expected
    address, _, anchor = url.partition("#")
    target = client.get(address)
    assert target.status_code == 200
    if anchor:
        assert f'id="{anchor}"' in target.content.decode()


def test_the_overview_shows_a_section_for_each_kind_that_matched(client, records):
    html = search(client, q="slavery")
    headings = re.findall(r'<h2 class="govuk-heading-l" id="results-(\w+)">', html)
    assert headings == [kind.key for kind in KINDS if kind.key != "meetings"]


def test_matches_are_marked_in_the_snippet(client, records):
    html = search(client, q="protocol", kind="decisions")
    assert "Members agreed the slavery <mark>protocol</mark>." in html


def test_every_word_must_match(client, records):
    assert len(result_links(search(client, q="slavery protocol", kind="actions"))) == 1
    html = search(client, q="slavery unicorn")
    assert "No results for “slavery unicorn”. Check the spelling or try fewer words." in html


def test_english_stemming_on_postgresql(client, records):
    if connection.vendor != "postgresql":
        pytest.skip("Stemming needs PostgreSQL's full-text search")
    [(url, _)] = result_links(search(client, q="councils", kind="activities"))
    assert url == records.activity_url
    assert len(result_links(search(client, q="protocols", kind="decisions"))) == 1


def test_draft_notes_and_confidential_items_are_not_found(client, records):
    draft = f.MeetingFactory(
        board=records.board, date=datetime.date(2023, 1, 24), notes_status="draft"
    )
    item = f.AgendaItemFactory(meeting=draft, title="Ports", introduction="Slavery in ports.")
    f.DecisionFactory(agenda_item=item, text="Slavery at ports to be studied.")
    published = Meeting.objects.get(date=datetime.date(2022, 11, 8))
    f.AgendaItemFactory(meeting=published, is_confidential=True, title="Slavery case review")
    for kind in ("notes", "decisions", "items"):
        html = search(client, q="slavery", kind=kind)
        assert len(result_links(html)) == 1
        assert "Slavery in ports" not in html and "Slavery at ports" not in html
        assert "case review" not in html and "Ports" not in html


def test_results_are_paged_and_the_overview_offers_more(client, records):
    item = f.AgendaItemFactory(meeting=Meeting.objects.get(), number="9", title="Other")
    for n in range(24):
        f.ActionFactory(agenda_item=item, text=f"Slavery follow-up {n}")
    overview = search(client, q="slavery")
    assert 'href="/search/?q=slavery&amp;kind=actions">More actions matching “slavery”' in overview
    first = search(client, q="slavery", kind="actions")
    assert "25 results." in first and len(result_links(first)) == 20
    assert len(result_links(search(client, q="slavery", kind="actions", page="2"))) == 5
    for page in ("-1", "999", "abc"):
        assert len(result_links(search(client, q="slavery", kind="actions", page=page))) in (5, 20)


def test_stored_markup_is_escaped(client, records):
    f.ActivityFactory(title="<script>alert('stored')</script> slavery <mark>x</mark>")
    html = search(client, q="slavery", kind="activities")
    assert "<script>alert" not in html and "<mark>x</mark>" not in html
    assert "&lt;script&gt;alert(&#x27;stored&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "terms",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE meetings_meeting; --",
        "1' OR '1'='1",
        "slavery%' OR 1=1 --",
        "% _ \\",
        '"unclosed quote',
        "-slavery OR !protocol",
        "slavery:* & | ! ( )",
        "x" * 200,
        "🙂 Café \u202e",
    ],
)
@pytest.mark.parametrize("kind", ["", "items", "actions", "meetings"])
def test_hostile_terms_are_searched_as_text(client, records, terms, kind):
    html = search(client, q=terms, kind=kind)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert escape(terms) in html or "Search terms" in html
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 1000}, "Search terms must be 200 characters or fewer"),
        ({"q": "slavery" * 29}, "Search terms must be 200 characters or fewer"),
        ({"q": "\x00"}, "Null characters are not allowed."),
        ({"q": "slavery\x00protocol"}, "Null characters are not allowed."),
        ({"q": "slavery", "kind": "<script>alert(1)</script>"}, "Select a valid choice."),
        ({"q": "slavery", "kind": "\x00"}, "Select a valid choice."),
    ],
)
def test_invalid_input_gets_a_clear_message(client, records, params, message):
    html = search(client, status=400, **params)
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert "<script>alert" not in html and not result_links(html)


@pytest.mark.parametrize("terms", ["%", "!!!", "   ", "'", "--"])
def test_punctuation_alone_finds_nothing(client, records, terms):
    assert not result_links(search(client, q=terms))


@pytest.mark.parametrize("walk_older", [True, False])
def test_ranking_looks_at_the_latest_matches_in_every_part_of_the_table(monkeypatch, walk_older):
    """With tiny windows every part of `latest_matches` runs: the newest records, the next
    few (walked by key for short records, Kind.walk_older, or through the index), and the rest
    through the index; together they give the latest matches in order."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite fallback has no ranking window")
    from django.contrib.auth.models import AnonymousUser

    from boards.access import reader_for
    from meetings import search as searching
    from workplan.models import ProgressUpdate

    monkeypatch.setattr(searching, "NEWEST_WINDOW", 2)
    monkeypatch.setattr(searching, "OLDER_WINDOW", 3)
    activity = f.ActivityFactory()
    texts = ["Ferry crossing consultation"] + ["Unrelated note"] * 6 + ["Ferry timetable"] * 3
    updates = [f.ProgressUpdateFactory(activity=activity, text=text) for text in texts]
    reader = reader_for(AnonymousUser())
    kind = dataclasses.replace(KINDS_BY_KEY["updates"], walk_older=walk_older)

    def found(terms, ranked):
        return {u.pk for u in searching.search(kind, reader, terms, ranked)}

    ferry = [u.pk for u in updates if "Ferry" in u.text]
    assert found("ferry", 2) == set(ferry[-2:])  # the newest window alone
    assert found("ferry", 4) == set(ferry)  # down to the oldest, through the index
    assert found("crossing", 10) == {updates[0].pk}  # only in the oldest part
    assert ProgressUpdate.objects.count() == len(texts)


def test_the_newest_key_of_every_kinds_table_is_read_in_one_query(django_assert_num_queries):
    """latest_matches counts its windows back from these; an empty table's is 0. SQLite has
    no windows, and reads nothing."""
    from meetings import search as searching
    from workplan.models import Activity, ProgressUpdate

    update = f.ProgressUpdateFactory()
    expected = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(expected):
        newest = searching.newest_keys(searching.KINDS)
    if connection.vendor != "postgresql":
        assert newest == {}
        return
    assert newest[ProgressUpdate] == update.pk
    assert newest[Activity] == update.activity_id
    assert newest[Decision] == 0
    assert len(newest) == len({kind.model for kind in searching.KINDS}) == 8


# On PostgreSQL a search is planned for its words: one statement more (planned_for_the_words);
# and its windows count back from each table's newest key, read in one more when a kind's
# results are not kept (newest_keys).
PLANNING = 1 if connection.vendor == "postgresql" else 0
NEWEST_KEYS = 1 if connection.vendor == "postgresql" else 0


# In autocommit, as the site runs: in a test's transaction the setting lasts until its end.
@pytest.mark.django_db(transaction=True)
def test_searches_are_planned_for_their_words_and_nothing_else_is():
    """A plan made once for any words read every match of a common word; inside, each
    search is planned for its own, and the setting ends with the searches."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no plans")
    from meetings import search as searching

    def mode() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return cursor.fetchone()[0]

    with searching.planned_for_the_words():
        assert mode() == "force_custom_plan"
    assert mode() == "auto"


@pytest.fixture
def keeping_results(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_kept_results_are_read_again_only_for_what_changed(
    client, records, keeping_results, django_capture_on_commit_callbacks
):
    """The overview's results are kept per kind of record: a second search reads only the
    boards' versions, and an officer's update makes it read progress updates alone."""
    first = search(client, q="slavery")
    with CaptureQueriesContext(connection) as kept:
        assert search(client, q="slavery") == first
    assert len(kept) == 1 + PLANNING
    activity = records.update.activity
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(activity, text="Slavery statements published by every council.")
    with CaptureQueriesContext(connection) as after:
        html = search(client, q="slavery")
    assert len(after) == 2 + PLANNING + NEWEST_KEYS  # the versions, and progress updates
    assert "statements published by every council" in html
    with django_capture_on_commit_callbacks(execute=True):
        activity.title = "Tackle modern slavery in supply chains"
        activity.save()
    assert "Tackle modern slavery in supply chains" in search(client, q="slavery")


def test_kept_results_never_reach_a_reader_who_may_see_less(
    client, world, records, keeping_results, signed_in
):
    published = Meeting.objects.get(date=datetime.date(2022, 11, 8))
    f.AgendaItemFactory(meeting=published, is_confidential=True, title="Slavery case review")
    member = world.member
    assert "Slavery case review" in search(signed_in(member), q="slavery")
    assert "Slavery case review" not in search(client, q="slavery")
    assert "Slavery case review" in search(signed_in(member), q="slavery")
