from django.urls import path

from . import views

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
    path("search/", views.search_page, name="search"),
]
