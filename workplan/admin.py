from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boards.admin import LargeTableAdmin

from .models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme


class PriorityThemeInline(admin.TabularInline):
    model = PriorityTheme
    extra = 0
    fields = ["order", "title", "description"]


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "board", "year", "status", "agreed_on", "policy_budget"]
    list_filter = ["board", "year", "status"]
    list_select_related = ["board", "year"]
    search_fields = ["board__name", "note"]
    inlines = [PriorityThemeInline]


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    fields = ["order", "title", "status", "rag", "lead_officer", "indicative_timing"]
    autocomplete_fields = ["lead_officer"]
    show_change_link = True


@admin.register(PriorityTheme)
class PriorityThemeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "order"]
    list_filter = ["programme__board", "programme__year"]
    list_select_related = ["programme__board", "programme__year"]
    search_fields = ["title", "description"]
    inlines = [ActivityInline]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    fields = ["date", "author", "status", "rag", "text"]
    autocomplete_fields = ["author"]


@admin.register(Activity)
class ActivityAdmin(LargeTableAdmin):
    list_display = ["title", "theme", "programme_year", "status", "rag", "lead_officer"]
    list_filter = ["theme__programme__board", "theme__programme__year", "status", "rag"]
    list_select_related = ["theme__programme__year", "lead_officer"]
    search_fields = ["title", "description", "theme__title"]
    autocomplete_fields = ["theme", "lead_officer", "carried_forward_from"]
    inlines = [ProgressUpdateInline]

    @admin.display(description="Year", ordering="theme__programme__year__start_year")
    def programme_year(self, activity: Activity) -> str:
        return activity.theme.programme.year.label


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(LargeTableAdmin):
    list_display = ["activity", "date", "status", "rag", "author"]
    list_filter = ["status", "rag", "activity__theme__programme__year"]
    list_select_related = ["activity", "author"]
    search_fields = ["text", "activity__title"]
    autocomplete_fields = ["activity", "author"]
    date_hierarchy = "date"
