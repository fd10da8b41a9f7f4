"""Forms clerks use to record a meeting."""

from django import forms
from django.db.models import Q

from boards.forms import EditForm, GovukDateField, limit_text
from boards.models import Person

from .models import (
    Action,
    ActionFollowUp,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    Paper,
)


class PeopleField(forms.ModelMultipleChoiceField):
    """Refuses an id too big for the database (SQLite raises OverflowError on it)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.lstrip("+-").isdecimal() and abs(int(text)) >= 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class MeetingForm(EditForm):
    date = GovukDateField(label="Date of the meeting", help_text="For example, 9 11 2021")
    start_time = forms.TimeField(
        label="Start time (optional)",
        required=False,
        # %H:%M:%S too: a browser's autofill or an old page may send the seconds back.
        input_formats=["%H:%M", "%H:%M:%S", "%H.%M", "%I:%M%p", "%I%p", "%I:%M %p", "%I %p"],
        # Shown as typed ("11:00"), so that sending the form back unchanged saves it.
        widget=forms.TimeInput(format="%H:%M"),
        help_text="For example, 11:00 or 2pm",
        error_messages={"invalid": "Enter a time like 11:00 or 2pm"},
    )

    class Meta:
        model = Meeting
        fields = ["kind", "date", "start_time", "venue", "cancelled"]
        labels = {"cancelled": "The meeting was cancelled"}

    def __init__(self, *args, board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.board = board

    def clean(self):
        cleaned = super().clean()
        date, kind = cleaned.get("date"), cleaned.get("kind")
        if date and kind:
            clash = Meeting.objects.filter(board=self.board, kind=kind, date=date)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("date", "This board already has a meeting of this kind on that date")
        return cleaned


class AttendanceGridForm(forms.Form):
    """One row per member of the board that year: present, apologies or not recorded."""

    CHOICES = [
        ("", "Not recorded"),
        (Attendance.Status.PRESENT, "Present"),
        (Attendance.Status.APOLOGIES, "Apologies"),
    ]

    def __init__(self, *args, members: list[Person], current: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for person in members:
            self.fields[f"member_{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=self.CHOICES,
                required=False,
                initial=current.get(person.pk, ""),
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [(person, self[f"member_{person.pk}"]) for person in self.members]

    def statuses(self) -> dict[Person, str]:
        """Each member's status as entered (blank: not recorded), once the form is valid."""
        return {person: self.cleaned_data[f"member_{person.pk}"] for person in self.members}


