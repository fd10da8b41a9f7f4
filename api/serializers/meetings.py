"""Meetings and what is recorded at them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    NotesCorrection,
    Paper,
)
from meetings.querysets import NOTES_FIELDS

from ..links import Link, SelfLink
from .base import STAMPS, HasWebPage, Typed, link


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


class LinesField(serializers.ListField):
    """A text field's non-blank lines, as a list."""

    def to_representation(self, data):
        return super().to_representation(
            [line.strip() for line in data.splitlines() if line.strip()]
        )


class NotesCorrectionSerializer(serializers.ModelSerializer):
    """A change made to published notes: what was corrected (an item, the attendance or the
    declarations), why, when, and that part of the notes before and after."""

    agendaItem = Link(
        source="agenda_item", view_name="api:agendaitem-detail", read_only=True, allow_null=True
    )
    correctedOn = serializers.DateField(source="corrected_on")
    agreedAt = Link(
        source="agreed_at", view_name="api:meeting-detail", read_only=True, allow_null=True
    )

    class Meta:
        model = NotesCorrection
        fields = ["part", "agendaItem", "reason", "correctedOn", "agreedAt", "before", "after"]


class AgendaItemSerializer(HasWebPage):
    """Confidential items show only their number (and title, unless withheld) to readers not
    allowed to see them; notes appear only once published."""

    id = SelfLink(view_name="api:agendaitem-detail")
    meeting = link("meeting")
    name = serializers.CharField(source="title")
    confidential = serializers.SerializerMethodField()
    presenters = Link(view_name="api:person-detail", many=True, read_only=True)
    discussionPoints = LinesField(
        source="discussion_points", child=serializers.CharField(), read_only=True
    )
    paper = PaperSerializer(read_only=True, allow_null=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    activities = serializers.SerializerMethodField()
    # Read through NotesCorrection.objects.visible_to (AgendaItem.objects.for_meeting_page).
    corrections = NotesCorrectionSerializer(source="shown_corrections", many=True, read_only=True)

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
            "corrections",
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

    def to_representation(self, item):
        data = super().to_representation(item)
        if item.is_hidden:
            kept = {"id", "type", "meeting", "number", "order", "confidential", "web", *STAMPS}
            data = {key: value for key, value in data.items() if key in kept}
            data["name"] = confidential_name(item)
            return data
        if not item.notes_visible:
            # Which fields are notes is the visibility rules' answer, by model field name.
            for key, api_field in self.fields.items():
                if api_field.source in NOTES_FIELDS:
                    data.pop(key, None)
        return data


def confidential_name(item) -> str:
    """What a reader who may not see a confidential item is told of it (see shaped_for)."""
    return f"Confidential item: {item.shown_title}" if item.shown_title else "Confidential item"


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
        if item.is_hidden:
            data["name"] = confidential_name(item)
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

    interest = serializers.CharField(source="shown_interest")

    class Meta:
        model = DeclarationOfInterest
        fields = ["person", "agendaItem", "interest"]


class MeetingSerializer(HasWebPage):
    id = SelfLink(view_name="api:meeting-detail")
    board = link("board")
    name = serializers.CharField(source="__str__", read_only=True)
    startTime = serializers.TimeField(source="start_time", allow_null=True)
    location = serializers.CharField(source="venue")
    # Read with the calendar (Meeting.shown_status), as the pages show it: a meeting whose
    # day has passed without published notes is notes_to_follow, not scheduled.
    notesStatus = serializers.ChoiceField(
        source="shown_status", choices=Meeting.ShownStatus.choices, read_only=True
    )
    notesLabel = serializers.CharField(source="notes_label", read_only=True)
    notesAgreedAt = Link(
        source="notes_agreed_at", view_name="api:meeting-detail", read_only=True, allow_null=True
    )
    notesAmendment = serializers.CharField(source="notes_amendment")
    # The notes as a record: published notes are subject to approval at a later meeting;
    # agreed ones are locked, changed only by a correction a later meeting agreed.
    notesSubjectToApproval = serializers.SerializerMethodField()
    notesLocked = serializers.BooleanField(source="notes_are_locked", read_only=True)
    corrections = NotesCorrectionSerializer(source="visible_corrections", many=True, read_only=True)
    attendance = AttendanceSerializer(source="visible_attendance", many=True, read_only=True)
    declarations = DeclarationSerializer(source="visible_declarations", many=True, read_only=True)
    agendaItem = AgendaItemSerializer(source="items", many=True, read_only=True)

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
            "notesLabel",
            "notesAgreedAt",
            "notesAmendment",
            "notesSubjectToApproval",
            "notesLocked",
            "corrections",
            "attendance",
            "declarations",
            "agendaItem",
            "web",
            *STAMPS,
        ]

    def get_notesSubjectToApproval(self, meeting) -> bool:
        return meeting.notes_status == Meeting.NotesStatus.PUBLISHED


class MeetingSummarySerializer(MeetingSerializer):
    """Meetings in a collection embed their items in brief, to keep pages quick."""

    agendaItem = AgendaItemSummarySerializer(source="items", many=True, read_only=True)
