"""CSV downloads that open cleanly in Excel: UTF-8 with a byte-order mark, streamed so a long
action log never sits in memory."""

import csv
import unicodedata
from collections.abc import Iterable

from django.http import StreamingHttpResponse


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([neutralise(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# What makes a spreadsheet read a cell as a formula. Full-width and small forms (U+FF1D…)
# are included through NFKC, because some spreadsheets fold them to the ASCII characters.
FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(value) -> str:
    """The cell's text, with a leading quote added when a spreadsheet would run it as a
    formula. Quotes already at the start are looked past: a spreadsheet drops one as its own
    text marker, and the formula behind it would run once the file is saved and reopened."""
    text = "" if value is None else str(value)
    first = unicodedata.normalize("NFKC", text.lstrip("'")[:1])[:1]
    return f"'{text}" if first in FORMULA_STARTS else text
