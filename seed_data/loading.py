"""Save a board's records from the dict shapes of demo_data/FORMAT.md.

Every record is found by its natural key (a person's name, a meeting's date, an item's
number...) and saved only when something differs, so loading the same data twice leaves the
database, its change history included, exactly as it was. The demo loader reads the shapes
from TOML files; the document importer (imports/) produces the same shapes from papers and
notes, and changes a few of the rules below by overriding the small methods.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from boards.models import Authority, Board, BoardYear, Membership, Person
from meetings.models import (
    Action,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    Paper,
)
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme


@dataclass
class LoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated))
        return [f"{n}: {self.created[n]} created, {self.updated[n]} updated" for n in names]


class RecordLoader:
    """Loads the FORMAT.md shapes for one board. Callers own the transaction."""

    board: Board

    def __init__(self) -> None:
        self.summary = LoadSummary()
        self.people: dict[str, Person] = {}
        self.years: dict[str, BoardYear] = {}

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        """Create the record, or bring an existing one up to date; save only on change."""
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            return self.create(model, {**lookup, **values})
        changed = [name for name, value in values.items() if not _same(obj, name, value)]
        return self.change(obj, {name: values[name] for name in changed})

    def create(self, model: type[models.Model], values: dict):
        obj = model(**values)
        obj.full_clean()
        obj.save()
        self.summary.created[model._meta.verbose_name_plural] += 1
        return obj

    def change(self, obj: models.Model, values: dict):
        if values:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.full_clean()
            obj.save()
            self.summary.updated[type(obj)._meta.verbose_name_plural] += 1
        return obj

    def person(self, name: str) -> Person:
        try:
            return self.people[name]
        except KeyError:
            raise ValueError(f"{name!r} is not listed as a [[person]] in board.toml") from None

    def year(self, label: str) -> BoardYear:
        try:
            return self.years[label]
        except KeyError:
            raise ValueError(f"{label!r} is not listed as a [[year]] in board.toml") from None

    def load_board(self, data: dict) -> Board:
        board_data = dict(data["board"])
        self.board = self.upsert(Board, {"slug": board_data.pop("slug")}, board_data)
        self.load_people(data)
        return self.board

    def load_people(self, data: dict) -> None:
        """The years, authorities, people and memberships of board.toml."""
        for year in data.get("year", []):
            start_year = int(year["label"][:4])
            self.years[year["label"]] = self.upsert(
                BoardYear,
                {"start_year": start_year},
                {"starts_on": year["starts_on"], "ends_on": year["ends_on"]},
            )
        authorities = {
            a["name"]: self.upsert(Authority, {"name": a["name"]})
            for a in data.get("authority", [])
        }
        for p in data.get("person", []):
            values = {
                "honorific": p.get("honorific", ""),
                "post_nominals": p.get("post_nominals", ""),
                "kind": p.get("kind", Person.Kind.COUNCILLOR),
                "authority": authorities[p["authority"]] if p.get("authority") else None,
                "job_title": p.get("job_title", ""),
                "organisation": p.get("organisation", ""),
            }
            self.people[p["name"]] = self.upsert(Person, {"name": p["name"]}, values)
        for m in data.get("membership", []):
            self.upsert(
                Membership,
                {
                    "person": self.person(m["person"]),
                    "board": self.board,
                    "year": self.year(m["year"]),
                    "role": m["role"],
                },
            )

    def load_programme(self, data: dict) -> WorkProgramme:
        p = data["programme"]
        budget = p.get("policy_budget")
        programme = self.upsert(
            WorkProgramme,
            {"board": self.board, "year": self.year(p["year"])},
            {
                "status": p["status"],
                "agreed_on": p.get("agreed_on"),
                "note": p.get("note", ""),
                "policy_budget": None if budget is None else Decimal(budget),
            },
        )
        for theme_order, t in enumerate(data.get("theme", []), start=1):
            theme = self.load_theme(programme, theme_order, t)
            for order, a in enumerate(t.get("activity", []), start=1):
                self.load_activity(theme, order, a)
        return programme

    def load_theme(self, programme: WorkProgramme, order: int, t: dict) -> PriorityTheme:
        return self.upsert(
            PriorityTheme,
            {"programme": programme, "title": t["title"]},
            {"order": order, "description": t.get("description", "")},
        )

    def load_activity(self, theme: PriorityTheme, order: int, a: dict) -> Activity:
        earlier = a.get("carried_forward_from")
        budget = a.get("budget_allocated")
        activity = self.upsert(
            Activity,
            {"theme": theme, "title": a["title"]},
            {
                "order": order,
                "description": a.get("description", ""),
                "status": a.get("status", "proposed"),
                "rag": a.get("rag", ""),
                "lead_officer": self.person(a["lead_officer"]) if a.get("lead_officer") else None,
                "indicative_timing": a.get("indicative_timing", ""),
                "resource_requirement": a.get("resource_requirement", ""),
                "budget_allocated": None if budget is None else Decimal(budget),
                "carried_forward_from": self.activity(earlier) if earlier else None,
            },
        )
        for u in a.get("update", []):
            self.upsert(
                ProgressUpdate,
                {"activity": activity, "date": u["date"], "text": u["text"].strip()},
                {
                    "status": u.get("status", activity.status),
                    "rag": u.get("rag", activity.rag),
                    "author": self.person(u["author"]) if u.get("author") else None,
                },
            )
        return activity

    def activity(self, ref: dict) -> Activity:
        return Activity.objects.get(
            theme__programme__board=self.board,
            theme__programme__year=self.year(ref["year"]),
            title=ref["title"],
        )

    def load_meeting(self, data: dict) -> Meeting:
        m = data["meeting"]
        meeting = self.upsert(
            Meeting,
            {"board": self.board, "kind": m.get("kind", Meeting.Kind.BOARD), "date": m["date"]},
            {
                "start_time": m.get("start_time"),
                "venue": m.get("venue", ""),
                "notes_status": m.get("notes_status", Meeting.NotesStatus.SCHEDULED),
                "notes_agreed_at": None,
                "notes_amendment": "",
            },
        )
        if (
            m.get("next_meeting_on")
            and not Meeting.objects.filter(
                board=self.board, kind=meeting.kind, date=m["next_meeting_on"]
            ).exists()
        ):
            self.upsert(
                Meeting, {"board": self.board, "kind": meeting.kind, "date": m["next_meeting_on"]}
            )
        for a in data.get("attendance", []):
            substitute_for = a.get("substitute_for")
            self.upsert(
                Attendance,
                {"meeting": meeting, "person": self.person(a["person"])},
                {
                    "status": a["status"],
                    "substitute_for": self.person(substitute_for) if substitute_for else None,
                },
            )
        items = {}
        for order, i in enumerate(data.get("item", []), start=1):
            items[i["number"]] = self.load_item(meeting, order, i)
        for d in data.get("declaration", []):
            self.load_declaration(meeting, d, items)
        return meeting

    def load_declaration(self, meeting: Meeting, d: dict, items: dict) -> None:
        self.upsert(
            DeclarationOfInterest,
            {"meeting": meeting, "person": self.person(d["person"]), "interest": d["interest"]},
            {"agenda_item": items[d["item"]] if d.get("item") else None},
        )

    def load_item(self, meeting: Meeting, order: int, i: dict) -> AgendaItem:
        item = self.upsert(
            AgendaItem,
            {"meeting": meeting, "number": i["number"]},
            {
                "order": order,
                "title": i["title"],
                "is_confidential": i.get("confidential", False),
                "confidential_reason": i.get("confidential_reason", ""),
                "title_is_confidential": i.get("title_confidential", False),
                "introduction": i.get("introduction", "").strip(),
                "discussion_points": "\n".join(p.strip() for p in i.get("discussion_points", [])),
            },
        )
        self.set_presenters(item, [self.person(name) for name in i.get("presenters", [])])
        if "paper" in i:
            self.load_paper(item, i["paper"])
        for order, text in enumerate(i.get("decisions", []), start=1):
            self.upsert(Decision, {"agenda_item": item, "order": order}, {"text": text.strip()})
        for order, a in enumerate(i.get("actions", []), start=1):
            owner = self.people.get(a.get("owner", ""))
            self.upsert(
                Action,
                {"agenda_item": item, "order": order},
                {
                    "text": a["text"].strip(),
                    "owner": owner,
                    "owner_team": "" if owner else a.get("owner", "Officers"),
                    "due_date": a.get("due"),
                },
            )
        for link in i.get("activities", []):
            self.upsert(
                ActivityReport,
                {"agenda_item": item, "activity": self.activity(link)},
                {"note": link.get("note", "")},
            )
        return item

    def set_presenters(self, item: AgendaItem, presenters: list[Person]) -> None:
        if {p.pk for p in presenters} != set(item.presenters.values_list("pk", flat=True)):
            item.presenters.set(presenters)

    def load_paper(self, item: AgendaItem, p: dict) -> None:
        text_fields = [
            "summary",
            "recommendation",
            "body",
            "wales_implications",
            "financial_implications",
            "equalities_implications",
            "next_steps",
        ]
        values = {name: p.get(name, "").strip() for name in text_fields}
        values |= {
            "title": p.get("title", item.title),
            "purpose": p["purpose"],
            "is_confidential": p.get("confidential", False),
            "contact_officer": self.person(p["contact_officer"])
            if p.get("contact_officer")
            else None,
        }
        self.upsert(Paper, {"agenda_item": item}, values)


def _same(obj: models.Model, name: str, value: Any) -> bool:
    field_ = obj._meta.get_field(name)
    if field_.is_relation:
        return getattr(obj, field_.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value
