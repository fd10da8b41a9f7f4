"""An agenda pack of 10 papers of 20 pages each, half Word and half PDF: how long its first
build takes, and how long a download of it takes once it is stored.

The Word papers are turned into PDF when they are attached (as the clerk's upload does), so
that is timed apart from the build. Everything is made on a board of its own in one
transaction that is rolled back, with the files in a temporary folder, so the database and
the media folder are as they were. Run alone with `python -m bench.packs`, or as part of
`make bench`.
"""

import datetime
import os
import statistics
import tempfile
import time

TARGET_S = 15
PAPERS = 10
PAGES = 20
DOWNLOADS = 20
PARAGRAPHS = [
    "The partnership's analysts reviewed incidents across the borough, quarter by quarter, "
    "and set out what the figures show for each ward and for each group of residents.",
    "Officers recommend that the Board notes the findings, agrees the priorities that follow "
    "from them and asks for a further report on progress at its next meeting.",
] * 4


class _Rollback(Exception):
    pass


def pack_round() -> dict:
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from boards.models import Board
    from meetings.models import AgendaItem, Meeting
    from meetings.paper_files import PaperFile
    from meetings.services import publish_agenda
    from papers import conversion, packs
    from seed_data.paper_documents import attached_file, pdf_paper, word_paper

    result = {}
    with (
        tempfile.TemporaryDirectory(prefix="bench-packs-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        try:
            with transaction.atomic():
                board = Board.objects.create(
                    name="Pack benchmark board", short_name="PBB", slug="bench-packs"
                )
                meeting = Meeting.objects.create(
                    board=board,
                    date=datetime.date.today() + datetime.timedelta(days=14),
                    start_time=datetime.time(10, 30),
                    venue="Council Chamber",
                )
                files = []
                for n in range(1, PAPERS + 1):
                    item = AgendaItem.objects.create(
                        meeting=meeting, number=str(n), order=n, title=f"Paper {n}"
                    )
                    word = n % 2 == 1
                    make = word_paper if word else pdf_paper
                    files.append(
                        attached_file(
                            item,
                            make(f"Paper {n}", PARAGRAPHS, pages=PAGES),
                            name=f"paper-{n}.{'docx' if word else 'pdf'}",
                            title=f"Paper {n}",
                            role=PaperFile.Role.PAPER,
                        )
                    )
                started = time.perf_counter()
                for paper_file in files:
                    conversion.as_pdf(paper_file)  # as the upload does
                attach_s = time.perf_counter() - started
                # The public's pack holds the items once the agenda has gone out.
                today = datetime.date.today()
                publish_agenda(meeting=meeting, on=today, today=today)

                started = time.perf_counter()
                pack = packs.stored_pack(meeting, "public")
                build_s = time.perf_counter() - started

                client = Client(HTTP_HOST="127.0.0.1")
                url = reverse(
                    "meetings:public_pack",
                    kwargs={"board_slug": board.slug, "date": meeting.date},
                )
                times = []
                for _ in range(DOWNLOADS):
                    started = time.perf_counter()
                    response = client.get(url)
                    b"".join(response.streaming_content)
                    times.append(time.perf_counter() - started)
                result = {
                    "papers": PAPERS,
                    "pages": pack.page_count,
                    "size_bytes": pack.size,
                    "word_conversions_at_attach_s": round(attach_s, 2),
                    "first_build_s": round(build_s, 2),
                    "stored_download_ms_p50": round(statistics.median(times) * 1000, 1),
                    "target_s": TARGET_S,
                    # Every paper in it, not only the front pages.
                    "ok": build_s <= TARGET_S
                    and response.status_code == 200
                    and pack.page_count >= PAPERS * PAGES,
                }
                raise _Rollback
        except _Rollback:
            pass
    return result


def report(result: dict) -> str:
    return (
        f"agenda pack, {result['papers']} papers of {PAGES} pages ({result['pages']} pages, "
        f"{result['size_bytes'] // 1024} KB): Word conversions at attach "
        f"{result['word_conversions_at_attach_s']} s; first build {result['first_build_s']} s "
        f"(target {result['target_s']} s); stored download {result['stored_download_ms_p50']} "
        f"ms (median of {DOWNLOADS})  {'yes' if result['ok'] else 'NO'}"
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(report(pack_round()))
