#!/usr/bin/env python3
"""Derive the 2025 municipality and province reference lists from the CBS/PDOK boundaries.

CBS publishes municipalities without their province, so this script assigns each municipality
to a province by a spatial join: it decodes both TopoJSON files, takes a point well inside each
municipality and looks up the province polygon that contains it.

Pure standard library on purpose (no shapely, no topojson client): the script runs once, by a
developer, to produce CSV files that are committed to the repository; the application only reads
those CSV files, so its runtime stays free of geometry dependencies.

Usage (from the repository root):

    python tools/derive_places.py [--shared ../shared/data/geo] [--out src/.../data]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO_ROOT / ".." / "shared" / "data" / "geo"
DEFAULT_OUT = REPO_ROOT / "src" / "regiodeal" / "organisations" / "data"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # first ring is the outer boundary, the others are holes

# Number of horizontal scanlines used to look for interior points; the outlines are snapped to a
# 0.001 degree grid, so a few dozen lines per municipality are more than enough.
SCANLINES = 64

# Spot checks from the brief; the script refuses to write output if any of them fails.
EXPECTED = {
    "GM0114": "PV22",  # Emmen, Drenthe
    "GM0160": "PV23",  # Hardenberg, Overijssel
    "GM0106": "PV22",  # Assen, Drenthe
    "GM0363": "PV27",  # Amsterdam, Noord-Holland
    "GM0034": "PV24",  # Almere, Flevoland
    "GM0088": "PV21",  # Schiermonnikoog, Friesland
    "GM0448": "PV27",  # Texel, Noord-Holland
}


# --- TopoJSON decoding -------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[Ring]:
    """Undo the delta encoding and the quantisation of every arc, giving lon/lat degrees."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def ring_from_arcs(indices: list[int], arcs: list[Ring]) -> Ring:
    """Stitch arcs into one ring; a negative index ~i means arc i reversed."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joint point; keep it once.
        ring.extend(arc[1:] if ring else arc)
    return ring


def polygons_of(geometry: dict, arcs: list[Ring]) -> list[Polygon]:
    """A Polygon or MultiPolygon geometry as a list of polygons (lists of rings)."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    return [[ring_from_arcs(ring, arcs) for ring in polygon] for polygon in parts]


