"""Resources in Dutch, fields in camelCase (API Design Rules); amounts as decimal strings."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from regiodeal.decisions.constants import DecisionKind, DecisionState
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import MONEY, Pillar, Programme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project


def money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, coerce_to_string=True, **kwargs)


def self_link(view_name: str, lookup_field: str) -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}", lookup_field=lookup_field, lookup_url_kwarg=lookup_field
    )


class GemeenteSerializer(serializers.ModelSerializer):
    url = self_link("gemeente-detail", "code")
    naam = serializers.CharField(source="name")
    provincie = serializers.CharField(source="province.code", allow_null=True, default=None)
    tooiUri = serializers.URLField(source="tooi_uri")

    class Meta:
        model = Municipality
        fields = ["url", "code", "naam", "slug", "provincie", "tooiUri"]


class OrganisatieSerializer(serializers.ModelSerializer):
    url = self_link("organisatie-detail", "slug")
    naam = serializers.CharField(source="name")
    soort = serializers.CharField(source="kind")
    kvkNummer = serializers.CharField(source="kvk_number")
    cbsCode = serializers.CharField(source="cbs_code")
    tooiUri = serializers.CharField(source="tooi_uri")
    gemeente = serializers.CharField(source="municipality.code", allow_null=True, default=None)

    class Meta:
        model = Organisation
        fields = [
            "url", "slug", "naam", "soort", "kvkNummer", "cbsCode", "tooiUri", "gemeente",
            "website",
        ]  # fmt: skip


class ProgrammaSerializer(serializers.ModelSerializer):
    url = self_link("programma-detail", "slug")
    naam = serializers.CharField(source="name")
    beschrijving = serializers.CharField(source="description")
    startdatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date")
    budget = money(source="budget_total", help_text="The funders' contributions together.")

    class Meta:
        model = Programme
        fields = ["url", "slug", "naam", "beschrijving", "startdatum", "einddatum", "budget"]


class PijlerSerializer(serializers.ModelSerializer):
    url = self_link("pijler-detail", "pk")
    naam = serializers.CharField(source="name")
    programma = serializers.CharField(source="programme.slug")
    beschrijving = serializers.CharField(source="description")
    budget = money(allow_null=True)
    positie = serializers.IntegerField(source="position")

    class Meta:
        model = Pillar
        fields = ["url", "id", "slug", "naam", "programma", "beschrijving", "budget", "positie"]


class ProjectSerializer(serializers.ModelSerializer):
    url = self_link("project-detail", "slug")
    titel = serializers.CharField(source="title")
    samenvatting = serializers.CharField(source="summary")
    beschrijving = serializers.CharField(source="description")
    programma = serializers.CharField(source="programme.slug")
    pijler = serializers.CharField(source="pillar.slug", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    penvoerder = serializers.CharField(
        source="lead_organisation.slug", allow_null=True, default=None
    )
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    gemeenten = serializers.SlugRelatedField(
        source="places", slug_field="code", many=True, read_only=True
    )
    geplandeStart = serializers.DateField(source="planned_start", allow_null=True)
    geplandEinde = serializers.DateField(source="planned_end", allow_null=True)
    besloten = money(
        source="decided_amount", help_text="Committed by published decisions, after corrections."
    )

    class Meta:
        model = Project
        fields = [
            "url", "slug", "titel", "samenvatting", "beschrijving", "programma", "pijler",
            "status", "penvoerder", "partners", "gemeenten", "geplandeStart", "geplandEinde",
            "besloten",
        ]  # fmt: skip


class BesluitSerializer(serializers.ModelSerializer):
    url = self_link("besluit-detail", "pk")
    titel = serializers.CharField(source="heading")
    soort = serializers.ChoiceField(source="kind", choices=DecisionKind.choices)
    status = serializers.ChoiceField(source="state", choices=DecisionState.choices)
    bedrag = money(source="amount", allow_null=True)
    tekst = serializers.CharField(source="text")
    voorwaarden = serializers.CharField(source="conditions")
    project = serializers.CharField(source="project.slug")
    programma = serializers.CharField(source="meeting.programme.slug")
    pijler = serializers.CharField(source="pillar.slug", allow_null=True, default=None)
    vergadering = serializers.CharField(source="meeting.slug")
    datum = serializers.DateField(source="meeting.date")
    gepubliceerdOp = serializers.DateTimeField(source="published_at", allow_null=True)
    corrigeert = serializers.IntegerField(source="corrects_id", allow_null=True)
    gemeenten = serializers.SlugRelatedField(
        source="project.places", slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Decision
        fields = [
            "url", "id", "titel", "soort", "status", "bedrag", "tekst", "voorwaarden",
            "project", "programma", "pijler", "vergadering", "datum", "gepubliceerdOp",
            "corrigeert", "gemeenten",
        ]  # fmt: skip


class BesluitCreateSerializer(serializers.Serializer):
    """A draft decision recorded through the API; adopting and publishing stay in the office."""

    vergadering = serializers.SlugRelatedField(
        slug_field="slug", queryset=Meeting.objects.filter(besluitenlijst__isnull=True)
    )
    project = serializers.SlugRelatedField(slug_field="slug", queryset=Project.objects.all())
    soort = serializers.ChoiceField(choices=DecisionKind.choices)
    bedrag = money(allow_null=True, required=False, default=None)
    titel = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    tekst = serializers.CharField(required=False, default="", allow_blank=True)
    voorwaarden = serializers.CharField(required=False, default="", allow_blank=True)


class BesluitUpdateSerializer(serializers.Serializer):
    """Changes to a draft decision; fields left out keep their value."""

    soort = serializers.ChoiceField(choices=DecisionKind.choices, required=False)
    bedrag = money(allow_null=True, required=False)
    titel = serializers.CharField(required=False, allow_blank=True, max_length=300)
    tekst = serializers.CharField(required=False, allow_blank=True)


class MeetingSlugLink(serializers.HyperlinkedIdentityField):
    """A besluitenlijst is addressed by its meeting's slug."""

    def get_url(self, obj, view_name, request, format):
        return reverse(view_name, kwargs={"slug": obj.meeting.slug}, request=request, format=format)


class BesluitenlijstSerializer(serializers.ModelSerializer):
    url = MeetingSlugLink(view_name="api:besluitenlijst-detail")
    slug = serializers.CharField(source="meeting.slug")
    titel = serializers.CharField(source="title")
    inleiding = serializers.CharField(source="introduction")
    programma = serializers.CharField(source="meeting.programme.slug")
    datum = serializers.DateField(source="meeting.date")
    gepubliceerdOp = serializers.DateTimeField(source="published_at")
    besluiten = serializers.SerializerMethodField()

    class Meta:
        model = DecisionList
        fields = [
            "url", "slug", "titel", "inleiding", "programma", "datum", "gepubliceerdOp",
            "besluiten",
        ]  # fmt: skip

    def get_besluiten(self, besluitenlijst: DecisionList) -> list[int]:
        """The ids of the list's published decisions (prefetched by the view)."""
        return [decision.pk for decision in besluitenlijst.meeting.published_decisions]
