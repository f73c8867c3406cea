"""What kind of decision a passage records, from the words Dutch decision lists use."""

import re
from enum import StrEnum


class Kind(StrEnum):
    NEW = "new"
    EXTENSION = "extension"
    REJECTION = "rejection"
    DEFERRAL = "deferral"
    BUDGET_CHANGE = "budget_change"
    UNKNOWN = "unknown"


# Checked in this order: a rejection or deferral overrides everything, since such passages
# often also mention what was asked for or what an extension would have cost.
CUES: list[tuple[Kind, re.Pattern[str]]] = [
    (
        Kind.REJECTION,
        re.compile(
            r"\b(afgewezen|af te wijzen|wijst\b.{0,40}\baf\b|afwijzing|niet te honoreren|"
            r"niet gehonoreerd|niet honoreren|geen bijdrage|niet toegekend|niet toe te kennen|"
            r"komt niet in aanmerking|voldoet niet aan|niet te financieren|niet akkoord|"
            r"vi?el(?:t)? af|valt af|vi?el(?:t)? buiten|valt buiten|geweigerd|weigert|"
            r"honoreert\b[^.;]{0,80}\bniet\b|wordt niet gehonoreerd|niet in behandeling)",
            re.IGNORECASE,
        ),
    ),
    (
        Kind.DEFERRAL,
        re.compile(
            r"\b(aangehouden|aan te houden|houdt\b.{0,40}\baan\b|uitgesteld|uit te stellen|"
            r"besluitvorming (is|wordt) (verschoven|verdaagd)|verdaagd|nog geen besluit|"
            r"besluit volgt|opnieuw geagendeerd|terugkomen op|op te schorten|opgeschort|"
            r"doorgeschoven|terug op de agenda|aanhouden|besluit\b[^.;]{0,40}\bpas\b)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Kind.BUDGET_CHANGE,
        re.compile(
            r"\b(verhoogd met|verlaagd met|verhoging van de bijdrage|verlaging van de bijdrage|"
            r"budgetwijziging|bijgesteld|ophoging|opgehoogd|verminderd met|neerwaarts|"
            r"met\s+(?:€|EUR)\s?[\d.,]+(?:,-+)?\s+(?:verhoogd|verlaagd)|"
            r"(?:verhoogd|verlaagd)\s+van\s+(?:€|EUR))",
            re.IGNORECASE,
        ),
    ),
    (
        Kind.EXTENSION,
        re.compile(
            r"\b(uitbreiding(en)?|uitgebreid|vervolg(project|fase|traject|aanvraag)?|"
            r"verlenging|verlengd|tweede fase|derde fase|fase 2|fase II|continuering|"
            r"voortzetting|voortgezet|aanvullende bijdrage|aanvullend budget|opschaling)\b",
            re.IGNORECASE,
        ),
    ),
]
DECREASE = re.compile(r"\b(verlaagd|verlaging|verminderd|neerwaarts)", re.IGNORECASE)


def classify_kind(text: str) -> Kind:
    """The kind of the decision in ``text``; NEW when nothing says otherwise."""
    for kind, cue in CUES:
        if cue.search(text):
            return kind
    return Kind.NEW


def is_decrease(text: str) -> bool:
    return bool(DECREASE.search(text))
