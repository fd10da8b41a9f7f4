from django.urls import path

from . import feeds, officer_views, views

app_name = "workplan"

urlpatterns = [
    path(
        "boards/<slug:board_slug>/progress.atom",
        feeds.ProgressUpdatesFeed(),
        name="progress_feed",
    ),
    path(
        "boards/<slug:board_slug>/<boardyear:start_year>/activities.csv",
        views.activities_csv,
        name="activities_csv",
    ),
    path("manage/activities/<int:pk>/edit/", officer_views.edit_activity, name="edit_activity"),
    path(
        "manage/programmes/<int:pk>/activities/new/",
        officer_views.propose_activity,
        name="propose_activity",
    ),
    path("manage/programmes/<int:pk>/themes/new/", officer_views.add_theme, name="add_theme"),
    path(
        "manage/programmes/<int:pk>/carry-forward/",
        officer_views.carry_forward,
        name="carry_forward",
    ),
    path(
        "manage/boards/<slug:board_slug>/programmes/next/",
        officer_views.start_next_programme,
        name="start_next_programme",
    ),
]
