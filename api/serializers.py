"""JSON shapes of the records, after OParl 1.1: every object has `id` (its own URL) and
`type`, links to others by URL, and `created`/`modified` for incremental sync. Confidential
items and unpublished notes are left out exactly as on the pages (see meetings/querysets.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from boards.models import Authority, Board, BoardYear, Membership, Person
from meetings.models import (
    Action,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    Paper,
)
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from .links import Link, SelfLink


def link(view_name: str, allow_null: bool = False):
    return Link(view_name=f"api:{view_name}-detail", read_only=True, allow_null=allow_null)


class Typed(serializers.HyperlinkedModelSerializer):
    """Adds OParl's `type` and the timestamps every object carries."""

    type = serializers.SerializerMethodField()
    serializer_related_field = Link

    @extend_schema_field(OpenApiTypes.STR)
    def get_type(self, obj) -> str:
        return self.Meta.type_name

    def reader(self):
        return self.context["reader"]

    def web_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


STAMPS = ["created", "modified"]


class BoardSerializer(Typed):
    id = SelfLink(view_name="api:board-detail")
    shortName = serializers.CharField(source="short_name")
    parentOrganisation = serializers.CharField(source="parent_organisation")
    web = serializers.SerializerMethodField()
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
    def get_web(self, board) -> str:
        return self.web_url(board)

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


class PersonSerializer(Typed):
    id = SelfLink(view_name="api:person-detail")
    name = serializers.CharField(source="display_name")
    familyAndGivenName = serializers.CharField(source="name")
    postNominals = serializers.CharField(source="post_nominals")
    authority = link("authority", allow_null=True)
    jobTitle = serializers.CharField(source="job_title")
    web = serializers.SerializerMethodField()

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

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, person) -> str:
        return self.web_url(person)


class MembershipSerializer(Typed):
    id = SelfLink(view_name="api:membership-detail")
    person = link("person")
    board = link("board")
    year = link("year")

    class Meta:
        model = Membership
        type_name = "Membership"
        fields = ["id", "type", "person", "board", "year", "role", *STAMPS]


