"""Organisations named in a decision: governments, foundations, schools, companies, associations.

Rule-based on the way Dutch documents name organisations ("Stichting …", "gemeente …",
"… B.V."); a statistical named-entity model for Dutch would need model weights that cannot be
downloaded at run time here.
"""

import re

from .gazetteer import find_places

_NAME = r"[A-ZÀ-Ý0-9][\w'’&.\-]*"
_NAME_WORDS = rf"{_NAME}(?:\s+(?:(?:van|de|der|den|het|voor|op|aan|in|'t)\s+)*{_NAME})*"
PATTERNS = [
    re.compile(rf"\b[Pp]rovincie\s+{_NAME_WORDS}"),
    re.compile(rf"\bLandkreis\s+{_NAME_WORDS}"),
    re.compile(
        rf"\b(?:Stichting|Vereniging|Coöperatie|Cooperatie|Ondernemersvereniging)\s+{_NAME_WORDS}"
    ),
    re.compile(rf"\b(?:Hogeschool|Universiteit|Waterschap|Wetterskip)\s+{_NAME_WORDS}"),
    re.compile(rf"\b{_NAME_WORDS}\s+(?:College|college|Academie|Lyceum|Universiteit)\b"),
    re.compile(rf"\b{_NAME}-college\b"),
    re.compile(rf"\b{_NAME_WORDS}\s+(?:B\.V\.|BV|N\.V\.|NV|V\.O\.F\.|Holding)(?![\w])"),
    re.compile(r"\bVNO-NCW(?:\s*/\s*MKB)?(?:\s+Noord|\s+Oost|\s+West|\s+Midden)?"),
    re.compile(rf"\b(?:Rijkswaterstaat|Ministerie van {_NAME_WORDS})"),
]


def find_organisations(text: str) -> list[str]:
    """Organisation names in order of appearance, each once."""
    found: list[tuple[int, str]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(0).strip(" ,;:")
            if name.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", name):
                name = name[:-1]  # a full stop, unless it closes "B.V." or "N.V."
            if name.lower().startswith("provincie "):
                name = "Provincie " + name[len("provincie ") :]
            found.append((match.start(), name))
    # "gemeente X" only when X is a municipality: "de gemeente" alone names no one.
    for place in find_places(text):
        before = text[max(0, place.start - 9) : place.start]
        if before.lower().endswith("gemeente "):
            found.append((place.start - 9, f"Gemeente {place.name}"))
    names: list[str] = []
    for _start, name in sorted(found):
        if name not in names:
            names.append(name)
    return names
