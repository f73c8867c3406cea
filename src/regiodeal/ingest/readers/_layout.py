"""Lines of a laid-out page (a PDF's text layer) back into headings, paragraphs, lists, tables.

The text layer knows lines, not paragraphs. What is left of the layout: blank lines where the
vertical space is larger than between lines, the length of a line against the column width,
the indentation, and how lines start and end. The heuristics below read those, as a person
would when copying the text out.
"""

import re
from collections import Counter

from regiodeal.ingest.documents import BlockKind

from ._common import (
    HEADING_MAX_CHARS,
    Part,
    is_heading_like,
    is_list_marker,
    looks_like_entry,
    promote_title,
    strip_bullet,
)
from ._fonts import SMALL, key

# A paragraph's last line ends a sentence and is clearly shorter than the column.
_SENTENCE_END = (".", "!", "?", ":", ";")
LAST_LINE_SHARE = 0.75
# Headings are clearly shorter than the column, so a full line of prose never is one.
HEADING_SHARE = 0.7
# A title or heading set in a large font wraps onto a few lines at most.
MAX_HEADING_LINES = 3
# Layout mode renders the space between table columns as a run of spaces.
_COLUMN_GAP = re.compile(r"\s{3,}")
_PHRASE = re.compile(r"\S \S")
# "Zuid- en Oost-Drenthe": a hyphen before a conjunction is part of the text, not a break.
_CONJUNCTIONS = frozenset({"en", "of", "tot", "en/of", "and", "or"})
_BROKEN_WORD = re.compile(r"([^\W\d_]*)[-\u2010\u00ad]$")


def lines_to_parts(lines: list[str], levels: dict[str, int] | None = None) -> list[Part]:
    """Blocks from the lines of all pages; levels gives heading levels known from font sizes."""
    groups = _groups(lines)
    filled = sorted(len(line.strip()) for group in groups for line in group)
    # The column width: a high percentile, so that one stray long line does not set it.
    width = filled[int(len(filled) * 0.9)] if filled else 0
    parts: list[Part] = []
    for group in groups:
        parts += _group_parts(group, width, levels or {})
    return promote_title(parts)


def _groups(lines: list[str]) -> list[list[str]]:
    """Split where the vertical gap is larger than the usual gap between lines.

    With single spacing lines follow each other and a blank line means a new block; with
    double spacing every line is followed by a blank one and only two mean a new block.
    Blocks without space between them are split later, by how their lines look.
    """
    gaps: list[int] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        gaps.append(blanks)
        blanks = 0
    # The usual gap is the smallest that is common: with short paragraphs there are more gaps
    # between blocks than inside them, but a double-spaced text never has lines without one.
    counts = Counter(gaps[1:])
    common = [gap for gap, count in counts.items() if count * 5 >= len(gaps) - 1]
    usual = min(common) if common else 0
    groups: list[list[str]] = []
    filled = [line for line in lines if line.strip()]
    for line, gap in zip(filled, gaps, strict=True):
        if not groups or gap > usual:
            groups.append([])
        groups[-1].append(line)
    return groups


def _group_parts(lines: list[str], width: int, levels: dict[str, int]) -> list[Part]:
    parts: list[Part] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append((BlockKind.PARAGRAPH, join_lines(paragraph), None, ""))
            paragraph.clear()

    index = 0
    checked_until = 0  # lines up to here are known not to start a table: look once, not per line
    while index < len(lines):
        line, text = lines[index], lines[index].strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else None
        if heading := _sized_heading(lines, index, levels):
            flush()
            parts.append((BlockKind.HEADING, join_lines(heading), levels[key(text)], ""))
            index += len(heading)
            continue
        if index >= checked_until:
            rows, checked_until = _table_run(lines, index)
            if rows:
                flush()
                parts += [(BlockKind.TABLE_ROW, " | ".join(_cells(r)), None, "") for r in rows]
                index += len(rows)
                continue
        entries = _run(lines, index, lambda t: looks_like_entry(t) and not is_list_marker(t))
        if entries >= 2:
            flush()
            rows = lines[index : index + entries]
            parts += [(BlockKind.LIST_ITEM, strip_bullet(row), None, "") for row in rows]
            index += entries
            continue
        if is_list_marker(text):
            flush()
            item, indent = [strip_bullet(text)], _indent(line)
            index += 1
            # Wrapped lines of the item are indented under its text, or go on in lower case.
            while index < len(lines) and not is_list_marker(lines[index]):
                nxt = lines[index]
                if _indent(nxt) <= indent and not nxt.strip()[:1].islower():
                    break
                item.append(nxt)
                index += 1
            parts.append((BlockKind.LIST_ITEM, join_lines(item), None, ""))
            continue
        # After a table, list or heading, or a sentence's end, a new block may begin.
        boundary = not paragraph or paragraph[-1].strip().endswith(_SENTENCE_END)
        if boundary and levels.get(key(text)) != SMALL and _is_heading(text, following, width):
            flush()
            parts.append((BlockKind.HEADING, text, None, ""))
            index += 1
            continue
        paragraph.append(line)
        if (
            following is not None
            and text.endswith(_SENTENCE_END)
            and len(text) < LAST_LINE_SHARE * width
            and _starts_upper(following)
        ):
            flush()
        index += 1
    flush()
    return parts


