"""Which records the public pages show, and so which boards' content versions a change to
one of them raises (see boards/page_cache.py). One list for every app: tests/test_page_cache.py
fails when a model of the project is neither tracked here nor listed as not shown."""

from django.apps import apps

from boards import page_cache

# Model → the lookup from one of its records to its board's id; None: the record appears on
# every board's pages (a person may sit on several boards), so every board's version rises.
TRACKED = {
    "boards.Board": "pk",
    "boards.Membership": "board_id",
    "boards.Authority": None,
    "boards.BoardYear": None,
    "boards.Person": None,
    "workplan.WorkProgramme": "board_id",
    "workplan.PriorityTheme": "programme__board_id",
    "workplan.Activity": "theme__programme__board_id",
    "workplan.ProgressUpdate": "activity__theme__programme__board_id",
    "meetings.Meeting": "board_id",
    "meetings.Attendance": "meeting__board_id",
    "meetings.DeclarationOfInterest": "meeting__board_id",
    "meetings.AgendaItem": "meeting__board_id",
    "meetings.ActionFollowUp": "meeting__board_id",
    "meetings.Paper": "agenda_item__meeting__board_id",
    "meetings.Decision": "agenda_item__meeting__board_id",
    "meetings.Action": "agenda_item__meeting__board_id",
    "meetings.ActivityReport": "agenda_item__meeting__board_id",
    "reports.EndOfYearReport": "programme__board_id",
    "reports.ActivityParagraph": "report__programme__board_id",
    "reports.ReportVersion": "report__programme__board_id",
}

# Changes that only move a board's progress (page_cache raises its progress version, and
# pages that show no progress stay stored): an officer's update, and the status and RAG rating
# it gives its activity (Activity.post_update saves only those). Any other change to an
# activity, such as its title, which meeting notes show, is a change of content.
PROGRESS_FIELDS = frozenset({"status", "rag", "version", "modified"})
PROGRESS_ONLY = {
    "workplan.ProgressUpdate": lambda update, fields: True,
    "workplan.Activity": lambda activity, fields: (
        fields is not None and frozenset(fields) <= PROGRESS_FIELDS
    ),
}

# Many-to-many links shown on the pages: linking or unlinking raises the versions too.
TRACKED_LINKS = ["meetings.AgendaItem.presenters", "meetings.AgendaItem.activities"]

# Records of the project that no public page shows, and why.
NOT_SHOWN = {
    "boards.BoardRole": "who may change a board's records; only the signed-in reader's own",
    "imports.ImportedDocument": "a draft import, seen only by the board's staff until accepted",
    "reminders.Reminder": "an e-mail to one person; only its recipient sees it",
    "reminders.ReminderOptOut": "a person's own choice of reminders",
    "reminders.PersonalFeed": "the secret address of one person's calendar",
    "reports.ReviewComment": "board members' comments on a sent report: members and staff only",
}


def register() -> None:
    for label, board_lookup in TRACKED.items():
        page_cache.track(apps.get_model(label), board_lookup, PROGRESS_ONLY.get(label))
    for path in TRACKED_LINKS:
        label, field_name = path.rsplit(".", 1)
        page_cache.track_links(apps.get_model(label)._meta.get_field(field_name))
