"""Nothing of a confidential item, of an item whose paper alone is confidential, of an exempt
file of a public item, or of draft notes reaches anonymous visitors or members of other boards:
not on pages, search results, feeds, CSV exports, the API, papers' downloads, the agenda packs, the end-of-year
report's copies or stored public pages.

The rows to hide are found by walking the models' relations from those three records, not from
a hand list: one row of every model that belongs to them, down every level, with each text
field holding a unique marker, their change-history rows included. Keys the other way (an
item's meeting, presenters and activities) lead to records public in their own right, which
stay unmarked. A new model or text field is covered without editing this test.
"""

import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

import factory
import pytest
from django.core.cache import cache
from django.db import models
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from boards.models import Person
from imports.models import ImportedDocument
from meetings.models import (
    Action,
    ActionFollowUp,
    ActivityReport,
    AgendaItem,
    Meeting,
    Paper,
    PaperFile,
)
from papers.models import AgendaPack
from reminders.models import Reminder
from reminders.services import run_round
from reports.builder import all_paragraphs
from reports.models import ReportVersion, ReviewComment
from seed_data.paper_documents import pdf_paper
from workplan.models import Activity

from . import factories as f
from .reading import plain
from .test_security_crawl import crawl

pytestmark = pytest.mark.django_db

MARK = "QMK"
MARKER = re.compile(rf"{MARK}\d+Z")
REPORT = "/boards/sscb/2022-23/report/"
PUBLISHED = "/boards/sscb/meetings/2022-11-08/"
REPORT_COPIES = (
    REPORT,
    f"{REPORT}draft/",
    *(f"{REPORT}versions/1/{k}" for k in ("", "docx/", "pdf/")),
)
# The walk must reach at least these; it finds more as models are added.
EXPECTED_MODELS = {
    f"meetings.{prefix}{name}"
    for name in (
        "AgendaItem",
        "Paper",
        "PaperFile",
        "Decision",
        "Action",
        "ActionFollowUp",
        "ActivityReport",
        "DeclarationOfInterest",
        "Attendance",
    )
    for prefix in ("", "Historical")
}
# Rows of the board's members and staff that are no part of a meeting, planted beside them.
EXPECTED_MODELS |= {
    "reports.ReviewComment",
    "reports.ReportVersion",
    "imports.ImportedDocument",
    "reminders.Reminder",
    "meetings.PaperFile",
    "papers.AgendaPack",
}
FACTORIES: dict = {}
for _factory in vars(f).values():  # the first factory of a model is its plain one
    if isinstance(_factory, type) and issubclass(_factory, factory.django.DjangoModelFactory):
        FACTORIES.setdefault(_factory._meta.model, _factory)


def text_fields(model) -> list[models.Field]:
    """The fields someone could type words into. Left out, because a marker cannot go there or
    would not be words: fields with choices (one of a fixed set of codes), and slugs, e-mail
    and web addresses (validated to a format; they name a record rather than say anything)."""
    formatted = (models.SlugField, models.EmailField, models.URLField)
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not isinstance(field, formatted)
        and not field.primary_key
    ]


def parts_of(model) -> list[models.ForeignObjectRel]:
    """The relations of rows that are part of a row of `model`: every reverse one-to-one and
    one-to-many key, except nullable keys the database protects, which say where something was
    done to another record (notes agreed at a meeting, an action closed at one) rather than
    what the row is part of. Keys declared without a way back (related_name "+", as the
    change history's are) point at a record, they are not part of it."""
    return [
        rel
        for rel in model._meta.related_objects
        if not rel.many_to_many and not (rel.field.null and rel.on_delete is models.PROTECT)
    ]


def history_of(model):
    try:
        return get_history_model_for_model(model)
    except NotHistoricalModelError:
        return None


class Marked(NamedTuple):
    """Where a marker is: a field of a row of a hidden record."""

    model: str
    field: str
    record: str

    def __str__(self) -> str:
        return f"{self.model}.{self.field} ({self.record})"


@dataclass
class Hidden:
    """A record readers may not see, and what of it they may: model -> names of the fields
    shown, or "*" for the whole row. `settings` are the values that make rows hidden."""

    label: str
    shown: dict
    settings: dict


