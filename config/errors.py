"""Error pages that never need the database: when it is away, say so with a 503 rather than
a traceback or a misleading 500."""

import logging
import sys

from django.conf import settings
from django.db import Error
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from web.context_processors import navigation

logger = logging.getLogger(__name__)


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    # django.db.Error, not DatabaseError: InterfaceError is not a DatabaseError.
    if isinstance(error, Error) and _is_unavailable(error):
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    # Rendered without the request, so that no context processor reaches the database; the
    # page has the site's layout like the 404.
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        **navigation(request),
    }
    return HttpResponseServerError(render_to_string("500.html", context))


def _is_unavailable(error: Error) -> bool:
    # OperationalError (server gone, connection refused) and InterfaceError (connection
    # already closed) mean the database is away; other database errors are bugs.
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)
