"""People pickers for lists too long to send with the page: any councillor of any council
(17,000 at scale XL), any officer or guest. The page holds a text box; with JavaScript it
asks the server for names as the clerk types (web/clerk/people.py, static/js/recording.mjs)
and remembers the id of the person chosen; without it the clerk types the name, and the
server finds the person. Either way, what the box says is what is saved: a name that was
edited after a choice is looked up again."""

import functools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Upper
from django.utils.html import format_html

from boards.models import Authority, Person

from .pickers import LABEL_COLUMNS, label

# The most boxes of one kind a page's post is read for, and the longest name looked up: a
# clerk's page has a handful; a hand-made post of hundreds must get errors, not a query
# too large for the database.
MOST_BOXES = 50
LONGEST_NAME = 200


def folded(text: str) -> str:
    """Text as names are compared: case and spacing ignored."""
    return " ".join(str(text).casefold().split())


def typed_names(text: str) -> set[str]:
    """The names a typed text may mean: before any comma (after it, where they are from),
    less up to three words of honorific in front ("Cllr", "The Rt Hon") and two of
    post-nominals behind ("MBE")."""
    words = text.partition(",")[0].split()
    return {
        " ".join(words[start:end])
        for start in range(min(4, len(words)))
        for end in range(max(start + 1, len(words) - 2), len(words) + 1)
    }


@dataclass(frozen=True)
class Found:
    pk: int
    label: str  # as the pickers name them: "Cllr Jane Smith, Anytown Council"
    shown: str  # as the notes print them: "Cllr Jane Smith"
    name: str  # the name alone: "Jane Smith"


def found(pk, honorific, name, post_nominals, authority, job_title, organisation) -> Found:
    return Found(
        pk=pk,
        label=label(
            honorific=honorific,
            name=name,
            post_nominals=post_nominals,
            authority=authority or "",
            job_title=job_title,
            organisation=organisation,
        ),
        shown=Person.name_as_printed(honorific, name, post_nominals),
        name=name,
    )


def matching_people(query: str, kinds: list[str], *, limit: int = 20) -> list[Found]:
    """For the picker as the clerk types: people of these kinds with every typed word in
    their name, council or organisation, in name order, at most `limit`."""
    words = query.split()[:6]
    if not words:
        return []
    wanted = functools.reduce(
        operator.and_,
        (
            Q(name__icontains=word)
            # The councils matching, read first: joined to each person and then tested,
            # they took 80 ms over the 15,000 councillors of scale XL, 27 this way.
            | Q(authority__in=Authority.objects.filter(name__icontains=word))
            | Q(organisation__icontains=word)
            for word in words
        ),
    )
    rows = (
        Person.objects.filter(wanted, kind__in=kinds)
        .order_by("name", "pk")
        .values_list("pk", *LABEL_COLUMNS)[:limit]
    )
    return [found(*row) for row in rows]


def read_people(people: QuerySet[Person]) -> list[Found]:
    return [found(*row) for row in people.order_by().values_list("pk", *LABEL_COLUMNS)]


