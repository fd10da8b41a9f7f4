import datetime
import hashlib
import io

import factory
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from boards.models import Authority, Board, BoardRole, BoardYear, Membership, Person
from meetings.models import (
    Action,
    ActionFollowUp,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    NotesCorrection,
    Paper,
    PaperFile,
)
from papers.models import AgendaPack
from reports.models import ActivityParagraph, EndOfYearReport
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from .paper_documents import PDF, pdf_of

PASSWORD = "correct horse battery staple"  # every factory-made user's


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Board number {n}")
    short_name = factory.Sequence(lambda n: f"B{n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    parent_organisation = "Local Government Association"


class BoardYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardYear
        django_get_or_create = ["start_year"]

    start_year = 2022
    starts_on = factory.LazyAttribute(lambda y: datetime.date(y.start_year, 9, 1))
    ends_on = factory.LazyAttribute(lambda y: datetime.date(y.start_year + 1, 8, 31))


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Borough Council {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    honorific = "Cllr"
    name = factory.Faker("name", locale="en_GB")
    kind = Person.Kind.COUNCILLOR
    authority = factory.SubFactory(AuthorityFactory)


class OfficerFactory(PersonFactory):
    honorific = ""
    kind = Person.Kind.OFFICER
    authority = None
    job_title = "Senior Adviser"
    organisation = "Local Government Association"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    board = factory.SubFactory(BoardFactory)
    year = factory.SubFactory(BoardYearFactory)
    role = Membership.Role.MEMBER


class WorkProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgramme

    board = factory.SubFactory(BoardFactory)
    year = factory.SubFactory(BoardYearFactory)
    status = WorkProgramme.Status.AGREED


class PriorityThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityTheme

    programme = factory.SubFactory(WorkProgrammeFactory)
    title = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    theme = factory.SubFactory(PriorityThemeFactory)
    title = factory.Sequence(lambda n: f"Support councils with duty number {n}")
    description = factory.Faker("paragraph")
    lead_officer = factory.SubFactory(OfficerFactory)
    status = "in_progress"
    rag = "green"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    activity = factory.SubFactory(ActivityFactory)
    date = datetime.date(2023, 1, 15)
    author = factory.SelfAttribute("activity.lead_officer")
    text = factory.Faker("paragraph")
    status = factory.SelfAttribute("activity.status")
    rag = factory.SelfAttribute("activity.rag")


def posted_update(activity, **fields) -> ProgressUpdate:
    """An update posted as an officer posts it (Activity.post_update, which also gives the
    activity its status and RAG rating), dated late in the 2022/23 year unless told."""
    update = ProgressUpdateFactory.build(
        activity=activity, **{"date": datetime.date(2023, 8, 1), **fields}
    )
    activity.post_update(update)
    return update


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = factory.Sequence(lambda n: datetime.date(2022, 9, 1) + datetime.timedelta(days=7 * n))
    venue = "18 Smith Square, London"
    notes_status = Meeting.NotesStatus.PUBLISHED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = Attendance.Status.PRESENT


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence", nb_words=4)
    introduction = factory.Faker("paragraph")


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationOfInterest

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    interest = "Member of the local police and crime panel"


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = factory.SelfAttribute("agenda_item.title")
    purpose = Paper.Purpose.DIRECTION
    summary = factory.Faker("paragraph")


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF of empty A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class PaperFileFactory(factory.django.DjangoModelFactory):
    """A PDF of one page holding the file's text (or else its title)."""

    class Meta:
        model = PaperFile

    class Params:
        content = factory.LazyAttribute(lambda o: pdf_of(o.text or o.title))

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = "Report of the Chief Executive"
    text = ""
    original_name = "paper.pdf"
    mime_type = PDF
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="paper.pdf"))
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha1 = factory.LazyAttribute(lambda o: hashlib.sha1(o.content).hexdigest())
    page_count = 1


class AgendaPackFactory(factory.django.DjangoModelFactory):
    """A meeting's stored public pack: one empty page."""

    class Meta:
        model = AgendaPack

    meeting = factory.SubFactory(MeetingFactory)
    audience = AgendaPack.Audience.PUBLIC
    key = "0" * 64
    file = factory.LazyFunction(lambda: ContentFile(blank_pdf(), name="public-pack.pdf"))
    size = factory.LazyAttribute(lambda o: o.file.size)
    sha1 = "0" * 40
    page_count = 1


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = "Members noted the update."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Officers to report back on point {n}")
    owner_team = "Officers"


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    agenda_item = factory.SubFactory(AgendaItemFactory)
    activity = factory.SubFactory(ActivityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class BoardRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardRole

    user = factory.SubFactory(UserFactory)
    board = factory.SubFactory(BoardFactory)
    role = BoardRole.Role.POLICY_OFFICER


class ActionFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionFollowUp

    action = factory.SubFactory(ActionFactory)
    meeting = factory.SubFactory(MeetingFactory)
    outcome = ActionFollowUp.Outcome.CARRIED_FORWARD


class NotesCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotesCorrection

    agenda_item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("agenda_item.meeting")
    reason = "A name was misspelt."
    before = "The board heard from Cllr Smyth."
    after = "The board heard from Cllr Smith."


class EndOfYearReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EndOfYearReport
        django_get_or_create = ["programme"]

    programme = factory.SubFactory(WorkProgrammeFactory)
    summary = "This paper sets out the board's end of year report."
    recommendation = "That members note the end of year report."


class ActivityParagraphFactory(factory.django.DjangoModelFactory):
    """An officer's own wording of an activity's paragraph in the report."""

    class Meta:
        model = ActivityParagraph

    report = factory.SubFactory(EndOfYearReportFactory)
    activity = factory.SubFactory(
        ActivityFactory, theme__programme=factory.SelfAttribute("...report.programme")
    )
    text = factory.Sequence(lambda n: f"Officer's own wording, paragraph {n}.")
