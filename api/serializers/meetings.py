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
    PaperFile,
)
from meetings.querysets import NOTES_FIELDS
from web.public.packs import pack_url

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


class FileSerializer(serializers.ModelSerializer):
    """A file of a paper as OParl's File. Both addresses go through the app's permission
    check; accessUrl opens a PDF in the browser, downloadUrl saves it."""

    type = serializers.SerializerMethodField()
    name = serializers.CharField(source="title")
    fileName = serializers.CharField(source="original_name")
    mimeType = serializers.CharField(source="mime_type")
    sha1Checksum = serializers.CharField(source="sha1")
    accessUrl = serializers.SerializerMethodField()
    downloadUrl = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()

    class Meta:
        model = PaperFile
        fields = [
            "type",
            "name",
            "fileName",
            "mimeType",
            "size",
            "sha1Checksum",
            "accessUrl",
            "downloadUrl",
            "date",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_type(self, paper_file) -> str:
        return "File"

    @extend_schema_field(OpenApiTypes.URI)
    def get_accessUrl(self, paper_file) -> str:
        return self.context["request"].build_absolute_uri(paper_file.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_downloadUrl(self, paper_file) -> str:
        return f"{self.get_accessUrl(paper_file)}?download"

    @extend_schema_field(OpenApiTypes.DATE)
    def get_date(self, paper_file) -> str:
        """When the file was attached."""
        return paper_file.created.date().isoformat()


def files_shown(paper) -> list[PaperFile]:
    """The paper's files the reader may download, as meetings.querysets shaped them
    (AgendaItem.objects.for_meeting_page)."""
    return [f for f in getattr(paper.agenda_item, "shown_files", []) if not f.is_hidden]


class PaperSerializer(serializers.ModelSerializer):
    mainFile = serializers.SerializerMethodField()
    auxiliaryFile = serializers.SerializerMethodField()
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
            "mainFile",
            "auxiliaryFile",
        ]

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_mainFile(self, paper) -> dict | None:
        """The paper itself: the first file attached as the paper."""
        main = next((f for f in files_shown(paper) if f.role == PaperFile.Role.PAPER), None)
        return None if main is None else FileSerializer(main, context=self.context).data

    @extend_schema_field(FileSerializer(many=True))
    def get_auxiliaryFile(self, paper) -> list[dict]:
        """Its appendices (and any further file attached as the paper)."""
        files = files_shown(paper)
        main = next((f for f in files if f.role == PaperFile.Role.PAPER), None)
        rest = [f for f in files if f is not main]
        return FileSerializer(rest, many=True, context=self.context).data


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
    supplementary = serializers.BooleanField(source="is_supplementary", read_only=True)
    urgencyReason = serializers.CharField(source="urgency_reason", read_only=True)

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
            "supplementary",
            "urgencyReason",
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
        if data.get("paper") is None and files_shown(Paper(agenda_item=item)):
            # Files attached with none of the paper's fields filled in: a paper all the same.
            paper = Paper(agenda_item=item, title=item.title)
            data["paper"] = PaperSerializer(paper, context=self.context).data
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


class PackFileSerializer(serializers.Serializer):
    """A meeting's public agenda pack as an OParl File: one PDF of its agenda and papers."""

    type = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    fileName = serializers.SerializerMethodField()
    mimeType = serializers.SerializerMethodField()
    size = serializers.IntegerField()
    sha1Checksum = serializers.CharField(source="sha1")
    accessUrl = serializers.SerializerMethodField()
    modified = serializers.DateTimeField(source="built_at")

    def get_type(self, pack) -> str:
        return "File"

    def get_name(self, pack) -> str:
        return f"Agenda pack, {pack.meeting.date:%-d %B %Y}"

    def get_fileName(self, pack) -> str:
        return f"{pack.meeting.board.slug}-{pack.meeting.date:%Y-%m-%d}-agenda-pack.pdf"

    def get_mimeType(self, pack) -> str:
        return "application/pdf"

    @extend_schema_field(OpenApiTypes.URI)
    def get_accessUrl(self, pack) -> str:
        url = pack_url(pack.meeting, pack.audience)
        return self.context["request"].build_absolute_uri(url)


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
    # When the agenda, and the latest supplementary agenda, went out: from then the public
    # may download the items' files.
    agendaPublishedOn = serializers.DateField(
        source="agenda_published_on", read_only=True, allow_null=True
    )
    supplementaryAgendaPublishedOn = serializers.DateField(
        source="supplementary_published_on", read_only=True, allow_null=True
    )
    agendaItem = AgendaItemSerializer(source="items", many=True, read_only=True)
    # The public pack once built (it is built on its first download, and again after each
    # change of its papers).
    auxiliaryFile = PackFileSerializer(source="public_packs", many=True, read_only=True)

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
            "agendaPublishedOn",
            "supplementaryAgendaPublishedOn",
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
            "auxiliaryFile",
            "web",
            *STAMPS,
        ]

    def get_notesSubjectToApproval(self, meeting) -> bool:
        return meeting.notes_status == Meeting.NotesStatus.PUBLISHED


class MeetingSummarySerializer(MeetingSerializer):
    """Meetings in a collection embed their items in brief, to keep pages quick."""

    agendaItem = AgendaItemSummarySerializer(source="items", many=True, read_only=True)
