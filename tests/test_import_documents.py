"""Issue 7: the board's real papers and notes, read from text, Word, HTML and PDF into
draft records (samples and conversions in import_samples.py)."""

import datetime
import html
import io

import pytest

from boards.models import Board, Membership, Person
from imports.models import ImportedDocument
from imports.services import ImportFailed, Options, accept, import_file, read
from meetings.models import AgendaItem, DeclarationOfInterest, Meeting
from reports.models import EndOfYearReport
from workplan.models import Activity, WorkProgramme

from .import_samples import (
    FIXTURES,
    NOTES_2018,
    NOTES_2021,
    REPORT,
    SAMPLES,
    UPDATE,
    WORK_PLAN,
    import_and_accept,
    make_board,
    sample,
)

pytestmark = pytest.mark.django_db
FORMATS = ["txt", "docx", "html"]


@pytest.fixture
def board() -> Board:
    return make_board()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_2021_notes(board, fmt):
    document = import_and_accept(board, NOTES_2021, fmt)
    assert document.kind == "notes"
    meeting = Meeting.objects.get(board=board, date=datetime.date(2021, 11, 9))
    assert meeting.notes_status == "draft"
    assert meeting.venue == "Beecham Room, 7th Floor, 18 Smith Square, London, SW1P 3HZ"
    attendance = {a.person.name: a for a in meeting.attendance.select_related("person")}
    assert {n for n, a in attendance.items() if a.status == "apologies"} == {
        "Jeanie Bell",
        "Alan Rhodes",
    }
    substitutes = {
        n: a.substitute_for.name for n, a in attendance.items() if a.status == "substitute"
    }
    assert substitutes == {"Margaret Mullane": "Jeanie Bell", "Clive Jonson": "Alan Rhodes"}
    declarations = {d.person.name: d.interest for d in meeting.declarations.all()}
    assert set(declarations) == {"Lewis Cocking", "Arnold Saunders"}
    assert "Deputy Police and Crime Commissioner for Hertfordshire" in declarations["Lewis Cocking"]
    items = {item.number: item for item in meeting.items.all()}
    assert list(items) == ["1", "2", "3", "4", "5", "6", "7", "8", "8.a"]
    assert items["8.a"].is_confidential and items["8.a"].title == "Building Safety Funding"
    assert not items["8"].is_confidential
    assert {p.name for p in items["5"].presenters.all()} == {"Rachel Phelps", "Maggie Blyth"}
    assert items["5"].decisions.count() == 2
    assert [a.owner_team for a in items["7"].actions.all()] == ["Officers", "Officers"]
    assert len(items["6"].discussion_point_list()) == 5
    assert "agreed the notes" in items["2"].decisions.get().text
    blyth = Person.objects.get(name="Maggie Blyth")
    assert (blyth.honorific, blyth.kind) == ("DCC", "guest")
    assert (
        Meeting.objects.get(board=board, date=datetime.date(2022, 1, 20)).notes_status
        == "scheduled"
    )


def test_the_2018_notes_and_their_attendance_appendix(board):
    import_and_accept(board, NOTES_2018)
    meeting = Meeting.objects.get(board=board, date=datetime.date(2018, 3, 19))
    status = dict(meeting.attendance.values_list("person__name", "status"))
    assert status["Simon Blackburn"] == "present"
    assert status["Vic Pritchard"] == "substitute"
    assert status["Helen Carr"] == "in_attendance"
    assert {n for n, s in status.items() if s == "apologies"} == {
        "Morris Bright",
        "Chris Pillai",
        "Lisa Targowska",
    }
    bright = Person.objects.get(name="Morris Bright")
    assert (bright.honorific, bright.post_nominals, bright.authority.name) == (
        "Cllr",
        "MBE",
        "Hertsmere Borough Council",
    )
    roles = dict(
        Membership.objects.filter(board=board, year__start_year=2017).values_list(
            "person__name", "role"
        )
    )
    assert roles["Simon Blackburn"] == "chair"
    assert roles["Anita Lower"] == roles["Clive Woodbridge"] == "deputy_chair"
    assert roles["Vic Pritchard"] == "substitute"
    assert not DeclarationOfInterest.objects.exists()
    titles = list(meeting.items.values_list("title", flat=True))
    assert titles[1] == "Operation Dovetail update"
    assert len(titles) == 7
    item = meeting.items.get(number="3")
    assert {p.name for p in item.presenters.all()} == {"Peter Fenn", "Penny Hobman"}
    # The numbered list "1. Strengthening leadership" … inside item 3 is not a run of items.
    assert "4. English language skills" in item.introduction


