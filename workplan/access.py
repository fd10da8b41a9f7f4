"""The records a policy officer may change, found for a view or refused (see boards.access)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from boards.access import can_edit_programme, require

from .models import Activity, WorkProgramme


def get_programme_for_editor(request: HttpRequest, pk: int) -> WorkProgramme:
    programme = get_object_or_404(WorkProgramme.objects.select_related("board", "year"), pk=pk)
    require(request, programme.board, can_edit_programme)
    return programme


def get_activity_for_editor(
    request: HttpRequest, pk: int, *, with_progress_stamp: bool = False
) -> Activity:
    activities = Activity.objects.select_related(
        "theme__programme__board", "theme__programme__year"
    )
    if with_progress_stamp:  # for a stored copy of its update form (Activity.progress_stamp)
        activities = activities.with_progress_stamp()
    activity = get_object_or_404(activities, pk=pk)
    require(request, activity.theme.programme.board, can_edit_programme)
    return activity
