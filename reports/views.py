from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards import page_cache
from boards.access import (
    can_edit_programme,
    can_read_review,
    is_staff_for,
    reader_for,
    require,
)
from boards.editing import render_edit_page
from boards.page_cache import cached_for_public
from workplan.access import get_programme_for_editor
from workplan.models import Activity, WorkProgramme

from . import exports
from .builder import all_paragraphs, build_report, generated_text, report_activities
from .forms import FrontMatterForm, ParagraphForm
from .models import ActivityParagraph, EndOfYearReport, ReportVersion
from .review import with_review
from .services import send_to_board


def versions_of(programme: WorkProgramme):
    return ReportVersion.objects.filter(report__programme=programme).order_by("-number")


def version_content(request: HttpRequest, version: ReportVersion) -> dict:
    """Confidential items only in the copy for people allowed to see them."""
    board_id = version.report.programme.board_id
    allowed = reader_for(request.user).can_see_restricted(board_id)
    return version.content if allowed else version.public_content


@cached_for_public
def report_page(
    request: HttpRequest, board_slug: str, start_year: int, number: int | None = None
) -> HttpResponse:
    # Queries: programme; versions (the chosen version is one of them); for the board's
    # members and staff, the version's comments.
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    versions = list(versions_of(programme).select_related("report__programme", "published_by"))
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404("No such version")
    content = version_content(request, version) if version else None
    if version and can_read_review(request.user, programme.board):
        # Members and staff see each paragraph's comments: one more query.
        content = with_review(content, programme, version, list(version.comments.all()))
    context = {
        "programme": programme,
        "board": programme.board,
        "version": version,
        "versions": versions,
        "content": content,
        "can_edit": can_edit_programme(request.user, programme.board),
    }
    if version and is_staff_for(request.user, programme.board):
        context["changes"] = list(version.changes_since_sent())
    return render(request, "reports/report.html", context)


def download(
    request: HttpRequest, board_slug: str, start_year: int, number: int | None, kind: str
) -> HttpResponse:
    """The report as .docx, .pdf or a printable page: a frozen version, or the draft for officers."""
    if kind not in ("docx", "pdf", "print"):
        raise Http404("No such format")
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    if number is None:
        require_editor(request, programme)
        report = EndOfYearReport.for_programme(programme)
        content, version = build_report(report, reader_for(request.user)), None
    else:
        version = get_object_or_404(
            versions_of(programme).select_related("report__programme"), number=number
        )
        content = version_content(request, version)
    context = {"content": content, "version": version, "draft": version is None}
    name = f"{programme.board.slug}-end-of-year-report-{programme.year.slug}" + (
        f"-v{number}" if number else "-draft"
    )
    if kind == "print":
        return render(request, "reports/print.html", context)
    if kind == "docx":
        response = HttpResponse(
            exports.as_docx(content),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        response = HttpResponse(
            exports.as_pdf(context, request.build_absolute_uri("/")), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def require_editor(request: HttpRequest, programme: WorkProgramme) -> None:
    if not request.user.is_authenticated:
        raise Http404("Not found")
    require(request, programme.board, can_edit_programme)


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
        # Built only when the stored copy (page_cache.fragment) is missing or out of date.
        "content": lambda: build_report(report, reader),
        "fragment": page_cache.fragment(request, programme.board, reader),
        "versions": list(versions_of(programme)),
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
        with transaction.atomic():
            if not report.pk:
                report.save()
            ActivityParagraph.objects.update_or_create(
                report=report,
                activity=activity,
                defaults={"text": form.cleaned_data["text"], "generated_from": generated},
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
    if request.method != "POST":
        content = build_report(report, reader_for(request.user))
        paragraphs = list(all_paragraphs(content))
        context = {
            "programme": programme,
            "board": programme.board,
            "content": content,
            "paragraph_count": len(paragraphs),
            "confidential_count": sum(1 for p in paragraphs if p.get("confidential")),
            "next_version": versions_of(programme).count() + 1,
        }
        return render(request, "reports/check_send.html", context)
    version = send_to_board(report=report, user=request.user)
    messages.success(
        request,
        f"Version {version.number} of the report has been sent to the board for "
        f"{version.content['meeting']['label']}.",
    )
    return redirect(
        "reports:report", board_slug=programme.board.slug, start_year=programme.year.start_year
    )
