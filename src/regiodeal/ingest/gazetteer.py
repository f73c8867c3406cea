"""Dutch municipalities (CBS 2025) found in running text, without a database.

The names come from the shipped CBS list, so `regiodeal extract` works on a bare checkout.
Matching is by regular expression over the official names and a few common aliases; no NLP
library ships a Dutch gazetteer with CBS codes, which is why this is written by hand.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache

from regiodeal.organisations.services import DATA_DIR, MUNICIPALITIES_CSV

# Villages and towns (GeoNames, mapped to their 2025 municipality by location).
VILLAGES_CSV = DATA_DIR / "villages.csv"


@dataclass(frozen=True)
class PlaceMention:
    name: str  # the official name
    code: str  # CBS code, e.g. GM0114
    start: int
    end: int


# Official names carry a suffix where two municipalities share one; texts mostly write the
# short or everyday form.
ALIASES = {
    "'s-Gravenhage": ["Den Haag"],
    "'s-Hertogenbosch": ["Den Bosch"],
    "Súdwest-Fryslân": ["Sudwest-Fryslan", "Súdwest Fryslân"],
    "Nuenen, Gerwen en Nederwetten": ["Nuenen"],
    "Bergen (NH.)": ["Bergen NH", "Bergen (NH)"],
    "Bergen (L.)": ["Bergen L", "Bergen (L)"],
    "Laren (NH.)": ["Laren NH"],
    "Beek (L.)": ["gemeente Beek"],
    "Stein (L.)": ["gemeente Stein"],
}
# Names that are also ordinary Dutch or English words: only a place after a word that introduces
# one ("gemeente Best", "in Putten"), never at the start of a sentence.
COMMON_WORDS = {"Best", "Putten", "Buren", "Sluis", "Goes", "Epe", "Ede", "Hulst", "Oss", "Urk"}
PLACE_INTRODUCERS = re.compile(r"(?:gemeente|in|te|uit|en|naar|rond|bij)\s+$", re.IGNORECASE)
# A municipality that is also a province ("provincie Groningen", "provincie Utrecht"), and
# place names inside surnames and street names ("Van Dalen", "Emmerweg").
PROVINCE_BEFORE = re.compile(r"(provincie|\b[Vv]an|\b[Dd]e|\b[Tt]er|\b[Tt]en)\s+$")


@cache
def _municipalities() -> tuple[tuple[str, str], ...]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return tuple((row["name"], row["code"]) for row in csv.DictReader(handle))


@cache
def _villages() -> tuple[tuple[str, str, str], ...]:
    with VILLAGES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(
            (row["name"], row["municipality_name"], row["municipality_code"])
            for row in csv.DictReader(handle)
        )


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    by_form: dict[str, tuple[str, str]] = {}
    # Villages first, so that a municipality's own name wins where the two coincide.
    for village, municipality, code in _villages():
        by_form[village] = (municipality, code)
    for name, code in _municipalities():
        for form in [name, *ALIASES.get(name, [])]:
            by_form[form] = (name, code)
    # Longest first, so "Bergen op Zoom" wins over "Bergen" and "Midden-Drenthe" over "Drenthe".
    forms = sorted(by_form, key=len, reverse=True)
    # Hyphens count as part of a word: "Nieuw-Amsterdam" is a village of Emmen, not Amsterdam.
    alternation = "|".join(re.escape(form) for form in forms)
    pattern = re.compile(rf"(?<![\w\-'’])({alternation})(?![\w\-])")
    return pattern, by_form


def find_places(text: str) -> list[PlaceMention]:
    pattern, by_form = _pattern()
    found = []
    for match in pattern.finditer(text):
        form = match.group(1)
        name, code = by_form[form]
        before = text[max(0, match.start() - 20) : match.start()]
        if PROVINCE_BEFORE.search(before):
            continue
        if form in COMMON_WORDS and not PLACE_INTRODUCERS.search(before):
            continue
        found.append(PlaceMention(name=name, code=code, start=match.start(), end=match.end()))
    return found


def municipality_names() -> list[str]:
    return [name for name, _code in _municipalities()]
