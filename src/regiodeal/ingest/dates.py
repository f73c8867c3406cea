"""Dates of a decision list as Dutch documents write them."""

import datetime
import re

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./]((?:19|20)\d\d)\b")
ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as ``YYYY-MM-DD`` or ``YYYY-MM``, with its span."""
    candidates: list[tuple[int, int, str]] = []
    for match in DAY_MONTH_YEAR.finditer(text):
        day, month, year = int(match[1]), MONTHS[match[2].lower()], int(match[3])
        if _valid(year, month, day):
            candidates.append((match.start(), match.end(), f"{year:04d}-{month:02d}-{day:02d}"))
    for match in NUMERIC.finditer(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        if _valid(year, month, day):
            candidates.append((match.start(), match.end(), f"{year:04d}-{month:02d}-{day:02d}"))
    for match in ISO.finditer(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if _valid(year, month, day):
            candidates.append((match.start(), match.end(), f"{year:04d}-{month:02d}-{day:02d}"))
    for match in MONTH_YEAR.finditer(text):
        inside_full = any(start <= match.start() < end for start, end, _ in candidates)
        if not inside_full:
            month, year = MONTHS[match[1].lower()], int(match[2])
            candidates.append((match.start(), match.end(), f"{year:04d}-{month:02d}"))
    if not candidates:
        return None
    start, end, value = min(candidates)
    return value, start, end


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
