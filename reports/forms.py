from django import forms

from boards.forms import EditForm, limit_text
from boards.models import Person
from meetings.models import AgendaItem

from .models import EndOfYearReport, ReportSection, ReviewComment


class FrontMatterForm(EditForm):
    class Meta:
        model = EndOfYearReport
        fields = [
            "agenda_item",
            "purpose",
            "summary",
            "plan_theme",
            "recommendation",
            "contact_officer",
            "contact_phone",
            "contact_email",
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
            if name
            not in (
                "agenda_item",
                "purpose",
                "plan_theme",
                "contact_officer",
                "contact_phone",
                "contact_email",
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_officer"].queryset = Person.objects.filter(kind=Person.Kind.OFFICER)
        item = self.fields["agenda_item"]
        # The board's meetings from the start of the programme's year: the report goes to one.
        programme = self.instance.programme
        item.queryset = (
            AgendaItem.objects.filter(
                meeting__board=programme.board, meeting__date__gte=programme.year.starts_on
            )
            .select_related("meeting")
            .order_by("meeting__date", "order", "pk")
        )
        item.label_from_instance = agenda_item_label
        item.empty_label = "Not chosen yet"
        item.help_text = (
            "The meeting and agenda item where the report will be presented. Ask the clerk to "
            "add the item to the meeting first if it is not listed."
        )


def agenda_item_label(item: AgendaItem) -> str:
    return f"{item.meeting.date:%-d %B %Y}, item {item.number}: {item.title}"


class ParagraphForm(forms.Form):
    text = forms.CharField(
        label="Paragraph for the report",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Separate paragraphs with a blank line; each is numbered in the report. "
        "The activity's progress updates are not changed.",
        error_messages={"required": "Enter the paragraph for the report"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is your comment?",
        choices=[
            (ReviewComment.Kind.QUESTION, "A question"),
            (ReviewComment.Kind.SUGGESTION, "A suggested change"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a question or a suggested change"},
    )
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class ReplyForm(forms.Form):
    text = forms.CharField(label="Reply", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class ReportSectionForm(EditForm):
    class Meta:
        model = ReportSection
        fields = ["place", "theme", "heading", "text"]
        labels = {"text": "Paragraphs"}
        widgets = {
            "place": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 12}),
        }
        error_messages = {
            "place": {"required": "Select where the section goes in the report"},
            "text": {"required": "Enter the section's paragraphs"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = self.instance.report.programme.themes.all()
        self.fields["theme"].empty_label = "Choose a theme"
        self.fields["place"].choices = ReportSection.Place.choices

    def clean(self) -> dict:
        data = super().clean()
        if data.get("place") == ReportSection.Place.THEME:
            if not data.get("theme"):
                self.add_error("theme", "Choose the theme the section goes under")
        else:
            # A theme chosen before the place was changed does not apply.
            data["theme"] = None
        return data
