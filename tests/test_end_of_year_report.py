"""The end-of-year report reads like the board's own 2022/23 paper; officers rewrite, regenerate
and publish frozen versions; who sees what; query counts. Exports: test_report_exports.py."""

import datetime
import re
import subprocess
from io import BytesIO
from types import SimpleNamespace

import docx
import pytest
from django.test import Client

from boards.models import Board
from reports.models import ActivityParagraph, ReportVersion
from seed_data.demo import DemoLoader
from workplan.models import Activity, ProgressUpdate, WorkProgramme

from . import factories as f
from .reading import plain

pytestmark = pytest.mark.django_db

REPORT = "/boards/sscb/2022-23/report/"
DRAFT = f"{REPORT}draft/"
GUIDE = "Publish updated council guidance and maturity matrix"
BILL = "Influence the development of the Modern Slavery Bill"
THEMES = [
    "Counter-terrorism, counter-extremism and cohesion",
    "Community safety",
    "Blue light services and civil resilience",
    "Licensing and regulation",
    "Crematoria, coroners and registrars",
    "Voluntary and community sector",
]
MARK = "ZQXMARKER"  # in every confidential or draft-notes field of the `secrets` fixture


def section(html: str, heading: str) -> str:
    """The HTML of the report section with this heading."""
    found = re.search(rf">{re.escape(heading)}</h2>(.*?)</section>", html, flags=re.S)
    assert found, heading
    return found.group(1)


def numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="app-report-number">(\d+)\.</span>', html)]


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def every_copy(client: Client, number: int) -> dict[str, str]:
    """The text of a version's page, Word document and PDF as this client gets them."""
    page, word, pdf = (client.get(f"{REPORT}versions/{number}/{k}") for k in ("", "docx/", "pdf/"))
    assert page.status_code == word.status_code == pdf.status_code == 200
    texts = plain(page.content.decode()), docx_text(word.content), pdf_text(pdf.content)
    return dict(zip(("page", "docx", "pdf"), texts, strict=True))


def manage(programme, rest: str) -> str:
    """An officer's address for the programme's report, e.g. manage(programme, "publish/")."""
    return f"/manage/programmes/{programme.pk}/report/{rest}"


@pytest.fixture
def demo(signed_in):
    DemoLoader().load()
    board = Board.objects.get(slug="sscb")
    return SimpleNamespace(
        board=board,
        programme=WorkProgramme.objects.get(board=board, year__start_year=2022),
        officer=signed_in(f.BoardRoleFactory(board=board, role="policy_officer").user),
        guide=Activity.objects.get(title__startswith=GUIDE),
    )


@pytest.fixture(scope="module")
def rendered() -> dict:
    return {}


@pytest.fixture
def draft(rendered, request):
    """The demo's draft as its officer sees it. The demo data is the same for every test, so
    the page is rendered once for the module."""
    if "draft" not in rendered:
        response = request.getfixturevalue("demo").officer.get(DRAFT)
        assert response.status_code == 200
        rendered["draft"] = response.content.decode()
    return rendered["draft"]


