"""Staff and owners read confidential items and actions, and every page and message that shows
them says they are confidential: an item confidential only through its paper as much as one
marked itself, on the clerk's meeting and check-notes pages, the start page's agenda, the
owner's actions and the reminders sent to them."""

import datetime
import re

import pytest

from reminders.services import run_round

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def paper_only(world):
    """An item whose paper alone is confidential, at a meeting to come (so it is on the
    members' start page), with an open action owned by Alice, who signs in but holds no role
    on the board, due tomorrow; and an open item with an action of hers too."""
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date.today() + 7 * DAY, notes_status="draft"
    )
    item = f.AgendaItemFactory(meeting=meeting, number="9", title="Serious violence pilots")
    f.PaperFactory(agenda_item=item, is_confidential=True)
    open_item = f.AgendaItemFactory(meeting=meeting, number="3", title="Welcome")
    alice = f.PersonFactory(name="Alice Adams", user=f.UserFactory(username="alice"))
    mine = {"owner": alice, "owner_team": "", "due_date": datetime.date.today() + 8 * DAY}
    f.ActionFactory(agenda_item=item, text="Brief the pilot councils QXSECRET", **mine)
    f.ActionFactory(agenda_item=open_item, text="Circulate the toolkit", **mine)
    return item


def tagged(page: str, title: str) -> bool:
    return re.search(rf"{re.escape(title)} Confidential\b", page) is not None


def test_the_clerks_meeting_and_check_notes_pages_tag_it(paper_only, world, signed_in):
    clerk = signed_in(world.clerk)
    meeting = paper_only.meeting
    for url in (f"/manage/meetings/{meeting.pk}/", f"/manage/meetings/{meeting.pk}/notes/check/"):
        page = text(clerk.get(url))
        assert tagged(page, "Serious violence pilots"), url
        assert not tagged(page, "Welcome"), url


def test_the_members_start_page_tags_it_on_the_next_agenda(paper_only, world, signed_in):
    page = text(signed_in(world.member).get("/my-work/"))
    assert tagged(page, "Serious violence pilots")
    assert not tagged(page, "Welcome")


def test_the_owners_actions_page_says_which_action_is_confidential(paper_only, signed_in):
    page = text(signed_in(paper_only.actions.get().owner.user).get("/my-actions/"))
    # The owner reads their own action, marked.
    assert "Confidential Brief the pilot councils QXSECRET" in page
    assert "Confidential Circulate the toolkit" not in page


def test_a_reminder_marks_it_and_links_to_the_page_instead_of_quoting_it(
    paper_only, mailoutbox, settings
):
    settings.SITE_URL = "https://boards.example.org"
    run_round(today=datetime.date.today())
    [digest] = [m for m in mailoutbox if m.to == ["alice@example.org"]]
    html = digest.alternatives[0][0]
    for part in (digest.body, html):
        assert "Confidential – not for publication".lower() in part.lower()
        assert "QXSECRET" not in part
        assert "https://boards.example.org/my-actions/" in part
        # The open action is quoted as before.
        assert "Circulate the toolkit" in part


def test_the_owners_calendar_names_a_confidential_action_by_its_item_only(
    paper_only, signed_in, anonymous
):
    """Calendars are often synced to services outside the council."""
    client = signed_in(paper_only.actions.get().owner.user)
    client.post("/my-actions/calendar/reset/")
    feed = paper_only.actions.get().owner.user.personal_feed
    ical = anonymous.get(feed.get_absolute_url()).content.decode()
    assert "QXSECRET" not in ical
    assert "Confidential – not for publication (item 9)" in ical
    assert "Circulate the toolkit" in ical
