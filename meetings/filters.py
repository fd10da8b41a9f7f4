import datetime

import django_filters
from django import forms
from django.db.models import Q

from boards.forms import WrittenSelect
from boards.models import Board

from .models import Action


class ActionFilter(django_filters.FilterSet):
    """The filters above the action log (options written by WrittenSelect, as the
    programme's)."""

    board = django_filters.ModelChoiceFilter(
        label="Board",
        field_name="agenda_item__meeting__board",
        # Only what the options show: a service of 500 boards read every description too.
        queryset=Board.objects.only("slug", "name"),
        to_field_name="slug",
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

    def filter_owner(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(owner__name__icontains=value) | Q(owner_team__icontains=value))

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(datetime.date.today())
        return queryset
