"""The open data API: the shape of its objects, paging, filters, 404s, query counts and what
a signed-in board member sees. The schema and the fuzz run are in test_api_schema.py."""

import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from api.urls import router
from api.views import COLLECTIONS
from boards.models import Authority
from workplan.models import Activity

from . import factories as f

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
TYPES = {
    "boards": "Board",
    "years": "LegislativeTerm",
    "authorities": "Authority",
    "people": "Person",
    "memberships": "Membership",
    "programmes": "WorkProgramme",
    "themes": "PriorityTheme",
    "activities": "Activity",
    "progressUpdates": "ProgressUpdate",
    "meetings": "Meeting",
    "agendaItems": "AgendaItem",
    "decisions": "Decision",
    "actions": "Action",
}
BOARD_FILTERED = ["memberships", "programmes", "themes", "activities", "progress-updates"]
BOARD_FILTERED += ["meetings", "agenda-items", "decisions", "actions"]


def get_json(client, url, status=200, **query):
    response = client.get(url.removeprefix(BASE), query)
    assert response.status_code == status, (url, query, response.content[:300])
    return response.json()


def build_board(slug: str, n: int = 1) -> SimpleNamespace:
    """A board with 3n of everything: activities with updates, meetings with items, papers,
    decisions, actions, attendance and declarations; plus a confidential item and draft
    notes, each with a marker naming the board."""
    board = f.BoardFactory(slug=slug, short_name=slug.upper())
    year = f.BoardYearFactory(start_year=2022)
    programme = f.WorkProgrammeFactory(board=board, year=year, policy_budget=1000)
    theme = f.PriorityThemeFactory(programme=programme)
    meeting = f.MeetingFactory(board=board, start_time=datetime.time(10, 30))
    officer = f.OfficerFactory()
    f.MembershipFactory(board=board, year=year)
    for i in range(3 * n):
        activity = f.ActivityFactory(theme=theme, budget_allocated=10)
        f.ProgressUpdateFactory(activity=activity)
        item = f.AgendaItemFactory(meeting=f.MeetingFactory(board=board) if i else meeting)
        item.presenters.add(officer)
        f.PaperFactory(agenda_item=item, contact_officer=officer)
        f.DecisionFactory(agenda_item=item)
        f.ActionFactory(agenda_item=item, owner=officer, due_date=item.meeting.date)
        f.ActivityReportFactory(agenda_item=item, activity=activity)
        f.AttendanceFactory(meeting=item.meeting)
        f.DeclarationFactory(meeting=item.meeting, agenda_item=item)
    secret = f.AgendaItemFactory(
        meeting=meeting,
        title=f"{slug} secret title",
        is_confidential=True,
        title_is_confidential=True,
        introduction=f"{slug} secret introduction",
    )
    f.DecisionFactory(agenda_item=secret, text=f"{slug} secret decision")
    draft = f.MeetingFactory(board=board, notes_status="draft")
    draft_item = f.AgendaItemFactory(meeting=draft, introduction=f"{slug} draft introduction")
    f.ActionFactory(agenda_item=draft_item, text=f"{slug} draft action")
    f.DeclarationFactory(meeting=draft, interest=f"{slug} draft declaration")
    return SimpleNamespace(board=board, secret=secret, draft=draft, draft_item=draft_item)


def walk(client, url: str) -> list[dict]:
    """Every object of a collection, following links.next from the first page."""
    objects = []
    for _ in range(100):
        page = get_json(client, url)
        objects += page["data"]
        url = page["links"].get("next")
        if not url:
            return objects
    raise AssertionError(f"links.next never ends: {url}")


def embedded_objects(value):
    """Every object with an id and a type inside a response, at any depth."""
    if isinstance(value, dict):
        if "id" in value and "type" in value:
            yield value
        for child in value.values():
            yield from embedded_objects(child)
    elif isinstance(value, list):
        for child in value:
            yield from embedded_objects(child)


