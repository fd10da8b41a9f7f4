"""One way to save an edit without overwriting someone else's (see VersionedModel).

An edit form's save_or_conflict() saves, or returns the Conflict: what was saved meanwhile,
with the form itself now based on that version, so that saving again is a deliberate choice
to replace it. render_edit_page() shows the form, and a conflict with status 409.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .history import Change


@dataclass
class Conflict:
    """Someone else saved the record after the edit started; changes says what they changed."""

    changes: list[Change]


def render_edit_page(
    request: HttpRequest, template: str, context: dict, conflict: Conflict | None = None
) -> HttpResponse:
    context = {**context, "conflict": conflict.changes if conflict else None}
    return render(request, template, context, status=409 if conflict else 200)
