"""Budget checks as plain arithmetic, so that they can be tested without a database."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class BudgetCheck:
    label: str
    budget: Decimal
    committed: Decimal
    amount: Decimal

    @property
    def available(self) -> Decimal:
        return self.budget - self.committed

    @property
    def after(self) -> Decimal:
        return self.available - self.amount

    @property
    def exceeded(self) -> bool:
        # A decision that lowers the commitment never exceeds, even on an overspent budget.
        return self.amount > 0 and self.after < 0

    @property
    def shortfall(self) -> Decimal:
        return -self.after if self.exceeded else Decimal("0.00")


def check_budget(
    *, label: str, budget: Decimal, committed: Decimal, amount: Decimal
) -> BudgetCheck:
    """Whether charging ``amount`` to a budget with ``committed`` already spent stays within it."""
    return BudgetCheck(label=label, budget=budget, committed=committed, amount=amount)
