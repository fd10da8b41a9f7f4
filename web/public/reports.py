"""The end-of-year report as sent to the board, its downloads, and what changed between
two versions; a draft's downloads for the programme's officers."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from boards.access import (
    can_edit_programme,
    is_staff_for,
    reader_for,
    require,
)
from meetings.querysets import sees_restricted
from reports import exports
from reports.builder import build_report
from reports.models import EndOfYearReport, ReportReading, ReportVersion
from reports.review import paragraph_changes, with_review
from web import caching
from web.caching import cached_for_public
from workplan.models import WorkProgramme


def versions_of(programme: WorkProgramme):
    return ReportVersion.objects.filter(report__programme=programme).order_by("-number")


def version_content(request: HttpRequest, version: ReportVersion) -> dict:
    """Confidential items only in the copy for people allowed to see them."""
    return version.copy_for(reader_for(request.user))


@cached_for_public
def report_page(
    request: HttpRequest, board_slug: str, start_year: int, number: int | None = None
) -> HttpResponse:
    # Queries: programme; versions (the chosen version is one of them); for the board's
    # members and staff, the version's comments; for anyone signed in, the last version
    # they opened before and the record that they opened this one; for staff, the
    # version's history and who has opened which version.
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    versions = list(versions_of(programme).select_related("report__programme", "published_by"))
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404("No such version")
    content = version_content(request, version) if version else None
    if version and sees_restricted(reader_for(request.user), programme.board_id):
        # Members and staff see each paragraph's comments: one more query.
        content = with_review(content, programme, version, list(version.comments.all()))
    last_read = None
    if version and request.user.is_authenticated:
        # Which version this reader opened last before this one (one query), then that they
        # opened this one (one insert, which a second opening leaves as it was).
        last_read = (
            ReportReading.objects.filter(
                reader=request.user,
                version__report_id=version.report_id,
                version__number__lt=version.number,
            )
            .order_by("-version__number")
            .values_list("version__number", flat=True)
            .first()
        )
        ReportReading.objects.bulk_create(
            [ReportReading(version=version, reader=request.user)], ignore_conflicts=True
        )
    context = {
        "programme": programme,
        "board": programme.board,
        "version": version,
        "versions": versions,
        "content": content,
        "can_edit": can_edit_programme(request.user, programme.board),
        "last_read": last_read,
    }
    if version and is_staff_for(request.user, programme.board):
        context["changes"] = list(version.changes_since_sent())
        # Who of the board's members and staff has opened which version (one query).
        context["readings"] = list(
            ReportReading.objects.filter(version__report_id=version.report_id)
            .select_related("reader", "version")
            .order_by("-version__number", "reader__username")
        )
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
        status = (
            render_to_string("reports/_sent_to.html", context).strip()
            if version
            else (
                f"Draft written from the records on {content['as_of']}. Not yet sent to the board."
            )
        )
        response = HttpResponse(
            exports.as_docx(content, status),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        html = render_to_string("reports/print.html", {**context, "for_pdf": True})
        base_url = request.build_absolute_uri("/")
        pdf = caching.stored_file(f"{base_url}\n{html}", lambda: exports.as_pdf(html, base_url))
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def changes(request: HttpRequest, board_slug: str, start_year: int, number: int) -> HttpResponse:
    """Paragraph by paragraph, what changed since an earlier version (by default the one
    before), in the copy this reader may see."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    # Queries: programme; versions (both are among them).
    versions = list(versions_of(programme).select_related("report__programme"))
    version = next((v for v in versions if v.number == number), None)
    since_number = request.GET.get("since") or str(last_opened_before(request, version))
    since = next((v for v in versions if str(v.number) == since_number), None)
    if version is None or since is None or since.number >= version.number:
        raise Http404("No such pair of versions")
    context = {
        "programme": programme,
        "board": programme.board,
        "version": version,
        "since": since,
        "earlier": [v for v in versions if v.number < version.number],
        "changes": paragraph_changes(
            version_content(request, since), version_content(request, version)
        ),
    }
    return render(request, "reports/changes.html", context)


def last_opened_before(request: HttpRequest, version: ReportVersion) -> int:
    """The last version before this one the signed-in reader opened; the one before this
    for anyone else, or a reader who has opened none of them."""
    if request.user.is_authenticated:
        number = (
            ReportReading.objects.filter(
                reader=request.user,
                version__report_id=version.report_id,
                version__number__lt=version.number,
            )
            .order_by("-version__number")
            .values_list("version__number", flat=True)
            .first()
        )
        if number:
            return number
    return version.number - 1


def require_editor(request: HttpRequest, programme: WorkProgramme) -> None:
    if not request.user.is_authenticated:
        raise Http404("Not found")
    require(request, programme.board, can_edit_programme)
