"""The office's money workflow: commitments from decisions, grants, advances and settlements.

Every step is atomic, checks its rule under a row lock on the programme, and books what it
changes in the ledger; nothing here updates a balance, because balances are sums of entries.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError
from regiodeal.core.models import with_history_user
from regiodeal.core.money import format_euro
from regiodeal.decisions.constants import KINDS_WITHOUT_AMOUNT, DecisionKind, DecisionState
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import Programme

from . import ledger
from .constants import EntryKind, GrantState, SettlementState
from .models import AdvanceInstalment, GrantDecision, Settlement
from .rules import ZERO, grant_amount, instalment_amounts, settlement_amount


def _amount(decision: Decision | None) -> Decimal:
    if decision is None or decision.kind in KINDS_WITHOUT_AMOUNT or decision.amount is None:
        return ZERO
    return decision.amount


def book_published_decisions(
    decisions: list[Decision], *, user: AbstractBaseUser | None = None
) -> None:
    """Commitments and changes for decisions that have just been published."""
    for decision in decisions:
        # Money is committed when the steering group decides, not when the list is published.
        booked_on = decision.meeting.date
        check_against_grants(decision)  # again: a grant may have come since the adoption
        if decision.corrects_id:
            previous = decision.corrects
            root = ledger.root_of(decision)
            label = _("Correction by decision %(heading)s") % {"heading": decision.heading}
            movements = [
                (previous.pillar_id, -_amount(previous)),
                (decision.pillar_id, _amount(decision)),
            ]
            if previous.pillar_id == decision.pillar_id:
                movements = [(decision.pillar_id, _amount(decision) - _amount(previous))]
            for pillar_id, change in movements:
                if change:
                    ledger.book(
                        root=root,
                        kind=EntryKind.CHANGE,
                        amount=change,
                        booked_on=booked_on,
                        description=label,
                        pillar_id=pillar_id,
                        source_decision=decision,
                        user=user,
                    )
            _take_back_release(root, decision, booked_on=booked_on, user=user)
        elif decision.kind in (DecisionKind.NIEUW, DecisionKind.UITBREIDING) and decision.amount:
            ledger.book(
                root=decision,
                kind=EntryKind.COMMITMENT,
                amount=decision.amount,
                booked_on=booked_on,
                description=_("Commitment by decision %(heading)s") % {"heading": decision.heading},
                source_decision=decision,
                user=user,
            )
        elif decision.kind == DecisionKind.BUDGETWIJZIGING and decision.amount:
            ledger.book(
                root=decision,
                kind=EntryKind.CHANGE,
                amount=decision.amount,
                booked_on=booked_on,
                description=_("Budget change by decision %(heading)s")
                % {"heading": decision.heading},
                source_decision=decision,
                user=user,
            )


def _take_back_release(root: Decision, decision: Decision, *, booked_on, user) -> None:
    """A lower correction of a granted decision takes its euros out of what issuing the grant
    released, not out of the grant: the chain keeps holding exactly the granted amount, and the
    pillar's available money does not change (it was freed once already)."""
    grant = GrantDecision.objects.filter(decision=root, state=GrantState.VERLEEND).first()
    if grant is None:
        return
    surplus = ledger.outstanding(root) - grant.granted_amount
    if surplus < 0:
        ledger.book(
            root=root,
            kind=EntryKind.RELEASE,
            amount=surplus,
            booked_on=booked_on,
            description=_("Release taken back: correction by decision %(heading)s")
            % {"heading": decision.heading},
            pillar_id=decision.pillar_id,
            grant=grant,
            source_decision=decision,
            user=user,
        )


def _grant_bound(grant: GrantDecision) -> Decimal:
    """What a chain with this grant must still hold: the settled amount once settled, else
    the granted amount."""
    settlement = Settlement.objects.filter(grant=grant, state=SettlementState.VASTGESTELD).first()
    return settlement.settled_amount if settlement else grant.granted_amount


