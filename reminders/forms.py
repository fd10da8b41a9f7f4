from django import forms

from meetings.models import Action

from .models import Kind


class ProposeClosingForm(forms.Form):
    """The owner says an action is done, or proposes dropping it, with a note."""

    outcome = forms.ChoiceField(
        label="What has happened to this action?",
        choices=[
            (Action.Status.DONE, "It is done"),
            (Action.Status.DROPPED, "Propose dropping it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the action is done or should be dropped"},
    )
    note = forms.CharField(
        label="Note for the clerk",
        help_text="What was done, or why the action should be dropped.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter a note for the clerk"},
    )

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Enter a note for the clerk")
        return note


class PreferencesForm(forms.Form):
    """Which kinds of reminder a person gets."""

    kinds = forms.MultipleChoiceField(
        label="Send me these reminders",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
