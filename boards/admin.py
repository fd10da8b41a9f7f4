from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from .models import Authority, Board, BoardRole, BoardYear, Membership, Person

# Below this many rows, a table is counted exactly.
COUNTED_EXACTLY_BELOW = 100_000


def estimated_rows(model) -> int | None:
    """PostgreSQL's estimate of a table's rows (from its last ANALYZE), or None where there
    is none (another database, or a table never analysed)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", [model._meta.db_table]
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """Pages of a large table: unfiltered, its rows are counted from the database's estimate,
    not read (1.5 million actions took 100 ms to count at scale XL, for a page of 100). The
    number of pages may then be a little out; a filtered or searched list is counted."""

    @cached_property
    def count(self) -> int:
        if not self.object_list.query.where:
            estimate = estimated_rows(self.object_list.model)
            if estimate is not None and estimate >= COUNTED_EXACTLY_BELOW:
                return estimate
        return super().count


class LargeTableAdmin(SimpleHistoryAdmin):
    """A changelist of a table that grows with every meeting (tens of thousands of rows):
    newest first by primary key, which is indexed, and no count of the whole table, so the
    page costs the same at any size. Filters and search narrow it."""

    ordering = ["-pk"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator


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
    autocomplete_fields = ["authority", "user"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "board", "year", "role"]
    list_filter = ["board", "year", "role"]
    list_select_related = ["person", "board", "year"]
    search_fields = ["person__name", "board__name"]
    autocomplete_fields = ["person", "board"]


@admin.register(BoardRole)
class BoardRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "board", "role"]
    list_filter = ["board", "role"]
    list_select_related = ["user", "board"]
    search_fields = ["user__username", "user__email", "board__name"]
    autocomplete_fields = ["user", "board"]


class BoardRoleInline(admin.TabularInline):
    model = BoardRole
    extra = 0
    autocomplete_fields = ["board"]


class PersonInline(admin.StackedInline):
    model = Person
    fields = ["honorific", "name", "kind", "job_title"]
    extra = 0
    max_num = 1
    can_delete = False
    verbose_name = "person record"


# User management: an administrator gives each user their roles on the boards they work on.
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    inlines = [BoardRoleInline, PersonInline]