class Planter:
    """Creates the rows of hidden records with a unique marker in every text field."""

    def __init__(self, shared: dict) -> None:
        self.shared = shared  # model -> a public row to use for keys nothing else fills
        self.markers: dict[str, Marked] = {}
        self.models: set[str] = set()

    def values(self, model, record: Hidden, skip=()) -> dict[str, str]:
        """A new marker for each text field of `model` the record's readers may not see."""
        shown = record.shown.get(model, ())
        values = {}
        for text_field in text_fields(model):
            if shown != "*" and text_field.name not in shown and text_field.name not in skip:
                values[text_field.name] = self.marker(model, text_field.name, record)
        return values

    def marker(self, model, field: str, record: Hidden) -> str:
        """A new marker, for a value put in a field by hand."""
        marker = f"{MARK}{len(self.markers)}Z"
        self.markers[marker] = Marked(model._meta.label, field, record.label)
        self.models.add(model._meta.label)
        return marker

    def add(self, model, record: Hidden, **keys):
        """One row of `model`: marked, with its keys; its factory (or defaults) fill the rest."""
        values = self.values(model, record) | record.settings.get(model, {}) | keys
        factory = FACTORIES.get(model)
        row = factory(**values) if factory else model.objects.create(**values)
        self.models.add(model._meta.label)
        history = history_of(model)
        if history is not None:
            # Its change-history rows copy its fields; their own (the reason for a change) are
            # marked here.
            own = [field.name for field in text_fields(model)]
            history.objects.filter(id=row.pk).update(**self.values(history, record, skip=own))
            self.models.add(history._meta.label)
        return row

    def walk(self, row, record: Hidden, family: dict, path: tuple = ()) -> None:
        """Create one row of every model that is part of `row`, and so on down. Keys to a model
        of the family (the row, its ancestors, the meeting) point there, other required keys
        to a shared public row; optional keys stay empty."""
        model = type(row)
        family = family | {model: row}
        for rel in parts_of(model):
            part = rel.related_model
            if part in path or part is model:
                continue
            keys = {rel.field.name: row}
            for key in part._meta.concrete_fields:
                if key.is_relation and not key.null and key.name not in keys:
                    target = family.get(key.related_model, self.shared.get(key.related_model))
                    if target is not None:  # else the factory makes one
                        keys[key.name] = target
            self.walk(self.add(part, record, **keys), record, family, (*path, model))


CONFIDENTIAL_ITEM = Hidden(
    "confidential item",
    shown={AgendaItem: {"number"}},  # "9 Confidential item", its title withheld too
    settings={AgendaItem: {"is_confidential": True, "title_is_confidential": True}},
)
CONFIDENTIAL_PAPER = Hidden(
    "confidential paper",
    shown={AgendaItem: {"number", "title"}},
    settings={Paper: {"is_confidential": True}},
)
# The agenda is public before the notes are: the meeting, its items' numbers and titles, their
# papers and the activities they reported on.
# The files of its papers are part of the agenda, and so is its public pack.
DRAFT_NOTES = Hidden(
    "draft notes",
    shown={
        Meeting: "*",
        AgendaItem: {"number", "title", "urgency_reason"},
        Paper: "*",
        PaperFile: "*",
        AgendaPack: "*",
        ActivityReport: "*",
    },
    settings={},
)
# A confidential appendix (Schedule 12A paragraph 3) of a public item, with markers in its
# words as well as its fields: the public pack puts "Not for publication" in its place.
EXEMPT_FILE = Hidden(
    "exempt file of a public item",
    shown={},
    settings={PaperFile: {"is_confidential": True, "schedule_12a_paragraph": 3}},
)
# An item public when the report was sent, made confidential (title too) afterwards.
MADE_CONFIDENTIAL_LATER = Hidden(
    "item made confidential after the report was sent",
    shown={AgendaItem: {"number"}},
    settings={},
)
# A file of a public item, confidential alone: the public reads "Not for publication" and its
# Schedule 12A paragraph where it would be, never its title, words or file.
CONFIDENTIAL_FILE = Hidden(
    "confidential file",
    shown={},
    settings={PaperFile: {"is_confidential": True, "schedule_12a_paragraph": 3}},
)
# Members' comments on a sent report, and the members' copy of each version.
MEMBERS_REVIEW = Hidden("members' review and copy", shown={}, settings={})
# What staff and owners alone read: imported documents and reminder e-mails.
STAFF_ONLY = Hidden("staff and owners only", shown={}, settings={})


