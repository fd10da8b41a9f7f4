"""What a browser sends back for a page's form, as shown: for tests that a form sent back
unchanged saves, and that a re-shown form kept what was typed."""

import re
from html import unescape


def form_values(page: str) -> dict[str, str | list[str]]:
    """Checked radios and checkboxes (a list where several share a name), selected options,
    text, hidden inputs and textareas of the page's forms; not the buttons or the CSRF token.
    The <template> rows of "add another" are not part of the form."""
    page = re.sub(r"<template\b.*?</template>", "", page, flags=re.S)
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken" or not kind:
            continue
        value = unescape(value.group(1)) if value else ""
        if kind.group(1) in ("radio", "checkbox"):
            if re.search(r"\schecked\b", tag):
                data.setdefault(name.group(1), []).append(value or "on")
        elif kind.group(1) in ("text", "hidden", "time", "number"):
            data.setdefault(name.group(1), []).append(value)
    for name, body in re.findall(
        r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        data.setdefault(name, []).append(unescape(body.removeprefix("\n")))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]* selected', body)
        data.setdefault(name, []).extend(chosen or [""])
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}
