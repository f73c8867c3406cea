"""Loads the demo programme through the same services the programme office uses."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from regiodeal.calls.demo import load_calls_demo
from regiodeal.decisions import services as decision_services
from regiodeal.finance import services as finance_services
from regiodeal.monitoring.demo import load_monitoring_demo
from regiodeal.organisations.constants import TOOI_GEMEENTE, TOOI_PROVINCIE
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.organisations.services import load_places
from regiodeal.programmes.models import (
    FunderContribution,
    Pillar,
    Programme,
    ProgrammeMembership,
    Theme,
)
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project

from . import demo_content as content
from .roles import Role, group_of


@dataclass(frozen=True)
class DemoResult:
    programme: Programme
    created: bool


def _organisation(name: str, slug: str, kind: str, cbs_code: str = "") -> Organisation:
    tooi = ""
    municipality = None
    if cbs_code.startswith("GM"):
        tooi = TOOI_GEMEENTE.format(code=cbs_code.lower())
        municipality = Municipality.objects.get(code=cbs_code)
    elif cbs_code.startswith("PV"):
        tooi = TOOI_PROVINCIE.format(code=cbs_code.lower())
    organisation, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "cbs_code": cbs_code,
            "tooi_uri": tooi,
            "municipality": municipality,
        },
    )
    return organisation


def ensure_demo_user(username: str, password: str):
    """The demo office account; its password is reset so that `make run` can print it.

    A superuser counts as the office's administrator anyway; the group makes the role visible
    where accounts are managed.
    """
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username, defaults={"first_name": "Programmabureau", "last_name": "(demo)"}
    )
    user.is_staff = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    user.groups.add(group_of(Role.BEHEERDER))
    return user


@transaction.atomic
def load_demo(*, user=None, with_calls: bool = True) -> DemoResult:
    """The demo as `make run` loads it; ``with_calls=False`` leaves out the second programme
    and its calls (most of the loading time), for tests that do not need them."""
    existing = Programme.objects.filter(slug=content.PROGRAMME["slug"]).first()
    if existing:
        return DemoResult(programme=existing, created=False)

    load_places()
    programme = Programme.objects.create(**content.PROGRAMME)
    for name, slug, kind, cbs_code, amount in content.FUNDERS:
        FunderContribution.objects.create(
            programme=programme,
            organisation=_organisation(name, slug, kind, cbs_code),
            amount=amount,
        )
    for name, slug, kind in content.OTHER_ORGANISATIONS:
        _organisation(name, slug, kind)
    pillars = {}
    for position, (name, slug, budget, description) in enumerate(content.PILLARS, start=1):
        pillars[slug] = Pillar.objects.create(
            programme=programme,
            name=name,
            slug=slug,
            budget=budget,
            budget_note=content.ILLUSTRATIVE,
            description=description,
            position=position,
        )
    themes = {
        slug: Theme.objects.create(programme=programme, name=name, slug=slug, description=desc)
        for name, slug, desc in content.THEMES
    }

    meeting = decision_services.create_meeting(
        programme=programme, date=content.MEETING_DATE, user=user
    )
    meeting.notes = content.MEETING_NOTE
    meeting.save()
    for entry in content.DECISIONS:
        title, slug, pillar, theme_slugs, lead, partners, places, summary, text, amount = entry
        project = Project.objects.create(
            programme=programme,
            title=title,
            slug=slug,
            summary=summary,
            description=text,
            pillar=pillars[pillar],
            lead_organisation=Organisation.objects.get(slug=lead) if lead else None,
            status=ProjectStatus.VOORGEDRAGEN,
        )
        project.themes.set([themes[s] for s in theme_slugs])
        project.partners.set(Organisation.objects.filter(slug__in=partners))
        project.places.set(Municipality.objects.filter(code__in=places))
        decision = decision_services.create_decision(
            meeting=meeting, project=project, kind="nieuw", amount=amount, text=text, user=user
        )
        decision_services.adopt_decision(decision, user=user)
    decision_services.publish_besluitenlijst(meeting, user=user)
    _load_finance(meeting, user=user)
    load_monitoring_demo(programme, office=user)
    if with_calls:
        second = load_calls_demo(user=user)
        if second is not None:
            ensure_programme_office_account(SCOPED_OFFICE_ACCOUNT, second)
    return DemoResult(programme=programme, created=True)


# An office account that works on the second programme only (its programme membership).
SCOPED_OFFICE_ACCOUNT = "bureau-zod2"


def ensure_programme_office_account(username: str, programme: Programme):
    """A programme office employee who sees and changes only ``programme`` in the back office;
    password as the other demo accounts."""
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": "Programmabureau", "last_name": f"{programme.name} (demo)"},
    )
    user.is_staff = True
    user.set_password(settings.REGIODEAL_DEMO_PASSWORD)
    user.save()
    user.groups.add(group_of(Role.MEDEWERKER))
    ProgrammeMembership.objects.get_or_create(user=user, programme=programme)
    return user


def _load_finance(meeting, *, user=None) -> None:
    """Beschikkingen for the meeting's decisions, advances paid, and one settled project."""
    terms = {slug: rest for slug, *rest in content.GRANTS}
    for decision in meeting.decisions.select_related("project__lead_organisation"):
        project = decision.project
        eligible, percentage, maximum, schedule, paid = terms.get(
            project.slug,
            (decision.amount * 2, Decimal("50"), None, content.STANDARD_SCHEDULE, 1),
        )
        grant = finance_services.create_grant(
            decision,
            eligible_costs=eligible,
            subsidy_percentage=percentage,
            maximum_amount=maximum,
            date=content.GRANT_DATE,
            recipient=project.lead_organisation
            or Organisation.objects.get(slug=content.RECIPIENT_WITHOUT_LEAD),
            conditions=content.GRANT_CONDITIONS,
            reporting_duties=content.GRANT_REPORTING,
            schedule=[(due, share, None) for due, share in schedule],
            user=user,
        )
        grant = finance_services.issue_grant(grant, user=user)
        for instalment in grant.instalments.order_by("due_date")[:paid]:
            finance_services.pay_advance(instalment, paid_on=instalment.due_date, user=user)
        project.status = ProjectStatus.LOPEND
        project.save()
        if project.slug == content.SETTLED_PROJECT:
            settlement = finance_services.create_settlement(
                grant,
                actual_costs=content.SETTLEMENT_COSTS,
                date=content.SETTLEMENT_DATE,
                note=content.SETTLEMENT_NOTE,
                user=user,
            )
            settlement = finance_services.issue_settlement(settlement, user=user)
            finance_services.pay_balance(settlement, paid_on=content.BALANCE_PAID_ON, user=user)
            project.status = ProjectStatus.AFGEROND
            project.save()
