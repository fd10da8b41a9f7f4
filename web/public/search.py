"""Search over every board's records: the first view shows the top results of each kind,
kept until any board's records change; choosing a kind pages through all of its results."""

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boards.access import reader_for
from meetings import search
from meetings.forms import SearchForm
from web import caching
from web.pagination import paginate

OVERVIEW_RESULTS = 5


def overview(reader, terms: str, shown: int) -> list[dict]:
    """The top `shown` results of each kind of record, for the search page's first view.

    Each kind's results are kept until a record of any board changes (caching.every_board), for
    everyone who may see the same: only progress updates show progress, so the other kinds
    are kept through officers' updates, which come far more often than anything else."""
    versions = caching.every_board(reader)
    # Read once, when the first kind's results are not kept.
    newest = functools.cache(lambda: search.newest_keys(search.KINDS))
    sections = []
    for kind in search.KINDS:

        def top(kind=kind) -> list[tuple]:
            ranked = search.search(
                kind, reader, terms, search.RANKED_MATCHES_OVERVIEW, newest=newest()
            )
            found = list(ranked[: shown + 1])
            shown_results = [search.result(kind, obj, terms) for obj in found]
            return [(r.title, r.url, r.context, r.snippet) for r in shown_results]

        found = versions.remember(
            f"search:{kind.key}:{terms}", top, shows_progress=kind.key == "updates"
        )
        if found:
            results = [search.Result(kind, *fields) for fields in found[:shown]]
            sections.append({"kind": kind, "results": results, "more": len(found) > shown})
    return sections


def search_page(request: HttpRequest) -> HttpResponse:
    # Queries: every board's versions, and one per kind of record on the overview (top
    # results) unless kept (overview); or a count and a page for one kind; on PostgreSQL, one
    # more to plan them for the words (search.planned_for_the_words) and one for the newest
    # keys their windows count back from (search.newest_keys), unless every kind is kept.
    form = SearchForm(request.GET or None)
    reader = reader_for(request.user)
    context = {"form": form, "sections": [], "page_obj": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        terms = form.cleaned_data["q"]
        chosen = search.KINDS_BY_KEY.get(form.cleaned_data["kind"])
        with search.planned_for_the_words():
            if chosen:
                page, page_range = paginate(request, search.search(chosen, reader, terms), 20)
                page.object_list = [search.result(chosen, obj, terms) for obj in page.object_list]
                context.update(page_obj=page, page_range=page_range, chosen=chosen)
            else:
                context["sections"] = overview(reader, terms, OVERVIEW_RESULTS)
        context["terms"] = terms
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "meetings/search.html", context, status=status)
