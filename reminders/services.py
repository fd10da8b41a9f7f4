"""The reminder round: who is due which reminder today, each written once, and everything not
yet sent, sent.

A round reads a fixed number of queries whatever the number of boards, people and actions:
each kind of reminder is found by one or two queries over every board, and the messages are
written and marked sent in bulk. A reminder is written before it is sent, so one that the
mail server refused, or could not take because it was down, stays unsent for the next run;
its key (the week, the meeting) means a second run the same day writes nothing new.
"""

import datetime
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from boards.models import BoardRole
from meetings.models import Action, Meeting
from reports.models import ReviewComment
from workplan.models import Activity, ActivityStatus

from .models import Kind, Reminder, ReminderOptOut

UNSUBSCRIBE_SALT = "reminders.unsubscribe"
ACTIONS_DUE_WITHIN = datetime.timedelta(days=14)
AGENDA_NOTICE = datetime.timedelta(days=7)
# Notes older than this are history (often imported as drafts), not a clerk's task today.
NOTES_LOOKBACK = datetime.timedelta(days=365)


def unsubscribe_token(user_id: int, kind: str) -> str:
    """The same token for the same user and kind, whenever it is made: a message's body
    (written when the reminder is due) and its List-Unsubscribe header (when it is sent) give
    one link. It never expires, as the law on unsubscribing asks."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object([user_id, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The user and kind a link is for; raises signing.BadSignature if it was tampered with."""
    try:
        user_id, kind = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        # Links in messages sent before tokens lost their timestamp.
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if kind not in Kind.values:
        raise signing.BadSignature("Unknown kind of reminder")
    return int(user_id), kind


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(user_id: int, kind: str) -> str:
    return absolute(
        reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(user_id, kind)})
    )


@dataclass
class Draft:
    """A reminder worked out for one person, before it is written."""

    user: object
    kind: str
    key: str
    subject: str
    context: dict = field(default_factory=dict)


@dataclass
class RoundResult:
    written: int = 0
    sent: int = 0
    unsent: int = 0
    error: str = ""
    drafts: list[Draft] = field(default_factory=list)


def run_round(*, today: datetime.date, dry_run: bool = False) -> RoundResult:
    """Write the reminders due today and send every unsent one. A dry run writes and sends
    nothing and says what it would write."""
    drafts = due_reminders(today=today)
    if dry_run:
        return RoundResult(drafts=drafts)
    result = RoundResult(written=write_reminders(drafts), drafts=drafts)
    result.sent, result.unsent, result.error = send_unsent()
    return result


def due_reminders(*, today: datetime.date) -> list[Draft]:
    """Every reminder due today, for people who have an active sign-in with an e-mail
    address and have not turned that kind off."""
    # Queries: roles; opt-outs; actions due; next board meetings; stale activities;
    # unpublished notes; meetings without an agenda; open comments on reports.
    roles = BoardRole.objects.filter(
        role__in=[BoardRole.Role.POLICY_OFFICER, BoardRole.Role.CLERK]
    ).select_related("user")
    officers, clerks = defaultdict(list), defaultdict(list)
    for role in roles:
        group = officers if role.role == BoardRole.Role.POLICY_OFFICER else clerks
        group[role.board_id].append(role.user)
    opted_out = set(ReminderOptOut.objects.values_list("user_id", "kind"))
    drafts = [
        *_actions_due(today, officers),
        *_activity_updates(today),
        *_clerk_notices(today, clerks),
        *_report_comments(officers),
    ]
    return [
        d
        for d in drafts
        if d.user.is_active and d.user.email and (d.user.pk, d.kind) not in opted_out
    ]


def _actions_due(today: datetime.date, officers: dict) -> list[Draft]:
    """A weekly digest for each owner: their open actions due within 14 days or overdue.
    A team's action ("Officers") goes to its board's policy officers."""
    actions = (
        Action.objects.open()
        .filter(due_date__lte=today + ACTIONS_DUE_WITHIN)
        .with_item_restricted()
        .select_related("owner__user", "agenda_item__meeting__board")
        .order_by("due_date", "pk")
    )
    by_user: dict[int, tuple] = {}
    for action in actions:
        board_id = action.agenda_item.meeting.board_id
        if action.owner_id:
            owners = [action.owner.user] if action.owner.user_id else []
        else:
            owners = officers.get(board_id, [])
        for user in owners:
            by_user.setdefault(user.pk, (user, []))[1].append(action)
    year, week, _ = today.isocalendar()
    drafts = []
    for user, mine in by_user.values():
        overdue = [a for a in mine if a.due_date < today]
        due = [a for a in mine if a.due_date >= today]
        parts = [f"{len(overdue)} overdue"] if overdue else []
        parts += [f"{len(due)} due in the next 14 days"] if due else []
        drafts.append(
            Draft(
                user,
                Kind.ACTIONS_DUE,
                f"{year}-W{week:02d}",
                f"Your actions: {' and '.join(parts)}",
                {"overdue": overdue, "due": due},
            )
        )
    return drafts


