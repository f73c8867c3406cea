"""From reviewed applications to the allocation, and from the allocation to decisions."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.models import Meeting
from regiodeal.finance import services as finance_services
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project
from regiodeal.projects.services import unique_project_slug

from .allocation import Application as Candidate
from .allocation import Line, Rule, allocate
from .allocation_io import render
from .applications import close_expired_repairs
from .constants import ApplicationState as S
from .models import AllocationRun, Application, Call
from .review import application_scores

CONSIDERED = (S.VOLLEDIG, S.ONVOLLEDIG, S.NIET_ONTVANKELIJK, S.HERSTEL, S.INGEDIEND)


def allocation_input(call: Call) -> tuple[list[Line], list[Candidate], list[str]]:
    """The call as plain data for the pure allocation function."""
    rule = Rule(call.partial_rule)
    lines = [
        Line(
            name=line.name,
            budget=line.budget,
            max_per_application=line.max_amount,
            percentage=line.percentage,
            min_score=call.min_total_score,
            rule=rule,
        )
        for line in call.lines.all()
    ]
    tie_break = list(
        call.criteria.filter(tie_break_position__isnull=False)
        .order_by("tie_break_position")
        .values_list("name", flat=True)
    )
    scores = application_scores(call)
    candidates = []
    applications = (
        call.applications.filter(state__in=CONSIDERED, line__isnull=False)
        .select_related("line")
        .order_by("reference")
    )
    for application in applications:
        score = scores.get(application.pk)
        candidates.append(
            Candidate(
                id=application.reference,
                line=application.line.name,
                requested=application.requested_amount or Decimal("0"),
                eligible_costs=application.eligible_costs,
                score=score.total if score else Decimal("0"),
                criteria=score.criteria if score else {},
                eligible=application.state != S.NIET_ONTVANKELIJK,
                complete=application.state in (S.VOLLEDIG, S.NIET_ONTVANKELIJK),
            )
        )
    return lines, candidates, tie_break


def unscored(call: Call) -> list[str]:
    """References of complete applications that no reviewer has fully scored yet."""
    scores = application_scores(call)
    return [
        a.reference
        for a in call.applications.filter(state=S.VOLLEDIG).order_by("reference")
        if a.pk not in scores
    ]


@transaction.atomic
def run_allocation(
    call: Call,
    *,
    seed: int | None = None,
    user: AbstractBaseUser | None = None,
    now: datetime.datetime | None = None,
) -> AllocationRun:
    """Rank and allocate after the deadline; the run keeps its input, seed and output."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if now <= call.application_deadline:
        raise DomainError(_("The allocation runs after the deadline for applications."))
    if call.allocation_runs.filter(proposed_to__isnull=False).exists():
        # The proposed run is what the steering group decides on; a later one would not count.
        raise DomainError(
            _("An allocation of this call has been proposed to the steering group already.")
        )
    close_expired_repairs(now=now)
    pending = call.applications.filter(state__in=(S.INGEDIEND, S.HERSTEL)).count()
    if pending:
        raise DomainError(
            _(
                "%(count)s application(s) still await the completeness check or their repair "
                "period; finish those first."
            )
            % {"count": pending}
        )
    missing = unscored(call)
    if missing:
        raise DomainError(
            _("These applications have not been scored yet: %(references)s.")
            % {"references": ", ".join(missing)}
        )
    lines, candidates, tie_break = allocation_input(call)
    if not lines:
        raise DomainError(_("The call has no programme lines."))
    seed = seed if seed is not None else secrets.randbelow(2**31)
    result = allocate(lines, candidates, tie_break=tie_break, seed=seed)
    return AllocationRun.objects.create(
        call=call,
        seed=seed,
        input={
            "lines": [
                {
                    "name": line.name,
                    "budget": str(line.budget),
                    "max_per_application": _text(line.max_per_application),
                    "percentage": _text(line.percentage),
                    "min_score": _text(line.min_score),
                    "rule": line.rule.value,
                }
                for line in lines
            ],
            "tie_break": tie_break,
            "seed": seed,
            "applications": [
                {
                    "id": c.id,
                    "line": c.line,
                    "requested": str(c.requested),
                    "eligible_costs": _text(c.eligible_costs),
                    "score": str(c.score),
                    "criteria": {k: str(v) for k, v in c.criteria.items()},
                    "eligible": c.eligible,
                    "complete": c.complete,
                }
                for c in candidates
            ],
        },
        output=render(result),
        created_by=user if user is not None and user.is_authenticated else None,
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@transaction.atomic
def propose_decisions(
    run: AllocationRun, meeting: Meeting, *, user: AbstractBaseUser | None = None
) -> list[Application]:
    """Every granted or partly granted application becomes a project with a draft decision."""
    run = AllocationRun.objects.select_for_update().select_related("call").get(pk=run.pk)
    if run.proposed_to_id:
        raise DomainError(_("This allocation has already been proposed to the steering group."))
    if run.call.allocation_runs.exclude(pk=run.pk).filter(proposed_to__isnull=False).exists():
        raise DomainError(_("Another allocation of this call has already been proposed."))
    if meeting.programme_id != run.call.programme_id:
        raise DomainError(_("The meeting belongs to another programme than the call."))
    if meeting.is_published:
        raise DomainError(
            _("The besluitenlijst of this meeting has been published; choose a later meeting.")
        )
    latest = run.call.allocation_runs.order_by("-created_at", "-pk").first()
    if latest.pk != run.pk:
        # An earlier run was made on what the call looked like then; only the last one counts.
        raise DomainError(_("Only the latest allocation of the call can be proposed."))
    proposed = []
    applications = {
        a.reference: a
        for a in run.call.applications.select_related("line", "lead_organisation").prefetch_related(
            "partners", "places"
        )
    }
    for outcome in run.output["applications"]:
        if outcome["outcome"] not in ("granted", "partial"):
            continue
        application = applications[outcome["id"]]
        project = Project.objects.create(
            programme=run.call.programme,
            title=application.title,
            slug=unique_project_slug(application.title),
            summary=application.summary,
            description=application.description,
            pillar=application.line.pillar,
            lead_organisation=application.lead_organisation,
            status=ProjectStatus.VOORGEDRAGEN,
        )
        project.partners.set(application.partners.all())
        project.places.set(application.places.all())
        decision = decision_services.create_decision(
            meeting=meeting,
            project=project,
            kind="nieuw",
            amount=Decimal(outcome["amount"]),
            text=application.summary,
            user=user,
        )
        application.project, application.decision = project, decision
        application._history_user = user
        application.save()
        proposed.append(application)
    run.proposed_to = meeting
    run.save()
    return proposed


@transaction.atomic
def draft_grants(call: Call, *, date: datetime.date, user: AbstractBaseUser | None = None) -> list:
    """Draft beschikkingen for the call's published decisions, on the call's terms."""
    grants = []
    applications = call.applications.filter(
        decision__state="gepubliceerd", decision__grant__isnull=True
    ).select_related("line", "decision", "lead_organisation")
    for application in applications:
        grants.append(
            finance_services.create_grant(
                application.decision,
                eligible_costs=application.eligible_costs,
                subsidy_percentage=application.line.percentage or Decimal("100"),
                maximum_amount=application.line.max_amount,
                date=date,
                recipient=application.lead_organisation,
                conditions=call.eligibility,
                user=user,
            )
        )
    return grants
