"""Where clerks record meetings: attendance, declarations, items, matters arising, notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards.access import can_record_meetings, require
from boards.forms import shown_unjudged, with_formset_row_added, with_formset_row_removed
from boards.history import change_log
from boards.models import Board, BoardYear, Person
from boards.ordering import minutes_order
from meetings.clerk_forms import (
    ActionFormSet,
    ActivityLinksForm,
    AgendaItemForm,
    AgreeNotesForm,
    AttendanceRegisterForm,
    CorrectionForm,
    DecisionFormSet,
    DeclarationForm,
    FollowUpForm,
    MeetingForm,
    PaperForm,
)
from meetings.corrections import change_published_record
from meetings.lookups import read_people
from meetings.models import (
    Action,
    ActivityReport,
    AgendaItem,
    Attendance,
    Meeting,
    NotesCorrection,
    PaperFile,
    action_line,
    record_text,
)
from meetings.pickers import activities_for_item, members_for, people_for_item, substitutes_for
from meetings.services import publish_notes, record_matters_arising
from meetings.suggestions import suggest_activities
from web.clerk.people import person_lookup
from web.editing import render_edit_page


def get_meeting_for_clerk(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    require(request, meeting.board, can_record_meetings)
    return meeting


def get_item_for_clerk(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board", "paper"), pk=pk)
    require(request, item.meeting.board, can_record_meetings)
    return item


def posted_pk(request: HttpRequest, name: str) -> int | None:
    """A row id from a button's value; None for anything that is not one (not a 500)."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None


@login_required
def create_meeting(request: HttpRequest, board_slug: str) -> HttpResponse:
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_record_meetings)
    form = MeetingForm(request.POST or None, board=board)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.board = board
        meeting.save()
        messages.success(request, "The meeting has been added. Record attendance when it has met.")
        return redirect("meetings:manage_meeting", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "board": board})


@login_required
def manage_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The clerk's overview of one meeting, with the next thing to do."""
    meeting = get_meeting_for_clerk(request, pk)
    reports = ActivityReport.objects.select_related("activity")
    items = list(
        meeting.items.with_restricted_flag()
        .annotate(has_paper_file=Exists(PaperFile.objects.readable_papers(OuterRef("pk"))))
        .select_related("paper")
        .prefetch_related(
            "decisions",
            "actions",
            Prefetch("activity_reports", queryset=reports),
            Prefetch("files", queryset=PaperFile.objects.current(), to_attr="current_files"),
        )
    )
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "items": items,
        "awaiting_publication": [item for item in items if item.awaits_publication],
        "recorded": meeting.recorded_counts(),
        "open_earlier_actions": earlier_open_actions(meeting).count(),
        "agree_form": AgreeNotesForm(at_meeting=meeting),
        "history": change_log(Meeting.history.filter(id=meeting.pk)),
    }
    return render(request, "meetings/manage/meeting.html", context)


@login_required
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_clerk(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting, board=meeting.board)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = form.save_or_conflict()
        if conflict is None:
            messages.success(request, "The meeting details have been saved.")
            return redirect("meetings:manage_meeting", pk=meeting.pk)
    context = {"form": form, "board": meeting.board, "meeting": meeting}
    return render_edit_page(request, "meetings/manage/meeting_form.html", context, conflict)


def next_step(request: HttpRequest, meeting: Meeting, step: str) -> str:
    """Where a saved page goes: the meeting's overview, or with "Save and continue" the next
    page of recording it, so that a meeting is written up in one run of pages."""
    if "continue" in request.POST:
        return reverse(step, kwargs={"pk": meeting.pk})
    return reverse("meetings:manage_meeting", kwargs={"pk": meeting.pk})