def _activity_updates(today: datetime.date) -> list[Draft]:
    """A notice for each lead officer whose agreed or running activities have had no update
    for REMINDER_UPDATE_WEEKS weeks, when their board meets within the notice period."""
    meetings = (
        Meeting.objects.filter(
            kind=Meeting.Kind.BOARD,
            cancelled=False,
            date__range=(
                today,
                today + datetime.timedelta(days=settings.REMINDER_UPDATE_NOTICE_DAYS),
            ),
        )
        .select_related("board")
        .order_by("board_id", "date", "pk")
    )
    next_meeting: dict[int, Meeting] = {}
    for meeting in meetings:
        next_meeting.setdefault(meeting.board_id, meeting)
    if not next_meeting:
        return []
    stale_before = today - datetime.timedelta(weeks=settings.REMINDER_UPDATE_WEEKS)
    activities = (
        Activity.objects.filter(
            theme__programme__board_id__in=list(next_meeting),
            theme__programme__year__starts_on__lte=today,
            theme__programme__year__ends_on__gte=today,
            status__in=[ActivityStatus.AGREED, ActivityStatus.IN_PROGRESS],
            lead_officer__user__isnull=False,
        )
        .with_last_update()
        .filter(Q(last_update_on__isnull=True) | Q(last_update_on__lt=stale_before))
        .select_related("lead_officer__user", "theme__programme__board", "theme__programme__year")
        .order_by("theme__programme__board_id", "title", "pk")
    )
    grouped: dict[tuple, list] = {}
    for activity in activities:
        meeting = next_meeting[activity.theme.programme.board_id]
        grouped.setdefault((activity.lead_officer.user, meeting), []).append(activity)
    return [
        Draft(
            user,
            Kind.ACTIVITY_UPDATES,
            f"meeting-{meeting.pk}",
            f"Update your activities before the {meeting}",
            {"meeting": meeting, "activities": stale, "weeks": settings.REMINDER_UPDATE_WEEKS},
        )
        for (user, meeting), stale in grouped.items()
    ]


def _clerk_notices(today: datetime.date, clerks: dict) -> list[Draft]:
    """For each clerk of the board: notes still unpublished REMINDER_NOTES_DAYS after the
    meeting, and a meeting within a week that has no agenda."""
    late_notes = (
        Meeting.objects.held(today)
        .filter(
            notes_status__in=[Meeting.NotesStatus.SCHEDULED, Meeting.NotesStatus.DRAFT],
            date__range=(
                today - NOTES_LOOKBACK,
                today - datetime.timedelta(days=settings.REMINDER_NOTES_DAYS),
            ),
        )
        .select_related("board")
        .order_by("date", "pk")
    )
    no_agenda = (
        Meeting.objects.filter(cancelled=False, date__range=(today, today + AGENDA_NOTICE))
        .annotate(item_count=Count("items"))
        .filter(item_count=0)
        .select_related("board")
        .order_by("date", "pk")
    )
    drafts = []
    for kind, meetings, subject in (
        (Kind.NOTES_UNPUBLISHED, late_notes, "The notes of the {} are not yet published"),
        (Kind.AGENDA_MISSING, no_agenda, "No agenda yet for the {}"),
    ):
        for meeting in meetings:
            days = (today - meeting.date).days
            for user in clerks.get(meeting.board_id, []):
                drafts.append(
                    Draft(
                        user,
                        kind,
                        f"meeting-{meeting.pk}",
                        subject.format(meeting),
                        {"meeting": meeting, "days_since": days, "days_until": -days},
                    )
                )
    return drafts


