"""Fill in an item's paper from its file: the paper's own purpose, summary and
recommendation, read from the Word or PDF file attached to the item, each offered beside
what the item's paper says now, for the clerk to accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from imports.forms import FillInPaperForm
from imports.paper_fields import contact_officer_named, read_paper_file
from imports.reading import UnreadableDocument
from meetings.models import Paper
from meetings.paper_files import PaperFile
from meetings.services import fill_in_paper as save_paper_fields

from .meetings import get_item_for_clerk

LABELS = {
    "title": "Title",
    "purpose": "Purpose",
    "summary": "Summary",
    "recommendation": "Recommendation",
    "contact_officer": "Contact officer",
}


def offers(found: dict[str, str]) -> dict[str, tuple[object, str]]:
    """What can be saved from what the file says: each field's value and how it is shown.
    A contact officer is offered only when the name is one officer's."""
    offered: dict[str, tuple[object, str]] = {}
    for name, value in found.items():
        if name == "purpose":
            offered[name] = (value, Paper.Purpose(value).label)
        elif name == "contact_officer":
            officer = contact_officer_named(value)
            if officer is not None:
                offered[name] = (officer, str(officer))
        else:
            offered[name] = (value, value)
    return offered


def shown_now(paper: Paper | None, name: str) -> str:
    if paper is None:
        return ""
    if name == "purpose":
        return paper.get_purpose_display() if paper.purpose else ""
    value = getattr(paper, name)
    return str(value) if value else ""


@login_required
def fill_in_paper(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_clerk(request, pk)
    paper_file = PaperFile.objects.readable_papers(item).order_by("-pk").first()
    if paper_file is None:
        raise Http404("The item has no Word or PDF paper")
    paper = getattr(item, "paper", None)
    unreadable = ""
    offered: dict[str, tuple[object, str]] = {}
    try:
        # Read again on sending, rather than trusting values sent back: the file decides.
        offered = offers(read_paper_file(paper_file).found())
    except UnreadableDocument as error:
        unreadable = str(error)
    form = FillInPaperForm(
        request.POST if request.method == "POST" else None,
        offered=[(name, LABELS[name]) for name in offered],
        # Ticked already where the item's paper says nothing yet.
        initial={"accept": [name for name in offered if not shown_now(paper, name)]},
    )
    if request.method == "POST" and form.is_valid():
        values = {name: offered[name][0] for name in form.cleaned_data["accept"]}
        try:
            save_paper_fields(item=item, values=values)
        except ValidationError as error:
            form.add_error("accept", error)
        else:
            count = len(values)
            messages.success(
                request,
                f"{count} part{'s' if count != 1 else ''} of the paper of item {item.number} "
                "filled in from its file.",
            )
            return redirect("meetings:manage_meeting", pk=item.meeting.pk)
    rows = [
        {
            "name": name,
            "label": LABELS[name],
            "found": shown,
            "now": shown_now(paper, name),
            "checkbox": next(box for box in form["accept"] if box.data["value"] == name),
        }
        for name, (_, shown) in offered.items()
    ]
    context = {
        "item": item,
        "meeting": item.meeting,
        "board": item.meeting.board,
        "paper_file": paper_file,
        "paper": paper,
        "form": form,
        "rows": rows,
        "unreadable": unreadable,
    }
    return render(request, "meetings/manage/fill_in_paper.html", context)
