"""When an agenda goes out: the clear days between publishing it and the meeting.

The Local Government Act 1972 (section 100B) asks for an agenda and its papers to be open to
the public at least five clear days before a meeting. Councils count clear days as their
legal advisers do: neither the day the agenda is published nor the day of the meeting
counts, and nor do Saturdays, Sundays and bank holidays. England and Wales share their bank
holidays; the `holidays` package keeps them, with each year's moved and extra days (a
coronation, a jubilee) as they are announced.
"""

import datetime
from functools import cache

import holidays
from django.conf import settings


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    # Wales has England's bank holidays: the package's England calendar is both.
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_days(published_on: datetime.date, meeting_on: datetime.date) -> int:
    """The working days strictly between publishing and the meeting (0 when none, or when
    the agenda went out on or after the meeting's day)."""
    days = (meeting_on - published_on).days - 1
    return sum(
        1 for n in range(1, days + 1) if is_working_day(published_on + datetime.timedelta(n))
    )


def is_short_notice(published_on: datetime.date, meeting_on: datetime.date) -> bool:
    """Fewer clear days than the law asks for (settings.AGENDA_CLEAR_DAYS)."""
    return clear_days(published_on, meeting_on) < settings.AGENDA_CLEAR_DAYS


def latest_day_for_notice(meeting_on: datetime.date) -> datetime.date:
    """The last day the agenda can go out and still give the clear days the law asks for."""
    day, counted = meeting_on, 0
    while counted < settings.AGENDA_CLEAR_DAYS:
        day -= datetime.timedelta(1)
        counted += is_working_day(day)
    return day - datetime.timedelta(1)
