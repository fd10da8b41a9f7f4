"""Small template helpers shared by every app's pages."""

import functools

from django import template
from django.template.loader import render_to_string

register = template.Library()

STATUS_TAG_COLOURS = {
    "proposed": "govuk-tag--grey",
    "agreed": "govuk-tag--light-blue",
    "in_progress": "govuk-tag--blue",
    "complete": "govuk-tag--green",
    "not_progressed": "govuk-tag--orange",
    "carried_forward": "govuk-tag--purple",
    "dropped": "govuk-tag--grey",
    "open": "govuk-tag--blue",
    "done": "govuk-tag--green",
    "scheduled": "govuk-tag--grey",
    "draft": "govuk-tag--yellow",
    "notes_to_follow": "govuk-tag--yellow",
    "published": "govuk-tag--blue",
}

RAG_TAG_COLOURS = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--yellow",
    "green": "govuk-tag--green",
}


@functools.lru_cache(maxsize=256)
def _tag(label: str, colour: str, prefix: str) -> str:
    """A tag as includes/_tag.html writes it. There are a few dozen different ones (a status
    or rating and its label), and long lists show one or two a row: written through a
    template each, they were a tenth of a programme page's first render, so each is written
    once per process."""
    return render_to_string(
        "includes/_tag.html", {"label": label, "colour": colour, "prefix": prefix}
    )


@register.simple_tag
def status_tag(value: str, label: str) -> str:
    return _tag(str(label), STATUS_TAG_COLOURS.get(value, "govuk-tag--grey"), "")


@register.simple_tag
def rag_tag(value: str, label: str) -> str:
    """RAG tags say the colour in words too: colour alone must not carry meaning."""
    if not value:
        return _tag("Not rated", "govuk-tag--grey", "RAG")
    return _tag(str(label), RAG_TAG_COLOURS[value], "RAG")


@register.filter
def text_blocks(text: str) -> list[dict]:
    """Split plain text into paragraphs and bulleted lists (lines starting "- ") for
    includes/_text.html, which escapes everything it prints."""
    blocks: list[dict] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        bullets = [line[2:].strip() for line in lines if line.startswith(("- ", "• ", "· "))]
        prose = [line for line in lines if not line.startswith(("- ", "• ", "· "))]
        if prose:
            blocks.append({"kind": "p", "text": " ".join(prose)})
        if bullets:
            blocks.append({"kind": "ul", "items": bullets})
    return blocks


@register.simple_tag
def count_of(counts: dict, key: str) -> int:
    return counts.get(key, 0)


@register.filter
def with_label_size(bound_field, size: str):
    """A field's form group (web/written_fields.py) with a bigger label or legend, GOV.UK's
    govuk-label--s and so on: {{ form.q|with_label_size:"s" }}."""
    return bound_field.render(context={**bound_field.get_context(), "label_size": size})


@register.filter
def file_size(size: int) -> str:
    """A file's size as readers expect it: "245 KB", "1.2 MB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(size / 1024))} KB"


@register.filter
def attr_or_zero(obj, name: str):
    """An annotated count on an object by a name held in a variable."""
    return getattr(obj, name, 0)


@register.filter
def user_name(user) -> str:
    """Who did something, by their name or else their username. Their account may since have
    been deleted (the record keeps an empty key), which is said rather than left blank."""
    if user is None:
        return "a deleted account"
    return user.get_full_name() or user.username