class TestTheDraftReadsLikeTheBoardsPaper:
    def test_background_lists_the_themes_as_numbered_sub_paragraphs(self, draft):
        text = plain(section(draft, "Background"))
        themes = " ".join(f"1.{i} {theme}" for i, theme in enumerate(THEMES, 1))
        assert text.startswith(
            f"1. The Board considered its priorities for 2022/23 and agreed six overarching themes: {themes} 2. "
        )
        assert "seeks an initial steer from the Board on its priorities for 2023/24." in text

    def test_key_work_has_a_heading_and_numbered_paragraphs_per_theme(self, draft):
        key_work = section(draft, "Summary of key issues and work")
        # The themes, then the area of work the report writes of its own (the paper's
        # Building safety section, paragraphs 54 to 57).
        assert re.findall(r'<h3 class="govuk-heading-m">(.*?)</h3>', key_work) == [
            *THEMES,
            "Building safety",
        ]
        text = plain(key_work)
        assert re.search(
            r"Community safety \d+\. We have published our updated council guide", text
        )
        assert "from 2018), supported by a maturity matrix designed to assist councils" in text
        assert re.search(r"\d+\. We have established a Council Modern Slavery Network\.", text)
        assert "Status: Complete." in text

    def test_the_candidate_projects_are_left_out_as_the_paper_leaves_them(self, draft):
        # The six candidate research projects of the 23 March paper have no paragraph in the
        # board's report: the demo leaves them out, and the draft lists them to put back.
        link = '<a class="govuk-link" href="/boards/sscb/meetings/2023-03-23/#item-1">'
        assert draft.count(link) == 0
        left_out = plain(draft.split("left out of the report</span>")[1].split("</details>")[0])
        assert "Cohesion impact of court case Put back" in left_out
        assert "Police capacity and impact Put back" in left_out

    def test_not_progressed_has_the_modern_slavery_bill_with_its_reason(self, draft):
        text = plain(section(draft, "Not progressed and carried forward"))
        reason = "Anticipated work around an expected Modern Slavery Bill and new modern slavery"
        # The paper's own words (paragraph 7), not a fragment made of the activity's title.
        assert re.search(rf"\d+\. {reason}", text)
        assert "(not progressed)" not in text
        assert "Status: Not progressed." in text

    def test_proposals_table_lists_next_years_themes_and_activities(self, draft):
        html = section(draft, "Proposed areas of focus for 2023/24")
        # The paper's own introduction (paragraph 60), written in the report's own sections.
        assert "proposed areas of work for 2023/24. This includes work projects" in plain(html)
        header = re.findall(r'<th scope="col" class="govuk-table__header">(.*?)</th>', html)
        assert header == ["Priority area", "Proposed activity"]
        areas = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>', html)
        assert areas == [*THEMES[:4], "Building safety", *THEMES[4:]]
        text = plain(html)
        assert "Licensing and regulation Continue to lobby around the need to localise" in text
        assert "Update the LGA’s existing guidance on licence fees." in text

    def test_financial_implications_add_the_budget_from_the_programme(self, draft):
        text = plain(section(draft, "Financial implications"))
        assert "The LGA’s financial year runs from April – March" in text
        budget = "policy budget for the 2023/24 financial year is £80,000, of which £75,000 is"
        assert re.search(
            rf"\d+\. The Board's {budget} allocated to activities and £5,000 remains", text
        )

    def test_figures_table_and_chart(self, draft):
        figures = section(draft, "Figures: activities by status")
        assert '<svg class="app-chart" role="img"' in figures
        assert figures.count("<rect ") >= 6
        table = plain(figures[figures.index("<table") :])
        statuses = "Proposed Agreed In progress Complete Not progressed Carried forward"
        assert f"Theme {statuses} Total" in table
        assert "Community safety 3 3 6 1 1 2 16" in table

    def test_paragraph_numbers_run_through_the_whole_report(self, draft):
        found = numbers(draft)
        assert found == list(range(1, len(found) + 1))
        assert len(found) > 50
        subitems = re.findall(r'class="app-report-number">(1\.\d)</span>', draft)
        assert subitems == [f"1.{i}" for i in range(1, 7)]


class TestOfficersEditTheDraft:
    def test_rewriting_a_paragraph_changes_the_report_not_the_updates(self, demo):
        before = list(demo.guide.updates.values_list("text", flat=True))
        url = manage(demo.programme, f"activities/{demo.guide.pk}/")
        form = demo.officer.get(url).content.decode()
        assert "We have published our updated council guide" in form
        wording = "Our own account of the modern slavery guide.\n\nA second paragraph of ours."
        response = demo.officer.post(url, {"text": wording})
        assert response.status_code == 302 and response.url == DRAFT
        html = demo.officer.get(DRAFT).content.decode()
        first, second = (
            int(re.search(rf'number">(\d+)\.</span> {words}', html).group(1))
            for words in ("Our own account of the modern slavery guide.", "A second paragraph")
        )
        assert second == first + 1
        assert '<strong class="govuk-tag govuk-tag--yellow">Edited</strong>' in html
        assert f"{url}regenerate/" in html
        assert "We have published our updated council guide" not in html
        assert list(demo.guide.updates.values_list("text", flat=True)) == before
        activity_page = demo.officer.get(demo.guide.get_absolute_url()).content.decode()
        assert "We have published our updated council guide" in activity_page
        demo.guide.post_update(ProgressUpdate(text="Translated into Welsh.", status="complete"))
        assert "Records changed since" in demo.officer.get(DRAFT).content.decode()

    def test_front_matter_edits_refuse_to_overwrite_each_other(self, demo):
        url = manage(demo.programme, "edit/")
        version = re.search(r'name="version" value="(\d+)"', demo.officer.get(url).content.decode())
        data = {"purpose": "For direction.", "summary": "Ours.", "version": version.group(1)}
        assert demo.officer.post(url, data).url == DRAFT
        assert "Summary Ours." in plain(demo.officer.get(DRAFT).content.decode())
        stale = demo.officer.post(url, {**data, "summary": "Theirs."})
        assert stale.status_code == 409
        assert "Someone else changed this while you were editing" in stale.content.decode()
        # Saving again from the conflict page replaces what was saved meanwhile.
        version = re.search(r'name="version" value="(\d+)"', stale.content.decode()).group(1)
        assert (
            demo.officer.post(url, {**data, "summary": "Theirs.", "version": version}).url == DRAFT
        )
        assert "Summary Theirs." in plain(demo.officer.get(DRAFT).content.decode())

    def test_regenerate_shows_both_texts_and_only_a_post_throws_the_edit_away(self, demo):
        report = f.EndOfYearReportFactory(programme=demo.programme)
        f.ActivityParagraphFactory(report=report, activity=demo.guide, text="Our wording XQZ.")
        url = manage(demo.programme, f"activities/{demo.guide.pk}/regenerate/")
        page = demo.officer.get(url)
        text = plain(page.content.decode())
        assert "Your wording (will be lost) Our wording XQZ." in text
        assert "From the records We have published our updated council guide" in text
        assert ActivityParagraph.objects.filter(activity=demo.guide).exists()
        assert demo.officer.post(url).url == DRAFT
        assert not ActivityParagraph.objects.filter(activity=demo.guide).exists()
        text = plain(demo.officer.get(DRAFT).content.decode())
        assert "Our wording XQZ." not in text
        assert "We have published our updated council guide" in text
        assert demo.officer.get(url).status_code == 404  # nothing left to regenerate


