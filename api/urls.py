from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import docs, views

app_name = "api"

router = SimpleRouter()
router.register("boards", views.BoardViewSet, basename="board")
router.register("years", views.BoardYearViewSet, basename="year")
router.register("authorities", views.AuthorityViewSet, basename="authority")
router.register("people", views.PersonViewSet, basename="person")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progressupdate")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agendaitem")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("actions", views.ActionViewSet, basename="action")

urlpatterns = [
    path("", views.SystemView.as_view(), name="system"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    path("", include(router.urls)),
]
