import functools

import django_filters

from boards.forms import WrittenSelect
from boards.models import Person

from .models import Activity, ActivityStatus, Rag


class ActivityFilter(django_filters.FilterSet):
    """The filters above a work programme: theme, status, RAG rating and lead officer. Their
    options are written in one go (WrittenSelect): through a template each, the form was
    about a sixth of the programme page's first render."""

    theme = django_filters.ChoiceFilter(
        empty_label="All themes",
        widget=WrittenSelect,
        error_messages={"invalid_choice": "Choose one of this programme’s themes"},
    )
    status = django_filters.ChoiceFilter(
        choices=ActivityStatus.choices,
        empty_label="Any status",
        widget=WrittenSelect,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    rag = django_filters.ChoiceFilter(
        label="RAG rating",
        choices=[(value, label) for value, label in Rag.choices if value],
        empty_label="Any rating",
        widget=WrittenSelect,
        error_messages={"invalid_choice": "Choose a RAG rating from the list"},
    )
    lead_officer = django_filters.ChoiceFilter(
        empty_label="Any lead officer",
        widget=WrittenSelect,
        error_messages={"invalid_choice": "Choose one of this programme’s lead officers"},
    )

    class Meta:
        model = Activity
        fields = ["theme", "status", "rag", "lead_officer"]

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    @property
    def form(self):
        # The programme's themes and lead officers as rows, each read once when first listed
        # (to show the form, or to check a choice made in it), and checked against: as
        # models, listing them and checking a choice with a query each took an eighth of the
        # programme page's first render.
        if not hasattr(self, "_form"):
            fields = super().form.fields
            fields["theme"].choices = functools.cache(self.theme_choices)
            fields["lead_officer"].choices = functools.cache(self.lead_officer_choices)
        return self._form

    def theme_choices(self) -> list[tuple[int, str]]:
        return list(self.programme.themes.order_by("order", "pk").values_list("pk", "title"))

    def lead_officer_choices(self) -> list[tuple[int, str]]:
        officers = (
            Person.objects.filter(led_activities__theme__programme=self.programme)
            .distinct()
            .order_by("name", "pk")
            .values_list("pk", "honorific", "name", "post_nominals")
        )
        return [(pk, Person.name_as_printed(*name)) for pk, *name in officers]

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.form.data.get(name) for name in self.filters)
