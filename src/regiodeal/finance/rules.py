"""The money rules of grants and settlements as plain arithmetic, testable without a database."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from regiodeal.core.money import CENT, allocate_pro_rata, to_money

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def _share(percentage: Decimal, amount: Decimal) -> Decimal:
    # Rounded down to the cent: a grant never exceeds the percentage it is limited to.
    return (amount * percentage / HUNDRED).quantize(CENT, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class GrantFigures:
    by_percentage: Decimal
    maximum: Decimal | None
    decision_amount: Decimal
    granted: Decimal
    limited_by: str  # "percentage", "maximum" or "decision"


def grant_amount(
    *,
    eligible_costs: Decimal,
    percentage: Decimal,
    maximum: Decimal | None,
    decision_amount: Decimal,
) -> GrantFigures:
    """granted = min(percentage × eligible costs, maximum, the steering group's amount).

    When two limits give the same amount, the order percentage, maximum, decision names the one
    that binds, so the explanation in the letter is stable.
    """
    by_percentage = _share(percentage, to_money(eligible_costs))
    candidates = [("percentage", by_percentage)]
    if maximum is not None:
        candidates.append(("maximum", to_money(maximum)))
    candidates.append(("decision", to_money(decision_amount)))
    limited_by, granted = min(candidates, key=lambda item: item[1])
    return GrantFigures(
        by_percentage=by_percentage,
        maximum=maximum,
        decision_amount=to_money(decision_amount),
        granted=max(granted, ZERO),
        limited_by=limited_by,
    )


@dataclass(frozen=True)
class SettlementFigures:
    by_percentage: Decimal
    settled: Decimal
    released: Decimal
    paid: Decimal
    recovery: Decimal
    balance_due: Decimal


def settlement_amount(
    *,
    actual_costs: Decimal,
    percentage: Decimal,
    granted: Decimal,
    paid: Decimal,
    outstanding: Decimal | None = None,
) -> SettlementFigures:
    """settled = min(percentage × actual costs, granted).

    ``outstanding`` is what is still committed for the grant (the granted amount unless the
    commitment changed after the grant); all of it that is not settled is released. Advances
    above the settled amount are recovered; below it, the balance is still to be paid.
    """
    by_percentage = _share(percentage, to_money(actual_costs))
    settled = min(by_percentage, to_money(granted))
    outstanding = to_money(granted if outstanding is None else outstanding)
    paid = to_money(paid)
    return SettlementFigures(
        by_percentage=by_percentage,
        settled=settled,
        released=max(outstanding - settled, ZERO),
        paid=paid,
        recovery=max(paid - settled, ZERO),
        balance_due=max(settled - paid, ZERO),
    )


def instalment_amounts(
    granted: Decimal, schedule: list[tuple[Decimal | None, Decimal | None]]
) -> list[Decimal]:
    """Amounts of an advance schedule of (percentage, amount) pairs, exactly one of them set.

    The percentage instalments share their part of the grant in whole cents without losing one:
    three times 33,33% of a grant add up to 99,99% of it, never more.
    """
    percentages = [p for p, _ in schedule if p is not None]
    pooled = _share(sum(percentages, Decimal(0)), to_money(granted)) if percentages else ZERO
    parts = iter(allocate_pro_rata(pooled, percentages) if percentages else [])
    return [next(parts) if p is not None else to_money(a) for p, a in schedule]


@dataclass(frozen=True)
class RijkShareCheck:
    rijk: Decimal
    total: Decimal

    @property
    def share(self) -> Decimal:
        return self.rijk / self.total if self.total else Decimal(0)

    @property
    def exceeded(self) -> bool:
        # The Regio Deal rule: the national government pays at most half of the programme.
        return self.rijk * 2 > self.total


def rijk_share(*, rijk: Decimal, total: Decimal) -> RijkShareCheck:
    return RijkShareCheck(rijk=to_money(rijk), total=to_money(total))
