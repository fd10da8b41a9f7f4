"""The people pickers' list as the clerk types (meetings.lookups): names asked for by the
page's script, for lists too long to send with the page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from boards.access import can_record_meetings, require
from boards.models import Board, Person
from meetings.lookups import PersonLookup, matching_people

# A lookup's name in its address: whom it offers, and what its error messages call them.
LOOKUPS = {
    "councillors": ([Person.Kind.COUNCILLOR], "councillor"),
    "officers-and-guests": ([Person.Kind.OFFICER, Person.Kind.GUEST], "officer or guest"),
}


def person_lookup(board: Board, which: str, **kwargs) -> PersonLookup:
    """The lookup of `which` kind for a form of this board's records (see PersonLookup)."""
    kinds, noun = LOOKUPS[which]
    url = reverse("meetings:people_lookup", kwargs={"board_slug": board.slug, "which": which})
    return PersonLookup(kinds=kinds, noun=noun, url=url, **kwargs)


@login_required
@require_GET
def people_lookup(request: HttpRequest, board_slug: str, which: str) -> JsonResponse:
    """{"results": [{"id": …, "label": …}, …]}: those whose name, council or organisation
    holds every word of `q`, for a clerk of the board."""
    board = get_object_or_404(Board, slug=board_slug)
    require(request, board, can_record_meetings)
    if which not in LOOKUPS:
        raise Http404("No such list of people.")
    query = request.GET.get("q", "")[:100]
    people = matching_people(query, LOOKUPS[which][0])
    return JsonResponse({"results": [{"id": p.pk, "label": p.label} for p in people]})
