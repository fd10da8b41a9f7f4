"""Forms clerks use to record a meeting."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from boards.forms import (
    EditForm,
    GovukDateField,
    PickerRows,
    WrittenSelect,
    limit_text,
    listed_key,
    name_required_fields,
)
from boards.models import Membership, Person

from .lookups import PersonLookup, PersonLookupField
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
from .pickers import PeoplePicker, PersonChoiceField, PersonPicker
from .services import check_publication_date


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


# The hint of a box naming any councillor (meetings.lookups).
WHERE_TWO_SHARE_A_NAME = (
    "Type their name. If two councillors share it, add their council after a comma"
)


class OtherAttendeeForm(forms.Form):
    """An officer or guest in attendance: someone already recorded, or a new guest."""

    person = PersonLookupField(
        label="Officer or guest",
        required=False,
        help_text="Type their name, or leave this empty and name a new guest below",
    )
    new_name = forms.CharField(label="Or a new guest's full name", required=False, max_length=200)
    new_role = forms.CharField(
        label="Their job title and organisation (optional)", required=False, max_length=200
    )

    def __init__(self, *args, lookup: PersonLookup, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        self.fields["person"].set_lookup(lookup)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person") and cleaned.get("new_name", "").strip():
            self.add_error("new_name", "Choose a person or name a new guest, not both")
        elif cleaned.get("new_role", "").strip() and not cleaned.get("new_name", "").strip():
            self.add_error("new_name", "Enter the new guest's full name")
        return cleaned

    def person_to_add(self) -> Person | None:
        """The new guest this row names, unsaved; None when it names someone recorded."""
        name = " ".join(self.cleaned_data.get("new_name", "").split())
        if not name:
            return None
        job_title, _, organisation = self.cleaned_data.get("new_role", "").partition(",")
        return Person(
            name=name,
            kind=Person.Kind.GUEST,
            job_title=job_title.strip(),
            organisation=organisation.strip(),
        )


OtherAttendeeFormSet = forms.formset_factory(OtherAttendeeForm, extra=0)


class OtherSubstituteForm(forms.Form):
    """A substitute the member rows' lists do not offer: any councillor, for a member."""

    person = PersonLookupField(
        label="Councillor",
        help_text=WHERE_TWO_SHARE_A_NAME,
        error_messages={"required": "Enter the councillor who stood in"},
    )
    substitute_for = forms.TypedChoiceField(
        label="Stood in for", coerce=int, empty_value=None, widget=WrittenSelect
    )

    def __init__(self, *args, lookup: PersonLookup, members: list[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].set_lookup(lookup)
        self.fields["substitute_for"].choices = [
            ("", "Choose a member"),
            *((m.pk, str(m)) for m in members),
        ]
        self.fields["substitute_for"].error_messages["required"] = (
            "Choose the member they stood in for"
        )


OtherSubstituteFormSet = forms.formset_factory(OtherSubstituteForm, extra=0)


class AttendanceRegisterForm(forms.Form):
    """The whole register of a meeting in one form: every member of the year present, with
    apologies or absent, a substitute for a member who was not there in the same row (or,
    for a councillor the row's list does not offer, in rows of their own), and the officers
    and guests in attendance. Saved together, so no part discards another."""

    STATUSES = [
        (Attendance.Status.PRESENT, "Present"),
        (Attendance.Status.APOLOGIES, "Apologies"),
        (ABSENT := "absent", "Absent"),
    ]

    def __init__(
        self,
        data=None,
        *,
        meeting: Meeting,
        members: list[Person],
        councillors: list[tuple[int, str]],
        any_councillor: PersonLookup,
        officers_and_guests: PersonLookup,
    ) -> None:
        super().__init__(data)
        self.meeting, self.members = meeting, members
        rows = list(meeting.attendance.all())
        status_of = {row.person_id: row.status for row in rows}
        substitute_of = {
            row.substitute_for_id: row.person_id for row in rows if row.substitute_for_id
        }
        # A register not yet taken starts with every member present, as most are: the clerk
        # marks only those who sent apologies or were absent. Once taken, a member with no
        # row was absent.
        self.first_taking = not any(row.status != Attendance.Status.IN_ATTENDANCE for row in rows)
        unrecorded = Attendance.Status.PRESENT if self.first_taking else self.ABSENT
        for person in members:
            self.fields[f"member_{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=self.STATUSES,
                initial=status_of.get(person.pk, unrecorded),
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose present, apologies or absent for {person}"},
            )
            self.fields[f"substitute_{person.pk}"] = PersonChoiceField(
                label=f"Substitute for {person} (optional)",
                people=councillors,
                empty_label="No substitute",
                required=False,
                initial=substitute_of.get(person.pk),
            )
            self.fields[f"substitute_{person.pk}"].widget.attrs["data-module"] = "app-autocomplete"
        member_ids = {person.pk for person in members}
        # Rows the register has no place for (a substitute for no member of this year, a
        # non-member present, as old notes record them): kept, unless ticked for removal.
        self.extra_rows = [
            row
            for row in rows
            if row.status != Attendance.Status.IN_ATTENDANCE
            and row.person_id not in member_ids
            and row.substitute_for_id not in member_ids
        ]
        self.fields["remove_extra"] = forms.TypedMultipleChoiceField(
            label="Remove from the register",
            choices=[(row.pk, str(row.person)) for row in self.extra_rows],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        in_attendance = [
            row.person_id for row in rows if row.status == Attendance.Status.IN_ATTENDANCE
        ]
        self.others = OtherAttendeeFormSet(
            data,
            prefix="others",
            initial=None if data is not None else [{"person": pk} for pk in in_attendance] or [{}],
            form_kwargs={"lookup": officers_and_guests},
        )
        if data is not None and "subs-TOTAL_FORMS" not in data:
            # No rows of other substitutes sent (a register opened before they existed): none.
            data = data.copy()
            data.update({"subs-TOTAL_FORMS": "0", "subs-INITIAL_FORMS": "0"})
        self.other_substitutes = OtherSubstituteFormSet(
            data,
            prefix="subs",
            form_kwargs={"lookup": any_councillor, "members": members},
        )

    def rows(self):
        return [
            (person, self[f"member_{person.pk}"], self[f"substitute_{person.pk}"])
            for person in self.members
        ]

    def is_valid(self) -> bool:
        parts = [super().is_valid(), self.others.is_valid(), self.other_substitutes.is_valid()]
        valid = all(parts)
        if valid:  # someone chosen twice across the parts, or a member given two substitutes
            taken = set(self.taken)
            substituted = {p.pk for p in self.members if self.cleaned_data[f"substitute_{p.pk}"]}
            for form in self.other_substitutes.forms:
                if not form.cleaned_data:
                    continue  # a row left empty (or removed in the browser)
                person, member = form.cleaned_data["person"], form.cleaned_data["substitute_for"]
                status = self.cleaned_data.get(f"member_{member}")
                if person in taken:
                    form.add_error("person", "This person is already on the register")
                if status == Attendance.Status.PRESENT:
                    form.add_error("substitute_for", "This member was present")
                elif member in substituted:
                    form.add_error("substitute_for", "This member already has a substitute")
                valid = valid and not form.errors
                taken.add(person)
                substituted.add(member)
            for form in self.others.forms:
                person = (form.cleaned_data or {}).get("person")
                if person in taken:
                    form.add_error("person", "This person is already on the register")
                    valid = False
                taken.add(person)
        return valid

    @property
    def error_forms(self) -> list[forms.Form]:
        parts = [self, *self.other_substitutes.forms, *self.others.forms]
        return [form for form in parts if form.errors]

    def clean(self):
        cleaned = super().clean()
        seen: set[int] = {
            p.pk for p in self.members if cleaned.get(f"member_{p.pk}") != self.ABSENT
        }
        for person in self.members:
            substitute = cleaned.get(f"substitute_{person.pk}")
            if substitute is None:
                continue
            if cleaned.get(f"member_{person.pk}") == Attendance.Status.PRESENT:
                self.add_error(
                    f"substitute_{person.pk}",
                    f"{person} was present: choose apologies or absent, or remove the substitute",
                )
            elif substitute in seen:
                self.add_error(f"substitute_{person.pk}", "This person is already on the register")
            seen.add(substitute)
        self.taken = seen
        return cleaned

    def save(self) -> None:
        """Record the register (the form must be valid): one transaction."""
        statuses = {
            person: ""
            if self.cleaned_data[f"member_{person.pk}"] == self.ABSENT
            else self.cleaned_data[f"member_{person.pk}"]
            for person in self.members
        }
        substitutes = {
            person: self.cleaned_data[f"substitute_{person.pk}"] for person in self.members
        }
        by_pk = {person.pk: person for person in self.members}
        for form in self.other_substitutes.forms:
            if form.cleaned_data:
                member = by_pk[form.cleaned_data["substitute_for"]]
                substitutes[member] = form.cleaned_data["person"]
        in_attendance, new_guests = [], []
        for form in self.others.forms:
            if not form.cleaned_data:
                continue
            guest = form.person_to_add()
            if guest is not None:
                new_guests.append(guest)
            elif form.cleaned_data.get("person"):
                in_attendance.append(form.cleaned_data["person"])
        self.meeting.record_attendance(
            statuses,
            substitutes=substitutes,
            in_attendance=in_attendance,
            new_guests=new_guests,
            remove=self.cleaned_data["remove_extra"],
        )


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
        name_required_fields(self)
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
    # Not a model field of the form: the presenters are saved with the item's notes
    # (AgendaItem.save_with_notes), and read with the people the pickers offer.
    presenters = PeoplePicker(
        label="Presented by (optional)",
        required=False,
        help_text="People present, substituting or in attendance.",
        widget=PickerRows(
            row_label="Presenter",
            empty_label="Choose a person",
            add_label="Add another presenter",
        ),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "is_confidential",
            "confidential_reason",
            "title_is_confidential",
            "introduction",
            "discussion_points",
            "urgency_reason",
        ]
        labels = {
            "number": "Item number",
            "urgency_reason": "Reason for urgency",
            "is_confidential": "This item is confidential",
            "confidential_reason": "Why it is confidential",
            "title_is_confidential": "Withhold the title too",
            "introduction": "What was presented (optional)",
            "discussion_points": "Points members made (optional)",
        }
        help_texts = {
            "number": "As printed on the agenda, for example 8 or 8.a",
            "introduction": "",
            "discussion_points": "One a line.",
            "urgency_reason": "Why the board must consider it at this meeting rather than "
            "the next. It is printed on the supplementary agenda.",
        }
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "discussion_points": forms.Textarea(attrs={"rows": 4}),
            "urgency_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting: Meeting, people: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        # An item added once the agenda is out is supplementary, and must say why it is
        # urgent; other items are not asked.
        if self.instance.pk is None and meeting.takes_supplementary_items:
            self.instance.is_supplementary = True
        if self.instance.is_supplementary:
            self.fields["urgency_reason"].required = True
            self.fields["urgency_reason"].error_messages["required"] = (
                "Enter the reason for urgency: why the item cannot wait for the next meeting"
            )
        else:
            del self.fields["urgency_reason"]
        self.other_items: list[AgendaItem] | None = None
        # people_for_item says who presents the item now.
        self.initial.setdefault("presenters", [p.pk for p in people if p.presents_item])
        # Once the register is recorded, presenters are people who were there (present,
        # substituting or in attendance), and whoever the item already names.
        if any(person.at_meeting for person in people):
            named = set(self.initial["presenters"])
            people = [p for p in people if p.at_meeting or p.pk in named]
        field = self.fields["presenters"]
        field.set_people(people)
        # In the picker: people at the meeting, then everyone else.
        groups = (
            ("At this meeting", [c for c in field.choices if field.people_by_pk[c[0]].at_meeting]),
            (
                "Officers and guests",
                [c for c in field.choices if not field.people_by_pk[c[0]].at_meeting],
            ),
        )
        field.choices = [(label, choices) for label, choices in groups if choices]
        self.fields["is_confidential"].widget.attrs["data-aria-controls"] = (
            "conditional-confidential"
        )
        if self.instance.pk is None:
            # After "Save and add another" the cursor starts here (static/js/recording.mjs).
            self.fields["number"].widget.attrs["data-focus-after-save"] = ""

    def _get_validation_exclusions(self):
        # The database's rule that only a confidential item withholds its title is this
        # form's clean() (it clears the answer); Django would check it again with a query.
        return {*super()._get_validation_exclusions(), "title_is_confidential"}

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().rstrip(")").lower()
        # Read once: the same items give the saved item its place in agenda order.
        self.other_items = list(self.instance.other_items_of_meeting())
        if any(item.number == number for item in self.other_items):
            raise forms.ValidationError("This meeting already has an item with this number")
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_confidential"):
            if not cleaned.get("confidential_reason", "").strip():
                self.add_error("confidential_reason", "Say why the item is confidential")
        else:
            # The reason and the title question are revealed only for a confidential item:
            # answers left in them when the box is unticked do not apply.
            cleaned["confidential_reason"], cleaned["title_is_confidential"] = "", False
        return cleaned


class PaperForm(forms.ModelForm):
    """The report behind an item, asked about only when the item had one."""

    has_paper = forms.BooleanField(label="This item had a paper", required=False)

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
        field_classes = {"contact_officer": PersonPicker}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in fields[2:]
            if name not in ("contact_officer", "is_confidential")
        }

    def __init__(self, *args, people: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        name_required_fields(self)
        self.fields["body"].widget.attrs["rows"] = 10
        for field in self.fields.values():
            field.required = False
        chosen = self.instance.contact_officer_id
        self.fields["contact_officer"].set_people(
            [p for p in people if p.kind == Person.Kind.OFFICER or p.pk == chosen]
        )
        self.fields["has_paper"].initial = self.instance.pk is not None
        self.fields["has_paper"].widget.attrs["data-aria-controls"] = "conditional-paper"

    @property
    def is_empty(self) -> bool:
        """No paper: its questions, hidden until the box is ticked, are ignored."""
        return not self.cleaned_data.get("has_paper")

    def _post_clean(self):
        if self.cleaned_data.get("has_paper"):
            super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("has_paper"):
            self._errors = {}  # answers left in hidden questions do not stop the save
            return cleaned
        # Unless the answer is wrong in another way (too long, say): one message a field.
        if "title" not in self.errors and not (cleaned.get("title") or "").strip():
            self.add_error("title", "Enter the title of the paper")
        if "purpose" not in self.errors and not cleaned.get("purpose"):
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
        name_required_fields(self)


class ActionForm(forms.ModelForm):
    due_date = GovukDateField(label="Due (optional)", required=False)

    class Meta:
        model = Action
        fields = ["text", "owner", "owner_team", "due_date"]
        labels = {"text": "Action", "owner": "Owner (a person)", "owner_team": "Or a team"}
        help_texts = {"owner_team": "For example, Officers"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"owner": PersonPicker}

    def __init__(self, *args, meeting: Meeting, people: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        name_required_fields(self)
        self.meeting = meeting
        self.fields["owner"].empty_label = "A team (below)"
        self.fields["owner"].set_people(people)

    @property
    def due_date_given(self) -> bool:
        """A due date saved or typed in: its question is shown open."""
        value = self["due_date"].value()
        if isinstance(value, (list, tuple)):
            return any(part is not None and str(part).strip() for part in value)
        return bool(value)

    @property
    def saved_owner(self) -> str:
        """Who a saved action is for, as the form shows it closed: named from the people
        read for the form, so that each action costs no query."""
        owner = self.fields["owner"].people_by_pk.get(self.instance.owner_id)
        return str(owner) if owner is not None else self.instance.owner_team

    def _get_validation_exclusions(self):
        # The database's rule "a person or a team" (action_has_owner) is this form's clean(),
        # and the owner was picked from the people read for the form: Django would check
        # each again with a query per action.
        return {*super()._get_validation_exclusions(), "owner_team", "owner"}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner") and not (cleaned.get("owner_team") or "").strip():
            self.add_error("owner_team", "Choose a person or name the team who will do it")
        due = cleaned.get("due_date")
        if due and due < self.meeting.date:
            self.add_error("due_date", "An action cannot be due before the meeting that agreed it")
        return cleaned


class SavedRowField(forms.ModelChoiceField):
    """A saved row's hidden id, found among the rows its formset read: Django's own field
    reads each row again, a query a row."""

    def __init__(self, rows: QuerySet, **kwargs) -> None:
        super().__init__(rows, **kwargs)
        self.rows = rows  # the formset's own queryset: read once, whatever the rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        row = next((row for row in self.rows if str(row.pk) == str(value)), None)
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class RowsFormSet(forms.BaseInlineFormSet):
    """Decisions or actions: saved rows are removed with a box ticked, new ones with their
    Remove button (see item_form_page)."""

    def __init__(self, *args, **kwargs) -> None:
        # One item's rows in their order. The models' own ordering starts with the item,
        # which sorts by its meeting: two joins for nothing here.
        kwargs.setdefault("queryset", self.model._default_manager.order_by("order", "pk"))
        super().__init__(*args, **kwargs)
        # An item with rows of this kind shows them and no blank one: "Add another" adds it.
        if self.instance.pk is not None and len(self.get_queryset()):
            self.extra = 0

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        pk = self.model._meta.pk.name
        if self.instance.pk is not None:
            form.fields[pk] = SavedRowField(
                self.get_queryset(),
                initial=form.fields[pk].initial,
                required=False,
                widget=form.fields[pk].widget,
            )
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove when the item is saved"


DecisionFormSet = forms.inlineformset_factory(
    AgendaItem, Decision, form=DecisionForm, formset=RowsFormSet, extra=1, can_delete=True
)
ActionFormSet = forms.inlineformset_factory(
    AgendaItem,
    Action,
    form=ActionForm,
    formset=RowsFormSet,
    fk_name="agenda_item",
    extra=1,
    can_delete=True,
)


class ActivityLinksForm(forms.Form):
    """The activities an item reported on, each picked from one list in groups: suggestions
    first, then the programme's themes, then links to other years' activities already made."""

    activities = forms.TypedMultipleChoiceField(
        label="Activities this item reported on (optional)",
        required=False,
        coerce=int,
        widget=PickerRows(
            row_label="Activity",
            empty_label="Choose an activity",
            add_label="Add another activity",
        ),
    )

    def __init__(self, *args, groups: list[tuple[str, list[tuple[int, str]]]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = [
            (label, choices) for label, choices in groups if choices
        ]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["activities"].choices)


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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)

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
        limit_text(self)
        field = self.fields["meeting"]
        field.queryset = Meeting.objects.filter(
            board=at_meeting.board,
            date__lt=at_meeting.date,
            notes_status=Meeting.NotesStatus.PUBLISHED,
        ).order_by("-date")
        # Read once: whether there are any decides if the form is shown at all.
        field.choices = [
            (m.pk, f"{m.get_kind_display()}, {m.date:%-d %B %Y}") for m in field.queryset
        ]

    @property
    def has_meetings_to_agree(self) -> bool:
        return bool(self.fields["meeting"].choices)


class LaterMeetingField(forms.ModelChoiceField):
    """A meeting of the board from a list read once as columns, written out as options
    (boards.forms.WrittenSelect) and checked against the same list: the notes of an early
    meeting have a hundred later ones, and a template an option took 20 ms at scale L."""

    widget = WrittenSelect

    def set_meetings(self, meetings: QuerySet, *, board) -> None:
        self.meetings, self.board, self.rows, self.labelled = meetings, board, None, None
        # Read when first shown or checked: a form sent back without one reads nothing.
        self.choices = self.written_choices

    def later_meetings(self) -> dict:
        if self.rows is None:
            self.rows = {
                pk: (kind, date)
                for pk, kind, date in self.meetings.values_list("pk", "kind", "date")
            }
        return self.rows

    def written_choices(self) -> list[tuple]:
        # Labelled once: Django reads the choices twice to show them (the first for whether
        # the select may be required).
        if self.labelled is None:
            self.labelled = [
                ("", self.empty_label),
                *(
                    (pk, Meeting.label_of(board=self.board, kind=kind, date=date))
                    for pk, (kind, date) in self.later_meetings().items()
                ),
            ]
        return self.labelled

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = listed_key(str(value))
        if pk not in self.later_meetings():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return Meeting(pk=pk, board=self.board, date=self.later_meetings()[pk][1])


class CorrectionForm(forms.Form):
    """Why published notes are being changed, asked on an item's form once the notes are
    public; for agreed notes, also the later meeting that agreed the correction."""

    reason = forms.CharField(
        label="Why are you correcting the published notes?",
        help_text='Readers see it with the change, for example "Cllr Ahmed\'s name was misspelt".',
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agreed_at = LaterMeetingField(
        label="Meeting that agreed the correction",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Choose a meeting",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self)
        self.meeting = meeting
        if meeting.notes_are_locked:
            # One query for the list, whether shown or checked.
            self.fields["agreed_at"].set_meetings(
                Meeting.objects.filter(board=meeting.board_id, date__gt=meeting.date).order_by(
                    "-date"
                ),
                board=meeting.board,
            )
            self.fields["agreed_at"].help_text = (
                "These notes were agreed as a correct record: only a later meeting can agree a"
                " change to them."
            )
        else:
            del self.fields["agreed_at"]

    def check_for(self, *, changed: bool) -> bool:
        """Valid, and complete when the notes changed (a form sent back unchanged saves
        without a reason)."""
        if not self.is_valid():
            return False
        if changed and not self.cleaned_data["reason"].strip():
            self.add_error("reason", "Enter why you are correcting the published notes")
        if changed and "agreed_at" in self.fields and not self.cleaned_data["agreed_at"]:
            self.add_error("agreed_at", "Choose the meeting that agreed the correction")
        return not self.errors


class MembershipRowForm(forms.ModelForm):
    """A seat on the board for the year: a new member is chosen from the picker; a saved
    one keeps its person and may change role or end."""

    person = PersonLookupField(
        label="Councillor",
        help_text=WHERE_TWO_SHARE_A_NAME,
        error_messages={"required": "Enter the new member's name"},
    )

    class Meta:
        model = Membership
        fields = ["role"]

    def __init__(self, *args, lookup: PersonLookup, board, year, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.board, self.year = board, year
        if self.instance.pk:
            del self.fields["person"]
            # Every row has these fields: each label names its member.
            self.fields["role"].label = f"Role of {self.instance.person}"
        else:
            self.fields["person"].set_lookup(lookup)

    def clean(self):
        cleaned = super().clean()
        person, role = cleaned.get("person"), cleaned.get("role")
        if person and role:
            taken = Membership.objects.filter(
                board=self.board, year=self.year, person_id=person, role=role
            )
            if taken.exists():
                self.add_error("person", "This person already has this role this year")
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.board, self.instance.year = self.board, self.year
            self.instance.person_id = self.cleaned_data["person"]
        return super().save(commit)


class MembershipFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields and form.instance.pk:
            form.fields["DELETE"].label = f"End the membership of {form.instance.person}"


MembershipFormSetClass = forms.modelformset_factory(
    Membership, form=MembershipRowForm, formset=MembershipFormSet, extra=0, can_delete=True
)


class PublicationDateForm(forms.Form):
    """The day an agenda (or a supplementary agenda) is published: today unless it went out
    earlier, by e-mail say, and is being recorded now."""

    on = GovukDateField(label="Date of publication", help_text="For example, 27 3 2026")

    def __init__(self, *args, meeting: Meeting, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting, self.today = meeting, today
        self.fields["on"].error_messages["required"] = "Enter the date of publication"

    def clean_on(self):
        on = self.cleaned_data["on"]
        check_publication_date(self.meeting, on, self.today)
        return on


class PublishForm(forms.Form):
    """The check page's button: the date chosen, carried in the form."""

    on = forms.DateField(widget=forms.HiddenInput)
