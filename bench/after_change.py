"""The first public render of a board's pages after a change, with storing on.

A stored page is kept until its board's records change; the first reader after a change waits
for what the stored parts cannot give. Each round raises the board's progress version, as an
officer's update does when it commits (or its content version, as a clerk's change does, with
--content), then times the next public request of the page. With CACHE_URL set the stored
parts are in Redis, as on several app servers.

    python -m bench.after_change --scale L [--content] [--repeats 40]

Prints each page's p50 and p95 in ms. It raises the versions of the bench database's first
board, as any change would, and writes nothing else.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402

from bench.run import pages  # noqa: E402
from boards.models import Board  # noqa: E402

PAGES = ["home", "board", "programme", "activity", "meeting"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="S")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--content", action="store_true", help="a clerk's change, not an update")
    args = parser.parse_args()
    if settings.PAGE_CACHE_SECONDS <= 0:
        raise SystemExit(
            "Storing is off (PAGE_CACHE_SECONDS=0): bench.run --public-only times that"
        )
    urls = pages()
    board = Board.objects.get(slug=urls["board"].strip("/").split("/")[1])
    version = "content_version" if args.content else "progress_version"
    store = "Redis" if settings.CACHE_URL else "each process's memory"
    change = "a clerk's change" if args.content else "an officer's update"
    print(f"Scale {args.scale} on {connection.vendor}, stored in {store}, after {change}:")
    print(f"{args.repeats} rounds a page\n\n{'page':12} {'p50 ms':>8} {'p95 ms':>8}")
    client = Client(HTTP_HOST="127.0.0.1")
    for name in PAGES:
        for _ in range(3):  # the parts a change does not replace are stored
            assert client.get(urls[name]).status_code == 200
        timings = []
        for _ in range(args.repeats):
            Board.objects.filter(pk=board.pk).update(**{version: F(version) + 1})
            started = time.perf_counter()
            client.get(urls[name])
            timings.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:12} {statistics.median(timings):>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
