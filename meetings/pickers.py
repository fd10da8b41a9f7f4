"""The people pickers of the clerk's forms: whom they offer, how they name them, and fields
that check a choice against a list read once for the whole page."""

import datetime
import functools
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef

from boards.forms import WrittenSelect, listed_key
from boards.models import Authority, Board, BoardRole, BoardYear, Membership, Person
from boards.ordering import minutes_order
from workplan.models import Activity, PriorityTheme, WorkProgramme

from .models import Action, ActivityReport, AgendaItem, Attendance, Meeting, Paper


def tables(*models) -> dict[str, str]:
    """The written-out queries' tables, by model label ("meetings.Attendance"), quoted."""
    return {model._meta.label: connection.ops.quote_name(model._meta.db_table) for model in models}


def people_for_item(*, meeting: Meeting, item: AgendaItem) -> list[Person]:
    """Whom an item's presenter, paper contact and action owner pickers offer: the people at
    the meeting first (`at_meeting`: present, substituting or in attendance, not those who
    sent apologies), then the officers and guests who work with this board around the time of
    the meeting (leading its activities, attending or presenting at its meetings, from two
    years before it to one after; or holding a role on it), and whoever the item already
    names, so that a form sent back unchanged keeps them. Each has `presents_item` (the
    form's initial presenters) and `authority_name`. Not every officer of every board, nor
    of twenty years of one: at scale that is thousands of options in each picker."""
    rows = Person.objects.raw(
        people_for_item_sql(),
        {
            "meeting": meeting.pk,
            "item": item.pk,
            "board": meeting.board_id,
            "since": meeting.date - datetime.timedelta(days=731),
            "until": meeting.date + datetime.timedelta(days=366),
            "apologies": Attendance.Status.APOLOGIES,
            "officer": Person.Kind.OFFICER,
            "guest": Person.Kind.GUEST,
        },
    )
    return list(rows)


@functools.cache
def people_for_item_sql() -> str:
    """people_for_item's query, written out rather than built by the ORM, as the sign-in's
    is (boards/backends.py). It runs each time a clerk opens or saves an item: built by the
    ORM, with a join to the person in each part for their kind and the councils made as
    models, it took 10 ms at scale L (3 ms of it building and compiling the query); written
    out it takes 1.4 ms. Each reason is read by its own index and the ids united: one test of
    every reason on each person read the whole table of people (19,000 rows at scale XL)."""
    quote = connection.ops.quote_name
    table = tables(
        Person,
        Authority,
        Attendance,
        Meeting,
        AgendaItem,
        AgendaItem.presenters.through,
        Action,
        Paper,
        Activity,
        PriorityTheme,
        WorkProgramme,
        BoardYear,
        BoardRole,
    )
    attendance, presenters = table["meetings.Attendance"], table["meetings.AgendaItem_presenters"]
    # The columns by name, not *: a prepared query must keep its columns when a migration
    # adds one.
    columns = ", ".join(f"p.{quote(field.column)}" for field in Person._meta.concrete_fields)
    return f"""
        SELECT {columns}, a.name AS authority_name,
            EXISTS (SELECT 1 FROM {attendance} t WHERE t.meeting_id = %(meeting)s
                AND t.status <> %(apologies)s AND t.person_id = p.id) AS at_meeting,
            EXISTS (SELECT 1 FROM {presenters} t WHERE t.agendaitem_id = %(item)s
                AND t.person_id = p.id) AS presents_item
        FROM {table["boards.Person"]} p
        LEFT OUTER JOIN {table["boards.Authority"]} a ON a.id = p.authority_id
        WHERE p.id IN (
            SELECT t.person_id FROM {attendance} t
                WHERE t.meeting_id = %(meeting)s AND t.status <> %(apologies)s
            UNION ALL
            SELECT t.person_id FROM {presenters} t WHERE t.agendaitem_id = %(item)s
            UNION ALL
            SELECT t.owner_id FROM {table["meetings.Action"]} t WHERE t.agenda_item_id = %(item)s
            UNION ALL
            SELECT t.contact_officer_id FROM {table["meetings.Paper"]} t
                WHERE t.agenda_item_id = %(item)s
        ) OR (p.kind IN (%(officer)s, %(guest)s) AND p.id IN (
            SELECT t.lead_officer_id FROM {table["workplan.Activity"]} t
                JOIN {table["workplan.PriorityTheme"]} theme ON theme.id = t.theme_id
                JOIN {table["workplan.WorkProgramme"]} programme ON programme.id = theme.programme_id
                JOIN {table["boards.BoardYear"]} y ON y.id = programme.year_id
                WHERE programme.board_id = %(board)s AND y.starts_on BETWEEN %(since)s AND %(until)s
            UNION ALL
            SELECT holder.id FROM {table["boards.BoardRole"]} t
                JOIN {table["boards.Person"]} holder ON holder.user_id = t.user_id
                WHERE t.board_id = %(board)s
            UNION ALL
            SELECT t.person_id FROM {attendance} t
                JOIN {table["meetings.Meeting"]} m ON m.id = t.meeting_id
                WHERE m.board_id = %(board)s AND m.date BETWEEN %(since)s AND %(until)s
            UNION ALL
            SELECT t.person_id FROM {presenters} t
                JOIN {table["meetings.AgendaItem"]} i ON i.id = t.agendaitem_id
                JOIN {table["meetings.Meeting"]} m ON m.id = i.meeting_id
                WHERE m.board_id = %(board)s AND m.date BETWEEN %(since)s AND %(until)s
        ))
        ORDER BY at_meeting DESC, p.name, p.id
    """


