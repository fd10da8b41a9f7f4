"""The programme's activities as a CSV download."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from boards.csv_export import csv_response

from .filters import ActivityFilter
from .models import Activity, WorkProgramme


def activities_csv(request: HttpRequest, board_slug: str, start_year: int):
    """The programme's activities as CSV, with the filters on screen applied."""
    programme = get_object_or_404(WorkProgramme.objects.of_board_year(board_slug, start_year))
    year_slug = programme.year.slug
    activity_filter = ActivityFilter(
        request.GET or None,
        queryset=Activity.objects.for_programme(programme).for_programme_page(),
        programme=programme,
    )
    activities = (
        activity_filter.qs
        if (not activity_filter.is_bound or activity_filter.is_valid())
        else Activity.objects.none()
    )
    rows = (
        [
            a.theme.title,
            a.title,
            a.get_status_display(),
            a.get_rag_display() if a.rag else "",
            str(a.lead_officer or ""),
            a.indicative_timing,
            a.target_date.isoformat() if a.target_date else "",
            a.last_update_on.isoformat() if a.last_update_on else "",
            a.latest_update_text or "",
            request.build_absolute_uri(
                reverse("pages:activity_detail", args=[board_slug, start_year, a.pk])
            ),
        ]
        for a in activities.iterator(chunk_size=500)
    )
    header = [
        "Theme",
        "Activity",
        "Status",
        "RAG rating",
        "Lead officer",
        "Indicative timing",
        "Target date",
        "Last update",
        "Latest update",
        "Web page",
    ]
    return csv_response(f"{board_slug}-work-programme-{year_slug}.csv", header, rows)
