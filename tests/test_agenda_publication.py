"""Publishing the agenda: on a date, from a check page listing the items and their files,
warned when it gives fewer than five clear days (weekends and bank holidays not counted);
items added afterwards go on a supplementary agenda with their reason for urgency; the
public downloads an item's files only once it has gone out."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.access import reader_for
from boards.models import Board
from meetings.agenda import clear_days, is_short_notice, latest_day_for_notice
from meetings.models import AgendaItem, Meeting
from meetings.paper_files import PaperFile
from meetings.services import publish_agenda, publish_supplementary_agenda
from papers.models import AgendaPack

from . import factories as f
from .paper_documents import pdf_of

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def attach(item, title="The paper", *, role="paper", mime_type="application/pdf", **fields):
    """A file on the item, as the clerk's upload would leave it."""
    paper_file = PaperFile(
        agenda_item=item,
        role=role,
        title=title,
        original_name=f"{title}.pdf",
        mime_type=mime_type,
        size=1234,
        sha1="0" * 40,
        **fields,
    )
    paper_file.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    paper_file.save()
    return paper_file


@pytest.fixture
def coming(world):
    """A meeting a month away, its agenda not yet published: two items, one confidential,
    each with a paper file."""
    meeting = f.MeetingFactory(
        board=world.board,
        date=datetime.date.today() + 30 * DAY,
        notes_status=Meeting.NotesStatus.SCHEDULED,
    )
    item = f.AgendaItemFactory(meeting=meeting, number="4", title="Modern slavery")
    secret = f.AgendaItemFactory(
        meeting=meeting,
        number="5",
        title="Contract award",
        is_confidential=True,
        confidential_reason="Commercial",
    )
    attach(item, "Modern slavery paper")
    attach(item, "Survey results", role="appendix", mime_type=WORD)
    attach(secret, "Tender scores")
    return meeting


# --- Clear days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "meeting", "days"),
    [
        # Monday to the next Monday: Tuesday to Friday, four clear days.
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 9), 4),
        # The Friday before: Monday to Friday between, five.
        (datetime.date(2026, 2, 27), datetime.date(2026, 3, 9), 5),
        # Neither the day of publication nor the meeting's counts.
        (datetime.date(2026, 3, 9), datetime.date(2026, 3, 10), 0),
        (datetime.date(2026, 3, 10), datetime.date(2026, 3, 10), 0),
        # A weekend between counts for nothing: Friday to Monday.
        (datetime.date(2026, 3, 6), datetime.date(2026, 3, 9), 0),
        # Good Friday (3 April) and Easter Monday (6 April 2026) are bank holidays:
        # Wednesday 1 April to Friday 10 April leaves Thursday 2, Tuesday 7, Wednesday 8,
        # Thursday 9.
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 10), 4),
        # The late summer bank holiday, 31 August 2026.
        (datetime.date(2026, 8, 27), datetime.date(2026, 9, 4), 4),
        # Christmas into the new year: Boxing Day falls on a Saturday in 2026, so Monday 28
        # is its holiday, and New Year's Day is a Friday; 24, 29, 30 and 31 December count.
        (datetime.date(2026, 12, 23), datetime.date(2027, 1, 4), 4),
    ],
)
def test_clear_days_leave_out_both_ends_weekends_and_bank_holidays(published, meeting, days):
    assert clear_days(published, meeting) == days
    assert is_short_notice(published, meeting) == (days < 5)


def test_the_last_day_that_gives_five_clear_days():
    # Meeting on Monday 9 March 2026: five working days before it are 2 to 6 March.
    last = latest_day_for_notice(datetime.date(2026, 3, 9))
    assert last == datetime.date(2026, 3, 1)
    assert clear_days(last, datetime.date(2026, 3, 9)) == 5
    assert clear_days(last + DAY, datetime.date(2026, 3, 9)) == 4
    # Over Easter: a meeting on Thursday 9 April 2026 needs it out by Monday 30 March.
    easter = latest_day_for_notice(datetime.date(2026, 4, 9))
    assert easter == datetime.date(2026, 3, 30)
    assert clear_days(easter, datetime.date(2026, 4, 9)) == 5
    assert clear_days(easter + DAY, datetime.date(2026, 4, 9)) == 4