SIX_THEMES = [
    "Counter-terrorism, counter-extremism and cohesion",
    "Community safety",
    "Blue light services and civil resilience",
    "Licensing and regulation",
    "Crematoria, coroners and registrars",
    "Voluntary and community sector",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_work_plan_and_its_candidate_projects(board, fmt):
    import_and_accept(board, WORK_PLAN, fmt)
    programme = WorkProgramme.objects.get(board=board, year__start_year=2022)
    assert programme.status == "proposed"
    themes = list(programme.themes.values_list("title", flat=True))
    assert themes == [*SIX_THEMES, "Candidate projects"]
    activities = Activity.objects.for_programme(programme)
    assert activities.filter(theme__title="Community safety").count() == 11
    assert activities.filter(status="proposed").count() == activities.count() == 34
    extremism = activities.get(title__startswith="Deliver a programme of support to councils")
    assert extremism.title.endswith("Special Interest Group on Countering Extremism")
    assert extremism.description.startswith("Including:\n- A series of roundtables")
    candidates = {a.title: a for a in activities.filter(theme__title="Candidate projects")}
    assert len(candidates) == 6
    mental_health = candidates["Mental health impact on policing"]
    assert mental_health.description.startswith(
        "The impact of the police's work with people going through mental health crisis"
    )
    assert mental_health.resource_requirement.startswith("Initial review of current issues")
    assert mental_health.indicative_timing.startswith("Scoping report could be developed")
    assert candidates["Cohesion impact of court case"].description.count("\n\n") == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_end_of_year_report_and_its_proposals_table(board, fmt):
    document = import_and_accept(board, REPORT, fmt)
    report = EndOfYearReport.objects.get(programme__board=board, programme__year__start_year=2022)
    assert report.purpose == "For direction."
    assert report.plan_theme == "Championing climate change and local environments"
    assert report.summary.startswith("This paper sets out the Safer and Stronger Communities")
    assert report.contact_officer.name == "Mark Norris"
    assert report.wales_implications.startswith("We will work with colleagues at the Welsh LGA")
    proposals = WorkProgramme.objects.get(board=board, year__start_year=2023)
    assert proposals.status == "proposed"
    assert list(proposals.themes.values_list("title", flat=True)) == [
        "Counter-terrorism, counter-extremism and cohesion",
        "Community safety",
        "Blue light services and civil resilience",
        "Licensing and regulation",
        "Building safety",
        "Crematoria, coroners and registrars",
        "Voluntary & Community Sector",
    ]
    safety = Activity.objects.filter(theme__programme=proposals, theme__title="Community safety")
    assert safety.count() == 5
    assert safety.first().description.startswith("Subject to the Board’s views")
    paragraphs = {p["number"]: p for p in document.parsed["paragraph"]}
    assert min(paragraphs) == 5 and max(paragraphs) == 59
    assert paragraphs[5]["theme"] == "Community safety"
    assert paragraphs[15]["theme"] == "Prevent, counter extremism and cohesion"
    assert paragraphs[43]["heading"] == "Fit for the Future"
    assert paragraphs[54]["theme"] == "Building safety"
    assert document.parsed["report"]["themes"][0] == "Community safety"


def test_the_update_paper_becomes_an_item_with_a_sub_item_a_section(board):
    import_and_accept(board, UPDATE, meeting_date=datetime.date(2020, 11, 19), item_number="4")
    meeting = Meeting.objects.get(board=board, date=datetime.date(2020, 11, 19))
    assert meeting.notes_status == "draft"
    paper = AgendaItem.objects.get(meeting=meeting, number="4")
    assert paper.title == "Update Paper"
    assert paper.paper.purpose == "information"
    assert paper.paper.contact_officer.name == "Mark Norris"
    assert paper.paper.recommendation == "That members of the Board note and comment on the update."
    sections = list(meeting.items.exclude(number="4").values_list("number", "title"))
    assert sections[0] == ("4.a", "Serious Violence Reduction Orders consultation")
    assert sections[-1] == (
        "4.n",
        "Association of Chief Trading Standards Officers’ Impacts and Outcomes Report",
    )
    hate_crime = meeting.items.get(title="Law Commission consultation on hate crime legislation")
    assert hate_crime.paper.purpose == "information"
    assert "11.5 Expanding the offence of racist chanting" in hate_crime.paper.body


def test_an_update_paper_needs_its_meeting_date(board):
    with pytest.raises(ImportFailed, match="date of its meeting"):
        import_file(board, *sample(UPDATE), Options())
    assert not ImportedDocument.objects.exists()


def test_a_modern_gov_agenda_item_page(board):
    path = FIXTURES / "mgAi-sscb-2022-01-20-item-5.html"
    document, _ = import_file(board, path.name, path.read_bytes(), Options())
    assert document.kind == "notes"
    assert "Committees" not in document.source_text  # the site's menus are left out
    accept(document)
    item = AgendaItem.objects.get(meeting__date=datetime.date(2022, 1, 20), number="5")
    assert item.title == "Serious violence duty"
    assert [p.name for p in item.presenters.all()] == ["Rachel Phelps"]
    assert len(item.discussion_point_list()) == 2
    assert item.decisions.get().text == "Members of the Board noted the report."
    assert item.actions.get().text.startswith("Officers to respond to the consultation")


def test_a_pdf_with_a_text_layer(board):
    weasyprint = pytest.importorskip("weasyprint")
    text = (SAMPLES / f"{UPDATE}.txt").read_text(encoding="utf-8")
    page = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    pdf = weasyprint.HTML(string=f"<html><body>{page}</body></html>").write_pdf()
    reading = read(board, f"{UPDATE}.pdf", pdf, Options(meeting_date=datetime.date(2020, 11, 19)))
    titles = [item["title"] for item in reading.data["item"]]
    assert reading.kind == "update"
    assert titles[1] == "Serious Violence Reduction Orders consultation"
    assert len(titles) == 15


def test_a_pdf_without_text_is_refused(board):
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    with pytest.raises(ImportFailed, match="Page 1 of the PDF has no text"):
        read(board, "scan.pdf", out.getvalue(), Options(kind="notes"))


def test_a_list_of_items_each_a_heading_and_paragraphs_with_marked_decisions(board):
    """A partnership's HTML notes: each item an <li> holding its heading and its paragraphs,
    and "Agreed:" before a decision written in lower case."""
    page = """<html><body><h1>Safer Communities Partnership</h1>
    <p>Notes of meeting, 3 October 2023</p>
    <ol>
    <li><h3>Welcome</h3><p>The Chair welcomed everyone.</p></li>
    <li><h3>Anti-social behaviour hotspots</h3><p>The quarterly analysis was presented.</p>
    <p>Agreed: joint patrols to continue in the town centre.</p></li>
    </ol></body></html>"""
    data = read(board, "notes.html", page.encode(), Options(kind="notes")).data
    items = data["item"]
    assert [(i["number"], i["title"]) for i in items] == [
        ("1", "Welcome"),
        ("2", "Anti-social behaviour hotspots"),
    ]
    assert items[0]["introduction"] == "The Chair welcomed everyone."
    assert items[1]["decisions"] == ["Joint patrols to continue in the town centre."]
