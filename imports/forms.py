"""The upload form, with the GOV.UK design system's wording for file errors."""

from pathlib import PurePath

from django import forms

from boards.forms import GovukDateField

from .models import DocumentKind
from .reading import EXTENSIONS, MAX_UPLOAD_BYTES


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload a paper or notes",
        help_text="A Word document (.docx), web page (.html), text file (.txt) or PDF, "
        "smaller than 10MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    kind = forms.ChoiceField(
        label="What is it?",
        choices=[("", "Work it out from the document"), *DocumentKind.choices],
        required=False,
    )
    meeting_date = GovukDateField(
        label="Date of the meeting",
        required=False,
        help_text="Only for a paper that does not say which meeting it went to, "
        "for example 19 11 2020",
    )
    item_number = forms.CharField(
        label="Agenda item number",
        max_length=10,
        required=False,
        help_text="Only for an update paper, if the agenda gave it a number, for example 4",
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                "The selected file must be a Word document, web page, text file or PDF"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 10MB")
        return upload
