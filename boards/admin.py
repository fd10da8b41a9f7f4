from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Authority, Board, BoardYear, Membership, Person


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "slug", "parent_organisation"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(BoardYear)
class BoardYearAdmin(admin.ModelAdmin):
    list_display = ["label", "starts_on", "ends_on"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["board"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "kind", "authority", "job_title", "organisation"]
    list_filter = ["kind", "authority"]
    list_select_related = ["authority"]
    search_fields = ["name", "job_title", "organisation", "authority__name"]
    autocomplete_fields = ["authority"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "board", "year", "role"]
    list_filter = ["board", "year", "role"]
    list_select_related = ["person", "board", "year"]
    search_fields = ["person__name", "board__name"]
    autocomplete_fields = ["person", "board"]
