"""Progress updates, one activity at a time or the round before a meeting, which may say
where they were reported."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from boards.access import reader_for
from meetings.models import AgendaItem
from meetings.services import post_progress_update, post_round
from web import caching
from web.account.start_lists import officer_rows
from workplan.access import get_activity_for_editor
from workplan.forms import ProgressUpdateForm, RoundDateForm, RoundUpdateForm


@login_required
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    activity = get_activity_for_editor(request, pk, with_progress_stamp=not posted)
    form = ProgressUpdateForm(
        request.POST or None,
        activity=activity,
        agenda_items=AgendaItem.objects.in_year_of(activity),
        initial={"status": activity.status, "rag": activity.rag},
    )
    if posted and form.is_valid():
        update = form.save(commit=False)
        update.author = getattr(request.user, "person", None)
        post_progress_update(
            activity=activity, update=update, reported_at=form.cleaned_data["reported_at"]
        )
        messages.success(request, "Your progress update has been posted.")
        # No #update anchor: the page opens at its top, where the success banner is.
        return redirect(activity.get_absolute_url())
    board = activity.theme.programme.board
    context = {"activity": activity, "form": form, "board": board}
    if not posted:
        # The empty form's fields are the same for every officer of the board until the
        # activity or the board's records change: stored, as on the activity's page.
        reader = reader_for(request.user)
        context["fragment"] = caching.fragment(request, board, reader, shows_progress=False)
    return render(request, "pages/manage/post_update.html", context)


@login_required
def update_several(request: HttpRequest) -> HttpResponse:
    """An officer's round of updates before a board meeting: every unfinished activity they
    lead on one page, each posted when its text is filled in, all of them or none."""
    person = getattr(request.user, "person", None)
    rows = officer_rows(person, datetime.date.today()) if person else []
    data = request.POST or None
    date_form = RoundDateForm(data, initial={"date": datetime.date.today()})
    forms = [RoundUpdateForm(data, activity=row.activity) for row in rows]
    if data is not None and all([date_form.is_valid(), *[f.is_valid() for f in forms]]):
        date = date_form.cleaned_data["date"]
        for form in forms:
            latest = form.activity.last_update_on
            if form.cleaned_data["text"].strip() and latest and date < latest:
                form.add_error(
                    "text",
                    f"This activity has an update dated {latest:%-d %B %Y}: add an earlier "
                    "update on its own page, where it is confirmed",
                )
        if not any(f.errors for f in forms):
            updates = [(f.activity, f.update(date=date, author=person)) for f in forms]
            updates = [(activity, update) for activity, update in updates if update is not None]
            post_round(updates=updates)
            posted = len(updates)
            messages.success(request, f"{posted} update{'s' if posted != 1 else ''} posted.")
            return redirect("pages:my_work")
    context = {
        "date_form": date_form,
        "rows": list(zip(rows, forms, strict=True)),
        "error_forms": [f for f in [date_form, *forms] if f.errors],
    }
    return render(request, "pages/manage/update_several.html", context)
