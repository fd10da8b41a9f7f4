from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path(
        "boards/<slug:board_slug>/<boardyear:year_slug>/",
        views.programme_detail,
        name="programme_detail",
    ),
    path(
        "boards/<slug:board_slug>/<boardyear:year_slug>/activities/<int:pk>/",
        views.activity_detail,
        name="activity_detail",
    ),
]
