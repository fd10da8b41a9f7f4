"""The people pickers of the clerk's forms: whom they offer, how they name them, and fields
that check a choice against a list read once for the whole page."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from boards.forms import WrittenSelect
from boards.models import BoardRole, BoardYear, Membership, Person
from boards.ordering import minutes_order
from workplan.models import Activity

from .models import Action, AgendaItem, Attendance, Meeting


def people_for_item(*, meeting: Meeting, item: AgendaItem) -> list[Person]:
    """Whom an item's presenter, paper contact and action owner pickers offer, in one query:
    the people at the meeting first (annotated `at_meeting`, and `presents_item`), then the
    officers and guests who work with this board around the time of the meeting (leading its
    activities, attending or presenting at its meetings, from two years before it to one
    after; or holding a role on it), and whoever the item already names, so that a form sent
    back unchanged keeps them. Not every officer of every board, nor of twenty years of one:
    at scale that is thousands of options in each picker, and a thousand rows read."""
    board = meeting.board_id
    presented = AgendaItem.presenters.through.objects
    staff = [Person.Kind.OFFICER, Person.Kind.GUEST]
    # At the meeting: present, substituting or in attendance; not those who sent apologies.
    there = Attendance.objects.filter(meeting=meeting).exclude(status=Attendance.Status.APOLOGIES)
    # Each kind of reason read by its own index, and the ids united: one test of every reason
    # on each person read the whole table of people (19,000 rows at scale XL).
    around = (
        meeting.date - datetime.timedelta(days=731),
        meeting.date + datetime.timedelta(days=366),
    )
    wanted = [
        there.values("person"),
        Activity.objects.filter(
            theme__programme__board=board,
            theme__programme__year__starts_on__range=around,
            lead_officer__kind__in=staff,
        ).values("lead_officer"),
        BoardRole.objects.filter(board=board, user__person__kind__in=staff).values("user__person"),
        Attendance.objects.filter(
            meeting__board=board, meeting__date__range=around, person__kind__in=staff
        ).values("person"),
        presented.filter(
            agendaitem__meeting__board=board,
            agendaitem__meeting__date__range=around,
            person__kind__in=staff,
        ).values("person"),
    ]
    if item.pk:
        wanted.append(presented.filter(agendaitem=item.pk).values("person"))
        wanted.append(Action.objects.filter(agenda_item=item.pk).values("owner"))
        paper = getattr(item, "paper", None)
        if paper is not None and paper.contact_officer_id:
            wanted.append(Person.objects.filter(pk=paper.contact_officer_id).values("pk"))
    ids = wanted[0].order_by().union(*(w.order_by() for w in wanted[1:]), all=True)
    # Whether they present the item now: the form's initial presenters, with no query of its own.
    presents = Exists(presented.filter(agendaitem=item.pk, person=OuterRef("pk")))
    people = (
        Person.objects.filter(pk__in=ids)
        .annotate(at_meeting=Exists(there.filter(person=OuterRef("pk"))), presents_item=presents)
        .select_related("authority")
        .order_by("-at_meeting", "name", "pk")
    )
    return list(people)


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
    return [
        (
            person.pk,
            label(
                honorific=person.honorific,
                name=person.name,
                post_nominals=person.post_nominals,
                authority=person.authority.name if person.authority_id else "",
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
        person = self.people_by_pk.get(int(text)) if text.isascii() and text.isdigit() else None
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
