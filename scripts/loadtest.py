"""Load test: gunicorn on 127.0.0.1, 32 concurrent clients for 60 s (by default), a mix of
page and API reads and signed-in progress updates. Passes only with zero 5xx responses and
zero lost writes (every update the server acknowledged is in the database afterwards).

Run with `make loadtest` (full length) or `python scripts/loadtest.py --seconds 10`. Needs
PostgreSQL: it creates and migrates a database of its own, named by LOADTEST_DATABASE
(default `boardapp_loadtest`), whatever DATABASE_URL says. Each run starts from a fresh copy,
but it drops only a database an earlier run created (it marks them with a comment): any other
database of that name is left alone and the run stops.
"""

import argparse
import http.cookiejar
import itertools
import os
import random
import re
import secrets
import signal
import socket
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
DATABASE = os.environ.get("LOADTEST_DATABASE", "boardapp_loadtest")
DATABASE_URL = f"postgres://boardapp:boardapp@127.0.0.1:5432/{DATABASE}"
OURS = "Created by scripts/loadtest.py; dropped and made again by each run."
PASSWORD = secrets.token_urlsafe(16)
READS = [
    "/",
    "/boards/sscb/",
    "/boards/sscb/2022-23/",
    "/boards/sscb/meetings/2021-11-09/",
    "/actions/",
    "/search/?q=modern+slavery",
    "/api/meetings/",
    "/api/activities/",
]


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


def prepare(env: dict) -> list[int]:
    """A fresh database with the demo board, an officer account and the activity ids."""
    fresh_database()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v0")
    script = (
        "from django.contrib.auth.models import User\n"
        "from boards.models import Board, BoardRole, Person\n"
        "from workplan.models import Activity\n"
        f"user = User.objects.create_user('loadtest-officer', password={PASSWORD!r})\n"
        "person = Person.objects.get(name='Mark Norris'); person.user = user; person.save()\n"
        "BoardRole.objects.create(user=user, board=Board.objects.get(slug='sscb'), role='policy_officer')\n"
        "print(*Activity.objects.filter(theme__programme__year__start_year=2022).values_list('pk', flat=True))\n"
    )
    return [int(pk) for pk in manage(env, "shell", "-v", "0", "-c", script).split()]


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
    base: str, activities: list[int], seconds: float, clients: int
) -> tuple[Counter, list[str]]:
    statuses: Counter = Counter()
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    numbers = itertools.count()

    def reader() -> None:
        client = Client(base)
        while time.monotonic() < stop:
            status, _ = client.request(random.choice(READS))
            with lock:
                statuses[status] += 1

    def writer() -> None:
        client = Client(base)
        client.sign_in()
        while time.monotonic() < stop:
            pk = random.choice(activities)
            status, page = client.request(f"/manage/activities/{pk}/update/")
            with lock:
                statuses[status] += 1
            if status != 200:
                continue
            marker = f"loadtest-update-{next(numbers)}-{secrets.token_hex(4)}"
            today = time.localtime()
            status, _ = client.request(
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
            with lock:
                statuses[status] += 1
                if status == 302:
                    acknowledged.append(marker)

    threads = [threading.Thread(target=writer if i % 4 == 0 else reader) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, acknowledged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
    }
    activities = prepare(env)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "4",
            "--threads",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if Client(base).request("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        statuses, acknowledged = run(base, activities, args.seconds, args.clients)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    script = "from workplan.models import ProgressUpdate\nprint('\\n'.join(t for t in ProgressUpdate.objects.filter(text__contains='loadtest-update-').values_list('text', flat=True)))"
    stored = manage(env, "shell", "-v", "0", "-c", script)
    lost = [marker for marker in acknowledged if marker not in stored]
    errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"{sum(statuses.values())} requests in {args.seconds:.0f} s with {args.clients} clients: {dict(sorted(statuses.items()))}"
    )
    print(
        f"{len(acknowledged)} progress updates acknowledged, {len(lost)} missing afterwards, {errors} server errors"
    )
    if errors or lost or not acknowledged:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
