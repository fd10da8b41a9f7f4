"""The review page fixes the structure of imported notes: a clerk splits an item at a
paragraph, merges an item into the one before, and marks a paragraph as a decision, an action
or attendance, with plain buttons; the page counts the corrections the document needed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import BoardRole
from imports.corrections import paragraph_key, paragraphs
from imports.models import ImportedDocument
from imports.services import Options, accept, import_file
from meetings.models import Meeting

from . import factories as f
from .import_samples import make_board

pytestmark = pytest.mark.django_db

# Item 1 runs on into a second subject whose heading the importer cannot tell from text;
# item 3 is the second half of item 2, cut off by a page break in the original.
MINUTES = """Minutes of the Safer and Stronger Communities Board
Thursday 3 March 2022

Present: Cllr Anne Bee, Cllr Colin Dee

1 Finance

The treasurer presented the accounts for the year.

Village grants

The board discussed the grants it gives each spring and how groups apply for them.

The board kept the grants at the same level as this year.

2 Community safety

The police sergeant described the work on speeding in the villages.

Apologies were received from Cllr Eve Fox and Cllr Gus Hill.

3 Community safety (continued)

Members asked for the speed checks to be reported each quarter.

It fell to Cllr Anne Bee to report the speed checks at each meeting.
"""


@pytest.fixture
def board():
    return make_board()


@pytest.fixture
def clerk(client, board):
    user = f.UserFactory()
    f.BoardRoleFactory(user=user, board=board, role=BoardRole.Role.CLERK)
    client.force_login(user)
    return user


@pytest.fixture
def draft(board):
    document, _ = import_file(board, "minutes-2022-03-03.txt", MINUTES.encode(), Options())
    return document


def url(document) -> str:
    return reverse("imports:structure", kwargs={"pk": document.pk})


def item(document, number: str) -> dict:
    return next(i for i in document.parsed["item"] if i["number"] == number)


def button(document, number: str, text: str, change: str) -> dict:
    """What the paragraph's button posts, as the page shows it."""
    parts = paragraphs(item(document, number))
    index = next(i for i, p in enumerate(parts) if text in p)
    key = paragraph_key(parts[index])
    return {"change": change, "item": number, "paragraph": str(index), "key": key}


def test_the_page_offers_each_change_as_a_plain_form(client, clerk, draft):
    page = client.get(draft.get_absolute_url()).content.decode()
    forms = re.findall(r'<form method="post" action="([^"]+)">', page)
    items = draft.parsed["item"]
    # A form a paragraph, and one a merge for every item but the first.
    assert forms.count(url(draft)) == sum(len(paragraphs(i)) for i in items) + len(items) - 1
    assert "No corrections" in page
    assert 'value="split"' in page and 'value="merge"' in page
    assert '>Decision<span class="govuk-visually-hidden">: mark paragraph 3 of item 1' in page
    # The first paragraph starts the item: nothing to split there.
    first = page.split('id="item-1-paragraph-1"', 1)[1].split("</li>", 1)[0]
    assert 'value="split"' not in first
    # The first item has no item before it.
    card = page.split('id="item-1"', 1)[1].split('id="item-1-paragraph-1"', 1)[0]
    assert 'value="merge"' not in card


