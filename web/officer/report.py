"""Where policy officers write the end-of-year report: the draft, its front matter and
paragraphs, and sending a version to the board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.access import (
    can_edit_programme,
    reader_for,
    require,
)
from reports.builder import all_paragraphs, build_report, generated_text, report_activities
from reports.forms import FrontMatterForm, ParagraphForm
from reports.models import ActivityParagraph, EndOfYearReport
from reports.services import (
    NotReady,
    open_comments_by_paragraph,
    save_paragraph,
    send_to_board,
)
from web import caching
from web.editing import render_edit_page
from web.public.reports import versions_of
from workplan.access import get_programme_for_editor
from workplan.models import Activity, WorkProgramme


@login_required
def draft(request: HttpRequest, board_slug: str, start_year: int) -> HttpResponse:
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    require(request, programme.board, can_edit_programme)
    report = EndOfYearReport.for_programme(programme)
    reader = reader_for(request.user)
    context = {
        "programme": programme,
        "board": programme.board,
        "report": report,
        # Built only when the stored copy (caching.fragment) is missing or out of date.
        "content": lambda: build_report(report, reader),
        "fragment": caching.fragment(request, programme.board, reader),
        "versions": list(versions_of(programme)),
        # Board members' comments still open, by paragraph (not stored: they move on their own).
        "open_comments": open_comments_by_paragraph(report),
        "editing": True,
    }
    return render(request, "reports/draft.html", context)


def draft_url(programme: WorkProgramme) -> str:
    return reverse("reports:draft", args=[programme.board.slug, programme.year.slug])


@login_required
def edit_front_matter(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_editor(request, pk)
    report = EndOfYearReport.for_programme(programme)
    form = FrontMatterForm(request.POST or None, instance=report)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = form.save_or_conflict()
        if conflict is None:
            messages.success(request, "The report's front matter and sections have been saved.")
            return redirect(draft_url(programme))
    context = {"programme": programme, "board": programme.board, "form": form}
    return render_edit_page(request, "reports/edit_front_matter.html", context, conflict)


def activity_for_report(
    programme: WorkProgramme, activity_pk: int, request: HttpRequest
) -> Activity:
    activities = report_activities(programme, reader_for(request.user)).filter(pk=activity_pk)
    activity = activities.first()
    if activity is None:
        raise Http404("No such activity in this programme")
    return activity


@login_required
def edit_paragraph(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Rewrite an activity's paragraph for the report without touching its progress updates."""
    programme = get_programme_for_editor(request, pk)
    activity = activity_for_report(programme, activity_pk, request)
    report = EndOfYearReport.for_programme(programme)
    current = report.paragraphs.filter(activity=activity).first() if report.pk else None
    generated = generated_text(activity)
    form = ParagraphForm(
        request.POST or None, initial={"text": current.text if current else generated}
    )
    if request.method == "POST" and form.is_valid():
        save_paragraph(
            report=report,
            activity=activity,
            text=form.cleaned_data["text"],
            generated_from=generated,
        )
        messages.success(request, "The paragraph has been saved for the report.")
        return redirect(draft_url(programme))
    context = {
        "programme": programme,
        "board": programme.board,
        "activity": activity,
        "form": form,
        "generated": generated,
        "edited": current,
    }
    return render(request, "reports/edit_paragraph.html", context)


@login_required
def regenerate_paragraph(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Go back to the generated text, only after the officer has seen what they would lose."""
    programme = get_programme_for_editor(request, pk)
    activity = activity_for_report(programme, activity_pk, request)
    report = EndOfYearReport.for_programme(programme)
    edited = (
        get_object_or_404(ActivityParagraph, report__pk=report.pk, activity=activity)
        if report.pk
        else None
    )
    if edited is None:
        raise Http404("This paragraph has not been edited")
    if request.method == "POST":
        edited.delete()
        messages.success(request, "The paragraph is written from the records again.")
        return redirect(draft_url(programme))
    context = {
        "programme": programme,
        "board": programme.board,
        "activity": activity,
        "edited": edited,
        "generated": generated_text(activity),
    }
    return render(request, "reports/regenerate_paragraph.html", context)


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the report as it stands, then freeze it and send it to the board: sending
    cannot be undone, so the officer sees what will go first (GOV.UK check answers)."""
    programme = get_programme_for_editor(request, pk)
    report = EndOfYearReport.for_programme(programme)
    if report.agenda_item is None:
        messages.error(
            request,
            "Choose the meeting and agenda item where the report will be presented before "
            "sending it to the board.",
        )
        return redirect("reports:edit_front_matter", pk=programme.pk)
    keep_open = request.POST.get("keep_comments_open") == "yes"
    if request.method == "POST":
        try:
            version = send_to_board(report=report, user=request.user, keep_comments_open=keep_open)
        except NotReady:
            version = None  # what is unfinished is listed below
        if version is not None:
            return sent(request, programme, version)
    content = build_report(report, reader_for(request.user))
    paragraphs = list(all_paragraphs(content))
    comments = open_comments_by_paragraph(report)
    context = {
        "programme": programme,
        "board": programme.board,
        "content": content,
        "paragraph_count": len(paragraphs),
        "confidential_count": sum(1 for p in paragraphs if p.get("confidential")),
        "next_version": versions_of(programme).count() + 1,
        "open_comments": comments,
        "refused": request.method == "POST",
        "keep_open": keep_open,
    }
    return render(
        request, "reports/check_send.html", context, status=400 if context["refused"] else 200
    )


def sent(request: HttpRequest, programme: WorkProgramme, version) -> HttpResponse:
    messages.success(
        request,
        f"Version {version.number} of the report has been sent to the board for "
        f"{version.content['meeting']['label']}.",
    )
    return redirect(
        "reports:report", board_slug=programme.board.slug, start_year=programme.year.start_year
    )