def check_against_grants(decision: Decision) -> None:
    """Refuse a decision that would take money below what has been granted or settled.

    A correction of a granted decision may not go below the grant (nor change a settled one);
    a budget change that lowers a project may not take what the project's chains hold below
    what its grants need.
    """
    previous = decision.corrects
    if previous is not None:
        root = ledger.root_of(decision)
        grant = GrantDecision.objects.filter(decision=root, state=GrantState.VERLEEND).first()
        if grant is not None:
            if Settlement.objects.filter(grant=grant, state=SettlementState.VASTGESTELD).exists():
                raise DomainError(
                    _(
                        "The grant for this decision has been settled (%(reference)s); record a "
                        "new decision instead of a correction."
                    )
                    % {"reference": grant.reference}
                )
            if _amount(decision) < grant.granted_amount:
                raise DomainError(
                    {
                        "amount": _(
                            "This correction lowers the decision to %(after)s, less than the "
                            "%(granted)s granted in %(reference)s."
                        )
                        % {
                            "after": format_euro(_amount(decision)),
                            "granted": format_euro(grant.granted_amount),
                            "reference": grant.reference,
                        }
                    },
                    code="below_grant",
                )
            return
    if decision.kind != DecisionKind.BUDGETWIJZIGING and (
        previous is None or previous.kind != DecisionKind.BUDGETWIJZIGING
    ):
        return
    change = _amount(decision) - _amount(previous)
    if change >= 0:
        return
    project = decision.project
    held = ledger.project_outstanding(project)
    needed = sum((_grant_bound(g) for g in project.grants.filter(state=GrantState.VERLEEND)), ZERO)
    if held + change < needed:
        raise DomainError(
            {
                "amount": _(
                    "This lowers what the project holds to %(after)s, less than the %(needed)s "
                    "its grant decisions need."
                )
                % {"after": format_euro(held + change), "needed": format_euro(needed)}
            },
            code="below_grant",
        )


def check_no_pending_correction(root: Decision) -> None:
    """No grant while a correction of the decision is adopted but not yet published: the
    grant would be measured against an amount that is about to change."""
    if any(d.state == DecisionState.VASTGESTELD for d in ledger.chain_decisions(root)):
        raise DomainError(
            _(
                "A correction of this decision has been adopted but not yet published; grant "
                "after its publication."
            ),
            code="pending_correction",
        )


def _next_reference(prefix: str, model, year: int) -> str:
    """The next number of the year, counted numerically: B-2022-1000 follows B-2022-999.

    The caller holds the programme's row lock, so two grants made at once do not draw the same
    number (references are unique across programmes; the lock covers the usual case of one
    office, and the unique constraint refuses the rest).
    """
    pattern = f"{prefix}-{year}-"
    numbers = [
        int(tail)
        for tail in (
            reference.removeprefix(pattern)
            for reference in model.objects.filter(reference__startswith=pattern).values_list(
                "reference", flat=True
            )
        )
        if tail.isdigit()
    ]
    return f"{pattern}{max(numbers, default=0) + 1:03d}"


def grantable_amount(decision: Decision) -> Decimal:
    """The steering group's amount for the chain as it stands now: the ceiling of a grant."""
    return _amount(ledger.current_of(ledger.root_of(decision)))


@transaction.atomic
def create_grant(
    decision: Decision,
    *,
    eligible_costs: Decimal,
    subsidy_percentage: Decimal,
    date: datetime.date,
    maximum_amount: Decimal | None = None,
    recipient: Organisation | None = None,
    conditions: str = "",
    reporting_duties: str = "",
    schedule: list[tuple[datetime.date, Decimal | None, Decimal | None]] = (),
    user: AbstractBaseUser | None = None,
) -> GrantDecision:
    """A draft beschikking for a published decision, with its advance schedule."""
    Programme.objects.select_for_update().get(pk=decision.meeting.programme_id)
    root = ledger.root_of(decision)
    check_no_pending_correction(root)
    current = ledger.current_of(root)
    if current.state != DecisionState.GEPUBLICEERD:
        raise DomainError(_("A grant decision follows a published steering group decision."))
    if grantable_amount(root) <= 0:
        raise DomainError(_("This decision commits no money, so there is nothing to grant."))
    if GrantDecision.objects.filter(decision=root).exists():
        raise DomainError(_("This decision already has a grant decision."))
    recipient = recipient or root.project.lead_organisation
    if recipient is None:
        raise DomainError(
            {"recipient": _("Choose the recipient: the project has no lead organisation.")}
        )
    grant = GrantDecision(
        project=root.project,
        decision=root,
        reference=_next_reference("B", GrantDecision, date.year),
        recipient=recipient,
        date=date,
        eligible_costs=eligible_costs,
        subsidy_percentage=subsidy_percentage,
        maximum_amount=maximum_amount,
        conditions=conditions,
        reporting_duties=reporting_duties,
    )
    refresh_granted_amount(grant)
    grant.full_clean()
    with_history_user(grant, user).save()
    for due_date, percentage, amount in schedule:
        instalment = AdvanceInstalment(
            grant=grant, due_date=due_date, percentage=percentage, amount=amount
        )
        instalment.full_clean()
        with_history_user(instalment, user).save()
    check_schedule(grant)
    return grant


