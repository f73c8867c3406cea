import datetime
from decimal import Decimal

import factory

from regiodeal.organisations.tests.factories import OrganisationFactory
from regiodeal.programmes.models import FunderContribution, Pillar, Programme, Theme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Regio Deal Test {n}")
    slug = factory.Sequence(lambda n: f"regio-deal-test-{n}")
    start_date = datetime.date(2020, 1, 1)
    end_date = datetime.date(2024, 12, 31)
    decision_list_introduction = "Een paar keer per jaar besluit de stuurgroep over projecten."


class FunderContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunderContribution

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    amount = Decimal("1000000.00")


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Pijler {n}")
    slug = factory.Sequence(lambda n: f"pijler-{n}")
    budget = Decimal("500000.00")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
