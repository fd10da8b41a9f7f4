"""Benchmark every page type on the scale data (see `make bench`).

1. In process: for each page, SQL queries per request and server time p50/p95 over repeated
   requests (Django's test client, no network), signed in as an administrator (who sees
   everything and is never served a stored page, only stored fragments), as one of the
   board's policy officers (not a superuser: stored fragments, the per-person parts fresh),
   and as the public (stored pages). The clerk's and the lead officer's working pages (start
   pages, the register, the agenda item form, the update form) and the admin changelists of
   the largest tables are measured for their users too, and saving the item form as the
   clerk sends it back (each save adds to the item's history).
2. Over HTTP: gunicorn on 127.0.0.1, wrk against the programme, meeting and activity pages,
   as the public and signed in as the officer, and against /healthz (one trivial query) as
   the floor, each page's throughput given as a ratio to the floor measured in the same run.
Prints a table and writes bench-results/bench-<scale>.json.
"""

import argparse
import json
import logging
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# One key for this process and the server it starts, so that the officer's session made
# here is valid there.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

# The garbage collector's settings of the app's server processes (config/wsgi.py), and their
# collecting between requests, measured in process too.
import config.wsgi  # noqa: E402, F401
from boards.models import Board, BoardRole, Person  # noqa: E402
from config.collecting import collect_between_requests  # noqa: E402
from meetings.models import AgendaItem, Meeting  # noqa: E402
from seed_data.scale_data import SLUG_PREFIX  # noqa: E402
from tests.forms_as_sent import form_values  # noqa: E402
from workplan.models import Activity, WorkProgramme  # noqa: E402

from .packs import pack_round  # noqa: E402
from .packs import report as pack_report  # noqa: E402
from .reminders import reminder_round  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = {"search": 250, "report (HTML)": 500, "report (.docx)": 2000, "report (PDF)": 5000}
DEFAULT_TARGET_MS = 150
MAX_QUERIES = 15
# Signed in as a board's officer (not a superuser): pages within 60 ms at p95, except the
# search and the downloads, which keep their own targets; admin changelists within 150 ms.
OFFICER_TARGET_MS = 60
ADMIN_CHANGELIST_TARGET_MS = 150
# The clerk's item form opens within 30 ms at p95, and saving an item takes at most 20
# queries and 40 ms at p95, whatever its number of decisions and actions.
ITEM_FORM_TARGET_MS = 30
SAVE_ITEM_TARGET_MS = 40
SAVE_ITEM_MAX_QUERIES = 20
THROUGHPUT_TARGETS = {"public": 0.6, "officer": 0.15}


def pages() -> dict[str, str]:
    """One URL per page type, chosen from the middle of the data."""
    board = (
        Board.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
        or Board.objects.first()
    )
    programme = (
        WorkProgramme.objects.filter(board=board)
        .select_related("board", "year")
        .order_by("-year__start_year")[1:2]
        .first()
        or WorkProgramme.objects.filter(board=board).select_related("board", "year").first()
    )
    activity = (
        Activity.objects.for_programme(programme)
        .annotate(n=Count("reports"))
        .order_by("-n", "pk")
        .select_related("theme__programme__board", "theme__programme__year")
        .first()
    )
    meeting = (
        Meeting.objects.filter(board=board, notes_status__in=["published", "agreed"])
        .select_related("board")
        .order_by("-date")
        .first()
    )
    person = (
        Person.objects.filter(memberships__board=board)
        .annotate(n=Count("attendance"))
        .order_by("-n")
        .first()
    )
    base = programme.get_absolute_url()
    return {
        "home": "/",
        "board": board.get_absolute_url(),
        "programme": base,
        "programme (filtered)": f"{base}?status=complete&rag=green",
        "activity": activity.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "action log (filtered)": f"/actions/?board={board.slug}&status=open",
        "person": person.get_absolute_url(),
        "attendance and register": f"{board.get_absolute_url()}{programme.year.slug}/attendance/",
        "search": "/search/?q=community+safety",
        "report (HTML)": f"{base}report/draft/",
        "report (.docx)": f"{base}report/draft/docx/",
        "report (PDF)": f"{base}report/draft/pdf/",
        "API list": f"/api/meetings/?board={board.slug}",
        "API detail": f"/api/meetings/{meeting.pk}/",
        "iCalendar": f"/boards/{board.slug}/meetings.ics",
    }


