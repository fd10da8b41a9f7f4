"""The visitor's address, as far as this server can know it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address failed sign-ins are counted against (django-axes).

    Behind a proxy (BEHIND_PROXY) that is the last address in X-Forwarded-For, the one the
    proxy appended: whatever comes before it was sent by the visitor and proves nothing.
    Otherwise X-Forwarded-For is the visitor's own claim and only the peer's address counts.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")
