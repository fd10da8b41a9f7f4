"""Run the whole reminder round: write the reminders due today, send every unsent one."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from reminders.services import run_round


class Command(BaseCommand):
    help = (
        "Write the reminders due today (action digests, activity updates, notes and agendas "
        "for clerks) and send every reminder not yet sent. Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be written; write and send nothing.",
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD).",
        )

    def handle(self, *args, dry_run: bool = False, date=None, **options):
        result = run_round(today=date or datetime.date.today(), dry_run=dry_run)
        if dry_run:
            for draft in result.drafts:
                self.stdout.write(f"{draft.user.email}: {draft.subject}")
            self.stdout.write(
                f"{len(result.drafts)} reminders due (dry run: none written or sent)."
            )
            return
        self.stdout.write(
            f"{result.written} new reminders written; {result.sent} sent; {result.unsent} left unsent."
        )
        if result.unsent:
            # A non-zero exit makes cron or systemd report it; the reminders go next run.
            raise CommandError(f"{result.unsent} reminders kept for the next run: {result.error}")
