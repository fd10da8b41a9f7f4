import datetime

from django import forms
from django.core.exceptions import ValidationError

from boards.forms import (
    EditForm,
    GovukDateField,
    WrittenSelect,
    limit_text,
    listed_key,
    name_required_fields,
)
from boards.models import Person

from .models import Activity, ActivityStatus, PriorityTheme, ProgressUpdate, Rag, WorkProgramme


def officers():
    return Person.objects.filter(kind=Person.Kind.OFFICER).order_by("name")


class AgendaItemChoiceField(forms.ModelChoiceField):
    """An agenda item from a list read once as columns (its meeting's date, number and
    title), written out as options (WrittenSelect) and checked against the same list. Made
    as models with their meetings, a year's fifty items were half the time of the update
    form, which officers open many times a year."""

    widget = WrittenSelect

    def set_items(self, items) -> None:
        """The items to offer: a queryset of agenda items, read when first shown or checked."""
        self.queryset = items
        self.rows = None
        self.choices = self.written_choices

    def labels(self) -> dict[int, str]:
        if self.rows is None:
            self.rows = {
                pk: f"{date:%-d %B %Y}, item {number}: {title}"
                for pk, date, number, title in self.queryset.values_list(
                    "pk", "meeting__date", "number", "title"
                )
            }
        return self.rows

    def written_choices(self) -> list[tuple]:
        return [("", self.empty_label), *self.labels().items()]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)  # as Django's own does
        pk = listed_key(str(value))
        if pk not in self.labels():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return self.queryset.model(pk=pk)


class ProgressUpdateForm(EditForm):
    """The short form an officer fills in many times a year."""

    date = GovukDateField(
        label="Date of the update",
        help_text="For example, 27 3 2023",
        error_messages={"required": "Enter the date of the update"},
    )
    reported_at = AgendaItemChoiceField(
        label="Reported at a meeting (optional)",
        queryset=None,
        required=False,
        empty_label="Not reported at a meeting",
        help_text="The agenda item where this progress went to the board.",
    )
    # Asked only when the date is before the latest update's: such an update is history, and
    # does not change the activity's current status and RAG rating.
    confirm_earlier = forms.BooleanField(
        label="Yes, add it as an earlier update",
        required=False,
    )

    class Meta:
        model = ProgressUpdate
        fields = ["text", "date", "status", "rag"]
        labels = {"text": "What has happened", "status": "Status now", "rag": "RAG rating now"}
        error_messages = {
            "text": {"required": "Enter what has happened"},
            "status": {"required": "Choose the status of the activity now"},
        }
        # Written out, not a template per option: officers open this form many times a year.
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "status": WrittenSelect,
            "rag": WrittenSelect,
        }

    def __init__(self, *args, activity: Activity, agenda_items, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.latest_date: datetime.date | None = None
        self.fields["reported_at"].set_items(agenda_items)
        if not self.instance.pk:
            self.fields["date"].initial = activity.default_update_date(datetime.date.today())

    @property
    def asks_to_confirm_earlier(self) -> bool:
        """Once asked, the question stays on the page (ticked) while other errors are fixed."""
        return self.is_bound and (
            "confirm_earlier" in self.errors or bool(self["confirm_earlier"].value())
        )

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date and date > datetime.date.today():
            raise forms.ValidationError("The date of the update cannot be in the future")
        return date

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and not self.instance.pk:
            self.latest_date = self.activity.latest_update_date()
            if self.latest_date and date < self.latest_date and not cleaned.get("confirm_earlier"):
                self.add_error(
                    "confirm_earlier",
                    f"This update is dated before the latest one ({self.latest_date:%-d %B %Y}). "
                    "Confirm that it is an earlier update: it will be listed by its date and "
                    "will not change the activity's current status or RAG rating",
                )
        return cleaned


class ActivityForm(EditForm):
    target_date = GovukDateField(label="Target date (optional)", required=False)

    class Meta:
        model = Activity
        fields = [
            "theme",
            "title",
            "description",
            "lead_officer",
            "indicative_timing",
            "target_date",
            "resource_requirement",
            "budget_allocated",
        ]
        labels = {"budget_allocated": "Budget allocated (£, optional)"}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "resource_requirement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme: WorkProgramme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = programme.themes.all()
        self.fields["theme"].empty_label = None
        self.fields["lead_officer"].queryset = officers()
        self.fields["lead_officer"].empty_label = "Not assigned yet"
        self.programme = programme

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        others = Activity.objects.for_programme(self.programme).filter(title__iexact=title)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This programme already has an activity with this title")
        return title


class ThemeForm(forms.ModelForm):
    class Meta:
        model = PriorityTheme
        fields = ["title", "description"]
        labels = {"title": "Priority theme", "description": "Description (optional)"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme: WorkProgramme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        name_required_fields(self)
        limit_text(self)

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if self.programme.themes.filter(title__iexact=title).exists():
            raise forms.ValidationError("This programme already has this theme")
        return title


class CarryForwardForm(forms.Form):
    activities = forms.MultipleChoiceField(
        label="Activities to carry forward",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one activity to carry forward"},
    )

    def __init__(self, *args, activities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = [
            (a.pk, f"{a.title} ({a.get_status_display().lower()})") for a in activities
        ]


class RoundDateForm(forms.Form):
    """The one date of a round of updates (see RoundUpdateForm)."""

    date = GovukDateField(
        label="Date of these updates",
        help_text="For example, 27 3 2023",
        error_messages={"required": "Enter the date of these updates"},
    )

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date and date > datetime.date.today():
            raise forms.ValidationError("The date of the updates cannot be in the future")
        return date


class RoundUpdateForm(forms.Form):
    """One activity in an officer's round of updates before a board meeting: left blank,
    nothing is posted for it."""

    text = forms.CharField(
        label="What has happened (leave blank for no update)",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(label="Status now", choices=ActivityStatus.choices)
    rag = forms.ChoiceField(label="RAG rating now", choices=Rag.choices, required=False)

    def __init__(self, *args, activity: Activity, **kwargs) -> None:
        super().__init__(
            *args,
            prefix=f"activity-{activity.pk}",
            initial={"status": activity.status, "rag": activity.rag},
            **kwargs,
        )
        self.activity = activity
        limit_text(self)

    def update(self, *, date: datetime.date, author) -> ProgressUpdate | None:
        text = self.cleaned_data["text"].strip()
        if not text:
            return None
        return ProgressUpdate(
            text=text,
            date=date,
            author=author,
            status=self.cleaned_data["status"],
            rag=self.cleaned_data["rag"],
        )
