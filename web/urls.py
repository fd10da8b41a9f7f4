"""Every address of the site (but the API's and Django admin's), grouped by who uses them.
The names keep the domain's namespaces ("meetings:meeting_detail", "reports:report"), so a
template or test names a page by what it shows, whichever audience's module serves it."""

from django.urls import include, path

from meetings.models import Meeting

from .account import actions, start
from .clerk import agenda, imports, members, paper_reading, papers, people
from .clerk import meetings as clerk_meetings
from .member import report_review
from .officer import programmes as officer_programmes
from .officer import report, report_comments, report_sections, updates
from .public import boards, feeds, files, meetings, packs, programmes, registers, reports, search

programme = "boards/<slug:board_slug>/<boardyear:start_year>/"
report_address = f"{programme}report/"

pages = [
    # Public
    path("", boards.home, name="home"),
    path("boards/<slug:board_slug>/", boards.board_detail, name="board_detail"),
    path("people/<slug:person_slug>/", boards.person_detail, name="person_detail"),
    path(programme, programmes.programme_detail, name="programme_detail"),
    path(f"{programme}activities/<int:pk>/", programmes.activity_detail, name="activity_detail"),
    path(f"{programme}attendance/", registers.board_records, name="board_records"),
    path(
        f"{programme}attendance.csv",
        registers.board_attendance_csv,
        name="board_attendance_csv",
    ),
    # Everyone signed in: their start page
    path("my-work/", start.my_work, name="my_work"),
    # Officers
    path("my-work/updates/", updates.update_several, name="update_several"),
    path("manage/activities/<int:pk>/update/", updates.post_update, name="post_update"),
]

workplan = [
    # Public
    path(
        "boards/<slug:board_slug>/progress.atom",
        feeds.ProgressUpdatesFeed(),
        name="progress_feed",
    ),
    path(f"{programme}activities.csv", programmes.activities_csv, name="activities_csv"),
    # Officers
    path(
        "manage/activities/<int:pk>/edit/", officer_programmes.edit_activity, name="edit_activity"
    ),
    path(
        "manage/programmes/<int:pk>/activities/new/",
        officer_programmes.propose_activity,
        name="propose_activity",
    ),
    path("manage/programmes/<int:pk>/themes/new/", officer_programmes.add_theme, name="add_theme"),
    path(
        "manage/programmes/<int:pk>/carry-forward/",
        officer_programmes.carry_forward,
        name="carry_forward",
    ),
    path(
        "manage/boards/<slug:board_slug>/programmes/next/",
        officer_programmes.start_next_programme,
        name="start_next_programme",
    ),
]

meeting = "boards/<slug:board_slug>/meetings/<isodate:date>/"

meetings_urls = [
    # Public
    path("boards/<slug:board_slug>/meetings/", meetings.meeting_list, name="meeting_list"),
    path(meeting, meetings.meeting_detail, name="meeting_detail"),
    path(
        f"{meeting}lead-members/",
        meetings.lead_members_meeting_detail,
        name="lead_members_meeting_detail",
    ),
    path(f"{meeting}agenda-pack.pdf", packs.public_pack, name="public_pack"),
    path(f"{meeting}members-pack.pdf", packs.members_pack, name="members_pack"),
    path(
        f"{meeting}lead-members/agenda-pack.pdf",
        packs.public_pack,
        {"kind": Meeting.Kind.LEAD_MEMBERS},
        name="lead_members_public_pack",
    ),
    path(
        f"{meeting}lead-members/members-pack.pdf",
        packs.members_pack,
        {"kind": Meeting.Kind.LEAD_MEMBERS},
        name="lead_members_members_pack",
    ),
    path("actions/", meetings.action_log, name="action_log"),
    path("actions.csv", meetings.action_log_csv, name="action_log_csv"),
    path("boards/<slug:board_slug>/meetings.ics", feeds.calendar, name="calendar"),
    path("boards/<slug:board_slug>/decisions.atom", feeds.DecisionsFeed(), name="decisions_feed"),
    path("search/", search.search_page, name="search"),
    path("papers/files/<int:pk>/", files.download, name="paper_file"),
    # Clerks
    path(
        "manage/boards/<slug:board_slug>/meetings/new/",
        clerk_meetings.create_meeting,
        name="create_meeting",
    ),
    path("manage/meetings/<int:pk>/", clerk_meetings.manage_meeting, name="manage_meeting"),
    path("manage/meetings/<int:pk>/edit/", clerk_meetings.edit_meeting, name="edit_meeting"),
    path(
        "manage/meetings/<int:pk>/attendance/",
        clerk_meetings.record_attendance,
        name="record_attendance",
    ),
    path(
        "manage/meetings/<int:pk>/declarations/",
        clerk_meetings.record_declarations,
        name="record_declarations",
    ),
    path("manage/meetings/<int:pk>/items/new/", clerk_meetings.add_item, name="add_item"),
    path(
        "manage/meetings/<int:pk>/matters-arising/",
        clerk_meetings.matters_arising,
        name="matters_arising",
    ),
    path(
        "manage/boards/<slug:board_slug>/members/",
        members.current_membership,
        name="current_membership",
    ),
    path(
        "manage/boards/<slug:board_slug>/people/<slug:which>/",
        people.people_lookup,
        name="people_lookup",
    ),
    path(
        "manage/boards/<slug:board_slug>/<boardyear:start_year>/members/",
        members.edit_membership,
        name="edit_membership",
    ),
    path("manage/meetings/<int:pk>/notes/check/", clerk_meetings.check_notes, name="check_notes"),
    path(
        "manage/meetings/<int:pk>/notes/<slug:step>/",
        clerk_meetings.change_notes_status,
        name="change_notes_status",
    ),
    path(
        "manage/meetings/<int:pk>/agenda/publish/",
        agenda.check_and_publish,
        {"which": "agenda"},
        name="publish_agenda",
    ),
    path(
        "manage/meetings/<int:pk>/agenda/publish/date/",
        agenda.publication_date,
        {"which": "agenda"},
        name="publication_date_agenda",
    ),
    path(
        "manage/meetings/<int:pk>/supplementary-agenda/publish/",
        agenda.check_and_publish,
        {"which": "supplementary"},
        name="publish_supplementary",
    ),
    path(
        "manage/meetings/<int:pk>/supplementary-agenda/publish/date/",
        agenda.publication_date,
        {"which": "supplementary"},
        name="publication_date_supplementary",
    ),
    path("manage/meetings/<int:pk>/agree-notes/", clerk_meetings.agree_notes, name="agree_notes"),
    path("manage/items/<int:pk>/edit/", clerk_meetings.edit_item, name="edit_item"),
    path("manage/items/<int:pk>/papers/", papers.item_files, name="item_files"),
    path("manage/papers/files/<int:pk>/replace/", papers.replace_file, name="replace_file"),
    path("manage/papers/files/<int:pk>/remove/", papers.remove, name="remove_file"),
    path(
        "manage/items/<int:pk>/paper/from-file/",
        paper_reading.fill_in_paper,
        name="fill_in_paper",
    ),
    path(
        "manage/items/<int:pk>/activities/",
        clerk_meetings.link_activities,
        name="link_activities",
    ),
]