def test_the_number_of_clear_days_is_a_setting(settings):
    settings.AGENDA_CLEAR_DAYS = 3
    assert not is_short_notice(datetime.date(2026, 3, 2), datetime.date(2026, 3, 9))
    settings.AGENDA_CLEAR_DAYS = 10
    assert is_short_notice(datetime.date(2026, 2, 27), datetime.date(2026, 3, 9))


# --- Publishing ---------------------------------------------------------------------------


def test_the_clerk_checks_the_items_and_files_then_publishes(
    world, signed_in, coming, django_capture_on_commit_callbacks
):
    clerk = signed_in(world.clerk)
    hub = text(clerk.get(f"/manage/meetings/{coming.pk}/"))
    assert "Agenda Not published." in hub
    page = clerk.get(f"/manage/meetings/{coming.pk}/agenda/publish/")
    shown = text(page)
    today = datetime.date.today()
    assert f"Date of publication {today:%A} {today.day} {today:%B %Y}" in shown
    assert "4. Modern slavery" in shown
    assert "Paper: Modern slavery paper (PDF, 1 KB)" in shown
    assert "Appendix: Survey results (Word, 1 KB)" in shown
    assert "5. Contract award Confidential" in shown
    assert "Warning" not in shown  # a month ahead
    assert not Meeting.objects.get(pk=coming.pk).agenda_published_on

    board_version = Board.objects.get(pk=world.board.pk).content_version
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(
            f"/manage/meetings/{coming.pk}/agenda/publish/", {"on": today.isoformat()}, follow=True
        )
    assert "The agenda is published, with 2 items." in text(response)
    meeting = Meeting.objects.get(pk=coming.pk)
    assert meeting.agenda_published_on == today
    assert set(meeting.items.values_list("published_on", flat=True)) == {today}
    assert Board.objects.get(pk=world.board.pk).content_version > board_version
    assert f"Published on {today.day} {today:%B %Y}" in text(response)

    # Irreversible, and only once.
    again = clerk.get(f"/manage/meetings/{coming.pk}/agenda/publish/", follow=True)
    assert "There is nothing to publish on the agenda." in text(again)
    with pytest.raises(ValidationError):
        publish_agenda(meeting=meeting, on=today, today=today)


def test_a_late_date_warns_of_fewer_than_five_clear_days(world, signed_in):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date.today() + 2 * DAY, notes_status="scheduled"
    )
    f.AgendaItemFactory(meeting=meeting, title="Late business")
    page = text(signed_in(world.clerk).get(f"/manage/meetings/{meeting.pk}/agenda/publish/"))
    assert "Warning Published on" in page
    assert "clear day" in page
    assert "fewer than the 5 the law asks for" in page


def test_the_date_is_asked_and_checked(world, signed_in, coming):
    clerk = signed_in(world.clerk)
    url = f"/manage/meetings/{coming.pk}/agenda/publish/date/"
    future = datetime.date.today() + DAY
    refused = clerk.post(
        url, {"on_day": future.day, "on_month": future.month, "on_year": future.year}
    )
    assert "The date of publication must be today or in the past" in text(refused)
    assert "There is a problem" in text(refused)
    missing = clerk.post(url, {"on_day": "", "on_month": "", "on_year": ""})
    assert "Enter the date of publication" in text(missing)
    # A week ago it went out by e-mail: the check page shows that day.
    earlier = datetime.date.today() - 7 * DAY
    chosen = clerk.post(
        url, {"on_day": earlier.day, "on_month": earlier.month, "on_year": earlier.year}
    )
    assert chosen.status_code == 302
    assert chosen["Location"].endswith(f"/agenda/publish/?on={earlier.isoformat()}")
    page = text(clerk.get(chosen["Location"]))
    assert f"{earlier.day} {earlier:%B %Y}" in page
    # A date sent straight to the check page is checked too.
    sent = clerk.get(f"/manage/meetings/{coming.pk}/agenda/publish/?on={future.isoformat()}")
    assert sent.status_code == 302 and "/publish/date/" in sent["Location"]


