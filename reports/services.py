"""Writes across the report and its parts: an officer's paragraph, and sending the report to
the board with its frozen versions; each in one transaction."""

from django.db import transaction
from django.db.models import Max

from boards.access import PUBLIC, Reader
from workplan.models import Activity

from .builder import build_report
from .models import ActivityParagraph, EndOfYearReport, ReportVersion, ReviewComment
from .review import find_paragraph, matching_paragraph

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


class NotReady(ValueError):
    """The report cannot go to the board as it stands; the message says why."""


def open_comments(report: EndOfYearReport):
    """Board members' comments on any version of the report not yet resolved, oldest first."""
    return (
        ReviewComment.objects.filter(
            version__report=report, in_reply_to=None, resolved_at__isnull=True
        )
        .select_related("version", "author")
        .order_by("version__number", "created", "pk")
    )


def open_comments_by_paragraph(report: EndOfYearReport) -> list[ReviewComment]:
    """The open comments, latest version first, then by paragraph number."""
    if not report.pk:
        return []
    return sorted(open_comments(report), key=lambda c: (-c.version.number, int(c.paragraph)))


def unfinished(
    report: EndOfYearReport, content: dict, *, keep_comments_open: bool = False
) -> list[str]:
    """What stops the report going to the board: no meeting and item to go to, paragraphs
    still without their text, comments still open (unless the officer chose to send with
    them open: they then move to the new version). Empty when it may be sent."""
    problems = []
    if report.agenda_item_id is None:
        problems.append("The report has no meeting and agenda item to go to.")
    for missing in content["missing"]:
        what = "progress" if missing["kind"] == "progress" else "reason"
        title = missing["activity"]["title"].rstrip(".")
        problems.append(f"No {what} is written for “{title}”.")
    if report.pk and not keep_comments_open:
        for comment in open_comments(report):
            problems.append(
                f"A comment on paragraph {comment.paragraph} of version "
                f"{comment.version.number} is still open."
            )
    return problems


@transaction.atomic
def leave_out_paragraph(*, report: EndOfYearReport, activity: Activity, left_out: bool) -> None:
    """Leave an activity's paragraph out of the report deliberately (it has nothing to
    report), or put it back; its own wording, if any, is kept."""
    if not report.pk:
        report.save()
    paragraph, created = ActivityParagraph.objects.get_or_create(
        report=report, activity=activity, defaults={"left_out": left_out}
    )
    if not created and paragraph.left_out != left_out:
        paragraph.left_out = left_out
        paragraph.save(update_fields=["left_out", "modified"])
    if not left_out and not paragraph.text:
        # Nothing of the officer's own to keep: the paragraph is written from the records.
        paragraph.delete()


def carry_comments_forward(version: ReportVersion) -> int:
    """Move the comments still open on earlier versions to the paragraph of the new version
    they were about, matched by its text as "Changes since" matches paragraphs; marked when
    the text changed. A comment whose paragraph is gone stays where it was. Returns how many
    moved."""
    moved = 0
    earlier = {}
    for comment in open_comments(version.report).exclude(version=version):
        old = earlier.setdefault(comment.version_id, comment.version.content)
        was = find_paragraph(old, comment.paragraph)
        match = matching_paragraph(was, version.content) if was else None
        if match is None:
            continue
        now, changed = match
        comment.moved_from = f"version {comment.version.number}, paragraph {comment.paragraph}"
        comment.text_changed = changed
        comment.version, comment.paragraph = version, now["number"]
        comment._change_reason = f"Moved to version {version.number} when it was sent."
        comment.save()
        comment.replies.update(version=version, paragraph=now["number"])
        moved += 1
    return moved


def send_to_board(
    *, report: EndOfYearReport, user=None, keep_comments_open: bool = False
) -> ReportVersion:
    """Freeze the report as it stands, in two copies: the whole report for board members and
    staff, and the public copy, where confidential paragraphs keep their numbers as "Not for
    publication". Refused (NotReady) while anything is unfinished (see unfinished())."""
    with transaction.atomic():
        if not report.pk:
            report.save()
        # Each copy is written for a reader who will read it: whoever may see everything,
        # and the public; ReportVersion.copy_for gives each reader the copy chosen here.
        board_id = report.programme.board_id
        copies = {
            ReportVersion.copy_field(reader, board_id): build_report(report, reader)
            for reader in (FULL, PUBLIC)
        }
        problems = unfinished(report, copies["content"], keep_comments_open=keep_comments_open)
        if problems:
            raise NotReady(" ".join(problems))
        last = report.versions.select_for_update().aggregate(n=Max("number"))["n"] or 0
        version = ReportVersion.objects.create(
            report=report, number=last + 1, published_by=user, **copies
        )
        carry_comments_forward(version)
        return version
