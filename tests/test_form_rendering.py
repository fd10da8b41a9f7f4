"""Every kind of field renders as GOV.UK Frontend marks it up, through the project's form
renderer (web/forms.py, web/templates/govuk/field.html): a label (or a legend for a group of
boxes), the hint and the error message next to the field, both named in aria-describedby, and
GOV.UK's classes, red when the answer is wrong; and a page shown again with errors says so first
in its title."""

import datetime

import lxml.html
import pytest
from django import forms
from django.template import Context, Template

from boards.forms import GovukDateField, WrittenChoiceField, WrittenOptions, WrittenSelect
from tests import factories as f


class EveryKindForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on the register")
    notes = forms.CharField(label="Notes", help_text="A line or two", widget=forms.Textarea)
    colour = forms.ChoiceField(label="Colour", choices=[("", "Choose"), ("red", "Red")])
    person = forms.TypedChoiceField(
        label="Person", coerce=int, choices=[("", "Choose"), (1, "Ann")], widget=WrittenSelect
    )
    agree = forms.BooleanField(label="I agree", help_text="You can change your mind")
    outcome = forms.ChoiceField(
        label="Outcome",
        help_text="Choose one",
        choices=[("done", "Done"), ("dropped", "Dropped")],
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label="Kinds",
        help_text="Choose any",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
    )
    date = GovukDateField(label="Date", help_text="For example, 27 3 2023")


def group(form: forms.Form, name: str):
    """The field's form group, as a template writes it: {{ form.name.as_field_group }}."""
    html = Template("{{ field.as_field_group }}").render(Context({"field": form[name]}))
    return lxml.html.fragment_fromstring(html)


def one(element, xpath: str):
    found = element.xpath(xpath)
    assert len(found) == 1, f"{xpath} found {len(found)} times in {lxml.html.tostring(element)}"
    return found[0]


def classes(element) -> set[str]:
    return set(element.get("class", "").split())


def with_errors() -> EveryKindForm:
    form = EveryKindForm(data={})
    assert not form.is_valid()
    return form


@pytest.mark.parametrize(
    ("name", "tag", "css"),
    [
        ("name", "input", "govuk-input"),
        ("notes", "textarea", "govuk-textarea"),
        ("colour", "select", "govuk-select"),
        ("person", "select", "govuk-select"),
    ],
)
def test_a_box_has_its_label_hint_and_class(name, tag, css):
    field = group(EveryKindForm(), name)
    assert classes(field) == {"govuk-form-group"}
    box = one(field, f"//{tag}")
    assert css in classes(box) and f"{css}--error" not in classes(box)
    assert one(field, "//label").get("for") == box.get("id") == f"id_{name}"
    assert "govuk-label" in classes(one(field, "//label"))
    if name in ("name", "notes"):
        hint = one(field, "//*[contains(@class, 'govuk-hint')]")
        assert box.get("aria-describedby") == hint.get("id") == f"id_{name}_helptext"
    assert not field.xpath("//*[contains(@class, 'govuk-error-message')]")


@pytest.mark.parametrize(
    ("name", "tag", "css"),
    [
        ("name", "input", "govuk-input"),
        ("notes", "textarea", "govuk-textarea"),
        ("colour", "select", "govuk-select"),
        ("person", "select", "govuk-select"),
    ],
)
def test_a_wrong_answer_is_said_next_to_the_box_and_read_with_it(name, tag, css):
    field = group(with_errors(), name)
    assert "govuk-form-group--error" in classes(field)
    box = one(field, f"//{tag}")
    assert {css, f"{css}--error"} <= classes(box)
    error = one(field, "//p[contains(@class, 'govuk-error-message')]")
    assert error.get("id") == f"id_{name}_error"
    assert one(error, "span[@class='govuk-visually-hidden']").text == "Error:"
    assert error.text_content().strip().startswith("Error: ")
    assert f"id_{name}_error" in box.get("aria-describedby").split()
    if name in ("name", "notes"):
        assert box.get("aria-describedby") == f"id_{name}_helptext id_{name}_error"


def test_two_wrong_things_about_one_answer_are_said_on_two_lines():
    form = with_errors()
    form.add_error("name", "Enter your name as it is on the register")
    error = one(group(form, "name"), "//p[contains(@class, 'govuk-error-message')]")
    assert len(error.xpath("br")) == 1
    assert "<br>" not in error.text_content() and "&lt;" not in lxml.html.tostring(error).decode()
    assert error.text_content().count("Error:") == 2


