import factory
from django.utils.text import slugify

from regiodeal.organisations.constants import OrganisationKind
from regiodeal.organisations.models import Municipality, Organisation, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "PV22"
    name = "Drenthe"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    province = factory.SubFactory(ProvinceFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"stichting-voorbeeld-{n}")
    kind = OrganisationKind.MAATSCHAPPELIJKE_ORGANISATIE
