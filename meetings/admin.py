from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boards.admin import LargeTableAdmin

from .models import (
    Action,
    ActionFollowUp,
    ActivityReport,
    AgendaItem,
    Attendance,
    Decision,
    DeclarationOfInterest,
    Meeting,
    NotesCorrection,
    Paper,
    PaperFile,
)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]


class DeclarationInline(admin.TabularInline):
    model = DeclarationOfInterest
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "agenda_item", "interest"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "number", "title", "is_confidential"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "board", "date", "kind", "notes_status"]
    list_filter = ["board", "kind", "notes_status"]
    list_select_related = ["board"]
    search_fields = ["venue", "board__name", "items__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["notes_agreed_at"]
    inlines = [AttendanceInline, DeclarationInline, AgendaItemInline]

    def get_search_results(self, request, queryset, search_term):
        # Searching across items joins many rows per meeting.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True


class PaperInline(admin.StackedInline):
    model = Paper
    extra = 0
    autocomplete_fields = ["contact_officer"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["order", "text"]


class ActionInline(admin.StackedInline):
    model = Action
    fk_name = "agenda_item"
    extra = 0
    fields = [
        "order",
        "text",
        "owner",
        "owner_team",
        "due_date",
        "status",
        "closed_at_meeting",
        "closing_note",
    ]
    autocomplete_fields = ["owner", "closed_at_meeting"]


class ActivityReportInline(admin.TabularInline):
    model = ActivityReport
    extra = 0
    autocomplete_fields = ["activity"]
    verbose_name = "activity reported on"
    verbose_name_plural = "activities reported on"


@admin.register(AgendaItem)
class AgendaItemAdmin(LargeTableAdmin):
    list_display = ["__str__", "meeting", "is_confidential"]
    list_filter = ["meeting__board", "is_confidential"]
    list_select_related = ["meeting__board"]
    search_fields = ["title", "introduction", "discussion_points"]
    autocomplete_fields = ["meeting", "presenters"]
    inlines = [PaperInline, DecisionInline, ActionInline, ActivityReportInline]


@admin.register(Paper)
class PaperAdmin(LargeTableAdmin):
    list_display = ["title", "purpose", "agenda_item", "contact_officer", "is_confidential"]
    list_filter = ["purpose", "is_confidential"]
    list_select_related = ["agenda_item__meeting__board", "contact_officer"]
    search_fields = ["title", "summary", "body"]
    autocomplete_fields = ["agenda_item", "contact_officer"]


@admin.register(Decision)
class DecisionAdmin(LargeTableAdmin):
    list_display = ["__str__", "agenda_item"]
    list_select_related = ["agenda_item__meeting__board"]
    search_fields = ["text"]
    autocomplete_fields = ["agenda_item"]


@admin.register(Action)
class ActionAdmin(LargeTableAdmin):
    list_display = ["__str__", "agenda_item", "owner_label", "due_date", "status"]
    list_filter = ["status", "agenda_item__meeting__board"]
    list_select_related = ["agenda_item__meeting__board", "owner"]
    search_fields = ["text", "owner_team", "owner__name", "closing_note"]
    autocomplete_fields = ["agenda_item", "owner", "closed_at_meeting"]

    @admin.display(description="Owner")
    def owner_label(self, action: Action) -> str:
        return action.owner_label


@admin.register(DeclarationOfInterest)
class DeclarationOfInterestAdmin(LargeTableAdmin):
    list_display = ["person", "meeting", "interest"]
    list_select_related = ["person", "meeting__board"]
    search_fields = ["person__name", "interest"]
    autocomplete_fields = ["person", "meeting", "agenda_item"]


@admin.register(Attendance)
class AttendanceAdmin(LargeTableAdmin):
    list_display = ["person", "meeting", "status", "substitute_for"]
    list_filter = ["status", "meeting__board"]
    list_select_related = ["person", "meeting__board", "substitute_for"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person", "meeting", "substitute_for"]


@admin.register(ActivityReport)
class ActivityReportAdmin(LargeTableAdmin):
    list_display = ["activity", "agenda_item", "note"]
    list_select_related = ["activity", "agenda_item__meeting__board"]
    search_fields = ["activity__title", "agenda_item__title", "note"]
    autocomplete_fields = ["activity", "agenda_item"]


@admin.register(ActionFollowUp)
class ActionFollowUpAdmin(LargeTableAdmin):
    list_display = ["action", "meeting", "outcome"]
    list_filter = ["outcome"]
    list_select_related = ["action", "meeting__board"]
    search_fields = ["action__text", "note"]
    autocomplete_fields = ["action", "meeting"]


@admin.register(NotesCorrection)
class NotesCorrectionAdmin(LargeTableAdmin):
    list_display = ["meeting", "agenda_item", "corrected_on", "reason"]
    list_select_related = ["meeting__board", "agenda_item"]
    search_fields = ["reason", "before", "after"]
    autocomplete_fields = ["meeting", "agenda_item", "agreed_at"]


@admin.register(PaperFile)
class PaperFileAdmin(LargeTableAdmin):
    list_display = ["title", "agenda_item", "role", "mime_type", "size", "is_confidential"]
    list_filter = ["role", "is_confidential"]
    list_select_related = ["agenda_item__meeting__board"]
    search_fields = ["title", "original_name"]
    autocomplete_fields = ["agenda_item"]
    raw_id_fields = ["superseded_by"]
    # The file's facts come from its content when a clerk attaches it (paper_checks).
    readonly_fields = ["mime_type", "size", "sha1", "page_count", "uploaded_by"]
