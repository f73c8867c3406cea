"""Decisions from table rows: a header row says which column is the title and which the amount."""

import re

from .amounts import AmountRole, MoneyMention, classify, find_amounts
from .documents import Block, ReadDocument
from .kinds import Kind, classify_kind

CELL_SEPARATOR = " | "
TITLE_HEADERS = re.compile(
    r"^(project(naam|titel)?|titel|naam|initiatief|omschrijving|activiteit|onderwerp)", re.I
)
GRANTED_HEADERS = re.compile(
    r"(toegekend|toekenning|bijdrage|subsidie|besluit|bedrag|regio ?deal|beschikbaar)", re.I
)
DECOY_HEADERS = re.compile(
    r"(aangevraagd|gevraagd|totale? ?(project)?kosten|begroting|cofinanciering|eigen bijdrage|"
    r"investering|restant|resterend)",
    re.I,
)
TOTAL_ROW = re.compile(r"^\s*(sub)?totaal\b|^\s*total\b", re.I)

Row = tuple[Block, tuple[int, int], MoneyMention | None, tuple[int, int] | None, Kind | None]
# What an amount column says when nothing was granted: "€ 0", "–", "afgewezen", "aangehouden".
NOTHING_GRANTED = re.compile(r"^\s*(?:€\s*)?(?:0(?:[.,]0+)?|[-–—]|nvt|n\.v\.t\.)\s*\*?\s*$", re.I)


def _cells(row: Block) -> list[tuple[int, str]]:
    """Cells of a row with their offsets in the document."""
    cells, offset = [], row.start
    for cell in row.text.split(CELL_SEPARATOR):
        cells.append((offset, cell))
        offset += len(cell) + len(CELL_SEPARATOR)
    return cells


def _header(row: Block) -> tuple[int | None, int | None] | None:
    """(title column, amount column) if ``row`` is a header row."""
    cells = [text for _offset, text in _cells(row)]
    if find_amounts(row.text) or not any(TITLE_HEADERS.match(c.strip()) for c in cells):
        return None
    title_column = next((i for i, c in enumerate(cells) if TITLE_HEADERS.match(c.strip())), None)
    amount_column = next(
        (
            i
            for i, c in enumerate(cells)
            if GRANTED_HEADERS.search(c) and not DECOY_HEADERS.search(c)
        ),
        None,
    )
    return title_column, amount_column


def table_decisions(document: ReadDocument, rows: list[Block]) -> list[Row]:
    title_column, amount_column = 0, None
    found: list[Row] = []
    for row in rows:
        header = _header(row)
        if header is not None:
            title_column = header[0] if header[0] is not None else 0
            amount_column = header[1]
            continue
        cells = _cells(row)
        if len(cells) < 2 or TOTAL_ROW.match(cells[0][1]):
            continue
        title_offset, title_text = cells[min(title_column, len(cells) - 1)]
        mention, span = _amount(cells, amount_column)
        kind_hint = None
        if mention is not None and mention.value == 0:
            mention, span = None, None
            kind_hint = Kind.REJECTION
        if mention is None:
            kind_hint = kind_hint or _outcome(cells, amount_column, row)
            if kind_hint is None:
                continue
        if not title_text.strip() or find_amounts(title_text):
            continue
        stripped = title_text.strip()
        start = title_offset + title_text.find(stripped)
        found.append((row, (start, start + len(stripped)), mention, span, kind_hint))
    return found


def _outcome(cells: list[tuple[int, str]], amount_column: int | None, row: Block) -> Kind | None:
    """Rejected or deferred, for a row without a granted amount; None if it says neither."""
    if amount_column is not None and amount_column < len(cells):
        cell = cells[amount_column][1]
        if NOTHING_GRANTED.match(cell):
            return Kind.REJECTION
        kind = classify_kind(cell)
        if kind in (Kind.REJECTION, Kind.DEFERRAL):
            return kind
    kind = classify_kind(row.text)
    return kind if kind in (Kind.REJECTION, Kind.DEFERRAL) else None


def _amount(
    cells: list[tuple[int, str]], amount_column: int | None
) -> tuple[MoneyMention | None, tuple[int, int] | None]:
    columns = [amount_column] if amount_column is not None else range(len(cells) - 1, -1, -1)
    for index in columns:
        if index >= len(cells):
            continue
        offset, text = cells[index]
        for mention in find_amounts(text):
            # The granted column, or without a header the row's last amount, unless the cell's
            # own words make it a decoy ("totale kosten € 80.000", "begroting (totaal € 4,3 mln)").
            role = classify(text, mention)
            if role not in (AmountRole.GRANTED, AmountRole.UNKNOWN):
                continue
            return mention, (offset + mention.start, offset + mention.end)
    return None, None
