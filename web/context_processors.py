"""What the header and footer of every page need."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The header's links, by the URL names they reverse.
NAVIGATION = {
    "home": "pages:home",
    "action_log": "meetings:action_log",
    "search": "meetings:search",
    "my_work": "pages:my_work",
    "my_actions": "reminders:my_actions",
    "administration": "admin:index",
    "sign_in": "login",
    "sign_out": "logout",
}


@functools.cache
def _navigation(script_prefix: str, urlconf: str) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in NAVIGATION.items()}


def navigation(request):
    """The header's links. They are the same on every page, so they are worked out once per
    process (for each address prefix and set of URLs) rather than on every page: reversing
    them was a tenth of a signed-in page's time."""
    return {"navigation": _navigation(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)}


def site(request):
    """The organisation's name for the header and footer of every page."""
    return {"SITE_NAME": settings.SITE_NAME, "ORGANISATION_NAME": settings.ORGANISATION_NAME}
