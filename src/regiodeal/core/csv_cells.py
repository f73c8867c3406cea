"""Cells of the CSV files the public downloads (open data, the finance overview)."""

from datetime import date
from decimal import Decimal

# A spreadsheet program opening a CSV file reads a cell that starts with one of these as a
# formula (OWASP, "CSV injection"). Names and titles come from the office and from applicants.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | int | Decimal | date | bool | None) -> str:
    """The text of one cell: amounts with two decimals and a point, text that would start a
    formula behind an apostrophe, as spreadsheet programs themselves mark text."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return str(value)
