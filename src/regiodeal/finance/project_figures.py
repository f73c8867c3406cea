"""One project's money, summed from the ledger: what its public page shows."""

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.money import to_money
from regiodeal.projects.models import Project

from .constants import GrantState
from .models import GrantDecision, LedgerEntry
from .rules import ZERO
from .selectors import Figures


def project_figures(project: Project) -> Figures:
    """Committed, granted, paid, settled, released and recovered for one project.

    Entries exist only for published decisions and issued letters, and only issued grant
    decisions count as granted, so everything here may be shown to the public.
    """
    figures = Figures()
    for kind, total in (
        LedgerEntry.objects.filter(project=project)
        .order_by()
        .values_list("kind")
        .annotate(total=MoneySum("amount"))
    ):
        figures.add_entry(kind, to_money(total))
    granted = GrantDecision.objects.filter(project=project, state=GrantState.VERLEEND).aggregate(
        total=MoneySum("granted_amount")
    )["total"]
    figures.granted = to_money(granted or ZERO)
    return figures


def has_money(figures: Figures) -> bool:
    """Whether there is anything to show: a project without published money gets no block."""
    return figures != Figures()
