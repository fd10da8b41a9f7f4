"""Load test: gunicorn on 127.0.0.1, 32 concurrent clients for 60 s (by default), a mix of
page and API reads and signed-in progress updates. Passes only with zero 5xx responses and
zero lost writes (every update the server acknowledged is in the database afterwards).

Run with `make loadtest` (full length) or `python scripts/loadtest.py --seconds 10`. Needs
PostgreSQL. By default it creates and migrates a database of its own, named by
LOADTEST_DATABASE (default `boardapp_loadtest`), with the demo board. Each run starts from a
fresh copy, but it drops only a database an earlier run created (it marks them with a
comment): any other database of that name is left alone and the run stops. With
--database-url it runs against that database as it is (for example the scale-L data of
`make bench SCALE=L`), adding only its own officer account (and its updates, which it deletes
once counted), and drops nothing.

With --servers 2 (`make loadtest SERVERS=2`) the requests go through HAProxy to two app servers
sharing PostgreSQL and a Redis of the run's own (bench/cluster.py); with --fault NAME one
fault of bench/faults.py strikes 20 s into the run, and the run passes with the errors
confined to the fault, at most 1% of its requests, and no acknowledged update lost.

It prints, for each kind of request, how many were made and their p50, p95 and max times.
"""

import argparse
import http.client
import http.cookiejar
import itertools
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import faults  # noqa: E402
from bench.cluster import AppServer, Site  # noqa: E402

DATABASE = os.environ.get("LOADTEST_DATABASE", "boardapp_loadtest")
DATABASE_URL = f"postgres://boardapp:boardapp@127.0.0.1:5432/{DATABASE}"
OURS = "Created by scripts/loadtest.py; dropped and made again by each run."
PASSWORD = secrets.token_urlsafe(16)


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-tAq"]


def psql(sql: str, database: str = "postgres", check: bool = True) -> str:
    return subprocess.run(
        [*PSQL, "-d", database, "-c", sql],
        check=check,
        capture_output=True,
        text=True,
    ).stdout.strip()


def made_by_an_earlier_run(comment: str) -> bool:
    # Runs before the comment was added left their officer account as their signature.
    return comment == OURS or (
        not comment
        and psql(
            "SELECT 1 FROM auth_user WHERE username = 'loadtest-officer'", DATABASE, check=False
        )
        == "1"
    )


def fresh_database() -> None:
    """Drop the database if an earlier run made it, then make it again, marked as ours."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", DATABASE):
        raise SystemExit(f"LOADTEST_DATABASE must be a plain lower-case name, not {DATABASE!r}")
    subprocess.run([str(ROOT / "scripts" / "ensure-postgres.sh"), "--no-database"], check=True)
    found = psql(
        "SELECT 'comment:' || coalesce(shobj_description(oid, 'pg_database'), '')"
        f" FROM pg_database WHERE datname = '{DATABASE}'"
    )
    if found and not made_by_an_earlier_run(found.removeprefix("comment:")):
        raise SystemExit(
            f"Database {DATABASE} exists and the load test did not create it, so it will not"
            " drop it: set LOADTEST_DATABASE to another name."
        )
    if found:
        psql(f"DROP DATABASE {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE} OWNER boardapp")
    psql(f"COMMENT ON DATABASE {DATABASE} IS '{OURS}'")


def prepare(env: dict, own_database: bool) -> dict:
    """The database ready (a fresh demo copy, or the given one migrated), an officer account
    on its busiest board, and the pages to read and the activities to update there."""
    if own_database:
        fresh_database()
    manage(env, "migrate", "--no-input", "-v0")
    if own_database:
        manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v0")
    script = f"""
import datetime, json
from django.contrib.auth.models import User
from django.db.models import Count
from boards.models import Board, BoardRole
from meetings.models import Meeting
from workplan.models import Activity, WorkProgramme
today = datetime.date.today()
board = Board.objects.annotate(n=Count("meetings")).order_by("-n", "slug").first()
programme = WorkProgramme.objects.filter(board=board).select_related("board", "year").current(today)
activities = list(Activity.objects.for_programme(programme).select_related(
    "theme__programme__board", "theme__programme__year").order_by("pk")[:200])