class ProgrammeSerializer(Typed):
    id = SelfLink(view_name="api:programme-detail")
    board = link("board")
    year = link("year")
    agreedOn = serializers.DateField(source="agreed_on", allow_null=True)
    policyBudget = serializers.DecimalField(
        source="policy_budget", max_digits=12, decimal_places=2, allow_null=True
    )
    budgetAllocated = serializers.DecimalField(
        source="budget_allocated", max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    themes = Link(view_name="api:theme-detail", many=True, read_only=True)
    web = serializers.SerializerMethodField()

    class Meta:
        model = WorkProgramme
        type_name = "WorkProgramme"
        fields = [
            "id",
            "type",
            "board",
            "year",
            "status",
            "agreedOn",
            "note",
            "policyBudget",
            "budgetAllocated",
            "themes",
            "web",
            *STAMPS,
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, programme) -> str:
        return self.web_url(programme)


class ThemeSerializer(Typed):
    id = SelfLink(view_name="api:theme-detail")
    programme = link("programme")
    activities = Link(view_name="api:activity-detail", many=True, read_only=True)

    class Meta:
        model = PriorityTheme
        type_name = "PriorityTheme"
        fields = ["id", "type", "programme", "title", "description", "order", "activities", *STAMPS]


class ProgressUpdateSerializer(Typed):
    id = SelfLink(view_name="api:progressupdate-detail")
    activity = link("activity")
    author = link("person", allow_null=True)

    class Meta:
        model = ProgressUpdate
        type_name = "ProgressUpdate"
        fields = ["id", "type", "activity", "date", "author", "text", "status", "rag", *STAMPS]


class ReportedAtSerializer(serializers.ModelSerializer):
    agendaItem = Link(source="agenda_item", view_name="api:agendaitem-detail", read_only=True)
    meeting = Link(source="agenda_item.meeting", view_name="api:meeting-detail", read_only=True)
    date = serializers.DateField(source="agenda_item.meeting.date")

    class Meta:
        model = ActivityReport
        fields = ["agendaItem", "meeting", "date", "note"]

    def to_representation(self, report):
        data = super().to_representation(report)
        # The note is part of the notes: hidden until they are published, as on the pages.
        meeting = report.agenda_item.meeting
        if not (
            meeting.notes_are_public or self.context["reader"].can_see_restricted(meeting.board_id)
        ):
            data["note"] = ""
        return data


class ActivitySerializer(Typed):
    id = SelfLink(view_name="api:activity-detail")
    theme = link("theme")
    leadOfficer = Link(
        source="lead_officer", view_name="api:person-detail", read_only=True, allow_null=True
    )
    indicativeTiming = serializers.CharField(source="indicative_timing")
    targetDate = serializers.DateField(source="target_date", allow_null=True)
    resourceRequirement = serializers.CharField(source="resource_requirement")
    budgetAllocated = serializers.DecimalField(
        source="budget_allocated", max_digits=12, decimal_places=2, allow_null=True
    )
    carriedForwardFrom = Link(
        source="carried_forward_from",
        view_name="api:activity-detail",
        read_only=True,
        allow_null=True,
    )
    progressUpdates = ProgressUpdateSerializer(source="updates", many=True, read_only=True)
    reportedAt = ReportedAtSerializer(source="visible_reports", many=True, read_only=True)
    web = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        type_name = "Activity"
        fields = [
            "id",
            "type",
            "theme",
            "title",
            "description",
            "leadOfficer",
            "status",
            "rag",
            "indicativeTiming",
            "targetDate",
            "resourceRequirement",
            "budgetAllocated",
            "carriedForwardFrom",
            "progressUpdates",
            "reportedAt",
            "web",
            *STAMPS,
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, activity) -> str:
        return self.web_url(activity)


class DecisionSerializer(Typed):
    id = SelfLink(view_name="api:decision-detail")
    agendaItem = Link(source="agenda_item", view_name="api:agendaitem-detail", read_only=True)

    class Meta:
        model = Decision
        type_name = "Decision"
        fields = ["id", "type", "agendaItem", "text", *STAMPS]


class ActionSerializer(Typed):
    id = SelfLink(view_name="api:action-detail")
    agendaItem = Link(source="agenda_item", view_name="api:agendaitem-detail", read_only=True)
    owner = link("person", allow_null=True)
    ownerTeam = serializers.CharField(source="owner_team")
    dueDate = serializers.DateField(source="due_date", allow_null=True)
    closedAtMeeting = Link(
        source="closed_at_meeting", view_name="api:meeting-detail", read_only=True, allow_null=True
    )
    closingNote = serializers.CharField(source="closing_note")

    class Meta:
        model = Action
        type_name = "Action"
        fields = [
            "id",
            "type",
            "agendaItem",
            "text",
            "owner",
            "ownerTeam",
            "dueDate",
            "status",
            "closedAtMeeting",
            "closingNote",
            *STAMPS,
        ]


class PaperSerializer(serializers.ModelSerializer):
    contactOfficer = Link(
        source="contact_officer", view_name="api:person-detail", read_only=True, allow_null=True
    )
    walesImplications = serializers.CharField(source="wales_implications")
    financialImplications = serializers.CharField(source="financial_implications")
    equalitiesImplications = serializers.CharField(source="equalities_implications")
    nextSteps = serializers.CharField(source="next_steps")

    class Meta:
        model = Paper
        fields = [
            "title",
            "purpose",
            "summary",
            "recommendation",
            "contactOfficer",
            "body",
            "walesImplications",
            "financialImplications",
            "equalitiesImplications",
            "nextSteps",
        ]


class AgendaItemSerializer(Typed):
    """Confidential items show only their number (and title, unless withheld) to readers not
    allowed to see them; notes appear only once published."""

    id = SelfLink(view_name="api:agendaitem-detail")
    meeting = link("meeting")
    name = serializers.CharField(source="title")
    confidential = serializers.SerializerMethodField()
    presenters = Link(view_name="api:person-detail", many=True, read_only=True)
    discussionPoints = serializers.ListField(
        source="discussion_point_list", child=serializers.CharField(), read_only=True
    )
    paper = PaperSerializer(read_only=True, allow_null=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    activities = serializers.SerializerMethodField()
    web = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        type_name = "AgendaItem"
        fields = [
            "id",
            "type",
            "meeting",
            "number",
            "order",
            "name",
            "confidential",
            "presenters",
            "introduction",
            "discussionPoints",
            "paper",
            "decisions",
            "actions",
            "activities",
            "web",
            *STAMPS,
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_confidential(self, item) -> bool:
        return bool(item.is_restricted)

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_activities(self, item) -> list[str]:
        request = self.context["request"]
        return [
            reverse("api:activity-detail", args=[r.activity_id], request=request)
            for r in item.activity_reports.all()
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, item) -> str:
        return self.web_url(item)

    def to_representation(self, item):
        data = super().to_representation(item)
        reader = self.reader()
        board_id = item.meeting.board_id
        if item.is_restricted and not reader.can_see_restricted(board_id):
            kept = {"id", "type", "meeting", "number", "order", "confidential", "web", *STAMPS}
            data = {key: value for key, value in data.items() if key in kept}
            data["name"] = (
                "Confidential item"
                if item.title_is_confidential
                else f"Confidential item: {item.title}"
            )
            return data
        if not (item.meeting.notes_are_public or reader.can_see_restricted(board_id)):
            for key in ("introduction", "discussionPoints", "decisions", "actions"):
                data.pop(key, None)
        return data


class AgendaItemSummarySerializer(Typed):
    """An item as listed inside a meeting in a collection: follow `id` for the whole item."""

    id = SelfLink(view_name="api:agendaitem-detail")
    name = serializers.CharField(source="title")
    confidential = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        type_name = "AgendaItem"
        fields = ["id", "type", "number", "name", "confidential"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_confidential(self, item) -> bool:
        return bool(item.is_restricted)  # NULL from the database for an item without a paper

    def to_representation(self, item):
        data = super().to_representation(item)
        if item.is_restricted and not self.reader().can_see_restricted(item.meeting.board_id):
            data["name"] = (
                "Confidential item"
                if item.title_is_confidential
                else f"Confidential item: {item.title}"
            )
        return data


class AttendanceSerializer(serializers.ModelSerializer):
    person = link("person")
    substituteFor = Link(
        source="substitute_for", view_name="api:person-detail", read_only=True, allow_null=True
    )

    class Meta:
        model = Attendance
        fields = ["person", "status", "substituteFor"]


class DeclarationSerializer(serializers.ModelSerializer):
    person = link("person")
    agendaItem = Link(
        source="agenda_item",
        view_name="api:agendaitem-detail",
        read_only=True,
        allow_null=True,
    )

    class Meta:
        model = DeclarationOfInterest
        fields = ["person", "agendaItem", "interest"]


class MeetingSerializer(Typed):
    id = SelfLink(view_name="api:meeting-detail")
    board = link("board")
    name = serializers.CharField(source="__str__", read_only=True)
    startTime = serializers.TimeField(source="start_time", allow_null=True)
    location = serializers.CharField(source="venue")
    notesStatus = serializers.CharField(source="notes_status")
    notesAgreedAt = Link(
        source="notes_agreed_at", view_name="api:meeting-detail", read_only=True, allow_null=True
    )
    notesAmendment = serializers.CharField(source="notes_amendment")
    attendance = AttendanceSerializer(source="visible_attendance", many=True, read_only=True)
    declarations = DeclarationSerializer(source="visible_declarations", many=True, read_only=True)
    agendaItem = AgendaItemSerializer(source="items", many=True, read_only=True)
    web = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        type_name = "Meeting"
        fields = [
            "id",
            "type",
            "board",
            "name",
            "kind",
            "date",
            "startTime",
            "location",
            "notesStatus",
            "notesAgreedAt",
            "notesAmendment",
            "attendance",
            "declarations",
            "agendaItem",
            "web",
            *STAMPS,
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, meeting) -> str:
        return self.web_url(meeting)


class MeetingSummarySerializer(MeetingSerializer):
    """Meetings in a collection embed their items in brief, to keep pages quick."""

    agendaItem = AgendaItemSummarySerializer(source="items", many=True, read_only=True)
