"""Officers' progress updates that make sense: the current state is the latest update's by
date, an earlier-dated update is confirmed and listed in its place, the date starts inside
the programme's year, errors name the field and the success banner is on screen."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from workplan.models import ProgressUpdate

from .forms_as_sent import form_values
from .reading import text

pytestmark = pytest.mark.django_db


def update_data(**changes) -> dict:
    data = {
        "text": "Met the Home Office.",
        "date_day": "1",
        "date_month": "3",
        "date_year": "2023",
        "status": "in_progress",
        "rag": "amber",
        "reported_at": "",
    }
    return data | changes


@pytest.fixture
def officer(world, signed_in):
    return signed_in(world.officer)


def url(world) -> str:
    return f"/manage/activities/{world.activity.pk}/update/"


def test_a_back_dated_update_asks_for_confirmation_then_leaves_the_current_state(officer, world):
    officer.post(url(world), update_data(status="complete", rag="green"))
    response = officer.post(url(world), update_data(date_month="1", text="Wrote to the minister."))
    assert response.status_code == 200
    assert "This update is dated before the latest one (1 March 2023)" in text(response)
    assert ProgressUpdate.objects.count() == 1

    response = officer.post(
        url(world),
        update_data(date_month="1", text="Wrote to the minister.", confirm_earlier="on"),
    )
    assert response.status_code == 302
    world.activity.refresh_from_db()
    assert (world.activity.status, world.activity.rag) == ("complete", "green")
    page = text(officer.get(world.activity.get_absolute_url()))
    # Updates are listed latest first: the back-dated one after the later one.
    assert page.index("Met the Home Office.") < page.index("Wrote to the minister.")


def test_updates_on_the_same_day_take_the_one_entered_last(officer, world):
    officer.post(url(world), update_data(status="in_progress", rag="red"))
    officer.post(url(world), update_data(status="in_progress", rag="green"))
    world.activity.refresh_from_db()
    assert world.activity.rag == "green"


def test_the_date_starts_inside_the_programmes_year(officer, world):
    # The fixture's programme is 2022/23, long over: the last day of that year, not today.
    page = officer.get(url(world)).content.decode()
    assert 'name="date_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="date_year" type="text" inputmode="numeric" value="2023"' in page


def test_missing_answers_are_named_in_the_summary_and_by_the_field(officer, world):
    response = officer.post(
        url(world), update_data(text="", date_day="", date_month="", date_year="", status="")
    )
    html = response.content.decode()
    for message in (
        "Enter what has happened",
        "Enter the date of the update",
        "Choose the status of the activity now",
    ):
        assert html.count(message) == 2, message  # in the summary and next to the field
    assert "This field is required" not in html


def test_the_success_banner_is_at_the_top_of_the_page_it_opens(officer, world):
    response = officer.post(url(world), update_data())
    assert "#" not in response.url
    page = officer.get(response.url).content.decode()
    assert page.index("Your progress update has been posted") < page.index("<h1")


def test_the_forms_choices_are_gov_uk_selects_with_the_current_answers_chosen(officer, world):
    """Written out in one go (boards.forms.WrittenSelect), they are still GOV.UK selects, an
    unrated activity's RAG is the empty choice, and a form sent back unchanged saves."""
    world.activity.rag = ""
    world.activity.save()
    page = officer.get(url(world)).content.decode()
    selects = re.findall(r"<select [^>]*>", page)
    assert len(selects) == 3 and all('class="govuk-select"' in s for s in selects)
    assert '<option value="" selected>Not rated</option>' in page
    assert 'value="None"' not in page
    data = form_values(page) | {"text": "Met the Home Office."}
    assert officer.post(url(world), data).status_code == 302


def test_no_template_comment_reaches_the_page(officer, world):
    """Django's {# #} comments end at the line's end: one that runs on shows on the page."""
    for page in (url(world), world.activity.get_absolute_url()):
        html = officer.get(page).content.decode()
        assert "{#" not in html and "#}" not in html
    templates = Path(settings.BASE_DIR, "web", "templates").rglob("*.html")
    runs_on = [
        f"{path}:{n}"
        for path in templates
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line
    ]
    assert runs_on == []
