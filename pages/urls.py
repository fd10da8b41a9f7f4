from django.urls import path

from . import officer_views, programme_views, register_views, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/<slug:board_slug>/", views.board_detail, name="board_detail"),
    path("people/<slug:person_slug>/", views.person_detail, name="person_detail"),
    path(
        "boards/<slug:board_slug>/<boardyear:start_year>/",
        programme_views.programme_detail,
        name="programme_detail",
    ),
    path(
        "boards/<slug:board_slug>/<boardyear:start_year>/activities/<int:pk>/",
        programme_views.activity_detail,
        name="activity_detail",
    ),
    path(
        "boards/<slug:board_slug>/<boardyear:start_year>/attendance/",
        register_views.board_records,
        name="board_records",
    ),
    path(
        "boards/<slug:board_slug>/<boardyear:start_year>/attendance.csv",
        register_views.board_attendance_csv,
        name="board_attendance_csv",
    ),
    path("my-work/", officer_views.my_work, name="my_work"),
    path("my-work/updates/", officer_views.update_several, name="update_several"),
    path("manage/activities/<int:pk>/update/", officer_views.post_update, name="post_update"),
]
