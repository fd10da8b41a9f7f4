"""Where policy officers keep their programme up to date."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.access import can_edit_programme, require
from boards.history import changed_meanwhile
from boards.models import Board, BoardYear, EditConflict
from meetings.models import Action, ActivityReport, AgendaItem

from .forms import ActivityForm, CarryForwardForm, ProgressUpdateForm, ThemeForm
from .models import Activity, ActivityStatus, PriorityTheme, WorkProgramme


def get_activity_for_editor(request: HttpRequest, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("theme__programme__board", "theme__programme__year"),
        pk=pk,
    )
    require(request, activity.theme.programme.board, can_edit_programme)
    return activity


def get_programme_for_editor(request: HttpRequest, pk: int) -> WorkProgramme:
    programme = get_object_or_404(WorkProgramme.objects.select_related("board", "year"), pk=pk)
    require(request, programme.board, can_edit_programme)
    return programme


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """An officer's activities, most stale first, and the overdue actions they own."""
    person = getattr(request.user, "person", None)
    activities, overdue = [], []
    if person:
        activities = (
            Activity.objects.filter(lead_officer=person, status__in=Activity.UNFINISHED_STATUSES)
            .select_related("theme__programme__board", "theme__programme__year")
            .with_last_update()
            .order_by(F("last_update_on").asc(nulls_first=True), "pk")
        )
        overdue = (
            Action.objects.filter(owner=person).overdue(datetime.date.today()).for_action_log()
        )
    context = {
        "person": person,
        "activities": activities,
        "overdue": overdue,
        "today": datetime.date.today(),
    }
    return render(request, "workplan/manage/my_work.html", context)


def agenda_items_for(activity: Activity):
    """The items an update can say it was reported at: the board's meetings that year."""
    year = activity.theme.programme.year
    return (
        AgendaItem.objects.filter(
            meeting__board=activity.theme.programme.board,
            meeting__date__range=(year.starts_on, year.ends_on),
        )
        .select_related("meeting")
        .order_by("-meeting__date", "order")
    )


@login_required
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request, pk)
    form = ProgressUpdateForm(
        request.POST or None,
        agenda_items=agenda_items_for(activity),
        initial={"status": activity.status, "rag": activity.rag},
    )
    if request.method == "POST" and form.is_valid():
        update = form.save(commit=False)
        update.author = getattr(request.user, "person", None)
        with transaction.atomic():
            activity.post_update(update)
            item = form.cleaned_data["reported_at"]
            if item:
                ActivityReport.objects.get_or_create(agenda_item=item, activity=activity)
        messages.success(request, "Your progress update has been posted.")
        return redirect(f"{activity.get_absolute_url()}#update-{update.pk}")
    context = {"activity": activity, "form": form, "board": activity.theme.programme.board}
    return render(request, "workplan/manage/post_update.html", context)


@login_required
def edit_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request, pk)
    programme = activity.theme.programme
    form = ActivityForm(request.POST or None, instance=activity, programme=programme)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.save_unless_changed(form.cleaned_data["version"] or 0)
        except EditConflict as error:
            conflict = changed_meanwhile(
                error.current, form.cleaned_data["version"] or 0, ActivityForm.Meta.fields
            )
            form = rebase(form, error.current, programme=programme)
        else:
            messages.success(request, "The activity has been saved.")
            return redirect(activity.get_absolute_url())
    context = {
        "activity": activity,
        "form": form,
        "conflict": conflict,
        "board": programme.board,
        "programme": programme,
    }
    return render(
        request,
        "workplan/manage/edit_activity.html",
        context,
        status=409 if conflict is not None else 200,
    )


def rebase(form, current, **kwargs):
    """The same form and input, now based on the latest saved version, so saving again is a
    deliberate choice to replace what the other person saved."""
    data = form.data.copy()
    data["version"] = current.version
    rebased = type(form)(data, instance=current, **kwargs)
    rebased.is_valid()
    return rebased


@login_required
def propose_activity(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_editor(request, pk)
    form = ActivityForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.status = ActivityStatus.PROPOSED
        activity.order = Activity.objects.filter(theme=activity.theme).count() + 1
        activity.save()
        messages.success(request, "The proposed activity has been added.")
        return redirect(activity.get_absolute_url())
    context = {"programme": programme, "board": programme.board, "form": form}
    return render(request, "workplan/manage/propose_activity.html", context)


@login_required
def add_theme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_editor(request, pk)
    form = ThemeForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        theme = form.save(commit=False)
        theme.programme = programme
        theme.order = programme.themes.count() + 1
        theme.save()
        messages.success(request, f"The theme “{theme.title}” has been added.")
        return redirect(programme.get_absolute_url())
    context = {"programme": programme, "board": programme.board, "form": form}
    return render(request, "workplan/manage/add_theme.html", context)


@login_required
@require_POST
def start_next_programme(request: HttpRequest, board_slug: str) -> HttpResponse:
    """Open next year's programme for proposals, with this year's themes to start from."""
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_edit_programme)
    latest = (
        WorkProgramme.objects.filter(board=board)
        .select_related("year")
        .order_by("-year__start_year")
        .first()
    )
    start_year = (latest.year.start_year + 1) if latest else datetime.date.today().year
    with transaction.atomic():
        year, _ = BoardYear.objects.get_or_create(
            start_year=start_year,
            defaults={
                "starts_on": datetime.date(start_year, 9, 1),
                "ends_on": datetime.date(start_year + 1, 8, 31),
            },
        )
        programme, created = WorkProgramme.objects.get_or_create(board=board, year=year)
        if created and latest:
            PriorityTheme.objects.bulk_create(
                PriorityTheme(
                    programme=programme, title=t.title, description=t.description, order=t.order
                )
                for t in latest.themes.all()
            )
    messages.success(request, f"The {year} work programme is open for proposals.")
    return redirect(programme.get_absolute_url())


@login_required
def carry_forward(request: HttpRequest, pk: int) -> HttpResponse:
    """At year end: carry unfinished activities into next year's programme."""
    programme = get_programme_for_editor(request, pk)
    target = (
        WorkProgramme.objects.filter(
            board=programme.board, year__start_year=programme.year.start_year + 1
        )
        .select_related("year", "board")
        .first()
    )
    candidates = list(
        Activity.objects.for_programme(programme)
        .filter(status__in=[*Activity.UNFINISHED_STATUSES, ActivityStatus.NOT_PROGRESSED])
        .filter(carried_forward_to__isnull=True)
        .select_related("theme")
    )
    form = CarryForwardForm(request.POST or None, activities=candidates)
    if request.method == "POST" and target and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["activities"]}
        author = getattr(request.user, "person", None)
        try:
            with transaction.atomic():
                for activity in candidates:
                    if activity.pk in chosen:
                        activity.carry_forward(into=target, author=author)
        except ValidationError as error:
            # E.g. next year's theme already has an activity of the same title: nothing is
            # carried forward, and the officer is told why.
            form.add_error("activities", error)
        else:
            messages.success(
                request,
                f"{len(chosen)} activit{'y' if len(chosen) == 1 else 'ies'} carried forward to {target.year}.",
            )
            return redirect(target.get_absolute_url())
    context = {
        "programme": programme,
        "board": programme.board,
        "target": target,
        "form": form,
        "candidates": candidates,
    }
    return render(request, "workplan/manage/carry_forward.html", context)
