"""The product's URLs plus the benchmark's floor views under ``/_floor/`` (settings.bench only)."""

from django.urls import path

from regiodeal.core import bench_floor
from regiodeal.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("_floor/targets", bench_floor.targets, name="bench-floor-targets"),
    path("_floor/home", bench_floor.home, name="bench-floor-home"),
    path("_floor/projecten", bench_floor.project_list, name="bench-floor-projects"),
    path("_floor/zoeken", bench_floor.search, name="bench-floor-search"),
    path("_floor/projecten/<slug:slug>", bench_floor.project, name="bench-floor-project"),
    path(
        "_floor/besluitenlijsten/<slug:slug>",
        bench_floor.besluitenlijst,
        name="bench-floor-besluitenlijst",
    ),
    path("_floor/api/besluiten", bench_floor.api_decisions, name="bench-floor-api-decisions"),
    *product_urlpatterns,
]
