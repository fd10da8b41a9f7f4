"""Form pieces shared by every app: GOV.UK-style dates, edit versions, limits on text."""

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .editing import Conflict
from .history import changed_meanwhile
from .models import EditConflict

# Long enough for any paper or set of notes; anything longer is a mistake or an attack.
MAX_TEXT_LENGTH = 20_000


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK design system asks for memorable dates."""

    template_name = "widgets/govuk_date.html"

    def __init__(self, attrs=None) -> None:
        box = {"inputmode": "numeric", "autocomplete": "off"}
        widgets = {
            "day": forms.TextInput(attrs=box),
            "month": forms.TextInput(attrs=box),
            "year": forms.TextInput(attrs=box),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class WrittenSelect(forms.Select):
    """A select whose options are written out here rather than through a template each:
    Django's template per option costs a millisecond a hundred, and a clerk's page can have
    a dozen long people pickers. Flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        # As Django's own Select: no value (None) is written as the empty string.
        keys_and_labels = (("" if key is None else str(key), label) for key, label in self.choices)
        # The standard library's escape, as Django's does, without its check for lazy text
        # on each of a few hundred options.
        options = "".join(
            f'<option value="{html.escape(key)}"{" selected" if key in chosen else ""}>'
            f"{html.escape(str(label))}</option>"
            for key, label in keys_and_labels
        )
        return written_select(self, name, attrs, options)


def written_select(widget: forms.Select, name: str, attrs, options: str) -> str:
    """A select of options already written out (and escaped)."""
    final_attrs = widget.build_attrs(widget.attrs, attrs)
    return format_html(
        '<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe(options)
    )


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year (UK order), with errors a person can act on."""

    widget = GovukDateInput

    def __init__(self, **kwargs) -> None:
        error = {"invalid": "Enter the date as numbers, for example 27 3 2023"}
        # The boxes are not required one by one, so that compress() can name the missing
        # part ("The date must include a month") rather than "Enter a complete value".
        fields = (
            forms.IntegerField(required=False, error_messages=error),
            forms.IntegerField(required=False, error_messages=error),
            forms.IntegerField(required=False, error_messages=error),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        day, month, year = data_list
        missing = [
            name
            for name, part in zip(("day", "month", "year"), data_list, strict=True)
            if part in (None, "")
        ]
        if missing:
            raise ValidationError(f"The date must include a {' and '.join(missing)}")
        if not 1900 <= year <= 2200:
            raise ValidationError("Enter a year between 1900 and 2200, for example 2023")
        try:
            return datetime.date(year, month, day)
        except (ValueError, OverflowError):
            # OverflowError: a day or month too big for a C integer, e.g. 99999999999999999999.
            raise ValidationError("Enter a real date, for example 27 3 2023") from None


class EditForm(forms.ModelForm):
    """A model form that refuses to overwrite someone else's edit (see VersionedModel) and
    limits free text to a sensible length."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "version" in self.fields:
            self.fields["version"].initial = self.instance.version
        limit_text(self)
        name_required_fields(self)

    def save_or_conflict(
        self, write: Callable[[int | None], None] | None = None
    ) -> Conflict | None:
        """Save the valid form's record, unless someone saved it after this form's version
        was read: then nothing is saved and the conflict is returned (see boards.editing).

        write(version) saves more than the record (an item with its paper, say) in the same
        transaction: it is given the form's version, or None for a new record, and calls the
        record's save_unless_changed() itself.
        """
        version = self.cleaned_data.get("version") or 0
        is_new = self.instance.pk is None
        self.save(commit=False)  # the record now holds the input; save_m2m() is ready
        try:
            with transaction.atomic():
                if write is not None:
                    write(None if is_new else version)
                elif is_new:
                    self.instance.save()
                else:
                    self.instance.save_unless_changed(version)
                self.save_m2m()
        except EditConflict as error:
            conflict = Conflict(changed_meanwhile(error.current, version, self._meta.fields))
            self.rebase(error.current)
            return conflict
        return None

    def rebase(self, current: models.Model) -> None:
        """Keep the input, but on top of the version saved meanwhile."""
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        self.data, self.instance, self._errors = data, current, None
        self.fields["version"].initial = current.version
        self.full_clean()


