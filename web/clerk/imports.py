"""Where clerks and policy officers upload old papers and notes, check what was read against
the source, and accept it as draft records (or discard it)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards.access import is_staff_for, require
from boards.models import Board
from imports.corrections import mark_paragraph, merge_item, paragraph_key, paragraphs, split_item
from imports.forms import CorrectionForm, StructureForm, UploadForm
from imports.models import ImportedDocument
from imports.services import ImportFailed, Options, accept, correct, discard, import_file

# Who may import: the board's clerks (notes) and policy officers (work plans and reports),
# and administrators; the same people who see the board's change history.
can_import = is_staff_for


def get_document(request: HttpRequest, pk: int) -> ImportedDocument:
    document = get_object_or_404(
        ImportedDocument.objects.select_related("board", "uploaded_by"), pk=pk
    )
    require(request, document.board, can_import)
    return document


@login_required
def upload(request: HttpRequest, board_slug: str) -> HttpResponse:
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_import)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload_ = form.cleaned_data["document"]
        options = Options(
            kind=form.cleaned_data["kind"],
            meeting_date=form.cleaned_data["meeting_date"],
            item_number=form.cleaned_data["item_number"].strip(),
        )
        try:
            document, new = import_file(board, upload_.name, upload_.read(), options, request.user)
        except ImportFailed as error:
            form.add_error("document", f"{upload_.name} cannot be imported: {error}")
        else:
            if new:
                messages.success(request, f"{document.original_name} has been read. Check it.")
            else:
                messages.info(
                    request,
                    f"This file was imported before, on {document.created:%-d %B %Y}, and is "
                    f"{document.get_status_display().lower()}: nothing new has been created.",
                )
            return redirect(document.get_absolute_url())
    recent = ImportedDocument.objects.filter(board=board).select_related("uploaded_by")[:20]
    context = {"board": board, "form": form, "recent": recent}
    return render(request, "imports/upload.html", context, status=400 if form.errors else 200)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """What was read, beside the text it was read from. Everything shown comes from the
    document's own row, so the page costs the same queries however long the document is."""
    document = get_document(request, pk)
    data = document.parsed
    people = {p["name"]: p for p in data.get("person", [])}
    context = {
        "document": document,
        "board": document.board,
        "data": data,
        "lines": list(enumerate(document.source_lines, start=1)),
        "people": list(people.values()),
        "new_people": [p for p in people.values() if p.get("new")],
        "meeting": _meeting(data, people),
        "themes": data.get("theme", []),
        "paragraph_themes": _by_theme(data.get("paragraph", [])),
        "links": _links(document),
    }
    return render(request, "imports/review.html", context)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _meeting(data: dict, people: dict) -> dict | None:
    if "meeting" not in data:
        return None

    def who(name: str) -> dict:
        entry = people.get(name, {})
        return {"name": name, "as_written": entry.get("as_written", name), "new": entry.get("new")}

    groups = {"present": [], "substitute": [], "apologies": [], "in_attendance": []}
    for row in data.get("attendance", []):
        person = who(row["person"])
        person["substitute_for"] = row.get("substitute_for", "")
        person["line"] = row.get("line")
        groups[row["status"]].append(person)
    items = []
    for item in data.get("item", []):
        # Each decision beside the line it was read from and any doubt about it (older
        # drafts kept neither).
        decisions = item.get("decisions", [])
        lines = item.get("decision_lines") or [None] * len(decisions)
        doubts = item.get("decision_doubts") or [""] * len(decisions)
        items.append(
            {
                **item,
                "presenters": [who(name) for name in item.get("presenters", [])],
                "decisions": list(zip(decisions, lines, doubts, strict=False)),
                "paragraphs": [
                    (index, text, paragraph_key(text))
                    for index, text in enumerate(paragraphs(item))
                ],
            }
        )
    m = data["meeting"]
    agreed = m.get("agrees_notes_of") or {}
    return {
        "date": _day(m["date"]),
        "date_line": m.get("date_line"),
        "date_doubt": m.get("date_doubt", ""),
        "venue": m.get("venue", ""),
        "next_meeting_on": _day(m.get("next_meeting_on")),
        "agrees_notes_of": _day(agreed.get("date")),
        "attendance": [
            ("Present", groups["present"]),
            ("Substitutes", groups["substitute"]),
            ("Apologies", groups["apologies"]),
            ("In attendance", groups["in_attendance"]),
        ],
        "declarations": [{**d, "person": who(d["person"])} for d in data.get("declaration", [])],
        "items": items,
    }


def _by_theme(paragraphs: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = {}
    for paragraph in paragraphs:
        grouped.setdefault(paragraph["theme"] or "Not under a theme", []).append(paragraph)
    return list(grouped.items())


def _links(document: ImportedDocument) -> list[tuple[str, str]]:
    """Where the accepted records are, from the document alone (no queries)."""
    if document.status != ImportedDocument.Status.ACCEPTED:
        return []
    slug, data, links = document.board.slug, document.parsed, []
    if "meeting" in data:
        url = reverse(
            "meetings:meeting_detail",
            kwargs={"board_slug": slug, "date": _day(data["meeting"]["date"])},
        )
        links.append((f"The meeting of {_day(data['meeting']['date']):%-d %B %Y}", url))
    if "programme" in data:
        year = data["programme"]["year"]
        url = reverse(
            "pages:programme_detail",
            kwargs={"board_slug": slug, "start_year": int(year[:4])},
        )
        links.append((f"The {year} work programme", url))
    return links


@login_required
def correct_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct what was read from notes (date, items, decisions, actions, attendance)
    before accepting them."""
    document = get_document(request, pk)
    if document.status != ImportedDocument.Status.DRAFT or "meeting" not in document.parsed:
        raise Http404("Only a draft of notes can be corrected")
    posted = request.method == "POST"
    form = CorrectionForm(document.parsed, request.POST if posted else None)
    if posted and form.is_valid():
        try:
            correct(document, form.corrected(), len(form.changed_data))
        except ImportFailed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your corrections are kept. Check them, then accept.")
            return redirect(document.get_absolute_url())
    context = {"document": document, "board": document.board, "form": form}
    return render(request, "imports/correct.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def change_structure(request: HttpRequest, pk: int) -> HttpResponse:
    """One button on the review page: split an item at a paragraph, merge an item into the
    one before, or mark a paragraph as a decision, an action or attendance. A page shown
    before another change, or a made-up request, changes nothing and says so."""
    document = get_document(request, pk)
    form = StructureForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was changed: use a button beside an item or paragraph.")
        return redirect(document.get_absolute_url())
    change, number = form.cleaned_data["change"], form.cleaned_data["item"]
    index, key = form.cleaned_data["paragraph"], form.cleaned_data["key"]
    try:
        if change == "split":
            new = split_item(document, number, index, key)
            done = f"Item {number} has been split: its second part is item {new}."
        elif change == "merge":
            into = merge_item(document, number)
            done = f"Item {number} has been merged into item {into}."
        else:
            what = mark_paragraph(document, number, index, key, change)
            done = f"The paragraph of item {number} is now {what}."
    except ImportFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(document.get_absolute_url())


@login_required
@require_POST
def accept_import(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    try:
        created = accept(document)
    except ImportFailed as error:
        messages.error(request, f"Nothing was created: {error}")
    else:
        messages.success(request, "Accepted as drafts. " + " ".join(f"{line}." for line in created))
    return redirect(document.get_absolute_url())


@login_required
@require_POST
def discard_import(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    try:
        discard(document)
    except ImportFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{document.original_name} has been discarded.")
    return redirect("imports:upload", board_slug=document.board.slug)
