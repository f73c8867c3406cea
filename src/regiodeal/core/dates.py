"""Dutch dates through Babel, so that a document reads the same in any server locale."""

import calendar
import datetime

from babel.dates import format_date


def month_year(value: datetime.date, locale: str = "nl_NL") -> str:
    """``december 2021``."""
    return format_date(value, format="MMMM y", locale=locale)


def long_date(value: datetime.date, locale: str = "nl_NL") -> str:
    """``14 december 2021``."""
    return format_date(value, format="d MMMM y", locale=locale)


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), clipped to the month's last day.

    Written out rather than taken from python-dateutil: it is the only date arithmetic the
    project needs, and not worth a dependency.
    """
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)
