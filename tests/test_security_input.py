"""Hostile input into every public query parameter and the main forms: script tags, 1 MB
strings, null bytes, bad UTF-8, impossible dates, huge and negative page numbers and
SQL-looking text get a 4xx with a message or a safe result, never a 500, never HTML of the
visitor's making, and nothing stored half-way. Property tests cover the date field, the
text helpers and the readers of imported papers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boards.forms import GovukDateField
from imports.services import ImportFailed, Options, read
from meetings.models import AgendaItem, agenda_number_key
from meetings.search import snippet
from workplan.models import ProgressUpdate

from . import factories as f

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "x" * 1_000_000,
    "a\x00b",
    "' OR 1=1 --",
    "1; DROP TABLE meetings_meeting; --",
    "31/2/2023",
    "2023-02-31",
    "0000-00-00",
    "99999-01-01",
    "-1",
    "0",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "%",
    "_",
    "\\",
    "🚀" * 50,
]
PROGRAMME = "/boards/sscb/2022-23/"
PUBLIC_PARAMETERS = {
    "/search/": ["q", "kind", "page"],
    "/actions/": ["board", "status", "owner", "meeting", "overdue", "page"],
    "/actions.csv": ["board", "status", "owner", "meeting", "overdue"],
    PROGRAMME: ["theme", "status", "rag", "lead_officer"],
    f"{PROGRAMME}activities.csv": ["theme", "status", "rag", "lead_officer"],
    "/boards/sscb/meetings/": ["page"],
    "/api/meetings/": ["modified_since", "limit", "page", "board"],
    "/api/agenda-items/": ["modified_since", "limit", "page", "board"],
    "/api/activities/": ["modified_since", "limit", "page", "board"],
}


@pytest.fixture
def ctx(world):
    """The world's activity with an update, and a meeting of its board with an item (number
    1) and an action."""
    activity = world.activity
    f.ProgressUpdateFactory(activity=activity)
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2022, 11, 8))
    item = f.AgendaItemFactory(meeting=meeting, number="1", title="Welcome")
    f.ActionFactory(agenda_item=item)
    return activity, meeting


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_safe(response, value: str = "") -> None:
    status = response.status_code
    assert status < 500, (response.request, status)
    assert status in (200, 400, 404), (response.request, status)
    if status != 200:
        assert body_of(response).strip()  # a message, not an empty body
    if value and "<" in value:
        # Echoed back only escaped, whatever the content type.
        assert value not in body_of(response)


@pytest.mark.parametrize("path", PUBLIC_PARAMETERS)
def test_hostile_query_parameters_never_break_a_public_page(client, ctx, path):
    for parameter in PUBLIC_PARAMETERS[path]:
        for value in HOSTILE:
            response = client.get(path, {parameter: value})
            assert_safe(response, value)
        # Undecodable bytes and a query string that is all sorts of wrong at once.
        for raw in (f"{parameter}=%ff%fe", f"{parameter}=%00", f"{parameter}=%", "&&==&"):
            assert_safe(client.get(f"{path}?{raw}"))


def test_a_script_in_the_search_box_comes_back_escaped(client, ctx):
    response = client.get("/search/", {"q": SCRIPT})
    assert response.status_code == 200
    html = body_of(response)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize("page", ["-1", "0", "999999999", "99999999999999999999999", "abc", "1.5"])
def test_any_page_number_gives_a_page(client, ctx, page):
    for path in ("/actions/", "/boards/sscb/meetings/"):
        assert client.get(path, {"page": page}).status_code == 200
    api = client.get("/api/meetings/", {"page": page})
    assert api.status_code in (200, 404)
    assert client.get("/api/meetings/", {"limit": page}).status_code == 200


def test_the_api_refuses_a_bad_modified_since_with_a_message(client, ctx):
    for value in ["2023-02-31", "0000-01-01T00:00:00Z", "99999-01-01", SCRIPT, "\x00"]:
        response = client.get("/api/meetings/", {"modified_since": value})
        assert response.status_code == 400, value
        assert "modified_since" in response.json()


@pytest.fixture
def officer_client(signed_in, world, ctx):
    return signed_in(world.officer)


def update_data(**overrides) -> dict:
    data = {
        "text": "Met the Home Office.",
        "date_day": "15",
        "date_month": "1",
        "date_year": "2023",
        "status": "in_progress",
        "rag": "green",
        "reported_at": "",
    }
    return {**data, **overrides}


REFUSED_UPDATES = [
    {"date_day": "31", "date_month": "2", "date_year": "2023"},
    {"date_day": "1", "date_month": "1", "date_year": "0"},
    {"date_day": "1", "date_month": "1", "date_year": "99999"},
    {"date_day": "99999999999999999999", "date_month": "1", "date_year": "2023"},
    {"date_day": "-1", "date_month": "13", "date_year": "2023"},
    {"date_day": "\x00", "date_month": "1", "date_year": "2023"},
    {"date_day": "' OR 1=1 --", "date_month": "1", "date_year": "2023"},
    {"date_day": "", "date_month": "1", "date_year": "2023"},
    {"date_day": "1", "date_month": "1", "date_year": "2999"},  # in the future
    {"text": "x" * 1_000_000},
    {"text": ""},
    {"text": "a\x00b"},
    {"status": SCRIPT},
    {"rag": "' OR 1=1 --"},
    {"reported_at": "99999999999999999999999"},
    {"reported_at": "1 OR 1=1"},
]


@pytest.mark.parametrize("overrides", REFUSED_UPDATES)
def test_a_refused_progress_update_stores_nothing(officer_client, ctx, overrides):
    activity, _ = ctx
    before = ProgressUpdate.objects.count(), activity.status
    response = officer_client.post(
        f"/manage/activities/{activity.pk}/update/", update_data(**overrides)
    )
    assert response.status_code == 200  # the form again, with its errors
    html = body_of(response)
    assert "govuk-error-summary" in html
    assert SCRIPT not in html
    activity.refresh_from_db()
    assert (ProgressUpdate.objects.count(), activity.status) == before


def test_a_script_in_a_progress_update_is_shown_as_text(officer_client, client, ctx):
    activity, _ = ctx
    response = officer_client.post(
        f"/manage/activities/{activity.pk}/update/", update_data(text=SCRIPT)
    )
    assert response.status_code == 302
    page = body_of(client.get(activity.get_absolute_url()))
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


@pytest.fixture
def clerk_client(signed_in, world, ctx):
    return signed_in(world.clerk)


def item_data(**overrides) -> dict:
    data = {
        "number": "2",
        "title": "Fire reform",
        "introduction": "",
        "discussion_points": "",
        "confidential_reason": "",
        "paper-title": "",
        "paper-purpose": "",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


REFUSED_ITEMS = [
    {"number": "1"},  # already used at this meeting
    {"number": ""},
    {"number": "x" * 1_000_000},
    {"title": ""},
    {"title": "x" * 1_000_000},
    {"title": "a\x00b"},
    {"presenters": ["99999999999999999999"]},
    {"presenters": ["' OR 1=1 --"]},
    {"decisions-TOTAL_FORMS": "1", "decisions-0-text": "Agreed.", "title": ""},
    {
        "actions-TOTAL_FORMS": "1",
        "actions-0-text": "Report back",
        "actions-0-owner_team": "Officers",
        "actions-0-due_date_day": "31",
        "actions-0-due_date_month": "2",
        "actions-0-due_date_year": "2023",
    },
]


@pytest.mark.parametrize("overrides", REFUSED_ITEMS)
def test_a_refused_item_stores_nothing(clerk_client, ctx, overrides):
    _, meeting = ctx
    before = AgendaItem.objects.count()
    response = clerk_client.post(
        f"/manage/meetings/{meeting.pk}/items/new/", item_data(**overrides)
    )
    assert response.status_code in (200, 400)
    assert response.status_code != 200 or "govuk-error-summary" in body_of(response)
    assert AgendaItem.objects.count() == before


def test_the_item_form_accepts_good_input_and_escapes_it(clerk_client, client, ctx):
    _, meeting = ctx
    response = clerk_client.post(
        f"/manage/meetings/{meeting.pk}/items/new/", item_data(title=SCRIPT)
    )
    assert response.status_code == 302, body_of(response)[:2000]
    assert AgendaItem.objects.filter(title=SCRIPT).exists()
    meeting.refresh_from_db()
    page = body_of(client.get(f"/boards/sscb/meetings/{meeting.date}/"))
    assert SCRIPT not in page and "&lt;script&gt;" in page


# Property tests: few examples each, so the suite stays fast.
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
part = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["", " ", "31", "29", "2", "0", "2024", "1e3", "٣", "\x00", "+1", "-0"]),
)


@PROPERTY
@given(day=part, month=part, year=part)
def test_the_date_field_gives_a_date_or_a_message(day, month, year):
    field = GovukDateField(required=False)
    try:
        value = field.clean([day, month, year])
    except ValidationError as error:
        assert error.messages
    else:
        assert value is None or isinstance(value, datetime.date)


@PROPERTY
@given(text=st.text(max_size=2000), terms=st.text(max_size=100))
def test_snippet_never_raises(text, terms):
    parts = snippet(text, terms)
    assert all(isinstance(piece, str) and isinstance(match, bool) for piece, match in parts)


@PROPERTY
@given(number=st.text(max_size=50))
def test_agenda_number_key_never_raises_and_sorts(number):
    key = agenda_number_key(number)
    assert isinstance(key, tuple)
    sorted([key, agenda_number_key("8.a"), agenda_number_key("10")])


# Lines like those of real notes, work plans and reports, shuffled with arbitrary text, so the
# parsers get past recognising the kind and into their details.
PAPER_LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "Notes of the last Safer and Stronger Communities Board meeting",
            "End-of-year report 2022/23",
            "Update paper",
            "Work programme 2023/24",
            "Date: 8 November 2022",
            "Venue: 18 Smith Square, London",
            "Attendance",
            "Apologies",
            "Substitutes",
            "In attendance",
            "Chair\tCllr Nesil Caliskan\tLB Enfield",
            "8.a\tConfidential item",
            "Item 3\tModern slavery",
            "Decision",
            "Action",
            "Officers to report back. Officers",
            "Priority area\tProposed activity",
            "Community safety",
            "\u2022 Serious violence duty",
            "1. The Board agreed its priorities.",
        ]
    ),
)


@PROPERTY
@given(
    lines=st.lists(PAPER_LINES, max_size=40),
    kind=st.sampled_from(["", "notes", "workplan", "report", "update"]),
    suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf"]),
)
def test_reading_any_paper_gives_records_or_a_clear_error(world, lines, kind, suffix):
    content = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    try:
        reading = read(world.board, f"paper{suffix}", content, Options(kind=kind))
    except ImportFailed as error:
        assert str(error)
    else:
        assert reading.kind in {"notes", "workplan", "report", "update"}
