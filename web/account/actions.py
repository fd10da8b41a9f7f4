"""Everyone's own actions, their calendar of due dates, and the reminders they get."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from meetings.models import Action
from meetings.querysets import CONFIDENTIAL
from reminders.forms import PreferencesForm, ProposeClosingForm
from reminders.models import Kind, PersonalFeed, ReminderOptOut
from reminders.services import read_unsubscribe_token

DONE_SHOWN = 20


def get_action_for_owner(request: HttpRequest, pk: int) -> Action:
    """One of the signed-in user's own open actions; anyone else's is not found."""
    actions = Action.objects.owned_by(request.user).open()
    return get_object_or_404(actions.select_related("agenda_item__meeting__board"), pk=pk)


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    """The user's actions: overdue, due, awaiting the clerk, and recently closed."""
    # Queries: session, user; open actions; closed actions;
    # calendar address.
    today = datetime.date.today()
    mine = Action.objects.owned_by(request.user).with_item_restricted().for_action_log()
    open_actions = list(mine.open().order_by(F("due_date").asc(nulls_last=True), "pk"))
    context = {
        "overdue": [a for a in open_actions if a.is_overdue(today) and not a.proposed_outcome],
        "due": [a for a in open_actions if not a.is_overdue(today) and not a.proposed_outcome],
        "proposed": [a for a in open_actions if a.proposed_outcome],
        "closed": mine.exclude(status=Action.Status.OPEN)
        .select_related("closed_at_meeting__board")
        .order_by("-closed_at_meeting__date", "-pk")[:DONE_SHOWN],
        "feed": PersonalFeed.objects.filter(user=request.user).first(),
        "today": today,
    }
    return render(request, "reminders/my_actions.html", context)


@login_required
def propose_closing(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_owner(request, pk)
    form = ProposeClosingForm(
        request.POST or None,
        initial={"outcome": action.proposed_outcome, "note": action.proposed_note},
    )
    if request.method == "POST" and form.is_valid():
        action.propose_closing(
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            by=request.user,
            today=datetime.date.today(),
        )
        messages.success(request, "Saved. The clerk will confirm it at the next meeting.")
        return redirect("reminders:my_actions")
    return render(request, "reminders/propose_closing.html", {"action": action, "form": form})


@login_required
@require_POST
def reset_calendar(request: HttpRequest) -> HttpResponse:
    """Give the user's calendar a new secret address (or its first one)."""
    feed, created = PersonalFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.reset()
        messages.success(request, "Your calendar has a new address. The old one no longer works.")
    else:
        messages.success(request, "Your calendar address is ready.")
    return redirect("reminders:my_actions")


def action_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The open actions of the feed's owner that have a due date, as all-day events."""
    feed = PersonalFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar")
    actions = (
        Action.objects.owned_by(feed.user)
        .open()
        .filter(due_date__isnull=False)
        .with_item_restricted()
        .select_related("agenda_item__meeting__board")
        .order_by("due_date", "pk")
    )
    cal = Calendar()
    cal.add("prodid", "-//Board work programmes//My actions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "My actions")
    for action in actions:
        event = Event()
        event.add("uid", f"action-{action.pk}@board-work-programmes")
        item = action.agenda_item
        url = request.build_absolute_uri(item.get_absolute_url())
        if action.item_is_restricted:
            # Calendars are often synced to services outside the council: a confidential
            # action is named by its meeting and item only, and read on the site.
            text = f"{CONFIDENTIAL} (item {item.number})"
            url = request.build_absolute_uri(reverse("reminders:my_actions"))
        else:
            text = action.text
        event.add("summary", f"Action due: {text[:120]}")
        event.add("dtstart", action.due_date)
        event.add("dtend", action.due_date + datetime.timedelta(days=1))
        event.add("dtstamp", action.modified)
        event.add("sequence", action.version)
        event.add("url", url)
        event.add("description", f"{text}\n\n{item.meeting}\n{url}")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-actions.ics"'
    # The address is a secret: keep it out of shared caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    off = set(ReminderOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = PreferencesForm(
        request.POST or None, initial={"kinds": [k for k in Kind.values if k not in off]}
    )
    if request.method == "POST" and form.is_valid():
        ReminderOptOut.objects.keep_only(user=request.user, wanted=set(form.cleaned_data["kinds"]))
        messages.success(request, "Your reminder choices have been saved.")
        return redirect("reminders:preferences")
    return render(
        request, "reminders/preferences.html", {"form": form, "has_email": bool(request.user.email)}
    )


# Mail programs make the one-click POST (RFC 8058) with no session or CSRF token: the signed
# link itself is the proof.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """A link from a reminder: a page with one button (a link checker following the link
    changes nothing), and the POST that turns the kind off."""
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404("This link is not valid") from None
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise Http404("This link is not valid")
    done = request.method == "POST"
    if done:
        ReminderOptOut.objects.turn_off(user_id=user_id, kind=kind)
    context = {"kind_label": Kind(kind).label, "done": done}
    return render(request, "reminders/unsubscribe.html", context)
