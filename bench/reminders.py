"""One send_reminders round over the scale data, timed, with its queries counted.

The scale data has no sign-ins, so for the round every person who owns an action or leads an
activity gets one with an e-mail address, and every board a clerk and a policy officer. The
messages go to Django's in-memory outbox, and everything (sign-ins, reminders written) is
rolled back afterwards, so the database is as it was and a second run measures the same.
"""

import datetime
import time

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext, override_settings

from boards.models import Board, BoardRole, Person
from reminders.services import run_round

TARGET_S = 60


class _Rollback(Exception):
    pass


def reminder_round(today: datetime.date | None = None) -> dict:
    today = today or datetime.date.today()
    User = get_user_model()
    result = {}
    try:
        with transaction.atomic():
            people = list(
                Person.objects.filter(
                    Q(actions__isnull=False) | Q(led_activities__isnull=False), user__isnull=True
                )
                .distinct()
                .only("pk")
            )
            users = User.objects.bulk_create(
                [User(username=f"bench-{p.pk}", email=f"p{p.pk}@example.invalid") for p in people]
            )
            if connection.vendor != "postgresql":  # only PostgreSQL returns the new keys
                users = list(User.objects.filter(username__startswith="bench-").order_by("pk"))
            by_name = {u.username: u for u in users}
            for person in people:
                person.user = by_name[f"bench-{person.pk}"]
            Person.objects.bulk_update(people, ["user"], batch_size=2000)
            staff = []
            for board in Board.objects.only("pk"):
                for role in (BoardRole.Role.CLERK, BoardRole.Role.POLICY_OFFICER):
                    name = f"bench-{role}-{board.pk}"
                    staff.append(
                        (User(username=name, email=f"{name}@example.invalid"), board, role)
                    )
            User.objects.bulk_create([u for u, _, _ in staff])
            made = {
                u.username: u
                for u in User.objects.filter(username__in=[u.username for u, _, _ in staff])
            }
            BoardRole.objects.bulk_create(
                [BoardRole(user=made[u.username], board=b, role=r) for u, b, r in staff]
            )
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                mail.outbox = []
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    outcome = run_round(today=today)
                    elapsed = time.perf_counter() - started
            result = {
                "seconds": round(elapsed, 2),
                "queries": len(queries.captured_queries),
                "written": outcome.written,
                "sent": outcome.sent,
                "recipients": len(users) + len(staff),
                "target_s": TARGET_S,
                "ok": elapsed <= TARGET_S and not outcome.unsent,
            }
            raise _Rollback
    except _Rollback:
        pass
    return result
