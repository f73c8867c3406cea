"""Bar charts as inline SVG, drawn on the server.

Written by hand rather than with a charting library because the charts must (1) work without
JavaScript under the site's strict Content Security Policy, (2) render in WeasyPrint's PDFs,
and (3) carry their own text alternative (``role="img"``, ``<title>``, ``<desc>``) — the
libraries we looked at either need JavaScript for that or emit markup WeasyPrint ignores.
Every chart is shown beside a data table with the same figures; the SVG is decoration for
sighted readers, the table is the data.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from itertools import count

from django.utils.safestring import SafeString, mark_safe

_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    # A second, lighter bar behind the first: a budget behind what was committed, or a target
    # behind an actual. Optional.
    reference: Decimal | None = None


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    format_value: Callable[[Decimal], str] = str,
    width: int = 640,
    bar_height: int = 22,
    label_width: int = 210,
    reference_label: str = "",
) -> SafeString:
    """A horizontal bar chart; the value is written at the end of each bar, so colour is
    never the only carrier of information."""
    chart_id = f"chart-{next(_ids)}"
    gap = 10
    top = 8
    value_space = 120
    plot = width - label_width - value_space
    maximum = max(
        [b.value for b in bars]
        + [b.reference for b in bars if b.reference is not None]
        + [Decimal(0)]
    )
    scale = (Decimal(plot) / maximum) if maximum > 0 else Decimal(0)
    height = top * 2 + len(bars) * (bar_height + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        middle = y + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 8}" y="{middle:.1f}" text-anchor="end" '
            f'class="chart-label">{escape(_shorten(bar.label))}</text>'
        )
        if bar.reference is not None and bar.reference > 0:
            reference = float(bar.reference * scale)
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{reference:.1f}" height="{bar_height}" '
                f'class="chart-reference" fill="#dfe6ee" stroke="#6b7c93" stroke-dasharray="3 2"/>'
            )
        length = float(max(bar.value, Decimal(0)) * scale)
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" '
            f'height="{bar_height - 6}" class="chart-bar" fill="#1f4e79"/>'
        )
        text = format_value(bar.value)
        if bar.reference is not None and reference_label:
            text = f"{text} / {format_value(bar.reference)}"
        end = label_width + max(length, float((bar.reference or 0) * scale)) + 6
        parts.append(
            f'<text x="{end:.1f}" y="{middle:.1f}" class="chart-value">{escape(text)}</text>'
        )
    parts.append("</svg>")
    # Every text that goes into the markup above is escaped.
    return mark_safe("".join(parts))  # nosec B308 B703


def _shorten(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
