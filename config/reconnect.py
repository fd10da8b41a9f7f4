"""A read whose database connection was cut under it is run once more on a new connection.

Connections are kept from one request to the next (CONN_MAX_AGE) and checked before their
first query in each (CONN_HEALTH_CHECKS), so one that PostgreSQL dropped while idle is
replaced without anyone noticing. One dropped while a request was using it (PostgreSQL
restarting, a failover, an administrator ending connections, a pooler recycling them) fails
that request, which config/errors.py answers with a 503. For a read (GET or HEAD), which
changes nothing, it is safe to run the view again on a new connection, so the visitor gets
their page instead. A form's post is not run again: its transaction may have been committed
just before the connection went, and a second run would save it twice, so it keeps the 503
and the visitor sends it again knowingly.
"""

import logging

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

SAFE_METHODS = {"GET", "HEAD"}


class RetryReadsOnANewConnection:
    """Last in MIDDLEWARE, so that running again means running the view again."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if (
            request.method not in SAFE_METHODS
            or getattr(request, "run_on_a_new_connection", False)
            or not isinstance(exception, OperationalError | InterfaceError)
            or connection.in_atomic_block
            # The connection still answers: the database refused the query itself (a
            # timeout, say), and running it again would only double the load.
            or connection.is_usable()
        ):
            return None
        logger.warning("Database connection lost during %s; running it again", request.path)
        request.run_on_a_new_connection = True
        connection.close()
        return self.get_response(request)
