"""Board members review a version sent to the board: comments on a paragraph (a question or
a suggested change), the officers' replies and resolutions, seen only by the board's members
and staff; and "changes since the version you read", paragraph by paragraph."""

import pytest

from reports.models import ReviewComment

from . import factories as f
from .reading import plain
from .test_end_of_year_report import REPORT, goes_to, manage

pytestmark = pytest.mark.django_db


def deleted(words: str) -> str:
    """Words taken out, as the changes page marks them (and says so to screen readers)."""
    return f'<del class="app-deleted"><span class="govuk-visually-hidden">taken out: </span>{words}</del>'


def inserted(words: str) -> str:
    return f'<ins class="app-inserted"><span class="govuk-visually-hidden">put in: </span>{words}</ins>'


QUESTION = "Which councils took part in the webinars?"


@pytest.fixture
def sent(world, signed_in):
    """Version 1 of the world's report, sent by its officer: paragraph 1 is the background,
    and the activity's update is a later paragraph."""
    f.ProgressUpdateFactory(activity=world.activity, text="Held two webinars for councils.")
    goes_to(world.programme)
    officer = signed_in(world.officer)
    assert officer.post(manage(world.programme, "publish/")).url == REPORT
    return world


def paragraph_url(number: int, version: int = 1) -> str:
    return f"{REPORT}versions/{version}/paragraphs/{number}/"


def comment(client, number: int = 1, text: str = QUESTION, kind: str = "question"):
    return client.post(paragraph_url(number), {"kind": kind, "text": text})


class TestComments:
    def test_a_member_comments_and_sees_it_by_its_paragraph(self, sent, signed_in):
        member = signed_in(sent.member)
        response = comment(member)
        assert response.status_code == 302 and response.url == paragraph_url(1)
        (saved,) = ReviewComment.objects.all()
        assert (saved.paragraph, saved.kind, saved.author) == ("1", "question", sent.member)
        page = plain(member.get(paragraph_url(1)).content.decode())
        assert f"Question from {sent.member.username}" in page and QUESTION in page
        assert "Open" in page
        report = plain(member.get(REPORT).content.decode())
        assert "1 comment, 1 open, on paragraph 1" in report
        assert "Comment on paragraph 2" in report

    def test_an_empty_comment_is_refused_naming_the_fields(self, sent, signed_in):
        response = signed_in(sent.member).post(paragraph_url(1), {"text": ""})
        assert response.status_code == 400
        page = plain(response.content.decode())
        assert "There is a problem" in page
        assert "Select whether this is a question or a suggested change" in page
        assert 'href="#id_kind_0"' in response.content.decode()  # the first radio
        assert "Enter your comment" in page
        assert not ReviewComment.objects.exists()

    def test_a_paragraph_that_is_not_in_the_version_is_not_found(self, sent, signed_in):
        assert signed_in(sent.member).get(paragraph_url(999)).status_code == 404

    @pytest.mark.parametrize(
        "who, status",
        [
            ("member of the board", 302),
            ("officer of the board", 403),
            ("clerk of the board", 403),
            ("member of another board", 404),
            ("officer of another board", 404),
        ],
    )
    def test_only_the_boards_members_comment(self, sent, signed_in, who, status):
        assert comment(signed_in(sent.users[who])).status_code == status
        assert ReviewComment.objects.count() == (status == 302)

    def test_anonymous_visitors_are_sent_to_sign_in(self, sent, anonymous):
        for response in (anonymous.get(paragraph_url(1)), comment(anonymous)):
            assert response.status_code == 302
            assert response.url.startswith("/accounts/login/")
        assert not ReviewComment.objects.exists()


class TestReplies:
    @pytest.fixture
    def question(self, sent, signed_in):
        comment(signed_in(sent.member))
        return ReviewComment.objects.get()

    def test_the_officer_replies_and_resolves(self, sent, signed_in, question):
        officer = signed_in(sent.officer)
        page = plain(officer.get(paragraph_url(1)).content.decode())
        assert QUESTION in page and "Reply to this question" in page
        reply = officer.post(
            f"/manage/report-comments/{question.pk}/reply/", {"text": "Forty councils."}
        )
        assert reply.status_code == 302 and reply.url == paragraph_url(1)
        resolve = officer.post(f"/manage/report-comments/{question.pk}/resolve/")
        assert resolve.status_code == 302
        question.refresh_from_db()
        assert question.resolved_by == sent.officer and question.resolved_at
        member_page = plain(signed_in(sent.member).get(paragraph_url(1)).content.decode())
        assert "Forty councils." in member_page and "Resolved" in member_page
        assert "Marked resolved by" in member_page
        report = plain(signed_in(sent.member).get(REPORT).content.decode())
        assert "1 comment, 0 open, on paragraph 1" in report
        # Kept with the report's history: created, then resolved.
        assert question.history.count() == 2

    @pytest.mark.parametrize(
        "who, status",
        [
            ("officer of the board", 302),
            ("administrator", 302),
            ("member of the board", 403),
            ("clerk of the board", 403),
            ("officer of another board", 404),
        ],
    )
    def test_only_the_boards_officers_reply_and_resolve(
        self, sent, signed_in, question, who, status
    ):
        client = signed_in(sent.users[who])
        assert (
            client.post(
                f"/manage/report-comments/{question.pk}/reply/", {"text": "Answer."}
            ).status_code
            == status
        )
        assert client.post(f"/manage/report-comments/{question.pk}/resolve/").status_code == status
        question.refresh_from_db()
        assert bool(question.resolved_at) == (status == 302)
        assert ReviewComment.objects.filter(kind="reply").count() == (status == 302)

    def test_comments_reach_neither_the_public_nor_other_boards_nor_paper(
        self, sent, signed_in, anonymous, question
    ):
        outsider = signed_in(sent.outsider)
        for client in (anonymous, outsider):
            page = client.get(REPORT).content.decode()
            assert QUESTION not in page and "Comment on paragraph" not in page
            assert "comments" not in plain(page)
            assert outsider.get(paragraph_url(1)).status_code == 404
        member = signed_in(sent.member)
        for kind in ("print/", "docx/", "pdf/"):
            body = member.get(f"{REPORT}versions/1/{kind}").content
            assert QUESTION.encode() not in body and b"Comment on paragraph" not in body


