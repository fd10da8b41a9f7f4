"""Officers' replies to board members' comments on a sent report, and resolving them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from boards.access import (
    can_edit_programme,
    require,
)
from reports.forms import ReplyForm
from reports.models import ReviewComment


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