def staff_pages(board: Board) -> dict[str, tuple[str, str]]:
    """Pages only staff use, as (who, URL): the clerk's pages for the latest meeting with
    notes and the item with the most actions, the lead officer's start page and update form,
    and the admin changelists of the tables that grow with every meeting."""
    item = (
        AgendaItem.objects.filter(meeting__board=board)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )
    meeting = Meeting.objects.filter(board=board, notes_status="published").order_by("-date")[0]
    programme = WorkProgramme.objects.filter(board=board).order_by("-year__start_year")[0]
    activity = Activity.objects.for_programme(programme).exclude(lead_officer=None).first()
    return {
        "my work": ("lead officer", reverse("pages:my_work")),
        "post an update": ("lead officer", reverse("pages:post_update", args=[activity.pk])),
        "my work (clerk)": ("clerk", reverse("pages:my_work")),
        "meeting overview": ("clerk", reverse("meetings:manage_meeting", args=[meeting.pk])),
        "attendance register": ("clerk", reverse("meetings:record_attendance", args=[meeting.pk])),
        "declarations": ("clerk", reverse("meetings:record_declarations", args=[meeting.pk])),
        "matters arising": ("clerk", reverse("meetings:matters_arising", args=[meeting.pk])),
        "agenda item form": ("clerk", reverse("meetings:edit_item", args=[item.pk])),
        "add an item": ("clerk", reverse("meetings:add_item", args=[meeting.pk])),
        "admin: actions": ("admin", reverse("admin:meetings_action_changelist")),
        "admin: activities": ("admin", reverse("admin:workplan_activity_changelist")),
    }


def lead_officer_of(board: Board) -> Client:
    """Signed in as the officer who leads the most activities of the board's latest
    programme: the scale data has no sign-ins, so one is made for them (or reused)."""
    programme = WorkProgramme.objects.filter(board=board).order_by("-year__start_year")[0]
    person = Person.objects.get(
        pk=Activity.objects.for_programme(programme)
        .exclude(lead_officer=None)
        .values("lead_officer")
        .annotate(n=Count("pk"))
        .order_by("-n", "lead_officer")
        .values_list("lead_officer", flat=True)[0]
    )
    if person.user is None:
        person.user, _ = get_user_model().objects.get_or_create(username=f"bench-lead-{person.pk}")
        person.save(update_fields=["user"])
    BoardRole.objects.get_or_create(
        user=person.user, board=board, role=BoardRole.Role.POLICY_OFFICER
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(person.user)
    return client


def signed_in_as(role: str, board: Board) -> Client:
    """A client signed in as a user with this role on the board, and nothing else."""
    user, _ = get_user_model().objects.get_or_create(username=f"bench-{role}")
    BoardRole.objects.get_or_create(user=user, board=board, role=role)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def summary(url: str, timings: list[float], queries: set[int], cpu: list[float] = ()) -> dict:
    timings = sorted(timings)
    row = {
        "url": url,
        "queries": max(queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, round(0.95 * len(timings)) - 1)], 1),
    }
    if cpu:
        # This process's own work, without waiting for the database or for a core that other
        # processes hold: steadier than the time on a busy machine.
        row["cpu_p50_ms"] = round(statistics.median(cpu), 1)
    return row


