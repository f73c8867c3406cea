"""A choropleth of money per municipality as inline SVG, drawn from CBS's boundaries.

The boundaries are the TopoJSON file of the ``organisations`` app (CBS / PDOK, via cartomap/nl).
They are decoded once per process: the file never changes while the site runs. The map needs
no JavaScript and no tiles from elsewhere, so it works offline, under the strict Content Security
Policy and in WeasyPrint's PDFs. Colour is never the only carrier of information: every shape has
a ``<title>`` with name and amount, the legend gives each colour's range in words, and the page
shows the same figures in a table.
"""

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape
from itertools import count
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

BOUNDARIES = Path(__file__).resolve().parent.parent / "organisations/data/gemeente_2025.topojson"
OBJECT_NAME = "gemeente_2025"
ATTRIBUTION = "CBS / PDOK, via cartomap/nl"

# A sequential blue scale, light to dark, readable with black outlines; "no money" is white.
COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
NO_MONEY = "#ffffff"

Ring = list[tuple[float, float]]
_ids = count(1)


@dataclass(frozen=True)
class Area:
    code: str  # CBS code, GM0109
    name: str
    value: Decimal
    url: str = ""


@dataclass(frozen=True)
class LegendClass:
    colour: str
    low: Decimal | None  # None: the class of areas without money
    high: Decimal | None


def _decode_arcs(topology: dict) -> list[Ring]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            # Quantised and delta-encoded: each position is relative to the one before.
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indices: Iterable[int]) -> Ring:
    points: Ring = []
    for index in indices:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point; keep it once.
        points.extend(arc if not points else arc[1:])
    return points


@lru_cache(maxsize=1)
def boundaries() -> dict[str, tuple[Ring, ...]]:
    """Every municipality's rings (outer rings and holes) in longitude/latitude, by CBS code."""
    topology = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    result: dict[str, tuple[Ring, ...]] = {}
    for geometry in topology["objects"][OBJECT_NAME]["geometries"]:
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        result[geometry["properties"]["statcode"]] = rings
    return result


def legend_classes(values: Sequence[Decimal]) -> list[LegendClass]:
    """Up to four classes of the positive values by rank, so each colour is used; plus 'none'.

    Values a cent apart (an amount split over places leaves such differences) are one value:
    they are grouped by whole euros, and each class spans its members' actual lowest and highest.
    """
    by_euro: dict[Decimal, list[Decimal]] = {}
    for value in values:
        if value > 0:
            by_euro.setdefault(value.quantize(Decimal(1)), []).append(value)
    keys = sorted(by_euro)
    classes = [LegendClass(NO_MONEY, None, None)]
    if not keys:
        return classes
    groups = min(len(COLOURS), len(keys))
    for index in range(groups):
        members = [
            value
            for key in keys[len(keys) * index // groups : len(keys) * (index + 1) // groups]
            for value in by_euro[key]
        ]
        colour = COLOURS[round(index * (len(COLOURS) - 1) / max(groups - 1, 1))]
        classes.append(LegendClass(colour, min(members), max(members)))
    return classes


def class_for(value: Decimal, classes: Sequence[LegendClass]) -> LegendClass:
    if value <= 0:
        return classes[0]
    for legend_class in classes[1:]:
        if value <= legend_class.high:
            return legend_class
    return classes[-1]


def _path(rings: Iterable[Ring], project: Callable[[float, float], tuple[float, float]]) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def choropleth(
    areas: Sequence[Area],
    *,
    title: str,
    description: str,
    format_value: Callable[[Decimal], str] = str,
    width: int = 480,
) -> SafeString:
    """An SVG map of ``areas``, each a link to its page with a ``<title>``; areas whose code is not
    in the boundaries file are left out of the drawing (the table beside the map still has them).
    """
    shapes = boundaries()
    drawn = [area for area in areas if area.code in shapes]
    chart_id = f"map-{next(_ids)}"
    points = [point for area in drawn for ring in shapes[area.code] for point in ring]
    if not points:
        return mark_safe("")  # nosec B308 B703: nothing to draw
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    # Equirectangular with the mid-latitude's scale: true enough in shape for one region.
    stretch = math.cos(math.radians((min_lat + max_lat) / 2))
    margin = 4
    scale = (width - 2 * margin) / max((max_lon - min_lon) * stretch, 1e-9)
    height = round((max_lat - min_lat) * scale + 2 * margin)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (margin + (lon - min_lon) * stretch * scale, margin + (max_lat - lat) * scale)

    classes = legend_classes([area.value for area in drawn])
    parts = [
        # A group, not role="img": an image's children are presentational, and the municipalities
        # are links that keyboard and screen-reader users must reach (axe: nested-interactive).
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="group" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for area in sorted(drawn, key=lambda a: a.code):
        fill = class_for(area.value, classes).colour
        label = f"{area.name}: {format_value(area.value)}"
        shape = (
            f'<path d="{_path(shapes[area.code], project)}" fill="{fill}" stroke="#1b1b1b" '
            f'stroke-width="0.8" fill-rule="evenodd" data-code="{escape(area.code)}" '
            f'data-value="{area.value}"><title>{escape(label)}</title></path>'
        )
        if area.url:
            shape = f'<a href="{escape(area.url)}" aria-label="{escape(label)}">{shape}</a>'
        parts.append(shape)
    parts.append("</svg>")
    # Every text above is escaped; the numbers are our own.
    return mark_safe("".join(parts))  # nosec B308 B703
