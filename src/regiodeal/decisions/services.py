"""State changes of meetings and decisions; each one atomic and audited.

The steering group's workflow is concept → vastgesteld → gepubliceerd. Budgets are checked when
a decision is adopted (vastgesteld), under a row lock on the programme so that two adoptions
cannot both take the last euro.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regiodeal.core.dates import month_year
from regiodeal.core.errors import DomainError
from regiodeal.core.models import STALE, ConcurrentEditError, with_history_user
from regiodeal.core.money import format_euro
from regiodeal.programmes.models import Programme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project

from .budget import BudgetCheck, check_budget
from .constants import COMMITTING_STATES, KINDS_WITHOUT_AMOUNT, DecisionKind, DecisionState
from .models import Decision, DecisionList, Meeting
from .selectors import (
    committed_amount,
    pending_reductions,
    published_figures,
    released_amount,
)
from .signals import besluitenlijst_published, decision_adopting


class BudgetExceededError(DomainError):
    def __init__(self, checks: list[BudgetCheck]):
        self.checks = checks
        parts = [
            _(
                "This decision takes %(label)s over budget: available %(available)s, "
                "this decision %(amount)s, short by %(shortfall)s."
            )
            % {
                "label": check.label,
                "available": format_euro(check.available),
                "amount": format_euro(check.amount),
                "shortfall": format_euro(check.shortfall),
            }
            for check in checks
        ]
        parts.append(_("Record a reason for exceeding the budget to adopt it anyway."))
        super().__init__(" ".join(parts), code="budget_exceeded")


def unique_meeting_slug(programme: Programme, date: datetime.date) -> str:
    base = slugify(month_year(date))
    slug = base
    if Meeting.objects.filter(slug=slug).exists():
        slug = f"{programme.slug}-{base}"
    counter = 2
    while Meeting.objects.filter(slug=slug).exists():
        slug = f"{programme.slug}-{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def create_meeting(
    *,
    programme: Programme,
    date: datetime.date,
    title: str = "",
    user: AbstractBaseUser | None = None,
) -> Meeting:
    meeting = Meeting(
        programme=programme,
        date=date,
        title=title or f"Stuurgroep {month_year(date)}",
        slug=unique_meeting_slug(programme, date),
    )
    meeting.full_clean()
    with_history_user(meeting, user).save()
    return meeting


@transaction.atomic
def create_decision(
    *,
    meeting: Meeting,
    project: Project,
    kind: str,
    amount: Decimal | None,
    text: str = "",
    title: str = "",
    conditions: str = "",
    corrects: Decision | None = None,
    user: AbstractBaseUser | None = None,
) -> Decision:
    last = meeting.decisions.order_by("-position").values_list("position", flat=True).first()
    decision = Decision(
        meeting=meeting,
        project=project,
        kind=kind,
        amount=amount,
        text=text,
        title=title,
        conditions=conditions,
        corrects=corrects,
        # A correction is charged where the decision it replaces was charged.
        pillar=corrects.pillar if corrects is not None else project.pillar,
        position=(last or 0) + 1,
    )
    decision.full_clean()
    with_history_user(decision, user).save()
    return decision


@transaction.atomic
def create_correction(
    *,
    original: Decision,
    meeting: Meeting,
    amount: Decimal | None,
    text: str,
    kind: str | None = None,
    user: AbstractBaseUser | None = None,
) -> Decision:
    """A new draft decision that will replace a published one once it is published itself.

    The decision's own validation refuses to correct anything but a published decision.
    """
    return create_decision(
        meeting=meeting,
        project=original.project,
        kind=kind or original.kind,
        amount=amount,
        text=text,
        title=original.title,
        conditions=original.conditions,
        corrects=original,
        user=user,
    )


def budget_checks(decision: Decision) -> list[BudgetCheck]:
    """The checks adopting ``decision`` must pass: its pillar's budget, then the programme's."""
    programme = decision.meeting.programme
    amount = decision.amount or Decimal("0.00")
    replaced = decision.corrects
    if (
        replaced is not None
        and replaced.corrections.exclude(pk=decision.pk)
        .filter(state__in=COMMITTING_STATES)
        .exists()
    ):
        replaced = None  # already superseded: its amount no longer counts
    checks = []
    pillar = decision.pillar
    if pillar is not None and pillar.budget is not None:
        committed = (
            committed_amount(programme, pillar=pillar)
            - released_amount(programme, pillar=pillar)
            + pending_reductions(programme, pillar=pillar)
        )
        if replaced is not None and replaced.pillar_id == pillar.pk:
            committed -= replaced.amount or 0
        checks.append(
            check_budget(
                label=_("pillar %(name)s") % {"name": pillar.name},
                budget=pillar.budget,
                committed=committed,
                amount=amount,
            )
        )
    committed = (
        committed_amount(programme) - released_amount(programme) + pending_reductions(programme)
    )
    if replaced is not None:
        committed -= replaced.amount or 0
    checks.append(
        check_budget(
            label=_("the programme"),
            budget=programme.total_budget,
            committed=committed,
            amount=amount,
        )
    )
    return checks


@transaction.atomic
def adopt_decision(
    decision: Decision, *, user: AbstractBaseUser | None = None, override_reason: str = ""
) -> Decision:
    """Concept → vastgesteld, refused when over budget unless a reason is recorded."""
    # Serialise adoptions per programme: the budget check and the state change must see the
    # same committed total.
    Programme.objects.select_for_update().get(pk=decision.meeting.programme_id)
    decision = Decision.objects.select_related("meeting__programme", "pillar", "corrects").get(
        pk=decision.pk
    )
    if decision.state != DecisionState.CONCEPT:
        raise DomainError(_("Only a draft decision can be adopted."), code="not_draft")
    decision.full_clean()
    if decision.amount is None and decision.kind not in KINDS_WITHOUT_AMOUNT:
        raise DomainError(
            {"amount": _("Enter the amount of this decision before adopting it.")},
            code="amount_missing",
        )
    decision_adopting.send(sender=Decision, decision=decision, user=user)
    reason = (override_reason or decision.budget_override_reason).strip()
    exceeded = [check for check in budget_checks(decision) if check.exceeded]
    if exceeded and not reason:
        raise BudgetExceededError(exceeded)
    decision.budget_override_reason = reason if exceeded else decision.budget_override_reason
    decision.state = DecisionState.VASTGESTELD
    decision.adopted_at = timezone.now()
    decision.adopted_by = user
    with_history_user(decision, user).save()
    return decision


@transaction.atomic
def reopen_decision(decision: Decision, *, user: AbstractBaseUser | None = None) -> Decision:
    """Vastgesteld → concept, for a decision that has not been published yet."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.VASTGESTELD:
        raise DomainError(_("Only an adopted, unpublished decision can be reopened."))
    decision.state = DecisionState.CONCEPT
    decision.adopted_at = None
    decision.adopted_by = None
    with_history_user(decision, user).save()
    return decision


