"""Test data for calls: a call with lines and criteria, and applicants at every stage."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from regiodeal.calls import applications as flow
from regiodeal.calls import review
from regiodeal.calls.models import Application, Call, Criterion, ProgrammeLine
from regiodeal.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from regiodeal.programmes.tests.factories import ProgrammeFactory

TZ = datetime.UTC
OPENS = datetime.datetime(2025, 6, 1, 9, 0, tzinfo=TZ)
REGISTRATION = datetime.datetime(2025, 10, 9, 23, 59, tzinfo=TZ)
DEADLINE = datetime.datetime(2025, 11, 6, 23, 59, tzinfo=TZ)
DURING_REGISTRATION = datetime.datetime(2025, 9, 1, 12, 0, tzinfo=TZ)
BEFORE_DEADLINE = datetime.datetime(2025, 11, 1, 12, 0, tzinfo=TZ)
AFTER_DEADLINE = datetime.datetime(2025, 11, 20, 12, 0, tzinfo=TZ)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Openstelling {n}")
    slug = factory.Sequence(lambda n: f"openstelling-{n}")
    opens_at = OPENS
    registration_deadline = REGISTRATION
    application_deadline = DEADLINE
    min_total_score = Decimal("6")
    is_published = True


def make_call(**kwargs) -> Call:
    call = CallFactory(**kwargs)
    ProgrammeLine.objects.create(
        call=call,
        name="Zorg & welzijn",
        budget=Decimal("100000"),
        percentage=Decimal("50"),
        max_amount=Decimal("60000"),
        position=1,
    )
    ProgrammeLine.objects.create(
        call=call, name="Regio aan de grens", budget=Decimal("50000"), position=2
    )
    Criterion.objects.create(
        call=call,
        name="Bijdrage aan brede welvaart",
        weight=Decimal("2"),
        tie_break_position=1,
        position=1,
    )
    Criterion.objects.create(call=call, name="Haalbaarheid", weight=Decimal("1"), position=2)
    return call


def submitted_application(
    call: Call,
    *,
    line: str = "Zorg & welzijn",
    requested: Decimal = Decimal("40000"),
    eligible_costs: Decimal = Decimal("100000"),
    applicant=None,
) -> Application:
    applicant = applicant or UserFactory()
    application = flow.register_idea(
        call,
        applicant=applicant,
        title="Samen sterk in de wijk",
        idea="Een idee.",
        now=DURING_REGISTRATION,
    )
    flow.give_pre_check(application, advice="Kansrijk.", positive=True)
    application.refresh_from_db()
    application.line = call.lines.get(name=line)
    application.summary = "Samenvatting."
    application.description = "Projectplan."
    application.lead_organisation = OrganisationFactory()
    application.eligible_costs = eligible_costs
    application.requested_amount = requested
    application.save()
    application.places.set([MunicipalityFactory(code="GM0114", name="Emmen")])
    return flow.submit_application(application, user=applicant, now=BEFORE_DEADLINE)


def reviewed_application(
    call: Call, scores: tuple[int, int], reviewers=None, **kwargs
) -> Application:
    application = submitted_application(call, **kwargs)
    application = flow.check_completeness(application, complete=True)
    for reviewer in reviewers or [UserFactory()]:
        assignment = review.assign_reviewer(application, reviewer)
        criteria = list(call.criteria.order_by("position"))
        review.submit_scores(
            assignment,
            {c.pk: (Decimal(s), "Onderbouwing.") for c, s in zip(criteria, scores, strict=True)},
        )
    return application
