import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards.models import Board
from imports.models import DocumentKind
from imports.services import ImportFailed, Options, accept, import_file, read


class Command(BaseCommand):
    help = (
        "Read old papers and notes (Word, HTML, text or PDF) into draft imports for a board, "
        "to be checked and accepted on the review page. Each file is one transaction: a file "
        "that cannot be read fully creates nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--board", required=True, help="The board's slug, for example sscb")
        parser.add_argument("--kind", choices=DocumentKind.values, default="")
        parser.add_argument(
            "--meeting-date",
            type=datetime.date.fromisoformat,
            help="For a paper that does not say its meeting's date: YYYY-MM-DD",
        )
        parser.add_argument("--item", default="", help="An update paper's agenda item number")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be created; write nothing"
        )
        parser.add_argument(
            "--accept",
            action="store_true",
            help="Accept each import at once (meetings still get draft notes, programmes are "
            "still proposed)",
        )

    def handle(self, *args, files, board, kind, meeting_date, item, dry_run, accept, **options):
        try:
            board_ = Board.objects.get(slug=board)
        except Board.DoesNotExist:
            raise CommandError(f"There is no board with the slug {board!r}") from None
        settings = Options(kind=kind, meeting_date=meeting_date, item_number=item)
        failed = 0
        for path in files:
            try:
                self.import_one(board_, path, settings, dry_run=dry_run, accept_it=accept)
            except (ImportFailed, OSError) as error:
                failed += 1
                self.stderr.write(self.style.ERROR(f"{path}: {error}"))
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported")

    def import_one(self, board: Board, path: Path, settings: Options, *, dry_run, accept_it):
        content = path.read_bytes()
        if dry_run:
            reading = read(board, path.name, content, settings)
            self.stdout.write(f"{path}: {reading.kind}; accepting would make:")
            self.write_lines(reading.would_create + [f"Warning: {w}" for w in reading.warnings])
            return
        document, new = import_file(board, path.name, content, settings)
        if not new:
            self.stdout.write(
                f"{path}: imported before ({document.get_status_display().lower()}), "
                f"see {document.get_absolute_url()}"
            )
        else:
            self.stdout.write(f"{path}: read as {document.get_kind_display().lower()}")
            self.write_lines([f"Warning: {w}" for w in document.warnings])
        if accept_it and document.status == document.Status.DRAFT:
            self.write_lines(accept(document))
            self.stdout.write(self.style.SUCCESS(f"{path}: accepted"))
        elif new:
            self.stdout.write(f"Review it at {document.get_absolute_url()}")

    def write_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(f"  {line}")
