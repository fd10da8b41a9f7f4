"""Records outlive the accounts of the people who made them. On the demo board, an officer,
a clerk, a board member and an action's owner do a year's work (proposals to close actions,
one confirmed; progress updates; comments on the report, a reply and a resolution; imports,
one accepted), then every account is deleted, and an administrator signing in afresh reads
every staff page reachable from the board's records without an error."""

import datetime
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from boards.models import Board, BoardRole, Person
from imports import services as imports
from imports.models import ImportedDocument
from meetings.models import Action, AgendaItem, Meeting
from reports.models import ReportVersion, ReviewComment
from workplan.models import Activity, ProgressUpdate, WorkProgramme

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db

MAX_PAGES = 700
# Downloads and open data show no accounts; the admin's own pages are read one per model.
SKIPPED = ("/static/", "/api/", "/admin/", "/accounts/logout")
SKIPPED_ENDINGS = (".ics", ".atom", ".csv", "/docx/", "/pdf/", "/print/")
MINUTES = b"""Safer and Stronger Communities Board
Minutes of the meeting held on 12 December 2023

1. Welcome and apologies
Apologies were received from Cllr Ann Other.

2. Community safety update
Members noted the update.
Action: Officers to circulate the toolkit by 31 January 2024.
"""


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]


def same_site(base: str, link: str) -> str | None:
    parts = urlsplit(urljoin(base, link))
    if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
        return None
    if parts.path.startswith(SKIPPED) or parts.path.endswith(SKIPPED_ENDINGS):
        return None
    # Filters and page numbers add nothing here: the records are the same.
    return parts.path


def staff_pages(client, start: list[str]) -> dict[str, int]:
    """The status of every page reachable from `start` by its links."""
    seen: dict[str, int] = {}
    queue = deque(start)
    queued = set(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for link in parser.links:
            target = same_site(url, link)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return seen


@pytest.fixture
def worked_and_deleted(db):
    """The demo board after a year's work by people whose accounts are then all deleted."""
    call_command("load_demo", stdout=StringIO())
    board = Board.objects.get(slug="sscb")
    users = {}
    for role in BoardRole.Role:
        users[role] = f.BoardRoleFactory(board=board, role=role, user__first_name=role.label).user
    owner = f.PersonFactory(name="Alice Adams", user=f.UserFactory(username="alice"))
    meetings = list(Meeting.objects.filter(board=board).order_by("date"))
    first_item = AgendaItem.objects.filter(meeting=meetings[0]).first()
    due = meetings[0].date + datetime.timedelta(days=30)
    mine = {"agenda_item": first_item, "owner": owner, "owner_team": "", "due_date": due}
    proposed = f.ActionFactory(text="Write to the Home Office", **mine)
    confirmed = f.ActionFactory(text="Circulate the toolkit", **mine)
    for action, outcome in ((proposed, "done"), (confirmed, "dropped")):
        action.propose_closing(outcome=outcome, note="As agreed", by=owner.user, today=due)
    confirmed.follow_up(at_meeting=meetings[1], outcome="dropped", by=users["clerk"])

    activity = Activity.objects.filter(theme__programme__board=board).first()
    activity.lead_officer.user = users["policy_officer"]
    activity.lead_officer.save()
    update = ProgressUpdate(
        activity=activity,
        date=datetime.date(2023, 5, 2),
        text="Toolkit sent to every council.",
        author=activity.lead_officer,
        status=activity.status,
        rag="green",
    )
    update._history_user = users["policy_officer"]  # as a signed-in officer's update is kept
    update.save()

    version = ReportVersion.objects.filter(report__programme__board=board).first()
    question = ReviewComment.objects.create(
        version=version,
        paragraph="1",
        kind="question",
        text="Which councils?",
        author=users["board_member"],
    )
    ReviewComment.objects.create(
        version=version,
        paragraph="1",
        kind="reply",
        text="All of them.",
        author=users["policy_officer"],
        in_reply_to=question,
    )
    question.resolve(by=users["policy_officer"])

    for name, accept in (("notes-2023-12-12.txt", True), ("notes-copy-2023-12-12.md", False)):
        content = MINUTES if accept else MINUTES + b"\n3. Any other business\nNone.\n"
        document, _ = imports.import_file(
            board, name, content, imports.Options(kind="notes"), user=users["clerk"]
        )
        if accept:
            imports.accept(document)

    get_user_model().objects.all().delete()
    assert not get_user_model().objects.exists()
    assert Person.objects.filter(user__isnull=True).filter(pk=owner.pk).exists()
    return board


def test_every_staff_page_reads_after_every_account_is_deleted(worked_and_deleted, signed_in):
    board = worked_and_deleted
    administrator = signed_in(f.UserFactory(username="new-admin", is_superuser=True, is_staff=True))
    start = [
        "/",
        "/my-work/",
        "/my-actions/",
        "/my-reminders/",
        f"/manage/boards/{board.slug}/imports/",
    ]
    start += [reverse("meetings:manage_meeting", args=[m.pk]) for m in Meeting.objects.all()]
    start += [reverse("meetings:edit_item", args=[i.pk]) for i in AgendaItem.objects.all()]
    start += [reverse("imports:review", args=[d.pk]) for d in ImportedDocument.objects.all()]
    for programme in WorkProgramme.objects.select_related("board", "year"):
        address = f"/boards/{programme.board.slug}/{programme.year.start_year}-"
        address += f"{str(programme.year.start_year + 1)[-2:]}/report/"
        start += [address, f"{address}draft/"]
        start += [
            f"{address}versions/{v.number}/paragraphs/1/"
            for v in ReportVersion.objects.filter(report__programme=programme)
        ]
    start += [a.get_absolute_url() for a in Activity.objects.all()]
    pages = staff_pages(administrator, start)
    assert len(pages) > 300
    failed = {url: status for url, status in pages.items() if status >= 500}
    assert failed == {}
    # The crawl reached the pages that name who did what.
    assert any("/matters-arising/" in url for url in pages)
    assert any("/paragraphs/" in url for url in pages)
    matters = [url for url in pages if url.endswith("/matters-arising/")]
    said = " ".join(text(administrator.get(url)) for url in matters)
    assert "Marked done by a deleted account" in said
    review = text(administrator.get(next(u for u in pages if "/paragraphs/1/" in u)))
    assert "Question from a deleted account" in review
    assert "Marked resolved by a deleted account" in review
    # Django admin's list of each model reads as well.
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert administrator.get(url).status_code == 200, url
    assert Action.objects.filter(closed_by__isnull=True, status="dropped").exists()