SENT_TO = "sent to the Safer and Stronger Communities Board meeting of 28 June 2023 as item 5"


def goes_to(programme, date=datetime.date(2023, 6, 27), number="5"):
    """The report is to be presented at this meeting's item (the officer's choice)."""
    item = f.AgendaItemFactory(
        meeting=f.MeetingFactory(board=programme.board, date=date),
        number=number,
        title="End of year report",
    )
    report = f.EndOfYearReportFactory(programme=programme)
    report.agenda_item = item
    report.save()
    return item


class TestPublishing:
    def test_the_demo_report_was_sent_to_its_meeting(self, demo, anonymous):
        html = anonymous.get(REPORT).content.decode()
        page = plain(html)
        assert f"Version 1, {SENT_TO}." in page
        for kind in ("docx", "pdf", "print"):
            assert f'href="{REPORT}versions/1/{kind}/"' in html
        # The report's own item is not one of the "other areas the Board covered".
        assert "End of year report 2022/23: considered" not in page

    def test_a_version_is_frozen_while_the_draft_moves_on(self, demo, anonymous):
        update = demo.guide.updates.order_by("pk").first()
        update.text = "We have published our updated guide XQZREVISED."
        update.save()
        demo.guide.post_update(
            ProgressUpdate(text="Translated into Welsh XQZNEWUPDATE.", status="complete")
        )
        draft_text = plain(demo.officer.get(DRAFT).content.decode())
        assert "XQZREVISED" in draft_text and "XQZNEWUPDATE" in draft_text
        for kind, text in every_copy(demo.officer, 1).items():
            assert "XQZREVISED" not in text and "XQZNEWUPDATE" not in text, kind
            assert "We have published our updated council guide on modern slavery" in text, kind

        assert demo.officer.post(manage(demo.programme, "publish/")).url == REPORT
        assert list(ReportVersion.objects.values_list("number", flat=True)) == [2, 1]
        latest = plain(anonymous.get(REPORT).content.decode())
        assert f"Version 2, {SENT_TO}." in latest and "XQZNEWUPDATE" in latest
        first = plain(anonymous.get(f"{REPORT}versions/1/").content.decode())
        assert "Version 1" in first and "This is not the latest version." in first
        assert "XQZNEWUPDATE" not in first and "XQZREVISED" not in first

    def test_board_members_see_the_latest_version_but_not_the_draft(
        self, demo, signed_in, anonymous
    ):
        member = signed_in(f.BoardRoleFactory(board=demo.board, role="board_member").user)
        page = plain(member.get(REPORT).content.decode())
        assert f"Version 1, {SENT_TO}." in page and "See and edit the draft" not in page
        for url in (DRAFT, f"{DRAFT}docx/", f"{DRAFT}pdf/", f"{DRAFT}print/"):
            assert member.get(url).status_code == 403, url
        public = plain(anonymous.get(REPORT).content.decode())
        assert "We have published our updated council guide" in public

    def test_the_officer_chooses_the_meeting_before_sending(self, world, signed_in, anonymous):
        programme = world.programme
        f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office.")
        officer = signed_in(world.officer)
        response = officer.post(manage(programme, "publish/"), follow=True)
        assert response.redirect_chain[-1][0] == manage(programme, "edit/")
        assert "Choose the meeting and agenda item" in plain(response.content.decode())
        assert not ReportVersion.objects.exists()
        assert "has not been sent to the board yet" in plain(anonymous.get(REPORT).content.decode())

        item = f.AgendaItemFactory(
            meeting=f.MeetingFactory(board=programme.board, date=datetime.date(2023, 7, 4)),
            number="6",
            title="End of year report",
        )
        form = officer.get(manage(programme, "edit/")).content.decode()
        assert "4 July 2023, item 6: End of year report" in form
        data = {
            "version": 1,
            "agenda_item": item.pk,
            "purpose": "For direction.",
            "summary": "The year's work.",
            "recommendation": "That members note the report.",
        }
        assert officer.post(manage(programme, "edit/"), data).status_code == 302
        check = plain(officer.get(manage(programme, "publish/")).content.decode())
        assert "Check the report before sending it to the board" in check
        assert "Presented at " + f"{programme.board.name}, 4 July 2023, item 6" in check
        assert "Send version 1 to the board" in check
        assert not ReportVersion.objects.exists()  # looking is not sending
        assert officer.post(manage(programme, "publish/")).url == REPORT
        page = plain(anonymous.get(REPORT).content.decode())
        assert (
            f"Version 1, sent to the {programme.board.name} meeting of 4 July 2023 as item 6."
            in page
        )


