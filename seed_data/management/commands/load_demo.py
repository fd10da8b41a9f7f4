import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from seed_data.demo import DemoLoader
from seed_data.example_board import ExampleBoardLoader


class Command(BaseCommand):
    help = (
        "Load the Safer and Stronger Communities Board's published records, and a fictional "
        "example board with a whole year of records dated around today. Safe to run again: "
        "it changes only what differs in the SSCB's records, and makes the example board once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Date the example board's year as if today were this day (YYYY-MM-DD).",
        )

    def handle(self, *args, date: datetime.date | None = None, **options) -> None:
        example_loader = ExampleBoardLoader(date or datetime.date.today())
        with transaction.atomic():
            summary = DemoLoader().load()
            example = example_loader.load()
        example_loader.build_next_meeting_packs()
        summary.created.update(example.created)
        summary.updated.update(example.updated)
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