@login_required
def record_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The register: members, substitutes, officers and guests, in one form and one save."""
    # Queries: session, user with their roles, meeting, year, members, the board's
    # councillors, the people on the register, register rows; once posted, those named in
    # the boxes of other substitutes, and of officers and guests.
    meeting = get_meeting_for_clerk(request, pk)
    year = BoardYear.objects.containing(meeting.date).first()
    # Any councillor, officer or guest may be named, so they are looked up as the clerk
    # types, not listed: thousands in a service of many boards.
    on_register = read_people(Person.objects.filter(attendance__meeting=meeting))
    data = request.POST or None
    pickers = {
        "meeting": meeting,
        "members": members_for(meeting, year),
        "councillors": substitutes_for(meeting, year),
        "any_councillor": person_lookup(
            meeting.board, "councillors", data=data, names=r"subs-\d+-person", known=on_register
        ),
        "officers_and_guests": person_lookup(
            meeting.board,
            "officers-and-guests",
            data=data,
            names=r"others-\d+-person",
            known=on_register,
            not_found="Check the spelling, or enter them as a new guest",
        ),
    }
    form = AttendanceRegisterForm(request.POST or None, **pickers)
    correction = correction_form(request, meeting)
    if request.method == "POST":
        # Adding or removing a row of substitutes, officers or guests saves nothing and keeps
        # the input.
        rows = {"other": "others", "sub": "subs"}  # button name: rows' prefix
        adding = next((p for b, p in rows.items() if f"add_{b}" in request.POST), None)
        removing = next((b for b in rows if f"remove_{b}" in request.POST), None)
        if adding or removing:
            data = (
                with_formset_row_added(request.POST, adding)
                if adding
                else with_formset_row_removed(
                    request.POST, rows[removing], posted_pk(request, f"remove_{removing}")
                )
            )
            form = AttendanceRegisterForm(data, **pickers)
            shown_unjudged(form, form.others, form.other_substitutes)
        elif form.is_valid() and save_on_record(
            request, meeting, NotesCorrection.Part.ATTENDANCE, form.save, correction
        ):
            messages.success(request, "Attendance saved.")
            return redirect(next_step(request, meeting, "meetings:matters_arising"))
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "form": form,
        "year": year,
        "correction": correction,
        "error_forms": [f for f in [*form.error_forms, correction] if f is not None and f.errors],
    }
    return render(request, "meetings/manage/attendance.html", context)


def correction_form(request: HttpRequest, meeting: Meeting) -> CorrectionForm | None:
    """Published notes are a record: a change to them asks why (and, once agreed, which
    later meeting agreed it)."""
    if not meeting.notes_are_public:
        return None
    return CorrectionForm(request.POST or None, meeting=meeting, prefix="correction")


def save_on_record(
    request: HttpRequest, meeting: Meeting, part: str, change, correction: CorrectionForm | None
) -> bool:
    """Make change(), kept as a correction of published notes (change_published_record).
    False, with the reason of the correction form in error and nothing changed, when a change
    to published notes lacks what it needs."""
    if correction is not None and not correction.is_valid():
        return False
    answers = correction.cleaned_data if correction is not None else {}
    try:
        change_published_record(
            meeting=meeting,
            part=part,
            change=change,
            reason=answers.get("reason", ""),
            agreed_at=answers.get("agreed_at"),
            by=request.user,
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            correction.add_error(field if field in correction.fields else None, errors)
        return False
    return True


@login_required
def record_declarations(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_clerk(request, pk)
    form = DeclarationForm(request.POST or None, meeting=meeting)
    correction = correction_form(request, meeting)
    part = NotesCorrection.Part.DECLARATIONS
    if request.method == "POST":
        if "remove" in request.POST:
            removed = meeting.declarations.filter(pk=posted_pk(request, "remove"))
            if save_on_record(request, meeting, part, removed.delete, correction):
                messages.success(request, "Declaration removed.")
                return redirect("meetings:record_declarations", pk=meeting.pk)
            # The reason is missing: the declaration stays, and the form is not judged.
            form = DeclarationForm(meeting=meeting)
        elif form.is_valid() and save_on_record(request, meeting, part, form.save, correction):
            messages.success(request, "Declaration recorded.")
            return redirect("meetings:record_declarations", pk=meeting.pk)
    declarations = meeting.declarations.select_related("person", "agenda_item")
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "form": form,
        "declarations": declarations,
        "correction": correction,
        "error_forms": [f for f in (form, correction) if f is not None and f.errors],
    }
    return render(request, "meetings/manage/declarations.html", context)


@login_required
def add_item(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_clerk(request, pk)
    return item_form_page(request, meeting, AgendaItem(meeting=meeting))


@login_required
def edit_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_clerk(request, pk)
    return item_form_page(request, item.meeting, item)


FORMSET_ROWS = ("decisions", "actions")


def item_form_page(request: HttpRequest, meeting: Meeting, item: AgendaItem) -> HttpResponse:
    """The item, its paper, decisions, actions and activity links in one form, saved
    together or not at all: how a clerk writes an item up."""
    data = request.POST if request.method == "POST" else None
    # "Add another" and "Remove" without JavaScript: the same input, one row more or less,
    # shown again with nothing saved.
    adding = next((p for p in FORMSET_ROWS if f"add_{p}" in request.POST), None)
    removing = next((p for p in FORMSET_ROWS if f"remove_{p}" in request.POST), None)
    if adding:
        data = with_formset_row_added(data, adding)
    elif removing:
        data = with_formset_row_removed(data, removing, posted_pk(request, f"remove_{removing}"))
    paper = getattr(item, "paper", None) if item.pk else None
    people = people_for_item(meeting=meeting, item=item)
    form = AgendaItemForm(data, instance=item, meeting=meeting, people=people)
    paper_form = PaperForm(data, instance=paper, prefix="paper", people=people)
    decisions = DecisionFormSet(data, instance=item, prefix="decisions")
    actions = ActionFormSet(
        data, instance=item, prefix="actions", form_kwargs={"meeting": meeting, "people": people}
    )
    groups, linked_ids = activity_link_groups(item)
    links = ActivityLinksForm(
        data, groups=groups, initial={"activities": sorted(linked_ids)}, prefix="links"
    )
    # Published notes are a record: changing an item of them asks why, and the change is
    # kept and shown to readers (NotesCorrection).
    correction = (
        CorrectionForm(data, meeting=meeting, prefix="correction")
        if item.pk and meeting.notes_are_public
        else None
    )
    conflict = None
    parts = [form, paper_form, decisions, actions, links]
    # "Add another presenter" or "activity" without JavaScript: one more blank picker.
    picking = [f[n] for f, n in ((form, "presenters"), (links, "activities"))]
    more = [bound for bound in picking if f"add_{bound.html_name}" in request.POST]
    for bound in more:
        bound.field.widget.extra = 2
    # The notes as saved, from what the forms read, before checking them writes the answers
    # onto the records they read.
    before = (
        saved_text(item, people, decisions, actions)
        if correction is not None and data is not None
        else None
    )
    if adding or removing or more:
        shown_unjudged(*parts)
    elif data is not None and all(p.is_valid() for p in parts):
        texts = None
        if correction is not None:
            texts = (before, text_from_forms(form, decisions, actions))
        if correction is None or correction.check_for(changed=texts[0] != texts[1]):
            conflict = form.save_or_conflict(
                lambda version: save_item(
                    version,
                    form,
                    paper_form,
                    decisions,
                    actions,
                    links,
                    correction=correction,
                    texts=texts,
                    by=request.user,
                )
            )
            if conflict is None:
                messages.success(request, f"Item {form.instance.number} saved.")
                return redirect(next_step(request, meeting, "meetings:add_item"))
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "item": item,
        "form": form,
        "paper_form": paper_form,
        "decisions": decisions,
        "actions": actions,
        "links": links,
        "correction": correction,
        "error_forms": [
            f
            for f in [form, paper_form, *decisions.forms, *actions.forms, links, correction]
            if f is not None and f.errors
        ],
    }
    return render_edit_page(request, "meetings/manage/item_form.html", context, conflict)


def saved_text(item: AgendaItem, people: list[Person], decisions, actions) -> str:
    """The item's notes as saved (AgendaItem.record_text), from the records the forms read:
    its presenters and action owners are among the people its pickers read, and the formsets
    hold its decisions and actions. So no query of its own."""
    named = {person.pk: person for person in people}
    presenters = sorted((p for p in people if p.presents_item), key=lambda p: p.name)
    return record_text(
        number=item.number,
        title=item.title,
        presenters=[str(p) for p in presenters],
        introduction=item.introduction,
        discussion_points=item.discussion_points,
        decisions=[decision.text for decision in decisions.get_queryset()],
        actions=[
            action_line(
                action.text,
                str(named[action.owner_id]) if action.owner_id in named else action.owner_label,
                action.due_date,
            )
            for action in actions.get_queryset()
        ],
    )


def kept_rows(formset) -> list:
    """The cleaned rows a valid formset will save: not removed, and not left blank."""
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data
        and not f.cleaned_data.get("DELETE")
        and (f.instance.pk or f.has_changed())
    ]


def text_from_forms(form, decisions, actions) -> str:
    """The item's notes as the valid form would save them, in record_text's words."""
    data = form.cleaned_data
    return record_text(
        number=data["number"],
        title=data["title"],
        presenters=[str(p) for p in data["presenters"]],
        introduction=data["introduction"],
        discussion_points=data["discussion_points"],
        decisions=[row["text"] for row in kept_rows(decisions)],
        actions=[
            action_line(
                row["text"],
                str(row["owner"]) if row["owner"] else row["owner_team"],
                row["due_date"],
            )
            for row in kept_rows(actions)
        ],
    )


def save_item(
    version, form, paper_form, decisions, actions, links, *, correction=None, texts=None, by=None
) -> None:
    """Called by save_or_conflict, which saves all of it or nothing: the item with its
    notes, then its links, and the correction when published notes changed."""
    paper = None if paper_form.is_empty else paper_form.save(commit=False)
    form.instance.save_with_notes(
        version=version,
        paper=paper,
        paper_changed=paper is None or paper.pk is None or paper_form.has_changed(),
        other_items=form.other_items,
        decisions=(decisions.save(commit=False), decisions.deleted_objects),
        actions=(actions.save(commit=False), actions.deleted_objects),
        presenters=list(form.cleaned_data["presenters"]),
        # As the form read them for its initial values.
        presenters_before=set(form.initial["presenters"]),
    )
    form.instance.set_activity_links(
        set(links.cleaned_data["activities"]),
        linked=set(links.initial["activities"]),
        item_saved=True,
    )
    if correction is not None and texts[0] != texts[1]:
        record = NotesCorrection(
            meeting=form.instance.meeting,
            agenda_item=form.instance,
            reason=correction.cleaned_data["reason"].strip(),
            before=texts[0],
            after=texts[1],
            agreed_at=correction.cleaned_data.get("agreed_at"),
            made_by=by if by and by.is_authenticated else None,
        )
        record.full_clean()
        record.save()


def activity_link_groups(item: AgendaItem) -> tuple[list, set[int]]:
    """The activities an item may be linked to, grouped for the checkboxes: suggestions
    first, then each theme of the meeting's programme, then links already made to other
    years' activities; and the ids linked now."""
    rows = activities_for_item(item)
    activities = [a for a in rows if a.in_programme]
    linked = [a for a in rows if a.is_linked]
    suggested = [a for a, _ in suggest_activities(item, activities)]
    suggested_ids = {a.pk for a in suggested}
    groups: list[tuple[str, list[tuple[int, str]]]] = [
        ("Suggested: they share the most words with the item", [(a.pk, a.title) for a in suggested])
    ]
    for activity in activities:
        if activity.pk in suggested_ids:
            continue
        if groups[-1][0] != activity.theme_title:
            groups.append((activity.theme_title, []))
        groups[-1][1].append((activity.pk, activity.title))
    groups.append(
        (
            "Other years",
            [
                (a.pk, f"{a.title} ({BoardYear.label_for(a.start_year)})")
                for a in linked
                if not a.in_programme
            ],
        )
    )
    return groups, {a.pk for a in linked}