def refresh_granted_amount(grant: GrantDecision) -> GrantDecision:
    """Recompute a draft's granted amount from its figures and the decision as it stands."""
    figures = grant_amount(
        eligible_costs=grant.eligible_costs,
        percentage=grant.subsidy_percentage,
        maximum=grant.maximum_amount,
        decision_amount=grantable_amount(grant.decision),
    )
    grant.granted_amount = figures.granted
    return grant


def scheduled_advances(grant: GrantDecision) -> list[tuple[AdvanceInstalment, Decimal]]:
    instalments = list(grant.instalments.order_by("due_date", "pk"))
    amounts = instalment_amounts(
        grant.granted_amount, [(i.percentage, i.amount) for i in instalments]
    )
    return list(zip(instalments, amounts, strict=True))


def check_schedule(grant: GrantDecision) -> None:
    advances = scheduled_advances(grant)
    if any(amount <= 0 for _, amount in advances):
        raise DomainError(
            _("An advance of the schedule comes to € 0,00; remove it or make it larger."),
            code="empty_advance",
        )
    total = sum((amount for _, amount in advances), ZERO)
    if total > grant.granted_amount:
        raise DomainError(
            _("The advances (%(total)s) add up to more than the grant (%(granted)s).")
            % {"total": format_euro(total), "granted": format_euro(grant.granted_amount)},
            code="schedule_exceeds_grant",
        )


def _lock_programme(grant: GrantDecision) -> None:
    Programme.objects.select_for_update().get(pk=grant.project.programme_id)


@transaction.atomic
def issue_grant(grant: GrantDecision, *, user: AbstractBaseUser | None = None) -> GrantDecision:
    """Draft → verleend. What the decision committed beyond the grant is released."""
    _lock_programme(grant)
    grant = GrantDecision.objects.select_related("decision", "project").get(pk=grant.pk)
    if grant.state != GrantState.CONCEPT:
        raise DomainError(_("This grant decision has already been issued."))
    check_no_pending_correction(grant.decision)
    refresh_granted_amount(grant)
    if grant.granted_amount <= 0:
        raise DomainError(_("The granted amount is zero; there is nothing to issue."))
    check_schedule(grant)
    grant.state = GrantState.VERLEEND
    grant.issued_at = timezone.now()
    grant.issued_by = user if user is not None and user.is_authenticated else None
    with_history_user(grant, user).save()
    surplus = ledger.outstanding(grant.decision) - grant.granted_amount
    if surplus > 0:
        ledger.book(
            root=grant.decision,
            kind=EntryKind.RELEASE,
            amount=surplus,
            booked_on=grant.date,
            description=_("Release: granted less than decided in %(reference)s")
            % {"reference": grant.reference},
            pillar_id=ledger.current_of(grant.decision).pillar_id,
            grant=grant,
            user=user,
        )
    return grant


@transaction.atomic
def pay_advance(
    instalment: AdvanceInstalment,
    *,
    paid_on: datetime.date,
    user: AbstractBaseUser | None = None,
):
    """Record that an advance of the schedule has been paid."""
    grant = instalment.grant
    _lock_programme(grant)
    grant.refresh_from_db()
    if grant.state != GrantState.VERLEEND:
        raise DomainError(_("Advances are paid on an issued grant decision."))
    if hasattr(grant, "settlement") and grant.settlement.is_issued:
        raise DomainError(_("The grant has been settled; no more advances are paid."))
    if hasattr(instalment, "payment"):
        raise DomainError(_("This advance has already been paid."))
    amount = dict(scheduled_advances(grant))[instalment]
    already = ledger.paid(grant.decision)
    if already + amount > grant.granted_amount:
        raise DomainError(_("This advance would take the payments above the granted amount."))
    return ledger.book(
        root=grant.decision,
        kind=EntryKind.ADVANCE,
        amount=amount,
        booked_on=paid_on,
        description=_("Advance %(reference)s due %(date)s")
        % {"reference": grant.reference, "date": instalment.due_date.isoformat()},
        pillar_id=ledger.current_of(grant.decision).pillar_id,
        grant=grant,
        instalment=instalment,
        user=user,
    )


