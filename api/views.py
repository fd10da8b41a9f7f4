import datetime

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from boards.access import reader_for
from boards.models import Authority, Board, BoardYear, Membership, Person
from meetings.models import (
    Action,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    NotesCorrection,
)
from meetings.records import attendance_records
from papers.models import AgendaPack
from web.caching import cached_for_public
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from . import serializers as s

COLLECTIONS = {
    "boards": "board",
    "years": "year",
    "authorities": "authority",
    "people": "person",
    "memberships": "membership",
    "programmes": "programme",
    "themes": "theme",
    "activities": "activity",
    "progressUpdates": "progressupdate",
    "meetings": "meeting",
    "agendaItems": "agendaitem",
    "decisions": "decision",
    "actions": "action",
}


class SystemView(APIView):
    """The system document: links to every collection, so a client can crawl from here."""

    @extend_schema(responses={200: {"type": "object"}})
    def get(self, request):
        return Response(
            {
                "id": reverse("api:system", request=request),
                "type": "System",
                "name": "Board work programmes and meeting notes",
                "shapedAfter": "https://oparl.org/spezifikation/ (OParl 1.1)",
                "website": request.build_absolute_uri("/"),
                "openapi": reverse("api:schema", request=request),
                "collections": {
                    name: reverse(f"api:{basename}-list", request=request)
                    for name, basename in COLLECTIONS.items()
                },
            }
        )


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    board_path: str | None = None
    # Whether the collection shows progress (status, RAG, updates): see web/caching.py.
    shows_progress = True

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        """The public get stored copies, as of the web pages (keyed on every board's
        version: the board is a filter here, not part of the address)."""
        view = super().as_view(actions, **initkwargs)
        return cached_for_public(view, shows_progress=cls.shows_progress)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "reader": self.reader}

    @property
    def reader(self):
        return reader_for(self.request.user)


class BoardViewSet(ReadOnly):
    serializer_class = s.BoardSerializer
    queryset = Board.objects.order_by("pk")


class BoardYearViewSet(ReadOnly):
    serializer_class = s.BoardYearSerializer
    queryset = BoardYear.objects.order_by("start_year")
    filter_backends = []  # board years have no modified stamp and belong to every board


class AuthorityViewSet(ReadOnly):
    serializer_class = s.AuthoritySerializer
    queryset = Authority.objects.order_by("pk")


class PersonViewSet(ReadOnly):
    serializer_class = s.PersonSerializer
    queryset = Person.objects.order_by("pk")


class MembershipViewSet(ReadOnly):
    serializer_class = s.MembershipSerializer
    queryset = Membership.objects.order_by("pk")
    board_path = "board"

    def get_queryset(self):
        # Each membership carries the member's attendance record for its board year.
        return attendance_records(
            super().get_queryset(), reader=self.reader, today=datetime.date.today()
        )


class ProgrammeViewSet(ReadOnly):
    serializer_class = s.ProgrammeSerializer
    queryset = (
        WorkProgramme.objects.with_budget_allocated()
        .select_related("board", "year")
        .prefetch_related("themes")
        .order_by("pk")
    )
    board_path = "board"


class ThemeViewSet(ReadOnly):
    serializer_class = s.ThemeSerializer
    queryset = PriorityTheme.objects.prefetch_related("activities").order_by("pk")
    board_path = "programme__board"


class ActivityViewSet(ReadOnly):
    serializer_class = s.ActivitySerializer
    board_path = "theme__programme__board"

    def get_queryset(self):
        return (
            Activity.objects.select_related("theme__programme__board", "theme__programme__year")
            .prefetch_related(
                Prefetch("updates", queryset=ProgressUpdate.objects.order_by("date", "pk")),
                Prefetch(
                    "reports",
                    queryset=ActivityReport.objects.shaped_for(self.reader).select_related(
                        "agenda_item__meeting"
                    ),
                    to_attr="visible_reports",
                ),
            )
            .order_by("pk")
        )


class ProgressUpdateViewSet(ReadOnly):
    serializer_class = s.ProgressUpdateSerializer
    queryset = ProgressUpdate.objects.order_by("pk")
    board_path = "activity__theme__programme__board"


class MeetingViewSet(ReadOnly):
    shows_progress = False
    board_path = "board"

    def get_serializer_class(self):
        return s.MeetingSummarySerializer if self.action == "list" else s.MeetingSerializer

    def get_queryset(self):
        reader = self.reader
        items = (
            AgendaItem.objects.shaped_for(reader)
            if self.action == "list"
            else AgendaItem.objects.for_meeting_page(reader)
        )
        return (
            Meeting.objects.select_related("board")
            .prefetch_related(
                Prefetch("items", queryset=items),
                Prefetch(
                    "attendance",
                    queryset=Attendance.objects.visible_to(reader).order_by("pk"),
                    to_attr="visible_attendance",
                ),
                Prefetch(
                    "declarations",
                    queryset=DeclarationOfInterest.objects.shaped_for(reader).order_by("pk"),
                    to_attr="visible_declarations",
                ),
                Prefetch(
                    "corrections",
                    queryset=NotesCorrection.objects.visible_to(reader).order_by("pk"),
                    to_attr="visible_corrections",
                ),
                # Only the public pack: the members' pack is never open data.
                Prefetch(
                    "agenda_packs",
                    queryset=AgendaPack.objects.filter(audience=AgendaPack.Audience.PUBLIC),
                    to_attr="public_packs",
                ),
            )
            .order_by("pk")
        )


class AgendaItemViewSet(ReadOnly):
    shows_progress = False
    serializer_class = s.AgendaItemSerializer
    board_path = "meeting__board"

    def get_queryset(self):
        return (
            AgendaItem.objects.for_meeting_page(self.reader)
            .select_related("meeting__board")
            .order_by("pk")
        )


class DecisionViewSet(ReadOnly):
    shows_progress = False
    serializer_class = s.DecisionSerializer
    board_path = "agenda_item__meeting__board"

    def get_queryset(self):
        return Decision.objects.visible_to(self.reader).order_by("pk")


class ActionViewSet(ReadOnly):
    shows_progress = False
    serializer_class = s.ActionSerializer
    board_path = "agenda_item__meeting__board"

    def get_queryset(self):
        return Action.objects.visible_to(self.reader).order_by("pk")
