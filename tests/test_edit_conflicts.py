"""Two people edit the same record at once. The first save wins; the second is refused with
409 and told what changed meanwhile, and nothing of theirs is saved until they save again
from the refreshed form, which is then a deliberate choice."""

import datetime
import re
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from meetings.models import AgendaItem, Meeting
from workplan.models import Activity

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this while you were editing"


class FormReader(HTMLParser):
    """The fields of each form on a page, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea = self._select = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "button") or (
                kind in ("checkbox", "radio") and "checked" not in attrs
            ):
                return
            self.forms[-1].append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.forms[-1].append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the newline that starts a textarea's content.
            value = self._text[1:] if self._text.startswith("\n") else self._text
            self.forms[-1].append((self._textarea, value))
            self._textarea = None
        elif tag == "select":
            self._select = None


def edit_form(response) -> dict:
    """The edit form's fields (the form with the hidden version)."""
    reader = FormReader()
    reader.feed(response.content.decode())
    for fields in reader.forms:
        if any(name == "version" for name, _ in fields):
            data: dict = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return {k: v if len(v) > 1 else v[0] for k, v in data.items()}
    raise AssertionError("no edit form on the page")


def conflict_rows(response) -> list[tuple[str, str, str]]:
    """The "Changed meanwhile" table: (field, when you started, saved meanwhile)."""
    html = response.content.decode()
    table = html[html.index("Changed meanwhile") : html.index("</table>")]
    rows = re.findall(
        r'<th scope="row"[^>]*>(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>', table, re.S
    )
    return [tuple(unescape(cell).strip() for cell in row) for row in rows]


@pytest.fixture
def sscb(world, signed_in):
    """The world's activity, and a meeting with an item, its paper, a decision and an action.
    person(role) is someone new in that role on the board, signed in."""
    activity = world.activity  # "Tackle modern slavery", led by Olu Adeyemi
    sam = f.OfficerFactory(name="Sam Colleague")
    # Notes being written up: published ones are changed by a correction, with a reason
    # (tests/test_notes_corrections.py).
    meeting = f.MeetingFactory(
        board=world.board,
        date=datetime.date(2022, 11, 8),
        venue="Smith Square",
        notes_status="draft",
    )
    item = f.AgendaItemFactory(meeting=meeting, number="8", title="Modern slavery")
    f.PaperFactory(agenda_item=item, title="Statutory guidance")
    f.DecisionFactory(agenda_item=item, text="Members agreed the approach.")
    f.ActionFactory(agenda_item=item, text="Officers to draft a response")

    def person(role):
        return signed_in(f.BoardRoleFactory(board=world.board, role=role).user)

    return SimpleNamespace(**locals())


