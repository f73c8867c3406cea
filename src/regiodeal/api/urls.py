"""REST API, version 1 (Dutch API Design Rules)."""

from django.urls import path, re_path
from rest_framework.routers import APIRootView, DefaultRouter

from . import views
from .docs import docs
from .errors import not_found

app_name = "api"


class Root(views.VersionHeaderMixin, APIRootView):
    """The resources of the API."""


class Router(DefaultRouter):
    APIRootView = Root
    include_format_suffixes = False

    def __init__(self) -> None:
        super().__init__(trailing_slash="")


router = Router()
router.register("programmas", views.ProgrammaViewSet, basename="programma")
router.register("pijlers", views.PijlerViewSet, basename="pijler")
router.register("projecten", views.ProjectViewSet, basename="project")
router.register("besluiten", views.BesluitViewSet, basename="besluit")
router.register("besluitenlijsten", views.BesluitenlijstViewSet, basename="besluitenlijst")
router.register("organisaties", views.OrganisatieViewSet, basename="organisatie")
router.register("gemeenten", views.GemeenteViewSet, basename="gemeente")

urlpatterns = [
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
    path("docs/", docs, name="docs"),
    *router.urls,
    re_path(r"^(?P<path>.*)$", not_found, name="not-found"),
]