def _fill_settlement(settlement: Settlement) -> Settlement:
    grant = settlement.grant
    figures = settlement_amount(
        actual_costs=settlement.actual_costs,
        percentage=grant.subsidy_percentage,
        granted=grant.granted_amount,
        paid=ledger.paid(grant.decision),
        outstanding=ledger.outstanding(grant.decision),
    )
    settlement.settled_amount = figures.settled
    settlement.released_amount = figures.released
    settlement.paid_before = figures.paid
    settlement.recovery_amount = figures.recovery
    settlement.balance_due = figures.balance_due
    return settlement


@transaction.atomic
def create_settlement(
    grant: GrantDecision,
    *,
    actual_costs: Decimal,
    date: datetime.date,
    note: str = "",
    user: AbstractBaseUser | None = None,
) -> Settlement:
    """A draft vaststelling from the costs actually made."""
    _lock_programme(grant)
    grant = GrantDecision.objects.get(pk=grant.pk)
    if grant.state != GrantState.VERLEEND:
        raise DomainError(_("Only an issued grant decision can be settled."))
    if Settlement.objects.filter(grant=grant).exists():
        raise DomainError(_("This grant decision already has a settlement."))
    if date < grant.date:
        raise DomainError({"date": _("A settlement cannot precede its grant decision.")})
    settlement = Settlement(
        grant=grant,
        reference=_next_reference("V", Settlement, date.year),
        date=date,
        actual_costs=actual_costs,
        note=note,
    )
    _fill_settlement(settlement).full_clean()
    with_history_user(settlement, user).save()
    return settlement


@transaction.atomic
def issue_settlement(settlement: Settlement, *, user: AbstractBaseUser | None = None) -> Settlement:
    """Draft → vastgesteld: book the settled amount, the release and any recovery."""
    _lock_programme(settlement.grant)
    settlement = Settlement.objects.select_related("grant__decision").get(pk=settlement.pk)
    if settlement.state != SettlementState.CONCEPT:
        raise DomainError(_("This settlement has already been issued."))
    _fill_settlement(settlement)
    settlement.state = SettlementState.VASTGESTELD
    settlement.issued_at = timezone.now()
    settlement.issued_by = user if user is not None and user.is_authenticated else None
    with_history_user(settlement, user).save()
    grant = settlement.grant
    pillar_id = ledger.current_of(grant.decision).pillar_id
    reference = {"reference": settlement.reference}
    bookings = [
        (EntryKind.SETTLEMENT, settlement.settled_amount, _("Settled in %(reference)s")),
        (EntryKind.RELEASE, settlement.released_amount, _("Release on settlement %(reference)s")),
        (EntryKind.RECOVERY, settlement.recovery_amount, _("Recovery on settlement %(reference)s")),
    ]
    for kind, amount, description in bookings:
        if amount > 0:
            ledger.book(
                root=grant.decision,
                kind=kind,
                amount=amount,
                booked_on=settlement.date,
                description=description % reference,
                pillar_id=pillar_id,
                grant=grant,
                settlement=settlement,
                user=user,
            )
    return settlement


@transaction.atomic
def pay_balance(
    settlement: Settlement, *, paid_on: datetime.date, user: AbstractBaseUser | None = None
):
    """Record the final payment of what the settlement left to pay."""
    _lock_programme(settlement.grant)
    settlement = Settlement.objects.select_related("grant__decision").get(pk=settlement.pk)
    if settlement.state != SettlementState.VASTGESTELD:
        raise DomainError(_("Issue the settlement before paying its balance."))
    if settlement.balance_due <= 0:
        raise DomainError(_("This settlement leaves nothing to pay."))
    if settlement.ledger.filter(kind=EntryKind.FINAL_PAYMENT).exists():
        raise DomainError(_("The balance of this settlement has already been paid."))
    return ledger.book(
        root=settlement.grant.decision,
        kind=EntryKind.FINAL_PAYMENT,
        amount=settlement.balance_due,
        booked_on=paid_on,
        description=_("Final payment on settlement %(reference)s")
        % {"reference": settlement.reference},
        pillar_id=ledger.current_of(settlement.grant.decision).pillar_id,
        grant=settlement.grant,
        settlement=settlement,
        user=user,
    )
