"""Dutch dates through Babel, so that a document reads the same in any server locale."""

import datetime

from babel.dates import format_date


def month_year(value: datetime.date, locale: str = "nl_NL") -> str:
    """``december 2021``."""
    return format_date(value, format="MMMM y", locale=locale)


def long_date(value: datetime.date, locale: str = "nl_NL") -> str:
    """``14 december 2021``."""
    return format_date(value, format="d MMMM y", locale=locale)
