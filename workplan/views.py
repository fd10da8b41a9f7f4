from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from boards.access import can_edit_programme, is_staff_for, reader_for
from boards.csv_export import csv_response
from boards.history import change_log
from boards.models import BoardYear
from boards.page_cache import cached_for_public
from meetings.models import Action, ActivityReport, Decision

from .filters import ActivityFilter
from .forms import ProgressUpdateForm
from .models import Activity, ActivityStatus, ProgressUpdate, WorkProgramme
from .officer_views import agenda_items_for


def get_programme(board_slug: str, year_slug: str) -> WorkProgramme:
    start_year = BoardYear.start_year_from_slug(year_slug)
    if start_year is None:
        raise Http404("No such board year")
    return get_object_or_404(
        WorkProgramme.objects.select_related("board", "year").with_budget_allocated(),
        board__slug=board_slug,
        year__start_year=start_year,
    )


@cached_for_public
def programme_detail(request: HttpRequest, board_slug: str, year_slug: str) -> HttpResponse:
    # Queries: programme; other years; themes; filter choices (2); activities with their
    # latest update; the meetings they were reported at.
    programme = get_programme(board_slug, year_slug)
    reader = reader_for(request.user)
    activity_filter = ActivityFilter(
        request.GET or None,
        queryset=Activity.objects.for_programme(programme).for_programme_page(),
        programme=programme,
    )
    filter_ok = not activity_filter.is_bound or activity_filter.is_valid()
    activities = (
        list(activity_filter.qs.prefetch_related(reported_at_prefetch(reader))) if filter_ok else []
    )
    themes = list(programme.themes.all())
    for theme in themes:
        theme.shown_activities = [a for a in activities if a.theme_id == theme.pk]
    context = {
        "programme": programme,
        "board": programme.board,
        "years": list(
            WorkProgramme.objects.filter(board=programme.board)
            .select_related("board", "year")
            .order_by("-year__start_year")
        ),
        "themes": themes,
        "filter": activity_filter,
        "activity_count": len(activities),
        "status_counts": Activity.objects.for_programme(programme).status_counts(),
        "statuses": ActivityStatus.choices,
        "budget_remaining": programme.budget_remaining(programme.budget_allocated),
        "can_edit": can_edit_programme(request.user, programme.board),
    }
    return render(request, "workplan/programme_detail.html", context)


def reported_at_prefetch(reader):
    return Prefetch(
        "reports",
        queryset=ActivityReport.objects.visible_to(reader)
        .select_related("agenda_item__meeting__board")
        .order_by("agenda_item__meeting__date", "agenda_item__order"),
        to_attr="reported_at",
    )


@cached_for_public
def activity_detail(request: HttpRequest, board_slug: str, year_slug: str, pk: int) -> HttpResponse:
    # Queries: activity; updates; carried forward to; reported-at links; their decisions;
    # their actions.
    start_year = BoardYear.start_year_from_slug(year_slug)
    activity = get_object_or_404(
        Activity.objects.select_related(
            "theme__programme__board",
            "theme__programme__year",
            "lead_officer",
            "carried_forward_from__theme__programme__year",
        ),
        pk=pk,
        theme__programme__board__slug=board_slug,
        theme__programme__year__start_year=start_year,
    )
    reader = reader_for(request.user)
    reports = (
        ActivityReport.objects.filter(activity=activity)
        .visible_to(reader)
        .select_related("agenda_item__meeting__board", "agenda_item__paper")
        .prefetch_related(
            Prefetch("agenda_item__decisions", queryset=Decision.objects.visible_to(reader)),
            Prefetch(
                "agenda_item__actions",
                queryset=Action.objects.visible_to(reader).select_related("owner"),
            ),
        )
        .order_by("agenda_item__meeting__date", "agenda_item__order")
    )
    context = {
        "activity": activity,
        "programme": activity.theme.programme,
        "board": activity.theme.programme.board,
        "updates": activity.updates.select_related("author").order_by("date", "pk"),
        "carried_forward_to": activity.carried_forward_to.select_related(
            "theme__programme__year", "theme__programme__board"
        ),
        "reports": reports,
        "earlier_updates": activity.carried_forward_from.updates.select_related("author").order_by(
            "date", "pk"
        )
        if activity.carried_forward_from_id
        else [],
    }
    context.update(editor_context(request, activity))
    return render(request, "workplan/activity_detail.html", context)


def editor_context(request: HttpRequest, activity: Activity) -> dict:
    """The update form for officers of the activity's board, and its history for staff."""
    board = activity.theme.programme.board
    context = {"can_edit": can_edit_programme(request.user, board)}
    if context["can_edit"]:
        context["update_form"] = ProgressUpdateForm(
            agenda_items=agenda_items_for(activity),
            initial={"status": activity.status, "rag": activity.rag},
        )
    if is_staff_for(request.user, board):
        context["history"] = change_log(activity.history.all())
        context["update_history"] = change_log(
            ProgressUpdate.history.filter(activity_id=activity.pk)
        )
        if request.user.is_superuser:
            context["history_admin_url"] = reverse(
                "admin:workplan_activity_history", args=[activity.pk]
            )
    return context


def activities_csv(request: HttpRequest, board_slug: str, year_slug: str):
    """The programme's activities as CSV, with the filters on screen applied."""
    programme = get_programme(board_slug, year_slug)
    activity_filter = ActivityFilter(
        request.GET or None,
        queryset=Activity.objects.for_programme(programme).for_programme_page(),
        programme=programme,
    )
    activities = (
        activity_filter.qs
        if (not activity_filter.is_bound or activity_filter.is_valid())
        else Activity.objects.none()
    )
    rows = (
        [
            a.theme.title,
            a.title,
            a.get_status_display(),
            a.get_rag_display() if a.rag else "",
            str(a.lead_officer or ""),
            a.indicative_timing,
            a.target_date.isoformat() if a.target_date else "",
            a.last_update_on.isoformat() if a.last_update_on else "",
            a.latest_update_text or "",
            request.build_absolute_uri(
                reverse("workplan:activity_detail", args=[board_slug, year_slug, a.pk])
            ),
        ]
        for a in activities.iterator(chunk_size=500)
    )
    header = [
        "Theme",
        "Activity",
        "Status",
        "RAG rating",
        "Lead officer",
        "Indicative timing",
        "Target date",
        "Last update",
        "Latest update",
        "Web page",
    ]
    return csv_response(f"{board_slug}-work-programme-{year_slug}.csv", header, rows)
