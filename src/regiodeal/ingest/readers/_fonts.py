"""Heading levels from font sizes in a PDF's text layer: larger than the body text is a heading.

Layout mode gives positions but no sizes; a plain-mode pass with a visitor gives the size of
every piece of text. The largest size is level 1 (the title), the next level 2, and so on. A
line set in a small font (a "Regio Deal ..." kicker above the title) is marked SMALL: it is
no heading at all, however short.
"""

import math
import re
from collections import Counter, defaultdict

# Clearly larger than the body text; a bold body-size line is not told apart by its size.
LARGER = 1.15
MAX_LEVELS = 6
# The "level" of a line set smaller than the body text: a kicker, caption or running head,
# never a heading, however short it is.
SMALL = 0
_SPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """Layout mode and plain mode space a line differently; compare without spaces."""
    return _SPACE.sub("", text)


def heading_levels(pages) -> dict[str, int]:
    """The level of each line (by key()) set in a heading size, or SMALL; {} if unknown."""
    lines: dict[tuple[int, int], list[tuple[float, str]]] = defaultdict(list)
    try:
        for number, page in enumerate(pages):

            def visit(text, cm, tm, _font, size, number=number) -> None:
                if not text.strip() or not size:
                    return
                # The text matrix times the current matrix: its vertical scale sizes the font.
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines[(number, round(y))].append((round(size * math.hypot(c, d) * 2) / 2, text))

            page.extract_text(visitor_text=visit)
    except Exception:
        # Sizes only refine the headings; a PDF whose fonts pypdf cannot measure is read
        # without them (whatever pypdf raised), and its text came through layout mode already.
        return {}
    volume: Counter[float] = Counter()
    for pieces in lines.values():
        for size, text in pieces:
            volume[size] += len(text.strip())
    if not volume:
        return {}
    body = volume.most_common(1)[0][0]
    larger = sorted((size for size in volume if size >= body * LARGER), reverse=True)
    rank = {size: level for level, size in enumerate(larger[:MAX_LEVELS], start=1)}
    levels: dict[str, int] = {}
    for pieces in lines.values():
        size = max(size for size, _text in pieces)
        if size in rank or size < body:
            levels.setdefault(key("".join(text for _size, text in pieces)), rank.get(size, SMALL))
    return levels
