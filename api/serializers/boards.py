"""Boards, their years, people and memberships."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from boards.models import Authority, Board, BoardYear, Membership, Person

from ..links import SelfLink
from .base import STAMPS, HasWebPage, Typed, link


class BoardSerializer(HasWebPage):
    id = SelfLink(view_name="api:board-detail")
    shortName = serializers.CharField(source="short_name")
    parentOrganisation = serializers.CharField(source="parent_organisation")
    meetings = serializers.SerializerMethodField()
    programmes = serializers.SerializerMethodField()
    calendar = serializers.SerializerMethodField()

    class Meta:
        model = Board
        type_name = "Board"
        fields = [
            "id",
            "type",
            "name",
            "shortName",
            "slug",
            "description",
            "parentOrganisation",
            "web",
            "meetings",
            "programmes",
            "calendar",
            *STAMPS,
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_meetings(self, board) -> str:
        return reverse("api:meeting-list", request=self.context["request"]) + f"?board={board.slug}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_programmes(self, board) -> str:
        return (
            reverse("api:programme-list", request=self.context["request"]) + f"?board={board.slug}"
        )

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar(self, board) -> str:
        return reverse("meetings:calendar", args=[board.slug], request=self.context["request"])


class BoardYearSerializer(Typed):
    id = SelfLink(view_name="api:year-detail")
    name = serializers.CharField(source="label")
    startDate = serializers.DateField(source="starts_on")
    endDate = serializers.DateField(source="ends_on")

    class Meta:
        model = BoardYear
        type_name = "LegislativeTerm"
        fields = ["id", "type", "name", "startDate", "endDate"]


class AuthoritySerializer(Typed):
    id = SelfLink(view_name="api:authority-detail")

    class Meta:
        model = Authority
        type_name = "Authority"
        fields = ["id", "type", "name", *STAMPS]


class PersonSerializer(HasWebPage):
    id = SelfLink(view_name="api:person-detail")
    name = serializers.CharField(source="display_name")
    familyAndGivenName = serializers.CharField(source="name")
    postNominals = serializers.CharField(source="post_nominals")
    authority = link("authority", allow_null=True)
    jobTitle = serializers.CharField(source="job_title")

    class Meta:
        model = Person
        type_name = "Person"
        fields = [
            "id",
            "type",
            "name",
            "honorific",
            "familyAndGivenName",
            "postNominals",
            "kind",
            "authority",
            "jobTitle",
            "organisation",
            "web",
            *STAMPS,
        ]


class MembershipSerializer(Typed):
    id = SelfLink(view_name="api:membership-detail")
    person = link("person")
    board = link("board")
    year = link("year")

    # The attendance record: board meetings held in the year whose notes the client may
    # read (cancelled ones not counted), and the member's attendance at them.
    meetingsExpected = serializers.IntegerField(source="expected", read_only=True)
    present = serializers.IntegerField(read_only=True)
    apologies = serializers.IntegerField(read_only=True)
    substitutesSent = serializers.IntegerField(source="substitutes_sent", read_only=True)

    class Meta:
        model = Membership
        type_name = "Membership"
        fields = [
            "id",
            "type",
            "person",
            "board",
            "year",
            "role",
            "meetingsExpected",
            "present",
            "apologies",
            "substitutesSent",
            *STAMPS,
        ]
