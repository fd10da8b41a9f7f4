"""Sending the report to the board: a write across the report and its frozen versions."""

from django.db import transaction
from django.db.models import Max

from boards.access import PUBLIC, Reader

from .builder import build_report
from .models import EndOfYearReport, ReportVersion

FULL = Reader(all_boards=True)


def send_to_board(*, report: EndOfYearReport, user=None) -> ReportVersion:
    """Freeze the report as it stands, in two copies: the whole report for board members and
    staff, and the public copy without confidential items. The report must name its meeting
    and agenda item (see EndOfYearReport.agenda_item)."""
    if report.agenda_item_id is None:
        raise ValueError("The report has no meeting and agenda item to go to.")
    with transaction.atomic():
        if not report.pk:
            report.save()
        last = report.versions.aggregate(n=Max("number"))["n"] or 0
        # Each copy is written for a reader who will read it: whoever may see everything,
        # and the public; ReportVersion.copy_for gives each reader the copy chosen here.
        board_id = report.programme.board_id
        copies = {
            ReportVersion.copy_field(reader, board_id): build_report(report, reader)
            for reader in (FULL, PUBLIC)
        }
        return ReportVersion.objects.create(
            report=report, number=last + 1, published_by=user, **copies
        )
