"""Where policy officers change their programme: activities, themes, next year's programme
and carrying unfinished work forward. (Updates are posted through officer/updates.py, as
they may name the meeting item where they were reported.)"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.access import can_edit_programme, require
from boards.models import Board
from web.editing import render_edit_page
from workplan.access import get_activity_for_editor, get_programme_for_editor
from workplan.forms import ActivityForm, CarryForwardForm, ThemeForm
from workplan.models import Activity, ActivityStatus, WorkProgramme
from workplan.services import carry_forward_activities


@login_required
def edit_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request, pk)
    programme = activity.theme.programme
    form = ActivityForm(request.POST or None, instance=activity, programme=programme)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = form.save_or_conflict()
        if conflict is None:
            messages.success(request, "The activity has been saved.")
            return redirect(activity.get_absolute_url())
    context = {"activity": activity, "form": form, "board": programme.board, "programme": programme}
    return render_edit_page(request, "workplan/manage/edit_activity.html", context, conflict)


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
    programme, _ = WorkProgramme.objects.open_next(board, datetime.date.today())
    messages.success(request, f"The {programme.year} work programme is open for proposals.")
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
        try:
            carry_forward_activities(
                activities=[a for a in candidates if a.pk in chosen],
                into=target,
                author=getattr(request.user, "person", None),
            )
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
