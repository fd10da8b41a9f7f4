"""Board members' review of a sent version: comments on a paragraph, the officers' replies
and resolutions, and the changes between two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.access import (
    can_comment_on_reports,
    can_edit_programme,
    can_read_review,
    require,
)
from workplan.models import WorkProgramme

from .forms import CommentForm, ReplyForm
from .models import ReportVersion, ReviewComment
from .review import find_paragraph, paragraph_changes
from .views import version_content, versions_of


def get_version_for_review(
    request: HttpRequest, board_slug: str, start_year: int, number: int
) -> ReportVersion:
    """A version whose review this signed-in person may read; anyone else is told not found."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    if not can_read_review(request.user, programme.board):
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
    if request.method == "POST":
        require(request, board, can_comment_on_reports)
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
        "comment_form": comment_form if can_comment_on_reports(request.user, board) else None,
        "error_forms": [comment_form] if comment_form.errors else [],
        "can_reply": can_edit_programme(request.user, board),
    }
    return render(
        request,
        "reports/paragraph_review.html",
        context,
        status=400 if comment_form.errors else 200,
    )


def comment_for_officer(request: HttpRequest, pk: int) -> ReviewComment:
    comment = get_object_or_404(
        ReviewComment.objects.select_related(
            "version__report__programme__board", "version__report__programme__year"
        ),
        pk=pk,
        in_reply_to=None,
    )
    require(request, comment.version.report.programme.board, can_edit_programme)
    return comment


def back_to_paragraph(comment: ReviewComment) -> HttpResponse:
    programme = comment.version.report.programme
    return redirect(
        "reports:paragraph_review",
        programme.board.slug,
        programme.year.slug,
        comment.version.number,
        int(comment.paragraph),
    )


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = comment_for_officer(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        ReviewComment.objects.create(
            version=comment.version,
            paragraph=comment.paragraph,
            kind=ReviewComment.Kind.REPLY,
            in_reply_to=comment,
            author=request.user,
            text=form.cleaned_data["text"],
        )
        messages.success(request, "Your reply has been added.")
    else:
        messages.error(request, "Enter your reply.")
    return back_to_paragraph(comment)


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = comment_for_officer(request, pk)
    if comment.resolved_at is None:
        comment.resolve(by=request.user)
    messages.success(request, "The comment is marked resolved.")
    return back_to_paragraph(comment)


def changes(request: HttpRequest, board_slug: str, start_year: int, number: int) -> HttpResponse:
    """Paragraph by paragraph, what changed since an earlier version (by default the one
    before), in the copy this reader may see."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    # Queries: programme; versions (both are among them).
    versions = list(versions_of(programme).select_related("report__programme"))
    version = next((v for v in versions if v.number == number), None)
    since_number = request.GET.get("since", str(number - 1))
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
