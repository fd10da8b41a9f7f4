"""At year end an officer carries unfinished work into next year's programme: what is offered,
what is created and marked, what next year's activity page and this year's report then say,
and who may do it."""

import datetime
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from boards.models import Board
from seed_data.demo import DemoLoader
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from . import factories as f
from .reading import plain

pytestmark = pytest.mark.django_db

BILL = (
    "Influence the development of the Modern Slavery Bill and help support the implementation "
    "of the new modern slavery strategy"
)
COURT_CASE = "Cohesion impact of court case"
TRAINING = (
    "Provide training for elected members on delivering the Prevent duty, tackling extremism "
    "and building cohesion"
)
REASON = "Anticipated work around an expected Modern Slavery Bill and new modern slavery strategy"


def offered(response) -> list[str]:
    """The activities the form offers, as their checkbox labels read."""
    assert response.status_code == 200
    labels = re.findall(
        r'govuk-checkboxes__label" for="[^"]+">(.*?)</label>', response.content.decode()
    )
    return [unescape(label) for label in labels]


@pytest.fixture
def demo(signed_in):
    DemoLoader().load()
    board = Board.objects.get(slug="sscb")
    this_year = WorkProgramme.objects.select_related("year").get(board=board, year__start_year=2022)
    officer = f.BoardRoleFactory(board=board, role="policy_officer").user
    f.OfficerFactory(name="Mark Norris Jr", user=officer)
    return SimpleNamespace(
        board=board,
        this_year=this_year,
        next_year=WorkProgramme.objects.get(board=board, year__start_year=2023),
        url=f"/manage/programmes/{this_year.pk}/carry-forward/",
        officer=signed_in(officer),
        bill=Activity.objects.get(title=BILL),
        court_case=Activity.objects.get(title=COURT_CASE),
    )


def test_the_form_offers_only_unfinished_work_not_yet_carried(demo):
    choices = offered(demo.officer.get(demo.url))
    assert f"{BILL} (not progressed)" in choices
    assert f"{COURT_CASE} (proposed)" in choices
    assert f"{TRAINING} (in progress)" in choices
    assert "Hold two further leadership essentials in licensing courses (complete)" not in choices
    assert not [c for c in choices if c.startswith("Modern slavery ")]  # carried forward already
    # Carried forward already, though its status has since been set back to in progress.
    sigce = Activity.objects.get(
        theme__programme=demo.this_year,
        title__startswith="Deliver a programme of support to councils on tackling extremism",
    )
    assert sigce.carried_forward_to.exists()
    sigce.status = "in_progress"
    sigce.save()
    assert not [c for c in offered(demo.officer.get(demo.url)) if c.startswith(sigce.title)]


def test_carrying_work_forward(demo):
    themes_before = PriorityTheme.objects.filter(programme=demo.next_year).count()
    response = demo.officer.post(demo.url, {"activities": [demo.bill.pk, demo.court_case.pk]})
    assert response.status_code == 302
    assert response.url == "/boards/sscb/2023-24/"
    page = plain(demo.officer.get(response.url).content.decode())
    assert "2 activities carried forward to 2023/24." in page

    for original in (demo.bill, demo.court_case):
        original.refresh_from_db()
        (later,) = original.carried_forward_to.select_related("theme")
        assert later.title == original.title
        assert later.status == "proposed"
        assert later.theme.programme == demo.next_year
        assert later.theme.title == original.theme.title
        assert later.lead_officer == original.lead_officer
        assert original.status == "carried_forward"
        last = original.updates.order_by("-pk").first()
        assert last.text == "Carried forward to the 2023/24 work programme."
        assert last.status == "carried_forward" and last.date == datetime.date.today()
        assert str(last.author) == "Mark Norris Jr"
    # Community safety and counter-extremism are already themes of 2023/24.
    assert PriorityTheme.objects.filter(programme=demo.next_year).count() == themes_before

    choices = offered(demo.officer.get(demo.url))
    assert not [c for c in choices if c.startswith((BILL, COURT_CASE))]
    assert f"{TRAINING} (in progress)" in choices


def test_next_years_activity_page_shows_this_years_progress(demo, anonymous):
    demo.officer.post(demo.url, {"activities": [demo.bill.pk]})
    later = Activity.objects.select_related(
        "theme__programme__board", "theme__programme__year"
    ).get(carried_forward_from=demo.bill)
    text = plain(anonymous.get(later.get_absolute_url()).content.decode())
    assert f"Continues {BILL} (2022/23)" in text
    earlier = text[text.index("Progress in 2022/23") : text.index("Progress updates")]
    assert f"Before it was carried forward, as “{BILL}”:" in earlier
    assert REASON in earlier
    assert "Carried forward to the 2023/24 work programme." in earlier
    assert "No progress updates yet." in text
    original = plain(anonymous.get(demo.bill.get_absolute_url()).content.decode())
    assert f"Carried forward to {BILL} (2023/24)" in original


