"""Confidential items and draft notes leak nowhere: every text field of them holds a marker,
and no public page, filter or search shows any marker. A superuser sees them all, which
proves the markers are really there to be leaked."""

import datetime
import re
from types import SimpleNamespace
from urllib.parse import quote, quote_plus

import pytest

from meetings.models import AgendaItem
from meetings.search import KINDS

from . import factories as f

pytestmark = pytest.mark.django_db

MARK = "ZQXMARKER"
SECRET = "ZQXSECRET"  # in every marked field, so a search result echoing one is caught too
PROGRAMME = "/boards/sscb/2022-23/"

# Prefixes: a = confidential item (title confidential too), b = item whose paper is
# confidential, d = item of a meeting whose notes are a draft.
ITEM_FIELDS = ["introduction", "discussion", "decision", "actiontext", "ownerteam", "followup"]
PAPER_FIELDS = ["papertitle", "summary", "recommendation", "body", "wales", "financial"]
PAPER_FIELDS += ["equalities", "nextsteps"]
RESTRICTED = ["title", "reason", *ITEM_FIELDS, "closingnote", "reportnote", *PAPER_FIELDS]
NAMES = [f"a{n}" for n in RESTRICTED] + [f"b{n}" for n in RESTRICTED if n != "title"]
NAMES += [f"d{n}" for n in [*ITEM_FIELDS, "closingnote", "declaration"]]


def m(name: str) -> str:
    assert name in NAMES, name
    return f"{MARK}{name} was said {SECRET}"


