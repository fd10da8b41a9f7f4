"""Reminders by e-mail, sent to a real SMTP server (aiosmtpd) that the tests start on
127.0.0.1: who gets what, the links in the messages, the unsubscribe link, a server that
refuses or is down (nothing lost), a second run (nothing sent twice), and a round's queries."""

import datetime
import email
import re
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command

from reminders.models import Reminder, ReminderOptOut
from reminders.services import run_round
from reports.models import ReportVersion, ReviewComment

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 11, 22)
DAY = datetime.timedelta(days=1)
SITE = "https://boards.example.org"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An SMTP server's handler that keeps what it receives, or refuses every recipient."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = SITE
    yield inbox
    controller.stop()


@pytest.fixture
def due(world):
    """Alice owns an overdue action and one due in 3 days (and one due later, one done); the
    officers own one due tomorrow; the activity the officer leads has never been updated and
    the board meets in 6 days, with no agenda yet; a meeting 40 days ago has draft notes."""
    alice = f.PersonFactory(
        honorific="Cllr", name="Alice Adams", user=f.UserFactory(username="alice")
    )
    agreed_at = f.MeetingFactory(board=world.board, date=TODAY - 60 * DAY)
    item = f.AgendaItemFactory(meeting=agreed_at, number="5")
    mine = {"owner": alice, "owner_team": "", "agenda_item": item}
    f.ActionFactory(**mine, text="Write to the Home Office", due_date=TODAY - 5 * DAY)
    f.ActionFactory(**mine, text="Circulate the toolkit", due_date=TODAY + 3 * DAY)
    f.ActionFactory(**mine, text="Not yet due", due_date=TODAY + 30 * DAY)
    f.ActionFactory(
        **mine, text="Already done", due_date=TODAY, status="done", closed_at_meeting=agreed_at
    )
    f.ActionFactory(agenda_item=item, text="Officers to brief members", due_date=TODAY + DAY)
    f.MeetingFactory(board=world.board, date=TODAY - 40 * DAY, notes_status="draft")
    f.MeetingFactory(board=world.board, date=TODAY + 6 * DAY, notes_status="scheduled")
    return alice


def body(message, kind: str) -> str:
    return message.get_body(preferencelist=(kind,)).get_content()


def test_each_person_gets_their_reminders_with_working_links(due, world, smtp):
    result = run_round(today=TODAY)
    assert (result.written, result.sent, result.unsent) == (5, 5, 0)
    subjects = {(m["X-Envelope-To"], str(m["Subject"])) for m in smtp.messages}
    officer, clerk = world.officer.email, world.clerk.email
    assert subjects == {
        ("alice@example.org", "Your actions: 1 overdue and 1 due in the next 14 days"),
        (officer, "Your actions: 1 due in the next 14 days"),
        (officer, "Update your activities before the SSCB board meeting, 28 November 2022"),
        (clerk, "The notes of the SSCB board meeting, 13 October 2022 are not yet published"),
        (clerk, "No agenda yet for the SSCB board meeting, 28 November 2022"),
    }
    [digest] = smtp.to("alice@example.org")
    text, html = body(digest, "plain"), body(digest, "html")
    for part in (text, html):
        assert "Write to the Home Office" in part and "Circulate the toolkit" in part
        assert "Not yet due" not in part and "Already done" not in part
        assert f"{SITE}/boards/sscb/meetings/2022-09-23/#item-5" in part
        assert f"{SITE}/my-actions/" in part
    assert text.index("Overdue") < text.index("Write to the Home Office")
    assert "<h2" in html and "<a href=" in html
    unsubscribe = re.search(rf"{SITE}(/reminders/unsubscribe/[^/\s]+/)", text)[1]
    assert digest["List-Unsubscribe"].strip() == f"<{SITE}{unsubscribe}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [notice] = [m for m in smtp.to(officer) if "activities" in str(m["Subject"])]
    assert "Tackle modern slavery" in body(notice, "plain")
    assert f"{SITE}/boards/sscb/2022-23/activities/{world.activity.pk}/" in body(notice, "plain")
    [agenda] = [m for m in smtp.to(clerk) if "No agenda" in str(m["Subject"])]
    assert "in 6 days" in body(agenda, "plain")
    assert not smtp.to(world.users["clerk of another board"].email)


