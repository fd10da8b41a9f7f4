import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from boards import versions
from seed_data.scale_data import SCALES, Generator, scale_boards_present


class Command(BaseCommand):
    help = (
        "Generate realistic data for benchmarks: S is about the demo board, M is 10 boards over "
        "10 years, L is 50 boards over 20 years, XL 500 boards over 20 years. Run it on an empty "
        "database (PostgreSQL for M and up); a fill that stopped carries on where it stopped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="S")
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, scale: str, seed: int, **options) -> None:
        wanted = SCALES[scale]
        present = scale_boards_present()
        if present == wanted.boards:
            self.stdout.write(
                f"Scale {scale} data is already here ({present} boards); nothing to do."
            )
            return
        if present > wanted.boards:
            raise CommandError(
                f"This database holds {present} scale boards, more than {wanted.boards}: "
                "use an empty database."
            )
        if present:
            # A fill that was stopped (XL takes hours) carries on where it stopped.
            self.stdout.write(f"{present} of {wanted.boards} boards are here; making the rest.")
        started = time.monotonic()
        counts = Generator(wanted, datetime.date.today(), seed=seed).run(first=present)
        versions.records_changed(None)  # bulk inserts send no signals
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses at search and join plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count:,}")
        self.stdout.write(
            self.style.SUCCESS(f"Scale {scale} loaded in {time.monotonic() - started:.0f} s.")
        )