def fill(item, prefix: str, ctx, with_paper: bool = True) -> None:
    """Notes, paper, decision, actions and follow-up, each with its own marker."""
    item.introduction = m(f"{prefix}introduction")
    item.discussion_points = f"First point\n{m(f'{prefix}discussion')}"
    item.save()
    item.presenters.add(ctx.presenter)
    if with_paper:
        fields = dict(zip(PAPER_FIELDS, [m(f"{prefix}{n}") for n in PAPER_FIELDS], strict=True))
        f.PaperFactory(
            agenda_item=item,
            title=fields["papertitle"],
            summary=fields["summary"],
            recommendation=fields["recommendation"],
            body=fields["body"],
            wales_implications=fields["wales"],
            financial_implications=fields["financial"],
            equalities_implications=fields["equalities"],
            next_steps=fields["nextsteps"],
            contact_officer=ctx.presenter,
            is_confidential=prefix == "b",
        )
    f.DecisionFactory(agenda_item=item, text=m(f"{prefix}decision"))
    f.ActionFactory(
        agenda_item=item,
        text=m(f"{prefix}actiontext"),
        owner=ctx.owner,
        owner_team="",
        status="done",
        closed_at_meeting=ctx.later,
        closing_note=m(f"{prefix}closingnote"),
    )
    open_action = f.ActionFactory(
        agenda_item=item,
        text="Report back",
        owner_team=m(f"{prefix}ownerteam"),
        due_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    f.ActionFollowUpFactory(
        action=open_action,
        meeting=ctx.later,
        note=m(f"{prefix}followup"),
        outcome="carried_forward",
    )


@pytest.fixture
def ctx(world):
    board = world.board
    ctx = SimpleNamespace(
        board=board,
        activity=world.activity,
        administrator=world.administrator,
        presenter=f.OfficerFactory(name="Pat Presenter"),
        owner=f.OfficerFactory(name="Olly Owner"),
        declarant=f.PersonFactory(name="Dee Clarant"),
        published=f.MeetingFactory(board=board, date=datetime.date(2022, 11, 8)),
        later=f.MeetingFactory(board=board, date=datetime.date(2023, 1, 24)),
        draft=f.MeetingFactory(board=board, date=datetime.date(2023, 3, 14), notes_status="draft"),
    )
    f.AgendaItemFactory(meeting=ctx.published, number="1", title="Welcome and apologies")
    secret = f.AgendaItemFactory(
        meeting=ctx.published,
        number="9",
        title=m("atitle"),
        is_confidential=True,
        title_is_confidential=True,
        confidential_reason=m("areason"),
    )
    fill(secret, "a", ctx)
    f.ActivityReportFactory(agenda_item=secret, activity=ctx.activity, note=m("areportnote"))
    paper = f.AgendaItemFactory(
        meeting=ctx.published, number="10", title="Police funding", confidential_reason=m("breason")
    )
    fill(paper, "b", ctx)
    f.ActivityReportFactory(agenda_item=paper, activity=ctx.activity, note=m("breportnote"))
    draft_item = f.AgendaItemFactory(meeting=ctx.draft, number="4", title="Serious violence")
    fill(draft_item, "d", ctx, with_paper=False)
    f.ActivityReportFactory(agenda_item=draft_item, activity=ctx.activity)
    f.AttendanceFactory(meeting=ctx.draft, person=ctx.declarant)
    f.DeclarationFactory(meeting=ctx.draft, person=ctx.declarant, interest=m("ddeclaration"))
    return ctx


def meeting_urls(ctx) -> list[str]:
    return [f"/boards/sscb/meetings/{m.date}/" for m in (ctx.published, ctx.later, ctx.draft)]


def public_requests(ctx) -> list[tuple[str, dict]]:
    """Every public page, with and without its filters, as (path, query)."""
    people = [ctx.presenter, ctx.owner, ctx.declarant, ctx.activity.lead_officer]
    filters = [{"board": "sscb"}, {"status": "done"}, {"status": "open"}, {"overdue": "on"}]
    filters += [{"meeting": meeting.date} for meeting in (ctx.published, ctx.draft)]
    filters += [{"owner": q} for q in ("Olly", "Owner", MARK, SECRET, m("aownerteam"))]
    return [
        ("/", {}),
        ("/boards/sscb/", {}),
        (PROGRAMME, {}),
        (PROGRAMME, {"status": "in_progress", "theme": ctx.activity.theme_id}),
        (PROGRAMME, {"lead_officer": ctx.activity.lead_officer_id, "rag": "green"}),
        (f"{PROGRAMME}activities/{ctx.activity.pk}/", {}),
        ("/boards/sscb/meetings/", {}),
        *[(url, {}) for url in meeting_urls(ctx)],
        ("/actions/", {}),
        *[("/actions/", query) for query in filters],
        *[(person.get_absolute_url(), {}) for person in people],
    ]


def assert_nothing_leaks(response, echoed: str = "") -> None:
    """No marker anywhere in the page, apart from the visitor's own words echoed back."""
    assert response.status_code == 200, response.request["PATH_INFO"]
    if response.streaming:
        content = b"".join(response.streaming_content).decode()
    else:
        content = response.content.decode()
    for form in {echoed, quote(echoed), quote_plus(echoed)} - {""}:
        content = content.replace(form, "")
    assert MARK not in content, response.request
    assert SECRET not in content, response.request


def test_no_public_page_shows_confidential_or_draft_content(client, ctx):
    for path, query in public_requests(ctx):
        assert_nothing_leaks(client.get(path, query), echoed=query.get("owner", ""))


def test_public_pages_still_show_what_is_public(client, ctx):
    published = client.get(meeting_urls(ctx)[0]).content.decode()
    assert re.search(r">9 Confidential item\s*</h3>", published)
    assert "10 Confidential item: Police funding" in published
    assert "This item was considered in private." in published
    draft = client.get(meeting_urls(ctx)[2]).content.decode()
    assert "4 Serious violence" in draft
    activity = client.get(f"{PROGRAMME}activities/{ctx.activity.pk}/").content.decode()
    assert "14 March 2023: item 4, Serious violence" in activity
    presenter = client.get(ctx.presenter.get_absolute_url()).content.decode()
    assert (
        "9 Confidential item" in presenter and "10 Confidential item: Police funding" in presenter
    )


def test_open_data_exports_leave_them_out_too(client, ctx):
    exports = [("/actions.csv", {}), ("/actions.csv", {"status": "done"})]
    exports += [("/boards/sscb/meetings.ics", {}), ("/boards/sscb/decisions.atom", {})]
    for name in ("people", "meetings", "agenda-items", "decisions", "actions", "activities"):
        exports.append((f"/api/{name}/", {}))
    for path, query in exports:
        assert_nothing_leaks(client.get(path, query))


@pytest.mark.parametrize("kind", ["", *[k.key for k in KINDS]])
def test_search_never_finds_confidential_or_draft_content(client, ctx, kind):
    for terms in [SECRET, *[f"{MARK}{name}" for name in NAMES]]:
        response = client.get("/search/", {"q": terms, "kind": kind})
        assert_nothing_leaks(response, echoed=terms)
        assert "<mark>" not in response.content.decode()


@pytest.fixture
def superuser_client(signed_in, ctx):
    return signed_in(ctx.administrator)


def test_a_superuser_sees_every_marker(superuser_client, ctx):
    pages = "".join(superuser_client.get(url).content.decode() for url in meeting_urls(ctx))
    missing = [name for name in NAMES if m(name) not in pages]
    assert not missing


@pytest.mark.parametrize(
    "name", ["atitle", "bsummary", "aintroduction", "ddiscussion", "bdecision", "dclosingnote"]
)
def test_a_superuser_finds_them_by_search(superuser_client, ctx, name):
    html = superuser_client.get("/search/", {"q": f"{MARK}{name}"}).content.decode()
    assert 'id="results-' in html and "No results for" not in html
    assert f"<mark>{MARK}{name}</mark>" in html


def api_crawl(client) -> dict[str, str]:
    """Every API address reachable from /api/ by following the URLs in the JSON (collections,
    their pages, every object and what it links to, filtered collections), with each body."""
    bodies: dict[str, str] = {}
    queue = ["/api/"]
    queue += [f"/api/{name}/?board=sscb&modified_since=2000-01-01" for name in API_COLLECTIONS]
    while queue:
        path = queue.pop().removeprefix("http://testserver")
        if not path.startswith("/api/") or path in bodies:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = response.content.decode()
        if response["Content-Type"] == "application/json":
            queue += list(urls_in(response.json()))
    return bodies


def urls_in(value):
    if isinstance(value, dict):
        for child in value.values():
            yield from urls_in(child)
    elif isinstance(value, list):
        for child in value:
            yield from urls_in(child)
    elif isinstance(value, str) and value.startswith("http://testserver/"):
        yield value


API_COLLECTIONS = ["boards", "people", "memberships", "programmes", "themes", "activities"]
API_COLLECTIONS += ["progress-updates", "meetings", "agenda-items", "decisions", "actions"]


def open_data_requests(ctx) -> list[tuple[str, dict]]:
    """The schema, the calendar, both Atom feeds and both CSVs, with and without filters."""
    activities = f"{PROGRAMME}activities.csv"
    action_filters = [{"board": "sscb"}, {"status": "done"}, {"status": "open"}]
    action_filters += [{"overdue": "on"}, {"owner": "Officers"}, {"owner": m("aownerteam")}]
    action_filters += [{"meeting": meeting.date} for meeting in (ctx.published, ctx.draft)]
    return [
        ("/api/schema/", {}),
        ("/api/schema/", {"format": "json"}),
        ("/boards/sscb/meetings.ics", {}),
        ("/boards/sscb/decisions.atom", {}),
        ("/boards/sscb/progress.atom", {}),
        (activities, {}),
        (activities, {"status": "in_progress", "theme": ctx.activity.theme_id}),
        (activities, {"lead_officer": ctx.activity.lead_officer_id, "rag": "green"}),
        ("/actions.csv", {}),
        *[("/actions.csv", query) for query in action_filters],
    ]


def test_no_open_data_shows_confidential_or_draft_content(client, ctx):
    bodies = api_crawl(client)
    # The crawl really went everywhere: every collection, meeting and item, the activity.
    reached = {f"/api/{name}/" for name in [*API_COLLECTIONS, "years", "authorities"]}
    reached |= {f"/api/meetings/{pk}/" for pk in ctx.board.meetings.values_list("pk", flat=True)}
    items = AgendaItem.objects.filter(meeting__board=ctx.board).values_list("pk", flat=True)
    reached |= {f"/api/agenda-items/{pk}/" for pk in items}
    reached |= {f"/api/activities/{ctx.activity.pk}/", f"/api/people/{ctx.owner.pk}/"}
    assert len(items) == 4 and reached <= set(bodies)
    for path, body in bodies.items():
        assert MARK not in body and SECRET not in body, path
    draft = client.get(f"/api/meetings/{ctx.draft.pk}/").json()
    assert draft["attendance"] == [] and draft["declarations"] == []
    assert "introduction" not in draft["agendaItem"][0]
    for path, query in open_data_requests(ctx):
        assert_nothing_leaks(client.get(path, query))


def test_a_superuser_finds_the_markers_in_the_open_data(superuser_client, ctx):
    """The markers are there to be leaked: an administrator reads them through the API."""
    text = "".join(api_crawl(superuser_client).values())
    missing = {name for name in NAMES if m(name) not in text}
    # The reason an item is confidential and the follow-ups of actions are not in the API.
    assert missing == {"areason", "breason", "afollowup", "bfollowup", "dfollowup"}
    csv = b"".join(superuser_client.get("/actions.csv").streaming_content).decode()
    assert m("aactiontext") in csv and m("dclosingnote") in csv
    atom = superuser_client.get("/boards/sscb/decisions.atom").content.decode()
    assert m("adecision") in atom and m("ddecision") in atom
