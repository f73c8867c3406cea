from decimal import Decimal

from django import template

from regiodeal.core import money

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    return money.format_euro(amount)


@register.filter
def euro_words(amount: Decimal | None) -> str:
    return money.format_euro_words(amount)


@register.filter
def euro_compact(amount: Decimal | None) -> str:
    return money.format_euro_compact(amount)


@register.filter
def percentage(fraction: Decimal | None) -> str:
    """``50%`` or ``2,9%``: a share of a total, Dutch notation."""
    if fraction is None:
        return ""
    return money.format_share(fraction)


@register.filter
def number(value: Decimal | None) -> str:
    """A score or weight the Dutch way, without trailing zeros: ``5,5``, ``10``, ``7,25``."""
    if value is None:
        return "–"
    return money.format_number(value, "#,##0.###")
