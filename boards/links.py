"""Addresses of records' pages, reversed once per process for each kind of page.

A programme lists fifty activities, each with its lead officer's page and the meetings it was
reported at, and Django's reverse() for each of those links was a tenth of the page's first
render. Every record of a kind has the same address but for one part (its key, slug or date),
so the address is reversed once with a placeholder there and the part is filled in per record,
as the API's links are (api/links.py). What reverse() would refuse (a value its converter does
not match) is still handed to reverse().
"""

import datetime
import functools
import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Stand-ins no record has, each matched by the converters the varying part goes through: int
# (a key), slug and str (a slug), and the site's date (web/converters.py).
_PLACEHOLDERS = {
    int: "918273645546372819",
    str: "q9182736455463728190",
    datetime.date: "9182-07-31",
}
# What each kind of value must look like to be written into the address as it is, as the
# converters above write it: anything else goes through reverse().
_SAFE = {
    int: re.compile(r"[0-9]+"),
    str: re.compile(r"[-a-zA-Z0-9_]+"),
    datetime.date: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}


@functools.lru_cache(maxsize=4096)
def _pattern(
    viewname: str, fixed: tuple, varying: str, kind: type, prefix: str, urlconf: str | None
) -> str | None:
    """The address with the placeholder in place of the varying part; None when the
    placeholder is not written as it is (a converter changes it), so the address must be
    reversed each time."""
    placeholder = _PLACEHOLDERS[kind]
    try:
        address = reverse(viewname, kwargs={**dict(fixed), varying: placeholder}, urlconf=urlconf)
    except NoReverseMatch:
        return None
    return address if address.count(placeholder) == 1 else None


def link(viewname: str, varying: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), with kwargs[varying] (a key, slug or date) filled into
    an address reversed once for the other arguments. The other arguments should be few in
    number across the site (a board, a year): each set is kept for the life of the process."""
    value = kwargs[varying]
    kind = datetime.date if isinstance(value, datetime.date) else type(value)
    text = value.isoformat() if kind is datetime.date else str(value)
    if kind in _SAFE and _SAFE[kind].fullmatch(text):
        fixed = tuple(sorted((k, v) for k, v in kwargs.items() if k != varying))
        pattern = _pattern(viewname, fixed, varying, kind, get_script_prefix(), get_urlconf())
        if pattern is not None:
            return pattern.replace(_PLACEHOLDERS[kind], text, 1)
    return reverse(viewname, kwargs=kwargs)
