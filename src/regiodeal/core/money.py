"""Money as Decimal, written the Dutch way.

Babel does the locale work (grouping with ".", decimal comma); the three house styles the
besluitenlijsten use are thin wrappers around it.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_percent, parse_pattern

CENT = Decimal("0.01")
LOCALE = "nl_NL"
_LOCALE = Locale.parse(LOCALE)


@lru_cache(maxsize=16)
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def format_number(number: Decimal | int, pattern: str) -> str:
    """Babel's format_decimal in the Dutch locale, with the locale and pattern parsed once:
    babel parses both on every call, which was a third of a long besluitenlijst's build."""
    return _pattern(pattern).apply(number, _LOCALE)


def to_money(value: Decimal | int | str) -> Decimal:
    """Quantise to whole cents; refuses floats so that binary rounding never reaches money."""
    if isinstance(value, float):
        raise TypeError("Geldbedragen zijn Decimal, geen float.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _number(amount: Decimal) -> str:
    amount = to_money(amount)
    if amount == amount.to_integral_value():
        return format_number(amount, "#,##0")
    return format_number(amount, "#,##0.00")


def format_euro(amount: Decimal | int | None) -> str:
    """``€ 480.000`` or ``€ 8.160,50``; negative amounts as ``-€ 25.000``."""
    if amount is None:
        return ""
    amount = to_money(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}€\u00a0{_number(abs(amount))}"


def format_euro_words(amount: Decimal | int | None) -> str:
    """``480.000 euro``: the form of the besluitenlijst's amount sentence."""
    if amount is None:
        return ""
    return f"{_number(to_money(amount))} euro"


def format_euro_compact(amount: Decimal | int | None) -> str:
    """``€ 1,2 miljoen`` from a million up, otherwise the full ``€ 480.000``."""
    if amount is None:
        return ""
    amount = to_money(amount)
    if abs(amount) < 1_000_000:
        return format_euro(amount)
    millions = (abs(amount) / Decimal(1_000_000)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    number = format_number(millions, "#,##0.#")
    sign = "-" if amount < 0 else ""
    return f"{sign}€\u00a0{number} miljoen"


def allocate_pro_rata(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``amount`` over ``weights`` in whole cents so that the parts add up exactly.

    Largest-remainder method: each part is rounded down, the cents left over go to the parts
    with the largest remainders (ties to the earlier part), so no cent is lost or invented.
    """
    amount = to_money(amount)
    total_weight = sum(weights, Decimal(0))
    if not weights:
        return []
    if total_weight <= 0:
        raise ValueError("De verdeelsleutel moet positief zijn.")
    cents = int(amount / CENT)
    sign = -1 if cents < 0 else 1
    cents = abs(cents)
    exact = [Decimal(cents) * w / total_weight for w in weights]
    floors = [int(x) for x in exact]
    leftover = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    return [Decimal(sign * c) * CENT for c in floors]


def format_share(fraction: Decimal) -> str:
    """A fraction as a Dutch percentage with one decimal where it matters: ``50%``, ``2,9%``."""
    return format_percent(fraction, format="#,##0.#%", locale=LOCALE)