def test_the_unsubscribe_link_turns_that_kind_off(due, world, smtp, client):
    run_round(today=TODAY)
    [digest] = smtp.to("alice@example.org")
    path = re.search(rf"{SITE}(/reminders/unsubscribe/[^/\s]+/)", body(digest, "plain"))[1]
    # Following the link only asks; a link checker that opens it changes nothing.
    page = client.get(path).content.decode()
    assert "Stop these reminders?" in page and not ReminderOptOut.objects.exists()
    assert "Reminders stopped" in client.post(path).content.decode()
    assert ReminderOptOut.objects.filter(user=due.user, kind="actions_due").exists()
    assert client.post(path).status_code == 200  # twice is harmless
    tampered = path.replace(path.split("/")[-2][-4:], "AAAA")
    assert client.post(tampered).status_code == 404
    smtp.messages.clear()
    run_round(today=TODAY + 7 * DAY)  # next week's digest
    assert not smtp.to("alice@example.org")
    assert any("Your actions" in str(m["Subject"]) for m in smtp.to(world.officer.email))


def test_a_second_run_the_same_day_sends_nothing_twice(due, smtp, capsys):
    call_command("send_reminders", date=TODAY)
    assert len(smtp.messages) == 5
    call_command("send_reminders", date=TODAY)
    assert len(smtp.messages) == 5
    assert "0 new reminders written; 0 sent; 0 left unsent." in capsys.readouterr().out
    assert Reminder.objects.count() == Reminder.objects.filter(sent_at__isnull=False).count() == 5


def test_a_refusing_server_loses_nothing(due, smtp):
    smtp.refuse = "550 5.7.1 Relaying denied"
    with pytest.raises(CommandError, match="5 reminders kept for the next run"):
        call_command("send_reminders", date=TODAY)
    assert smtp.messages == []
    assert Reminder.objects.unsent().count() == 5
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {1}
    assert "Relaying denied" in Reminder.objects.first().last_error
    smtp.refuse = ""
    call_command("send_reminders", date=TODAY)
    assert len(smtp.messages) == 5 and not Reminder.objects.unsent().exists()


def test_a_server_that_is_down_loses_nothing(due, smtp, settings):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    result = run_round(today=TODAY)
    assert (result.written, result.sent, result.unsent) == (5, 0, 5)
    assert "ConnectionRefusedError" in result.error
    settings.EMAIL_PORT = port
    # The next day's run sends yesterday's reminders, and writes no new ones for the same
    # week and meetings.
    result = run_round(today=TODAY + DAY)
    assert (result.written, result.sent, result.unsent) == (0, 5, 0)
    assert len(smtp.messages) == 5


def test_preferences_turn_kinds_off_and_on(due, world, smtp, signed_in):
    client = signed_in(world.officer)
    page = client.get("/my-reminders/").content.decode()
    assert page.count("checked") == 5  # every kind, on until turned off
    client.post("/my-reminders/", {"kinds": ["actions_due"]})
    run_round(today=TODAY)
    assert [str(m["Subject"]) for m in smtp.to(world.officer.email)] == [
        "Your actions: 1 due in the next 14 days"
    ]
    assert "Your reminder choices have been saved" in client.get("/my-reminders/").content.decode()


def test_a_dry_run_writes_and_sends_nothing(due, smtp, capsys):
    call_command("send_reminders", date=TODAY, dry_run=True)
    assert "5 reminders due (dry run" in capsys.readouterr().out
    assert not Reminder.objects.exists() and not smtp.messages