class TestChangesSince:
    def test_paragraph_by_paragraph_since_the_version_read(self, sent, signed_in, anonymous):
        update = sent.activity.updates.get()
        update.text = "Held three webinars for sixty councils."
        update.save()
        assert signed_in(sent.officer).post(manage(sent.programme, "publish/")).url == REPORT
        report = plain(signed_in(sent.member).get(REPORT).content.decode())
        # The member never opened version 1: the changes offered are since the one before.
        assert "Changes since version 1 (paragraph by paragraph" in report
        for client in (signed_in(sent.member), anonymous):
            response = client.get(f"{REPORT}versions/2/changes/")
            assert response.status_code == 200
            html = response.content.decode()
            assert "Changes in version 2 since version 1" in plain(html)
            assert "Community safety: paragraph" in plain(html)
            assert deleted("two") in html
            assert inserted("three") in html
            assert inserted("sixty") in html
            # The background did not change, so it is not listed.
            assert "Background:" not in plain(html)

    def test_each_reader_compares_with_the_last_version_they_opened(self, sent, signed_in):
        member, officer = signed_in(sent.member), signed_in(sent.officer)
        member.get(REPORT)  # the member reads version 1
        update = sent.activity.updates.get()
        for words in ("three webinars", "four webinars"):
            update.text = f"Held {words} for councils."
            update.save()
            officer.post(manage(sent.programme, "publish/"))
        report = plain(member.get(REPORT).content.decode())
        assert "Changes since the version you read (paragraph by paragraph, since version 1" in (
            report
        )
        changes = member.get(f"{REPORT}versions/3/changes/").content.decode()
        assert "Changes in version 3 since version 1" in plain(changes)
        assert deleted("two") in changes
        # Someone who opened version 2 compares with version 2.
        clerk = signed_in(sent.clerk)
        clerk.get(f"{REPORT}versions/2/")
        changes = plain(clerk.get(f"{REPORT}versions/3/changes/").content.decode())
        assert "Changes in version 3 since version 2" in changes
        # The board's staff see who has opened which version.
        page = plain(officer.get(REPORT).content.decode())
        assert "Who has opened which version" in page
        assert f"3 {sent.member.username}" in page and f"1 {sent.member.username}" in page
        assert f"2 {sent.clerk.username}" in page
        assert "Who has opened which version" not in report
        # And on the board's page, for its staff only.
        board_page = plain(officer.get("/boards/sscb/").content.decode())
        assert f"2022/23 report, version 1: {sent.member.username}" in board_page
        assert f"2022/23 report, version 2: {sent.clerk.username}" in board_page
        assert "Who has opened" not in plain(member.get("/boards/sscb/").content.decode())

    def test_no_changes_and_bad_pairs(self, sent, signed_in, anonymous):
        assert signed_in(sent.officer).post(manage(sent.programme, "publish/")).url == REPORT
        page = plain(anonymous.get(f"{REPORT}versions/2/changes/").content.decode())
        assert "No paragraph changed between these versions." in page
        for url in (
            "versions/1/changes/",
            "versions/2/changes/?since=2",
            "versions/2/changes/?since=x",
        ):
            assert anonymous.get(f"{REPORT}{url}").status_code == 404, url


def test_administrators_read_comments_and_version_history_in_admin(sent, signed_in):
    comment(signed_in(sent.member))
    admin = signed_in(sent.administrator)
    version = sent.programme.end_of_year_report.versions.get()
    for url in (
        "/admin/reports/reviewcomment/",
        f"/admin/reports/reviewcomment/{ReviewComment.objects.get().pk}/history/",
        f"/admin/reports/reportversion/{version.pk}/history/",
        f"/admin/reports/endofyearreport/{version.report_id}/change/",
    ):
        assert admin.get(url).status_code == 200, url
    assert (
        "Question on paragraph 1 of" in admin.get("/admin/reports/reviewcomment/").content.decode()
    )
