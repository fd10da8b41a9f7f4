from django import forms

from .search import KINDS


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the work programmes and meeting notes",
        max_length=200,
        required=False,
        error_messages={"max_length": "Search terms must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Show",
        choices=[("", "All kinds of record")] + [(k.key, k.label) for k in KINDS],
        required=False,
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())
