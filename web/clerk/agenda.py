"""Where the clerk publishes a meeting's agenda, and later a supplementary agenda: choose
the day, check the items and their files, then publish (it cannot be undone)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, Prefetch, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst

from meetings.agenda import clear_days, is_short_notice, latest_day_for_notice
from meetings.clerk_forms import PublicationDateForm, PublishForm
from meetings.models import Meeting
from meetings.paper_files import PaperFile
from meetings.services import (
    check_publication_date,
    publish_agenda,
    publish_supplementary_agenda,
)
from papers import packs

from .meetings import get_meeting_for_clerk

# Which agenda a page publishes: its heading's words and its service.
AGENDAS = {
    "agenda": ("the agenda", publish_agenda),
    "supplementary": ("the supplementary agenda", publish_supplementary_agenda),
}


def items_to_publish(meeting: Meeting, which: str):
    """The agenda's items, or only those waiting for a supplementary agenda, each with its
    current files (current_files) and paper: two queries whatever their number."""
    items = meeting.items.with_restricted_flag().select_related("paper")
    if which == "supplementary":
        items = items.filter(is_supplementary=True, published_on=None)
    # The paper first, then its appendices, as the agenda pack has them.
    paper_first = Case(When(role=PaperFile.Role.PAPER, then=0), default=1)
    files = PaperFile.objects.current().order_by(paper_first, "order", "pk")
    return items.prefetch_related(Prefetch("files", queryset=files, to_attr="current_files"))


def nothing_to_publish(meeting: Meeting, which: str) -> bool:
    """The agenda is out already; or, for a supplementary agenda, there is no agenda yet
    or no item waits for one."""
    if which == "agenda":
        return meeting.agenda_published_on is not None
    return (
        meeting.agenda_published_on is None
        or not meeting.items.filter(is_supplementary=True, published_on=None).exists()
    )


def chosen_day(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The day carried from the date page (?on=2026-03-27); today when none, or not a date."""
    try:
        return datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return today


@login_required
def publication_date(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """The question: on which day is it published? Then back to the check page."""
    meeting = get_meeting_for_clerk(request, pk)
    today = datetime.date.today()
    form = PublicationDateForm(
        request.POST or None,
        meeting=meeting,
        today=today,
        initial={"on": chosen_day(request, today)},
    )
    if request.method == "POST" and form.is_valid():
        url = reverse(f"meetings:publish_{which}", kwargs={"pk": meeting.pk})
        return redirect(f"{url}?on={form.cleaned_data['on'].isoformat()}")
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "form": form,
        "which": which,
        "agenda_name": AGENDAS[which][0],
    }
    return render(request, "meetings/manage/publication_date.html", context)


@login_required
def check_and_publish(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """Check your answers: the day, the items with their files, and a warning when the day
    gives the public fewer clear days than the law asks; then publish."""
    meeting = get_meeting_for_clerk(request, pk)
    name, publish = AGENDAS[which]
    today = datetime.date.today()
    if request.method == "POST":
        form = PublishForm(request.POST)
        if not form.is_valid():
            return redirect(f"meetings:publish_{which}", pk=meeting.pk)
        try:
            sent = publish(meeting=meeting, on=form.cleaned_data["on"], today=today)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            items = f"{sent} item{'s' if sent != 1 else ''}"
            messages.success(request, f"{capfirst(name)} is published, with {items}.")
            if settings.AGENDA_PACKS_ON_PUBLISHING:
                packs.build_packs(meeting)
        return redirect("meetings:manage_meeting", pk=meeting.pk)
    if nothing_to_publish(meeting, which):
        messages.info(request, f"There is nothing to publish on {name}.")
        return redirect("meetings:manage_meeting", pk=meeting.pk)
    on = chosen_day(request, today)
    # A day the date page would refuse (in the future, after the meeting) is asked again.
    try:
        check_publication_date(meeting, on, today)
    except ValidationError:
        url = reverse(f"meetings:publication_date_{which}", kwargs={"pk": meeting.pk})
        return redirect(f"{url}?on={on.isoformat()}")
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "which": which,
        "agenda_name": name,
        "on": on,
        "form": PublishForm(initial={"on": on}),
        "items": items_to_publish(meeting, which),
        "clear_days": clear_days(on, meeting.date),
        "short_notice": is_short_notice(on, meeting.date),
        "latest_day": latest_day_for_notice(meeting.date),
        "required_days": settings.AGENDA_CLEAR_DAYS,
    }
    return render(request, "meetings/manage/publish_agenda.html", context)
