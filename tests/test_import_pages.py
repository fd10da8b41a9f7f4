"""Issue 7: the upload, review, accept and discard pages, and who may use them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.models import BoardRole
from imports.models import ImportedDocument
from imports.services import Options, accept, import_file
from meetings.models import Meeting

from . import factories as f
from .import_samples import NOTES_2018, NOTES_2021, UPDATE, make_board, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board()


def user_with(role: str | None, board_):
    user = f.UserFactory()
    if role:
        f.BoardRoleFactory(user=user, board=board_, role=role)
    return user


@pytest.fixture
def draft(board):
    document, _ = import_file(board, *sample(NOTES_2021), Options())
    return document


def pages(document) -> list[tuple[str, str]]:
    return [
        ("get", reverse("imports:upload", kwargs={"board_slug": document.board.slug})),
        ("get", reverse("imports:review", kwargs={"pk": document.pk})),
        ("get", reverse("imports:correct", kwargs={"pk": document.pk})),
        ("post", reverse("imports:correct", kwargs={"pk": document.pk})),
        ("post", reverse("imports:accept", kwargs={"pk": document.pk})),
        ("post", reverse("imports:discard", kwargs={"pk": document.pk})),
    ]


@pytest.mark.parametrize("role", [BoardRole.Role.CLERK, BoardRole.Role.POLICY_OFFICER])
@pytest.mark.parametrize("page", range(6))
def test_clerks_and_officers_of_the_board_may_import(client, draft, role, page):
    client.force_login(user_with(role, draft.board))
    method, url = pages(draft)[page]
    response = getattr(client, method)(url)
    # An empty correction is refused by the form (400), past the access check.
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize("page", range(6))
def test_a_board_member_gets_403(client, draft, page):
    client.force_login(user_with(BoardRole.Role.BOARD_MEMBER, draft.board))
    method, url = pages(draft)[page]
    assert getattr(client, method)(url).status_code == 403
    assert ImportedDocument.objects.get().status == "draft"


@pytest.mark.parametrize("page", range(6))
def test_the_clerk_of_another_board_gets_404(client, draft, page):
    client.force_login(user_with(BoardRole.Role.CLERK, f.BoardFactory()))
    method, url = pages(draft)[page]
    assert getattr(client, method)(url).status_code == 404
    assert ImportedDocument.objects.get().status == "draft"


@pytest.mark.parametrize("page", range(6))
def test_anonymous_visitors_are_sent_to_sign_in(client, draft, page):
    method, url = pages(draft)[page]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert ImportedDocument.objects.get().status == "draft"


@pytest.fixture
def clerk(client, board):
    user = user_with(BoardRole.Role.CLERK, board)
    client.force_login(user)
    return user


def upload_url(board_) -> str:
    return reverse("imports:upload", kwargs={"board_slug": board_.slug})


def test_uploading_notes_makes_a_draft_to_review(client, board, clerk):
    name, content = sample(NOTES_2021, "docx")
    response = client.post(upload_url(board), {"document": SimpleUploadedFile(name, content)})
    document = ImportedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert (document.uploaded_by, document.status, document.kind) == (clerk, "draft", "notes")
    assert not Meeting.objects.exists()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Jeanie Bell" in page and "Building Safety Funding" in page
    assert "New</strong>" in page  # people the database does not know are flagged
    assert 'id="line-175"' in page  # the source, line by line, to check against


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a file"),
        (SimpleUploadedFile("notes.xlsx", b"spreadsheet"), "must be a Word document, web page"),
        (SimpleUploadedFile("empty.txt", b""), "The selected file is empty"),
        (SimpleUploadedFile("notes.txt", b"Hello\nWorld\n"), "could not tell what kind"),
    ],
)
def test_upload_errors_are_shown_next_to_the_file_field(client, board, clerk, upload, message):
    data = {"document": upload} if upload else {}
    response = client.post(upload_url(board), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_document_error"' in page
    error = page.split('id="id_document_error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert 'href="#id_document"' in page  # the error summary links to the field
    assert not ImportedDocument.objects.exists()


def test_files_over_the_size_limit_are_refused(client, board, clerk, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    name, content = sample(NOTES_2021)
    response = client.post(upload_url(board), {"document": SimpleUploadedFile(name, content)})
    assert "The selected file must be smaller than 1KB" in response.content.decode()
    assert not ImportedDocument.objects.exists()


def test_a_paper_without_its_meeting_date_can_be_given_one(client, board, clerk):
    name, content = sample(UPDATE)
    data = {
        "document": SimpleUploadedFile(name, content),
        "meeting_date_day": "19",
        "meeting_date_month": "11",
        "meeting_date_year": "2020",
        "item_number": "4",
    }
    response = client.post(upload_url(board), data)
    assert response.status_code == 302
    assert ImportedDocument.objects.get().parsed["item"][1]["number"] == "4.a"


def test_accepting_creates_draft_records_once(client, board, clerk, draft):
    url = reverse("imports:accept", kwargs={"pk": draft.pk})
    client.post(url)
    meeting = Meeting.objects.get(date=datetime.date(2021, 11, 9))
    assert meeting.notes_status == "draft"
    assert meeting.history.first().history_user == clerk
    response = client.post(url, follow=True)
    assert "already accepted" in response.content.decode()
    assert meeting.items.count() == 9
    page = client.get(draft.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page


def test_discarding_and_uploading_again_reads_the_file_afresh(client, board, clerk, draft):
    client.post(reverse("imports:discard", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == "discarded"
    name, content = sample(NOTES_2021)
    client.post(upload_url(board), {"document": SimpleUploadedFile(name, content)})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert ImportedDocument.objects.count() == 1


def test_the_review_page_costs_the_same_queries_for_any_document(
    client,
    board,
    clerk,
    django_assert_num_queries,
):
    small, _ = import_file(board, *sample(NOTES_2021), Options())
    large, _ = import_file(board, *sample(NOTES_2018), Options())
    # session, user with their roles, the document with its board and uploader
    for document in (small, large):
        with django_assert_num_queries(3):
            assert client.get(document.get_absolute_url()).status_code == 200


DOUBTFUL_MINUTES = """Minutes of the Safer and Stronger Communities Board
Thursday 3rd March
Present: Cllr Anne Bee, Cllr Colin Dee
1 Finance
RESOLVED: To pay the invoices.
ACTION XY – Pay the invoices by 31 March.
"""


def test_the_review_page_shows_where_each_record_came_from_and_marks_doubtful_ones(
    client, board, clerk
):
    document, _ = import_file(board, "minutes-2022-03-03.txt", DOUBTFUL_MINUTES.encode(), Options())
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Thursday 3 March 2022" in page
    assert "The year 2022 was taken from the file" in page
    decision = page.split("To pay the invoices.", 1)[1].split("</li>", 1)[0]
    assert 'href="#line-5">line 5' in decision
    action = page.split("Pay the invoices (", 1)[1].split("</li>", 1)[0]
    assert "due 2022-03-31" in action
    assert "No one at the meeting has the initials “XY”" in action
    assert 'href="#line-6">line 6' in action
    present = page.split(">Present</h4>", 1)[1]
    attendee = present.split("Cllr Colin Dee", 1)[1].split("</li>", 1)[0]
    assert 'href="#line-3">line 3' in attendee


def correct_url(document) -> str:
    return reverse("imports:correct", kwargs={"pk": document.pk})


CORRECTIONS = {
    "date_day": "4",
    "date_month": "3",
    "date_year": "2022",
    "item_0_number": "2",
    "item_0_title": "Finance and budget",
    "item_0_decisions": "To pay the invoices.\nTo set the budget.",
    "item_0_action_0_text": "Pay the invoices",
    "item_0_action_0_owner": "Colin Dee",
    "attendance_0": "present",
    "attendance_1": "apologies",
}


def test_a_clerk_corrects_what_was_read_before_accepting(client, board, clerk):
    document, _ = import_file(board, "minutes-2022-03-03.txt", DOUBTFUL_MINUTES.encode(), Options())
    review = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{correct_url(document)}"' in review
    form = client.get(correct_url(document)).content.decode()
    assert 'value="Finance"' in form and 'value="XY"' in form
    response = client.post(correct_url(document), CORRECTIONS)
    assert response.status_code == 302
    document.refresh_from_db()
    accept(document)
    meeting = Meeting.objects.get(board=board)
    assert meeting.date == datetime.date(2022, 3, 4)
    item = meeting.items.get()
    assert (item.number, item.title) == ("2", "Finance and budget")
    assert [d.text for d in item.decisions.all()] == ["To pay the invoices.", "To set the budget."]
    action = item.actions.get()
    assert (action.text, action.owner.name, action.due_date) == (
        "Pay the invoices",
        "Colin Dee",
        datetime.date(2022, 3, 31),
    )
    kinds = dict(meeting.attendance.values_list("person__name", "status"))
    assert kinds == {"Anne Bee": "present", "Colin Dee": "apologies"}


def test_corrections_that_would_not_save_are_refused_with_a_400(client, board, clerk):
    two_items = DOUBTFUL_MINUTES + "2 Any other business\nNone.\n"
    document, _ = import_file(board, "minutes-2022-03-03.txt", two_items.encode(), Options())
    data = {**CORRECTIONS, "item_1_number": "2", "item_1_title": "Other", "item_1_decisions": ""}
    response = client.post(correct_url(document), data)
    assert response.status_code == 400
    assert "Item number 2 is used twice" in response.content.decode()
    document.refresh_from_db()
    assert document.parsed["item"][0]["title"] == "Finance"


def test_only_a_draft_can_be_corrected(client, board, clerk):
    document, _ = import_file(board, "minutes-2022-03-03.txt", DOUBTFUL_MINUTES.encode(), Options())
    accept(document)
    assert client.get(correct_url(document)).status_code == 404


def test_the_review_page_tags_an_item_the_importer_is_unsure_of(client, board, clerk):
    """Minutes with neither numbers nor headings are read as one item, tagged to be divided."""
    minutes = (
        "Minutes of the meeting held on 3 March 2022\n\n"
        "Present: Cllr Colin Dee\n\n"
        "The group talked about the new play area and the hedges on the green, and what the "
        "contractor had said about both.\n"
    )
    document, _ = import_file(board, "minutes.txt", minutes.encode(), Options())
    page = client.get(document.get_absolute_url()).content.decode()
    card = page.split('class="govuk-summary-card__title"', 1)[1].split("</p>", 1)[0]
    assert '<strong class="govuk-tag govuk-tag--yellow">Check</strong>' in card
    assert "The minutes have no items the importer could find" in card
