from django.urls import path

from . import review_views, views

app_name = "reports"

report = "boards/<slug:board_slug>/<boardyear:start_year>/report/"

urlpatterns = [
    path(report, views.report_page, name="report"),
    path(f"{report}versions/<int:number>/", views.report_page, name="version"),
    path(f"{report}versions/<int:number>/changes/", review_views.changes, name="changes"),
    path(
        f"{report}versions/<int:number>/paragraphs/<int:paragraph>/",
        review_views.paragraph_review,
        name="paragraph_review",
    ),
    path("manage/report-comments/<int:pk>/reply/", review_views.reply, name="reply_to_comment"),
    path("manage/report-comments/<int:pk>/resolve/", review_views.resolve, name="resolve_comment"),
    path(
        f"{report}versions/<int:number>/<slug:kind>/",
        views.download,
        name="version_download",
    ),
    path(f"{report}draft/", views.draft, name="draft"),
    path(f"{report}draft/<slug:kind>/", views.download, {"number": None}, name="draft_download"),
    path(
        "manage/programmes/<int:pk>/report/edit/", views.edit_front_matter, name="edit_front_matter"
    ),
    path(
        "manage/programmes/<int:pk>/report/activities/<int:activity_pk>/",
        views.edit_paragraph,
        name="edit_paragraph",
    ),
    path(
        "manage/programmes/<int:pk>/report/activities/<int:activity_pk>/regenerate/",
        views.regenerate_paragraph,
        name="regenerate_paragraph",
    ),
    path("manage/programmes/<int:pk>/report/publish/", views.publish, name="publish"),
]
