"""Showing an edit form, and a refused save's conflict (boards/editing.py) with status 409."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boards.editing import Conflict


def render_edit_page(
    request: HttpRequest, template: str, context: dict, conflict: Conflict | None = None
) -> HttpResponse:
    context = {**context, "conflict": conflict.changes if conflict else None}
    return render(request, template, context, status=409 if conflict else 200)
