"""The report's own sections and paragraphs, which belong to no activity or agenda item:
officers add, write, order and remove them from the draft; and an activity's paragraph left
out of the report, or put back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from reports.forms import ReportSectionForm
from reports.models import EndOfYearReport, ReportSection
from reports.services import leave_out_paragraph
from web.editing import render_edit_page
from web.officer.report import activity_for_report, draft_url
from workplan.access import get_programme_for_editor


def saved_report(request: HttpRequest, pk: int) -> EndOfYearReport:
    """The programme's report, saved first if it is still the unsaved first draft."""
    programme = get_programme_for_editor(request, pk)
    report = EndOfYearReport.for_programme(programme)
    if not report.pk:
        report.save()
    return report


@login_required
def sections(request: HttpRequest, pk: int) -> HttpResponse:
    # Queries: session, user, roles (get_programme_for_editor), report, its sections.
    report = saved_report(request, pk)
    context = {
        "programme": report.programme,
        "board": report.programme.board,
        "sections": list(report.sections.select_related("theme")),
    }
    return render(request, "reports/sections.html", context)


@login_required
def edit_section(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    report = saved_report(request, pk)
    if section_pk is None:
        last = report.sections.order_by("-order").values_list("order", flat=True).first()
        section = ReportSection(report=report, order=(last or 0) + 1)
    else:
        section = get_object_or_404(ReportSection, report=report, pk=section_pk)
    form = ReportSectionForm(request.POST or None, instance=section)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = form.save_or_conflict()
        if conflict is None:
            messages.success(request, f"“{form.instance}” has been saved for the report.")
            return redirect("reports:sections", pk=report.programme.pk)
    context = {
        "programme": report.programme,
        "board": report.programme.board,
        "form": form,
        "section": section,
    }
    return render_edit_page(request, "reports/edit_section.html", context, conflict)


@login_required
@require_POST
def move_section(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """Swap a section with the one before or after it in the report's order."""
    report = saved_report(request, pk)
    with transaction.atomic():
        parts = list(report.sections.select_for_update())
        index = next((i for i, p in enumerate(parts) if p.pk == section_pk), None)
        if index is None:
            return redirect("reports:sections", pk=report.programme.pk)
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(parts):
            parts[index], parts[other] = parts[other], parts[index]
            for order, part in enumerate(parts, 1):
                if part.order != order:
                    part.order = order
                    part.save(update_fields=["order", "modified"])
    return redirect("reports:sections", pk=report.programme.pk)


@login_required
def remove_section(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report = saved_report(request, pk)
    section = get_object_or_404(ReportSection, report=report, pk=section_pk)
    if request.method == "POST":
        section.delete()
        messages.success(request, f"“{section}” has been taken out of the report.")
        return redirect("reports:sections", pk=report.programme.pk)
    context = {"programme": report.programme, "board": report.programme.board, "section": section}
    return render(request, "reports/remove_section.html", context)


@login_required
def leave_out(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Leave an activity's paragraph out of the report on purpose, or put it back: the page
    asks first, and the choice is posted."""
    report = saved_report(request, pk)
    activity = activity_for_report(report.programme, activity_pk, request)
    is_left_out = report.paragraphs.filter(activity=activity, left_out=True).exists()
    if request.method != "POST":
        context = {
            "programme": report.programme,
            "board": report.programme.board,
            "activity": activity,
            "is_left_out": is_left_out,
        }
        return render(request, "reports/leave_out.html", context)
    left_out = request.POST.get("left_out") == "yes"
    leave_out_paragraph(report=report, activity=activity, left_out=left_out)
    messages.success(
        request,
        f"The paragraph on “{activity.title.rstrip('.')}” is "
        + ("left out of the report." if left_out else "back in the report."),
    )
    return redirect(draft_url(report.programme))