class AddAttendeeForm(forms.ModelForm):
    """A substitute, an officer or a guest."""

    class Meta:
        model = Attendance
        fields = ["person", "status", "substitute_for"]
        labels = {"substitute_for": "Substitute for (optional)"}

    def __init__(self, *args, meeting: Meeting, members: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["person"].queryset = Person.objects.order_by("name")
        self.fields["status"].choices = [
            (Attendance.Status.SUBSTITUTE, "Substitute"),
            (Attendance.Status.IN_ATTENDANCE, "In attendance (officer or guest)"),
            (Attendance.Status.PRESENT, "Present"),
        ]
        self.fields["substitute_for"].queryset = Person.objects.filter(
            pk__in=[m.pk for m in members]
        )
        self.fields["substitute_for"].empty_label = "Not stated in the notes"

    def clean(self):
        cleaned = super().clean()
        person, status = cleaned.get("person"), cleaned.get("status")
        if cleaned.get("substitute_for") and status != Attendance.Status.SUBSTITUTE:
            self.add_error("substitute_for", "Only a substitute stands in for someone")
        if person and cleaned.get("substitute_for") == person:
            self.add_error("substitute_for", "Choose the member this person stood in for")
        if person and self.meeting.attendance.filter(person=person).exists():
            self.add_error("person", "This person is already on the attendance list")
        return cleaned


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = DeclarationOfInterest
        fields = ["person", "agenda_item", "interest"]
        labels = {"agenda_item": "For item (optional)", "interest": "Interest declared"}
        widgets = {"interest": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model's clean() compares the item's meeting with this one, so the meeting is
        # set before validation, not after it.
        self.instance.meeting = meeting
        limit_text(self)
        # One filter() call, so both conditions apply to the same attendance row: apologies
        # sent to some other meeting must not hide a person who was here.
        self.fields["person"].queryset = Person.objects.filter(
            attendance__meeting=meeting,
            attendance__status__in=[
                Attendance.Status.PRESENT,
                Attendance.Status.SUBSTITUTE,
                Attendance.Status.IN_ATTENDANCE,
            ],
        )
        self.fields["person"].help_text = "People marked present or as substitutes at this meeting."
        self.fields["agenda_item"].queryset = meeting.items.all()
        self.fields["agenda_item"].empty_label = "The whole meeting"


class AgendaItemForm(EditForm):
    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "presenters",
            "is_confidential",
            "confidential_reason",
            "title_is_confidential",
            "introduction",
            "discussion_points",
        ]
        labels = {
            "number": "Item number",
            "presenters": "Presented by (optional)",
            "is_confidential": "This item is confidential",
            "confidential_reason": "Why it is confidential",
            "title_is_confidential": "Withhold the title too",
            "introduction": "What was presented (optional)",
            "discussion_points": "Points members made (optional)",
        }
        help_texts = {
            "number": "As printed on the agenda, for example 8 or 8.a",
            "presenters": "Hold Ctrl (or Cmd) to choose more than one.",
        }
        field_classes = {"presenters": PeopleField}
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "discussion_points": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["presenters"].queryset = (
            Person.objects.filter(
                Q(kind__in=[Person.Kind.OFFICER, Person.Kind.GUEST])
                | Q(attendance__meeting=meeting)
            )
            .distinct()
            .order_by("name")
        )
        self.fields["presenters"].widget.attrs["size"] = 6

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().rstrip(")").lower()
        clash = AgendaItem.objects.filter(meeting=self.meeting, number=number)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This meeting already has an item with this number")
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_confidential") and not cleaned.get("confidential_reason", "").strip():
            self.add_error("confidential_reason", "Say why the item is confidential")
        if cleaned.get("title_is_confidential") and not cleaned.get("is_confidential"):
            self.add_error(
                "title_is_confidential", "Only a confidential item can withhold its title"
            )
        return cleaned


class PaperForm(forms.ModelForm):
    """The report behind an item. Leave the title empty when there is no paper."""

    class Meta:
        model = Paper
        fields = [
            "title",
            "purpose",
            "summary",
            "recommendation",
            "contact_officer",
            "is_confidential",
            "body",
            "wales_implications",
            "financial_implications",
            "equalities_implications",
            "next_steps",
        ]
        labels = {"title": "Title of the paper", "is_confidential": "The paper is confidential"}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in fields[2:]
            if name not in ("contact_officer", "is_confidential")
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        self.fields["body"].widget.attrs["rows"] = 10
        for field in self.fields.values():
            field.required = False
        self.fields["contact_officer"].queryset = Person.objects.filter(kind=Person.Kind.OFFICER)

    @property
    def is_empty(self) -> bool:
        return not (self.cleaned_data.get("title") or "").strip()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("title") or "").strip() and not cleaned.get("purpose"):
            self.add_error("purpose", "Choose the purpose of the paper")
        return cleaned


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        labels = {"text": "Decision"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)


class ActionForm(forms.ModelForm):
    due_date = GovukDateField(label="Due (optional)", required=False)

    class Meta:
        model = Action
        fields = ["text", "owner", "owner_team", "due_date"]
        labels = {"text": "Action", "owner": "Owner (a person)", "owner_team": "Or a team"}
        help_texts = {"owner_team": "For example, Officers"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        self.meeting = meeting
        self.fields["owner"].queryset = (
            Person.objects.filter(Q(kind=Person.Kind.OFFICER) | Q(attendance__meeting=meeting))
            .distinct()
            .order_by("name")
        )
        self.fields["owner"].empty_label = "A team (below)"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner") and not (cleaned.get("owner_team") or "").strip():
            self.add_error("owner_team", "Choose a person or name the team who will do it")
        due = cleaned.get("due_date")
        if due and due < self.meeting.date:
            self.add_error("due_date", "An action cannot be due before the meeting that agreed it")
        return cleaned


DecisionFormSet = forms.inlineformset_factory(
    AgendaItem, Decision, form=DecisionForm, extra=1, can_delete=True
)
ActionFormSet = forms.inlineformset_factory(
    AgendaItem, Action, form=ActionForm, fk_name="agenda_item", extra=1, can_delete=True
)


class ActivityLinksForm(forms.Form):
    activities = forms.MultipleChoiceField(
        label="Activities this item reported on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = choices


class FollowUpForm(forms.Form):
    """Matters arising: one open action of an earlier meeting."""

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "Leave open"), *ActionFollowUp.Outcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == ActionFollowUp.Outcome.DONE
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Say briefly what was done")
        return cleaned


class AgreeNotesForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Notes of the meeting", queryset=Meeting.objects.none(), empty_label=None
    )
    amendment = forms.CharField(
        label="Amendment asked for (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, at_meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            board=at_meeting.board,
            date__lt=at_meeting.date,
            notes_status=Meeting.NotesStatus.PUBLISHED,
        ).order_by("-date")
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.get_kind_display()}, {m.date:%-d %B %Y}"
        )