def measure(client: Client, url: str, repeats: int) -> dict | None:
    """Queries and server time of `repeats` requests after two that warm caches; None if the
    client may not read the page."""
    timings, queries, cpu = [], set(), []
    for i in range(repeats + 2):
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(
                url, HTTP_ACCEPT="application/json" if url.startswith("/api/") else "text/html"
            )
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
            cpu_elapsed = (time.process_time() - cpu_started) * 1000
        # As the app's servers do once a response has gone (gunicorn.conf.py), untimed.
        collect_between_requests()
        if response.status_code != 200:
            return None
        if i >= 2:
            timings.append(elapsed)
            cpu.append(cpu_elapsed)
            queries.add(len(ctx.captured_queries))
    return summary(url, timings, queries, cpu)


def measure_save(client: Client, url: str, repeats: int) -> dict:
    """Queries and server time of saving the form at `url` as the browser sends it back
    (read afresh before each save, untimed: each save moves the item's version on), after
    two saves that warm caches. Each save writes the item's history once more."""
    timings, queries = [], set()
    for i in range(repeats + 2):
        # As the browser sends a form without a file: URL-encoded (the test client's default
        # is multipart, which takes Django longer to read).
        data = urlencode(form_values(client.get(url).content.decode()), doseq=True)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post(url, data, content_type="application/x-www-form-urlencoded")
            elapsed = (time.perf_counter() - started) * 1000
        collect_between_requests()
        if response.status_code != 302:
            raise SystemExit(f"Saving {url} did not redirect: {response.status_code}")
        if i >= 2:
            timings.append(elapsed)
            queries.add(len(ctx.captured_queries))
    return summary(url, timings, queries)


