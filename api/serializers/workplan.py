"""Work programmes, themes, activities and their progress."""

from rest_framework import serializers

from meetings.models import (
    ActivityReport,
)
from workplan.models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

from ..links import Link, SelfLink
from .base import STAMPS, HasWebPage, Typed, link


class ProgrammeSerializer(HasWebPage):
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

    note = serializers.CharField(source="shown_note")

    class Meta:
        model = ActivityReport
        fields = ["agendaItem", "meeting", "date", "note"]


class ActivitySerializer(HasWebPage):
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
