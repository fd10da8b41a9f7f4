"""gunicorn's settings for this app; gunicorn reads this file from the directory it starts in.

Sync workers, each serving one request at a time, two per core and one more (gunicorn's own
advice; WEB_CONCURRENCY sets another number). The app's work is Python and PostgreSQL, not
waiting on slow clients (the proxy in front buffers those). Threaded workers accept
connections into a queue of their own, so a request can wait behind a busy process while
another is idle: in the load test at scale L (README, Performance), four workers of two
threads gave p95 of 1.0 to 1.4 s where five sync workers gave 0.4 to 0.5 s.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# The app is loaded, and warmed up (config/warm_up.py: every template compiled, the URL map
# built), once in the master before the workers are forked: a server starts in the time one
# worker takes to load rather than all of them at once on shared cores, and its workers'
# first requests are as quick as the rest, which matters most when a server comes back
# after it died under load. Code changes need a restart, not a HUP, as with any deploy.
preload_app = True


def post_request(worker, req, environ, resp) -> None:
    """Once the response has gone (a sync worker calls this after writing it): collect the
    garbage the request left (config/collecting.py), so that the next reader does not wait
    for it. Imported when called, once the app is loaded, not when gunicorn reads its
    settings."""
    from config.collecting import collect_between_requests

    collect_between_requests()
