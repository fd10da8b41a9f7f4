"""Confidential content in the end-of-year report: marked in the copies that include it, left
out of the public copy, and taken out of versions already sent when an item is made
confidential later (the members' copy keeps it, marked), in every format."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from reports.builder import all_paragraphs
from reports.models import ReportVersion

from . import factories as f
from .test_end_of_year_report import REPORT, docx_text, goes_to, manage, pdf_text, plain

pytestmark = pytest.mark.django_db

MARKER = "Confidential – not for publication"
COVER = "This copy contains confidential information"


def copies(client: Client, number: int) -> dict[str, str]:
    """The text of a version's page, printable page, Word document and PDF for this client."""
    base = f"{REPORT}versions/{number}/"
    responses = {kind: client.get(f"{base}{kind}") for kind in ("", "print/", "docx/", "pdf/")}
    assert all(r.status_code == 200 for r in responses.values())
    return {
        "page": plain(responses[""].content.decode()),
        "print": plain(responses["print/"].content.decode()),
        "docx": docx_text(responses["docx/"].content),
        "pdf": pdf_text(responses["pdf/"].content),
    }


@pytest.fixture
def year(world):
    """The world's year: its activity reported at an open item, an open item linked to no
    activity (an "other area") and a confidential item; the report goes to a later meeting."""
    board, programme, activity = world.board, world.programme, world.activity
    f.ProgressUpdateFactory(activity=activity, text="Councils met the Home Office.")
    meeting = f.MeetingFactory(board=board, date=datetime.date(2022, 11, 8))
    reported = f.AgendaItemFactory(meeting=meeting, number="6", title="Prevent duty update")
    f.ActivityReportFactory(agenda_item=reported, activity=activity)
    other = f.AgendaItemFactory(meeting=meeting, number="7", title="Police funding")
    f.DecisionFactory(agenda_item=other, text="Members agreed to write to the minister.")
    secret = f.AgendaItemFactory(
        meeting=meeting,
        number="8",
        title="Fire authority finances",
        is_confidential=True,
        confidential_reason="Commercially sensitive (paragraph 3)",
    )
    f.DecisionFactory(agenda_item=secret, text="Members agreed the settlement.")
    goes_to(programme)
    return SimpleNamespace(world=world, reported=reported, other=other)


@pytest.fixture
def sent(year, signed_in):
    """Version 1, sent by the board's officer."""
    officer = signed_in(year.world.officer)
    assert officer.post(manage(year.world.programme, "publish/")).url == REPORT
    return year


@pytest.mark.parametrize("who", ["member", "officer"])
def test_the_members_copy_marks_confidential_content_with_its_reason(sent, signed_in, who):
    client = signed_in(getattr(sent.world, who))
    for kind, text in copies(client, 1).items():
        assert COVER in text, kind
        assert f"{MARKER}: Commercially sensitive (paragraph 3)" in text, kind
        assert "Members agreed the settlement." in text, kind
        # Only the confidential item's paragraph is marked; open content is not.
        assert text.count(f"{MARKER}: ") == 1, kind
        # The cover does not say both "contains confidential information" and a plain No.
        flat = " ".join(text.split())
        assert "Is this report confidential? No, but some paragraphs" in flat, kind
        assert "Is this report confidential? No " not in flat, kind


def test_the_public_copy_has_no_confidential_content_and_says_so(sent, signed_in, anonymous):
    for who, client in (("public", anonymous), ("other board", signed_in(sent.world.outsider))):
        for kind, text in copies(client, 1).items():
            assert "Fire authority finances" not in text and "settlement" not in text, (who, kind)
            assert MARKER not in text and COVER not in text, (who, kind)
            assert "Is this report confidential? No" in text.replace("\n", " "), (who, kind)
            assert "Members agreed to write to the minister." in text, (who, kind)


@pytest.mark.parametrize("made_confidential", ["item", "paper"])
def test_an_item_made_confidential_later_leaves_the_public_copy_of_sent_versions(
    sent, signed_in, anonymous, made_confidential
):
    public_before = copies(anonymous, 1)
    assert all("Police funding" in text for text in public_before.values())
    other = sent.other
    if made_confidential == "item":
        other.is_confidential = True
        other.confidential_reason = "Legal advice"
        other.save()
    else:
        f.PaperFactory(agenda_item=other, is_confidential=True)

    for who, client in (("public", anonymous), ("other board", signed_in(sent.world.outsider))):
        for kind, text in copies(client, 1).items():
            assert "Police funding" not in text, (who, kind)
            assert "write to the minister" not in text, (who, kind)
            assert "Councils met the Home Office." in text, (who, kind)
    member = copies(signed_in(sent.world.member), 1)
    for kind, text in member.items():
        assert "Police funding" in text and "write to the minister" in text, kind
        assert text.count(MARKER) >= 2, kind  # the item made confidential is marked too

    version = ReportVersion.objects.get()
    reasons = [h.history_change_reason for h in version.history.all()]
    assert reasons[0] == (
        "Item 7 of the meeting of 8 November 2022 was made confidential: taken out of the "
        "public copy."
    )
    page = plain(signed_in(sent.world.officer).get(REPORT).content.decode())
    assert "Item 7 of the meeting of 8 November 2022 was made confidential" in page
    assert "was made confidential" not in plain(anonymous.get(REPORT).content.decode())


def test_links_to_an_item_made_confidential_go_and_paragraphs_are_numbered_again(sent, anonymous):
    version = ReportVersion.objects.get()
    numbers_before = [p["number"] for p in paragraphs(version.public_content)]
    reported = sent.reported
    reported.is_confidential = True
    reported.save()
    version.refresh_from_db()
    for kind, text in copies(anonymous, 1).items():
        assert "Prevent duty update" not in text, kind
        assert "Councils met the Home Office." in text, kind  # the activity's own update stays
    numbers = [p["number"] for p in paragraphs(version.public_content)]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) == len(numbers_before)  # a link went, not a paragraph
    members = [r["label"] for p in paragraphs(version.content) for r in p.get("references", [])]
    assert any("Prevent duty update" in label for label in members)


def test_an_open_item_saved_again_changes_no_version(sent, anonymous):
    other = sent.other
    other.title = "Police funding settlement"
    other.save()
    version = ReportVersion.objects.get()
    assert version.history.count() == 1
    assert "Police funding:" in plain(anonymous.get(REPORT).content.decode())


def paragraphs(content: dict) -> list[dict]:
    return list(all_paragraphs(content))
