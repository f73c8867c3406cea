"""Booking money movements: each one an immutable entry, attributed to the funders."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.money import allocate_pro_rata
from regiodeal.decisions.constants import DecisionState
from regiodeal.decisions.models import Decision

from .constants import COMMITTED_KINDS, PAID_KINDS, EntryKind
from .models import AttributionKey, LedgerAllocation, LedgerEntry
from .rules import ZERO


def root_of(decision: Decision) -> Decision:
    """The first decision of a chain of corrections: the one the chain's money is booked to."""
    while decision.corrects_id:
        decision = decision.corrects
    return decision


def current_of(root: Decision) -> Decision:
    """The published decision of the chain that counts now: its latest published correction."""
    decision = root
    while True:
        latest = (
            decision.corrections.filter(state=DecisionState.GEPUBLICEERD).order_by("-pk").first()
        )
        if latest is None:
            return decision
        decision = latest


def chain_decisions(root: Decision) -> list[Decision]:
    """The decision and every correction of it, in any state, in order."""
    chain, current = [root], root
    while True:
        following = current.corrections.order_by("pk").last()
        if following is None:
            return chain
        chain.append(following)
        current = following


def project_outstanding(project) -> Decimal:
    """What all of a project's chains still hold: commitments and changes less releases."""
    sums = dict(
        LedgerEntry.objects.filter(project=project)
        .order_by()
        .values_list("kind")
        .annotate(total=MoneySum("amount"))
    )
    committed = sum((sums.get(k) or ZERO for k in COMMITTED_KINDS), ZERO)
    return committed - (sums.get(EntryKind.RELEASE) or ZERO)


def attribution_weights(root: Decision) -> list[tuple[int, Decimal]]:
    """(funder id, weight) pairs: the decision's own key, else the programme's, else pro rata.

    Once the chain has money booked, its later entries follow the first one's attribution: a
    key changed afterwards applies to new decisions only, so a funder never gets back more of a
    commitment than it was given.
    """
    first = LedgerEntry.objects.filter(decision=root).order_by("pk").first()
    if first is not None:
        booked = [
            (organisation, abs(amount))
            for organisation, amount in first.allocations.order_by("pk").values_list(
                "organisation_id", "amount"
            )
            if amount
        ]
        if booked:
            return booked
    programme_id = root.meeting.programme_id
    keys = list(
        AttributionKey.objects.filter(programme_id=programme_id, decision=root).values_list(
            "organisation_id", "weight"
        )
    )
    if not keys:
        keys = list(
            AttributionKey.objects.filter(
                programme_id=programme_id, decision__isnull=True
            ).values_list("organisation_id", "weight")
        )
    if not keys:
        keys = list(
            root.meeting.programme.contributions.order_by("pk").values_list(
                "organisation_id", "amount"
            )
        )
    return keys


def book(
    *,
    root: Decision,
    kind: str,
    amount: Decimal,
    booked_on: datetime.date,
    description: str,
    pillar_id: int | None = None,
    user: AbstractBaseUser | None = None,
    **links,
) -> LedgerEntry:
    """Write one entry and its attribution to funders; the parts add up to the cent."""
    entry = LedgerEntry(
        programme_id=root.meeting.programme_id,
        pillar_id=pillar_id if pillar_id is not None else root.pillar_id,
        project_id=root.project_id,
        decision=root,
        kind=kind,
        amount=amount,
        booked_on=booked_on,
        description=description[:300],
        created_by=user if user is not None and user.is_authenticated else None,
        **links,
    )
    entry.full_clean(exclude=["created_by"])
    entry.save()
    weights = attribution_weights(root)
    if weights:
        parts = allocate_pro_rata(amount, [w for _, w in weights])
        LedgerAllocation.objects.bulk_create(
            LedgerAllocation(entry=entry, organisation_id=org, amount=part)
            for (org, _), part in zip(weights, parts, strict=True)
            if part
        )
    return entry


def chain_totals(root: Decision) -> dict[str, Decimal]:
    """Sums per entry kind of one decision chain."""
    sums = dict(
        LedgerEntry.objects.filter(decision=root)
        .order_by()
        .values_list("kind")
        .annotate(total=MoneySum("amount"))
    )
    return {kind: sums.get(kind) or ZERO for kind in EntryKind.values}


def outstanding(root: Decision) -> Decimal:
    """What is still committed for the chain: commitments and changes less releases."""
    totals = chain_totals(root)
    return sum((totals[k] for k in COMMITTED_KINDS), ZERO) - totals[EntryKind.RELEASE]


def paid(root: Decision) -> Decimal:
    totals = chain_totals(root)
    return sum((totals[k] for k in PAID_KINDS), ZERO)
