from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("manage/boards/<slug:board_slug>/imports/", views.upload, name="upload"),
    path("manage/imports/<int:pk>/", views.review, name="review"),
    path("manage/imports/<int:pk>/correct/", views.correct_import, name="correct"),
    path("manage/imports/<int:pk>/accept/", views.accept_import, name="accept"),
    path("manage/imports/<int:pk>/discard/", views.discard_import, name="discard"),
]