@pytest.fixture
def secrets(world, signed_in):
    """The world's year had a confidential item reported on for its activity, another linked
    to no activity, and a draft-notes decision; every secret holds MARK."""
    board, programme, activity = world.board, world.programme, world.activity
    f.ProgressUpdateFactory(activity=activity, text="Councils met the Home Office.")
    meeting = f.MeetingFactory(board=board, date=datetime.date(2022, 11, 8))
    later = f.MeetingFactory(board=board, date=datetime.date(2023, 3, 14), notes_status="draft")
    for number, linked in (("8", True), ("9", False)):
        item = f.AgendaItemFactory(
            meeting=meeting,
            number=number,
            title=f"{MARK} item {number}",
            is_confidential=True,
            title_is_confidential=True,
            confidential_reason=f"{MARK} reason",
        )
        f.DecisionFactory(agenda_item=item, text=f"{MARK} decision {number}")
        if linked:
            f.ActivityReportFactory(agenda_item=item, activity=activity)
    open_item = f.AgendaItemFactory(meeting=meeting, number="10", title="Police funding")
    f.DecisionFactory(agenda_item=open_item, text="Members agreed to write to the minister.")
    draft_item = f.AgendaItemFactory(meeting=later, number="4", title="Serious violence")
    f.DecisionFactory(agenda_item=draft_item, text=f"{MARK} draft decision")
    goes_to(programme)
    officer = signed_in(world.officer)
    officer.post(manage(programme, "publish/"))
    return SimpleNamespace(officer=officer, member=signed_in(world.member), world=world)


def test_confidential_items_stay_out_of_the_public_copy(secrets, signed_in, anonymous):
    other_board = signed_in(secrets.world.outsider)
    for who, client in (("public", anonymous), ("other board", other_board)):
        for kind, text in every_copy(client, 1).items():
            assert MARK not in text, (who, kind)
            assert "Councils met the Home Office." in text, (who, kind)
            assert "Police funding" in text and "write to the minister" in text, (who, kind)
        assert MARK not in client.get(REPORT).content.decode()


@pytest.mark.parametrize("role", ["board_member", "policy_officer"])
def test_people_of_the_board_see_the_confidential_items(secrets, role):
    client = secrets.officer if role == "policy_officer" else secrets.member
    for kind, text in every_copy(client, 1).items():
        for secret in ("item 8", "item 9", "decision 9", "draft decision"):
            assert f"{MARK} {secret}" in text, (kind, secret)
    assert f"{MARK} decision 9" in client.get(REPORT).content.decode()