def first_layout(client: Client, url: str, repeats: int = 3) -> float:
    """Median time of the PDF when it is not yet stored: WeasyPrint lays the report out."""
    timings = []
    for _ in range(repeats):
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def throughput(urls: dict[str, str], seconds: int, rounds: int, cookie: str, workers: int) -> dict:
    """Requests per second under wrk, medians of several rounds, with /healthz as the floor:
    each page as the public and, with the officer's cookies, signed in."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    # Production settings serve hashed static files, which need collecting first.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
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
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/healthz")
        signed_in = urllib.request.Request(
            f"http://127.0.0.1:{port}{next(iter(urls.values()))}", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(signed_in, timeout=30) as response:
            if b"Sign out" not in response.read():
                raise SystemExit("The officer's session is not valid on the server")
        targets = {"floor (/healthz)": ("/healthz", "")}
        for name, url in urls.items():
            targets[f"{name} (public)"] = (url, "")
            targets[f"{name} (officer)"] = (url, cookie)
        results = {name: [] for name in targets}
        for _ in range(rounds):
            for name, (url, with_cookie) in targets.items():
                results[name].append(wrk(f"http://127.0.0.1:{port}{url}", seconds, with_cookie))
        floor = statistics.median(results["floor (/healthz)"])
        return {
            name: {
                "url": targets[name][0],
                "rps_median": round(statistics.median(r), 1),
                "rps_runs": r,
                "ratio_to_floor": round(statistics.median(r) / floor, 2) if floor else None,
            }
            for name, r in results.items()
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def wait_until_serving(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url}")


def wrk(url: str, seconds: int, cookie: str = "") -> float:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} error responses under load")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def print_row(name: str, row: dict) -> None:
    blank = {"queries": "-", "p50_ms": "-", "p95_ms": "-", "target_ms": "-", "ok": None}
    officer, anon = row["officer"] or blank, row["public"] or blank
    ok = {True: "yes", False: "NO ", None: "   "}
    print(
        f"{name:24} {row['queries']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8}"
        f" {row['target_ms']:>8}  {ok[row['ok']]}"
        f" {officer['queries']:>9} {officer['p50_ms']:>8} {officer['p95_ms']:>8}"
        f" {officer['target_ms']:>7}  {ok[officer['ok']]}"
        f" {anon['queries']:>9} {anon['p50_ms']:>8} {anon['p95_ms']:>8}"
    )


def measure_pages(args, urls, board, staff, public, officer, clients, rows: dict) -> dict | None:
    """Every page in process, for each reader, and the staff pages, printed as a table and
    put in `rows`; then a round of reminders, which it returns."""
    print(f"\nScale {args.scale} on {connection.vendor}: {args.repeats} requests a page")
    print(
        "Administrator and the board's officer (stored fragments, no stored pages), and the"
        " public (stored pages where there are)\n"
    )
    print(
        f"{'page':24} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  ok"
        f" {'officer q':>9} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}  ok"
        f" {'public q':>9} {'p50 ms':>8} {'p95 ms':>8}"
    )
    for name, url in urls.items() if not args.staff_only or args.only else ():
        if args.only and name not in args.only:
            continue
        repeats = args.repeats if "PDF" not in name else max(3, args.repeats // 4)
        row = measure(staff, url, repeats)
        if row is None:
            raise SystemExit(f"{url} did not answer 200")
        row["target_ms"] = TARGET_MS.get(name, DEFAULT_TARGET_MS)
        row["ok"] = row["p95_ms"] <= row["target_ms"] and row["queries"] <= MAX_QUERIES
        row["public"] = measure(public, url, repeats)
        row["officer"] = measure(officer, url, repeats)
        if row["officer"]:
            target = row["target_ms"] if name in TARGET_MS and "HTML" not in name else 60
            row["officer"]["target_ms"] = target
            row["officer"]["ok"] = row["officer"]["p95_ms"] <= target
        if "PDF" in name:
            row["first_layout_ms"] = first_layout(staff, url)
        rows[name] = row
        print_row(name, row)
    for name, (who, url) in staff_pages(board).items():
        if args.only and name not in args.only:
            continue
        row = measure(clients[who], url, args.repeats)
        target = ADMIN_CHANGELIST_TARGET_MS if who == "admin" else OFFICER_TARGET_MS
        target = ITEM_FORM_TARGET_MS if name == "agenda item form" else target
        row.update(target_ms=target, ok=row["p95_ms"] <= target and row["queries"] <= MAX_QUERIES)
        row["public"] = row["officer"] = None
        rows[name] = row
        print_row(f"{name} ({who})", row)
    if args.only and "save an item" not in args.only:
        return None  # no save and no reminders unless the whole table or the save is asked for
    # Last: each save raises the board's version, so stored pages measured after it would be
    # made again.
    row = measure_save(clients["clerk"], staff_pages(board)["agenda item form"][1], args.repeats)
    row.update(
        target_ms=SAVE_ITEM_TARGET_MS,
        ok=row["p95_ms"] <= SAVE_ITEM_TARGET_MS and row["queries"] <= SAVE_ITEM_MAX_QUERIES,
    )
    row["public"] = row["officer"] = None
    rows["save an item"] = row
    print_row("save an item (clerk)", row)
    if args.only:
        return None
    reminders = reminder_round()
    print(
        f"\nsend_reminders round: {reminders['seconds']} s (target {reminders['target_s']} s),"
        f" {reminders['queries']} queries, {reminders['sent']} messages"
        f" to {reminders['recipients']} sign-ins  {'yes' if reminders['ok'] else 'NO'}"
    )
    return reminders


def public_pages(urls: dict[str, str]) -> dict[str, str]:
    """The pages of `urls` the public reads: not the report's drafts, which the public may not
    read, nor the API's answers, which have their own targets."""
    return {name: url for name, url in urls.items() if not name.startswith(("report", "API"))}