def test_a_checkbox_has_its_label_after_the_box():
    field = group(with_errors(), "agree")
    item = one(field, "//div[contains(@class, 'govuk-checkboxes__item')]")
    box = one(item, "input[@type='checkbox']")
    assert "govuk-checkboxes__input" in classes(box)
    label = one(item, "label")
    assert label.get("for") == box.get("id") and label.text == "I agree"
    assert "govuk-checkboxes__label" in classes(label)
    assert one(field, "//*[@id='id_agree_helptext']").text == "You can change your mind"
    assert one(field, "//p[@id='id_agree_error']").text_content().startswith("Error: ")
    assert box.get("aria-describedby") == "id_agree_helptext id_agree_error"


@pytest.mark.parametrize(
    ("name", "kind", "legend"),
    [("outcome", "radios", "Outcome"), ("kinds", "checkboxes", "Kinds")],
)
def test_a_choice_of_boxes_is_a_fieldset_with_a_legend(name, kind, legend):
    field = group(with_errors(), name)
    assert "govuk-form-group--error" in classes(field)
    fieldset = one(field, "fieldset")
    assert one(fieldset, "legend").text == legend
    assert "govuk-fieldset__legend" in classes(one(fieldset, "legend"))
    assert fieldset.get("aria-describedby") == f"id_{name}_helptext id_{name}_error"
    one(fieldset, f"//p[@id='id_{name}_error'][contains(@class, 'govuk-error-message')]")
    options = one(fieldset, f"//div[@data-module='govuk-{kind}']")
    assert f"govuk-{kind}" in classes(options)
    items = options.xpath(f"div[@class='govuk-{kind}__item']")
    assert len(items) == 2
    for number, item in enumerate(items):
        box = one(item, "input")
        assert box.get("id") == f"id_{name}_{number}"
        assert f"govuk-{kind}__input" in classes(box)
        assert one(item, "label").get("for") == box.get("id")
        # Read through the fieldset, once, not again on every box.
        assert box.get("aria-describedby") is None


def test_a_date_is_three_boxes_in_a_fieldset():
    field = group(with_errors(), "date")
    fieldset = one(field, "fieldset[@role='group']")
    assert one(fieldset, "legend").text == "Date"
    assert fieldset.get("aria-describedby") == "id_date_helptext id_date_error"
    # The error summary links to the date by its id.
    one(fieldset, "//div[@class='govuk-date-input'][@id='id_date']")
    boxes = fieldset.xpath("//input")
    assert [b.get("name") for b in boxes] == ["date_day", "date_month", "date_year"]
    assert all({"govuk-input", "govuk-input--error"} <= classes(b) for b in boxes)
    labels = [label.text for label in fieldset.xpath("//label")]
    assert labels == ["Day", "Month", "Year"]


def test_a_form_may_give_a_widget_more_classes():
    class WidthForm(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))

    box = one(group(WidthForm(), "code"), "//input")
    assert classes(box) == {"govuk-input", "govuk-input--width-5"}


def test_a_page_may_make_the_label_bigger():
    html = Template('{% load site_tags %}{{ form.name|with_label_size:"s" }}').render(
        Context({"form": EveryKindForm()})
    )
    label = one(lxml.html.fragment_fromstring(html), "//label")
    assert classes(label) == {"govuk-label", "govuk-label--s"}


def test_a_legend_may_be_made_bigger_and_labels_are_escaped():
    class SizedForm(forms.Form):
        outcome = forms.ChoiceField(
            label="Done & dusted?", choices=[("y", "Yes <b>")], widget=forms.RadioSelect
        )

    html = Template('{% load site_tags %}{{ form.outcome|with_label_size:"m" }}').render(
        Context({"form": SizedForm()})
    )
    fieldset = lxml.html.fragment_fromstring(html)
    legend = one(fieldset, "//legend")
    assert classes(legend) == {"govuk-fieldset__legend", "govuk-fieldset__legend--m"}
    assert legend.text == "Done & dusted?"
    assert "Yes &lt;b&gt;" in html and "<b>" not in html


class Marked(str):
    """A value marked safe by the code that made it."""

    def __html__(self):
        return str(self)