meetings = Meeting.objects.filter(board=board).select_related("board")
meeting = meetings.with_public_notes().first() or meetings.first()
user, _ = User.objects.get_or_create(username="loadtest-officer")
user.set_password({PASSWORD!r}); user.save()
BoardRole.objects.get_or_create(user=user, board=board, role="policy_officer")
print(json.dumps({{
    "activities": [a.pk for a in activities],
    "reads": {{
        "home": "/",
        "board": board.get_absolute_url(),
        "programme": programme.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "activity": activities[0].get_absolute_url(),
        "action log": "/actions/?board=" + board.slug,
        "search": "/search/?q=community+safety",
        "api meetings": "/api/meetings/?board=" + board.slug,
        "api activities": "/api/activities/?board=" + board.slug,
    }},
}}))
"""
    return json.loads(manage(env, "shell", "-v", "0", "-c", script))


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        try:
            with self.opener.open(
                urllib.request.Request(self.base + path, body, headers), timeout=30
            ) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            # No answer at all: refused, cut off or timed out. Counted as a failure.
            return 0, ""

    def sign_in(self) -> None:
        status, page = self.request("/accounts/login/")
        status, _ = self.request(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token(page),
                "username": "loadtest-officer",
                "password": PASSWORD,
            },
        )
        if status != 302:
            raise SystemExit(f"Could not sign in: {status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def run(
    base: str, plan: dict, seconds: float, clients: int, fault=None
) -> tuple[list[faults.Request], list[str], tuple[float, float] | None]:
    """Every request made (with when it started), the markers of the acknowledged updates,
    and when the fault (a function of no arguments) started and ended, in seconds from the
    start of the run."""
    log: list[faults.Request] = []
    acknowledged: list[str] = []
    fault_window: list[float] = []
    lock = threading.Lock()
    began = time.monotonic()
    stop = began + seconds
    numbers = itertools.count()
    reads = list(plan["reads"].items())

    def timed(client: "Client", kind: str, path: str, data: dict | None = None):
        started = time.monotonic()
        status, page = client.request(path, data)
        request = faults.Request(started - began, time.monotonic() - started, status, kind)
        with lock:
            log.append(request)
        return status, page

    def reader() -> None:
        client = Client(base)
        while time.monotonic() < stop:
            kind, path = random.choice(reads)
            timed(client, kind, path)

    def floor() -> None:
        # /healthz (one trivial query) ten times a second: the floor the pages compare with.
        client = Client(base)
        while time.monotonic() < stop:
            timed(client, "floor (/healthz)", "/healthz")
            time.sleep(0.1)

    def writer() -> None:
        client = Client(base)
        client.sign_in()
        while time.monotonic() < stop:
            pk = random.choice(plan["activities"])
            status, page = timed(client, "update form", f"/manage/activities/{pk}/update/")
            if status != 200:
                continue
            marker = f"loadtest-update-{next(numbers)}-{secrets.token_hex(4)}"
            today = time.localtime()
            status, _ = timed(
                client,
                "update posted",
                f"/manage/activities/{pk}/update/",
                {
                    "csrfmiddlewaretoken": token(page),
                    "text": f"Progress noted under load ({marker}).",
                    "date_day": today.tm_mday,
                    "date_month": today.tm_mon,
                    "date_year": today.tm_year,
                    "status": "in_progress",
                    "rag": "amber",
                    "reported_at": "",
                },
            )
            if status == 302:
                with lock:
                    acknowledged.append(marker)

    def strike() -> None:
        time.sleep(max(0.0, began + faults.STARTS_AT - time.monotonic()))
        fault_window.append(time.monotonic() - began)
        fault()
        fault_window.append(time.monotonic() - began)

    threads = [threading.Thread(target=writer if i % 4 == 0 else reader) for i in range(clients)]
    threads.append(threading.Thread(target=floor))
    if fault:
        threads.append(threading.Thread(target=strike))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return log, acknowledged, tuple(fault_window) if fault else None


def latency_table(times: dict[str, list[float]]) -> str:
    lines = [f"{'request':<16} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"]
    for kind, values in sorted(times.items()):
        ms = sorted(v * 1000 for v in values)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        lines.append(
            f"{kind:<16} {len(ms):>6} {statistics.median(ms):>8.0f} {p95:>8.0f} {ms[-1]:>8.0f}"
        )
    return "\n".join(lines)


def environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
    }


def one_server(env: dict):
    """gunicorn on a free port, workers as gunicorn.conf.py sets them for production."""
    server = AppServer("app", env)
    server.start()
    return server.url, server.stop


def several_servers(env: dict, servers: int, fault_name: str):
    """`servers` app servers behind HAProxy (bench/cluster.py), three workers each, and the
    fault to strike."""
    database = urllib.parse.urlparse(env["DATABASE_URL"]).path.lstrip("/")
    site = Site(env, database, servers=servers, workers=3, pooler=fault_name == "pgbouncer")
    site.__enter__()
    inject = faults.FAULTS.get(fault_name)
    fault = (lambda: inject(site, database)) if inject else None
    return site.url, lambda: site.__exit__(), fault


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--database-url",
        default="",
        help="run against this PostgreSQL database as it is, instead of a fresh demo copy",
    )
    parser.add_argument(
        "--servers", type=int, default=1, help="app servers; more than one go behind HAProxy"
    )
    parser.add_argument("--fault", choices=sorted(faults.FAULTS), default="")
    args = parser.parse_args()
    if args.fault and args.servers < 2:
        parser.error("a fault needs --servers 2 or more")
    if args.fault and args.seconds < faults.STARTS_AT + faults.DOWN_FOR + 10:
        parser.error(f"a fault needs a run of at least {faults.STARTS_AT + faults.DOWN_FOR + 10} s")
    env = environment(args.database_url or DATABASE_URL)
    plan = prepare(env, own_database=not args.database_url)
    fault = None
    if args.servers > 1:
        base, stop, fault = several_servers(env, args.servers, args.fault)
    else:
        base, stop = one_server(env)
    try:
        log, acknowledged, fault_window = run(base, plan, args.seconds, args.clients, fault)
    finally:
        stop()
    script = "from workplan.models import ProgressUpdate\nprint('\\n'.join(t for t in ProgressUpdate.objects.filter(text__contains='loadtest-update-').values_list('text', flat=True)))"
    stored = manage(env, "shell", "-v", "0", "-c", script)
    lost = [marker for marker in acknowledged if marker not in stored]
    # Its updates go once counted, so that the next run reads the same data as this one
    # (an activity's updates would otherwise pile up run after run), and the keys go back to
    # follow the last update left: search looks for the latest matches among the newest keys
    # first, and keys left empty run after run sent it to the slow path.
    tidy = (
        "from django.db import connection\n"
        "from workplan.models import ProgressUpdate\n"
        "ProgressUpdate.objects.filter(text__contains='loadtest-update-').delete()\n"
        "if connection.vendor == 'postgresql':\n"
        "    connection.cursor().execute(\"SELECT setval(pg_get_serial_sequence('workplan_progressupdate', 'id'), (SELECT max(id) FROM workplan_progressupdate))\")\n"
    )
    manage(env, "shell", "-v", "0", "-c", tidy)
    statuses = Counter(request.status for request in log)
    times: dict[str, list[float]] = {}
    for request in log:
        times.setdefault(request.kind, []).append(request.seconds)
    figures = faults.report(log, fault_window)
    where = f"through HAProxy to {args.servers} servers" if args.servers > 1 else "on one server"
    print(
        f"{len(log)} requests in {args.seconds:.0f} s with {args.clients} clients {where}"
        + (f", fault {args.fault}" if args.fault else "")
        + f": {dict(sorted(statuses.items()))}"
    )
    print(latency_table(times))
    print(faults.describe(figures))
    errors = figures["errors"]
    print(
        f"{len(acknowledged)} progress updates acknowledged, {len(lost)} missing afterwards, {errors} server errors"
    )
    if lost or not acknowledged or not faults.within_targets(figures, args.fault):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
