from django.contrib import admin

from .models import ImportedDocument


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "board", "kind", "status", "created", "uploaded_by"]
    list_filter = ["board", "kind", "status"]
    list_select_related = ["board", "uploaded_by"]
    search_fields = ["original_name", "sha256"]
    # What was read is evidence of the source: change it by importing again, not here.
    readonly_fields = [
        "board",
        "kind",
        "original_name",
        "sha256",
        "source_text",
        "parsed",
        "would_create",
        "warnings",
        "uploaded_by",
        "accepted_at",
        "created",
        "modified",
    ]