WIDGETS = [
    (forms.TextInput(attrs={"class": "govuk-input", "required": True, "data-x": 0}), 'a "b" & <c>'),
    (forms.TextInput(attrs={"disabled": False, "title": None}), None),
    (forms.EmailInput(), "someone@example.org"),
    (forms.NumberInput(attrs={"min": 1, "step": "any"}), 3),
    (forms.HiddenInput(), 42),
    (forms.PasswordInput(render_value=True), "secret"),
    (forms.DateInput(), "2026-12-07"),
    (forms.URLInput(attrs={"aria-describedby": "x_hint x_error"}), ""),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(attrs={"data-aria-controls": "reveal"}), False),
    (forms.Textarea(attrs={"rows": 4}), 'Line one\nLine <two> & "three"'),
    (forms.Textarea(), ""),
    (forms.Textarea(), None),
    (forms.TextInput(attrs={"placeholder": Marked("<i>safe</i>")}), Marked("<b>")),
    (forms.FileInput(), None),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
def test_written_widgets_write_what_djangos_templates_write(widget, value):
    """web/written_fields.py writes the plain widgets in Python: the same HTML, to the
    character, as Django's own templates."""
    from django.forms.renderers import DjangoTemplates

    from web.forms import GovukFormRenderer

    attrs = {"id": "id_x"}
    expected = widget.render("x", value, attrs, renderer=DjangoTemplates())
    assert widget.render("x", value, attrs, renderer=GovukFormRenderer()) == expected


@pytest.mark.parametrize("widget", [forms.RadioSelect, forms.CheckboxSelectMultiple])
def test_written_boxes_write_what_djangos_templates_write(widget):
    from django.forms.renderers import DjangoTemplates

    from web.forms import GovukBoundField, GovukFormRenderer

    class BoxesForm(forms.Form):
        bound_field_class = GovukBoundField  # GOV.UK's classes, whichever the renderer
        x = forms.MultipleChoiceField(
            choices=[("a", "A & a"), ("b", "<B>")], widget=widget, initial=["b"]
        )

    for renderer in (DjangoTemplates(), GovukFormRenderer()):
        form = BoxesForm(renderer=renderer)
        tags = [box.tag() for box in form["x"]]
        whole = [str(box) for box in form["x"]]  # wrapped in their labels
        if isinstance(renderer, DjangoTemplates):
            expected = (tags, whole)
    assert (tags, whole) == expected


def test_a_choice_among_kept_written_options_is_shown_and_checked():
    kept = WrittenOptions.of([("sscb", "Safer & Stronger"), ("fsmc", "Fire <Services>")], "All")

    class BoardForm(forms.Form):
        board = WrittenChoiceField(
            label="Board", required=False, error_messages={"invalid_choice": "Choose a board"}
        )

    for value, valid in [("fsmc", True), ("", True), ("nope", False), ('"><b>', False)]:
        form = BoardForm({"board": value})
        form.fields["board"].options = lambda: kept
        assert form.is_valid() is valid
        select = lxml.html.fragment_fromstring(str(form["board"]))
        chosen = [o.get("value") for o in select.iter("option") if o.get("selected") is not None]
        assert chosen == ([value] if valid else [])
        assert [o.text for o in select.iter("option")] == [
            "All",
            "Safer & Stronger",
            "Fire <Services>",
        ]
        if not valid:
            assert form.errors["board"] == ["Choose a board"]


@pytest.mark.parametrize(
    ("who", "address"),
    [
        ("officer", "/manage/activities/{activity}/update/"),
        ("officer", "/manage/activities/{activity}/edit/"),
        ("officer", "/manage/programmes/{programme}/themes/new/"),
        ("officer", "/manage/programmes/{programme}/activities/new/"),
        ("clerk", "/manage/boards/sscb/meetings/new/"),
        ("clerk", "/manage/meetings/{meeting}/edit/"),
        ("clerk", "/manage/meetings/{meeting}/declarations/"),
        (None, "/accounts/login/"),
    ],
)
def test_a_page_sent_back_with_errors_says_so_first_in_its_title(world, signed_in, who, address):
    """Screen readers read the title first: a form shown again with errors starts it with
    "Error: ", as GOV.UK's error summary pattern asks."""
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2023, 1, 24))
    client = signed_in(getattr(world, who) if who else None)
    url = address.format(
        activity=world.activity.pk, programme=world.programme.pk, meeting=meeting.pk
    )
    response = client.post(url, {"title": "", "username": "nobody", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code in (200, 400) and "There is a problem" in html, url
    assert "<title>Error: " in html, url
