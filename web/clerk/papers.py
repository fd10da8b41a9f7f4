"""Where clerks attach an item's papers and appendices as files, replace and remove them.

After each file the clerk stays on the page, its list showing what is attached, so that a
paper and its appendices go on one after another.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards.access import can_record_meetings, require
from imports.reading import words_of
from meetings.models import AgendaItem, PaperFile
from meetings.paper_checks import PDF
from meetings.paper_forms import PaperFileForm
from meetings.services import FileChanged, attach_file, remove_file
from papers.conversion import WORD, ConversionFailed, as_pdf

logger = logging.getLogger(__name__)

CHANGED = (
    "Someone else replaced or removed that file while you were working. "
    "The list shows the item’s files as they are now."
)


@login_required
def item_files(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's files, and the form to attach another."""
    # Queries: session, user with their roles, item, its files, its earlier files, the
    # next item (and, for the form, whether it has a paper yet).
    item = get_item_for_clerk(request, pk)
    form = PaperFileForm(request.POST or None, request.FILES or None, initial=initial_for(item))
    if request.method == "POST" and form.is_valid():
        attach(request, item, form)
        messages.success(
            request,
            f"“{form.cleaned_data['title']}” is attached to item {item.number}. "
            "Attach another file, or go on below.",
        )
        return redirect("meetings:item_files", pk=item.pk)
    return files_page(request, item, form)


@login_required
def replace_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of one of the item's files; the earlier one stays in its history."""
    earlier = get_file_for_clerk(request, pk)
    item = get_item_for_clerk(request, earlier.agenda_item_id)
    if not earlier.is_current:
        return files_page(request, item, PaperFileForm(initial=initial_for(item)), CHANGED)
    form = PaperFileForm.replacing(earlier, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attach(request, item, form, replacing=earlier)
        except FileChanged:
            return files_page(request, item, PaperFileForm(initial=initial_for(item)), CHANGED)
        messages.success(request, f"A new version of “{earlier.title}” is attached.")
        return redirect("meetings:item_files", pk=item.pk)
    context = {
        "item": item,
        "meeting": item.meeting,
        "board": item.meeting.board,
        "earlier": earlier,
        "form": form,
        "error_forms": [form] if form.errors else [],
    }
    return render(request, "meetings/manage/replace_file.html", context)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    paper_file = get_file_for_clerk(request, pk)
    try:
        remove_file(paper_file=paper_file)
    except FileChanged:
        item = get_item_for_clerk(request, paper_file.agenda_item_id)
        return files_page(request, item, PaperFileForm(initial=initial_for(item)), CHANGED)
    messages.success(
        request, f"“{paper_file.title}” is removed. It stays under “Earlier versions”."
    )
    return redirect("meetings:item_files", pk=paper_file.agenda_item_id)


def get_item_for_clerk(request: HttpRequest, pk: int) -> AgendaItem:
    """The item, with is_restricted: whether it or its paper is confidential, which makes
    every file of it exempt."""
    item = get_object_or_404(
        AgendaItem.objects.with_restricted_flag().select_related("meeting__board"), pk=pk
    )
    require(request, item.meeting.board, can_record_meetings)
    return item


def get_file_for_clerk(request: HttpRequest, pk: int) -> PaperFile:
    paper_file = get_object_or_404(
        PaperFile.objects.select_related("agenda_item__meeting__board"), pk=pk
    )
    require(request, paper_file.agenda_item.meeting.board, can_record_meetings)
    return paper_file


def next_item(item: AgendaItem) -> AgendaItem | None:
    """The item after this one on the agenda, whose papers come next."""
    later = Q(order__gt=item.order) | Q(order=item.order, pk__gt=item.pk)
    return item.meeting.items.filter(later).order_by("order", "pk").first()


def initial_for(item: AgendaItem) -> dict:
    """The paper first, then appendices."""
    has_paper = item.files.current().filter(role=PaperFile.Role.PAPER).exists()
    return {"role": PaperFile.Role.APPENDIX if has_paper else PaperFile.Role.PAPER}


def attach(request: HttpRequest, item: AgendaItem, form: PaperFileForm, replacing=None):
    """Read the checked file's words for search, then attach it."""
    upload = form.cleaned_data["file"]
    upload.seek(0)
    suffix = ".pdf" if form.checked.mime_type == PDF else ".docx"
    text = words_of(f"paper{suffix}", upload.read())
    data = form.cleaned_data
    paper_file = attach_file(
        item=item,
        upload=upload,
        checked=form.checked,
        text=text,
        title=data["title"].strip(),
        role=data["role"],
        is_confidential=data["is_confidential"],
        schedule_12a_paragraph=data["schedule_12a_paragraph"],
        by=request.user,
        replacing=replacing,
    )
    if paper_file.mime_type == WORD and settings.PAPER_CONVERT_ON_ATTACH:
        # Now, while the clerk waits for one file, rather than for every Word paper at
        # once when the agenda pack is first built.
        try:
            as_pdf(paper_file)
        except ConversionFailed as error:
            logger.warning("Could not turn paper file %s into PDF: %s", paper_file.pk, error)
            messages.warning(
                request,
                f"“{paper_file.title}” is attached, but could not be turned into PDF for the "
                "agenda pack. Replace it with a PDF, or try again with a fresh copy of the "
                "Word file.",
            )
    return paper_file


def files_page(
    request: HttpRequest, item: AgendaItem, form: PaperFileForm, changed: str = ""
) -> HttpResponse:
    context = {
        "item": item,
        "meeting": item.meeting,
        "board": item.meeting.board,
        "form": form,
        "error_forms": [form] if form.errors else [],
        "files": list(item.files.current().order_by("order", "pk")),
        "earlier": list(
            item.files.earlier().select_related("superseded_by").order_by("-superseded_at")
        ),
        "next_item": next_item(item),
        "changed": changed,
    }
    # A file changed by someone else meanwhile: refused, as other edits are (409).
    return render(
        request, "meetings/manage/item_files.html", context, status=409 if changed else 200
    )
