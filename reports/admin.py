from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActivityParagraph,
    EndOfYearReport,
    ReportReading,
    ReportSection,
    ReportVersion,
    ReviewComment,
)


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
    # A select of every agenda item would list thousands.
    raw_id_fields = ["agenda_item"]
    inlines = [ActivityParagraphInline]


@admin.register(ActivityParagraph)
class ActivityParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "report"]
    list_select_related = ["activity", "report__programme__year"]
    search_fields = ["text", "activity__title"]
    autocomplete_fields = ["activity", "report"]


@admin.register(ReportVersion)
class ReportVersionAdmin(SimpleHistoryAdmin):
    """Frozen versions are a record of what the board was sent: read-only. Their history
    shows when an item made confidential later left the public copy."""

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


@admin.register(ReviewComment)
class ReviewCommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "author", "created", "resolved_at"]
    list_select_related = ["version__report__programme__year", "author"]
    list_filter = ["kind"]
    search_fields = ["text"]
    raw_id_fields = ["version", "in_reply_to", "author", "resolved_by"]


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "place", "order"]
    list_select_related = ["report__programme__board", "report__programme__year"]
    search_fields = ["heading", "text"]
    autocomplete_fields = ["report"]
    raw_id_fields = ["theme"]


@admin.register(ReportReading)
class ReportReadingAdmin(admin.ModelAdmin):
    """Who opened which version: a record the site keeps, not edited by hand."""

    list_display = ["version", "reader", "first_opened_at"]
    list_select_related = ["version__report__programme__year", "reader"]
    readonly_fields = ["version", "reader", "first_opened_at"]