def is_part_of(part, whole) -> bool:
    """Every key of part has the same value in whole (recursively)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            key in whole and is_part_of(value, whole[key]) for key, value in part.items()
        )
    if isinstance(part, list):
        return len(part) == len(whole) and all(map(is_part_of, part, whole))
    return part == whole


def test_every_object_is_found_again_at_its_id(client):
    build_board("sscb")
    system = get_json(client, "/api/")
    fetched: dict[str, dict] = {}
    for name, url in system["collections"].items():
        listed = walk(client, url + "?limit=100")
        assert listed, name
        for obj in listed:
            assert obj["type"] == TYPES[name]
            for embedded in [obj, *embedded_objects(obj)]:
                url = embedded["id"]
                if url not in fetched:
                    fetched[url] = get_json(client, url)
                assert fetched[url]["id"] == url
                assert is_part_of(embedded, fetched[url]), (name, url)
            if name != "meetings":  # a meeting's items are summaries in the collection
                assert obj == fetched[obj["id"]]
    for url, obj in fetched.items():
        kind = next(k for k, t in TYPES.items() if t == obj["type"])
        path = reverse(f"api:{COLLECTIONS[kind]}-detail", args=[url.rstrip("/").split("/")[-1]])
        assert url == BASE + path
        if obj["type"] == "LegislativeTerm":
            assert "created" not in obj and "modified" not in obj
        else:
            for stamp in ("created", "modified"):
                assert datetime.datetime.fromisoformat(obj[stamp]).tzinfo, (url, stamp)
    assert len({obj["type"] for obj in fetched.values()}) == len(TYPES)


def test_web_links_open_the_page_of_the_object(client):
    build_board("sscb")
    for name in ("boards", "people", "programmes", "activities", "meetings", "agenda-items"):
        for obj in get_json(client, f"/api/{name}/")["data"][:2]:
            assert client.get(urlsplit(obj["web"]).path).status_code == 200, obj["web"]


def test_the_system_document_links_every_collection(client):
    system = get_json(client, "/api/")
    assert system["id"] == f"{BASE}/api/"
    assert system["type"] == "System"
    assert system["openapi"] == f"{BASE}/api/schema/"
    assert set(system["collections"]) == set(TYPES)
    for name, url in system["collections"].items():
        assert url == BASE + reverse(f"api:{COLLECTIONS[name]}-list")
        page = get_json(client, url)
        assert set(page) == {"data", "pagination", "links"}, name
        assert page["pagination"]["totalElements"] == 0


def test_following_links_next_walks_the_whole_collection(client):
    theme = f.PriorityThemeFactory()
    created = {a.pk for a in f.ActivityFactory.create_batch(45, theme=theme)}
    url, pages, seen = "/api/activities/?limit=20", [], []
    while url:
        page = get_json(client, url)
        pages.append(page)
        seen += [int(obj["id"].rstrip("/").split("/")[-1]) for obj in page["data"]]
        url = page["links"].get("next")
    assert [len(page["data"]) for page in pages] == [20, 20, 5]
    assert len(seen) == len(set(seen)) == 45
    assert set(seen) == created
    assert pages[0]["pagination"] == {
        "totalElements": 45,
        "elementsPerPage": 20,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert "prev" not in pages[0]["links"] and "next" not in pages[-1]["links"]
    assert pages[-1]["links"]["first"].endswith("limit=20&page=1")
    assert pages[0]["links"]["last"].endswith("limit=20&page=3")


def test_limit_is_capped_at_100(client):
    Authority.objects.bulk_create([Authority(name=f"Council {i}") for i in range(105)])
    page = get_json(client, "/api/authorities/", limit=1000)
    assert len(page["data"]) == 100
    assert page["pagination"]["elementsPerPage"] == 100
    assert len(get_json(client, "/api/authorities/")["data"]) == 20  # the default
    assert len(get_json(client, "/api/authorities/", limit="x")["data"]) == 20


def test_modified_since_returns_what_changed_at_or_after_the_moment(client):
    moment = timezone.make_aware(datetime.datetime(2024, 1, 31, 12, 0))
    theme = f.PriorityThemeFactory()
    before, at, after = f.ActivityFactory.create_batch(3, theme=theme)
    for activity, delta in ((before, -1), (at, 0), (after, 60)):
        stamp = moment + datetime.timedelta(seconds=delta)
        Activity.objects.filter(pk=activity.pk).update(modified=stamp)

    def titles(since: str) -> set[str]:
        return {
            a["title"] for a in get_json(client, "/api/activities/", modified_since=since)["data"]
        }

    assert titles("2024-01-31T12:00:00Z") == {at.title, after.title}
    assert titles("2024-01-31T13:00:00+01:00") == {at.title, after.title}
    assert titles("2024-02-01T08:00:00+20:00") == {at.title, after.title}  # PostgreSQL: ±15:59
    assert titles("2024-01-31T12:00:01Z") == {after.title}
    assert titles("2024-01-31") == {before.title, at.title, after.title}  # midnight, London
    assert titles("2024-02-01") == set()


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2024-02-31", "2024-01-31T25:00", "9999-12-31T23:00:00-05:00", "\x00"],
)
def test_a_bad_modified_since_is_a_400_saying_what_to_give(client, value):
    body = get_json(client, "/api/activities/", status=400, modified_since=value)
    assert "ISO 8601" in body["modified_since"]


def test_the_board_filter(client):
    sscb, other = build_board("sscb"), build_board("other")
    for name in BOARD_FILTERED:
        everything = get_json(client, f"/api/{name}/", limit=100)["data"]
        ours = get_json(client, f"/api/{name}/", limit=100, board="sscb")["data"]
        theirs = get_json(client, f"/api/{name}/", limit=100, board="other")["data"]
        assert ours and theirs, name
        assert {o["id"] for o in ours} | {o["id"] for o in theirs} == {o["id"] for o in everything}
        assert not {o["id"] for o in ours} & {o["id"] for o in theirs}, name
        assert get_json(client, f"/api/{name}/", board="nobody")["data"] == []
        assert get_json(client, f"/api/{name}/", board="\x00")["data"] == []
    meetings = get_json(client, "/api/meetings/", board="sscb", limit=100)["data"]
    assert {m["board"] for m in meetings} == {f"{BASE}/api/boards/{sscb.board.pk}/"}
    board = get_json(client, f"/api/boards/{other.board.pk}/")
    assert get_json(client, board["meetings"])["pagination"]["totalElements"] == 4


@pytest.mark.parametrize("prefix", [prefix for prefix, _, _ in router.registry])
def test_unknown_ids_are_404(client, prefix):
    build_board("sscb")
    for pk in ("999999", "abc", "-1", "99999999999999999999999"):
        assert client.get(f"/api/{prefix}/{pk}/").status_code == 404, (prefix, pk)
    assert client.get("/api/no-such-things/1/").status_code == 404


def test_withheld_records_are_404_to_those_not_allowed_to_read_them(client):
    sscb = build_board("sscb")
    secret_decision = sscb.secret.decisions.get()
    draft_action = sscb.draft_item.actions.get()
    get_json(client, f"/api/decisions/{secret_decision.pk}/", status=404)
    get_json(client, f"/api/actions/{draft_action.pk}/", status=404)
    item = get_json(client, f"/api/agenda-items/{sscb.secret.pk}/")  # the agenda is public
    assert item["name"] == "Confidential item"
    assert item["confidential"] is True
    assert "introduction" not in item and "decisions" not in item


# Queries per page: count, page, then one per prefetched relation (a meeting's public pack
# among them). Anonymous visitors.
QUERIES = {"meetings": 7, "agenda-items": 8, "activities": 4, "actions": 2}


@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("name", QUERIES)
def test_query_counts_do_not_grow_with_the_rows(client, django_assert_num_queries, name, n):
    build_board("sscb", n)
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(f"/api/{name}/", {"limit": 100})
    assert response.status_code == 200
    assert len(response.json()["data"]) >= 3 * n


def test_meeting_collection_items_say_whether_they_are_confidential(client):
    sscb = build_board("sscb")
    meeting = get_json(client, f"/api/meetings/{sscb.secret.meeting_id}/")
    listed = next(
        m for m in get_json(client, "/api/meetings/", limit=100)["data"] if m["id"] == meeting["id"]
    )
    flags = {item["number"]: item["confidential"] for item in listed["agendaItem"]}
    assert flags == {item["number"]: item["confidential"] for item in meeting["agendaItem"]}
    assert flags[sscb.secret.number] is True
    assert set(flags.values()) == {True, False}  # a boolean, never null


@pytest.fixture
def member_client(signed_in):
    """Signed in with a role on the sscb board only."""
    sscb, other = build_board("sscb"), build_board("other")
    member = f.BoardRoleFactory(board=sscb.board, role="board_member").user
    return SimpleNamespace(client=signed_in(member), sscb=sscb, other=other)


def everything(client) -> str:
    """Every collection's first 100 objects and every meeting in full, as one text."""
    texts = []
    for name in COLLECTIONS:
        path = reverse(f"api:{COLLECTIONS[name]}-list")
        page = client.get(path, {"limit": 100})
        texts.append(page.content.decode())
        if name == "meetings":
            texts += [client.get(m["id"]).content.decode() for m in page.json()["data"]]
    return "\n".join(texts)


