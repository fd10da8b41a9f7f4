"""The upload form, with the GOV.UK design system's wording for file errors."""

import copy
import datetime
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


ATTENDANCE_KINDS = [
    ("present", "Present"),
    ("substitute", "Substitute"),
    ("apologies", "Apologies"),
    ("in_attendance", "In attendance"),
]


class CorrectionForm(forms.Form):
    """What a clerk corrects in a draft of notes before accepting it: the meeting's date,
    each item's number and title, its decisions (one a line), each action's words and
    owner, and how each person attended. An action left empty is dropped."""

    def __init__(self, parsed: dict, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        meeting = parsed["meeting"]
        self.fields["date"] = GovukDateField(
            label="Date of the meeting", initial=datetime.date.fromisoformat(meeting["date"])
        )
        for i, item in enumerate(parsed["item"]):
            name = f"item {item['number']}"
            self.fields[f"item_{i}_number"] = forms.CharField(
                label=f"Number of {name}", max_length=10, initial=item["number"]
            )
            self.fields[f"item_{i}_title"] = forms.CharField(
                label=f"Title of {name}", max_length=300, initial=item["title"]
            )
            self.fields[f"item_{i}_decisions"] = forms.CharField(
                label=f"Decisions of {name}",
                help_text="One decision a line",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n".join(item["decisions"]),
            )
            for j, action in enumerate(item["actions"]):
                self.fields[f"item_{i}_action_{j}_text"] = forms.CharField(
                    label=f"Action {j + 1} of {name}",
                    help_text="Leave it empty to drop the action",
                    required=False,
                    initial=action["text"],
                )
                self.fields[f"item_{i}_action_{j}_owner"] = forms.CharField(
                    label=f"Owner of action {j + 1} of {name}",
                    help_text="A person's name as read, or a team such as Officers",
                    max_length=100,
                    initial=action["owner"],
                )
        for k, row in enumerate(parsed.get("attendance", [])):
            self.fields[f"attendance_{k}"] = forms.ChoiceField(
                label=f"How {row['person']} attended",
                choices=ATTENDANCE_KINDS,
                initial=row["status"],
            )

    def groups(self) -> list[tuple[str, list]]:
        """The fields by heading, for the page: the meeting, each item, attendance."""
        found = [("Meeting", [self["date"]])]
        for i, item in enumerate(self.parsed["item"]):
            names = [n for n in self.fields if n.startswith(f"item_{i}_")]
            found.append((f"Item {item['number']}", [self[n] for n in names]))
        people = [self[n] for n in self.fields if n.startswith("attendance_")]
        if people:
            found.append(("Attendance", people))
        return found

    def clean(self):
        cleaned = super().clean()
        numbers = [
            (cleaned.get(f"item_{i}_number") or "").strip().lower()
            for i in range(len(self.parsed["item"]))
        ]
        for i, number in enumerate(numbers):
            if number and numbers.index(number) != i:
                self.add_error(f"item_{i}_number", f"Item number {number} is used twice")
        return cleaned

    def corrected(self) -> dict:
        """The draft's records with the corrections made."""
        data = copy.deepcopy(self.parsed)
        values = self.cleaned_data
        data["meeting"]["date"] = values["date"].isoformat()
        for i, item in enumerate(data["item"]):
            item["number"] = values[f"item_{i}_number"].strip().lower()
            item["title"] = values[f"item_{i}_title"].strip()
            decisions = [d.strip() for d in values[f"item_{i}_decisions"].splitlines() if d.strip()]
            if decisions != item["decisions"]:
                item["decisions"], item["decision_lines"] = decisions, []
            actions = []
            for j, action in enumerate(item["actions"]):
                text = values[f"item_{i}_action_{j}_text"].strip()
                if text:
                    owner = values[f"item_{i}_action_{j}_owner"].strip()
                    changed = owner != action["owner"]
                    actions.append({**action, "text": text, "owner": owner})
                    if changed:
                        actions[-1].pop("doubt", None)
            item["actions"] = actions
        for k, row in enumerate(data.get("attendance", [])):
            row["status"] = values[f"attendance_{k}"]
            if row["status"] != "substitute":
                row["substitute_for"] = ""
        data["meeting"].pop("date_doubt", None)
        return data


class FillInPaperForm(forms.Form):
    """Which of the parts read from a paper's file the clerk accepts into the item's paper."""

    accept = forms.MultipleChoiceField(
        label="Use these from the file",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one part of the paper to fill in"},
    )

    def __init__(self, *args, offered: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accept"].choices = offered


class StructureForm(forms.Form):
    """One change a button on the review page makes: which item, and for a paragraph its
    place in the item and the fingerprint of its words as the page showed them."""

    change = forms.ChoiceField(
        choices=[
            ("split", "Split the item here"),
            ("merge", "Merge into the item before"),
            ("decision", "Mark as a decision"),
            ("action", "Mark as an action"),
            ("attendance", "Mark as attendance"),
        ]
    )
    item = forms.CharField(max_length=10)
    paragraph = forms.IntegerField(min_value=0, max_value=100_000, required=False)
    key = forms.CharField(max_length=12, required=False)

    def clean(self):
        cleaned = super().clean()
        change = cleaned.get("change")
        if (
            change
            and change != "merge"
            and (cleaned.get("paragraph") is None or not cleaned.get("key"))
        ):
            raise forms.ValidationError("Choose a paragraph to change")
        return cleaned
