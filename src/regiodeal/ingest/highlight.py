"""The source text as HTML with the evidence of each field marked, for the review screen."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css_class: str
    anchor: str  # element id, so a field can link to its evidence
    label: str  # shown on hover, e.g. "bedrag – besluit 3"


def highlight(text: str, marks: list[Mark]) -> SafeString:
    """``text`` escaped, with each mark wrapped in ``<mark>``; overlapping marks are skipped.

    A description span usually contains the title and amount spans, so the caller passes only
    the short fields (title, amount); the first of two overlapping marks wins.
    """
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if 0 <= mark.start < mark.end <= len(text) and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    parts, position = [], 0
    for mark in kept:
        parts.append(escape(text[position : mark.start]))
        parts.append(
            f'<mark class="{escape(mark.css_class)}" id="{escape(mark.anchor)}" '
            f'title="{escape(mark.label)}">{escape(text[mark.start : mark.end])}</mark>'
        )
        position = mark.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece above is escaped
