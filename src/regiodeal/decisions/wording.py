"""The fixed sentences of a besluitenlijst.

These are Dutch on purpose and not run through the UI translation: a besluitenlijst is a
Dutch public document and must read the same whatever language the reader's browser asks for.
"""

from decimal import Decimal

from regiodeal.core.money import format_euro_words

from .constants import DecisionKind


def amount_sentence(kind: str, amount: Decimal | None) -> str:
    """The sentence that states what the steering group made available, as in the seed list."""
    if kind == DecisionKind.AFWIJZING:
        return "De stuurgroep heeft besloten hiervoor geen bijdrage beschikbaar te stellen."
    if kind == DecisionKind.UITSTEL:
        return "De stuurgroep heeft het besluit over dit project aangehouden."
    if amount is None:
        return ""
    if kind == DecisionKind.BUDGETWIJZIGING:
        verb = "verhoogd" if amount > 0 else "verlaagd"
        return f"De bijdrage is {verb} met {format_euro_words(abs(amount))}."
    if kind == DecisionKind.UITBREIDING:
        return (
            f"Voor deze uitbreiding is een bijdrage van {format_euro_words(amount)} "
            "beschikbaar gesteld."
        )
    return f"Hiervoor is een bijdrage van {format_euro_words(amount)} beschikbaar gesteld."


def correction_sentence(original_heading: str, original_list_title: str) -> str:
    return (
        f"Dit besluit corrigeert en vervangt het besluit over \u201c{original_heading}\u201d "
        f"in de {original_list_title[0].lower()}{original_list_title[1:]}."
    )