def load_features(path: Path, object_name: str) -> dict[str, tuple[str, list[Polygon]]]:
    """Map statcode -> (statnaam, polygons) for one TopoJSON object."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features: dict[str, tuple[str, list[Polygon]]] = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        props = geometry["properties"]
        if props["statcode"] in features:
            raise SystemExit(f"{path.name}: duplicate feature {props['statcode']}")
        features[props["statcode"]] = (props["statnaam"], polygons_of(geometry, arcs))
    return features


# --- Planar geometry (lon/lat treated as a plane: fine at this scale for containment) ---------


def ring_area(ring: Ring) -> float:
    """Absolute shoelace area, used only to rank rings by size."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def inside_rings(point: Point, rings: list[Ring]) -> bool:
    """Even-odd rule over all rings: handles holes and multi-part shapes alike."""
    px, py = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            # Half-open test on y so a vertex exactly on the scanline is counted once.
            if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def segment_distance(point: Point, a: Point, b: Point) -> float:
    px, py = point
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def boundary_distance(point: Point, rings: list[Ring]) -> float:
    return min(
        segment_distance(point, a, b)
        for ring in rings
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def interior_point(polygons: list[Polygon]) -> Point:
    """A point well inside the largest part of a (multi)polygon.

    The bbox centre or centroid can fall outside concave shapes, and for island municipalities
    the largest part is the one that matters. So: take the polygon with the largest outer ring,
    cut it with horizontal scanlines, and of the midpoints of all inside stretches keep the one
    farthest from any edge (a cheap stand-in for a pole of inaccessibility). Being far from the
    edge also keeps the point clear of the coarse, slightly mismatched province outlines.
    """
    polygon = max(polygons, key=lambda rings: ring_area(rings[0]))
    outer = polygon[0]
    ys = [y for _, y in outer]
    y_min, y_max = min(ys), max(ys)
    best: Point | None = None
    best_distance = -1.0
    for i in range(SCANLINES):
        y = y_min + (i + 0.5) * (y_max - y_min) / SCANLINES
        crossings = sorted(
            x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            for ring in polygon
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            if (y1 > y) != (y2 > y)
        )
        # Even-odd: crossings pair up into inside stretches (holes included in the rings).
        for left, right in zip(crossings[::2], crossings[1::2], strict=True):
            candidate = ((left + right) / 2, y)
            distance = boundary_distance(candidate, polygon)
            if distance > best_distance:
                best, best_distance = candidate, distance
    # Verify: inside the largest outer ring, and not in one of its holes.
    if best is None or not inside_rings(best, [outer]) or not inside_rings(best, polygon):
        raise ValueError("no interior point found")
    return best


# --- Spatial join ----------------------------------------------------------------------------


def assign_province(
    point: Point, provinces: dict[str, tuple[str, list[Polygon]]]
) -> tuple[str, float | None]:
    """The province containing the point; else the one with the nearest boundary.

    Returns (province code, distance in degrees if the fallback was used, else None).
    """
    rings_by_code = {
        code: [ring for polygon in polygons for ring in polygon]
        for code, (_, polygons) in provinces.items()
    }
    hits = [code for code, rings in rings_by_code.items() if inside_rings(point, rings)]
    if len(hits) > 1:
        raise ValueError(f"point {point} lies in several provinces: {hits}")
    if hits:
        return hits[0], None
    distance, code = min(
        (boundary_distance(point, rings), code) for code, rings in rings_by_code.items()
    )
    return code, distance


def read_municipality_list(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="folder with the shared CBS/PDOK files (default: ../shared/data/geo from repo root)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    shared: Path = args.shared.resolve()
    out: Path = args.out.resolve()

    municipalities = load_features(shared / "gemeente_2025.topojson", "gemeente_2025")
    provinces = load_features(shared / "provincie_2025.topojson", "provincie_2025")
    names = read_municipality_list(shared / "gemeenten_2025.csv")

    # The CSV list and the map must describe the same municipalities.
    if set(names) != set(municipalities):
        raise SystemExit(
            f"code mismatch between gemeenten_2025.csv and the topojson: "
            f"{sorted(set(names) ^ set(municipalities))}"
        )

    rows: list[list[str]] = []
    fallbacks: list[str] = []
    for code in sorted(names):
        point = interior_point(municipalities[code][1])
        province, distance = assign_province(point, provinces)
        if distance is not None:
            fallbacks.append(
                f"{code} {names[code]}: no containing province at {point[0]:.4f},{point[1]:.4f};"
                f" nearest boundary {province} at {distance:.4f} degrees"
            )
        rows.append([code, names[code], province])

    by_code = {code: province for code, _, province in rows}
    wrong = {
        code: by_code[code] for code, expected in EXPECTED.items() if by_code[code] != expected
    }
    if wrong:
        raise SystemExit(f"spot check failed: {wrong}")

    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "municipalities_2025.csv", ["code", "name", "province_code"], rows)
    write_csv(
        out / "provinces_2025.csv",
        ["code", "name"],
        [[code, provinces[code][0]] for code in sorted(provinces)],
    )
    # The maps themselves are shipped unchanged for later map drawing.
    for name in ("gemeente_2025.topojson", "provincie_2025.topojson"):
        shutil.copyfile(shared / name, out / name)

    print(f"{len(rows)} municipalities, {len(provinces)} provinces written to {out}")
    for code in sorted(provinces):
        count = sum(1 for row in rows if row[2] == code)
        print(f"  {code} {provinces[code][0]:<15} {count:>3}")
    print(f"fallbacks (nearest boundary): {len(fallbacks)}")
    for line in fallbacks:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
