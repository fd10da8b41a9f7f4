import datetime

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend


def parse_moment(value: str) -> datetime.datetime | None:
    """An ISO 8601 date-time (or a date, meaning its midnight), else None."""
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)):
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:  # well formed but impossible, such as 2024-02-31
        return None
    if moment is not None and is_naive(moment):
        moment = make_aware(moment)
    if moment is not None:
        # In UTC: PostgreSQL refuses offsets beyond 15:59 (Python allows 23:59), and
        # 9999-12-31T23:00-05:00 has no such moment.
        try:
            moment = moment.astimezone(datetime.UTC)
        except OverflowError:
            return None
    return moment


class ModifiedSinceFilter(BaseFilterBackend):
    """?modified_since=2024-01-31T12:00:00Z: only what changed since, for incremental sync."""

    def filter_queryset(self, request, queryset, view):
        value = request.query_params.get("modified_since")
        if not value:
            return queryset
        moment = parse_moment(value)
        if moment is None:
            raise ValidationError(
                {"modified_since": "Give a date and time in ISO 8601, e.g. 2024-01-31T12:00:00Z"}
            )
        return queryset.filter(modified__gte=moment)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "modified_since",
                "required": False,
                "in": "query",
                "description": "Only objects created or changed at or after this moment (ISO 8601).",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


class BoardFilter(BaseFilterBackend):
    """?board=<slug>: only one board's records."""

    def filter_queryset(self, request, queryset, view):
        slug = request.query_params.get("board")
        if not slug or not getattr(view, "board_path", None):
            return queryset
        if "\x00" in slug:  # no slug holds one, and PostgreSQL refuses it in a query
            return queryset.none()
        return queryset.filter(**{f"{view.board_path}__slug": slug})

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "board_path", None):
            return []
        return [
            {
                "name": "board",
                "required": False,
                "in": "query",
                "description": "A board's slug, e.g. sscb.",
                "schema": {"type": "string"},
            }
        ]
