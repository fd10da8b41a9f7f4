"""The upload form, with the GOV.UK design system's wording for file errors."""

from pathlib import PurePath

from django import forms
from django.conf import settings

from boards.forms import GovukDateField

from .models import DocumentKind
from .reading import EXTENSIONS, megabytes


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Upload a paper or notes",
        help_text="A Word document (.docx), web page (.html), Markdown (.md), text file (.txt) "
        "or PDF",
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = megabytes(settings.IMPORT_MAX_UPLOAD_BYTES).replace(" ", "")
        self.fields["document"].help_text += f", smaller than {limit}"

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                "The selected file must be a Word document, web page, Markdown or text file, or PDF"
            )
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {megabytes(limit).replace(' ', '')}"
            )
        return upload
