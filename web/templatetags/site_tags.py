"""Small template helpers shared by every app's pages."""

from django import template

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


@register.inclusion_tag("includes/_tag.html")
def status_tag(value: str, label: str) -> dict:
    return {"label": label, "colour": STATUS_TAG_COLOURS.get(value, "govuk-tag--grey")}


@register.inclusion_tag("includes/_tag.html")
def rag_tag(value: str, label: str) -> dict:
    """RAG tags say the colour in words too: colour alone must not carry meaning."""
    if not value:
        return {"label": "Not rated", "colour": "govuk-tag--grey", "prefix": "RAG"}
    return {"label": label, "colour": RAG_TAG_COLOURS[value], "prefix": "RAG"}


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
    """A field's form group (govuk/field.html) with a bigger label or legend, GOV.UK's
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