class ActivityChoice(NamedTuple):
    """An activity as the item form's picker and suggestions read it."""

    pk: int
    title: str
    description: str
    modified: datetime.datetime
    theme_title: str
    start_year: int
    in_programme: bool
    is_linked: bool


def activities_for_item(item: AgendaItem) -> list[ActivityChoice]:
    """The activities an item may be linked to, in programme order: those of the programme
    of the year the meeting fell in (the latest programme of a year started by then), and
    those the item is linked to, whatever their year."""
    meeting = item.meeting
    with connection.cursor() as cursor:
        cursor.execute(
            activities_for_item_sql(),
            {"board": meeting.board_id, "day": meeting.date, "item": item.pk},
        )
        return [
            ActivityChoice(*row[:6], in_programme=bool(row[6]), is_linked=bool(row[7]))
            for row in cursor.fetchall()
        ]


@functools.cache
def activities_for_item_sql() -> str:
    """activities_for_item's query, written out as people_for_item_sql's is, for the same
    reason: the item form's groups of activities took 4 ms at scale L with it built by the
    ORM, and 1.4 ms with it written out.
    Rows rather than models: a programme's fifty activities made with their theme,
    programme and year took longer than the query. Their ids are a union of the two reasons,
    each read by its index: "in the programme OR linked" read every activity there is (40 ms
    at scale L)."""
    table = tables(Activity, PriorityTheme, WorkProgramme, BoardYear, Board, ActivityReport)
    order = connection.ops.quote_name("order")
    return f"""
        WITH programme AS (
            SELECT g.id FROM {table["workplan.WorkProgramme"]} g
            JOIN {table["boards.BoardYear"]} y ON y.id = g.year_id
            WHERE g.board_id = %(board)s AND y.starts_on <= %(day)s
            ORDER BY y.start_year DESC LIMIT 1
        )
        SELECT a.id, a.title, a.description, a.modified, theme.title, y.start_year,
            theme.programme_id IN (SELECT id FROM programme),
            EXISTS (SELECT 1 FROM {table["meetings.ActivityReport"]} r
                WHERE r.activity_id = a.id AND r.agenda_item_id = %(item)s)
        FROM {table["workplan.Activity"]} a
        JOIN {table["workplan.PriorityTheme"]} theme ON theme.id = a.theme_id
        JOIN {table["workplan.WorkProgramme"]} g ON g.id = theme.programme_id
        JOIN {table["boards.BoardYear"]} y ON y.id = g.year_id
        JOIN {table["boards.Board"]} b ON b.id = g.board_id
        WHERE a.id IN (
            SELECT t.id FROM {table["workplan.Activity"]} t
            JOIN {table["workplan.PriorityTheme"]} h ON h.id = t.theme_id
            WHERE h.programme_id IN (SELECT id FROM programme)
            UNION ALL
            SELECT r.activity_id FROM {table["meetings.ActivityReport"]} r
            WHERE r.agenda_item_id = %(item)s
        )
        ORDER BY b.name, y.start_year DESC, theme.{order}, a.{order}, a.id
    """


def members_for(meeting: Meeting, year: BoardYear | None) -> list[Person]:
    """The board's members in the year of the meeting (not its substitutes)."""
    memberships = Membership.objects.filter(board=meeting.board, year=year).exclude(
        role=Membership.Role.SUBSTITUTE
    )
    people = Person.objects.filter(memberships__in=memberships).distinct()
    chairs = memberships.filter(role=Membership.Role.CHAIR, person=OuterRef("pk"))
    # In minutes order: the chair first, then by surname.
    return minutes_order(people.annotate(is_chair=Exists(chairs)))