_STATUS_AFTER_PUBLICATION = {
    DecisionKind.NIEUW: ProjectStatus.BESLOTEN,
    DecisionKind.AFWIJZING: ProjectStatus.AFGEWEZEN,
}
_OPEN_PROJECT_STATUSES = {ProjectStatus.IDEE, ProjectStatus.VOORGEDRAGEN}


@transaction.atomic
def publish_besluitenlijst(
    meeting: Meeting, *, user: AbstractBaseUser | None = None
) -> DecisionList:
    """Publish every adopted decision of the meeting as its besluitenlijst; closes the meeting."""
    meeting = Meeting.objects.select_for_update().select_related("programme").get(pk=meeting.pk)
    if meeting.is_published:
        raise DomainError(_("The besluitenlijst of this meeting has already been published."))
    decisions = list(meeting.decisions.select_related("project").order_by("position", "pk"))
    if any(d.state == DecisionState.CONCEPT for d in decisions):
        raise DomainError(
            _("This meeting still has draft decisions: adopt or delete them before publishing.")
        )
    if not decisions:
        raise DomainError(_("This meeting has no adopted decisions to publish."))

    now = timezone.now()
    besluitenlijst = DecisionList(
        meeting=meeting,
        title=DecisionList.title_for(meeting),
        introduction=meeting.programme.decision_list_introduction,
        published_at=now,
        published_by=user,
    )
    with_history_user(besluitenlijst, user).save()
    projects: dict[int, Project] = {}
    for decision in decisions:
        decision.state = DecisionState.GEPUBLICEERD
        decision.published_at = now
        # The heading is published with the decision: renaming the project later must not
        # change a published besluitenlijst (a decision without a title of its own would show
        # the project's current name).
        if not decision.title and decision.project_id:
            decision.title = decision.project.title
        with_history_user(decision, user).save()
        project = projects.setdefault(decision.project_id, decision.project)
        new_status = _STATUS_AFTER_PUBLICATION.get(decision.kind)
        if new_status and project.status in _OPEN_PROJECT_STATUSES:
            project.status = new_status
    figures = published_figures(projects)
    for project in projects.values():
        project.decided_amount, project.last_decided_on = figures[project.pk]
        with_history_user(project, user).save()
    besluitenlijst_published.send(sender=Meeting, meeting=meeting, decisions=decisions, user=user)
    return besluitenlijst


@transaction.atomic
def update_draft_decision(
    decision: Decision,
    *,
    title: str,
    kind: str,
    amount: Decimal | None,
    text: str,
    expected_version: int | None = None,
    user: AbstractBaseUser | None = None,
) -> Decision:
    """Change the fields of a draft; an adopted or published decision is not a draft.

    ``expected_version`` is the version the editor loaded: a save over a later change by
    someone else is refused instead of overwriting it.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.CONCEPT:
        raise DomainError(_("Only a draft decision can be changed here."), code="not_draft")
    if expected_version is not None and expected_version != decision.version:
        raise ConcurrentEditError(STALE, code="stale")
    decision.title, decision.kind, decision.amount, decision.text = title, kind, amount, text
    decision.full_clean()
    with_history_user(decision, user).save()
    return decision