def test_the_report_keeps_the_reason_for_work_carried_forward(demo):
    demo.officer.post(demo.url, {"activities": [demo.bill.pk]})
    html = demo.officer.get("/boards/sscb/2022-23/report/draft/").content.decode()
    text = plain(html[html.index(">Not progressed and carried forward</h2>") :])
    assert re.search(
        rf"\d+\. {REASON} have not advanced .*? "
        rf"asylum and migration issues\. It is carried forward to 2023/24 as “{re.escape(BILL)}”\.",
        text,
    )
    assert "work programme. It is carried forward" not in text


def test_a_title_already_in_next_years_theme_is_refused_without_carrying_anything(demo):
    training = Activity.objects.get(theme__programme=demo.this_year, title=TRAINING)
    response = demo.officer.post(demo.url, {"activities": [demo.bill.pk, training.pk]})
    assert response.status_code == 200
    assert "SSCB work programme 2023/24 already has “Provide training for elected" in plain(
        response.content.decode()
    )
    for activity in (demo.bill, training):
        activity.refresh_from_db()
        assert activity.status != "carried_forward"
        assert not activity.carried_forward_to.exists()
    assert not demo.bill.updates.filter(text__startswith="Carried forward").exists()


def test_nothing_chosen_is_an_error(demo):
    # The form posts its CSRF token even with no box ticked.
    response = demo.officer.post(demo.url, {"csrfmiddlewaretoken": "token"})
    assert "Choose at least one activity to carry forward" in plain(response.content.decode())
    assert not Activity.objects.filter(carried_forward_from=demo.bill).exists()


@pytest.fixture
def small(world):
    """The world's board, with a 2022/23 programme only: its theme is in no later one."""
    world.url = f"/manage/programmes/{world.programme.pk}/carry-forward/"
    return world


def test_without_next_years_programme_the_page_says_to_start_it_first(small, signed_in):
    officer = signed_in(small.officer)
    text = plain(officer.get(small.url).content.decode())
    assert "Next year's programme has not been started yet." in text
    assert "Start it from the programme page, then come back here." in text
    response = officer.post(small.url, {"activities": [small.activity.pk]})
    assert response.status_code == 200
    small.activity.refresh_from_db()
    assert small.activity.status == "in_progress"


def test_a_missing_theme_is_created_in_next_years_programme(small, signed_in):
    later = f.WorkProgrammeFactory(
        board=small.board, year=f.BoardYearFactory(start_year=2023), status="proposed"
    )
    officer = signed_in(small.officer)
    assert officer.post(small.url, {"activities": [small.activity.pk]}).status_code == 302
    theme = PriorityTheme.objects.get(programme=later)
    assert (theme.title, theme.order) == (small.theme.title, small.theme.order)
    assert theme.activities.get().carried_forward_from == small.activity


def test_work_is_never_carried_into_the_same_or_an_earlier_year(small):
    earlier = f.WorkProgrammeFactory(board=small.board, year=f.BoardYearFactory(start_year=2021))
    for target in (earlier, small.programme):
        with pytest.raises(ValidationError, match="later year"):
            small.activity.carry_forward(into=target)
    assert Activity.objects.count() == 1
    assert not ProgressUpdate.objects.exists()
    small.activity.refresh_from_db()
    assert small.activity.status == "in_progress"


def test_who_may_carry_work_forward(small, signed_in, anonymous):
    f.WorkProgrammeFactory(board=small.board, year=f.BoardYearFactory(start_year=2023))
    data = {"activities": [small.activity.pk]}
    member = signed_in(small.member)
    assert member.get(small.url).status_code == 403
    assert member.post(small.url, data).status_code == 403
    stranger = signed_in(small.users["officer of another board"])
    assert stranger.get(small.url).status_code == 404
    assert stranger.post(small.url, data).status_code == 404
    for response in (anonymous.get(small.url), anonymous.post(small.url, data)):
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={small.url}"
    assert not small.activity.carried_forward_to.exists()
    assert (
        signed_in(small.officer).get("/manage/programmes/99999/carry-forward/").status_code == 404
    )
