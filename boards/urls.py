from django.urls import path

from . import views

app_name = "boards"

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/<slug:board_slug>/", views.board_detail, name="board_detail"),
    path("people/<slug:person_slug>/", views.person_detail, name="person_detail"),
]