@pytest.fixture
def build(world, signed_in):
    """build(n) adds to the world's programme 3n activities with two updates and a reported-at
    link each, a third of them rewritten; 3n proposals for next year; 3n other items with
    decisions; one published version. It gives the officer's and a board member's clients."""

    def build_n(n: int) -> SimpleNamespace:
        board, programme = world.board, world.programme
        programme.policy_budget = 1000
        programme.save()
        later = f.WorkProgrammeFactory(board=board, year=f.BoardYearFactory(start_year=2023))
        report = f.EndOfYearReportFactory(programme=programme, financial_implications="Costs.")
        meeting = f.MeetingFactory(board=board, date=datetime.date(2022, 11, 8))
        statuses = ["in_progress", "complete", "not_progressed"]
        for i in range(3 * n):
            theme = f.PriorityThemeFactory(programme=programme, title=f"Theme {i}")
            activity = f.ActivityFactory(theme=theme, status=statuses[i % 3])
            f.ProgressUpdateFactory.create_batch(2, activity=activity)
            item = f.AgendaItemFactory(meeting=meeting)
            f.ActivityReportFactory(agenda_item=item, activity=activity)
            if i % 3 == 0:
                f.ActivityParagraphFactory(report=report, activity=activity)
            f.ActivityFactory(
                theme__programme=later, status="proposed", carried_forward_from=activity
            )
            f.DecisionFactory(agenda_item=f.AgendaItemFactory(meeting=meeting, title=f"Other {i}"))
        f.ProgressUpdateFactory(activity=world.activity)
        goes_to(programme)
        officer = signed_in(world.officer)
        officer.post(manage(programme, "publish/"))
        return SimpleNamespace(officer=officer, member=signed_in(world.member))

    return build_n


# Measured with 3 activities; the same at 30.
QUERIES = {
    # session, user with their roles on every board; programme; report (its programme is the
    # one read); next programme; themes; activities, updates, reported-at links, carried
    # forward to; rewritten paragraphs; other items, their decisions; next year's themes,
    # their activities; programme with budget, its year; the report's own sections;
    # versions; open review comments
    "draft": 20,
    # programme; versions
    "public report": 2,
    # programme; versions; session, user with their roles on every board; the version's
    # review comments; the last version they opened before; the record that they opened it
    "member's report": 7,
}


@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("which", QUERIES)
def test_query_counts_do_not_grow_with_the_activities(
    django_assert_num_queries, build, anonymous, which, n
):
    data = build(n)
    client, url = {
        "draft": (data.officer, DRAFT),
        "public report": (anonymous, REPORT),
        "member's report": (data.member, REPORT),
    }[which]
    with django_assert_num_queries(QUERIES[which]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(numbers(response.content.decode())) > 6 * n


class TestRefusals:
    @pytest.fixture
    def published(self, build):
        build(1)
        return ReportVersion.objects.select_related("report").get()

    def test_anonymous_visitors_are_sent_to_sign_in_or_told_not_found(self, client, published):
        programme, activity = published.report.programme, published.report.paragraphs.first()
        for url in (
            DRAFT,
            manage(programme, "edit/"),
            manage(programme, f"activities/{activity.activity_id}/"),
            manage(programme, f"activities/{activity.activity_id}/regenerate/"),
            manage(programme, "publish/"),
        ):
            for response in (client.get(url), client.post(url, {"text": "x"})):
                assert response.status_code == 302, url
                assert response.url.startswith("/accounts/login/?next="), url
        for kind in ("docx", "pdf", "print"):
            assert client.get(f"{DRAFT}{kind}/").status_code == 404
        assert ReportVersion.objects.count() == 1
        assert not ActivityParagraph.objects.filter(text="x").exists()

    @pytest.mark.parametrize(
        "path",
        "versions/0/ versions/2/ versions/99999999999999999999/ versions/-1/ versions/one/ "
        "versions/2/docx/ versions/2/pdf/ versions/99999999999999999999/pdf/ versions/1/xlsx/ "
        "draft/xlsx/".split(),
    )
    def test_bad_version_numbers_and_formats_are_not_found(self, published, anonymous, path):
        assert anonymous.get(f"{REPORT}{path}").status_code == 404
        assert anonymous.get(f"{REPORT}versions/1/").status_code == 200

    def test_officers_of_another_board_are_told_not_found(self, published, world, signed_in):
        stranger = signed_in(world.users["officer of another board"])
        assert stranger.get(DRAFT).status_code == 404
        assert stranger.post(manage(published.report.programme, "publish/")).status_code == 404
        assert ReportVersion.objects.count() == 1


def test_a_budget_allocated_beyond_itself_is_said_so_not_as_a_sum_below_zero(
    world, signed_in, client
):
    world.programme.policy_budget = 1000
    world.programme.save()
    world.activity.budget_allocated = 1500
    world.activity.save()
    report = plain(signed_in(world.officer).get(DRAFT).content.decode())
    assert (
        "The Board's policy budget for the 2022/23 financial year is £1,000; £1,500 is allocated"
        " to activities, £500 more than the budget." in report
    )
    page = plain(client.get(world.programme.get_absolute_url()).content.decode())
    assert "£1,000, and its activities are allocated £500 more than that" in page
    assert "£-" not in report + page
