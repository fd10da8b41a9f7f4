"""Writes across the report and its parts: an officer's paragraph, and sending the report to
the board with its frozen versions; each in one transaction."""

from django.db import transaction
from django.db.models import Max

from boards.access import PUBLIC, Reader
from workplan.models import Activity

from .builder import build_report
from .models import ActivityParagraph, EndOfYearReport, ReportVersion

FULL = Reader(all_boards=True)


@transaction.atomic
def save_paragraph(
    *, report: EndOfYearReport, activity: Activity, text: str, generated_from: str
) -> ActivityParagraph:
    """Keep the officer's own wording of an activity's paragraph, with the generated text it
    replaces (to tell when the records have moved on since); a report not saved yet (it is
    written from the records until then) is saved first."""
    if not report.pk:
        report.save()
    paragraph, _ = ActivityParagraph.objects.update_or_create(
        report=report, activity=activity, defaults={"text": text, "generated_from": generated_from}
    )
    return paragraph


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
