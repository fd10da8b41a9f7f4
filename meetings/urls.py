from django.urls import path

from . import clerk_views, feeds, membership_views, views

app_name = "meetings"

urlpatterns = [
    path("boards/<slug:board_slug>/meetings/", views.meeting_list, name="meeting_list"),
    path(
        "boards/<slug:board_slug>/meetings/<isodate:date>/",
        views.meeting_detail,
        name="meeting_detail",
    ),
    path(
        "boards/<slug:board_slug>/meetings/<isodate:date>/lead-members/",
        views.lead_members_meeting_detail,
        name="lead_members_meeting_detail",
    ),
    path("actions/", views.action_log, name="action_log"),
    path("actions.csv", views.action_log_csv, name="action_log_csv"),
    path("boards/<slug:board_slug>/meetings.ics", feeds.calendar, name="calendar"),
    path("boards/<slug:board_slug>/decisions.atom", feeds.DecisionsFeed(), name="decisions_feed"),
    path("search/", views.search_page, name="search"),
]

urlpatterns += [
    path(
        "manage/boards/<slug:board_slug>/meetings/new/",
        clerk_views.create_meeting,
        name="create_meeting",
    ),
    path("manage/meetings/<int:pk>/", clerk_views.manage_meeting, name="manage_meeting"),
    path("manage/meetings/<int:pk>/edit/", clerk_views.edit_meeting, name="edit_meeting"),
    path(
        "manage/meetings/<int:pk>/attendance/",
        clerk_views.record_attendance,
        name="record_attendance",
    ),
    path(
        "manage/meetings/<int:pk>/declarations/",
        clerk_views.record_declarations,
        name="record_declarations",
    ),
    path("manage/meetings/<int:pk>/items/new/", clerk_views.add_item, name="add_item"),
    path(
        "manage/meetings/<int:pk>/matters-arising/",
        clerk_views.matters_arising,
        name="matters_arising",
    ),
    path(
        "manage/boards/<slug:board_slug>/<boardyear:start_year>/members/",
        membership_views.edit_membership,
        name="edit_membership",
    ),
    path("manage/meetings/<int:pk>/notes/check/", clerk_views.check_notes, name="check_notes"),
    path(
        "manage/meetings/<int:pk>/notes/withdraw/",
        clerk_views.withdraw_notes,
        name="withdraw_notes",
    ),
    path(
        "manage/meetings/<int:pk>/notes/<slug:step>/",
        clerk_views.change_notes_status,
        name="change_notes_status",
    ),
    path("manage/meetings/<int:pk>/agree-notes/", clerk_views.agree_notes, name="agree_notes"),
    path("manage/items/<int:pk>/edit/", clerk_views.edit_item, name="edit_item"),
    path("manage/items/<int:pk>/activities/", clerk_views.link_activities, name="link_activities"),
]