# What each person changes, and the row the second one is shown.
CASES = {
    "activity": SimpleNamespace(
        role="policy_officer",
        url=lambda w: f"/manage/activities/{w.activity.pk}/edit/",
        record=lambda w: Activity.objects.get(pk=w.activity.pk),
        first=lambda w: {"lead_officer": str(w.sam.pk)},
        second={"indicative_timing": "By the spring"},
        row=("Lead officer", "Olu Adeyemi", "Sam Colleague"),
        saved_first=lambda record, w: record.lead_officer == w.sam,
        saved_second=lambda record: record.indicative_timing == "By the spring",
    ),
    "meeting": SimpleNamespace(
        role="clerk",
        url=lambda w: f"/manage/meetings/{w.meeting.pk}/edit/",
        record=lambda w: Meeting.objects.get(pk=w.meeting.pk),
        first=lambda w: {"venue": "Online"},
        second={"start_time": "14:00"},
        row=("Venue", "Smith Square", "Online"),
        saved_first=lambda record, w: record.venue == "Online",
        saved_second=lambda record: record.start_time == datetime.time(14, 0),
    ),
    "agenda item": SimpleNamespace(
        role="clerk",
        url=lambda w: f"/manage/items/{w.item.pk}/edit/",
        record=lambda w: AgendaItem.objects.get(pk=w.item.pk),
        first=lambda w: {"title": "Modern slavery: statutory guidance"},
        second={"introduction": "Officers introduced the paper."},
        row=("Title", "Modern slavery", "Modern slavery: statutory guidance"),
        saved_first=lambda record, w: record.title == "Modern slavery: statutory guidance",
        saved_second=lambda record: record.introduction == "Officers introduced the paper.",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_second_save_is_refused_then_can_be_made_deliberately(sscb, case):
    first, second = sscb.person(case.role), sscb.person(case.role)
    url = case.url(sscb)
    first_form = edit_form(first.get(url))
    second_form = edit_form(second.get(url))
    assert first_form["version"] == second_form["version"]

    assert first.post(url, first_form | case.first(sscb)).status_code == 302
    response = second.post(url, second_form | case.second)

    assert response.status_code == 409
    assert CONFLICT in text(response)
    assert "Your changes have not been saved" in text(response)
    assert case.row in conflict_rows(response)
    record = case.record(sscb)
    assert case.saved_first(record, sscb)
    assert not case.saved_second(record)

    # The refused form keeps what the second person typed, on top of the new version.
    refreshed = edit_form(response)
    assert refreshed["version"] == str(record.version)
    assert all(refreshed[name] == value for name, value in case.second.items())
    assert second.post(url, refreshed).status_code == 302
    record = case.record(sscb)
    assert case.saved_second(record)
    # Saving the whole form replaces what the first person saved: a deliberate choice.
    assert not case.saved_first(record, sscb)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_saving_twice_from_the_same_page_is_refused_too(sscb, case):
    """A double click, or the back button: the second copy is out of date."""
    editor = sscb.person(case.role)
    url = case.url(sscb)
    form = edit_form(editor.get(url)) | case.first(sscb)
    assert editor.post(url, form).status_code == 302
    version = case.record(sscb).version
    assert editor.post(url, form).status_code == 409
    assert case.record(sscb).version == version


@pytest.mark.parametrize(("version", "status"), [("", 409), ("0", 409), ("-1", 409), ("abc", 200)])
def test_an_edit_without_a_good_version_saves_nothing(sscb, version, status):
    officer = sscb.person("policy_officer")
    url = f"/manage/activities/{sscb.activity.pk}/edit/"
    form = edit_form(officer.get(url)) | {"title": "Overwritten", "version": version}
    response = officer.post(url, form)
    assert response.status_code == status
    assert Activity.objects.get(pk=sscb.activity.pk).title == "Tackle modern slavery"


def test_a_progress_update_posted_meanwhile_refuses_a_stale_edit(sscb):
    """The update changed the activity's status, so an edit begun before it is refused."""
    editor, updater = sscb.person("policy_officer"), sscb.person("policy_officer")
    url = f"/manage/activities/{sscb.activity.pk}/edit/"
    form = edit_form(editor.get(url))
    response = updater.post(
        f"/manage/activities/{sscb.activity.pk}/update/",
        {
            "text": "Finished.",
            "date_day": "1",
            "date_month": "3",
            "date_year": "2023",
            "status": "complete",
            "rag": "green",
        },
    )
    assert response.status_code == 302
    response = editor.post(url, form | {"title": "Renamed"})
    assert response.status_code == 409
    assert CONFLICT in text(response)
    activity = Activity.objects.get(pk=sscb.activity.pk)
    assert (activity.title, activity.status) == ("Tackle modern slavery", "complete")


def test_the_refused_item_form_keeps_its_paper_decisions_and_actions(sscb):
    first, second = sscb.person("clerk"), sscb.person("clerk")
    url = f"/manage/items/{sscb.item.pk}/edit/"
    first_form, second_form = edit_form(first.get(url)), edit_form(second.get(url))
    assert first_form["paper-title"] == "Statutory guidance"
    assert first_form["decisions-0-text"] == "Members agreed the approach."
    first.post(url, first_form | {"number": "9"})
    response = second.post(url, second_form | {"decisions-0-text": "Members noted it."})
    assert response.status_code == 409
    assert ("Number", "8", "9") in conflict_rows(response)
    refreshed = edit_form(response)
    assert refreshed["decisions-0-text"] == "Members noted it."
    assert sscb.item.decisions.get().text == "Members agreed the approach."
    assert second.post(url, refreshed).status_code == 302
    assert sscb.item.decisions.get().text == "Members noted it."