def _is_heading(text: str, following: str | None, width: int) -> bool:
    """Short, not ending like a sentence, and followed by a line that starts anew."""
    return (
        is_heading_like(text)
        and _starts_upper(text)
        and len(text) <= max(HEADING_SHARE * width, 20)
        and (following is None or _starts_upper(following) or is_list_marker(following))
    )


def _sized_heading(lines: list[str], start: int, levels: dict[str, int]) -> list[str]:
    """Up to three lines in one heading size that do not end like a sentence.

    More lines, or a last line ending in a full stop, are a lead paragraph in a larger font.
    """
    level = levels.get(key(lines[start]))
    if not level:  # unknown, or SMALL
        return []
    end = start
    while end < len(lines) and end - start <= MAX_HEADING_LINES:
        if levels.get(key(lines[end])) != level or len(lines[end].strip()) >= HEADING_MAX_CHARS:
            break
        end += 1
    run = lines[start:end]
    if len(run) > MAX_HEADING_LINES or run[-1].strip().endswith(_SENTENCE_END):
        return []
    return run


def _starts_upper(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "€(\"'‘“"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _run(lines: list[str], start: int, test) -> int:
    count = 0
    while start + count < len(lines) and test(lines[start + count].strip()):
        count += 1
    return count


def _cells(line: str) -> list[str]:
    return _COLUMN_GAP.split(line.strip())


def _table_run(lines: list[str], start: int) -> tuple[list[str], int]:
    """Rows of a table from start on, and where the run of multi-cell lines ends.

    Cells are separated by wide gaps. Justified prose has wide gaps too, but all gaps of a
    justified line are stretched alike, so its "cells" are single words. A table has cells of
    several words ("Stichting De Spil", "€ 45.000"); at least half of the rows must have one.
    Cell positions do not line up reliably in layout mode (it estimates character widths),
    so they are not compared.
    """
    end = start
    while end < len(lines) and len(_cells(lines[end])) >= 2:
        end += 1
    rows = lines[start:end]
    phrases = sum(1 for row in rows if any(_PHRASE.search(cell) for cell in _cells(row)))
    return (rows if len(rows) >= 2 and phrases * 2 >= len(rows) else []), max(end, start + 1)


def join_lines(lines: list[str]) -> str:
    """The lines of one block as one text, words broken at the line end made whole again.

    "ontwik-" + "kelen" is "ontwikkelen"; "360-" + "graden" stays "360-graden" and "Oost-" +
    "Drenthe" stays "Oost-Drenthe" (only a lower-case fragment before a lower-case line start
    is a broken word); "Zuid-" + "en Oost" keeps its space ("Zuid- en Oost-Drenthe").
    """
    pieces: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        last = pieces[-1] if pieces else ""
        broken = _BROKEN_WORD.search(last)
        next_word = line.split(" ", 1)[0].rstrip(",;:.")
        if not pieces:
            pieces.append(line)
        elif broken is None or len(last) < 2 or not last[-2].isalnum():
            pieces += ["\n", line]  # normalise() turns the line break into a space
        elif next_word.lower() in _CONJUNCTIONS:
            pieces[-1] = last[:-1] + "-"
            pieces += ["\n", line]
        elif last.endswith("\u00ad") or (
            broken.group(1).islower() and broken.group(1).isalpha() and line[:1].islower()
        ):
            pieces[-1] = last[:-1]
            pieces.append(line)
        else:
            pieces[-1] = last[:-1] + "-"
            pieces.append(line)
    return "".join(pieces)
