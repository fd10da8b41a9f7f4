"""Create the records an imported document describes, with the demo data's loader.

The loader's rules change in three ways for imports, because the database already holds
what clerks and officers recorded and the importer must never undo their work:
- an existing record is only filled in where it is blank, never overwritten;
- a meeting's notes become a draft at most (a scheduled meeting's notes become a draft;
  published ones stay published), and a programme is created "proposed";
- an agreed programme is the board's decision: the importer adds no theme or activity to
  it, only matches the ones it has.
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models

from boards.models import Authority, Board, BoardYear, Person
from meetings.models import AgendaItem, DeclarationOfInterest, Meeting
from reports.models import EndOfYearReport
from seed_data.loading import RecordLoader
from workplan.models import Activity, PriorityTheme, WorkProgramme

from .common import check_time, words_key

REPORT_FIELDS = [
    "summary",
    "recommendation",
    "plan_theme",
    "purpose",
    "wales_implications",
    "financial_implications",
    "equalities_implications",
    "next_steps",
]


def _blank(value) -> bool:
    return value is None or value == "" or value is False


class ImportLoader(RecordLoader):
    def __init__(self, board: Board) -> None:
        super().__init__()
        self.board = board
        self.notes: list[str] = []
        self.part = "the document"

    def load(self, data: dict) -> None:
        try:
            self.load_people(data)
            if "programme" in data:
                self.load_programme(data)
            if "report" in data:
                self.load_report(data["report"])
            if "meeting" in data:
                self.agree_earlier_notes(self.load_meeting(data), data["meeting"])
        except ValidationError as error:
            raise ValidationError(f"{self.part}: {'; '.join(_messages(error))}") from error
        except (ValueError, DatabaseError) as error:
            # A name the document uses but does not list, or a rule only the database keeps.
            raise ValidationError(f"{self.part}: {error}") from error

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        check_time()  # the trial load counts towards the file's reading time
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            return self.create(model, {**lookup, **values})
        fill = {
            name: value
            for name, value in values.items()
            if not _blank(value) and _blank(getattr(obj, obj._meta.get_field(name).attname))
        }
        if model is Meeting:
            fill.pop("notes_status", None)
            if obj.notes_status == Meeting.NotesStatus.SCHEDULED:
                fill["notes_status"] = Meeting.NotesStatus.DRAFT
        return self.change(obj, fill)

    def load_people(self, data: dict) -> None:
        for year in data.get("year", []):
            self.years[year["label"]] = self.upsert(
                BoardYear,
                {"start_year": int(year["label"][:4])},
                {"starts_on": year["starts_on"], "ends_on": year["ends_on"]},
            )
        for a in data.get("authority", []):
            self.upsert(Authority, {"name": a["name"]})
        for p in data.get("person", []):
            self.part = f"person {p['name']}"
            values = {
                "honorific": p.get("honorific", ""),
                "post_nominals": p.get("post_nominals", ""),
                "kind": p.get("kind") or Person.Kind.GUEST,
                "authority": Authority.objects.filter(name=p["authority"]).first()
                if p.get("authority")
                else None,
                "job_title": p.get("job_title", "")[:200],
                "organisation": p.get("organisation", "")[:200],
            }
            known = (
                Person.objects.filter(pk=p.get("person_id")).first() if p.get("person_id") else None
            )
            known = known or Person.objects.filter(name=p["name"]).first()
            if known is None:
                self.people[p["name"]] = self.create(Person, {"name": p["name"], **values})
            else:
                values.pop("kind")  # someone's kind is the clerks' call once recorded
                self.people[p["name"]] = self.upsert(Person, {"pk": known.pk}, values)
        super().load_people({"membership": data.get("membership", [])})

    def load_programme(self, data: dict) -> WorkProgramme:
        p = data["programme"]
        self.part = f"the {p['year']} work programme"
        existing = WorkProgramme.objects.filter(board=self.board, year=self.year(p["year"])).first()
        programme = existing or self.create(
            WorkProgramme,
            {
                "board": self.board,
                "year": self.year(p["year"]),
                "status": "proposed",
                "note": p["note"],
            },
        )
        agreed = programme.status == WorkProgramme.Status.AGREED
        activities = list(
            Activity.objects.filter(theme__programme=programme).select_related("theme")
        )
        themes = list(programme.themes.all())
        skipped = 0
        for t in data.get("theme", []):
            theme = next((x for x in themes if words_key(x.title) == words_key(t["title"])), None)
            for a in t.get("activity", []):
                self.part = f"line {a.get('line', '?')}, activity “{a['title'][:60]}”"
                found = _matching(activities, a["title"])
                if found is not None:
                    self.upsert(Activity, {"pk": found.pk}, _activity_values(a))
                    continue
                if agreed:
                    skipped += 1
                    continue
                if theme is None:
                    theme = self.create(
                        PriorityTheme,
                        {"programme": programme, "title": t["title"], "order": len(themes) + 1},
                    )
                    themes.append(theme)
                order = sum(1 for x in activities if x.theme_id == theme.pk) + 1
                activity = self.create(
                    Activity,
                    {"theme": theme, "title": a["title"], "order": order, **_activity_values(a)},
                )
                activities.append(activity)
        if skipped:
            self.notes.append(
                f"The {p['year']} work programme is agreed: {skipped} activities it does not "
                "have were left out. Propose them on the programme page if they are wanted."
            )
        return programme

    def load_report(self, r: dict) -> None:
        self.part = f"the {r['year']} end-of-year report"
        programme = WorkProgramme.objects.filter(
            board=self.board, year=self.year(r["year"])
        ).first()
        programme = programme or self.create(
            WorkProgramme, {"board": self.board, "year": self.year(r["year"]), "status": "proposed"}
        )
        values = {name: r.get(name, "") for name in REPORT_FIELDS}
        values["contact_officer"] = self.people.get(r.get("contact_officer", ""))
        self.upsert(EndOfYearReport, {"programme": programme}, values)

    def load_meeting(self, data: dict) -> Meeting:
        self.part = f"the meeting of {data['meeting']['date']:%-d %B %Y}"
        meeting = super().load_meeting(data)
        # The document's items may sit among ones already recorded: order them all by number.
        meeting.reorder_items()
        return meeting

    def load_item(self, meeting: Meeting, order: int, i: dict) -> AgendaItem:
        self.part = f"line {i.get('line', '?')}, item {i['number']}"
        return super().load_item(meeting, order, i)

    def set_presenters(self, item: AgendaItem, presenters: list[Person]) -> None:
        if presenters and not item.presenters.exists():
            item.presenters.set(presenters)

    def load_declaration(self, meeting: Meeting, d: dict, items: dict) -> None:
        # Notes word an interest differently each time it is typed: one a person a meeting.
        person = self.person(d["person"])
        if not DeclarationOfInterest.objects.filter(meeting=meeting, person=person).exists():
            self.create(
                DeclarationOfInterest,
                {
                    "meeting": meeting,
                    "person": person,
                    "interest": d["interest"],
                    "agenda_item": items.get(d.get("item") or ""),
                },
            )

    def agree_earlier_notes(self, meeting: Meeting, m: dict) -> None:
        """Item "notes of the previous meeting": record that this meeting agreed them, when
        those notes are published here (agreeing unpublished notes would publish them)."""
        agreed = m.get("agrees_notes_of")
        if not agreed or not agreed.get("date"):
            return
        earlier = Meeting.objects.filter(board=self.board, date=agreed["date"]).first()
        if earlier and earlier.notes_status == Meeting.NotesStatus.PUBLISHED:
            earlier.record_notes_agreed(at_meeting=meeting, amendment=agreed.get("amendment", ""))
            self.summary.updated["meetings"] += 1
        elif not (earlier and earlier.notes_agreed_at_id == meeting.pk):
            self.notes.append(
                f"The notes of {agreed['date']:%-d %B %Y} were agreed at this meeting, but they "
                "are not published here, so that is recorded as a decision only."
            )


def _activity_values(a: dict) -> dict:
    return {
        "description": a.get("description", ""),
        "status": "proposed",
        "indicative_timing": a.get("indicative_timing", "")[:300],
        "resource_requirement": a.get("resource_requirement", ""),
    }


def _matching(activities: list[Activity], title: str) -> Activity | None:
    """The programme's activity of the same title; titles cut short by the first full stop
    (as the papers and the records often do) match the longer one."""
    key = words_key(title)
    for activity in activities:
        existing = words_key(activity.title)
        shorter, longer = sorted([key, existing], key=len)
        if existing == key or (len(shorter.split()) >= 5 and longer.startswith(shorter)):
            return activity
    return None


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {' '.join(m)}" for name, m in error.message_dict.items()]
    return error.messages
