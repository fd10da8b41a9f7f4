"""Board members' review of a sent version: the comments on one paragraph, and a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from boards.access import (
    can_comment_on_reports,
    can_edit_programme,
    reader_for,
    require,
)
from meetings.querysets import sees_restricted
from reports.forms import CommentForm
from reports.models import ReportVersion, ReviewComment
from reports.review import find_paragraph
from web.public.reports import versions_of
from workplan.models import WorkProgramme


def get_version_for_review(
    request: HttpRequest, board_slug: str, start_year: int, number: int
) -> ReportVersion:
    """A version whose review this signed-in person may read; anyone else is told not found."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    # Members' comments are seen only by those who may read the members' copy.
    if not sees_restricted(reader_for(request.user), programme.board_id):
        raise Http404("Not found")
    return get_object_or_404(
        versions_of(programme).select_related(
            "report__programme__board", "report__programme__year"
        ),
        number=number,
    )


def paragraph_or_404(version: ReportVersion, paragraph: int) -> dict:
    found = find_paragraph(version.content, str(paragraph))
    if found is None:
        raise Http404("No such paragraph")
    return found


@login_required
def paragraph_review(
    request: HttpRequest, board_slug: str, start_year: int, number: int, paragraph: int
) -> HttpResponse:
    version = get_version_for_review(request, board_slug, start_year, number)
    board = version.report.programme.board
    comment_form = CommentForm(request.POST or None)
    # Comments are taken on the latest version only: open ones move to each new version.
    latest = not versions_of(version.report.programme).filter(number__gt=version.number).exists()
    if request.method == "POST":
        require(request, board, can_comment_on_reports)
        if not latest:
            messages.error(request, "This is not the latest version: comment on the latest.")
            return redirect(request.path)
        if comment_form.is_valid():
            ReviewComment.objects.create(
                version=version,
                paragraph=str(paragraph),
                author=request.user,
                **comment_form.cleaned_data,
            )
            messages.success(
                request, f"Your comment on paragraph {paragraph} has been sent to the officers."
            )
            return redirect(request.path)
    threads = (
        version.comments.filter(paragraph=str(paragraph), in_reply_to=None)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )
    context = {
        "version": version,
        "programme": version.report.programme,
        "board": board,
        "paragraph": paragraph_or_404(version, paragraph),
        "threads": threads,
        "comment_form": comment_form
        if latest and can_comment_on_reports(request.user, board)
        else None,
        "latest": latest,
        "error_forms": [comment_form] if comment_form.errors else [],
        "can_reply": can_edit_programme(request.user, board),
    }
    return render(
        request,
        "reports/paragraph_review.html",
        context,
        status=400 if comment_form.errors else 200,
    )
