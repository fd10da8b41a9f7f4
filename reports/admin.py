from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityParagraph, EndOfYearReport, ReportVersion


class ActivityParagraphInline(admin.StackedInline):
    model = ActivityParagraph
    extra = 0
    autocomplete_fields = ["activity"]
    fields = ["activity", "text"]


@admin.register(EndOfYearReport)
class EndOfYearReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "contact_officer"]
    list_select_related = ["programme__board", "programme__year", "contact_officer"]
    search_fields = ["programme__board__name", "summary"]
    autocomplete_fields = ["contact_officer"]
    inlines = [ActivityParagraphInline]


@admin.register(ActivityParagraph)
class ActivityParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "report"]
    list_select_related = ["activity", "report__programme__year"]
    search_fields = ["text", "activity__title"]
    autocomplete_fields = ["activity", "report"]


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    """Frozen versions are a record of what the board was sent: read-only."""

    list_display = ["report", "number", "published_at", "published_by"]
    list_select_related = ["report__programme__year", "published_by"]
    readonly_fields = [
        "report",
        "number",
        "published_at",
        "published_by",
        "content",
        "public_content",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
