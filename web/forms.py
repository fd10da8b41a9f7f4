"""How every form field looks: GOV.UK Frontend's markup, written by Django's form renderer.

config/settings.py points FORM_RENDERER at GovukFormRenderer, so `{{ form.title.as_field_group }}`
in a template gives the field's whole form group (web/written_fields.py's field_group: label or
legend, hint, error message, the widget) and `{{ form.title }}` the widget alone with its
GOV.UK classes.
The forms themselves (in the domain apps) say nothing about presentation.
"""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

from .written_fields import WRITTEN, field_group


def govuk_class(widget: forms.Widget) -> str:
    """GOV.UK Frontend's class for a kind of widget, any subclass included (boards.forms's
    WrittenSelect is a select); "" for those the templates lay out themselves."""
    if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput | forms.MultiWidget):
        return ""
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.Select):
        return "govuk-select"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea"
    if isinstance(widget, forms.FileInput):
        return "govuk-file-upload"
    if isinstance(widget, Input):
        return "govuk-input"
    return ""


# Boxes with an error variant: the others show an error by the form group's red line alone.
HAS_ERROR_VARIANT = {"govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"}


class GovukBoundField(forms.BoundField):
    """A field as GOV.UK Frontend marks it up: its widget's class (red when in error). Its hint
    and error message keep Django's ids ("<id>_helptext", "<id>_error"), which Django names in
    the widget's aria-describedby, so a screen reader reads them with the box; the admin's
    pages, which the same renderer writes, use those ids too."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        css = govuk_class(widget)
        if css in HAS_ERROR_VARIANT and self.errors:
            css += f" {css}--error"
        elif isinstance(widget, forms.MultiWidget) and self.errors:
            css = "govuk-input--error"  # for each of the date's boxes (widgets/govuk_date.html)
        # Added to a class the form gives its widget (a width, say), not put in its place.
        classes = [attrs.get("class") or widget.attrs.get("class"), css]
        if any(classes):
            attrs["class"] = " ".join(c for c in classes if c)
        return attrs

    def render(self, template_name=None, context=None, renderer=None):
        # The form group is written in Python (web/written_fields.py), unless the field or
        # the call names a template of its own. site_tags's with_label_size passes a size.
        if template_name is None and self.field.template_name is None:
            return field_group(self, (context or {}).get("label_size") or "")
        return super().render(template_name, context, renderer)


class GovukFormRenderer(TemplatesSetting):
    """Django's renderer with the project's templates (web/templates first, so widgets/ is
    found there), GOV.UK's field markup, and the plain widgets written in Python."""

    bound_field_class = GovukBoundField

    def render(self, template_name, context, request=None):
        write = WRITTEN.get(template_name)
        if write is None:
            return super().render(template_name, context, request)
        return write(context)