def test_a_board_member_reads_their_board_in_full_and_no_other(member_client):
    text = everything(member_client.client)
    for marker in ("secret title", "secret introduction", "secret decision"):
        assert f"sscb {marker}" in text
        assert f"other {marker}" not in text
    for marker in ("draft introduction", "draft action", "draft declaration"):
        assert f"sscb {marker}" in text
        assert f"other {marker}" not in text
    client, sscb, other = member_client.client, member_client.sscb, member_client.other
    ours = get_json(client, f"/api/agenda-items/{sscb.secret.pk}/")
    assert ours["name"] == "sscb secret title" and ours["decisions"]
    theirs = get_json(client, f"/api/agenda-items/{other.secret.pk}/")
    assert theirs["name"] == "Confidential item" and "decisions" not in theirs
    assert get_json(client, f"/api/meetings/{sscb.draft.pk}/")["declarations"]
    assert get_json(client, f"/api/meetings/{other.draft.pk}/")["declarations"] == []


def test_an_anonymous_reader_sees_neither_board_and_an_administrator_both(
    member_client, anonymous, signed_in
):
    text = everything(anonymous)
    for board in ("sscb", "other"):
        for marker in ("secret title", "secret introduction", "draft action"):
            assert f"{board} {marker}" not in text
    text = everything(signed_in(f.UserFactory(is_superuser=True, is_staff=True)))
    for board in ("sscb", "other"):
        for marker in ("secret title", "secret introduction", "draft action"):
            assert f"{board} {marker}" in text


def test_a_browser_gets_the_json_in_the_sites_own_page(client):
    meeting = f.MeetingFactory(board=f.BoardFactory(slug="sscb"), venue="Smith Square")
    response = client.get(f"/api/meetings/{meeting.pk}/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en-GB"' in page
    assert "bootstrap" not in page
    assert "Smith Square" in page
    assert f'href="/api/meetings/{meeting.pk}/?format=json"' in page