def build(n: int, world) -> None:
    """3n action owners and 3n lead officers with a stale activity each, all on one board
    that meets within the week with no agenda, and a meeting with late notes."""
    item = f.AgendaItemFactory(meeting__board=world.board, meeting__date=TODAY - 60 * DAY)
    for i in range(3 * n):
        owner = f.PersonFactory(user=f.UserFactory())
        f.ActionFactory(agenda_item=item, owner=owner, owner_team="", due_date=TODAY + i % 10 * DAY)
        f.ActionFactory(agenda_item=item, owner=owner, owner_team="", due_date=TODAY - DAY)
        lead = f.OfficerFactory(user=f.UserFactory())
        f.ActivityFactory(theme=world.theme, lead_officer=lead, status="agreed")
        f.ProgressUpdateFactory(activity=f.ActivityFactory(theme=world.theme, lead_officer=lead))
    f.MeetingFactory(board=world.board, date=TODAY - 40 * DAY, notes_status="draft")
    f.MeetingFactory(board=world.board, date=TODAY + 3 * DAY, notes_status="scheduled")


@pytest.mark.parametrize("n", [1, 10])
def test_a_round_uses_a_fixed_number_of_queries(world, django_assert_num_queries, settings, n):
    """Below SQLite's batch of about a hundred rows to one insert; PostgreSQL inserts any
    number in one."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    build(n, world)
    # roles; opt-outs; actions due; next board meetings; stale activities; late notes;
    # meetings without an agenda; open comments on reports; reminders already written;
    # insert; unsent; mark sent
    with django_assert_num_queries(12):
        result = run_round(today=TODAY)
    # Each owner's digest; each lead's notice, and the world's lead officer's; the clerk's two.
    assert result.sent == 3 * n + 3 * n + 1 + 2


def test_a_cancelled_meeting_asks_for_no_agenda_or_notes(world, smtp):
    f.MeetingFactory(
        board=world.board, date=TODAY + 2 * DAY, cancelled=True, notes_status="scheduled"
    )
    f.MeetingFactory(
        board=world.board, date=TODAY - 40 * DAY, cancelled=True, notes_status="scheduled"
    )
    run_round(today=TODAY)
    assert not smtp.to(world.clerk.email)


def test_the_reports_officers_hear_of_new_comments_once_each(world, smtp):
    report = f.EndOfYearReportFactory(programme=world.programme)
    version = ReportVersion.objects.create(report=report, number=1, content={}, public_content={})

    def comment(paragraph: str, text: str) -> ReviewComment:
        return ReviewComment.objects.create(
            version=version, paragraph=paragraph, kind="suggestion", text=text, author=world.member
        )

    comment("12", "Name the minister.")
    comment("3", "Say how many councils.").resolve(by=world.officer)
    run_round(today=TODAY)
    [message] = smtp.to(world.officer.email)
    assert message["Subject"] == (
        f"1 open comment on the {world.board} end-of-year report {world.programme.year}"
    )
    text = body(message, "plain")
    assert "Version 1, paragraph 12 (new): suggested change, “Name the minister.”" in text
    assert f"{SITE}/boards/sscb/2022-23/report/versions/1/paragraphs/12/" in text
    assert "Say how many councils." not in text
    assert not smtp.to(world.member.email) and not smtp.to(world.clerk.email)
    run_round(today=TODAY)
    assert len(smtp.to(world.officer.email)) == 1  # nothing new: nothing sent
    comment("4", "Add the date.")
    run_round(today=TODAY)
    latest = body(smtp.to(world.officer.email)[-1], "plain")
    assert "paragraph 4 (new)" in latest and "paragraph 12:" in latest
    assert latest.index("paragraph 4") < latest.index("paragraph 12")


def test_an_unsubscribe_link_is_the_same_whenever_it_is_made_and_older_links_still_work():
    from django.core import signing

    from reminders.services import UNSUBSCRIBE_SALT, read_unsubscribe_token, unsubscribe_token

    assert unsubscribe_token(7, "actions_due") == unsubscribe_token(7, "actions_due")
    assert read_unsubscribe_token(unsubscribe_token(7, "actions_due")) == (7, "actions_due")
    older = signing.dumps([7, "actions_due"], salt=UNSUBSCRIBE_SALT)
    assert read_unsubscribe_token(older) == (7, "actions_due")
    with pytest.raises(signing.BadSignature):
        read_unsubscribe_token(unsubscribe_token(7, "actions_due")[:-2] + "xx")
