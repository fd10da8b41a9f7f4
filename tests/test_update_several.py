"""An officer's round of updates before a board meeting on one page: each activity with
status, RAG and text; blank ones left alone; all posted together or not at all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workplan.models import ProgressUpdate

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db
URL = "/my-work/updates/"


@pytest.fixture
def three(world):
    others = [
        f.ActivityFactory(theme=world.theme, title=t, lead_officer=world.lead, status="agreed")
        for t in ("Lobby on the Victims Bill", "Review the serious violence duty")
    ]
    return [world.activity, *others]


def test_a_round_of_updates_in_one_save(world, signed_in, three):
    officer = signed_in(world.officer)
    values = form_values(officer.get(URL).content.decode())
    values |= {
        "date_day": "1",
        "date_month": "3",
        "date_year": "2023",
        f"activity-{three[0].pk}-text": "Published the guidance.",
        f"activity-{three[0].pk}-status": "complete",
        f"activity-{three[0].pk}-rag": "green",
        f"activity-{three[2].pk}-text": "Met the Home Office.",
        f"activity-{three[2].pk}-status": "in_progress",
        f"activity-{three[2].pk}-rag": "amber",
    }
    assert officer.post(URL, values).status_code == 302
    for activity in three:
        activity.refresh_from_db()
    assert [(a.status, a.rag) for a in three] == [
        ("complete", "green"),
        ("agreed", three[1].rag),
        ("in_progress", "amber"),
    ]
    assert set(ProgressUpdate.objects.values_list("text", "date")) == {
        ("Published the guidance.", datetime.date(2023, 3, 1)),
        ("Met the Home Office.", datetime.date(2023, 3, 1)),
    }


def test_sent_back_unchanged_it_posts_nothing(world, signed_in, three):
    officer = signed_in(world.officer)
    values = form_values(officer.get(URL).content.decode())
    assert officer.post(URL, values).status_code == 302
    assert not ProgressUpdate.objects.exists()


def test_one_bad_row_posts_nothing(world, signed_in, three):
    f.ProgressUpdateFactory(activity=three[1], date=datetime.date(2023, 3, 10))
    officer = signed_in(world.officer)
    values = form_values(officer.get(URL).content.decode())
    values |= {
        "date_day": "1",
        "date_month": "3",
        "date_year": "2023",
        f"activity-{three[0].pk}-text": "Published the guidance.",
        f"activity-{three[1].pk}-text": "An earlier note.",
    }
    response = officer.post(URL, values)
    assert response.status_code == 200
    assert "has an update dated 10 March 2023" in response.content.decode()
    assert ProgressUpdate.objects.count() == 1


def test_the_round_page_query_count(world, signed_in, three):
    officer = signed_in(world.officer)
    # Session, user, person, activities, meetings.
    with CaptureQueriesContext(connection) as queries:
        assert officer.get(URL).status_code == 200
    assert len(queries) == 5, [q["sql"][:90] for q in queries]
