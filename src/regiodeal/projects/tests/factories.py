import factory

from regiodeal.programmes.tests.factories import PillarFactory, ProgrammeFactory
from regiodeal.projects.models import Project


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    pillar = factory.SubFactory(PillarFactory, programme=factory.SelfAttribute("..programme"))
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary = "Een korte samenvatting."
    description = "Een langere beschrijving van het project."