class PersonLookup:
    """What one kind of lookup box on a page may name, read in one query for all its boxes:
    the people of `kinds` found by name, the ids the browser sent, and `known` people (those
    the page already names, of any kind, so that a form sent back unchanged keeps them).

    `data` and `names` (a pattern of the boxes' names, "subs-\\d+-person") let the first
    box to be checked read what every box of the page sent."""

    def __init__(
        self,
        *,
        kinds: list[str],
        noun: str,
        url: str,
        data=None,
        names: str = "",
        known: Iterable[Found] = (),
        not_found: str = "",
    ) -> None:
        self.kinds, self.noun, self.url = kinds, noun, url
        self.data, self.names = data, names
        self.not_found = not_found or "Check the spelling of their name"
        self.people: dict[int, Found] = {person.pk: person for person in known}
        self.read_posted = data is None

    def label(self, pk) -> str:
        person = self.people.get(pk)
        return person.label if person else ""

    def read_what_was_sent(self) -> None:
        """Everyone the page's boxes may name, in one query: by the ids sent, and by each
        name a box's text may mean."""
        self.read_posted = True
        boxes = re.compile(rf"(?:{self.names})")
        texts = [
            v
            for k, v in self.data.items()
            if boxes.fullmatch(k) and v.strip() and len(v) <= LONGEST_NAME
        ][:MOST_BOXES]
        ids = [
            int(v)
            for k, v in self.data.items()
            if k.endswith("_id") and boxes.fullmatch(k[:-3]) and v.isascii() and v.isdigit()
        ][:MOST_BOXES]
        names = set().union(*(typed_names(text) for text in texts))
        if not names and not ids:
            return
        # Upper() on both sides, so that the database folds the case of a name with an
        # accent as it folds the column's (SQLite's UPPER knows only ASCII); read by the
        # index on UPPER(name), as one list (OR'd one by one, a long post's names made an
        # expression deeper than SQLite allows).
        by_name = Q(upper_name__in=[Upper(Value(name)) for name in sorted(names)])
        people = Person.objects.annotate(upper_name=Upper("name")).filter(by_name | Q(pk__in=ids))
        # Of these kinds only: people of other kinds are those `known` read already.
        for person in read_people(people.filter(kind__in=self.kinds)):
            self.people.setdefault(person.pk, person)

    def find(self, text: str, pk: str) -> int | None:
        """The id of the person a box names, or a ValidationError that says why none."""
        text = " ".join(str(text).split())
        if not text:
            return None
        if len(text) > LONGEST_NAME:
            raise ValidationError(
                f"Enter a name of at most {LONGEST_NAME} characters", code="max_length"
            )
        if not self.read_posted:
            self.read_what_was_sent()
        chosen = self.people.get(int(pk)) if pk.isascii() and pk.isdigit() else None
        if chosen is not None and folded(chosen.label) == folded(text):
            return chosen.pk  # as chosen from the list (or as the page showed it)
        matches = self.matching(text)
        first = text.partition(",")[0].strip()
        if not matches:
            raise ValidationError(
                f"No {self.noun} called {first} is recorded. {self.not_found}",
                code="not_found",
            )
        if len(matches) > 1:
            examples = " or ".join(sorted({m.label for m in matches})[:2])
            raise ValidationError(
                f"{len(matches)} people called {first} are recorded. Type their name as the "
                f"list shows it, with where they are from, for example {examples}",
                code="ambiguous",
            )
        return matches[0].pk

    def matching(self, text: str) -> list[Found]:
        """Those read whom the text names: by the whole label, else by name (and where they
        are from, when typed after a comma)."""
        people = self.people.values()
        whole = [p for p in people if folded(p.label) == folded(text)]
        if whole:
            return whole
        name, _, where = (folded(part) for part in text.partition(","))
        matches = [p for p in people if name in (folded(p.shown), folded(p.name))]
        return [p for p in matches if where in folded(p.label)] if where else matches


class PersonLookupInput(forms.TextInput):
    """A text box for a person's name, with a hidden box beside it for the id the picker
    chose. It sends (text, id); it shows the text sent, or the label of the person chosen."""

    lookup: PersonLookup | None = None

    def value_from_datadict(self, data, files, name):
        return (data.get(name, ""), data.get(f"{name}_id", ""))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_id" not in data

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, tuple | list):
            text, pk = value
        elif value in (None, ""):
            text, pk = "", ""
        else:
            text, pk = self.lookup.label(value), value
        final = self.build_attrs(self.attrs, attrs)
        final.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "data-module": "app-person-lookup",
                "data-lookup-url": self.lookup.url,
            }
        )
        box = super().render(name, text, final, renderer)
        return format_html('{}<input type="hidden" name="{}_id" value="{}">', box, name, pk)


class PersonLookupField(forms.Field):
    """A person named in a PersonLookupInput: their id, or None when the box is empty."""

    widget = PersonLookupInput

    def set_lookup(self, lookup: PersonLookup) -> None:
        self.lookup = self.widget.lookup = lookup

    def to_python(self, value):
        text, pk = value if isinstance(value, tuple | list) else (value or "", "")
        return self.lookup.find(text, str(pk))

    def validate(self, value) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data) -> bool:
        text = data[0] if isinstance(data, tuple | list) else data or ""
        if initial in (None, ""):
            return bool(str(text).strip())
        return folded(self.lookup.label(initial)) != folded(text)
