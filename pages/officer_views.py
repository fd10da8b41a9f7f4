"""An officer's own work, and progress updates that may say where they were reported."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from meetings.models import Action, AgendaItem
from meetings.services import post_progress_update
from workplan.access import get_activity_for_editor
from workplan.forms import ProgressUpdateForm
from workplan.models import Activity


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
    return render(request, "pages/manage/my_work.html", context)


@login_required
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request, pk)
    form = ProgressUpdateForm(
        request.POST or None,
        activity=activity,
        agenda_items=AgendaItem.objects.in_year_of(activity),
        initial={"status": activity.status, "rag": activity.rag},
    )
    if request.method == "POST" and form.is_valid():
        update = form.save(commit=False)
        update.author = getattr(request.user, "person", None)
        post_progress_update(
            activity=activity, update=update, reported_at=form.cleaned_data["reported_at"]
        )
        messages.success(request, "Your progress update has been posted.")
        # No #update anchor: the page opens at its top, where the success banner is.
        return redirect(activity.get_absolute_url())
    context = {"activity": activity, "form": form, "board": activity.theme.programme.board}
    return render(request, "pages/manage/post_update.html", context)
