"""Where a public page's time goes with nothing stored: building its queries' SQL in the ORM,
running them, and the rest (templates, turning rows into models, the middleware), timed in
process as the public, with /healthz (one trivial query) measured in the same run.

    PAGE_CACHE_SECONDS=0 python -m bench.query_time --scale L [--repeats 20] [--only meeting]

Building is a query's outermost compile (`SQLCompiler.as_sql`, subqueries included); running
is its execution as the database wrapper sees it: the database's work, the round trip and
reading the rows. Its query counts leave out a transaction's BEGIN and COMMIT, which
bench.run counts. Prints each page's p50s in ms over `repeats` requests after two that warm
the process. Reads only.
"""

import argparse
import os
import statistics
import time
from contextlib import contextmanager

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.sql import compiler  # noqa: E402
from django.test import Client  # noqa: E402

from config.collecting import collect_between_requests  # noqa: E402

# The compilers of the queries a page reads; an aggregate's compiles its inner query too.
COMPILERS = (compiler.SQLCompiler, compiler.SQLAggregateCompiler)


class QueryClock:
    """The queries run while `timing()` is on, and the seconds spent building and running
    them. Only the outermost compile of a query counts: a subquery is built within it."""

    def __init__(self) -> None:
        self.queries = 0
        self.building = 0.0
        self.running = 0.0
        self._depth = 0

    def _timed(self, as_sql):
        def timed_as_sql(compiler_self, *args, **kwargs):
            self._depth += 1
            started = time.perf_counter()
            try:
                return as_sql(compiler_self, *args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.building += time.perf_counter() - started

        return timed_as_sql

    def _run(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.running += time.perf_counter() - started
            self.queries += 1

    @contextmanager
    def timing(self):
        originals = {cls: cls.__dict__["as_sql"] for cls in COMPILERS}
        for cls, as_sql in originals.items():
            cls.as_sql = self._timed(as_sql)
        try:
            with connection.execute_wrapper(self._run):
                yield self
        finally:
            for cls, as_sql in originals.items():
                cls.as_sql = as_sql


def measure(client: Client, url: str, repeats: int) -> dict:
    """p50s in ms of the whole request and of building and running its queries."""
    rows = []
    for i in range(repeats + 2):
        clock = QueryClock()
        with clock.timing():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        collect_between_requests()  # as the app's servers do once a response has gone
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if i >= 2:
            rows.append((elapsed, clock.building, clock.running, clock.queries))

    def p50(values) -> float:
        return round(statistics.median(values) * 1000, 1)

    request, building, running = (p50([row[n] for row in rows]) for n in range(3))
    return {
        "queries": max(row[3] for row in rows),
        "request": request,
        "building": building,
        "running": running,
        "rest": round(request - building - running, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="S")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--only", action="append", default=[], metavar="PAGE")
    args = parser.parse_args()
    # Set up as the app's servers are (bench.run loads config.wsgi: the collector's settings),
    # when run, not when a test imports the clock.
    from bench.run import pages, public_pages

    urls = {"/healthz": "/healthz", **public_pages(pages())}
    if args.only:
        urls = {name: url for name, url in urls.items() if name in [*args.only, "/healthz"]}
    stored = "stored" if settings.PAGE_CACHE_SECONDS > 0 else "storing off"
    print(f"Scale {args.scale} on {connection.vendor}, the public, {stored}:")
    print(f"{args.repeats} requests a page, p50 ms\n")
    header = ("queries", "request", "building", "running", "rest")
    print(f"{'page':24}" + "".join(f"{h:>10}" for h in header))
    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in urls.items():
        row = measure(client, url, args.repeats)
        print(f"{name:24}" + "".join(f"{row[h]:>10}" for h in header))


if __name__ == "__main__":
    main()
