import datetime

from boards.models import BoardYear


class BoardYearConverter:
    """A board year as URLs write it (2022-23), handed to views as its start year (2022)."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> int:
        start_year = BoardYear.start_year_from_slug(value)
        if start_year is None:
            raise ValueError(value)  # 2022-24 is no board year: the URL does not match, 404
        return start_year

    def to_url(self, value: int | str) -> str:
        return BoardYear.slug_for(value) if isinstance(value, int) else value


class IsoDateConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError makes the URL not match: 404

    def to_url(self, value: datetime.date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()