reports_urls = [
    # Public (a draft and its downloads: the programme's officers)
    path(report_address, reports.report_page, name="report"),
    path(f"{report_address}versions/<int:number>/", reports.report_page, name="version"),
    path(f"{report_address}versions/<int:number>/changes/", reports.changes, name="changes"),
    path(
        f"{report_address}versions/<int:number>/<slug:kind>/",
        reports.download,
        name="version_download",
    ),
    path(
        f"{report_address}draft/<slug:kind>/",
        reports.download,
        {"number": None},
        name="draft_download",
    ),
    # Board members (and the board's staff, who read the comments)
    path(
        f"{report_address}versions/<int:number>/paragraphs/<int:paragraph>/",
        report_review.paragraph_review,
        name="paragraph_review",
    ),
    # Officers
    path(f"{report_address}draft/", report.draft, name="draft"),
    path("manage/report-comments/<int:pk>/reply/", report_comments.reply, name="reply_to_comment"),
    path(
        "manage/report-comments/<int:pk>/resolve/",
        report_comments.resolve,
        name="resolve_comment",
    ),
    path(
        "manage/programmes/<int:pk>/report/edit/",
        report.edit_front_matter,
        name="edit_front_matter",
    ),
    path(
        "manage/programmes/<int:pk>/report/activities/<int:activity_pk>/",
        report.edit_paragraph,
        name="edit_paragraph",
    ),
    path(
        "manage/programmes/<int:pk>/report/activities/<int:activity_pk>/regenerate/",
        report.regenerate_paragraph,
        name="regenerate_paragraph",
    ),
    path("manage/programmes/<int:pk>/report/publish/", report.publish, name="publish"),
    path("manage/programmes/<int:pk>/report/sections/", report_sections.sections, name="sections"),
    path(
        "manage/programmes/<int:pk>/report/sections/add/",
        report_sections.edit_section,
        name="add_section",
    ),
    path(
        "manage/programmes/<int:pk>/report/sections/<int:section_pk>/",
        report_sections.edit_section,
        name="edit_section",
    ),
    path(
        "manage/programmes/<int:pk>/report/sections/<int:section_pk>/move/",
        report_sections.move_section,
        name="move_section",
    ),
    path(
        "manage/programmes/<int:pk>/report/sections/<int:section_pk>/remove/",
        report_sections.remove_section,
        name="remove_section",
    ),
    path(
        "manage/programmes/<int:pk>/report/activities/<int:activity_pk>/leave-out/",
        report_sections.leave_out,
        name="leave_out",
    ),
]

# Everyone signed in: their own actions and reminders (unsubscribing needs no sign-in).
reminders = [
    path("my-actions/", actions.my_actions, name="my_actions"),
    path("my-actions/<int:pk>/close/", actions.propose_closing, name="propose_closing"),
    path("my-actions/calendar/reset/", actions.reset_calendar, name="reset_calendar"),
    path("my-actions/calendar/<str:token>.ics", actions.action_calendar, name="action_calendar"),
    path("my-reminders/", actions.preferences, name="preferences"),
    path("reminders/unsubscribe/<str:token>/", actions.unsubscribe, name="unsubscribe"),
]

# Clerks and policy officers: old papers and notes brought in.
imports_urls = [
    path("manage/boards/<slug:board_slug>/imports/", imports.upload, name="upload"),
    path("manage/imports/<int:pk>/", imports.review, name="review"),
    path("manage/imports/<int:pk>/correct/", imports.correct_import, name="correct"),
    path("manage/imports/<int:pk>/structure/", imports.change_structure, name="structure"),
    path("manage/imports/<int:pk>/accept/", imports.accept_import, name="accept"),
    path("manage/imports/<int:pk>/discard/", imports.discard_import, name="discard"),
]

urlpatterns = [
    path("", include((pages, "pages"))),
    path("", include((reminders, "reminders"))),
    path("", include((workplan, "workplan"))),
    path("", include((meetings_urls, "meetings"))),
    path("", include((reports_urls, "reports"))),
    path("", include((imports_urls, "imports"))),
]