@login_required
def link_activities(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's activity links alone (they are also on the item's form)."""
    item = get_item_for_clerk(request, pk)
    groups, linked_ids = activity_link_groups(item)
    form = ActivityLinksForm(
        request.POST or None, groups=groups, initial={"activities": sorted(linked_ids)}
    )
    if request.method == "POST" and form.is_valid():
        item.set_activity_links(set(form.cleaned_data["activities"]))
        messages.success(request, f"Links from item {item.number} saved.")
        return redirect("meetings:manage_meeting", pk=item.meeting.pk)
    context = {"item": item, "meeting": item.meeting, "board": item.meeting.board, "form": form}
    return render(request, "meetings/manage/link_activities.html", context)


def earlier_open_actions(meeting: Meeting):
    """Earlier meetings' open actions not yet followed up at this meeting: one carried forward
    here is still open, and is listed with this meeting's follow-ups instead."""
    return (
        Action.objects.for_board(meeting.board)
        .open()
        .filter(agenda_item__meeting__date__lt=meeting.date)
        .exclude(follow_ups__meeting=meeting)
        .listed()
        .select_related("proposed_by")
    )


@login_required
def matters_arising(request: HttpRequest, pk: int) -> HttpResponse:
    """The open actions of earlier meetings: done (with a note), dropped or carried forward."""
    meeting = get_meeting_for_clerk(request, pk)
    actions = list(earlier_open_actions(meeting))
    data = request.POST if request.method == "POST" else None
    # What an owner proposed (done, or drop) is filled in for the clerk to confirm.
    rows = [
        (
            action,
            FollowUpForm(
                data,
                prefix=f"action-{action.pk}",
                initial={"outcome": action.proposed_outcome, "note": action.proposed_note},
            ),
        )
        for action in actions
    ]
    if data is not None and all(form.is_valid() for _, form in rows):
        recorded = record_matters_arising(
            meeting=meeting,
            outcomes=[
                (action, form.cleaned_data["outcome"], form.cleaned_data["note"])
                for action, form in rows
                if form.cleaned_data["outcome"]
            ],
            by=request.user,
        )
        messages.success(
            request, f"{recorded} matter{'s' if recorded != 1 else ''} arising recorded."
        )
        # Items come next, unless some are written up already: then the meeting's overview,
        # which lists them.
        step = "meetings:manage_meeting" if meeting.items.exists() else "meetings:add_item"
        return redirect(next_step(request, meeting, step))
    follow_ups = meeting.follow_ups.select_related("action__agenda_item__meeting__board")
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "rows": rows,
        "follow_ups": follow_ups,
        "error_forms": [f for _, f in rows if f.errors],
    }
    return render(request, "meetings/manage/matters_arising.html", context)


