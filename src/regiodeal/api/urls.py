"""REST API, version 1 (Dutch API Design Rules)."""

from django.urls import path, re_path
from rest_framework.routers import APIRootView, DefaultRouter

from regiodeal.portal.caching import cached_public_page

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


def _cached(patterns: list) -> list:
    """Anonymous reads of the resources come from the public cache (until the next publication);
    requests with a token and writes never do."""
    for pattern in patterns:
        pattern.callback = cached_public_page(pattern.callback)
    return patterns


urlpatterns = [
    path("openapi.json", cached_public_page(views.OpenApiView.as_view()), name="openapi"),
    path("docs/", docs, name="docs"),
    *_cached(router.urls),
    re_path(r"^(?P<path>.*)$", not_found, name="not-found"),
]
