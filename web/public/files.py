"""Downloads of papers' files: the only way to a stored file, each through the permission
check (PaperFile.objects.downloadable_by), so an exempt paper has no address anyone else can
open. One query for the file, as a stored page costs one for its board's version."""

import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.cache import parse_etags
from django.views.decorators.http import require_safe

from boards.access import reader_for
from meetings.models import PaperFile
from meetings.paper_checks import PDF

logger = logging.getLogger(__name__)


@require_safe
def download(request: HttpRequest, pk: int) -> HttpResponse:
    reader = reader_for(request.user)
    paper_file = get_object_or_404(
        PaperFile.objects.downloadable_by(reader).only(
            "file", "original_name", "mime_type", "size", "sha1"
        ),
        pk=pk,
    )
    # The content never changes under one row (a new version is a new row), so its SHA-1
    # names it; a reader's copy is checked, not sent again.
    etag = f'"{paper_file.sha1}"'
    # Exempt files only to the reader's own browser; public ones may be kept by shared
    # caches, which ask again each time, so a file made exempt later is not served from them.
    cache_control = "private, no-cache" if paper_file.is_exempt else "public, no-cache"
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        try:
            stored = paper_file.file.open("rb")
        except FileNotFoundError:
            # The row outlived its file (deleted by hand, or a restore without the files):
            # staff are told in the log, the reader gets the site's "not found" page.
            logger.error("Paper file %s (%s) is missing from storage", pk, paper_file.file.name)
            raise Http404("Not found") from None
        response = FileResponse(
            stored,
            content_type=paper_file.mime_type,
            # A PDF opens in the browser, unless asked for as a download (the API's
            # downloadUrl); a Word file is saved.
            as_attachment=paper_file.mime_type != PDF or "download" in request.GET,
            filename=paper_file.original_name,
        )
        response["Content-Length"] = str(paper_file.size)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response