def test_only_the_boards_clerks_publish(world, signed_in, coming):
    url = f"/manage/meetings/{coming.pk}/agenda/publish/"
    today = datetime.date.today().isoformat()
    for user in (world.outsider, world.member):
        response = signed_in(user).post(url, {"on": today})
        assert response.status_code in (403, 404)
    assert signed_in(None).post(url, {"on": today}).status_code == 302  # to sign in
    assert Meeting.objects.get(pk=coming.pk).agenda_published_on is None


def test_publishing_is_all_or_nothing(coming):
    today = datetime.date.today()
    with pytest.raises(ValidationError):
        publish_agenda(meeting=coming, on=today + DAY, today=today)
    assert not AgendaItem.objects.filter(meeting=coming, published_on__isnull=False).exists()
    assert Meeting.objects.get(pk=coming.pk).agenda_published_on is None


# --- Supplementary agenda -----------------------------------------------------------------


def item_form(**fields) -> dict:
    data = {
        "number": "6",
        "title": "Urgent: flood response",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    return {**data, **fields}


def test_an_item_added_after_publication_is_supplementary_and_says_why(
    world, signed_in, coming, anonymous
):
    today = datetime.date.today()
    publish_agenda(meeting=coming, on=today - 2 * DAY, today=today)
    clerk = signed_in(world.clerk)
    url = f"/manage/meetings/{coming.pk}/items/new/"
    form = text(clerk.get(url))
    assert "so this item goes on a supplementary agenda" in form
    assert "Reason for urgency" in form

    refused = clerk.post(url, item_form())
    page = text(refused)
    assert "There is a problem" in page
    assert "Enter the reason for urgency: why the item cannot wait for the next meeting" in page
    assert not coming.items.filter(number="6").exists()

    clerk.post(url, item_form(urgency_reason="The floods came after the agenda went out."))
    item = coming.items.get(number="6")
    assert item.is_supplementary and item.published_on is None
    assert item.urgency_reason == "The floods came after the agenda went out."
    attach(item, "Flood paper")

    hub = text(clerk.get(f"/manage/meetings/{coming.pk}/"))
    assert "1 item added since then: 6 Urgent: flood response." in hub
    assert "6 Urgent: flood response Supplementary" in hub

    check = text(clerk.get(f"/manage/meetings/{coming.pk}/supplementary-agenda/publish/"))
    assert "Check the supplementary agenda before publishing it" in check
    assert "6. Urgent: flood response" in check
    assert "Reason for urgency The floods came after the agenda went out." in check
    assert "Paper: Flood paper" in check
    assert "Modern slavery" not in check  # only the new items
    # Supplementary agendas are late by nature: the warning still says so.
    assert "Warning" not in check or "reason for urgency says why" in check

    # Before it goes out, the public reads the item but not its file.
    public = reader_for(AnonymousUser())
    assert not PaperFile.objects.filter(agenda_item=item).visible_to(public).exists()

    done = clerk.post(
        f"/manage/meetings/{coming.pk}/supplementary-agenda/publish/",
        {"on": today.isoformat()},
        follow=True,
    )
    assert "The supplementary agenda is published, with 1 item." in text(done)
    meeting = Meeting.objects.get(pk=coming.pk)
    assert meeting.supplementary_published_on == today
    assert AgendaItem.objects.get(pk=item.pk).published_on == today
    assert PaperFile.objects.filter(agenda_item=item).visible_to(public).exists()

    detail = text(anonymous.get(meeting.get_absolute_url()))
    assert f"Agenda published on {(today - 2 * DAY).day} " in detail
    assert f"Supplementary agenda published on {today.day} {today:%B %Y}" in detail
    assert "6 Urgent: flood response Supplementary Added after the agenda" in detail
    assert "Reason for urgency: The floods came after the agenda went out." in detail

    api = anonymous.get(f"/api/meetings/{meeting.pk}/").json()
    assert api["agendaPublishedOn"] == (today - 2 * DAY).isoformat()
    assert api["supplementaryAgendaPublishedOn"] == today.isoformat()
    late = next(i for i in api["agendaItem"] if i["number"] == "6")
    assert late["supplementary"] is True
    assert late["urgencyReason"] == "The floods came after the agenda went out."


def test_items_added_before_publication_or_to_the_notes_are_not_supplementary(
    world, signed_in, coming
):
    clerk = signed_in(world.clerk)
    clerk.post(f"/manage/meetings/{coming.pk}/items/new/", item_form(number="7"))
    assert not coming.items.get(number="7").is_supplementary
    today = datetime.date.today()
    publish_agenda(meeting=coming, on=today, today=today)
    coming.refresh_from_db()
    coming.start_notes()  # the meeting is being written up: an item is what was discussed
    clerk.post(f"/manage/meetings/{coming.pk}/items/new/", item_form(number="8"))
    assert not coming.items.get(number="8").is_supplementary


def test_a_supplementary_agenda_needs_the_agenda_and_new_items(coming):
    today = datetime.date.today()
    with pytest.raises(ValidationError, match="Publish the agenda first"):
        publish_supplementary_agenda(meeting=coming, on=today, today=today)
    publish_agenda(meeting=coming, on=today - DAY, today=today)
    with pytest.raises(ValidationError, match="no new items"):
        publish_supplementary_agenda(meeting=coming, on=today, today=today)
    f.AgendaItemFactory(meeting=coming, number="9", is_supplementary=True, urgency_reason="")
    with pytest.raises(ValidationError, match="reason for urgency"):
        publish_supplementary_agenda(meeting=coming, on=today, today=today)
    with pytest.raises(ValidationError, match="on or after the agenda"):
        publish_supplementary_agenda(meeting=coming, on=today - 2 * DAY, today=today)


# --- Files visible once published -------------------------------------------------------


def test_the_public_sees_files_only_once_the_agenda_is_out(world, coming):
    public = reader_for(AnonymousUser())
    files = PaperFile.objects.filter(agenda_item__meeting=coming)
    assert not files.visible_to(public).exists()
    # The board's members and staff read them all along, confidential ones too.
    for user in (world.member, world.clerk, world.officer, world.administrator):
        assert files.visible_to(reader_for(user)).count() == 3
    # Another board's people are the public here.
    assert not files.visible_to(reader_for(world.outsider)).exists()

    today = datetime.date.today()
    publish_agenda(meeting=coming, on=today, today=today)
    titles = set(files.visible_to(public).values_list("title", flat=True))
    assert titles == {"Modern slavery paper", "Survey results"}  # not the exempt one


def test_files_of_a_meeting_whose_notes_are_public_are_visible(world):
    """Meetings recorded without publishing their agenda first (every meeting before this
    feature) keep their files public with their notes."""
    meeting = f.MeetingFactory(board=world.board, notes_status="published")
    item = f.AgendaItemFactory(meeting=meeting)
    attach(item, "Old paper")
    attach(item, "Withheld", is_confidential=True, schedule_12a_paragraph=3)
    public = reader_for(AnonymousUser())
    visible = PaperFile.objects.filter(agenda_item=item).visible_to(public)
    assert list(visible.values_list("title", flat=True)) == ["Old paper"]
    meeting.notes_status = "draft"
    meeting.save()
    assert not PaperFile.objects.filter(agenda_item=item).visible_to(public).exists()


# --- Queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 9])
def test_the_check_page_reads_the_same_queries_for_any_number_of_items(
    world, signed_in, coming, extra
):
    for n in range(extra):
        item = f.AgendaItemFactory(meeting=coming, number=f"1{n}")
        f.PaperFactory(agenda_item=item)
        attach(item, f"Paper {n}")
        attach(item, f"Appendix {n}", role="appendix")
    clerk = signed_in(world.clerk)
    # Session, user with their roles, meeting with board, items with papers, their files.
    with CaptureQueriesContext(connection) as queries:
        page = clerk.get(f"/manage/meetings/{coming.pk}/agenda/publish/")
    assert page.status_code == 200
    assert len(queries) == 5, [q["sql"][:90] for q in queries]


HUB_QUERIES = 12


@pytest.mark.parametrize("extra", [0, 9])
def test_the_meeting_hub_reads_the_same_queries_for_any_number_of_items(
    world, signed_in, coming, extra
):
    for n in range(extra):
        item = f.AgendaItemFactory(meeting=coming, number=f"1{n}")
        attach(item, f"Paper {n}")
    clerk = signed_in(world.clerk)
    with CaptureQueriesContext(connection) as queries:
        page = clerk.get(f"/manage/meetings/{coming.pk}/")
    assert page.status_code == 200
    # Both of the meeting's items have a paper file, and so has each added one.
    assert text(page).count("Fill in the paper from its file") == 2 + extra
    # Session, user with their roles, meeting with board, items with papers and whether
    # each has a paper file (one query), decisions, actions, activity links, counts of the
    # records, open earlier actions, meetings whose notes it may agree, its history.
    assert len(queries) == HUB_QUERIES, [q["sql"][:90] for q in queries]


@pytest.mark.parametrize("extra", [1, 10])
def test_the_supplementary_and_date_pages_read_few_queries(world, signed_in, coming, extra):
    today = datetime.date.today()
    publish_agenda(meeting=coming, on=today, today=today)
    for n in range(extra):
        item = f.AgendaItemFactory(
            meeting=coming, number=f"2{n}", is_supplementary=True, urgency_reason="Late news."
        )
        attach(item, f"Late paper {n}")
    clerk = signed_in(world.clerk)
    # Session, user with their roles, meeting with board, whether any item waits, the
    # waiting items with papers, their files.
    with CaptureQueriesContext(connection) as queries:
        page = clerk.get(f"/manage/meetings/{coming.pk}/supplementary-agenda/publish/")
    assert text(page).count("Reason for urgency Late news.") == extra
    assert len(queries) == 6, [q["sql"][:90] for q in queries]
    # Session, user with their roles, meeting with board.
    with CaptureQueriesContext(connection) as queries:
        page = clerk.get(f"/manage/meetings/{coming.pk}/supplementary-agenda/publish/date/")
    assert page.status_code == 200
    assert len(queries) == 3, [q["sql"][:90] for q in queries]


def test_publishing_builds_both_packs_so_the_meeting_page_gives_their_sizes(
    world, signed_in, settings
):
    settings.AGENDA_PACKS_ON_PUBLISHING = True
    meeting = f.MeetingFactory(board=world.board, date=datetime.date.today() + 30 * DAY)
    item = f.AgendaItemFactory(meeting=meeting, number="4", title="Modern slavery")
    paper = attach(item, "Modern slavery paper")
    paper.file.save("paper.pdf", ContentFile(pdf_of("Members are asked to note.")))
    clerk = signed_in(world.clerk)
    today = datetime.date.today().isoformat()
    clerk.post(f"/manage/meetings/{meeting.pk}/agenda/publish/", {"on": today})
    packs = {pack.audience: pack for pack in AgendaPack.objects.filter(meeting=meeting)}
    assert set(packs) == {"public", "members"}
    page = text(clerk.get(meeting.get_absolute_url()))
    pages = packs["public"].page_count
    assert re.search(rf"Agenda pack \(PDF, \d+ KB, {pages} pages\)", page)
    assert re.search(r"Members' pack \(PDF, \d+ KB, \d+ pages\)", page)
    # The download serves the pack built then.
    url = reverse("meetings:public_pack", kwargs={"board_slug": "sscb", "date": meeting.date})
    assert clerk.get(url)["ETag"] == f'"{packs["public"].sha1}"'


def test_a_pack_that_cannot_be_built_does_not_stop_the_agenda_going_out(
    world, signed_in, settings, caplog
):
    settings.AGENDA_PACKS_ON_PUBLISHING = True
    meeting = f.MeetingFactory(board=world.board, date=datetime.date.today() + 30 * DAY)
    item = f.AgendaItemFactory(meeting=meeting, number="4", title="Modern slavery")
    attach(item, "Unreadable paper", mime_type=WORD)  # not a Word file at all
    settings.LIBREOFFICE = "/bin/false"
    clerk = signed_in(world.clerk)
    today = datetime.date.today()
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/agenda/publish/", {"on": today.isoformat()}, follow=True
    )
    assert "The agenda is published, with 1 item." in text(response)
    assert Meeting.objects.get(pk=meeting.pk).agenda_published_on == today
    assert not AgendaPack.objects.filter(meeting=meeting).exists()
    assert "not built on publishing" in caplog.text