def measure_public(args, urls, public, rows: dict) -> None:
    """The pages the public reads, in process, as the public only: with stored pages turned
    off (PAGE_CACHE_SECONDS=0), what the first reader after a change waits for."""
    stored = "stored pages" if settings.PAGE_CACHE_SECONDS > 0 else "storing off"
    print(f"\nScale {args.scale} on {connection.vendor}, the public, {stored}:")
    print(f"{args.repeats} requests a page\n")
    print(f"{'page':24} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50 ms':>10}")
    for name, url in public_pages(urls).items():
        row = measure(public, url, args.repeats)
        if row is None:
            raise SystemExit(f"{url} did not answer 200")
        rows[name] = {"public": row}
        print(
            f"{name:24} {row['queries']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8}"
            f" {row['cpu_p50_ms']:>10}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="S")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--out",
        help="where to write the results (default bench-results/bench-<scale>.json); keep each"
        " run's for bench.compare",
    )
    parser.add_argument(
        "--staff-only",
        action="store_true",
        help="in process, only the staff pages and saving an item (implies --skip-load), all it"
        " writes rolled back",
    )
    parser.add_argument(
        "--throughput-only", action="store_true", help="only the ratios to /healthz under wrk"
    )
    parser.add_argument(
        "--public-only",
        action="store_true",
        help="in process, only the public's pages, as the public (implies --skip-load); with"
        " PAGE_CACHE_SECONDS=0, the first render of each after a change",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PAGE",
        help="in process, only this page, by its name in the table (repeat for more; implies"
        " --staff-only's rollback and --skip-load), to compare a few pages across scales;"
        ' "save an item" is the save',
    )
    # Three sync workers on the 2-core machine the figures in README come from; five
    # (gunicorn's two per core and one more) gave the same ratios.
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    # The public may not read report drafts: those 404s are expected, not worth a log line.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    args.staff_only = args.staff_only or bool(args.only)
    if not args.staff_only:
        run(args)
        return
    # Only the staff pages: nothing the run writes is kept (the sign-ins it makes, the
    # clerk's saves and their history), so the scale data stays as loaded for the next run
    # and for other checkouts sharing the database. The saves are timed without their
    # commit.
    with transaction.atomic():
        run(args)
        transaction.set_rollback(True)


def run(args) -> None:
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(admin)
    public = Client(HTTP_HOST="127.0.0.1")
    urls = pages()
    board = Board.objects.get(slug=urls["board"].strip("/").split("/")[-1])
    officer = signed_in_as(BoardRole.Role.POLICY_OFFICER, board)
    clients = {
        "admin": staff,
        "clerk": signed_in_as(BoardRole.Role.CLERK, board),
        "lead officer": lead_officer_of(board),
    }
    rows = {}
    result = {"scale": args.scale, "database": connection.vendor, "pages": rows}
    if args.public_only:
        measure_public(args, urls, public, rows)
    elif not args.throughput_only:
        result["reminders"] = measure_pages(
            args, urls, board, staff, public, officer, clients, rows
        )
    if not args.skip_load and not args.staff_only and not args.public_only:
        # The cookies the officer's browser sends: the session, and the CSRF cookie the first
        # page gave it (without it, every page would make and send a new one).
        officer.get(urls["programme"])
        cookie = "; ".join(
            f"{name}={officer.cookies[name].value}"
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        )
        load = throughput(
            {k: urls[k] for k in ("programme", "meeting", "activity")},
            args.seconds,
            args.rounds,
            cookie,
            args.workers,
        )
        result["throughput"] = load
        print(f"\n{'page':28} {'req/s (median)':>15} {'ratio to floor':>15} {'target':>7}")
        for name, row in load.items():
            kind = "officer" if "officer" in name else "public" if "public" in name else None
            target = THROUGHPUT_TARGETS.get(kind, "")
            print(f"{name:28} {row['rps_median']:>15} {row['ratio_to_floor']:>15} {target:>7}")
    if not args.throughput_only and not args.staff_only and not args.public_only:
        result["agenda_pack"] = pack_round()
        print("\n" + pack_report(result["agenda_pack"]))
    if "first_layout_ms" in rows.get("report (PDF)", {}):
        print(f"\nreport (PDF) when not yet stored: {rows['report (PDF)']['first_layout_ms']} ms")
    part = "-public" if args.public_only else ""
    out = Path(args.out) if args.out else ROOT / "bench-results" / f"bench-{args.scale}{part}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"\nWrote {out}")


if __name__ == "__main__":
    main()