@pytest.fixture
def planted(world, signed_in) -> Planter:
    """A published meeting of the board with a confidential item (number 9) and an item whose
    paper alone is confidential (10), and a meeting whose notes are a draft, each with one row
    of everything that can be part of it; then version 1 of the end-of-year report, published
    with them all in. Besides: the confidential records' actions followed up, and one closed,
    at a later public meeting; an item (11) public when the report was sent and made
    confidential afterwards; members' comments on the report and a marker in its members'
    copy; an imported document and a reminder."""
    presenter = f.OfficerFactory(name="Pat Presenter")
    published = f.MeetingFactory(board=world.board, date=datetime.date(2022, 11, 8))
    later = f.MeetingFactory(board=world.board, date=datetime.date(2023, 1, 24))
    welcome = f.AgendaItemFactory(meeting=published, number="1", title="Welcome")
    shared = {
        Meeting: later,
        AgendaItem: welcome,
        Action: f.ActionFactory(agenda_item=welcome, text="Officers to write to the chair"),
        Person: presenter,
        Activity: world.activity,
    }
    planter = Planter(shared)
    words = planter.marker(PaperFile, "file", EXEMPT_FILE)
    planter.add(
        PaperFile,
        EXEMPT_FILE,
        agenda_item=welcome,
        role=PaperFile.Role.APPENDIX,
        content=pdf_paper("Appendix", [f"Bids from providers: {words}."]),
    )
    for record, number in ((CONFIDENTIAL_ITEM, "9"), (CONFIDENTIAL_PAPER, "10")):
        item = planter.add(AgendaItem, record, meeting=published, number=number)
        item.presenters.add(presenter)
        planter.walk(item, record, family={Meeting: published})
    # Beside the confidential items' files (public or not, the walk makes one of each item):
    # a confidential appendix of the public item 1, next to its public paper.
    f.PaperFileFactory(agenda_item=welcome, title="Welcome paper")
    planter.add(PaperFile, CONFIDENTIAL_FILE, agenda_item=welcome, role="appendix")
    draft = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 3, 14), notes_status="draft"
    )
    planter.walk(draft, DRAFT_NOTES, family={})
    # Matters arising at the later, public meeting: what became of the confidential records'
    # actions is as confidential as they are. One is carried forward, one closed there.
    for record, number in ((CONFIDENTIAL_ITEM, "9"), (CONFIDENTIAL_PAPER, "10")):
        item = published.items.get(number=number)
        carried = f.ActionFactory(agenda_item=item, text=planter.marker(Action, "text", record))
        planter.add(ActionFollowUp, record, action=carried, meeting=later)
        closed = f.ActionFactory(agenda_item=item, text=planter.marker(Action, "text", record))
        note = planter.marker(Action, "closing_note", record)
        closed.follow_up(at_meeting=later, outcome="done", note=note)
    # Reported on the activity, so the report's paragraphs link to it.
    late = planter.add(AgendaItem, MADE_CONFIDENTIAL_LATER, meeting=published, number="11")
    late.presenters.add(presenter)
    planter.walk(late, MADE_CONFIDENTIAL_LATER, family={Meeting: published})

    # The report goes to a meeting's item, which the officer chooses before sending it.
    report_item = f.AgendaItemFactory(meeting=draft, number="12", title="End of year report")
    f.EndOfYearReportFactory(programme=world.programme, agenda_item=report_item)
    # A report with a paragraph still to write is not sent.
    f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office.")
    response = signed_in(world.officer).post(
        f"/manage/programmes/{world.programme.pk}/report/publish/"
    )
    assert response.status_code == 302
    late.is_confidential, late.title_is_confidential = True, True
    late.save()  # the public copy of version 1 is made again without it

    version = ReportVersion.objects.get()
    paragraph = next(all_paragraphs(version.content))
    paragraph["text"] += " " + planter.marker(ReportVersion, "content", MEMBERS_REVIEW)
    version.save()
    planter.add(
        ReviewComment,
        MEMBERS_REVIEW,
        version=version,
        paragraph=paragraph["number"],
        kind="question",
        author=world.member,
    )
    planter.add(ImportedDocument, STAFF_ONLY, board=world.board, kind="notes", parsed={})
    planter.add(Reminder, STAFF_ONLY, user=world.officer, kind="actions_due")
    return planter


def reachable(client, markers) -> dict[str, str]:
    """The text of every page the client reaches from the home page, the API and the
    end-of-year report's copies (feeds, calendars, CSV, JSON, Word and PDF included), and of a
    search for each marker."""
    pages = crawl(client, start=REPORT_COPIES)
    assert set(REPORT_COPIES) <= set(pages)
    for marker in markers:
        text = client.get("/search/", {"q": marker}).content.decode()
        if f"No results for “{marker}”" in text:  # the page repeats what was searched for
            text = text.replace(marker, "")
        pages[f"/search/?q={marker}"] = text
    return pages