@login_required
def check_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers: the whole notes on one page, then publish them from here."""
    meeting = get_meeting_for_clerk(request, pk)
    if request.method == "POST":
        try:
            publish_notes(meeting=meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The notes are now published.")
        return redirect("meetings:manage_meeting", pk=meeting.pk)
    # Queries: session, user with their roles, meeting,
    # attendance, declarations, items with papers, presenters, decisions, actions, their
    # owners, links, their activities, matters arising.
    items = (
        meeting.items.with_restricted_flag()
        .select_related("paper")
        .prefetch_related("presenters", "decisions", "actions__owner", "activity_reports__activity")
    )
    attendance = minutes_order(
        meeting.attendance.with_chair_flag().select_related("person", "substitute_for"),
        person=lambda row: row.person,
    )
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "register": {
            status.label: [a for a in attendance if a.status == status]
            for status in Attendance.Status
        },
        "declarations": meeting.declarations.select_related("person", "agenda_item"),
        "items": items,
        "follow_ups": meeting.follow_ups.select_related("action__agenda_item__meeting"),
    }
    return render(request, "meetings/manage/check_notes.html", context)


@login_required
@require_POST
def change_notes_status(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    meeting = get_meeting_for_clerk(request, pk)
    # Publishing is done from the check page (check_notes), after reading the whole notes.
    steps = {"start": meeting.start_notes}
    if step not in steps:
        return redirect("meetings:manage_meeting", pk=meeting.pk)
    try:
        steps[step]()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "The notes are now a draft: only people who work with this board can see them."
        )
    return redirect("meetings:manage_meeting", pk=meeting.pk)


@login_required
@require_POST
def agree_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """At this meeting, the board agreed the notes of an earlier one, perhaps with an amendment."""
    meeting = get_meeting_for_clerk(request, pk)
    form = AgreeNotesForm(request.POST, at_meeting=meeting)
    if form.is_valid():
        earlier = form.cleaned_data["meeting"]
        earlier.record_notes_agreed(at_meeting=meeting, amendment=form.cleaned_data["amendment"])
        messages.success(request, f"The notes of {earlier.date:%-d %B %Y} are recorded as agreed.")
    else:
        messages.error(request, "Choose the meeting whose notes were agreed.")
    return redirect("meetings:manage_meeting", pk=meeting.pk)
