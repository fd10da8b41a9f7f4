"""A form field's GOV.UK form group, and Django's plain widgets, written out in Python.

A clerk's item form has about forty form groups and fifty widgets; written through templates
they were a third of the page's time. So a field writes its own form group (web/forms.py's
GovukBoundField), and the form renderer writes the widgets listed in WRITTEN here rather than
through Django's templates: each function writes what its template wrote
(`tests/test_form_rendering.py` compares them with Django's own templates). Anything not
listed (selects, the date's boxes, the admin's widgets) renders through its template.
"""

import html

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe


def shown(value) -> str:
    """A value as `{{ value }}` writes it: escaped unless it has its own HTML. (Django's
    escape is the standard library's behind a check for lazy text, which a few hundred calls
    a page notice.)"""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def text(value) -> str:
    """A value as `{{ value|stringformat:'s' }}` writes it: as a string, escaped unless the
    value was marked safe."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: True writes the bare name, False nothing."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> SafeString:
    """django/forms/widgets/input.html, and every widget template that only includes it."""
    value = "" if widget["value"] is None else f' value="{text(widget["value"])}"'
    return mark_safe(
        f'<input type="{shown(widget["type"])}"'
        f' name="{shown(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'
    )


def textarea_html(widget: dict) -> SafeString:
    value = shown(widget["value"]) if widget["value"] else ""
    return mark_safe(
        f'<textarea name="{shown(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def input_option_html(widget: dict) -> SafeString:
    """One radio or checkbox of a group (django/forms/widgets/input_option.html): the field
    group below writes its own label, so `wrap_label` is False there."""
    if not widget.get("wrap_label"):
        return input_html(widget)
    label_id = widget["attrs"].get("id")
    target = f' for="{shown(label_id)}"' if label_id else ""
    # The template includes input.html, whose closing newline stays in.
    return mark_safe(f"<label{target}>{input_html(widget)}\n {shown(widget['label'])}</label>")


def error_message(field) -> SafeString:
    """govuk/_error_message.html: each of the field's errors, after a hidden "Error:"."""
    errors = format_html_join(
        mark_safe("<br>"),
        '<span class="govuk-visually-hidden">Error:</span> {}',
        ((e,) for e in field.errors),
    )
    return format_html('<p id="{}_error" class="govuk-error-message">{}</p>', field.auto_id, errors)


def field_group(field, label_size: str = "") -> SafeString:
    """One field as GOV.UK Frontend marks it up ({{ form.x.as_field_group }}): a label, or a
    legend for a group of boxes, then the hint, the error message and the widget. label_size
    (s, m, l, xl) is set by site_tags's with_label_size."""
    group = "govuk-form-group govuk-form-group--error" if field.errors else "govuk-form-group"
    error = error_message(field) if field.errors else ""
    kind = field.widget_type
    if kind == "checkbox":
        hint = (
            format_html(
                '<div id="{}_helptext" class="govuk-hint govuk-checkboxes__hint">{}</div>',
                field.auto_id,
                field.help_text,
            )
            if field.help_text
            else ""
        )
        return format_html(
            '<div class="{}">\n  {}\n  <div class="govuk-checkboxes govuk-checkboxes--small">\n'
            '    <div class="govuk-checkboxes__item">\n      {}\n'
            '      <label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>\n'
            "      {}\n    </div>\n  </div>\n</div>",
            group,
            error,
            field,
            field.auto_id,
            field.label,
            hint,
        )
    hint = (
        format_html(
            '<div id="{}_helptext" class="govuk-hint">{}</div>', field.auto_id, field.help_text
        )
        if field.help_text
        else ""
    )
    if field.use_fieldset:
        size = f" govuk-fieldset__legend--{label_size}" if label_size else ""
        role = ' role="group"' if kind == "govukdate" else ""
        described = field.aria_describedby
        described = format_html(' aria-describedby="{}"', described) if described else ""
        return format_html(
            '<div class="{}">\n  <fieldset class="govuk-fieldset"{}{}>\n'
            '    <legend class="govuk-fieldset__legend{}">{}</legend>\n    {}\n    {}\n    {}\n'
            "  </fieldset>\n</div>",
            group,
            mark_safe(role),
            described,
            size,
            field.label,
            hint,
            error,
            boxes(field, kind),
        )
    size = f" govuk-label--{label_size}" if label_size else ""
    return format_html(
        '<div class="{}">\n  <label class="govuk-label{}" for="{}">{}</label>\n  {}\n  {}\n  {}\n</div>',
        group,
        size,
        field.auto_id,
        field.label,
        hint,
        error,
        field,
    )


BOXES = {
    "radioselect": ("govuk-radios", "govuk-radios__item", "govuk-radios__label"),
    "checkboxselectmultiple": (
        "govuk-checkboxes",
        "govuk-checkboxes__item",
        "govuk-checkboxes__label",
    ),
}


def boxes(field, kind: str) -> SafeString:
    """A fieldset's radios or checkboxes, each with its label; any other widget as it is."""
    if kind not in BOXES:
        return conditional_escape(field)
    outer, item, label = BOXES[kind]
    module = outer.removeprefix("govuk-")
    rows = format_html_join(
        "\n",
        '      <div class="{}">\n        {}\n'
        '        <label class="govuk-label {}" for="{}">{}</label>\n      </div>',
        ((item, box.tag(), label, box.id_for_label, box.choice_label) for box in field),
    )
    return format_html(
        '<div class="{} {}--small" data-module="govuk-{}">\n{}\n    </div>',
        outer,
        outer,
        module,
        rows,
    )


def _widget(write):
    return lambda context: write(context["widget"])


INPUT_TEMPLATES = (
    "checkbox color date datetime email file hidden input number password search tel text time url"
).split()
WRITTEN = {
    "django/forms/widgets/textarea.html": _widget(textarea_html),
    "django/forms/widgets/input_option.html": _widget(input_option_html),
    "django/forms/widgets/radio_option.html": _widget(input_option_html),
    "django/forms/widgets/checkbox_option.html": _widget(input_option_html),
    **{f"django/forms/widgets/{name}.html": _widget(input_html) for name in INPUT_TEMPLATES},
}
