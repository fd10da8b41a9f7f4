from django import forms

from boards.forms import EditForm, limit_text
from boards.models import Person

from .models import EndOfYearReport


class FrontMatterForm(EditForm):
    class Meta:
        model = EndOfYearReport
        fields = [
            "purpose",
            "summary",
            "plan_theme",
            "recommendation",
            "contact_officer",
            "wales_implications",
            "financial_implications",
            "equalities_implications",
            "next_steps",
        ]
        labels = {"purpose": "Purpose of report", "plan_theme": "Plan theme"}
        help_texts = {
            "financial_implications": "The budget figures are added from the work programme.",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in fields
            if name not in ("purpose", "plan_theme", "contact_officer")
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_officer"].queryset = Person.objects.filter(kind=Person.Kind.OFFICER)


class ParagraphForm(forms.Form):
    text = forms.CharField(
        label="Paragraph for the report",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Separate paragraphs with a blank line; each is numbered in the report. "
        "The activity's progress updates are not changed.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