def substitutes_for(meeting: Meeting, year: BoardYear | None) -> list[tuple[int, str]]:
    """Whom the register offers as a member's substitute: councillors with a seat on the
    board (named substitutes included) in the meeting's board year or the one before, those
    who came to its meetings in that time, and whoever the meeting's register names. Not
    every councillor of every council: that is a thousand names in each of twenty pickers."""
    since = (year.starts_on if year else meeting.date) - datetime.timedelta(days=366)
    councillor = Person.Kind.COUNCILLOR
    # Each reason read by its own index and the ids united, as people_for_item's: a test of
    # each reason on every councillor took 17 ms over the 15,000 of scale XL.
    wanted = [
        Membership.objects.filter(
            board=meeting.board_id, year__ends_on__gte=since, person__kind=councillor
        ).values("person"),
        Attendance.objects.filter(
            meeting__board=meeting.board_id, meeting__date__gte=since, person__kind=councillor
        ).values("person"),
        Attendance.objects.filter(meeting=meeting).values("person"),
    ]
    ids = wanted[0].order_by().union(*(w.order_by() for w in wanted[1:]), all=True)
    return labelled(Person.objects.filter(pk__in=ids))


def label(*, honorific, name, post_nominals, authority, job_title, organisation) -> str:
    """How the pickers name a person (as Person.display_name, then where they are from):
    enough to tell two of the same name apart."""
    shown = Person.name_as_printed(honorific, name, post_nominals)
    detail = (authority,) if authority else (job_title, organisation)
    return ", ".join(part for part in (shown, *detail) if part)


def people_choices(people) -> list[tuple[int, str]]:
    """The pickers' options for people as people_for_item reads them (with authority_name)."""
    return [
        (
            person.pk,
            label(
                honorific=person.honorific,
                name=person.name,
                post_nominals=person.post_nominals,
                authority=person.authority_name or "",
                job_title=person.job_title,
                organisation=person.organisation,
            ),
        )
        for person in people
    ]


# What label() names a person by, as columns to read (meetings.lookups reads them too).
LABEL_COLUMNS = (
    "honorific",
    "name",
    "post_nominals",
    "authority__name",
    "job_title",
    "organisation",
)


def labelled(people) -> list[tuple[int, str]]:
    """people_choices, in name order, read as columns rather than as model instances: a
    picker of every councillor reads 1,500 rows, and making each a Person took 30 ms."""
    arguments = ("honorific", "name", "post_nominals", "authority", "job_title", "organisation")
    rows = people.order_by("name", "pk").values_list("pk", *LABEL_COLUMNS)
    return [(pk, label(**dict(zip(arguments, rest, strict=True)))) for pk, *rest in rows]


class PersonChoiceField(forms.TypedChoiceField):
    """A person's id from a list read once for the whole page (not once per field)."""

    widget = WrittenSelect

    def __init__(self, *, people: list[tuple[int, str]], empty_label: str, **kwargs) -> None:
        super().__init__(
            choices=[("", empty_label), *people], coerce=int, empty_value=None, **kwargs
        )


class ListedPeople:
    """For model fields: the choices are `people`, set by the form from a list the view read
    once, and a choice is checked against it, so that neither showing nor checking the
    field runs a query however many of them a page has."""

    def set_people(self, people: list[Person]) -> None:
        self.people_by_pk = {person.pk: person for person in people}
        empty = [] if self.empty_label is None else [("", self.empty_label)]
        self.choices = [*empty, *people_choices(people)]

    def listed(self, value) -> Person:
        text = str(value).strip()
        person = self.people_by_pk.get(listed_key(text))
        if person is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return person


class PersonPicker(ListedPeople, forms.ModelChoiceField):
    widget = WrittenSelect

    def __init__(self, **kwargs) -> None:
        # The model field offers its whole table; the list the form sets replaces it.
        super().__init__(**{**kwargs, "queryset": Person.objects.none()})
        self.set_people([])

    def to_python(self, value):
        return None if value in self.empty_values else self.listed(value)


class PeoplePicker(ListedPeople, forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs) -> None:
        # The model field offers its whole table; the list the form sets replaces it.
        super().__init__(**{**kwargs, "queryset": Person.objects.none()})
        self.set_people([])

    def _check_values(self, value) -> list[Person]:
        return list(dict.fromkeys(self.listed(pk) for pk in value))
