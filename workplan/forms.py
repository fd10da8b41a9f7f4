import datetime

from django import forms

from boards.forms import EditForm, GovukDateField
from boards.models import Person

from .models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme


def officers():
    return Person.objects.filter(kind=Person.Kind.OFFICER).order_by("name")


class ProgressUpdateForm(EditForm):
    """The short form an officer fills in many times a year."""

    date = GovukDateField(label="Date of the update", help_text="For example, 27 3 2023")
    reported_at = forms.ModelChoiceField(
        label="Reported at a meeting (optional)",
        queryset=None,
        required=False,
        empty_label="Not reported at a meeting",
        help_text="The agenda item where this progress went to the board.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["text", "date", "status", "rag"]
        labels = {"text": "What has happened", "status": "Status now", "rag": "RAG rating now"}
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, agenda_items, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reported_at"].queryset = agenda_items
        self.fields["reported_at"].label_from_instance = lambda item: (
            f"{item.meeting.date:%-d %B %Y}, item {item.number}: {item.title}"
        )
        if not self.instance.pk:
            self.fields["date"].initial = datetime.date.today()

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date and date > datetime.date.today():
            raise forms.ValidationError("The date of the update cannot be in the future")
        return date


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
