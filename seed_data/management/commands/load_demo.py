from django.core.management.base import BaseCommand

from seed_data.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the Safer and Stronger Communities Board's published records as demo data. "
        "Safe to run again: it changes only what differs."
    )

    def handle(self, *args, **options) -> None:
        summary = DemoLoader().load()
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
