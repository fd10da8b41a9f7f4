"""Faults injected during the load test through several servers (scripts/loadtest.py
--servers 2 --fault NAME), and what they did to the requests.

- kill-server: the first app server is killed with SIGKILL (its workers with it, requests in
  flight and all), and started again five seconds later; the fault lasts until it answers.
- restart-redis: the site's Redis is killed and started again, empty, five seconds later.
- drop-db-connections: every PostgreSQL connection of the app's database is ended
  (pg_terminate_backend), once.
- pgbouncer: no fault; the whole run goes through PgBouncer in transaction mode, with
  PREPARED_STATEMENTS=false.

Every request the load test makes is logged with when it started, how long it took and its
status (0 when no answer came at all). `report` compares the run after the fault with the
ten seconds before it.
"""

import subprocess
import time
from dataclasses import dataclass

from .cluster import Site

# When the fault starts, in seconds from the start of the run, and how long a server or
# Redis stays down.
STARTS_AT = 20
DOWN_FOR = 5
# p95 is back to normal once a two-second window of requests has a p95 within a quarter of
# the ten seconds' before the fault: on two shared cores a window's p95 varies by about
# that much with no fault at all.
WINDOW = 2.0
STEP = 0.5
TOLERANCE = 1.25


@dataclass
class Request:
    started: float  # seconds from the start of the run
    seconds: float
    status: int  # 0: no answer at all (connection refused or cut)
    kind: str

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500


def kill_server(site: Site, database: str) -> None:
    server = site.servers[0]
    server.kill()
    time.sleep(DOWN_FOR)
    server.start()


def restart_redis(site: Site, database: str) -> None:
    site.redis.kill()
    time.sleep(DOWN_FOR)
    site.redis.start()


def drop_db_connections(site: Site, database: str) -> None:
    ended = subprocess.run(
        [
            "psql", "-h", "127.0.0.1", "-U", "postgres", "-tAq", "-c",
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            f" WHERE datname = '{database}' AND usename = 'boardapp'",
        ],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    print(f"{ended} database connections ended")


FAULTS = {
    "kill-server": kill_server,
    "restart-redis": restart_redis,
    "drop-db-connections": drop_db_connections,
    "pgbouncer": None,
}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0


def report(requests: list[Request], fault: tuple[float, float] | None) -> dict:
    """The figures of one run: errors, how long they lasted, and (with a fault) when p95 was
    back to normal. Reads are the page and API requests; the floor is /healthz."""
    failed = [r for r in requests if r.failed]
    figures = {
        "requests": len(requests),
        "errors": len(failed),
        "error share": len(failed) / len(requests) if requests else 0.0,
        "errors lasted s": (
            max(r.started + r.seconds for r in failed) - min(r.started for r in failed)
            if failed
            else 0.0
        ),
    }
    if fault is None:
        return figures
    start, end = fault
    before = [r.seconds for r in requests if start - 10 <= r.started < start and not r.failed]
    normal = p95(before)
    figures |= {
        "fault s": end - start,
        "errors after the fault": sum(1 for r in failed if r.started > end),
        "p95 before ms": normal * 1000,
    }
    last = max(r.started for r in requests)
    at = end
    while at + WINDOW <= last:
        window = [r.seconds for r in requests if at <= r.started < at + WINDOW]
        if window and p95(window) <= normal * TOLERANCE:
            figures["p95 normal after s"] = at - end
            break
        at += STEP
    else:
        figures["p95 normal after s"] = None
    during = [r.seconds for r in requests if start <= r.started <= end]
    figures["p95 during ms"] = p95(during) * 1000 if during else None
    return figures


def describe(figures: dict) -> str:
    lines = [
        f"{figures['requests']} requests, {figures['errors']} failed"
        f" ({figures['error share']:.2%}) over {figures['errors lasted s']:.1f} s"
    ]
    if "fault s" in figures:
        back = figures["p95 normal after s"]
        lines.append(
            f"fault lasted {figures['fault s']:.1f} s; {figures['errors after the fault']}"
            f" errors after it; p95 {figures['p95 before ms']:.0f} ms before it,"
            f" {figures['p95 during ms'] or 0:.0f} ms during it; back within"
            f" {TOLERANCE:.2f}x of it "
            + (f"{back:.1f} s after it ended" if back is not None else "never in this run")
        )
    return "\n".join(lines)


def within_targets(figures: dict, fault: str) -> bool:
    """No errors without a fault (or through PgBouncer); with one, errors only while it
    lasted and at most 1% of the run's requests, and p95 back to normal within 5 s."""
    if not fault or fault == "pgbouncer":
        return figures["errors"] == 0
    back = figures["p95 normal after s"]
    return (
        figures["error share"] <= 0.01
        and figures["errors after the fault"] == 0
        and back is not None
        and back <= 5
    )
