"""A programme and its activities, each with the meetings where it was reported."""

import functools

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from boards.access import can_edit_programme, is_staff_for, reader_for
from boards.history import change_log
from meetings.models import Action, ActivityReport, AgendaItem, Decision
from web import caching
from web.caching import cached_for_public
from web.csv_export import csv_response
from workplan.filters import ActivityFilter
from workplan.forms import ProgressUpdateForm
from workplan.models import Activity, ActivityStatus, ProgressUpdate, WorkProgramme


@cached_for_public
def programme_detail(request: HttpRequest, board_slug: str, start_year: int) -> HttpResponse:
    # Queries: programme; status counts; other years; filter choices (2); activities with
    # their latest update; the meetings they were reported at; themes; for editors, whether a
    # later year exists. Stored parts and values save all but the first. (A signed-in
    # reader's roles come with the user: boards.backends.)
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    reader = reader_for(request.user)

    @functools.cache
    def activity_filter() -> ActivityFilter:
        return ActivityFilter(
            request.GET or None,
            queryset=Activity.objects.for_programme(programme).for_programme_page(),
            programme=programme,
        )

    def listing() -> dict:
        """The themes and their activities: read only when the stored copy of the list (see
        caching.fragment) is missing or out of date."""
        chosen = activity_filter()
        filter_ok = not chosen.is_bound or chosen.is_valid()
        activities = list(chosen.qs) if filter_ok else []

        def reported_at(activity: Activity) -> list:
            # Read for every listed activity at once, and only when a card that is not
            # stored needs it: after an update, one card is made again and the rest are not.
            if not hasattr(activity, "reports_shown"):
                prefetch_related_objects(activities, reported_at_prefetch(reader))
            return activity.reports_shown

        for activity in activities:
            activity.reported_at = functools.partial(reported_at, activity)
            # The programme the page has read, board and year with it: each activity's
            # address (get_absolute_url) then needs no query.
            activity.theme.programme = programme
        themes = list(programme.themes.all())
        for theme in themes:
            theme.shown_activities = [a for a in activities if a.theme_id == theme.pk]
        return {"themes": themes, "activity_count": len(activities)}

    years = WorkProgramme.objects.filter(board=programme.board)
    can_edit = can_edit_programme(request.user, programme.board)
    fragment = caching.fragment(request, programme.board, reader)
    context = {
        "programme": programme,
        "board": programme.board,
        # The callables are read only when the stored copies of the page's parts are missing
        # or out of date (the filter form's choices too): a signed-in reader's page is then
        # the session, the user with their roles, and the programme.
        "years": lambda: list(years.select_related("board", "year").order_by("-year__start_year")),
        "listing": listing,
        "fragment": fragment,
        # The parts that show no progress: kept through officers' updates.
        "records_fragment": caching.fragment(
            request, programme.board, reader, shows_progress=False
        ),
        "filter": activity_filter,
        "status_counts": lambda: Activity.objects.for_programme(programme).status_counts(),
        "statuses": ActivityStatus.choices,
        "budget": lambda: programme.budget_position(programme.allocated_total()),
        "can_edit": can_edit,
        "is_latest": can_edit
        and not fragment.remember(
            "later-year", years.filter(year__start_year__gt=programme.year.start_year).exists
        ),
    }
    return render(request, "pages/programme_detail.html", context)


def reported_at_prefetch(reader):
    return Prefetch(
        "reports",
        queryset=ActivityReport.objects.visible_to(reader)
        .select_related("agenda_item__meeting__board")
        .order_by("agenda_item__meeting__date", "agenda_item__order"),
        to_attr="reports_shown",
    )


@cached_for_public
def activity_detail(
    request: HttpRequest, board_slug: str, start_year: int, pk: int
) -> HttpResponse:
    # Queries: activity (with its progress stamp); its lead officer; updates; carried forward
    # to; reported-at links; their decisions; their actions.
    activity = get_object_or_404(
        Activity.objects.select_related(
            "theme__programme__board", "theme__programme__year"
        ).with_progress_stamp(),
        pk=pk,
    )
    # Found by its key alone and checked against the address here: filtering the joined
    # tables by the address, and joining the lead officer (read with the summary instead),
    # cost PostgreSQL more to plan than the row costs to read.
    programme = activity.theme.programme
    if (programme.board.slug, programme.year.start_year) != (board_slug, start_year):
        raise Http404("No activity at this address")
    reader = reader_for(request.user)

    def reports():
        return (
            ActivityReport.objects.filter(activity=activity)
            .shaped_for(reader)
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

    @functools.cache
    def carried_forward_from() -> Activity | None:
        # Not joined to the page's query: ten tables took PostgreSQL 2 ms to plan.
        earlier = Activity.objects.select_related("theme__programme__year")
        return earlier.filter(pk=activity.carried_forward_from_id).first()

    context = {
        "activity": activity,
        "programme": activity.theme.programme,
        "board": activity.theme.programme.board,
        # The callables are read only when the stored copies of the page's parts are missing
        # or out of date (caching.fragment). The parts key on the board's content and, for
        # the parts that show progress, on this activity's own (activity.progress_stamp), so
        # updates to other activities do not replace them.
        "fragment": caching.fragment(
            request, activity.theme.programme.board, reader, shows_progress=False
        ),
        "updates": lambda: activity.updates.select_related("author").order_by("-date", "-pk"),
        "carried_forward_to": lambda: activity.carried_forward_to.select_related(
            "theme__programme__year", "theme__programme__board"
        ),
        "reports": reports,
        "carried_forward_from": carried_forward_from,
        "earlier_updates": lambda: (
            ProgressUpdate.objects.filter(activity_id=activity.carried_forward_from_id)
            .select_related("author")
            .order_by("date", "pk")
            if activity.carried_forward_from_id
            else []
        ),
    }
    context.update(editor_context(request, activity))
    return render(request, "pages/activity_detail.html", context)


def editor_context(request: HttpRequest, activity: Activity) -> dict:
    """The update form for officers of the activity's board, and its history for staff."""
    board = activity.theme.programme.board
    context = {"can_edit": can_edit_programme(request.user, board)}
    if context["can_edit"]:
        # Made only when the stored copy of the form's fields is missing or out of date.
        context["update_form"] = lambda: ProgressUpdateForm(
            activity=activity,
            agenda_items=AgendaItem.objects.in_year_of(activity),
            initial={"status": activity.status, "rag": activity.rag},
        )
    if is_staff_for(request.user, board):
        # Read only when the stored copy of the history (for staff) is missing or out of date.
        context["show_history"] = True
        context["history"] = lambda: change_log(activity.history.all())
        context["update_history"] = lambda: change_log(
            ProgressUpdate.history.filter(activity_id=activity.pk)
        )
        if request.user.is_superuser:
            context["history_admin_url"] = reverse(
                "admin:workplan_activity_history", args=[activity.pk]
            )
    return context


def activities_csv(request: HttpRequest, board_slug: str, start_year: int):
    """The programme's activities as CSV, with the filters on screen applied."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    year_slug = programme.year.slug
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
                reverse("pages:activity_detail", args=[board_slug, start_year, a.pk])
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
