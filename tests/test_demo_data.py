"""`load_demo`: the Safer and Stronger Communities Board's published records, loaded
idempotently from files the project owns."""

import datetime
import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from boards.models import Board, Membership, Person
from meetings.models import Action, AgendaItem, Attendance, Meeting
from reports.models import EndOfYearReport
from seed_data.demo import DEMO_DATA_DIR, DemoLoader
from workplan.models import Activity, ProgressUpdate, WorkProgramme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    DemoLoader().load()
    return Board.objects.get(slug="sscb")


def snapshot() -> dict[str, list]:
    """Every row of every table the loader can touch, change history included."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("boards", "workplan", "meetings", "reports")
        for model in apps.get_app_config(app).get_models()
    }


def test_loading_twice_leaves_the_same_database():
    call_command("load_demo", stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "created" not in out.getvalue().replace("0 created", "")


def test_the_data_lives_in_the_project():
    assert DEMO_DATA_DIR.is_relative_to(apps.get_app_config("seed_data").path)
    assert {p.name for p in DEMO_DATA_DIR.glob("*.toml")} >= {
        "board.toml",
        "programme-2022-23.toml",
        "programme-2023-24.toml",
        "meeting-2018-03-19.toml",
        "meeting-2021-11-09.toml",
        "meeting-2023-03-23.toml",
    }


def test_the_2022_23_programme_as_agreed(demo):
    programme = WorkProgramme.objects.get(board=demo, year__start_year=2022)
    assert programme.status == "agreed"
    assert [t.title for t in programme.themes.all()] == [
        "Counter-terrorism, counter-extremism and cohesion",
        "Community safety",
        "Blue light services and civil resilience",
        "Licensing and regulation",
        "Crematoria, coroners and registrars",
        "Voluntary and community sector",
    ]
    activities = Activity.objects.for_programme(programme)
    assert activities.filter(theme__title="Community safety").count() >= 10
    assert activities.filter(
        title__startswith="Publish updated council guidance and maturity matrix"
    ).exists()
    assert activities.get(title="Hold two further leadership essentials in licensing courses")


def test_end_of_year_achievements_are_progress_updates(demo):
    modern_slavery_guide = Activity.objects.get(
        title__startswith="Publish updated council guidance and maturity matrix"
    )
    texts = [u.text for u in modern_slavery_guide.updates.all()]
    assert any("maturity matrix" in t for t in texts)
    assert any("Council Modern Slavery Network" in t for t in texts)
    update = modern_slavery_guide.updates.first()
    assert update.date == datetime.date(2023, 6, 30)
    assert update.author.name == "Mark Norris"
    bill = Activity.objects.get(
        title__startswith="Influence the development of the Modern Slavery Bill"
    )
    assert bill.status == "not_progressed"
    assert (
        ProgressUpdate.objects.filter(activity__theme__programme__year__start_year=2022).count()
        >= 30
    )


def test_the_2023_24_proposals_and_what_carried_forward(demo):
    proposals = WorkProgramme.objects.with_budget_allocated().get(board=demo, year__start_year=2023)
    assert proposals.status == "proposed"
    assert proposals.budget_remaining(proposals.budget_allocated) == Decimal(5000)
    assert "Building safety" in [t.title for t in proposals.themes.all()]
    funerals = Activity.objects.get(
        theme__programme=proposals, carried_forward_from__title__icontains="public health funerals"
    )
    assert funerals.carried_forward_from.status == "carried_forward"
    assert Activity.objects.for_programme(proposals).exclude(status="proposed").count() == 0


def test_the_2021_meeting_apologies_substitutes_and_declarations(demo):
    meeting = Meeting.objects.get(board=demo, date=datetime.date(2021, 11, 9))
    assert meeting.venue.startswith("Beecham Room")
    apologies = meeting.attendance.filter(status=Attendance.Status.APOLOGIES)
    assert {a.person.name for a in apologies} == {"Jeanie Bell", "Alan Rhodes"}
    substitutes = {
        a.person.name: a.substitute_for.name
        for a in meeting.attendance.filter(status=Attendance.Status.SUBSTITUTE)
    }
    assert substitutes == {"Margaret Mullane": "Jeanie Bell", "Clive Jonson": "Alan Rhodes"}
    declared = {d.person.name for d in meeting.declarations.all()}
    assert declared == {"Lewis Cocking", "Arnold Saunders"}
    confidential = meeting.items.get(number="8.a")
    assert confidential.is_confidential
    assert confidential.title == "Building Safety Funding"
    assert [i.number for i in meeting.items.all()] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "8.a",
    ]
    assert Action.objects.filter(agenda_item__meeting=meeting).count() == 5


def test_the_2018_meeting_attendance(demo):
    meeting = Meeting.objects.get(board=demo, date=datetime.date(2018, 3, 19))
    assert meeting.notes_status == "agreed"
    statuses = {a.person.name: a.status for a in meeting.attendance.all()}
    assert statuses["Simon Blackburn"] == "present"
    assert statuses["Morris Bright"] == "apologies"
    assert statuses["Vic Pritchard"] == "substitute"
    assert statuses["Helen Carr"] == "in_attendance"
    chair = Membership.objects.get(board=demo, year__start_year=2017, role="chair")
    assert chair.person.display_name == "Cllr Simon Blackburn"
    assert Person.objects.get(name="Morris Bright").display_name == "Cllr Morris Bright MBE"
    assert not meeting.declarations.exists()


def test_the_work_projects_paper_reports_on_activities(demo):
    item = AgendaItem.objects.get(meeting__date=datetime.date(2023, 3, 23))
    assert item.paper.get_purpose_display() == "For direction"
    assert item.paper.contact_officer.name == "Mark Norris"
    assert "Modern slavery" in {a.title for a in item.activities.all()}


def test_no_phone_numbers_or_email_addresses():
    for path in DEMO_DATA_DIR.glob("*.toml"):
        text = path.read_text()
        assert "@local.gov.uk" not in text, path.name
        assert "020 7664" not in text and "07798" not in text, path.name


def test_a_broken_file_loads_nothing(tmp_path):
    broken = tmp_path / "demo"
    shutil.copytree(DEMO_DATA_DIR, broken)
    meeting = broken / "meeting-2021-11-09.toml"
    meeting.write_text(meeting.read_text().replace('"Jeanie Bell"', '"Nobody Known"', 1))
    with pytest.raises(ValueError, match="Nobody Known"):
        DemoLoader(broken).load()
    assert not Board.objects.exists()
    assert not Person.objects.exists()


def test_the_end_of_year_report_front_matter(demo):
    report = EndOfYearReport.objects.get(programme__year__start_year=2022)
    assert report.plan_theme == "Championing climate change and local environments"
    assert report.contact_officer.name == "Mark Norris"
    assert "Welsh LGA" in report.wales_implications