def found(pages: dict[str, str], markers: dict[str, Marked]) -> dict[str, list[str]]:
    """Each marked field seen, with the addresses it was seen at."""
    seen: dict[str, list[str]] = {}
    for url, text in pages.items():
        for marker in set(MARKER.findall(text)) & set(markers):
            seen.setdefault(str(markers[marker]), []).append(url)
    return seen


def test_the_walk_reaches_every_part_of_the_hidden_records(planted):
    assert planted.models >= EXPECTED_MODELS


def test_anonymous_visitors_find_none_fresh_or_stored(planted, anonymous, settings):
    """Read twice with stored public pages on: rendered afresh, then from the store."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    try:
        fresh = reachable(anonymous, planted.markers)
        stored = reachable(anonymous, planted.markers)
    finally:
        cache.clear()
    assert found(fresh, planted.markers) == {}
    assert found(stored, planted.markers) == {}
    # The crawl read the public pack, with the exempt file's place in it.
    pack = plain(fresh[f"{PUBLISHED}agenda-pack.pdf"])
    assert "Not for publication" in pack and "paragraph 3 of Part 1 of Schedule 12A" in pack
    # Who declared an interest, and in which item, is public; what the interest is is not.
    assert re.search(r"item 9\b", plain(fresh["/boards/sscb/meetings/2022-11-08/"]))
    # Where the confidential appendix would be, the public reads that it is withheld.
    assert "Not for publication – appendix, exempt under Schedule 12A" in plain(
        fresh["/boards/sscb/meetings/2022-11-08/"]
    )


def test_exempt_files_are_not_found_at_their_addresses(planted, world, anonymous, signed_in):
    """Every download of an exempt file (confidential, or of a confidential item) is refused
    to the public and to other boards' members as if it did not exist; the board's member
    reads each. A public file beside them stays public."""
    exempt = list(PaperFile.objects.exempt())
    assert len(exempt) >= 4
    for client in (anonymous, signed_in(world.outsider)):
        for paper_file in exempt:
            assert client.get(paper_file.get_absolute_url()).status_code == 404
    member = signed_in(world.member)
    assert all(member.get(p.get_absolute_url()).status_code == 200 for p in exempt)
    public = PaperFile.objects.get(title="Welcome paper")
    assert anonymous.get(public.get_absolute_url()).status_code == 200


def test_a_member_of_another_board_finds_none(planted, world, signed_in):
    pages = reachable(signed_in(world.outsider), planted.markers)
    assert found(pages, planted.markers) == {}


def test_the_boards_own_member_reads_every_row(planted, world, signed_in):
    """The markers are there to leak: the board's member reads text of every hidden row.
    Change history is for officers and clerks, on the records' own pages."""
    pages = reachable(signed_in(world.member), planted.markers)
    seen = {planted.markers[marker] for text in pages.values() for marker in MARKER.findall(text)}
    rows = {
        (m.model, m.record)
        for m in planted.markers.values()
        if ".Historical" not in m.model and m.record != STAFF_ONLY.label
    }
    assert {(m.model, m.record) for m in seen} >= rows


def test_the_presenters_page_shows_neither_withheld_titles_nor_draft_attendance(planted, anonymous):
    """Pat presented the confidential items, title withheld, and the one made confidential
    later, and attended the meeting whose notes are a draft (the walk's shared person)."""
    person = Person.objects.get(name="Pat Presenter")
    assert person.attendance.filter(meeting__notes_status="draft").exists()
    page = anonymous.get(person.get_absolute_url()).content.decode()
    assert found({person.get_absolute_url(): page}, planted.markers) == {}
    assert "Confidential item" in plain(page)
    assert "14 March 2023" not in plain(page)


def test_reminders_to_an_owner_outside_the_board_carry_none(planted, world, mailoutbox):
    """The confidential records' open actions, given to an owner who holds no role on the
    board and due soon: the reminder round tells her, without their words."""
    owner = f.PersonFactory(name="Olive Owner", user=f.UserFactory(username="olive"))
    hidden = Action.objects.filter(
        agenda_item__meeting__date=datetime.date(2022, 11, 8), text__startswith=MARK, status="open"
    )
    assert hidden.update(owner=owner, owner_team="", due_date=datetime.date(2023, 2, 1)) >= 2
    run_round(today=datetime.date(2023, 1, 30))
    [digest] = [m for m in mailoutbox if m.to == [owner.user.email]]
    parts = {"text": digest.body, "html": digest.alternatives[0][0]}
    assert found(parts, planted.markers) == {}
    assert "Confidential – not for publication" in parts["html"]
