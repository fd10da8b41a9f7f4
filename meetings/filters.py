import datetime
import functools
from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import Q

from boards.forms import WrittenChoiceField, WrittenOptions, WrittenSelect
from boards.models import Board

from .models import Action


def read_board_options() -> WrittenOptions:
    """Every board, by address and name, for the action log's board filter."""
    return WrittenOptions.of(Board.objects.values_list("slug", "name"), "All boards")


class WrittenChoiceFilter(django_filters.Filter):
    """A filter by one of a long list of choices kept written out (boards.forms)."""

    field_class = WrittenChoiceField


class ActionFilter(django_filters.FilterSet):
    """The filters above the action log (options written by WrittenSelect, as the
    programme's)."""

    board = WrittenChoiceFilter(
        label="Board",
        field_name="agenda_item__meeting__board__slug",
        error_messages={"invalid_choice": "Choose a board from the list"},
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

    def __init__(self, *args, board_options: Callable[[], WrittenOptions] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once a request, whether to check a choice, to show the filter or both.
        self.board_options = functools.cache(board_options or read_board_options)

    @property
    def form(self):
        # The boards, written out as options, read only when the filter is shown or a board
        # chosen in it is checked. As models, the 500 boards of a large service were half
        # the signed-in page's time; as a list to write and check on every request, still
        # what grew with the service. The action log passes options kept until a board
        # changes (board_options).
        if not hasattr(self, "_form"):
            super().form.fields["board"].options = self.board_options
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
