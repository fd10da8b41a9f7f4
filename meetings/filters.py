import datetime
from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import Q

from boards.forms import WrittenSelect
from boards.models import Board

from .models import Action


def read_board_choices() -> list[tuple[str, str]]:
    """Every board's address and name, for the action log's board filter."""
    return list(Board.objects.values_list("slug", "name"))


class ActionFilter(django_filters.FilterSet):
    """The filters above the action log (options written by WrittenSelect, as the
    programme's)."""

    board = django_filters.ChoiceFilter(
        label="Board",
        field_name="agenda_item__meeting__board__slug",
        empty_label="All boards",
        widget=WrittenSelect,
    )
    status = django_filters.ChoiceFilter(
        choices=Action.Status.choices, empty_label="Any status", widget=WrittenSelect
    )
    owner = django_filters.CharFilter(
        label="Owner",
        method="filter_owner",
        help_text="A person's name or a team, e.g. Officers",
        # Longer text names no one, and SQLite refuses a LIKE pattern over 50,000 bytes.
        max_length=200,
    )
    meeting = django_filters.DateFilter(
        label="Meeting date", field_name="agenda_item__meeting__date"
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = ["board", "status", "owner", "meeting", "overdue"]

    def __init__(self, *args, board_choices: Callable[[], list] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.board_choices = board_choices or read_board_choices

    @property
    def form(self):
        # The boards' addresses and names as rows, read when the form is made (only when it
        # is shown or checked), and set as a list: as models, the 500 boards of a large
        # service were half the signed-in page's time and the chosen one was read again,
        # and Django lists choices given as a function afresh each time they are read. The
        # action log passes a list kept until a board changes (board_choices).
        if not hasattr(self, "_form"):
            super().form.fields["board"].choices = self.board_choices()
        return self._form

    def filter_owner(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(owner__name__icontains=value) | Q(owner_team__icontains=value))

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(datetime.date.today())
        return queryset
