import django_filters

from boards.forms import WrittenSelect
from boards.models import Person

from .models import Activity, ActivityStatus, PriorityTheme, Rag


class ActivityFilter(django_filters.FilterSet):
    """The filters above a work programme: theme, status, RAG rating and lead officer. Their
    options are written in one go (WrittenSelect): through a template each, the form was
    about a sixth of the programme page's first render."""

    theme = django_filters.ModelChoiceFilter(
        queryset=PriorityTheme.objects.none(), empty_label="All themes", widget=WrittenSelect
    )
    status = django_filters.ChoiceFilter(
        choices=ActivityStatus.choices, empty_label="Any status", widget=WrittenSelect
    )
    rag = django_filters.ChoiceFilter(
        label="RAG rating",
        choices=[(value, label) for value, label in Rag.choices if value],
        empty_label="Any rating",
        widget=WrittenSelect,
    )
    lead_officer = django_filters.ModelChoiceFilter(
        queryset=Person.objects.none(), empty_label="Any lead officer", widget=WrittenSelect
    )

    class Meta:
        model = Activity
        fields = ["theme", "status", "rag", "lead_officer"]

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["theme"].queryset = programme.themes.all()
        self.filters["lead_officer"].queryset = Person.objects.filter(
            led_activities__theme__programme=programme
        ).distinct()

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.form.data.get(name) for name in self.filters)