def listed_key(text: str) -> int | None:
    """The key a list's choice names, or None for anything that is not a key (a number too
    big for the database, a minus sign, other digits than 0 to 9), to be refused as not one
    of the list's choices rather than reach the database."""
    return int(text) if text.isascii() and text.isdigit() else None


def limit_text(form: forms.BaseForm) -> None:
    """Every text answer has a limit (MAX_TEXT_LENGTH where the field sets none), said in the
    same words whatever the field ("Must be 300 characters or fewer"), where Django says
    "Ensure this value has at most 300 characters (it has 301)" for the field's own."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField):
            continue
        if field.max_length is None:
            field.max_length = MAX_TEXT_LENGTH
            field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
        field.error_messages["max_length"] = f"Must be {field.max_length:,} characters or fewer"


ARTICLE_FREE_WORDS = {"a", "an", "the", "what", "who", "why", "how", "when", "where", "your"}


def name_required_fields(form: forms.BaseForm) -> None:
    """Say what to do about a missing answer, naming the field ("Enter the date of the
    update"), rather than Django's "This field is required.", which the error summary would
    show out of context. A message a form sets itself is kept."""
    default = forms.Field.default_error_messages["required"]
    for field in form.fields.values():
        if field.error_messages.get("required") != default or not field.label:
            continue
        label = str(field.label).removesuffix(" (optional)").strip()
        first = label.split(" ", 1)[0]
        if not (first.isupper() and len(first) > 1):  # keep "RAG rating" as written
            label = label[0].lower() + label[1:]
        if first.lower() not in ARTICLE_FREE_WORDS:
            label = f"the {label}"
        verb = (
            "Choose" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) else "Enter"
        )
        field.error_messages = {**field.error_messages, "required": f"{verb} {label}"}


def with_formset_row_added(data, prefix: str):
    """The input as sent, with one more blank row in the formset: GOV.UK's "add another"
    without JavaScript. Nothing is saved."""
    data = data.copy()
    data[f"{prefix}-TOTAL_FORMS"] = str(int(data.get(f"{prefix}-TOTAL_FORMS") or 0) + 1)
    return data


def with_formset_row_removed(data, prefix: str, index: int | None):
    """The input as sent, without one row that is not yet saved (the later rows move up):
    "Remove" without JavaScript. Saved rows are removed with their delete box instead."""
    data = data.copy()
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    initial = int(data.get(f"{prefix}-INITIAL_FORMS") or 0)
    if index is None or not initial <= index < total:
        return data
    for i in range(index, total):
        old = f"{prefix}-{i}-"
        new = f"{prefix}-{i - 1}-"
        for key in [k for k in data if k.startswith(old)]:
            values = data.getlist(key)
            del data[key]
            if i > index:
                data.setlist(new + key.removeprefix(old), values)
    data[f"{prefix}-TOTAL_FORMS"] = str(total - 1)
    return data


def shown_unjudged(*parts) -> None:
    """Show bound forms and formsets as sent, without errors: after "add another" or
    "remove", which is not a save, half-filled rows are not mistakes yet."""
    from django.forms.utils import ErrorDict, ErrorList

    for part in parts:
        if isinstance(part, forms.BaseFormSet):
            part._errors, part._non_form_errors = [], ErrorList()
            shown_unjudged(*part.forms)
        else:
            part._errors = ErrorDict()


def written_options(choices, empty_label: str) -> str:
    """<option>s (in <optgroup>s for grouped choices) written out, as WrittenSelect's are,
    none of them chosen: the empty one first, as "no choice"."""

    def option(key, label) -> str:
        key = "" if key is None else str(key)
        return f'<option value="{html.escape(key)}">{html.escape(str(label))}</option>'

    parts = [option("", empty_label)]
    for key, label in choices:
        if isinstance(label, list | tuple):
            inner = "".join(option(k, v) for k, v in label)
            parts.append(f'<optgroup label="{html.escape(str(key))}">{inner}</optgroup>')
        else:
            parts.append(option(key, label))
    return "".join(parts)


def with_chosen(options: str, chosen: str) -> str:
    """written_options' list with one option chosen ("" for the empty one): the list is
    written once for all of a picker's rows, which differ only in this."""
    value = f'<option value="{html.escape(chosen)}">'
    return options.replace(value, f"{value[:-1]} selected>", 1)


@dataclass(frozen=True)
class WrittenOptions:
    """A long list of choices written out once as <option>s (none chosen), with the keys a
    choice is checked against: a value that can be kept (web.caching), so that a page neither
    lists the choices again to show them nor to check the one chosen."""

    html: str
    keys: frozenset[str]

    @classmethod
    def of(cls, choices, empty_label: str) -> "WrittenOptions":
        return cls(written_options(choices, empty_label), frozenset(str(k) for k, _ in choices))


class WrittenOptionsSelect(forms.Select):
    """A select of WrittenOptions, its field's (WrittenChoiceField), with the value chosen."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = next(iter(self.format_value(value)), "")
        return written_select(self, name, attrs, with_chosen(self.options().html, chosen))


class WrittenChoiceField(forms.ChoiceField):
    """A choice among WrittenOptions, given as a function that returns them (set `options`),
    called only to show the field or to check a choice made in it."""

    widget = WrittenOptionsSelect

    def __init__(self, *, options: Callable[[], WrittenOptions] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.options = options

    @property
    def options(self) -> Callable[[], WrittenOptions] | None:
        return self._options

    @options.setter
    def options(self, options: Callable[[], WrittenOptions] | None) -> None:
        self._options = self.widget.options = options

    def valid_value(self, value) -> bool:
        return str(value) in self.options().keys


class PickerRows(forms.SelectMultiple):
    """Several choices of one list as rows of single selects sharing the field's name, one
    a choice and a blank one to add to ("add another": a submit button without JavaScript,
    in place with it; static/js/recording.mjs). With JavaScript each row is a searchable
    picker (accessible-autocomplete): a keyboard user types a few letters and presses
    Enter, where a list of checkboxes took a Tab press per person. Blank rows are ignored;
    choices may be grouped (<optgroup>)."""

    template_name = "widgets/picker_rows.html"

    def __init__(self, attrs=None, *, row_label: str, empty_label: str, add_label: str) -> None:
        super().__init__(attrs)
        self.row_label, self.empty_label, self.add_label = row_label, empty_label, add_label
        self.extra = 1  # blank rows after the chosen ones; the view adds one for "add another"

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [value for value in values if str(value).strip()]

    def get_context(self, name, value, attrs):
        # The widget's own context only: Django's select would build every option of every
        # row as a dict for its template, where these are written out once.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = [str(v) for v in self.format_value(value) if str(v)]
        base_id = context["widget"]["attrs"].get("id", f"id_{name}")
        options = written_options(self.choices, self.empty_label)
        rows = []
        for number, key in enumerate([*dict.fromkeys(chosen), *[""] * self.extra], start=1):
            rows.append(
                {
                    "id": base_id if number == 1 else f"{base_id}_{number}",
                    "number": number,
                    "options": mark_safe(with_chosen(options, key)),
                }
            )
        attrs = {k: v for k, v in context["widget"]["attrs"].items() if k != "id"}
        context["widget"].update(
            rows=rows,
            row_attrs=flatatt(attrs),
            row_label=self.row_label,
            add_label=self.add_label,
            blank=mark_safe(with_chosen(options, "")),
        )
        return context
