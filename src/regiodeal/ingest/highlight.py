"""The source text as HTML with the evidence of each field marked, for the review screen."""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString


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
    # Escaped pieces and format_html marks are both SafeStrings; adding them keeps them safe.
    html, position = SafeString(""), 0
    for mark in kept:
        html += escape(text[position : mark.start])
        html += format_html(
            '<mark class="{}" id="{}" title="{}">{}</mark>',
            mark.css_class,
            mark.anchor,
            mark.label,
            text[mark.start : mark.end],
        )
        position = mark.end
    return html + escape(text[position:])