def test_splitting_an_item_at_a_heading_read_as_text(client, clerk, draft):
    response = client.post(url(draft), button(draft, "1", "Village grants", "split"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [(i["number"], i["title"]) for i in draft.parsed["item"]][:2] == [
        ("1", "Finance"),
        ("1a", "Village grants"),
    ]
    assert paragraphs(item(draft, "1")) == ["The treasurer presented the accounts for the year."]
    assert paragraphs(item(draft, "1a"))[0].startswith("The board discussed the grants")
    assert item(draft, "1a")["line"] == 10
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Item 1 has been split: its second part is item 1a." in page
    assert "1 correction<" in page


def test_splitting_at_a_sentence_titles_the_new_item_with_it(client, clerk, draft):
    client.post(url(draft), button(draft, "1", "The board discussed", "split"))
    draft.refresh_from_db()
    new = item(draft, "1a")
    assert new["title"].startswith("The board discussed the grants")
    assert paragraphs(new)[0].startswith("The board discussed the grants")


def test_merging_an_item_into_the_one_before(client, clerk, draft):
    client.post(url(draft), button(draft, "1", "Village grants", "split"))
    response = client.post(url(draft), {"change": "merge", "item": "3"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [i["number"] for i in draft.parsed["item"]] == ["1", "1a", "2"]
    merged = paragraphs(item(draft, "2"))
    assert merged[-3:] == [
        "Community safety (continued)",
        "Members asked for the speed checks to be reported each quarter.",
        "It fell to Cllr Anne Bee to report the speed checks at each meeting.",
    ]
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Item 3 has been merged into item 2." in page
    assert "2 corrections<" in page


def test_marking_paragraphs_as_a_decision_an_action_and_attendance(client, board, clerk, draft):
    client.post(url(draft), button(draft, "1", "kept the grants", "decision"))
    client.post(url(draft), button(draft, "3", "It fell to", "action"))
    client.post(url(draft), button(draft, "2", "Apologies were received", "attendance"))
    draft.refresh_from_db()
    assert draft.corrections == 3
    assert (
        "The board kept the grants at the same level as this year." in item(draft, "1")["decisions"]
    )
    assert not any("kept the grants" in p for p in paragraphs(item(draft, "1")))
    action = item(draft, "3")["actions"][-1]
    assert action["text"].startswith("It fell to Cllr Anne Bee")
    assert action["owner"] == "Anne Bee"
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "3 corrections<" in page
    accept(draft)
    meeting = Meeting.objects.get(board=board)
    kinds = dict(meeting.attendance.values_list("person__name", "status"))
    assert kinds["Eve Fox"] == kinds["Gus Hill"] == "apologies"
    first = meeting.items.get(number="1")
    assert "The board kept the grants at the same level as this year." in [
        d.text for d in first.decisions.all()
    ]
    owned = meeting.items.get(number="3").actions.filter(owner__name="Anne Bee")
    assert owned.exists()


def test_a_paragraph_naming_nobody_is_not_attendance(client, clerk, draft):
    response = client.post(url(draft), button(draft, "1", "treasurer presented", "attendance"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.corrections == 0
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "No names were found in the paragraph" in page


def test_a_page_shown_before_another_change_changes_nothing(client, clerk, draft):
    stale = button(draft, "1", "kept the grants", "decision")
    client.post(url(draft), button(draft, "1", "Village grants", "split"))
    draft.refresh_from_db()
    before = draft.parsed
    response = client.post(url(draft), stale)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.parsed == before and draft.corrections == 1
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "The draft has changed since the page was shown" in page


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"change": "explode", "item": "1"},
        {"change": "split", "item": "1"},
        {"change": "split", "item": "1", "paragraph": "x", "key": "abc"},
        {"change": "split", "item": "1", "paragraph": "-1", "key": "abc"},
        {"change": "split", "item": "1", "paragraph": "99", "key": "abc"},
        {"change": "decision", "item": "9", "paragraph": "0", "key": "abc"},
        {"change": "merge", "item": "1"},
        {"change": "merge", "item": "9"},
        {"change": "split", "item": "1", "paragraph": "0", "key": "abc"},
    ],
)
def test_bad_requests_change_nothing_and_say_so(client, clerk, draft, posted):
    response = client.post(url(draft), posted)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.corrections == 0
    messages = client.get(draft.get_absolute_url()).content.decode()
    assert (
        "Nothing was changed" in messages
        or "The draft has changed" in messages
        or ("The first item has no item before it" in messages)
    )


def test_splitting_at_the_first_paragraph_is_refused(client, clerk, draft):
    client.post(url(draft), button(draft, "1", "treasurer presented", "split"))
    draft.refresh_from_db()
    assert draft.corrections == 0
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "An item cannot be split at its first paragraph" in page


def test_an_accepted_document_is_not_changed(client, clerk, draft):
    posted = button(draft, "1", "Village grants", "split")
    accept(draft)
    client.post(url(draft), posted)
    draft.refresh_from_db()
    assert draft.status == ImportedDocument.Status.ACCEPTED and draft.corrections == 0
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Only a draft of notes can be corrected" in page
    assert 'value="split"' not in page


def test_the_correction_form_counts_each_field_changed(client, clerk, draft):
    from imports.forms import CorrectionForm

    form = CorrectionForm(draft.parsed)
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if name == "date":
            data.update(date_day=value.day, date_month=value.month, date_year=value.year)
        else:
            data[name] = value
    data["item_0_title"] = "Finance and accounts"
    data["item_1_title"] = "Safer villages"
    response = client.post(reverse("imports:correct", kwargs={"pk": draft.pk}), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.corrections == 2


def test_only_the_boards_clerks_and_officers_may_change_it(client, board, draft):
    member = f.UserFactory()
    f.BoardRoleFactory(user=member, board=board, role=BoardRole.Role.BOARD_MEMBER)
    client.force_login(member)
    assert client.post(url(draft), {"change": "merge", "item": "2"}).status_code == 403
    client.logout()
    assert client.post(url(draft), {"change": "merge", "item": "2"}).status_code == 302
    draft.refresh_from_db()
    assert draft.corrections == 0


def test_a_change_costs_the_same_queries_however_long_the_document(
    client, board, clerk, draft, django_assert_num_queries
):
    # A stale change: session, user with roles, the document with its board, the document
    # locked in a savepoint and released, the message kept in the session.
    with django_assert_num_queries(7):
        client.post(url(draft), {"change": "merge", "item": "9"})
    # session, user with roles, the document with its board
    with django_assert_num_queries(3):
        assert client.get(draft.get_absolute_url()).status_code == 200
    # A change made costs the same however many paragraphs the item holds: the trial saves
    # each record once, whatever the text.
    counts = []
    for extra in (0, 40):
        text = MINUTES + "\nA further point was made.\n" * extra
        document, _ = import_file(board, f"minutes-{extra}.txt", text.encode(), Options())
        with CaptureQueriesContext(connection) as captured:
            client.post(url(document), {"change": "merge", "item": "3"})
        document.refresh_from_db()
        assert document.corrections == 1
        counts.append(len(captured))
    assert counts == [87, 87]
