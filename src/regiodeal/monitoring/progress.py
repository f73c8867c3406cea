"""Progress and indicator arithmetic as plain functions, testable without a database."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
WHOLE = Decimal("1")


def milestone_progress(milestones: Iterable[tuple[int, bool]]) -> Decimal | None:
    """Percentage of the milestones' weight reached; None for a project without milestones."""
    milestones = list(milestones)
    total = sum(weight for weight, _ in milestones)
    if not total:
        return None
    reached = sum(weight for weight, done in milestones if done)
    return (HUNDRED * reached / total).quantize(WHOLE, ROUND_HALF_UP)


def project_progress(
    reported: int | None, milestones: Iterable[tuple[int, bool]]
) -> Decimal | None:
    """The lead's own figure from the last accepted report, else what the milestones say."""
    if reported is not None:
        return Decimal(reported)
    return milestone_progress(milestones)


def combined_progress(parts: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """A parent's progress from its own and its extensions': weighted by their money.

    Parts without a progress figure are left out; when no part has money, each counts alike.
    """
    known = [(progress, weight) for progress, weight in parts if progress is not None]
    if not known:
        return None
    total = sum((weight for _, weight in known), Decimal(0))
    if total <= 0:
        return (sum((p for p, _ in known), Decimal(0)) / len(known)).quantize(WHOLE, ROUND_HALF_UP)
    weighted = sum((p * w for p, w in known), Decimal(0)) / total
    return weighted.quantize(WHOLE, ROUND_HALF_UP)


def achievement(
    *, baseline: Decimal | None, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """How far from baseline to target the actual has come: 0 at baseline, 1 at target.

    The same formula serves indicators where lower is better (waiting times): both distances
    are then negative. A missing baseline counts as zero. None when it cannot be known.
    """
    if target is None or actual is None:
        return None
    start = baseline if baseline is not None else Decimal(0)
    if target == start:
        return None
    return ((actual - start) / (target - start)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def mean_achievement(values: Iterable[Decimal | None]) -> Decimal | None:
    """Mean over indicators with a figure, each capped at 100%: exceeding one target does not
    make up for missing another."""
    known = [min(value, Decimal(1)) for value in values if value is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
