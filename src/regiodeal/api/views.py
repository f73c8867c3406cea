"""The resources of /api/v1/: published data for everyone, draft decisions for the office."""

from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from regiodeal.decisions import services as decision_services
from regiodeal.decisions.models import Decision, DecisionList
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import MONEY, FunderContribution, Pillar, Programme
from regiodeal.projects.models import Project

from . import filters, serializers
from .errors import API_VERSION

ZERO = Value(Decimal("0.00"), output_field=DecimalField(**MONEY))


class VersionHeaderMixin:
    """Every answer says which version of the API gave it (API Design Rules)."""

    def initial(self, request, *args, **kwargs):
        # A method no resource has is a 405 for everyone, before any question of tokens.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response


class ReadOnlyViewSet(VersionHeaderMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ProgrammaViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ProgrammaSerializer
    lookup_field = "slug"

    def get_queryset(self):
        contributions = (
            FunderContribution.objects.filter(programme=OuterRef("pk"))
            .values("programme")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return Programme.objects.annotate(
            budget_total=Coalesce(Subquery(contributions), ZERO)
        ).order_by("start_date", "name")


# Ids that fit the database's integer: a longer number is no resource (404), not an overflow.
ID = r"[0-9]{1,18}"


class PijlerViewSet(ReadOnlyViewSet):
    lookup_value_regex = ID
    serializer_class = serializers.PijlerSerializer
    filterset_class = filters.PillarFilter
    queryset = Pillar.objects.select_related("programme").order_by(
        "programme__start_date", "position", "pk"
    )


def public_projects():
    # decided_amount is kept with each project at publication (after corrections).
    return (
        Project.objects.public()
        .select_related("programme", "pillar", "lead_organisation")
        .prefetch_related("partners", "places")
        .order_by("title", "pk")
    )


class ProjectViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter
    lookup_field = "slug"

    def get_queryset(self):
        return public_projects()


# The fields of a decision BesluitSerializer shows, and of the records it names.
BESLUIT_FIELDS = (
    *("title", "kind", "state", "amount", "text", "conditions", "published_at", "corrects"),
    *("project__slug", "project__title", "pillar__slug"),
    *("meeting__slug", "meeting__date", "meeting__programme__slug"),
)


@extend_schema_view(
    create=extend_schema(
        request=serializers.BesluitCreateSerializer,
        responses={201: serializers.BesluitSerializer},
        description="Record a draft decision (programme office only, with a token).",
    ),
    partial_update=extend_schema(
        request=serializers.BesluitUpdateSerializer,
        responses={200: serializers.BesluitSerializer},
        description="Change a draft decision (programme office only, with a token); "
        "adopted and published decisions cannot be changed here.",
    ),
)
class BesluitViewSet(VersionHeaderMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.BesluitSerializer
    filterset_class = filters.DecisionFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return (
            Decision.objects.published()
            .select_related("project", "pillar", "meeting__programme")
            # What BesluitSerializer shows: the projects' and programmes' long texts would
            # only travel from the database.
            .only(*BESLUIT_FIELDS)
            .prefetch_related("project__places")
            .order_by("-meeting__date", "position", "pk")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.BesluitCreateSerializer
        if self.action == "partial_update":
            return serializers.BesluitUpdateSerializer
        return serializers.BesluitSerializer

    def create(self, request, *args, **kwargs):
        form = serializers.BesluitCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        decision = decision_services.create_decision(
            meeting=data["vergadering"],
            project=data["project"],
            kind=data["soort"],
            amount=data["bedrag"],
            title=data["titel"],
            text=data["tekst"],
            conditions=data["voorwaarden"],
            user=request.user,
        )
        body = serializers.BesluitSerializer(decision, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        # The office may change its drafts, which the public list does not show.
        decision = get_object_or_404(Decision.objects.all(), pk=kwargs["pk"])
        form = serializers.BesluitUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        decision = decision_services.update_draft_decision(
            decision,
            title=data.get("titel", decision.title),
            kind=data.get("soort", decision.kind),
            amount=data.get("bedrag", decision.amount),
            text=data.get("tekst", decision.text),
            user=request.user,
        )
        body = serializers.BesluitSerializer(decision, context=self.get_serializer_context()).data
        return Response(body)


class BesluitenlijstViewSet(ReadOnlyViewSet):
    serializer_class = serializers.BesluitenlijstSerializer
    lookup_field = "meeting__slug"
    lookup_url_kwarg = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        published = Prefetch(
            "meeting__decisions",
            queryset=Decision.objects.published().order_by("position", "pk"),
            to_attr="published_decisions",
        )
        return (
            DecisionList.objects.select_related("meeting__programme")
            .prefetch_related(published)
            .order_by("-meeting__date", "pk")
        )


class OrganisatieViewSet(ReadOnlyViewSet):
    """Organisations that lead or partner in a public project, or fund a programme."""

    serializer_class = serializers.OrganisatieSerializer
    lookup_field = "slug"

    def get_queryset(self):
        public = Project.objects.public()
        return (
            Organisation.objects.filter(
                Q(Exists(public.filter(lead_organisation=OuterRef("pk"))))
                | Q(Exists(public.filter(partners=OuterRef("pk"))))
                | Q(Exists(FunderContribution.objects.filter(organisation=OuterRef("pk"))))
            )
            .select_related("municipality")
            .order_by("name", "pk")
        )


class GemeenteViewSet(ReadOnlyViewSet):
    serializer_class = serializers.GemeenteSerializer
    lookup_field = "code"
    queryset = Municipality.objects.select_related("province").order_by("code")


class OpenApiView(VersionHeaderMixin, SpectacularJSONAPIView):
    renderer_classes = [OpenApiJsonRenderer2]
