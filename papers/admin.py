from django.contrib import admin

from .models import AgendaPack


@admin.register(AgendaPack)
class AgendaPackAdmin(admin.ModelAdmin):
    """Packs are built by the app from the meeting's papers: seen here, never edited (a
    change to the papers builds them again)."""

    list_display = ["meeting", "audience", "size", "page_count", "built_at"]
    list_select_related = ["meeting__board"]
    list_filter = ["audience"]
    raw_id_fields = ["meeting"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