def _report_comments(officers: dict) -> list[Draft]:
    """For each policy officer of the board: the open comments on an end-of-year report, by
    paragraph, once for each new comment (the key names the latest)."""
    comments = (
        ReviewComment.objects.filter(in_reply_to=None, resolved_at__isnull=True)
        .select_related("version__report__programme__board", "version__report__programme__year")
        .order_by("version__report_id", "pk")
    )
    by_report: dict[int, list] = {}
    for comment in comments:
        by_report.setdefault(comment.version.report_id, []).append(comment)
    drafts = []
    for report_id, open_ones in by_report.items():
        programme = open_ones[0].version.report.programme
        latest = max(c.pk for c in open_ones)
        open_ones.sort(key=lambda c: (-c.version.number, int(c.paragraph)))
        for user in officers.get(programme.board_id, []):
            drafts.append(
                Draft(
                    user,
                    Kind.REPORT_COMMENTS,
                    f"report-{report_id}-comment-{latest}",
                    f"{len(open_ones)} open comment{'s' if len(open_ones) != 1 else ''} on the "
                    f"{programme.board} end-of-year report {programme.year}",
                    {"programme": programme, "comments": open_ones, "latest": latest},
                )
            )
    return drafts


def write_reminders(drafts: list[Draft]) -> int:
    """Write the reminders not written before (by user, kind and key), with their text, and
    say how many are new."""
    if not drafts:
        return 0
    # Queries: reminders already written with these keys; the new ones, in one insert.
    keys = {d.key for d in drafts}
    written = set(Reminder.objects.filter(key__in=keys).values_list("user_id", "kind", "key"))
    new = []
    for draft in drafts:
        if (draft.user.pk, draft.kind, draft.key) in written:
            continue
        written.add((draft.user.pk, draft.kind, draft.key))
        context = {
            **draft.context,
            "user": draft.user,
            "subject": draft.subject,
            "site_name": settings.SITE_NAME,
            "my_actions_url": absolute(reverse("reminders:my_actions")),
            "preferences_url": absolute(reverse("reminders:preferences")),
            "unsubscribe_url": unsubscribe_url(draft.user.pk, draft.kind),
            "site_url": settings.SITE_URL,
        }
        new.append(
            Reminder(
                user=draft.user,
                kind=draft.kind,
                key=draft.key,
                subject=draft.subject[:300],
                body_text=render_to_string(f"reminders/email/{draft.kind}.txt", context),
                body_html=render_to_string(f"reminders/email/{draft.kind}.html", context),
            )
        )
    # ignore_conflicts: a round running at the same moment may have written one already.
    Reminder.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# Errors about one message (the server refused this recipient or this message): the others
# are still tried. Anything else (connection refused or lost, time-out) ends the sending.
MESSAGE_REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)


def message_for(reminder: Reminder, connection) -> EmailMultiAlternatives:
    url = unsubscribe_url(reminder.user_id, reminder.kind)
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=reminder.body_text,
        to=[reminder.user.email],
        connection=connection,
        # One-click unsubscribe in mail programs (RFC 8058): they POST to the link.
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(reminder.body_html, "text/html")
    return message


def send_unsent() -> tuple[int, int, str]:
    """Send every unsent reminder over one connection; mark those sent, and count an attempt
    on the others. Returns (sent, left unsent, error)."""
    # Queries: unsent reminders with their users; mark sent; count failed attempts.
    pending = list(Reminder.objects.unsent().select_related("user").order_by("created", "pk"))
    if not pending:
        return 0, 0, ""
    sent: list[int] = []
    failed: dict[int, str] = {}
    error = ""
    try:
        with get_connection(fail_silently=False) as connection:
            for reminder in pending:
                try:
                    message_for(reminder, connection).send()
                except MESSAGE_REFUSED as exc:
                    failed[reminder.pk] = describe(exc)
                else:
                    sent.append(reminder.pk)
    except (smtplib.SMTPException, OSError) as exc:
        error = describe(exc)
    finally:
        if sent:
            Reminder.objects.filter(pk__in=sent).update(sent_at=timezone.now(), last_error="")
        done = set(sent)
        left = [r for r in pending if r.pk not in done]
        for reminder in left:
            reminder.attempts += 1
            reminder.last_error = failed.get(reminder.pk, error)[:300]
        if left and (failed or error):
            Reminder.objects.bulk_update(left, ["attempts", "last_error"])
    return len(sent), len(left), error or next(iter(failed.values()), "")


def describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
