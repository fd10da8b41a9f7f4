"""The clerk's form for a file of an item's paper: attaching one, or a new version of one."""

from django import forms
from django.conf import settings

from .paper_checks import allowed_types, check_file, megabytes
from .paper_files import PaperFile, Schedule12A


class PaperFileForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="As readers will see it, for example “Appendix A: Funding by council”",
        error_messages={"required": "Enter a title for the file"},
    )
    role = forms.ChoiceField(
        label="Is it the paper or an appendix?",
        choices=PaperFile.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the file is the paper or an appendix"},
    )
    file = forms.FileField(
        label="The file",
        error_messages={
            "required": "Choose the file to attach",
            "empty": "The selected file is empty",
        },
    )
    is_confidential = forms.BooleanField(
        label="This file is confidential (not for publication)", required=False
    )
    schedule_12a_paragraph = forms.TypedChoiceField(
        label="Which paragraph of Schedule 12A does it fall under?",
        choices=Schedule12A.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = f"A {allowed_types()} file, up to {megabytes(settings.PAPER_FILE_MAX_BYTES)}"
        self.checked = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_file(upload)
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if data.get("is_confidential"):
            if not data.get("schedule_12a_paragraph"):
                self.add_error(
                    "schedule_12a_paragraph",
                    "Choose the paragraph of Schedule 12A the file falls under",
                )
        else:
            # A paragraph chosen and then the box unticked: the file is public, with none.
            data["schedule_12a_paragraph"] = None
        return data

    @classmethod
    def replacing(cls, earlier: PaperFile, *args, **kwargs) -> "PaperFileForm":
        """The form for a new version of `earlier`, filled in with what it says now."""
        initial = {
            "title": earlier.title,
            "role": earlier.role,
            "is_confidential": earlier.is_confidential,
            "schedule_12a_paragraph": earlier.schedule_12a_paragraph,
        }
        return cls(*args, initial=initial, **kwargs)
